"""Start-up on the demo vault, in two parts, against a bare PySide6 window, with memory.

    python benchmarks/startup.py [--runs N] [--settle SECONDS]

* launch → unlock dialog: a fresh ``supervision-app gui`` process until the
  unlock dialog has painted, against a fresh process showing a bare window;
  and the peak resident memory of each of those processes (``ru_maxrss`` from
  ``wait4``: each quits once painted, so it is the peak up to the first paint);
* unlock → main window: from pressing Unlock in that dialog to the main
  window's first paint, in one process (``unlock_driver.py``): after typing the
  passphrase at a fast typist's pace (the app loads the main window's modules
  meanwhile), and, apart, with the passphrase set and Unlock pressed as soon as
  the dialog has painted; both include Argon2id, tuned to take about half a
  second on purpose;
* steady memory: after unlocking and opening the demo's session in progress in
  the session editor, ``--settle`` seconds after it painted, against the bare
  window the same time after its first paint (resident memory, Linux);
* and, as before, launch → main window with the passphrase given (no dialog).

The programs are started alternately in the same run, so the machine's speed
cancels out of the ratios.
"""

from __future__ import annotations

import argparse
import json
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
GOALS = {"dialog": 2.0, "peak": 2.0, "steady": 3.0}


def run(command: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Seconds from start to the first line the program prints (at its first paint), its peak resident
    memory in KiB over its whole life (it quits once painted), and its standard output."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    assert process.stdout is not None
    first = process.stdout.readline()  # printed as the window paints: its closing down is not counted
    elapsed = time.perf_counter() - started
    assert process.stderr is not None
    out, err = process.stdout.read(), process.stderr.read()  # to the end (a few lines), without reaping it
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command[:3])} failed: {err.strip()}")
    peak_kib = usage.ru_maxrss // (1024 if sys.platform == "darwin" else 1)  # bytes on macOS, KiB on Linux
    return elapsed, peak_kib, (first + out).strip()


def verdict(ratio: float, goal: float) -> str:
    return f"≤ {goal:g}x {'ok' if ratio <= goal else 'MISSED'}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--settle", type=float, default=2.0)
    args = parser.parse_args()
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "PYTHONPATH": str(ROOT)}
    # An installed app has its bytecode compiled; without this the app would compile itself at every launch.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    with_passphrase = {**env, "SUPERVISION_APP_PASSPHRASE": PASSPHRASE}
    settle = ["--settle", str(args.settle)]
    with tempfile.TemporaryDirectory() as temp:
        data_dir = Path(temp) / "demo"
        app = [sys.executable, "-m", "supervision_app", "--data-dir", str(data_dir)]
        subprocess.run([*app, "demo"], env=with_passphrase, check=True, capture_output=True, cwd=ROOT)
        to_dialog = [*app, "gui", "--exit-when-shown"]
        driver = [sys.executable, str(HERE / "unlock_driver.py"), str(data_dir), PASSPHRASE, *settle]
        bare = [sys.executable, str(HERE / "bare_window.py")]
        for command, command_env in ((to_dialog, env), (to_dialog, with_passphrase), (bare, env)):
            run(command, command_env)  # warm the file cache for all, so all are equally "cold"
        rows: dict[str, list[float]] = {key: [] for key in (
            "bare", "bare_peak", "bare_steady", "dialog", "dialog_peak", "unlock", "stall", "warm_up",
            "unlock_at_once", "steady", "main_window", "main")}
        for _ in range(args.runs):
            seconds, peak, _ = run(bare, env)
            rows["bare"].append(seconds)
            rows["bare_peak"].append(peak)
            seconds, peak, _ = run(to_dialog, env)
            rows["dialog"].append(seconds)
            rows["dialog_peak"].append(peak)
            typed = json.loads(run(driver, env)[2].splitlines()[-1])
            rows["unlock"].append(typed["unlock"])
            rows["stall"].append(typed["stall_ms"])
            rows["warm_up"].append(typed["warm_up_s"] if typed["warm_up_s"] is not None else float("nan"))
            if typed["steady_kib"] is not None:
                rows["steady"].append(typed["steady_kib"])
                rows["main_window"].append(typed["main_window_kib"])
            at_once = json.loads(run([*driver, "--at-once"], env)[2].splitlines()[-1])
            rows["unlock_at_once"].append(at_once["unlock"])
            steady = run([*bare, *settle], env)[2]
            if steady != "None":
                rows["bare_steady"].append(int(steady))
            rows["main"].append(run(to_dialog, with_passphrase)[0])
    m = {key: statistics.median(values) if values else float("nan") for key, values in rows.items()}
    bare_s, mib = m["bare"], 1024
    platform = env.get("QT_QPA_PLATFORM", "xcb")
    print(f"start-up on the demo vault, median of {args.runs} runs ({platform}):")
    print(f"  bare PySide6 window, launch to painted          {bare_s:6.3f} s")
    dialog = m["dialog"] / bare_s
    print(f"  launch to unlock dialog painted                 {m['dialog']:6.3f} s  {dialog:6.2f}x bare"
          f"  {verdict(dialog, GOALS['dialog'])}")
    print(f"  unlock pressed to main window painted           {m['unlock']:6.3f} s  {m['unlock'] / bare_s:6.2f}x bare"
          f"  (passphrase typed, 120 ms a key; loading ahead took {m['warm_up']:.2f} s,"
          f" typing held up {m['stall']:.0f} ms at most)")
    print(f"    the same, Unlock pressed as the dialog paints {m['unlock_at_once']:6.3f} s"
          f"  {m['unlock_at_once'] / bare_s:6.2f}x bare")
    print(f"  launch to main window, passphrase given         {m['main']:6.3f} s  {m['main'] / bare_s:6.2f}x bare")
    peak = m["dialog_peak"] / m["bare_peak"]
    print(f"  peak memory, launch to unlock dialog painted    {m['dialog_peak'] / mib:6.1f} MiB  {peak:6.2f}x bare"
          f" ({m['bare_peak'] / mib:.1f} MiB)  {verdict(peak, GOALS['peak'])}")
    steady = m["steady"] / m["bare_steady"]
    print(f"  steady memory, unlocked with a session open     {m['steady'] / mib:6.1f} MiB  {steady:6.2f}x bare"
          f" ({m['bare_steady'] / mib:.1f} MiB)  {verdict(steady, GOALS['steady'])}")
    print(f"    of it, the main window before the session     {m['main_window'] / mib:6.1f} MiB"
          f"  {m['main_window'] / m['bare_steady']:6.2f}x bare")
    return 0


if __name__ == "__main__":
    sys.exit(main())
