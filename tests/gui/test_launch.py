"""Starting the real app in a separate process, as the wheel smoke test and benchmark do."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from supervision_app.gui.launch import EXIT_NO_DISPLAY
from supervision_app.paths import VaultPaths
from supervision_app.vault.service import VaultService
from tests.conftest import PASSPHRASE


def run_app(data_dir: Path, *args: str, passphrase: str | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = dict(os.environ if env is None else env)
    environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    environ.pop("SUPERVISION_APP_PASSPHRASE", None)
    if passphrase is not None:
        environ["SUPERVISION_APP_PASSPHRASE"] = passphrase
    return subprocess.run(
        [sys.executable, "-m", "supervision_app", "--data-dir", str(data_dir), *args],
        capture_output=True, text=True, env=environ, timeout=60, check=False,
    )


def test_exit_when_shown_prints_the_first_window_title(demo_vault: str, vault_paths: VaultPaths) -> None:
    unlocked = run_app(vault_paths.data_dir, "gui", "--exit-when-shown", passphrase=PASSPHRASE)
    assert (unlocked.returncode, unlocked.stdout) == (0, "Supervision\n"), unlocked.stderr
    asked = run_app(vault_paths.data_dir, "gui", "--exit-when-shown")
    assert (asked.returncode, asked.stdout) == (0, "Unlock – Supervision\n"), asked.stderr


def test_a_fresh_folder_shows_setup(tmp_path: Path) -> None:
    result = run_app(tmp_path / "fresh", "gui", "--exit-when-shown")
    assert (result.returncode, result.stdout) == (0, "Set up Supervision\n"), result.stderr
    assert not VaultService(VaultPaths(tmp_path / "fresh")).exists()


def test_a_wrong_passphrase_is_one_line_and_its_exit_code(demo_vault: str, vault_paths: VaultPaths) -> None:
    result = run_app(vault_paths.data_dir, "gui", "--exit-when-shown", passphrase="not the passphrase")
    assert result.returncode == 3
    assert result.stdout == ""
    assert "supervision-app: That passphrase is not right. Check Caps Lock and try again." in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the display check is for Linux")
def test_no_display_is_one_sentence_before_qt_loads(tmp_path: Path) -> None:
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from supervision_app.gui.launch import launch_gui
        from supervision_app.paths import VaultPaths
        code = launch_gui(VaultPaths(Path({str(tmp_path / 'data')!r})))
        assert not any(name.startswith("PySide6.Qt") for name in sys.modules), "Qt was imported"
        sys.exit(code)
    """)
    env = {key: value for key, value in os.environ.items()
           if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env,
                            timeout=60, check=False)
    assert result.returncode == EXIT_NO_DISPLAY, result.stderr
    assert result.stderr.startswith("supervision-app: The app cannot open a window because no display")
    assert len(result.stderr.strip().splitlines()) == 1
