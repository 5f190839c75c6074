"""Schema versions. Each migration runs in one transaction, after a backup.

The version lives in SQLite's ``user_version``. Migrations are plain SQL, never
generated from the current table definitions, so that migration 1 creates
exactly the version-1 schema however the tables change later.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, text

from supervision_app.errors import VaultTooNew
from supervision_app.fileio import fsync_folder
from supervision_app.storage import my_search_index, search_index

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


def _statements(*sql: str) -> Callable[[Connection], None]:
    def apply(connection: Connection) -> None:
        for statement in sql:
            connection.execute(text(statement))

    return apply


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "vault metadata, people and sessions",
        _statements(
            """CREATE TABLE vault_meta (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            )""",
            """CREATE TABLE people (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('supervisor', 'supervisee')),
                job_title TEXT NOT NULL DEFAULT '',
                team TEXT NOT NULL DEFAULT '',
                start_date TEXT,
                newly_qualified INTEGER NOT NULL DEFAULT 0,
                is_self INTEGER NOT NULL DEFAULT 0
            )""",
            """CREATE TABLE sessions (
                id INTEGER PRIMARY KEY,
                supervisee_id INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
                scheduled_start TEXT NOT NULL,
                duration_minutes INTEGER NOT NULL DEFAULT 90,
                mode TEXT NOT NULL,
                location TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL,
                notes TEXT NOT NULL DEFAULT '',
                cancellation_reason TEXT NOT NULL DEFAULT ''
            )""",
            "CREATE INDEX sessions_by_supervisee ON sessions (supervisee_id, scheduled_start)",
        ),
    ),
    Migration(
        2,
        "agreements, session records, addenda, and locking of signed-off records",
        _statements(
            """CREATE TABLE agreements (
                supervisee_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
                data TEXT NOT NULL
            )""",
            "ALTER TABLE sessions ADD COLUMN record TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE sessions ADD COLUMN rebooked_from_id INTEGER REFERENCES sessions(id)",
            "ALTER TABLE sessions ADD COLUMN updated_at TEXT",
            """CREATE TABLE addenda (
                id TEXT PRIMARY KEY,
                session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE RESTRICT,
                written_at TEXT NOT NULL,
                data TEXT NOT NULL,
                signed_off INTEGER NOT NULL DEFAULT 0
            )""",
            "CREATE INDEX addenda_by_session ON addenda (session_id, written_at)",
            # The domain already refuses to change a signed-off record; these
            # make the database refuse too, whatever code runs against it.
            """CREATE TRIGGER signed_off_sessions_are_locked
                BEFORE UPDATE OF supervisee_id, scheduled_start, record, status ON sessions
                WHEN OLD.status = 'signed_off'
                BEGIN SELECT RAISE(ABORT, 'signed-off session is locked'); END""",
            """CREATE TRIGGER signed_off_sessions_are_kept
                BEFORE DELETE ON sessions WHEN OLD.status = 'signed_off'
                BEGIN SELECT RAISE(ABORT, 'signed-off session is locked'); END""",
            """CREATE TRIGGER signed_off_addenda_are_locked
                BEFORE UPDATE ON addenda WHEN OLD.signed_off = 1
                BEGIN SELECT RAISE(ABORT, 'signed-off addendum is locked'); END""",
            """CREATE TRIGGER signed_off_addenda_are_kept
                BEFORE DELETE ON addenda WHEN OLD.signed_off = 1
                BEGIN SELECT RAISE(ABORT, 'signed-off addendum is locked'); END""",
        ),
    ),
    Migration(
        3,
        "signing identities and signed notes",
        _statements(
            # The private keys live here, inside the encrypted database, and nowhere else.
            """CREATE TABLE signing_identities (
                person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE RESTRICT,
                name TEXT NOT NULL,
                role TEXT NOT NULL,
                certificate BLOB NOT NULL,
                private_key BLOB NOT NULL,
                fingerprint TEXT NOT NULL,
                created_at TEXT NOT NULL
            )""",
            """CREATE TABLE signed_notes (
                session_id INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE RESTRICT,
                pdf BLOB NOT NULL,
                fingerprint TEXT NOT NULL,
                signatures INTEGER NOT NULL,
                page_size TEXT NOT NULL,
                hidden_sections TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )""",
        ),
    ),
    Migration(
        4,
        "pairings, the log of packs sent and received, preparations and records received",
        _statements(
            # The other person's public key, pinned once at pairing.
            """CREATE TABLE pairings (
                person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE RESTRICT,
                their_role TEXT NOT NULL CHECK (their_role IN ('supervisor', 'supervisee')),
                public_key BLOB NOT NULL,
                fingerprint TEXT NOT NULL UNIQUE,
                certificate BLOB,
                paired_at TEXT NOT NULL
            )""",
            # Every pack made or imported, so a replayed or repeated one is refused.
            """CREATE TABLE pack_log (
                pack_id TEXT PRIMARY KEY,
                direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
                kind TEXT NOT NULL,
                peer TEXT NOT NULL,
                subject TEXT NOT NULL,
                sequence INTEGER NOT NULL,
                created_at TEXT NOT NULL,
                logged_at TEXT NOT NULL
            )""",
            "CREATE INDEX pack_log_by_peer ON pack_log (peer, direction, kind, subject, sequence)",
            """CREATE TABLE preparations (
                supervisor_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE RESTRICT,
                data TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )""",
            """CREATE TABLE received_records (
                session_uid TEXT PRIMARY KEY,
                supervisor_id INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
                data TEXT NOT NULL,
                pdf BLOB NOT NULL,
                signatures INTEGER NOT NULL,
                updated_at TEXT NOT NULL
            )""",
            "CREATE INDEX received_by_supervisor ON received_records (supervisor_id)",
        ),
    ),
    Migration(
        5,
        "records received keyed by their sender and session id, not the session id alone",
        _statements(
            # A session id is chosen by the sending install: keyed by it alone, one paired
            # supervisor could file a record under another's id and block the genuine one.
            """CREATE TABLE received_records_v5 (
                supervisor_id INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
                session_uid TEXT NOT NULL,
                data TEXT NOT NULL,
                pdf BLOB NOT NULL,
                signatures INTEGER NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (supervisor_id, session_uid)
            )""",
            """INSERT INTO received_records_v5 (supervisor_id, session_uid, data, pdf, signatures, updated_at)
                SELECT supervisor_id, session_uid, data, pdf, signatures, updated_at FROM received_records""",
            "DROP INDEX received_by_supervisor",
            "DROP TABLE received_records",
            "ALTER TABLE received_records_v5 RENAME TO received_records",
        ),
    ),
    Migration(
        6,
        "retire signing keys held in someone else's name",
        _statements(
            # Only the user's own key may sign in their name. A key this vault made for
            # someone else (a supervisee signing on the supervisor's laptop) is deleted;
            # its certificate stays, marked retired, so notes it signed can be recognised.
            # secure_delete is on, so the old bytes are overwritten, not just unlinked.
            "ALTER TABLE signing_identities ADD COLUMN retired_at TEXT",
            """UPDATE signing_identities
                SET private_key = X'', retired_at = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
                WHERE person_id NOT IN (SELECT id FROM people WHERE is_self = 1)""",
        ),
    ),
    Migration(
        7,
        "the activity log: append-only, each entry hashing the one before",
        _statements(
            # What was done and when, never what was written: no record content, no names.
            """CREATE TABLE audit_log (
                seq INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                action TEXT NOT NULL,
                subject TEXT NOT NULL DEFAULT '',
                detail TEXT NOT NULL DEFAULT '',
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL
            )""",
            """CREATE TRIGGER audit_log_is_append_only
                BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the activity log is append-only'); END""",
            """CREATE TRIGGER audit_log_is_kept
                BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the activity log is append-only'); END""",
        ),
    ),
    Migration(
        8,
        "retention: when supervision ended, reasons to keep records longer, and erasing a person",
        _statements(
            # When supervision ended, and why records are kept past retention ('' for no reason).
            """CREATE TABLE retention (
                person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE RESTRICT,
                end_date TEXT,
                keep_reason TEXT NOT NULL DEFAULT '',
                keep_recorded_on TEXT
            )""",
            # Signed-off records stay locked against deletion, except by the erasure of
            # their person: it names the person here, deletes, and empties this table again,
            # all in one transaction (storage/erasure.py).
            "CREATE TABLE erasures_in_progress (person_id INTEGER PRIMARY KEY)",
            "DROP TRIGGER signed_off_sessions_are_kept",
            """CREATE TRIGGER signed_off_sessions_are_kept
                BEFORE DELETE ON sessions WHEN OLD.status = 'signed_off'
                    AND OLD.supervisee_id NOT IN (SELECT person_id FROM erasures_in_progress)
                BEGIN SELECT RAISE(ABORT, 'signed-off session is locked'); END""",
            "DROP TRIGGER signed_off_addenda_are_kept",
            """CREATE TRIGGER signed_off_addenda_are_kept
                BEFORE DELETE ON addenda WHEN OLD.signed_off = 1
                    AND (SELECT supervisee_id FROM sessions WHERE id = OLD.session_id)
                        NOT IN (SELECT person_id FROM erasures_in_progress)
                BEGIN SELECT RAISE(ABORT, 'signed-off addendum is locked'); END""",
        ),
    ),
    Migration(
        9,
        "access requests: when each was received and when it was answered",
        _statements(
            """CREATE TABLE access_requests (
                id INTEGER PRIMARY KEY,
                person_id INTEGER NOT NULL REFERENCES people(id),
                received TEXT NOT NULL,
                exported_at TEXT
            )""",
        ),
    ),
    Migration(
        10,
        "handovers of a supervisee's record between supervisors, and pairing with another supervisor",
        _statements(
            # A pairing may now be with another supervisor ('colleague'), for handovers only.
            # Nothing refers to pairings, so the table is rebuilt with the wider check.
            """CREATE TABLE pairings_v10 (
                person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE RESTRICT,
                their_role TEXT NOT NULL CHECK (their_role IN ('supervisor', 'supervisee', 'colleague')),
                public_key BLOB NOT NULL,
                fingerprint TEXT NOT NULL UNIQUE,
                certificate BLOB,
                paired_at TEXT NOT NULL
            )""",
            """INSERT INTO pairings_v10 (person_id, their_role, public_key, fingerprint, certificate, paired_at)
                SELECT person_id, their_role, public_key, fingerprint, certificate, paired_at FROM pairings""",
            "DROP TABLE pairings",
            "ALTER TABLE pairings_v10 RENAME TO pairings",
            # Each handover sent or received. Erasing the supervisee erases these rows with them;
            # the activity log keeps the fact, by ids only.
            """CREATE TABLE handovers (
                pack_id TEXT PRIMARY KEY,
                direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
                supervisee_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
                peer_name TEXT NOT NULL,
                peer_fingerprint TEXT NOT NULL,
                handed_over_at TEXT NOT NULL,
                signers TEXT NOT NULL DEFAULT '[]',
                sessions TEXT NOT NULL DEFAULT '[]',
                logged_at TEXT NOT NULL
            )""",
            "CREATE INDEX handovers_by_supervisee ON handovers (supervisee_id)",
        ),
    ),
    Migration(
        11,
        "per-session summaries and the actions open now, and indexes the lists read without the records",
        lambda connection: _summaries(connection),
    ),
    Migration(
        12,
        "the vault owner's own CPD log for Social Work England",
        _statements(
            # The owner's own entries (never erased with someone else). A peer reflection may name
            # the supervision session it took place in, by key, without a foreign key: a session
            # here ("session:<id>") or a record received from one's supervisor
            # ("received:<supervisor id>:<uid>"); erasing that person clears the link (storage/erasure.py).
            """CREATE TABLE cpd_entries (
                id INTEGER PRIMARY KEY,
                cpd_type TEXT NOT NULL,
                title TEXT NOT NULL,
                done_on TEXT NOT NULL,
                relevance TEXT NOT NULL DEFAULT '',
                learnt TEXT NOT NULL DEFAULT '',
                impact_practice TEXT NOT NULL DEFAULT '',
                impact_people TEXT NOT NULL DEFAULT '',
                peer_reflection TEXT NOT NULL DEFAULT '',
                session_key TEXT NOT NULL DEFAULT '',
                session_on TEXT,
                saved_at TEXT NOT NULL
            )""",
            "CREATE INDEX cpd_by_day ON cpd_entries (done_on)",
        ),
    ),
    Migration(
        13,
        "search: a full-text index of every record's items, inside the encrypted vault",
        search_index.create,
    ),
    Migration(
        14,
        "signed supervision agreements: each version's PDF, kept with the agreement it shows",
        _statements(
            """CREATE TABLE agreement_pdfs (
                id INTEGER PRIMARY KEY,
                supervisee_id INTEGER NOT NULL REFERENCES people(id),
                version INTEGER NOT NULL,
                agreed_on TEXT NOT NULL,
                data TEXT NOT NULL,
                pdf BLOB NOT NULL,
                fingerprint TEXT NOT NULL,
                signatures INTEGER NOT NULL,
                UNIQUE (supervisee_id, version)
            )""",
        ),
    ),
    Migration(
        15,
        "the agreement shared: versions received from one's supervisor, and each side's review answers",
        _statements(
            # The supervisee's copy of each agreement version a supervisor sent (signed by them, then by both).
            """CREATE TABLE received_agreements (
                id INTEGER PRIMARY KEY,
                supervisor_id INTEGER NOT NULL REFERENCES people(id),
                version INTEGER NOT NULL,
                data TEXT NOT NULL,
                pdf BLOB NOT NULL,
                signatures INTEGER NOT NULL,
                UNIQUE (supervisor_id, version)
            )""",
            # A review of the agreement (toolkit section 5) with the other person: mine and their answers.
            """CREATE TABLE agreement_reviews (
                id INTEGER PRIMARY KEY,
                person_id INTEGER NOT NULL REFERENCES people(id),
                version INTEGER NOT NULL,
                data TEXT NOT NULL,
                UNIQUE (person_id, version)
            )""",
        ),
    ),
    Migration(
        16,
        "group and peer supervision: a group session's shared record, and each member's own part",
        _statements(
            """CREATE TABLE groups (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                scheduled_start TEXT NOT NULL,
                duration_minutes INTEGER NOT NULL DEFAULT 90,
                mode TEXT NOT NULL,
                location TEXT NOT NULL DEFAULT '',
                kind TEXT NOT NULL CHECK (kind IN ('supervisor_led', 'peer_led')),
                status TEXT NOT NULL,
                shared TEXT NOT NULL DEFAULT '',
                updated_at TEXT
            )""",
            """CREATE TABLE group_members (
                group_id INTEGER NOT NULL REFERENCES groups(id),
                person_id INTEGER NOT NULL REFERENCES people(id),
                position INTEGER NOT NULL,
                facilitates INTEGER NOT NULL DEFAULT 0,
                part TEXT NOT NULL DEFAULT '',
                session_id INTEGER REFERENCES sessions(id),
                PRIMARY KEY (group_id, person_id)
            )""",
            "CREATE INDEX group_members_by_person ON group_members (person_id, group_id)",
        ),
    ),
    Migration(
        17,
        "the organisation's own contacts for support, and the managers' checklist self-reviews",
        _statements(
            # Filled in once by the organisation (domain/contacts.py): categories is a JSON list of flag
            # category ids (empty: every category). About the organisation, never about a supervisee.
            """CREATE TABLE organisation_contacts (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                helps_with TEXT NOT NULL DEFAULT '',
                phone TEXT NOT NULL DEFAULT '',
                email TEXT NOT NULL DEFAULT '',
                web TEXT NOT NULL DEFAULT '',
                hours TEXT NOT NULL DEFAULT '',
                categories TEXT NOT NULL DEFAULT '[]',
                position INTEGER NOT NULL DEFAULT 0
            )""",
            # The vault owner's own periodic self-reviews against the managers' checklist
            # (domain/manager_review.py): answers is a JSON list of {standard, index, answer, note}.
            """CREATE TABLE manager_reviews (
                id INTEGER PRIMARY KEY,
                done_on TEXT NOT NULL,
                answers TEXT NOT NULL,
                saved_at TEXT NOT NULL
            )""",
        ),
    ),
    Migration(
        18,
        "the supervisee's search: a full-text index of their preparation and the records received",
        my_search_index.create,
    ),
    Migration(
        19,
        "what the history and trends show of each record, kept beside it",
        lambda connection: _history_parts(connection),
    ),
)


