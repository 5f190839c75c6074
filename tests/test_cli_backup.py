"""backup and restore on the command line: exit codes, one sentence on failure, nothing written when refused."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from supervision_app.errors import BackupRefused, ReadOnlyLocation, UsageError, VaultExists
from supervision_app.paths import VaultPaths
from supervision_app.vault.service import VaultService
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.helpers import snapshot


def run(data_dir: Path, *args: str, secret: str = PASSPHRASE) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SUPERVISION_APP_PASSPHRASE": secret}
    return subprocess.run([sys.executable, "-m", "supervision_app", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=120, check=False)


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.fixture
def vault_with_code(vault_paths: VaultPaths) -> tuple[Path, str]:
    vault, code = VaultService(vault_paths, passphrase_kdf=lambda: FAST_KDF).create(PASSPHRASE)
    vault.lock()
    return vault_paths.data_dir, code


def test_backup_needs_a_folder_or_a_file_then_writes_there(vault_with_code: tuple[Path, str], tmp_path: Path) -> None:
    data_dir, _code = vault_with_code
    result = run(data_dir, "backup")
    assert result.returncode == UsageError.exit_code and "--folder" in one_line(result)
    (tmp_path / "usb").mkdir()
    result = run(data_dir, "backup", "--folder", str(tmp_path / "usb"))
    assert result.returncode == 0, result.stderr
    assert "verified" in result.stdout
    again = run(data_dir, "backup")  # the folder is remembered
    assert again.returncode == 0, again.stderr
    names = sorted(p.name for p in (tmp_path / "usb").iterdir())
    assert len(names) >= 1 and all(n.startswith("supervision-") and n.endswith(".svbackup") for n in names)
    assert run(data_dir, "backup", "-o", str(tmp_path / "one.svbackup")).returncode == 0


def test_a_missing_backup_folder_is_one_sentence(vault_with_code: tuple[Path, str], tmp_path: Path) -> None:
    data_dir, _code = vault_with_code
    (tmp_path / "usb").mkdir()
    assert run(data_dir, "backup", "--folder", str(tmp_path / "usb")).returncode == 0
    for path in (tmp_path / "usb").iterdir():
        path.unlink()
    (tmp_path / "usb").rmdir()
    result = run(data_dir, "backup")
    assert result.returncode == ReadOnlyLocation.exit_code
    assert "missing" in one_line(result)


def test_restore_into_a_fresh_folder_then_over_a_vault_only_with_replace(vault_with_code: tuple[Path, str],
                                                                        tmp_path: Path) -> None:
    data_dir, code = vault_with_code
    backup = tmp_path / "one.svbackup"
    assert run(data_dir, "backup", "-o", str(backup)).returncode == 0
    fresh = tmp_path / "fresh"
    result = run(fresh, "restore", str(backup), "--recovery-code", secret=code)
    assert result.returncode == 0, result.stderr
    assert "Restored the vault" in result.stdout
    before = snapshot(data_dir)
    refused = run(data_dir, "restore", str(backup))
    assert refused.returncode == VaultExists.exit_code and "replace" in one_line(refused)
    assert snapshot(data_dir) == before
    replaced = run(data_dir, "restore", str(backup), "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert "is kept in" in replaced.stdout


def test_a_truncated_backup_is_refused_with_one_sentence_and_nothing_written(vault_with_code: tuple[Path, str],
                                                                            tmp_path: Path) -> None:
    data_dir, _code = vault_with_code
    backup = tmp_path / "one.svbackup"
    assert run(data_dir, "backup", "-o", str(backup)).returncode == 0
    backup.write_bytes(backup.read_bytes()[:-5000])
    result = run(tmp_path / "fresh", "restore", str(backup))
    assert result.returncode == BackupRefused.exit_code
    assert "damaged or incomplete" in one_line(result)
    assert not (tmp_path / "fresh" / "vault.key").exists() and not (tmp_path / "fresh" / "vault.db").exists()
