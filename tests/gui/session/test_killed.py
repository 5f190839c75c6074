"""A draft survives the app being killed mid-typing: what was saved is there, and the vault is intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from supervision_app.domain.record import ReviewOutcome
from supervision_app.paths import VaultPaths
from supervision_app.vault.service import VaultService
from tests.conftest import FAST_KDF, PASSPHRASE

from .autosave_victim import FIRST_TEXT, MORE_TEXT
from .conftest import make_world

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.slow
@pytest.mark.parametrize("typing_for", [0.0, 0.8])
def test_a_draft_survives_a_killed_process(tmp_path: Path, typing_for: float) -> None:
    paths = VaultPaths(tmp_path / "vault")
    vault, _code = VaultService(paths, passphrase_kdf=lambda: FAST_KDF).create(PASSPHRASE)
    session_id = make_world(vault).session.id
    vault.lock()

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    victim = subprocess.Popen(
        [sys.executable, "-m", "tests.gui.session.autosave_victim", str(paths.data_dir), PASSPHRASE,
         str(session_id)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=ROOT,
    )
    assert victim.stdout is not None
    try:
        assert victim.stdout.readline().strip() == b"saved"
        time.sleep(typing_for)
        assert victim.poll() is None, "the editor stopped before it was killed"
    finally:
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=30)
        victim.stdout.close()
    assert victim.returncode == -signal.SIGKILL

    # The plain service: the key file remembers the (fast) settings it was made with.
    reopened = VaultService(paths).unlock_with_passphrase(PASSPHRASE)
    try:
        assert reopened.integrity_problems() == []
        record = reopened.store.load_record(session_id)
        assert record.learning.startswith(FIRST_TEXT)
        if typing_for >= 0.5:
            # Typing went on without a pause until the kill, and was still being saved.
            assert MORE_TEXT in record.learning
        assert all(review.outcome is ReviewOutcome.NOT_REVIEWED for review in record.reviews)
    finally:
        reopened.lock()
