"""Copies of the encrypted database: a consistent snapshot while the app may be writing, and its check.

The snapshot uses SQLite's online backup API in a single step, so it holds the
source's read lock for the whole copy and sees one committed state, never a
file copy of a database in use. The copy is keyed with the same raw key and
salt, so it is encrypted page by page exactly as the vault is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlcipher3  # type: ignore[import-untyped]  # (no type information)
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from supervision_app.storage.engine import open_engine, raise_database_error, translate_database_error


@dataclass(frozen=True)
class CopyReport:
    """What a copy of the database holds, read back from the file itself."""

    problems: tuple[str, ...]
    counts: dict[str, int]
    schema_version: int
    vault_id: str | None


def snapshot(source: Engine, target: Path, data_key: bytes, database_salt: bytes) -> None:
    """Write a consistent copy of ``source``'s database to ``target`` (a new file), under the same key."""
    copy = open_engine(target, data_key, database_salt)
    try:
        with source.connect() as reading, copy.connect() as writing:
            source_driver = reading.connection.driver_connection
            target_driver = writing.connection.driver_connection
            assert source_driver is not None and target_driver is not None  # (both are open)
            source_driver.backup(target_driver, pages=-1)
    except DBAPIError as error:
        raise_database_error(error)
    except sqlcipher3.Error as error:
        translated = translate_database_error(error)
        if translated is None:
            raise
        raise translated from error
    finally:
        copy.dispose()


def inspect_copy(database: Path, data_key: bytes, database_salt: bytes) -> CopyReport:
    """Open a copy read-only and report its integrity (pages and structure), row counts and identity."""
    uri = f"file:{database.as_posix()}?mode=ro"
    try:
        connection = sqlcipher3.connect(uri, uri=True, isolation_level=None)
    except sqlcipher3.Error as error:
        raise (translate_database_error(error) or error) from error
    try:
        for pragma in (f"key = \"x'{data_key.hex()}{database_salt.hex()}'\"", "cipher_log_level = NONE",
                       "temp_store = MEMORY", "query_only = ON"):
            connection.execute(f"PRAGMA {pragma}")
        problems = [str(row[0]) for row in connection.execute("PRAGMA cipher_integrity_check")]
        structure = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
        if structure != ["ok"]:
            problems.extend(structure)
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        counts = {name: int(connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]) for name in tables}
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        vault_id = None
        if "vault_meta" in tables:
            row = connection.execute("SELECT value FROM vault_meta WHERE key = 'vault_id'").fetchone()
            vault_id = str(row[0]) if row is not None else None
    except sqlcipher3.Error as error:
        raise (translate_database_error(error) or error) from error
    finally:
        connection.close()
    return CopyReport(tuple(problems), counts, version, vault_id)
