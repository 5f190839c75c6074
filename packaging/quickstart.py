#!/usr/bin/env python3
"""Set up a private virtual environment in .venv, then start the app or run the tests.

    python3 packaging/quickstart.py start [app arguments]
    python3 packaging/quickstart.py test  [pytest arguments]

Needs only Python 3.11 or newer. Uses nothing outside the standard library,
because it runs before anything is installed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
MINIMUM_PYTHON = (3, 11)


def fail(sentence: str) -> None:
    print(f"quickstart: {sentence}", file=sys.stderr)
    sys.exit(1)


def venv_python() -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / ("python.exe" if os.name == "nt" else "python")


def ensure_venv() -> Path:
    python = venv_python()
    if not python.exists():
        print("quickstart: creating a virtual environment in .venv", flush=True)
        try:
            venv.EnvBuilder(with_pip=True, upgrade_deps=False).create(VENV)
        except (OSError, subprocess.CalledProcessError):
            fail("Python could not create a virtual environment; on Debian or Ubuntu, "
                 "install it with 'sudo apt install python3-venv' and run this again.")
    return python


def pip_install(python: Path, target: str) -> None:
    print(f"quickstart: installing {target} (the first time takes a few minutes)", flush=True)
    result = subprocess.run(
        [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--quiet", "-e", target],
        cwd=ROOT, check=False,
    )
    if result.returncode != 0:
        fail("installing the app's packages failed; the lines above say why.")


def main(argv: list[str]) -> int:
    if sys.version_info < MINIMUM_PYTHON:
        fail(f"Python {'.'.join(map(str, MINIMUM_PYTHON))} or newer is needed; this is {sys.version.split()[0]}.")
    if not argv or argv[0] not in ("start", "test"):
        print(__doc__.strip())
        return 2
    command, rest = argv[0], argv[1:]
    python = ensure_venv()
    if command == "start":
        pip_install(python, ".")
        return subprocess.run([str(python), "-m", "supervision_app", *rest], check=False).returncode
    pip_install(python, ".[test]")
    # Headless: Qt draws offscreen, and no real keyring is touched.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([str(python), "-m", "pytest", *rest], cwd=ROOT, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