def _summaries(connection: Connection) -> None:
    """Migration 11: lists and the home page read narrow rows, never a record's JSON or a note's PDF.

    The indexes cover every column those queries read, so SQLite never follows a row
    into its record (sessions) or its PDF (signed notes). The summaries are backfilled
    from every stored record (storage/summaries.py keeps them after that).
    """
    from supervision_app.domain.codec import record_from_json
    from supervision_app.domain.record import SessionRecord
    from supervision_app.storage import summaries

    _statements(
        "CREATE INDEX signed_notes_states ON signed_notes (session_id, signatures, updated_at)",
        """CREATE INDEX sessions_listed ON sessions (supervisee_id, scheduled_start, id, status, duration_minutes,
            mode, location, notes, cancellation_reason, rebooked_from_id)""",
        """CREATE TABLE session_summaries (
            session_id INTEGER PRIMARY KEY REFERENCES sessions(id),
            added TEXT NOT NULL DEFAULT '[]',
            closed TEXT NOT NULL DEFAULT '[]',
            urgent_unfollowed INTEGER NOT NULL DEFAULT 0,
            agenda_received TEXT,
            open_after INTEGER NOT NULL DEFAULT 0
        )""",
        """CREATE TABLE open_actions (
            supervisee_id INTEGER NOT NULL REFERENCES people(id),
            action_id TEXT NOT NULL,
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            due INTEGER,
            supervisors BOOLEAN NOT NULL,
            PRIMARY KEY (supervisee_id, action_id)
        ) WITHOUT ROWID""",
        """CREATE TABLE supervisee_summaries (
            supervisee_id INTEGER PRIMARY KEY REFERENCES people(id),
            last_signed_off INTEGER REFERENCES sessions(id),
            last_signed_off_start TEXT,
            waiting_notes INTEGER NOT NULL DEFAULT 0,
            oldest_waiting INTEGER REFERENCES sessions(id),
            oldest_waiting_day TEXT,
            oldest_waiting_signed TEXT
        )""",
        "DROP INDEX sessions_by_supervisee",  # the first two columns of sessions_listed
        # The home page's: sessions still open (drafts and bookings), and the sessions of recent days.
        """CREATE INDEX sessions_open ON sessions (supervisee_id, scheduled_start, id, status)
            WHERE status IN ('draft', 'scheduled')""",
        "CREATE INDEX sessions_by_day ON sessions (scheduled_start, status, supervisee_id, id)",
    )(connection)
    people = set()
    for session_id, supervisee_id, record in connection.execute(text(
            "SELECT id, supervisee_id, record FROM sessions")):
        summaries.store_summary(connection, session_id, summaries.summarise(
            record_from_json(record) if record else SessionRecord()))
        people.add(supervisee_id)
    for supervisee_id in sorted(people):
        summaries.sessions_changed(connection, supervisee_id)


