"""A writer killed mid-transaction, again and again, leaves an intact vault."""

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

from supervision_app.vault.service import VaultService
from tests.conftest import PASSPHRASE
from tests.kill_writer import SESSIONS_PER_BATCH

KILLS = 15


@pytest.mark.slow
def test_fifteen_sigkills_leave_an_intact_vault_with_no_half_written_record(
    service: VaultService, vault_paths
) -> None:
    vault, _ = service.create(PASSPHRASE)
    vault.lock()
    rng = random.Random(20261124)
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    batches_seen = []
    for _ in range(KILLS):
        writer = subprocess.Popen(
            [sys.executable, "-m", "tests.kill_writer", str(vault_paths.data_dir), PASSPHRASE],
            stdout=subprocess.PIPE, env=env, cwd=root,
        )
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.02, 0.3))
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
        writer.stdout.close()
        assert writer.returncode == -signal.SIGKILL

        reopened = service.unlock_with_passphrase(PASSPHRASE)
        try:
            assert reopened.integrity_problems() == []
            sessions_per_person = Counter(s.supervisee_id for s in reopened.store.list_sessions())
            people = reopened.store.list_people()
            assert all(sessions_per_person[p.id] == SESSIONS_PER_BATCH for p in people)
            batches_seen.append(len(people))
        finally:
            reopened.lock()
    # The writer really was writing when killed, run after run.
    assert batches_seen[-1] > KILLS
    assert batches_seen == sorted(batches_seen)
