"""Backups under stress: another process writing throughout, and the backing-up process killed again and again."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from supervision_app.domain.model import NewPerson, PersonRole
from supervision_app.paths import VaultPaths
from supervision_app.vault.backup import unpack
from supervision_app.vault.restore import restore_backup
from supervision_app.vault.service import VaultService
from tests.backup_writer import SESSIONS_PER_BATCH
from tests.conftest import FAST_KDF, PASSPHRASE

ROOT = Path(__file__).resolve().parent.parent
KILLS = 15


def start(module: str, *args: str) -> subprocess.Popen[bytes]:
    process = subprocess.Popen([sys.executable, "-m", module, *args], stdout=subprocess.PIPE,
                               env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == b"ready"
    return process


def kill(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.stdout is not None
    process.stdout.close()


def restored_batches(backup: Path, folder: Path) -> int:
    """Restore into a fresh folder; check it is intact with no half-written batch; return the batches in it."""
    restored = restore_backup(VaultService(VaultPaths(folder)), backup.read_bytes(), PASSPHRASE).vault
    try:
        assert restored.integrity_problems() == []
        per_person = Counter(s.supervisee_id for s in restored.store.list_sessions())
        batches = [p for p in restored.store.list_people() if p.name.startswith("Batch ")]
        assert all(per_person[p.id] == SESSIONS_PER_BATCH for p in batches)
        return len(batches)
    finally:
        restored.lock()


@pytest.mark.slow
def test_a_backup_taken_while_another_process_writes_restores_consistent(service: VaultService,
                                                                       vault_paths: VaultPaths,
                                                                       tmp_path: Path) -> None:
    service.create(PASSPHRASE)[0].lock()
    vault = service.unlock_with_passphrase(PASSPHRASE)
    writer = start("tests.backup_writer", str(vault_paths.data_dir), PASSPHRASE)
    backups = []
    try:
        for number in range(4):
            time.sleep(0.3)
            backups.append(vault.back_up(tmp_path / f"during-{number}.svbackup").path)
        assert writer.poll() is None  # it was writing throughout
    finally:
        kill(writer)
        vault.lock()
    counts = [restored_batches(backup, tmp_path / f"restored-{i}") for i, backup in enumerate(backups)]
    assert counts[0] > 0 and counts == sorted(counts) and counts[-1] > counts[0]


@pytest.mark.slow
def test_sigkills_during_backups_leave_every_earlier_backup_restorable(service: VaultService,
                                                                      vault_paths: VaultPaths,
                                                                      tmp_path: Path) -> None:
    vault, _code = service.create(PASSPHRASE)
    for index in range(30):
        vault.store.add_person(NewPerson(f"Person {index}", PersonRole.SUPERVISEE, team="t" * 2000))
    vault.lock()
    folder = tmp_path / "backups"
    folder.mkdir()
    rng = random.Random(20261201)
    for run in range(KILLS):
        process = start("tests.backup_killed", str(vault_paths.data_dir), PASSPHRASE, str(folder), str(run))
        time.sleep(rng.uniform(0.05, 0.5))
        kill(process)
        # Under a final name, only whole backups; temporary work is hidden and never named like one.
        for path in folder.iterdir():
            assert path.name.startswith(".svbackup-") or path.suffix == ".svbackup", path.name
            if path.suffix == ".svbackup":
                unpack(path.read_bytes())  # whole: its checksum matches
    finals = sorted(folder.glob("*.svbackup"))
    assert len({path.name.split("-")[0] for path in finals}) >= KILLS - 2  # most runs finished a backup
    for index, backup in enumerate(finals):
        restored_batches(backup, tmp_path / "restored" / str(index))
    # The vault itself is untouched by the kills.
    reopened = VaultService(vault_paths, passphrase_kdf=lambda: FAST_KDF).unlock_with_passphrase(PASSPHRASE)
    assert reopened.integrity_problems() == []
    reopened.lock()
