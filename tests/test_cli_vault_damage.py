"""`check` and `new-recovery-code`: damage named for what it is, with its exit code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from supervision_app.errors import KeyFileDamaged, RecoverySlotMissing, VaultTruncated
from supervision_app.paths import VaultPaths
from supervision_app.vault.service import VaultService
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.helpers import snapshot
from tests.test_cli import assert_one_plain_line, copy_of, run


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A vault with quick key derivation, so each command unlocks at once."""
    data_dir = tmp_path_factory.mktemp("cli-damage") / "data"
    vault, _ = VaultService(VaultPaths(data_dir), passphrase_kdf=lambda: FAST_KDF).create(PASSPHRASE)
    vault.lock()
    return data_dir


def test_check_names_a_damaged_key_file(demo_vault: Path, tmp_path: Path) -> None:
    data_dir = copy_of(demo_vault, tmp_path)
    paths = VaultPaths(data_dir)
    document = json.loads(paths.key_file.read_bytes())
    document["slots"][0]["kdf"]["time_cost"] += 1
    paths.key_file.write_text(json.dumps(document))
    before = snapshot(data_dir)
    result = run("--data-dir", str(data_dir), "check")
    assert result.returncode == KeyFileDamaged.exit_code
    assert "damaged" in assert_one_plain_line(result)
    assert snapshot(data_dir) == before


def test_check_names_a_truncated_database(demo_vault: Path, tmp_path: Path) -> None:
    data_dir = copy_of(demo_vault, tmp_path)
    database = VaultPaths(data_dir).database
    database.write_bytes(database.read_bytes()[:10])
    result = run("--data-dir", str(data_dir), "check")
    assert result.returncode == VaultTruncated.exit_code
    assert "cut short" in assert_one_plain_line(result)


def test_a_lost_recovery_slot_is_reported_and_a_new_code_made(demo_vault: Path, tmp_path: Path) -> None:
    data_dir = copy_of(demo_vault, tmp_path)
    paths = VaultPaths(data_dir)
    document = json.loads(paths.key_file.read_bytes())
    document["slots"] = [slot for slot in document["slots"] if slot["kind"] != "recovery"]
    paths.key_file.write_text(json.dumps(document))

    checked = run("--data-dir", str(data_dir), "check")
    assert checked.returncode == RecoverySlotMissing.exit_code == 15
    assert "new-recovery-code" in assert_one_plain_line(checked)
    assert "People:" in checked.stdout

    made = run("--data-dir", str(data_dir), "new-recovery-code")
    assert made.returncode == 0, made.stderr
    code = re.search(r"([0-9A-Z]{4}(?:-[0-9A-Z]{4}){7})", made.stdout)
    assert code is not None
    assert run("--data-dir", str(data_dir), "check").returncode == 0
    VaultService(paths).unlock_with_recovery_code(code.group(1)).lock()
    VaultService(paths).unlock_with_passphrase(PASSPHRASE).lock()
