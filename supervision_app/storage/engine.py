"""Opening the encrypted database, and telling damage from environment problems."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
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
    def _configure(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        try:
            for pragma in _CONNECTION_PRAGMAS:
                cursor.execute(f"PRAGMA {pragma}")
        finally:
            cursor.close()

    return engine


def integrity_problems(engine: Engine) -> list[str]:
    """Run SQLCipher's page check and SQLite's structure check; return what is wrong."""
    with engine.connect() as connection:
        problems = [str(row[0]) for row in connection.execute(text("PRAGMA cipher_integrity_check"))]
        structure = [str(row[0]) for row in connection.execute(text("PRAGMA integrity_check"))]
    if structure != ["ok"]:
        problems.extend(structure)
    return problems


def translate_database_error(error: DBAPIError) -> VaultError:
    """Map a driver error to the user's problem. Unknown errors are damage, never ignored."""
    message = str(getattr(error, "orig", error)).lower()
    if "disk is full" in message or ("disk i/o error" in message and "full" in message):
        return DiskFull()
    if "readonly" in message or "read-only" in message or "unable to open database file" in message:
        return ReadOnlyLocation()
    if "database is locked" in message:
        return VaultInUse()
    log.warning("Database error reported as damage: %s", type(getattr(error, "orig", error)).__name__)
    return VaultDamaged()


def database_salt_of(database: Path) -> bytes:
    """The 16-byte SQLCipher salt that starts every encrypted database file."""
    with open(database, "rb") as stream:
        return stream.read(16)
