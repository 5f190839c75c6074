"""A damaged journal never silently drops committed work: it is kept, or the damage is reported."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from supervision_app.errors import VaultDamaged
from supervision_app.paths import VaultPaths
from supervision_app.vault.service import VaultService
from tests.conftest import PASSPHRASE
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
