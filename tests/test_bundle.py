"""The Linux bundle: packaging/build.py builds it, and it works with no Python and no project venv around it.

Slow (a few minutes: PyInstaller, in its own build environment under build/); part of the full suite,
so CI runs it (docs/INSTALLING.md).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from tests.conftest import ORIGINAL_ENVIRONMENT

ROOT = Path(__file__).resolve().parent.parent


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

