"""Cold start to a painted main window on the demo vault, against a bare PySide6 window.

    python benchmarks/startup.py [--runs N]

Both programs are started as fresh processes, alternately, in the same run, so
the machine's speed cancels out of the ratio. The app's time includes
unlocking: Argon2id is tuned to take about half a second on purpose.
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
PASSPHRASE = "benchmark orchard tiger violin"


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{command[0]} failed: {result.stderr.strip()}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    env = {**os.environ, "SUPERVISION_APP_PASSPHRASE": PASSPHRASE,
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory() as temp:
        data_dir = Path(temp) / "demo"
        app = [sys.executable, "-m", "supervision_app", "--data-dir", str(data_dir)]
        subprocess.run([*app, "demo"], env=env, check=True, capture_output=True)
        app_command = [*app, "gui", "--exit-when-shown"]
        bare_command = [sys.executable, str(HERE / "bare_window.py")]
        timed(app_command, env)  # warm the file cache for both, so both are equally "cold"
        timed(bare_command, env)
        app_times, bare_times = [], []
        for _ in range(args.runs):
            bare_times.append(timed(bare_command, env))
            app_times.append(timed(app_command, env))
    app_median, bare_median = statistics.median(app_times), statistics.median(bare_times)
    platform = env.get("QT_QPA_PLATFORM", "xcb")
    print(f"start-up to painted main window, median of {args.runs} runs ({platform}):")
    print(f"  bare PySide6 window     {bare_median:6.3f} s")
    print(f"  supervision-app (demo)  {app_median:6.3f} s")
    print(f"  ratio                   {app_median / bare_median:6.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
