"""Erasing one person and everything about them from the vault, then compacting the file.

:data:`ERASURE_STEPS` says, for every table that can hold something about a
person, how their rows are found; :data:`NOT_ABOUT_A_PERSON` lists the tables
that hold nothing about anyone, and why. Every table in the schema is in one of
the two (``tests/test_erasure.py`` walks the schema), so a new table with
person data cannot be forgotten: add its step here, before the rows it
references are deleted.

Signed-off sessions and addenda are kept by triggers; the erasure names the
person in ``erasures_in_progress`` for the length of its transaction, which
lets those triggers allow this one deletion (migration 8).
"""

from __future__ import annotations

from sqlalchemy import Engine, text

from supervision_app.storage import my_search_index, search_index
from supervision_app.storage.engine import translate_database_error
from supervision_app.storage.records import IDS_USED_KEY, SqlRecordStore

_OF_THEIR_SESSIONS = "(SELECT id FROM sessions WHERE supervisee_id = :person)"

ERASURE_STEPS: tuple[tuple[str, str], ...] = (
    # Packs exchanged with them: by their pinned key, and records about their sessions
    # (a session's exchange id is the vault's exchange id and the session id, as
    # ExchangeService.session_uid makes it).
    ("pack_log", "DELETE FROM pack_log WHERE peer IN (SELECT fingerprint FROM pairings WHERE person_id = :person) "
                 "OR subject IN (SELECT (SELECT value FROM vault_meta WHERE key = 'exchange_id') || '-' || id "
                 "FROM sessions WHERE supervisee_id = :person)"),
    # The owner's own CPD entries stay (they are the owner's, who is never erased): only an entry's
    # link to a session with the erased person goes, here or received from them (migration 13).
    ("cpd_entries", "UPDATE cpd_entries SET session_key = '', session_on = NULL "
                    "WHERE session_key IN (SELECT 'session:' || id FROM sessions WHERE supervisee_id = :person) "
                    "OR session_key LIKE 'received:' || :person || ':%'"),
    ("signed_notes", f"DELETE FROM signed_notes WHERE session_id IN {_OF_THEIR_SESSIONS}"),
    ("addenda", f"DELETE FROM addenda WHERE session_id IN {_OF_THEIR_SESSIONS}"),
    # What lists and the home page read from their records (storage/summaries.py).
    ("session_summaries", f"DELETE FROM session_summaries WHERE session_id IN {_OF_THEIR_SESSIONS}"),
    ("session_history", f"DELETE FROM session_history WHERE session_id IN {_OF_THEIR_SESSIONS}"),
    ("open_actions", "DELETE FROM open_actions WHERE supervisee_id = :person"),
    ("supervisee_summaries", "DELETE FROM supervisee_summaries WHERE supervisee_id = :person"),
    # The search index: their items, then the index rewritten from the items left, so no page keeps a word
    # of theirs (its FTS5 shadow tables are part of search_index).
    ("search_items", f"DELETE FROM search_items WHERE session_id IN {_OF_THEIR_SESSIONS}"),
    ("search_index", search_index.REBUILD),
    # Their part of each group session, with the link to their record of it (migration 16); a group left
    # with no members goes whole (its shared record names nobody else's part).
    ("group_members", "DELETE FROM group_members WHERE person_id = :person"),
    ("groups", "DELETE FROM groups WHERE id NOT IN (SELECT group_id FROM group_members)"),
    # Sessions carry the records: agenda, discussion, actions, wellbeing flags, sign-off.
    ("sessions", "DELETE FROM sessions WHERE supervisee_id = :person"),
    ("agreement_pdfs", "DELETE FROM agreement_pdfs WHERE supervisee_id = :person"),
    ("received_agreements", "DELETE FROM received_agreements WHERE supervisor_id = :person"),
    ("agreement_reviews", "DELETE FROM agreement_reviews WHERE person_id = :person"),
    ("agreements", "DELETE FROM agreements WHERE supervisee_id = :person"),
    ("pairings", "DELETE FROM pairings WHERE person_id = :person"),
    ("signing_identities", "DELETE FROM signing_identities WHERE person_id = :person"),
    # On a supervisee's own install, a supervisor's rows: first their search items, then that index rewritten.
    ("my_search_items", "DELETE FROM my_search_items WHERE supervisor_id = :person"),
    ("my_search_index", my_search_index.REBUILD),
    ("preparations", "DELETE FROM preparations WHERE supervisor_id = :person"),
    ("received_records", "DELETE FROM received_records WHERE supervisor_id = :person"),
    ("retention", "DELETE FROM retention WHERE person_id = :person"),
    # Handovers of their record to or from another supervisor (the activity log keeps the fact, by ids).
    ("handovers", "DELETE FROM handovers WHERE supervisee_id = :person"),
    # The dates of their access requests (the activity log keeps, by id, that each was answered).
    ("access_requests", "DELETE FROM access_requests WHERE person_id = :person"),
    ("people", "DELETE FROM people WHERE id = :person AND is_self = 0"),
)

NOT_ABOUT_A_PERSON: dict[str, str] = {
    "vault_meta": "the vault's own settings: its id, the backup folder, the organisation, the log's head",
    "audit_log": "ids and fixed words only, never a name or content; an erased person's id stays on record",
    "erasures_in_progress": "empty outside the erasing transaction",
    "organisation_contacts": "the organisation's services for support (EAP, union, HR), not a person's record",
    "manager_reviews": "the owner's own self-reviews against the managers' checklist (the owner is never erased)",
}


def erase_rows(store: SqlRecordStore, person_id: int) -> dict[str, int]:
    """Delete every row about ``person_id`` in one transaction (the caller's, if open); rows deleted by table."""
    counts: dict[str, int] = {}
    with store.transaction() as connection:
        connection.execute(text("INSERT INTO erasures_in_progress (person_id) VALUES (:person)"),
                           {"person": person_id})
        for table in ("people", "sessions"):  # their ids are never used again (the log names them)
            connection.execute(text(
                f"INSERT INTO vault_meta (key, value) SELECT :key, COALESCE(MAX(id), 0) FROM {table} WHERE true "
                "ON CONFLICT (key) DO UPDATE SET value = MAX(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER))"),
                {"key": IDS_USED_KEY.format(table=table)})
        for table, statement in ERASURE_STEPS:
            counts[table] = connection.execute(text(statement), {"person": person_id}).rowcount
        connection.execute(text("DELETE FROM erasures_in_progress"))
    return counts


def compact(engine: Engine) -> None:
    """Fold any write-ahead log into the file and rebuild it (VACUUM), leaving no free pages behind.

    Deleted rows were already overwritten (``secure_delete``); this also drops
    the pages they were on. Run outside any transaction, on the driver's
    connection (SQLAlchemy would open a transaction first, and VACUUM cannot
    run inside one).
    """
    try:
        with engine.connect() as connection:
            driver = connection.connection.driver_connection
            assert driver is not None  # (the connection is open)
            driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            driver.execute("VACUUM")
    except Exception as error:
        translated = translate_database_error(error)
        if translated is None:
            raise
        raise translated from error
