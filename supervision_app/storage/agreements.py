"""Signed versions of each supervisee's agreement (migration 14); the agreement itself is in ``agreements``."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select

from supervision_app.domain.agreement import Agreement, SignedAgreement
from supervision_app.domain.codec import from_json, to_json
from supervision_app.storage import tables
from supervision_app.storage.records import SqlRecordStore


def versions(store: SqlRecordStore, supervisee_id: int) -> list[SignedAgreement]:
    """Every signed version of the supervisee's agreement, oldest first."""
    table = tables.agreement_pdfs
    with store.transaction() as connection:
        rows = connection.execute(select(table).where(table.c.supervisee_id == supervisee_id)
                                  .order_by(table.c.version)).mappings().all()
    return [_signed(row) for row in rows]


def latest(store: SqlRecordStore, supervisee_id: int) -> SignedAgreement | None:
    found = versions(store, supervisee_id)
    return found[-1] if found else None


def add_version(store: SqlRecordStore, agreement: Agreement, agreed_on: date, pdf: bytes, fingerprint: str,
                signatures: int) -> SignedAgreement:
    """Keep a new signed version, numbered after the last; earlier versions stay."""
    table = tables.agreement_pdfs
    with store.transaction() as connection:
        last = connection.execute(select(func.max(table.c.version))
                                  .where(table.c.supervisee_id == agreement.supervisee_id)).scalar_one()
        version = int(last or 0) + 1
        connection.execute(table.insert().values(
            supervisee_id=agreement.supervisee_id, version=version, agreed_on=agreed_on.isoformat(),
            data=to_json(agreement), pdf=pdf, fingerprint=fingerprint, signatures=signatures))
    return SignedAgreement(agreement, version, agreed_on, pdf, fingerprint, signatures)


def _signed(row: Any) -> SignedAgreement:
    return SignedAgreement(from_json(Agreement, row["data"]), row["version"], date.fromisoformat(row["agreed_on"]),
                           bytes(row["pdf"]), row["fingerprint"], row["signatures"])
