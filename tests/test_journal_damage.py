"""A damaged journal never silently drops committed work: it is kept, or the damage is reported."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from supervision_app.domain.model import NewPerson, PersonRole
from supervision_app.errors import VaultDamaged
from supervision_app.paths import VaultPaths
from supervision_app.storage import engine
from supervision_app.vault.service import VaultService
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.helpers import flip_byte

COMMITS = 20


def kill_writer_after_commits(paths: VaultPaths, *extra: str) -> None:
    root = Path(__file__).resolve().parent.parent
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.commit_writer", str(paths.data_dir), PASSPHRASE, str(COMMITS), *extra],
        stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(root)}, cwd=root,
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() in (b"committed", b"holding")
    writer.send_signal(signal.SIGKILL)  # no checkpoint, no clean close
    writer.wait(timeout=30)
    writer.stdout.close()


def journals(paths: VaultPaths) -> list[Path]:
    database = paths.database
    names = (database.name + "-wal", database.name + "-journal")
    return [database.with_name(name) for name in names if database.with_name(name).exists()
            and database.with_name(name).stat().st_size > 0]


@pytest.mark.slow
@pytest.mark.parametrize("hold", [False, True], ids=["between transactions", "inside a transaction"])
def test_a_flipped_bit_in_the_journal_loses_nothing_committed_silently(
    service: VaultService, vault_paths: VaultPaths, hold: bool
) -> None:
    vault, _ = service.create(PASSPHRASE)
    vault.lock()
    kill_writer_after_commits(vault_paths, *(["--hold"] if hold else []))
    for journal in journals(vault_paths):
        flip_byte(journal, journal.stat().st_size // 2)
    try:
        reopened = service.unlock_with_passphrase(PASSPHRASE)
    except VaultDamaged:
        return  # reported plainly: acceptable
    try:
        problems = reopened.integrity_problems()
        names = sorted(person.name for person in reopened.store.list_people())
    finally:
        reopened.lock()
    if problems:
        return  # `check` reports it
    assert names == sorted(f"Committed {index}" for index in range(COMMITS))


def test_a_vault_left_in_wal_mode_by_an_earlier_version_is_converted_with_its_commits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        kept = [p for p in engine._CONNECTION_PRAGMAS if not p.startswith(("journal_mode", "synchronous"))]
        patch.setattr(engine, "_CONNECTION_PRAGMAS", (*kept, "journal_mode = WAL", "synchronous = FULL"))
        old = VaultService(VaultPaths(tmp_path / "old"), passphrase_kdf=lambda: FAST_KDF)
        vault, _ = old.create(PASSPHRASE)
        for index in range(5):
            vault.store.add_person(NewPerson(f"Person {index}", PersonRole.SUPERVISEE))
        # Copied while open, as a crash would leave it: the commits are in the WAL.
        crashed = VaultPaths(tmp_path / "crashed")
        crashed.data_dir.mkdir()
        for path in old.paths.data_dir.iterdir():
            if path.is_file():
                (crashed.data_dir / path.name).write_bytes(path.read_bytes())
        vault.lock()
    assert (crashed.data_dir / "vault.db-wal").stat().st_size > 0

    reopened = VaultService(crashed).unlock_with_passphrase(PASSPHRASE)
    assert len(reopened.store.list_people()) == 5
    assert reopened.integrity_problems() == []
    reopened.lock()
    assert not any(path.exists() for path in crashed.database_companions()[1:])
