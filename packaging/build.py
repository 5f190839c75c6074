#!/usr/bin/env python3
"""Build the app's bundle for this system with PyInstaller, from packaging/supervision-app.spec.

    python3 packaging/build.py

Makes its own build environment in build/bundle-venv (the app as a wheel, without its test tools,
and PyInstaller), not the project's .venv. Writes the one-folder bundle to build/dist/supervision-app/,
and on Linux a tarball of it beside it that also carries the desktop integration (packaging/linux/).
The last line printed is the path of the bundled supervision-app executable.
Standard library only, like quickstart.py, whose venv helpers it uses.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tarfile
from pathlib import Path

from app_identity import version
from quickstart import ROOT, ensure_venv, fail

BUILD = ROOT / "build"
VENV = BUILD / "bundle-venv"
DIST = BUILD / "dist"
SPEC = ROOT / "packaging" / "supervision-app.spec"
PYINSTALLER = "pyinstaller>=6.10,<7"


def run(command: list[str], what: str, cwd: Path = ROOT) -> None:
    print(f"build: {what}", flush=True)
    if subprocess.run(command, cwd=cwd, check=False).returncode != 0:
        fail(f"{what} failed; the lines above say why.")


def bundled_executable() -> Path:
    name = "supervision-app.exe" if os.name == "nt" else "supervision-app"
    if sys.platform == "darwin":
        return DIST / "Supervision.app" / "Contents" / "MacOS" / name
    return DIST / "supervision-app" / name


def tarball() -> Path:
    """build/dist/supervision-app-VERSION-linux-ARCH.tar.gz: the bundle folder and its desktop files."""
    target = DIST / f"supervision-app-{version()}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(target, "w:gz") as archive:
        archive.add(DIST / "supervision-app", arcname="supervision-app")
        archive.add(ROOT / "packaging" / "linux", arcname="supervision-app/share",
                    filter=lambda member: None if "__pycache__" in member.name else member)
    return target


def main() -> int:
    python = ensure_venv(VENV)
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--quiet"]
    run([*pip, PYINSTALLER, "."], "installing PyInstaller and the app into build/bundle-venv")
    # The app's own code changes without its version changing: always take this checkout's.
    run([*pip, "--no-deps", "--force-reinstall", "."], "installing this checkout of the app")
    run([str(python), "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(DIST), "--workpath", str(BUILD / "pyinstaller"), str(SPEC)],
        "bundling with PyInstaller", cwd=BUILD)  # not the checkout: the bundle takes the installed wheel
    if sys.platform.startswith("linux"):
        print(f"build: wrote {tarball()}", flush=True)
    executable = bundled_executable()
    if not executable.is_file():
        fail(f"the bundle has no {executable.name}.")
    print(executable)
    return 0


if __name__ == "__main__":
    sys.exit(main())
