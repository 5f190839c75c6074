#!/usr/bin/env python3
"""Set up a private virtual environment in .venv, then start the app or run the tests.

    python3 packaging/quickstart.py start [app arguments]
    python3 packaging/quickstart.py test  [pytest arguments]

Needs only Python 3.11 or newer. Uses nothing outside the standard library,
because it runs before anything is installed.

The app is installed again only when pyproject.toml has changed since the last
install (a stamp in .venv keeps its hash), so a second start needs no network.
A .venv that is broken (no pip, or its Python gone) is made again from scratch.
$SUPERVISION_QUICKSTART_PYTHON names the Python that makes .venv (default: this one).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP_NAME = "quickstart-stamp.json"
BASE_PYTHON_ENV = "SUPERVISION_QUICKSTART_PYTHON"
MINIMUM_PYTHON = (3, 11)
NO_VENV = ("Python could not create a virtual environment, so nothing was installed; on Debian or Ubuntu "
           "install the package python3-venv ('sudo apt install python3-venv') and run this again.")


def fail(sentence: str) -> None:
    print(f"quickstart: {sentence}", file=sys.stderr)
    sys.exit(1)


def venv_python(venv: Path) -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    return venv / scripts / ("python.exe" if os.name == "nt" else "python")


def venv_is_healthy(venv: Path) -> bool:
    """True when the venv's Python runs (its link is not dangling) and has pip."""
    python = venv_python(venv)
    if not (venv / "pyvenv.cfg").is_file() or not python.exists():
        return False
    try:
        probe = subprocess.run([str(python), "-c", "import pip"], capture_output=True, check=False, timeout=120)
    except OSError:
        return False
    return probe.returncode == 0


def create_venv(venv: Path) -> None:
    """Make ``venv`` with pip, or remove whatever was made and say which package is missing."""
    base = os.environ.get(BASE_PYTHON_ENV) or sys.executable
    try:
        made = subprocess.run([base, "-m", "venv", str(venv)], capture_output=True, text=True, check=False)
    except OSError:
        made = None
    if made is None or made.returncode != 0 or not venv_is_healthy(venv):
        shutil.rmtree(venv, ignore_errors=True)
        fail(NO_VENV)


def ensure_venv(venv: Path) -> Path:
    if not venv_is_healthy(venv):
        if venv.exists():
            print(f"quickstart: {venv.name} is broken (no pip, or its Python has gone); making it again", flush=True)
            shutil.rmtree(venv)
        else:
            print(f"quickstart: creating a virtual environment in {venv.name}", flush=True)
        create_venv(venv)
    return venv_python(venv)


def project_hash(root: Path) -> str:
    return hashlib.sha256((root / "pyproject.toml").read_bytes()).hexdigest()


def read_stamp(venv: Path) -> dict[str, object]:
    try:
        stamp = json.loads((venv / STAMP_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stamp if isinstance(stamp, dict) else {}


def is_installed(venv: Path, root: Path, extras: set[str]) -> bool:
    """True when the last install was of this pyproject.toml, with at least these extras."""
    stamp = read_stamp(venv)
    installed_extras = stamp.get("extras")
    return (stamp.get("pyproject") == project_hash(root) and isinstance(installed_extras, list)
            and extras <= set(installed_extras))


def pip_install(python: Path, target: str) -> None:
    print(f"quickstart: installing {target} (the first time takes a few minutes)", flush=True)
    result = subprocess.run(
        [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--quiet", "-e", target],
        cwd=ROOT, check=False,
    )
    if result.returncode != 0:
        fail("installing the app's packages failed; the lines above say why.")


def ensure_installed(python: Path, venv: Path, root: Path, extras: set[str]) -> None:
    if is_installed(venv, root, extras):
        return
    (venv / STAMP_NAME).unlink(missing_ok=True)  # an install cut short leaves no stamp
    pip_install(python, "." + (f"[{','.join(sorted(extras))}]" if extras else ""))
    stamp = {"pyproject": project_hash(root), "extras": sorted(extras)}
    (venv / STAMP_NAME).write_text(json.dumps(stamp), encoding="utf-8")


def main(argv: list[str]) -> int:
    if sys.version_info < MINIMUM_PYTHON:
        fail(f"Python {'.'.join(map(str, MINIMUM_PYTHON))} or newer is needed; this is {sys.version.split()[0]}.")
    if not argv or argv[0] not in ("start", "test"):
        print((__doc__ or "").strip())
        return 2
    command, rest = argv[0], argv[1:]
    python = ensure_venv(VENV)
    if command == "start":
        ensure_installed(python, VENV, ROOT, set())
        return subprocess.run([str(python), "-m", "supervision_app", *rest], check=False).returncode
    ensure_installed(python, VENV, ROOT, {"test"})
    # Headless: Qt draws offscreen, and no real keyring is touched.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([str(python), "-m", "pytest", *rest], cwd=ROOT, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
