"""Start-up on the demo vault, in two parts, against a bare PySide6 window.

    python benchmarks/startup.py [--runs N]

* launch → unlock dialog: a fresh ``supervision-app gui`` process until the
  unlock dialog has painted, against a fresh process showing a bare window;
* unlock → main window: from pressing Unlock in that dialog to the main
  window's first paint, in one process (``unlock_driver.py``); it includes
  Argon2id, tuned to take about half a second on purpose;
* and, as before, launch → main window with the passphrase given (no dialog).

The programs are started alternately in the same run, so the machine's speed
cancels out of the ratios.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PASSPHRASE = "benchmark orchard tiger violin"


def run(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command[:3])} failed: {result.stderr.strip()}")
    return elapsed, result.stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
           "PYTHONPATH": str(ROOT)}
    # An installed app has its bytecode compiled; without this the app would compile itself at every launch.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    with_passphrase = {**env, "SUPERVISION_APP_PASSPHRASE": PASSPHRASE}
    with tempfile.TemporaryDirectory() as temp:
        data_dir = Path(temp) / "demo"
        app = [sys.executable, "-m", "supervision_app", "--data-dir", str(data_dir)]
        subprocess.run([*app, "demo"], env=with_passphrase, check=True, capture_output=True, cwd=ROOT)
        to_dialog = [*app, "gui", "--exit-when-shown"]
        driver = [sys.executable, str(HERE / "unlock_driver.py"), str(data_dir), PASSPHRASE]
        bare = [sys.executable, str(HERE / "bare_window.py")]
        for command, command_env in ((to_dialog, env), (to_dialog, with_passphrase), (bare, env)):
            run(command, command_env)  # warm the file cache for all, so all are equally "cold"
        times: dict[str, list[float]] = {"bare": [], "dialog": [], "unlock": [], "main": []}
        for _ in range(args.runs):
            times["bare"].append(run(bare, env)[0])
            times["dialog"].append(run(to_dialog, env)[0])
            times["unlock"].append(float(run(driver, env)[1]))
            times["main"].append(run(to_dialog, with_passphrase)[0])
    bare_s, dialog_s, unlock_s, main_s = (statistics.median(times[key]) for key in ("bare", "dialog", "unlock", "main"))
    platform = env.get("QT_QPA_PLATFORM", "xcb")
    print(f"start-up on the demo vault, median of {args.runs} runs ({platform}):")
    print(f"  bare PySide6 window, launch to painted          {bare_s:6.3f} s")
    print(f"  launch to unlock dialog painted                 {dialog_s:6.3f} s  {dialog_s / bare_s:6.2f}x bare")
    print(f"  unlock pressed to main window painted           {unlock_s:6.3f} s  {unlock_s / bare_s:6.2f}x bare")
    print(f"  launch to main window, passphrase given         {main_s:6.3f} s  {main_s / bare_s:6.2f}x bare")
    return 0


if __name__ == "__main__":
    sys.exit(main())
