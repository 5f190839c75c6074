"""Opening the encrypted database, and telling damage from environment problems."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, NoReturn

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from supervision_app.errors import (
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
_CONNECTION_PRAGMAS = (
    # SQLCipher would otherwise print its own errors to the terminal; the app
    # reports damage itself, in one sentence.
    "cipher_log_level = NONE",
    "cipher_memory_security = ON",
    "temp_store = MEMORY",
    "secure_delete = ON",
    "foreign_keys = ON",
    "journal_mode = WAL",
    "synchronous = FULL",
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


_DAMAGE_SIGNS = ("not a database", "malformed", "corrupt", "hmac", "decrypt")


def translate_database_error(error: DBAPIError) -> VaultError | None:
    """The user's problem behind a driver error, or ``None`` when it is a bug in the app.

    Environment problems (damage, a full disk, a read-only folder, a lock) get
    a :class:`VaultError`; anything else, such as an SQL mistake, is left to
    surface as the bug it is.
    """
    message = str(getattr(error, "orig", error)).lower()
    if "disk is full" in message:
        return DiskFull()
    if "readonly" in message or "read-only" in message or "unable to open database file" in message:
        return ReadOnlyLocation()
    if "database is locked" in message:
        return VaultInUse()
    if any(sign in message for sign in _DAMAGE_SIGNS):
        log.warning("The database reported damage: %s", type(getattr(error, "orig", error)).__name__)
        return VaultDamaged()
    return None


def raise_database_error(error: DBAPIError) -> NoReturn:
    """Raise the :class:`VaultError` for ``error``, or ``error`` itself if it is a bug."""
    translated = translate_database_error(error)
    if translated is None:
        raise error
    raise translated from error


def database_salt_of(database: Path) -> bytes:
    """The 16-byte SQLCipher salt that starts every encrypted database file."""
    with open(database, "rb") as stream:
        return stream.read(16)
