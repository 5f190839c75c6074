"""An older app given a vault from a newer one (a downgrade) refuses it in one line and changes nothing."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from supervision_app.errors import VaultTooNew
from supervision_app.paths import VaultPaths
from supervision_app.vault.service import VaultService
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.helpers import snapshot
from tests.test_cli import assert_one_plain_line, run


def test_the_command_refuses_a_vault_from_a_newer_version(tmp_path: Path) -> None:
    paths = VaultPaths(tmp_path / "data")
    vault, _code = VaultService(paths, passphrase_kdf=lambda: FAST_KDF).create(PASSPHRASE)
    with vault.store.transaction() as connection:
        connection.execute(text("PRAGMA user_version = 999"))  # as a later version's migrations would leave it
    vault.lock()
    before = snapshot(paths.data_dir)
    refused = run("--data-dir", str(paths.data_dir), "check")
    assert refused.returncode == VaultTooNew.exit_code == 9
    assert "newer version" in assert_one_plain_line(refused)
    assert snapshot(paths.data_dir) == before
