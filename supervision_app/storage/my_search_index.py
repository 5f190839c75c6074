"""The supervisee's own search index, inside the encrypted vault (migration 18).

``my_search_items`` holds each searchable piece of the user's preparation for a
supervisor and of the records received from them (``domain/my_search.py``);
``my_search_index`` is an FTS5 index over it, made as the supervisor's
(``storage/search_index.py``: tokenizer ``unicode61 remove_diacritics 2``,
``secure-delete``, triggers). The record store calls :func:`index_preparation`
and :func:`index_received` in the transaction of each save of a preparation or
a record received, so the index never disagrees with them; erasing the
supervisor deletes their items and rebuilds the index (``storage/erasure.py``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text

from supervision_app.domain.codec import from_json
from supervision_app.domain.exchange import Preparation, ReceivedRecord
from supervision_app.domain.my_search import MyHit, MyItem, MyKind, preparation_items, received_items
from supervision_app.domain.search import match_expression, query_terms, snippet
from supervision_app.storage.search_index import MAX_HITS, day_range

if TYPE_CHECKING:
    from supervision_app.storage.records import SqlRecordStore

log = logging.getLogger(__name__)

# Migration 18's schema, as it was made: change it with a new migration, never here.
SCHEMA = (
    """CREATE TABLE my_search_items (
        id INTEGER PRIMARY KEY,
        supervisor_id INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
        session_uid TEXT NOT NULL DEFAULT '',
        session_start TEXT,
        kind TEXT NOT NULL,
        item_id TEXT NOT NULL,
        private INTEGER NOT NULL DEFAULT 0,
        body TEXT NOT NULL
    )""",
    "CREATE INDEX my_search_items_by_source ON my_search_items (supervisor_id, session_uid)",
    """CREATE VIRTUAL TABLE my_search_index USING fts5(
        body, content = 'my_search_items', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2')""",
    "INSERT INTO my_search_index (my_search_index, rank) VALUES ('secure-delete', 1)",
    """CREATE TRIGGER my_search_items_added AFTER INSERT ON my_search_items BEGIN
        INSERT INTO my_search_index (rowid, body) VALUES (new.id, new.body); END""",
    """CREATE TRIGGER my_search_items_removed AFTER DELETE ON my_search_items BEGIN
        INSERT INTO my_search_index (my_search_index, rowid, body) VALUES ('delete', old.id, old.body); END""",
    """CREATE TRIGGER my_search_items_changed AFTER UPDATE ON my_search_items BEGIN
        INSERT INTO my_search_index (my_search_index, rowid, body) VALUES ('delete', old.id, old.body);
        INSERT INTO my_search_index (rowid, body) VALUES (new.id, new.body); END""",
)

REBUILD = "INSERT INTO my_search_index (my_search_index) VALUES ('rebuild')"
PREPARATION = ""  # the session_uid of a preparation's items


@dataclass(frozen=True)
class MyFilters:
    supervisor_id: int | None = None
    start: date | None = None  # records of sessions on or after this day (the preparation has no day)
    end: date | None = None


def create(connection: Connection) -> None:
    """Migration 18: the tables, and every preparation and record received already in the vault indexed."""
    for statement in SCHEMA:
        connection.execute(text(statement))
    for supervisor_id, data in connection.execute(text("SELECT supervisor_id, data FROM preparations")).all():
        index_preparation(connection, supervisor_id, from_json(Preparation, data))
    for data, pdf in connection.execute(text("SELECT data, pdf FROM received_records")).all():
        index_received(connection, from_json(ReceivedRecord, data), bytes(pdf))


def _has_index(connection: Connection) -> bool:
    return connection.execute(text(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'my_search_items'")).first() is not None


def note_text(pdf: bytes) -> str:
    """The text of a signed note, page by page, as a reader would copy it."""
    import pypdfium2 as pdfium  # here: only indexing a note received needs it

    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError:
        # A note that cannot be read (kept damaged by an older version, say) leaves its text out of the index;
        # the record itself, its actions and the vault still open. No personal data in the message.
        log.warning("A received note could not be read for the search index; its text will not be found")
        return ""
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\n".join(pages)
    finally:
        document.close()


def index_preparation(connection: Connection, supervisor_id: int, preparation: Preparation) -> None:
    """Replace the items of the preparation for ``supervisor_id`` with those of ``preparation``."""
    if not _has_index(connection):
        return
    _replace(connection, supervisor_id, PREPARATION, None, preparation_items(preparation))


def index_received(connection: Connection, record: ReceivedRecord, pdf: bytes) -> None:
    """Replace the items of a record received with those of ``record`` and its signed note."""
    if not _has_index(connection):
        return
    _replace(connection, record.supervisor_id, record.session_uid, record.session_start,
             received_items(record, note_text(pdf)))


def _replace(connection: Connection, supervisor_id: int, session_uid: str, start: datetime | None,
             items: list[MyItem]) -> None:
    connection.execute(text("DELETE FROM my_search_items WHERE supervisor_id = :supervisor AND session_uid = :uid"),
                       {"supervisor": supervisor_id, "uid": session_uid})
    rows = [{"supervisor": supervisor_id, "uid": session_uid, "start": start.isoformat() if start else None,
             "kind": item.kind.value, "item": item.item_id, "private": item.private, "body": item.text}
            for item in items]
    if rows:
        connection.execute(text(
            "INSERT INTO my_search_items (supervisor_id, session_uid, session_start, kind, item_id, private, body) "
            "VALUES (:supervisor, :uid, :start, :kind, :item, :private, :body)"), rows)


def search_mine(store: SqlRecordStore, query: str, filters: MyFilters | None = None,
                limit: int = MAX_HITS) -> list[MyHit]:
    """The user's own items matching every word of ``query`` (accents and case aside): the preparation first,
    then the records received, newest session first. A day filter leaves the preparation out."""
    expression = match_expression(query)
    filters = filters or MyFilters()
    if expression is None:
        return []
    conditions = ["my_search_index MATCH :match"]
    values: dict[str, object] = {"match": expression, "limit": limit}
    if filters.supervisor_id is not None:
        conditions.append("i.supervisor_id = :supervisor")
        values["supervisor"] = filters.supervisor_id
    day_range(conditions, values, "i.session_start", filters.start, filters.end)
    statement = text(
        "SELECT i.supervisor_id, p.name, i.session_uid, i.session_start, i.kind, i.item_id, i.private, i.body "
        "FROM my_search_index JOIN my_search_items i ON i.id = my_search_index.rowid "
        "JOIN people p ON p.id = i.supervisor_id "
        f"WHERE {' AND '.join(conditions)} "
        "ORDER BY i.session_uid != '', i.session_start DESC, i.id LIMIT :limit")
    with store.transaction() as connection:
        if not _has_index(connection):
            return []
        rows = connection.execute(statement, values).all()
    terms = query_terms(query)
    return [MyHit(row.supervisor_id, row.name, row.session_uid or None,
                  datetime.fromisoformat(row.session_start) if row.session_start else None,
                  MyKind(row.kind), row.item_id, snippet(row.body, terms), bool(row.private)) for row in rows]


__all__ = ["REBUILD", "SCHEMA", "MyFilters", "create", "index_preparation", "index_received", "note_text",
           "search_mine"]
