"""The Linux bundle: packaging/build.py builds it, and it works with no Python and no project venv around it.

Installed as a user installs it (the tarball unpacked into a fresh home with its own XDG folders, and
share/install.sh), a double-clicked agenda opens its import in the running app; an update keeps the
data and migrates it after a backup; a vault from a newer version is refused.

Slow (about seven minutes: PyInstaller builds once, for this module, in its own build environment under
build/); part of the full suite, so CI runs it (docs/INSTALLING.md).
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import text

from supervision_app.logging_setup import LOG_FILE_NAME
from supervision_app.paths import VaultPaths
from supervision_app.storage.migrations import MIGRATIONS, latest_version
from supervision_app.vault.service import VaultService
from tests.conftest import FAST_KDF, ORIGINAL_ENVIRONMENT, PASSPHRASE
from tests.helpers import snapshot
from tests.packaging_scripts import load

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "uk.org.supervisionapp.SupervisionApp"


@pytest.fixture(scope="module")
def bundled_app() -> Path:
    # The real pip cache (the suite points HOME elsewhere), so that a rebuild does not download Qt again.
    built = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py")], capture_output=True, text=True,
                           env=ORIGINAL_ENVIRONMENT, cwd=ROOT, timeout=3600, check=False)
    assert built.returncode == 0, built.stdout[-4000:] + built.stderr[-4000:]
    app = Path(built.stdout.strip().splitlines()[-1])
    assert app.is_file() and app.name == "supervision-app"
    return app


@pytest.mark.slow
def test_the_bundle_carries_the_app_and_no_test_tools(bundled_app: Path) -> None:
    internal = bundled_app.parent / "_internal"
    for form in (ROOT / "ui").glob("*.ui"):
        assert (internal / "supervision_app" / "ui" / form.name).is_file(), form.name
    for font in (ROOT / "resources" / "fonts").glob("*.ttf"):
        assert (internal / "supervision_app" / "resources" / "fonts" / font.name).is_file(), font.name
    assert (internal / "supervision_app" / "resources" / "style.qss").is_file()
    assert list((internal / "sqlcipher3").glob("_sqlite3*.so"))
    present = {path.name for path in internal.iterdir()}
    for tool in ("pytest", "_pytest", "hypothesis", "mypy", "ruff", "importlinter", "pytestqt", "pypdf"):
        assert tool not in present, tool
    qt = {path.name.split(".")[0] for path in (internal / "PySide6").glob("Qt*.abi3.so")}
    assert {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtUiTools"} <= qt
    assert not qt & {"QtQml", "QtQuick", "QtWebEngineCore", "QtMultimedia"}, qt
    assert "QtNetwork" in qt  # the local socket a second launch hands its file over (gui/single_instance.py)
    assert not list(internal.rglob("libqgtk3.so")), "the GTK theme plugin would load the desktop's GTK"


@pytest.mark.slow
def test_the_tarball_carries_the_bundle_and_its_desktop_files(bundled_app: Path) -> None:
    (tarball,) = bundled_app.parent.parent.glob("supervision-app-*-linux-*.tar.gz")
    with tarfile.open(tarball) as archive:
        names = set(archive.getnames())
    assert "supervision-app/supervision-app" in names
    assert "supervision-app/share/install.sh" in names
    assert "supervision-app/share/uk.org.supervisionapp.SupervisionApp.desktop" in names


@pytest.mark.slow
def test_the_bundle_works_in_a_clean_environment(bundled_app: Path) -> None:
    """--version, demo, check, note, verify (and pdfsig) and the window, with nothing but the bundle."""
    smoke = subprocess.run([sys.executable, str(ROOT / "packaging" / "smoke.py"), str(bundled_app),
                            "--window", "xvfb" if shutil.which("Xvfb") else "offscreen"],
                           capture_output=True, text=True, timeout=900, check=False)
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    assert "smoke: the bundle works" in smoke.stdout



# -- installed as a user installs it: the tarball unpacked, its desktop entry in a fresh XDG_DATA_HOME --


@pytest.fixture(scope="module")
def smoke() -> ModuleType:
    return load("smoke")


@pytest.fixture
def desktop(bundled_app: Path, smoke: ModuleType, tmp_path: Path) -> dict[str, str]:
    """A fresh login with nothing of Python: PATH, HOME and the XDG folders only, and the bundle installed."""
    home = tmp_path / "home"
    home.mkdir()
    env = {**smoke.clean_environment(home), **{name: str(home / folder) for name, folder in (
        ("XDG_DATA_HOME", ".local/share"), ("XDG_CONFIG_HOME", ".config"), ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"))}}
    (tarball,) = bundled_app.parent.parent.glob("supervision-app-*-linux-*.tar.gz")
    with tarfile.open(tarball) as archive:
        archive.extractall(home / "Applications", filter="tar")
    return env


def install_desktop_entry(env: dict[str, str]) -> Path:
    """The unpacked tarball's share/install.sh: the menu entry, file types and default app, for this user."""
    installed = Path(env["HOME"]) / "Applications" / "supervision-app"
    subprocess.run(["sh", str(installed / "share" / "install.sh")], env=env, check=True, capture_output=True,
                   timeout=120)
    return installed / "supervision-app"


