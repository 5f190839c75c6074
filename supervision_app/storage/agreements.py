"""Signed versions of each supervisee's agreement (migration 14); the agreement itself is in ``agreements``.

On a supervisee's install, the versions received from their supervisor, and on both, the reviews of an
agreement with the other person's answers (migration 15).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from supervision_app.domain.agreement import Agreement, ReceivedAgreement, SignedAgreement
from supervision_app.domain.codec import from_json, to_json
from supervision_app.domain.review import AgreementReview
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


def version_of(store: SqlRecordStore, supervisee_id: int, version: int) -> SignedAgreement | None:
    return next((v for v in versions(store, supervisee_id) if v.version == version), None)


def keep_countersigned(store: SqlRecordStore, supervisee_id: int, version: int, pdf: bytes) -> None:
    """Keep the version's PDF as signed by both (it replaces the one signed by the supervisor alone)."""
    table = tables.agreement_pdfs
    with store.transaction() as connection:
        connection.execute(table.update().where(table.c.supervisee_id == supervisee_id,
                                                table.c.version == version).values(pdf=pdf, signatures=2))


# --- the supervisee's side: versions received from their supervisor -------------------------


def save_received(store: SqlRecordStore, received: ReceivedAgreement, pdf: bytes, signatures: int) -> None:
    values = {"data": to_json(received), "pdf": pdf, "signatures": signatures}
    statement = sqlite_insert(tables.received_agreements).values(
        supervisor_id=received.supervisor_id, version=received.version, **values)
    statement = statement.on_conflict_do_update(index_elements=["supervisor_id", "version"], set_=values)
    with store.transaction() as connection:
        connection.execute(statement)


def received(store: SqlRecordStore, supervisor_id: int) -> list[tuple[ReceivedAgreement, bytes, int]]:
    """Every version received from the supervisor, oldest first, with its PDF and how many have signed it."""
    table = tables.received_agreements
    with store.transaction() as connection:
        rows = connection.execute(select(table).where(table.c.supervisor_id == supervisor_id)
                                  .order_by(table.c.version)).mappings().all()
    return [(from_json(ReceivedAgreement, row["data"]), bytes(row["pdf"]), row["signatures"]) for row in rows]


def latest_received(store: SqlRecordStore, supervisor_id: int) -> tuple[ReceivedAgreement, bytes, int] | None:
    found = received(store, supervisor_id)
    return found[-1] if found else None


# --- reviews with the other person (both sides) ------------------------------------------------


def review(store: SqlRecordStore, person_id: int, version: int) -> AgreementReview | None:
    table = tables.agreement_reviews
    with store.transaction() as connection:
        data = connection.execute(select(table.c.data).where(table.c.person_id == person_id,
                                                             table.c.version == version)).scalar_one_or_none()
    return from_json(AgreementReview, data) if data is not None else None


def reviews(store: SqlRecordStore, person_id: int) -> list[AgreementReview]:
    """Every review of an agreement with the person, oldest version first."""
    table = tables.agreement_reviews
    with store.transaction() as connection:
        rows = connection.execute(select(table.c.data).where(table.c.person_id == person_id)
                                  .order_by(table.c.version)).scalars().all()
    return [from_json(AgreementReview, data) for data in rows]


def save_review(store: SqlRecordStore, person_id: int, kept: AgreementReview) -> None:
    statement = sqlite_insert(tables.agreement_reviews).values(person_id=person_id, version=kept.version,
                                                               data=to_json(kept))
    statement = statement.on_conflict_do_update(index_elements=["person_id", "version"],
                                                set_={"data": to_json(kept)})
    with store.transaction() as connection:
        connection.execute(statement)


def _signed(row: Any) -> SignedAgreement:
    return SignedAgreement(from_json(Agreement, row["data"]), row["version"], date.fromisoformat(row["agreed_on"]),
                           bytes(row["pdf"]), row["fingerprint"], row["signatures"])