def _history_parts(connection: Connection) -> None:
    """Migration 19: the history reads a narrow row per session, never a record (storage/history_parts.py).

    Filled from every stored record; a record that cannot be read stops the migration (and so the vault
    opening), as migration 11's summaries do.
    """
    from supervision_app.domain.codec import record_from_json
    from supervision_app.domain.history import session_parts
    from supervision_app.domain.record import SessionRecord
    from supervision_app.storage import history_parts

    _statements(
        """CREATE TABLE session_history (
            session_id INTEGER PRIMARY KEY REFERENCES sessions(id),
            protection TEXT NOT NULL DEFAULT 'not_recorded',
            checkin TEXT NOT NULL DEFAULT 'none',
            ratings TEXT NOT NULL DEFAULT '{}',
            flags TEXT NOT NULL DEFAULT '[]',
            agreed INTEGER NOT NULL DEFAULT 0,
            done INTEGER NOT NULL DEFAULT 0,
            in_progress INTEGER NOT NULL DEFAULT 0,
            carried_forward INTEGER NOT NULL DEFAULT 0,
            dropped INTEGER NOT NULL DEFAULT 0
        )""",
    )(connection)
    for session_id, record in connection.execute(text("SELECT id, record FROM sessions")):
        history_parts.store_parts(connection, session_id, session_parts(
            record_from_json(record) if record else SessionRecord()))


