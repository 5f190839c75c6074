"""Driver errors are told apart by SQLite's result codes: the environment is the user's, the rest are bugs."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from supervision_app.domain.model import NewPerson, PersonRole
from supervision_app.errors import DiskError, DiskFull, ReadOnlyLocation, VaultDamaged, VaultInUse
from supervision_app.storage.engine import open_engine, raise_database_error, translate_database_error
from supervision_app.vault.service import OpenVault


def driver_error(run) -> sqlcipher.Error:  # type: ignore[no-untyped-def]
    with pytest.raises(sqlcipher.Error) as caught:
        run()
    return caught.value


def test_a_full_disk(open_vault: OpenVault) -> None:
    with open_vault.store.transaction() as connection:
        pages = connection.execute(text("PRAGMA page_count")).scalar_one()
        connection.execute(text(f"PRAGMA max_page_count = {pages}"))
    with pytest.raises(DiskFull) as caught:
        open_vault.store.add_person(NewPerson("Amara Nwosu", PersonRole.SUPERVISEE, team="x" * 50_000))
    assert isinstance(caught.value.__cause__, DBAPIError)


def test_a_read_only_database(open_vault: OpenVault) -> None:
    # query_only makes SQLite refuse writes with SQLITE_READONLY, as a
    # read-only file or folder does.
    with open_vault.store.transaction() as connection:
        connection.execute(text("PRAGMA query_only = ON"))
        with pytest.raises(DBAPIError) as caught:
            connection.execute(text("INSERT INTO vault_meta (key, value) VALUES ('a', 'b')"))
    assert isinstance(translate_database_error(caught.value), ReadOnlyLocation)


def test_a_vault_busy_in_another_connection(open_vault: OpenVault) -> None:
    other = open_engine(open_vault.paths.database, open_vault._data_key, open_vault.key_file.database_salt)
    try:
        with other.begin() as holder:  # BEGIN IMMEDIATE: holds the write lock
            holder.execute(text("SELECT 1"))
            with pytest.raises(VaultInUse):
                open_vault.store.add_person(NewPerson("Tomasz Wójcik", PersonRole.SUPERVISEE))
    finally:
        other.dispose()
    assert open_vault.store.list_people() == []


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "noise.db"
    path.write_bytes(bytes(range(256)) * 64)
    connection = sqlcipher.connect(str(path))
    error = driver_error(lambda: connection.execute("SELECT * FROM sqlite_master").fetchall())
    connection.close()
    assert error.sqlite_errorname == "SQLITE_NOTADB"
    assert isinstance(translate_database_error(error), VaultDamaged)


def test_a_corrupt_database(tmp_path: Path) -> None:
    # Without a key, SQLCipher is plain SQLite, so a damaged b-tree page is
    # reported as corruption (with a key, the page's HMAC catches it first).
    path = tmp_path / "plain.db"
    connection = sqlcipher.connect(str(path))
    connection.execute("CREATE TABLE t (value TEXT)")
    connection.executemany("INSERT INTO t VALUES (?)", [("x" * 300,) for _ in range(200)])
    connection.commit()
    connection.close()
    data = bytearray(path.read_bytes())
    data[4096 + 8:4096 + 40] = b"\xff" * 32
    path.write_bytes(bytes(data))
    connection = sqlcipher.connect(str(path))
    error = driver_error(lambda: connection.execute("SELECT count(*), max(value) FROM t").fetchall())
    connection.close()
    assert error.sqlite_errorname.startswith("SQLITE_CORRUPT")
    assert isinstance(translate_database_error(error), VaultDamaged)


def test_a_disk_io_error() -> None:
    # SQLITE_IOERR_WRITE (778), as the driver raises it for a failing drive:
    # the extended code is reduced to its primary code, SQLITE_IOERR.
    error = sqlcipher.OperationalError("disk I/O error")
    error.sqlite_errorcode = 778  # type: ignore[attr-defined]
    error.sqlite_errorname = "SQLITE_IOERR_WRITE"  # type: ignore[attr-defined]
    assert isinstance(translate_database_error(error), DiskError)


def test_an_sql_mistake_is_a_bug_whatever_its_message_says(open_vault: OpenVault) -> None:
    # The message names words that used to be read as damage or a full disk.
    with pytest.raises(DBAPIError) as caught, open_vault.store.transaction() as connection:
        connection.execute(text("SELECT * FROM corrupt_readonly_disk_is_full"))
    assert caught.value.orig.sqlite_errorname == "SQLITE_ERROR"  # type: ignore[union-attr]
    assert translate_database_error(caught.value) is None
    with pytest.raises(DBAPIError):
        raise_database_error(caught.value)


def test_a_constraint_violation_is_a_bug(open_vault: OpenVault) -> None:
    with pytest.raises(DBAPIError) as caught, open_vault.store.transaction() as connection:
        connection.execute(text("INSERT INTO sessions (supervisee_id) VALUES (987654)"))
    assert translate_database_error(caught.value) is None
