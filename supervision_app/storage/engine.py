"""Opening the encrypted database, and telling damage from environment problems."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, NoReturn

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from supervision_app.errors import (
    DiskError,
    DiskFull,
    ReadOnlyLocation,
    VaultDamaged,
    VaultError,
    VaultInUse,
)

log = logging.getLogger(__name__)

# Applied to every connection, before anything is read. temp_store keeps
# SQLite's temporary tables and sort files in memory, so no plaintext spills to
# a temp file; secure_delete overwrites deleted records instead of leaving them
# in free pages.
#
# A rollback journal, not WAL: every committed page is in vault.db itself,
# where SQLCipher's per-page HMAC catches any damage, and the journal only ever
# holds the pages of a transaction that has not committed. In WAL mode a damaged
# frame in an uncheckpointed log silently ends the log there, dropping every
# later commit with no error. DELETE with synchronous=EXTRA also syncs the
# folder after the journal is deleted, so a commit survives a power cut.
JOURNAL_PRAGMAS = ("journal_mode = DELETE", "synchronous = EXTRA")
_CONNECTION_PRAGMAS = (
    # SQLCipher would otherwise print its own errors to the terminal; the app
    # reports damage itself, in one sentence.
    "cipher_log_level = NONE",
    "cipher_memory_security = ON",
    "temp_store = MEMORY",
    "secure_delete = ON",
    "foreign_keys = ON",
    *JOURNAL_PRAGMAS,
    "busy_timeout = 2000",
)


def open_engine(database: Path, data_key: bytes, database_salt: bytes) -> Engine:
    """An engine whose every connection is keyed and configured.

    The key is handed to SQLCipher as a raw key with its salt (``x'…'``), so
    SQLCipher runs no key derivation of its own: the slow derivation has
    already happened once, in the key file.
    """
    raw_key = f"x'{data_key.hex()}{database_salt.hex()}'"
    url = URL.create("sqlite+pysqlcipher", password=raw_key, database=str(database))
    # hide_parameters keeps record contents out of exception messages, and so
    # out of logs and crash reports.
    engine = create_engine(url, hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: object) -> None:  # (sqlcipher3 has no types)
        # Take transaction control away from the driver, which would otherwise
        # commit before every DDL statement; SQLAlchemy's "begin" event below
        # opens each transaction itself, so a migration is all or nothing.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            for pragma in _CONNECTION_PRAGMAS:
                cursor.execute(f"PRAGMA {pragma}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def integrity_problems(engine: Engine) -> list[str]:
    """Run SQLCipher's page check and SQLite's structure check; return what is wrong."""
    with engine.connect() as connection:
        problems = [str(row[0]) for row in connection.execute(text("PRAGMA cipher_integrity_check"))]
        structure = [str(row[0]) for row in connection.execute(text("PRAGMA integrity_check"))]
    if structure != ["ok"]:
        problems.extend(structure)
    return problems


# SQLite's primary result codes (the low byte of an extended code), as the
# driver reports them on every exception in ``sqlite_errorcode``.
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26

_ENVIRONMENT: dict[int, type[VaultError]] = {
    SQLITE_FULL: DiskFull,
    SQLITE_READONLY: ReadOnlyLocation,
    SQLITE_PERM: ReadOnlyLocation,
    SQLITE_CANTOPEN: ReadOnlyLocation,
    SQLITE_BUSY: VaultInUse,
    SQLITE_LOCKED: VaultInUse,
    SQLITE_IOERR: DiskError,
    SQLITE_CORRUPT: VaultDamaged,
    SQLITE_NOTADB: VaultDamaged,
}


def sqlite_error_code(error: BaseException) -> int | None:
    """The SQLite (extended) result code behind a driver or SQLAlchemy error, if it carries one."""
    code = getattr(getattr(error, "orig", error), "sqlite_errorcode", None)
    return code if isinstance(code, int) else None


def translate_database_error(error: BaseException) -> VaultError | None:
    """The user's problem behind a driver error, or ``None`` when it is a bug in the app.

    Judged by SQLite's result code, never by the message: environment problems
    (damage, a full disk, a read-only folder, a lock, a failing disk) get a
    :class:`VaultError`; anything else (``SQLITE_ERROR`` for an SQL mistake, a
    constraint, misuse) is left to surface as the bug it is.
    """
    code = sqlite_error_code(error)
    translated = _ENVIRONMENT.get(code & 0xFF) if code is not None else None
    if translated is not None:
        name = getattr(getattr(error, "orig", error), "sqlite_errorname", code)
        log.warning("The database reported %s", name)
        return translated()
    return None


def raise_database_error(error: DBAPIError) -> NoReturn:
    """Raise the :class:`VaultError` for ``error``, or ``error`` itself if it is a bug."""
    translated = translate_database_error(error)
    if translated is None:
        raise error
    raise translated from error

