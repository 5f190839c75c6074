#!/usr/bin/env python3
"""Smoke-test a built bundle in a clean environment (no project venv, no Python packages on the path).

    python3 packaging/smoke.py PATH/TO/supervision-app [--window xvfb|offscreen|native]

Runs the bundled app's --version, demo, check, note and verify (and poppler's pdfsig on the note,
where it is installed), then opens its window on the demo vault and waits for the first paint.
The environment holds only PATH (system folders), HOME, the temporary folders and, for the window,
DISPLAY. Prints one line per step; exits non-zero at the first failure. Standard library only.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PASSPHRASE = "plum orchard tiger violin"
WINDOW_TITLE = "Supervision"


class SmokeFailure(Exception):
    pass


def clean_environment(home: Path) -> dict[str, str]:
    """Nothing of this Python, its venv or the developer's settings: what a fresh desktop login has."""
    if os.name == "nt":  # Windows itself needs these to start any program
        env = {name: os.environ[name] for name in ("SYSTEMROOT", "WINDIR", "TEMP", "TMP", "USERPROFILE",
                                                   "LOCALAPPDATA", "APPDATA") if name in os.environ}
        env["PATH"] = os.environ.get("SYSTEMROOT", r"C:\Windows") + r"\System32"
        return {**env, "HOME": str(home)}
    system_path = os.pathsep.join(p for p in ("/usr/local/bin", "/usr/bin", "/bin") if Path(p).is_dir())
    return {"PATH": system_path, "HOME": str(home)}


def run(app: Path, env: dict[str, str], *args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    started = time.monotonic()
    done = subprocess.run([str(app), *args], capture_output=True, text=True, env=env, timeout=timeout,
                          check=False, cwd=env["HOME"])
    label = " ".join(a for a in args if not a.startswith(("/", "\\")) and ":" not in a[:3])
    print(f"smoke: {label or args[0]} -> exit {done.returncode} ({time.monotonic() - started:.1f} s)", flush=True)
    if done.returncode != 0:
        raise SmokeFailure(f"'{' '.join(args)}' exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done


@contextmanager
def display(mode: str, env: dict[str, str]) -> Iterator[dict[str, str]]:
    """An X server for the window (Xvfb), Qt's offscreen platform, or the desktop's own display."""
    if mode == "offscreen":
        yield {**env, "QT_QPA_PLATFORM": "offscreen"}
        return
    if mode == "native":
        yield {**env, **{k: os.environ[k] for k in ("DISPLAY", "WAYLAND_DISPLAY") if k in os.environ}}
        return
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise SmokeFailure("Xvfb is not installed (apt-get install xvfb), or use --window offscreen.")
    number = 90 + os.getpid() % 400
    server = subprocess.Popen([xvfb, f":{number}", "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        socket = Path(f"/tmp/.X11-unix/X{number}")
        for _ in range(100):
            if socket.exists() or server.poll() is not None:
                break
            time.sleep(0.1)
        if not socket.exists():
            raise SmokeFailure(f"Xvfb did not start on display :{number}.")
        yield {**env, "DISPLAY": f":{number}"}
    finally:
        server.terminate()
        server.wait(timeout=30)


def smoke(app: Path, window: str, work: Path) -> None:
    home = work / "home"
    home.mkdir()
    env = clean_environment(home)
    data = work / "data"
    secret = work / "passphrase.txt"
    secret.write_text(PASSPHRASE, encoding="utf-8")
    vault = ["--data-dir", str(data), "--passphrase-file", str(secret)]

    version = run(app, env, "--version").stdout
    if not re.match(r"supervision-app \d+\.\d+", version):
        raise SmokeFailure(f"--version printed {version!r}.")
    run(app, env, *vault, "demo")
    run(app, env, *vault, "check")
    listing = run(app, env, *vault, "sessions").stdout
    signed_off = [line.split()[0] for line in listing.splitlines() if "Signed off" in line]
    if not signed_off:
        raise SmokeFailure(f"the demo vault has no signed-off session:\n{listing}")
    note = work / "note.pdf"
    run(app, env, *vault, "note", signed_off[0], "-o", str(note))
    verified = run(app, env, *vault, "verify", str(note)).stdout
    if "Verified" not in verified:
        raise SmokeFailure(f"verify did not say the note is verified:\n{verified}")
    pdfsig = shutil.which("pdfsig")
    if pdfsig is not None:
        poppler = subprocess.run([pdfsig, "-nocert", str(note)], capture_output=True, text=True, check=False)
        if "Signature Validation: Signature is Valid." not in poppler.stdout:
            raise SmokeFailure(f"pdfsig disagrees:\n{poppler.stdout}{poppler.stderr}")
        print("smoke: pdfsig agrees the signature is valid", flush=True)
    else:
        print("smoke: pdfsig is not installed; its check was skipped", flush=True)
    with display(window, env) as window_env:
        shown = run(app, window_env, *vault, "gui", "--exit-when-shown", timeout=180).stdout
    if WINDOW_TITLE not in shown:
        raise SmokeFailure(f"the window did not report its title; it printed {shown!r}.")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("app", type=Path, help="the bundled supervision-app executable")
    parser.add_argument("--window", choices=("xvfb", "offscreen", "native"),
                        default="xvfb" if sys.platform.startswith("linux") else "native")
    args = parser.parse_args(argv)
    app = args.app.resolve()
    with tempfile.TemporaryDirectory(prefix="supervision-smoke-") as work:
        try:
            smoke(app, args.window, Path(work))
        except (SmokeFailure, subprocess.TimeoutExpired) as failure:
            print(f"smoke: FAILED: {failure}", file=sys.stderr)
            return 1
    print("smoke: the bundle works", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
