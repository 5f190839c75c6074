"""The organisation's contacts for support: one row each, in the order the organisation keeps them (migration 17)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, func, select, update

from supervision_app.domain.contacts import OrganisationContact
from supervision_app.storage import tables
from supervision_app.storage.records import SqlRecordStore

_TABLE = tables.organisation_contacts


def contacts(store: SqlRecordStore) -> list[OrganisationContact]:
    """Every contact, in the organisation's order."""
    with store.transaction() as connection:
        rows = connection.execute(select(_TABLE).order_by(_TABLE.c.position, _TABLE.c.id)).mappings().all()
    return [_contact(row) for row in rows]


def save(store: SqlRecordStore, contact: OrganisationContact) -> OrganisationContact:
    """Add ``contact`` (no id yet) at the end, or replace the one with its id; the contact as saved."""
    values = _row(contact)
    with store.transaction() as connection:
        if contact.id is None:
            last = connection.execute(select(func.max(_TABLE.c.position))).scalar_one_or_none()
            new_id = connection.execute(_TABLE.insert().values(**values, position=(last or 0) + 1)
                                        ).inserted_primary_key
            assert new_id is not None
            contact.id = int(new_id[0])
            return contact
        changed = connection.execute(update(_TABLE).where(_TABLE.c.id == contact.id).values(**values)).rowcount
    if changed != 1:
        raise KeyError(contact.id)
    return contact


def remove(store: SqlRecordStore, contact_id: int) -> None:
    with store.transaction() as connection:
        connection.execute(delete(_TABLE).where(_TABLE.c.id == contact_id))


def _row(contact: OrganisationContact) -> dict[str, Any]:
    return {"name": contact.name, "helps_with": contact.helps_with, "phone": contact.phone,
            "email": contact.email, "web": contact.web, "hours": contact.hours,
            "categories": json.dumps(list(contact.categories))}


def _contact(row: Any) -> OrganisationContact:
    categories = json.loads(row["categories"])
    return OrganisationContact(row["name"], row["helps_with"], row["phone"], row["email"], row["web"], row["hours"],
                               tuple(str(c) for c in categories), id=row["id"])