def latest_version(migrations: Sequence[Migration] = MIGRATIONS) -> int:
    return migrations[-1].version if migrations else 0


def schema_version(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("PRAGMA user_version")).scalar_one())


def migrate(
    engine: Engine,
    database: Path,
    backups_dir: Path,
    migrations: Sequence[Migration] = MIGRATIONS,
) -> Path | None:
    """Bring the database to the latest version; return the backup taken, if any.

    A database newer than this app is refused before anything is written. An
    existing database is backed up (still encrypted: the backup is a copy of
    the file's bytes) before the first migration runs. Each migration and its
    version bump commit together, so a failure leaves the previous version.
    """
    current = schema_version(engine)
    target = latest_version(migrations)
    if current > target:
        raise VaultTooNew()
    if current == target:
        return None
    backup = _backup(engine, database, backups_dir, current) if current > 0 else None
    for migration in migrations:
        if migration.version <= current:
            continue
        with engine.begin() as connection:
            migration.apply(connection)
            connection.execute(text(f"PRAGMA user_version = {int(migration.version)}"))
        log.info("Vault schema migrated to version %d (%s)", migration.version, migration.description)
    return backup


def _backup(engine: Engine, database: Path, backups_dir: Path, version: int) -> Path:
    # Fold the write-ahead log into the main file so one file holds everything.
    # Outside any transaction (a checkpoint cannot run inside one), so on the
    # driver's connection directly.
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        assert driver is not None  # (the connection is open)
        driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    backups_dir.mkdir(mode=0o700, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backups_dir / f"vault-v{version}-{stamp}.db"
    partial = target.with_suffix(".partial")
    shutil.copyfile(database, partial)
    partial.replace(target)
    fsync_folder(backups_dir)
    log.info("Encrypted backup taken before migrating from schema version %d", version)
    return target