def bundled(app: Path, env: dict[str, str], *args: str, expect: int = 0) -> str:
    done = subprocess.run([str(app), *args], env={**env, "SUPERVISION_APP_PASSPHRASE": PASSPHRASE},
                          capture_output=True, text=True, timeout=300, check=False, cwd=env["HOME"])
    assert done.returncode == expect, (args, done.stdout, done.stderr)
    return done.stdout + done.stderr


def default_data_dir(env: dict[str, str]) -> Path:
    return Path(env["XDG_DATA_HOME"]) / "supervision-app"  # platformdirs, as the bundle finds it


def needed(*tools: str) -> None:
    missing = [name for name in tools if shutil.which(name) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed here (apt-get install xdg-utils libfile-mimeinfo-perl "
                    "shared-mime-info desktop-file-utils xvfb xdotool; .ci/run does)")


@contextmanager
def window_open(app: Path, desktop: dict[str, str], smoke: ModuleType) -> Iterator[dict[str, str]]:
    """The installed bundle's window open on the vault in the default data folder, under Xvfb."""
    log_file = VaultPaths(default_data_dir(desktop)).log_dir / LOG_FILE_NAME
    with smoke.display("xvfb", desktop) as env:
        first = subprocess.Popen([str(app)], env={**env, "SUPERVISION_APP_PASSPHRASE": PASSPHRASE},
                                 cwd=env["HOME"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            wait_until(lambda: log_file.is_file() and "Listening for later launches" in log_file.read_text(
                encoding="utf-8"), first, "the bundled app never listened for later launches")
            yield env
            assert first.poll() is None, "the second launch ended the running app"
        finally:
            first.send_signal(signal.SIGINT)  # locks and quits
            try:
                first.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                first.kill()
                first.communicate()


def wait_until(condition: Callable[[], bool], process: subprocess.Popen[str], failure: str,
               timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        assert process.poll() is None, (failure, process.communicate())
        time.sleep(0.2)
    raise AssertionError(failure)


def shown_titles(env: dict[str, str], starting: str) -> list[str]:
    """The titles of the visible X windows whose title starts with ``starting`` (found as a user sees them)."""
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", f"^{re.escape(starting)}"], env=env,
                           capture_output=True, text=True, timeout=30, check=False)
    titles = [subprocess.run(["xdotool", "getwindowname", window], env=env, capture_output=True, text=True,
                             timeout=30, check=True).stdout.strip() for window in found.stdout.split()]
    return [title for title in titles if title.startswith(starting)]


def agenda_from_a_paired_supervisee(app: Path, env: dict[str, str], post: Path) -> Path:
    """Zoë (a supervisee, on her own install of the same bundle) pairs with the demo supervisor and sends an agenda."""
    zoe = ["--data-dir", str(post.parent / "zoe")]
    post.mkdir()
    bundled(app, env, *zoe, "init", "--name", "Zoë Whitfield", "--uses", "supervised")
    bundled(app, env, *zoe, "pair-export", "-o", str(post / "zoe.svpair"))
    assert "Paired with Zoë Whitfield" in bundled(app, env, "pair-import", str(post / "zoe.svpair"))
    code = re.search(r"code \(as supervisor\): (\S+)", bundled(app, env, "pair-export", "--as", "supervisor"))
    assert code is not None
    bundled(app, env, *zoe, "pair-import", code.group(1), "--name", "Aisha Rahman")
    agenda = post / "Agenda from Zoe.svagenda"
    bundled(app, env, *zoe, "export-agenda", "--item", "Caseload after the restructure", "-o", str(agenda))
    return agenda


@pytest.mark.slow
def test_a_double_clicked_agenda_opens_its_import_in_the_running_bundled_app(
        desktop: dict[str, str], smoke: ModuleType, tmp_path: Path) -> None:
    """The issue's "done when": xdg-open, as a file manager's double-click, hands the file to the open app."""
    needed("xdg-open", "xdg-mime", "mimetype", "update-mime-database", "update-desktop-database", "Xvfb", "xdotool")
    app = install_desktop_entry(desktop)
    bundled(app, desktop, "demo")
    agenda = agenda_from_a_paired_supervisee(app, desktop, tmp_path / "Downloads")
    filetype = subprocess.run(["xdg-mime", "query", "filetype", str(agenda)], env=desktop, capture_output=True,
                              text=True, check=True, timeout=60)
    assert filetype.stdout.strip() == "application/x-supervision-agenda"
    log_file = VaultPaths(default_data_dir(desktop)).log_dir / LOG_FILE_NAME
    with window_open(app, desktop, smoke) as env:
        handed = subprocess.run(["xdg-open", str(agenda)], env=env, capture_output=True, text=True, timeout=120,
                                check=False)
        assert handed.returncode == 0, handed.stdout + handed.stderr
        assert "the app was already open, so the file was opened there" in handed.stdout, handed.stdout
        deadline = time.monotonic() + 60
        while not shown_titles(env, "File imported") and time.monotonic() < deadline:
            time.sleep(0.5)
        assert shown_titles(env, "File imported"), shown_titles(env, "")
        assert "Opened a file given to the app: import\n" in log_file.read_text(encoding="utf-8")
    again = bundled(app, desktop, "import", str(agenda), expect=2)  # the running app had imported it
    assert "already imported" in again


def vault_at(version: int, data_dir: Path) -> VaultPaths:
    """A vault as the app of schema ``version`` leaves it (an older app; or, past the latest, a newer one)."""
    paths = VaultPaths(data_dir)
    older = tuple(migration for migration in MIGRATIONS if migration.version <= version)
    vault, _code = VaultService(paths, passphrase_kdf=lambda: FAST_KDF, migrations=older).create(PASSPHRASE)
    if version > latest_version():
        with vault.store.transaction() as connection:
            connection.execute(text(f"PRAGMA user_version = {int(version)}"))
    vault.lock()
    return paths


def reinstall(bundled_app: Path, env: dict[str, str]) -> Path:
    """The newer bundle unpacked over the older one's folder, as an update does; the app's path."""
    (tarball,) = bundled_app.parent.parent.glob("supervision-app-*-linux-*.tar.gz")
    with tarfile.open(tarball) as archive:
        archive.extractall(Path(env["HOME"]) / "Applications", filter="tar")
    return Path(env["HOME"]) / "Applications" / "supervision-app" / "supervision-app"


@pytest.mark.slow
def test_a_newer_bundle_over_an_older_one_keeps_the_data_and_migrates_it_after_a_backup(
        bundled_app: Path, desktop: dict[str, str]) -> None:
    paths = vault_at(latest_version() - 1, default_data_dir(desktop))  # what the older app left
    key_file = paths.key_file.read_bytes()
    app = reinstall(bundled_app, desktop)
    checked = bundled(app, desktop, "check")  # its first start, on the default data folder
    assert f"Vault in {paths.data_dir} is intact" in checked and f"Schema version {latest_version()}." in checked
    assert paths.key_file.read_bytes() == key_file
    (backup,) = paths.backups_dir.glob(f"vault-v{latest_version() - 1}-*.db")  # taken before migrating
    assert backup.stat().st_size > 0
    log = (paths.log_dir / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert f"Vault schema migrated to version {latest_version()} " in log


@pytest.mark.slow
def test_the_bundle_refuses_a_vault_from_a_newer_version_in_one_sentence(
        bundled_app: Path, desktop: dict[str, str]) -> None:
    paths = vault_at(latest_version() + 1, default_data_dir(desktop))  # a downgrade: a newer app wrote it
    before = snapshot(paths.data_dir)
    refused = bundled(bundled_app, desktop, "check", expect=9)
    lines = refused.strip().splitlines()
    assert lines == ["supervision-app: This vault was written by a newer version of the app. "
                     "Update the app to open it."], refused
    assert snapshot(paths.data_dir) == before
