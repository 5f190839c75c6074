"""The full-text search index, inside the encrypted vault (migration 12).

``search_items`` holds each searchable piece of a record (``domain/search.py``)
with its session; ``search_index`` is an FTS5 index over it (external content,
tokenizer ``unicode61 remove_diacritics 2``, so "Zoe" finds "Zoë"), kept in step by
triggers. Both are tables of the SQLCipher database, so the index is encrypted
with everything else, and temporary data stays in memory (``temp_store``).

The record store calls :func:`index_session`, :func:`index_addendum` and
:func:`forget_item` in the transaction of each save, so the index never
disagrees with the records. FTS5's ``secure-delete`` option removes a deleted
item's words from the index at once instead of leaving them until a merge, and
an erasure rebuilds the index whole (``ERASURE_STEPS``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text

from supervision_app.domain.codec import from_json, record_from_json
from supervision_app.domain.record import Addendum, SessionRecord
from supervision_app.domain.search import (
    SearchFilters,
    SearchHit,
    SearchItem,
    SearchKind,
    addendum_item,
    match_expression,
    query_terms,
    record_items,
    snippet,
)

if TYPE_CHECKING:
    from supervision_app.storage.records import SqlRecordStore

# Migration 12's schema, as it was made: change it with a new migration, never here.
SCHEMA = (
    """CREATE TABLE search_items (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE RESTRICT,
        kind TEXT NOT NULL,
        item_id TEXT NOT NULL,
        private INTEGER NOT NULL DEFAULT 0,
        body TEXT NOT NULL
    )""",
    "CREATE INDEX search_items_by_session ON search_items (session_id, kind)",
    "CREATE INDEX search_items_by_item ON search_items (item_id)",
    """CREATE VIRTUAL TABLE search_index USING fts5(
        body, content = 'search_items', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2')""",
    "INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 1)",
    """CREATE TRIGGER search_items_added AFTER INSERT ON search_items BEGIN
        INSERT INTO search_index (rowid, body) VALUES (new.id, new.body); END""",
    """CREATE TRIGGER search_items_removed AFTER DELETE ON search_items BEGIN
        INSERT INTO search_index (search_index, rowid, body) VALUES ('delete', old.id, old.body); END""",
    """CREATE TRIGGER search_items_changed AFTER UPDATE ON search_items BEGIN
        INSERT INTO search_index (search_index, rowid, body) VALUES ('delete', old.id, old.body);
        INSERT INTO search_index (rowid, body) VALUES (new.id, new.body); END""",
)

# Rewrites the index from search_items alone, so nothing of a deleted item is left in its pages.
REBUILD = "INSERT INTO search_index (search_index) VALUES ('rebuild')"

MAX_HITS = 100  # newest first; more than a person reads in a list: the filters narrow it


def create(connection: Connection) -> None:
    """Migration 12: the tables, and every record and addendum already in the vault indexed."""
    for statement in SCHEMA:
        connection.execute(text(statement))
    for session_id, record in connection.execute(text("SELECT id, record FROM sessions WHERE record != ''")):
        index_session(connection, session_id, record_from_json(record))
    for session_id, data in connection.execute(text("SELECT session_id, data FROM addenda")):
        index_addendum(connection, session_id, from_json(Addendum, data))


def _has_index(connection: Connection) -> bool:
    """Whether the vault has the index yet: a vault made before migration 12 (as tests make them) has none,
    and gets it, whole, when it is migrated."""
    return connection.execute(text(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_items'")).first() is not None


def index_session(connection: Connection, session_id: int, record: SessionRecord) -> None:
    """Replace the session's indexed items (not its addenda) with those of ``record``."""
    if not _has_index(connection):
        return
    connection.execute(text("DELETE FROM search_items WHERE session_id = :session AND kind != :addendum"),
                       {"session": session_id, "addendum": SearchKind.ADDENDUM.value})
    _insert(connection, session_id, record_items(record))


def index_addendum(connection: Connection, session_id: int, addendum: Addendum) -> None:
    if not _has_index(connection):
        return
    forget_item(connection, addendum.id)
    _insert(connection, session_id, [addendum_item(addendum)])


def forget_item(connection: Connection, item_id: str) -> None:
    if not _has_index(connection):
        return
    connection.execute(text("DELETE FROM search_items WHERE item_id = :item"), {"item": item_id})


def _insert(connection: Connection, session_id: int, items: list[SearchItem]) -> None:
    rows = [{"session": session_id, "kind": item.kind.value, "item": item.item_id, "private": item.private,
             "body": item.text} for item in items if item.text]
    if rows:
        connection.execute(text("INSERT INTO search_items (session_id, kind, item_id, private, body) "
                                "VALUES (:session, :kind, :item, :private, :body)"), rows)


def day_range(conditions: list[str], values: dict[str, object], column: str, start: date | None,
              end: date | None) -> None:
    """Add to a search's conditions: ``column`` (an ISO date and time) on or after ``start`` and on or before
    ``end``, whole days (either may be ``None``)."""
    if start is not None:
        conditions.append(f"{column} >= :start")
        values["start"] = start.isoformat()
    if end is not None:
        conditions.append(f"{column} < date(:end, '+1 day')")
        values["end"] = end.isoformat()


def search(store: SqlRecordStore, query: str, filters: SearchFilters | None = None,
           limit: int = MAX_HITS, offset: int = 0, snippets: bool = True) -> list[SearchHit]:
    """The items matching every word of ``query`` (accents and case aside), newest session first, from the
    ``offset``-th.

    The snippet is made here from the item's text (``domain/search.snippet``) rather than by FTS5's
    ``snippet()``, which SQLite would work out for every match before sorting and keeping ``limit``:
    a tenth of the time per hit. With ``snippets=False`` each hit carries its item's text instead, for
    the caller to make the snippets of the hits it shows (the search window: the rows painted)."""
    expression = match_expression(query)
    if expression is None:
        return []
    filters = filters or SearchFilters()
    conditions = ["search_index MATCH :match"]
    values: dict[str, object] = {"match": expression, "limit": limit, "offset": offset}
    if filters.supervisee_id is not None:
        conditions.append("s.supervisee_id = :person")
        values["person"] = filters.supervisee_id
    day_range(conditions, values, "s.scheduled_start", filters.start, filters.end)
    if filters.kind is not None:
        conditions.append("i.kind = :kind")
        values["kind"] = filters.kind.value
    statement = text(
        "SELECT i.session_id, s.supervisee_id, p.name, s.scheduled_start, i.kind, i.item_id, i.private, i.body "
        "FROM search_index JOIN search_items i ON i.id = search_index.rowid "
        "JOIN sessions s ON s.id = i.session_id JOIN people p ON p.id = s.supervisee_id "
        f"WHERE {' AND '.join(conditions)} ORDER BY s.scheduled_start DESC, i.id LIMIT :limit OFFSET :offset")
    with store.transaction() as connection:
        rows = connection.execute(statement, values).all()
    terms = query_terms(query)
    return [SearchHit(row.session_id, row.supervisee_id, row.name, datetime.fromisoformat(row.scheduled_start),
                      SearchKind(row.kind), row.item_id, snippet(row.body, terms) if snippets else "",
                      bool(row.private), "" if snippets else row.body)
            for row in rows]
