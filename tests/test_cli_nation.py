"""The ``nation`` command: shows and sets whose bank holidays the organisation keeps (a real subprocess)."""

from __future__ import annotations

from pathlib import Path

from supervision_app.errors import UsageError
from supervision_app.paths import VaultPaths
from supervision_app.services.working_days import Nation, organisation_nation
from supervision_app.vault.service import VaultService
from tests.conftest import PASSPHRASE
from tests.test_cli import run


def test_the_nation_is_shown_and_set(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    assert run("--data-dir", str(data_dir), "init", "--name", "Aisha Rahman").returncode == 0
    shown = run("--data-dir", str(data_dir), "nation")
    assert shown.returncode == 0, shown.stderr
    assert "England and Wales (england-and-wales)" in shown.stdout
    chosen = run("--data-dir", str(data_dir), "nation", "northern-ireland")
    assert chosen.returncode == 0 and "Northern Ireland (northern-ireland)" in chosen.stdout
    refused = run("--data-dir", str(data_dir), "nation", "wales")
    assert refused.returncode == UsageError.exit_code and "Traceback" not in refused.stderr
    assert "Northern Ireland" in run("--data-dir", str(data_dir), "nation").stdout
    vault = VaultService(_paths(data_dir)).unlock_with_passphrase(PASSPHRASE)
    try:
        assert organisation_nation(vault.store) is Nation.NORTHERN_IRELAND
    finally:
        vault.lock()


def _paths(data_dir: Path) -> VaultPaths:
    return VaultPaths(data_dir)
