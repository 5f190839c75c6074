"""Fast at any size: the rows of issue 13's table, a large vault against the demo, in one run.

    python benchmarks/scale.py [--runs N] [--cache DIR] [--quick]

The large vault (15 supervisees × 125 sessions, every note signed; ``scale_vault.py``)
is built through the app's own services the first time and cached in DIR
(default ``$SUPERVISION_BENCH_CACHE`` or ``~/.cache/supervision-app-benchmarks``),
keyed by the app's version, the schema version and the size. The demo vault,
its notes signed too, is made afresh in a temporary folder. Each row is timed
on both, alternately, and reported as the ratio large / demo of the medians.
``--quick`` uses 3 supervisees × 12 sessions and one run (a smoke test).

CLI rows (``sessions``, ``check``) and unlock → main window painted
(``unlock_driver.py``) run in fresh processes; the rest run in this process
with Qt offscreen, in an application made as the app makes it (its theme and
style sheet, ``gui/application.create_application``): the sessions list of the
supervisee with most sessions, the session editor opened on their draft, going to its Sign-off step, building the
note of their latest signed-off session (the longest carry-forward chains),
the home page's facts (``home_attention``) and the home page read again and
painted (with the cost of each supervisee more), the history dialog of that supervisee
painted with its chart (``gui/people/history.py``), and searching every record for
"court skills" in the search window until its results are painted (``gui/search/dialog.py``; the
storage's call alone is printed for information; the ``search`` command too).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]  # this checkout's app, not an installed one
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from keyring.backends import fail  # noqa: E402
from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog  # noqa: E402
from scale_vault import PASSPHRASE, TODAY, demo_vault, large_vault  # noqa: E402

from supervision_app.domain.model import PersonRole, SessionStatus, SupervisionSession  # noqa: E402
from supervision_app.gui.application import create_application  # noqa: E402
from supervision_app.gui.main_window import MainWindow  # noqa: E402
from supervision_app.gui.people.history import supervisee_history_dialog  # noqa: E402
from supervision_app.gui.search.dialog import SearchDialog  # noqa: E402
from supervision_app.gui.services import AppServices  # noqa: E402
from supervision_app.logging_setup import quieten_libraries  # noqa: E402
from supervision_app.paths import VaultPaths  # noqa: E402
from supervision_app.services.attention import home_attention  # noqa: E402
from supervision_app.services.notes import NoteOptions  # noqa: E402
from supervision_app.settings import SettingsStore  # noqa: E402
from supervision_app.storage.search_index import search as search_records  # noqa: E402
from supervision_app.vault.keyring_cache import KeyCache  # noqa: E402
from supervision_app.vault.service import OpenVault, VaultService  # noqa: E402

# (row, goal as the largest ratio large / demo; None where O(size) is fine)
ROWS: list[tuple[str, float | None]] = [
    ("`sessions` CLI", 1.3),
    ("unlock → main window painted (every note signed)", 1.5),
    ("`check` (every note signed)", None),
    ("sessions list of one supervisee", 1.5),
    ("opening a session in the editor", 1.3),
    ("going to the Sign-off step", 1.3),
    ("building a note with long carry-forward chains", 1.5),
    ("home page facts (home_attention)", 1.3),
    ("home page refreshed and painted", 1.5),
    ("history and chart of one supervisee", 1.5),
    ('search "court skills", Enter to results painted', 1.5),
    ('`search "court skills"` CLI', 1.5),
]


class _Printer:
    def print_recovery_code(self, code: str, parent: object) -> bool:
        return True


def cli(data_dir: Path, *command: str) -> Callable[[], float]:
    env = {**os.environ, "SUPERVISION_APP_PASSPHRASE": PASSPHRASE, "PYTHONPATH": str(ROOT),
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    args = [sys.executable, "-m", "supervision_app", "--data-dir", str(data_dir), *command]

    def run() -> float:
        started = time.perf_counter()
        result = subprocess.run(args, env=env, capture_output=True, text=True, check=False, cwd=ROOT)
        if result.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed: {result.stderr.strip()}")
        return time.perf_counter() - started
    return run


def unlock_to_main(data_dir: Path) -> Callable[[], float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    args = [sys.executable, str(HERE / "unlock_driver.py"), str(data_dir), PASSPHRASE]

    def run() -> float:
        result = subprocess.run(args, env=env, capture_output=True, text=True, check=False, cwd=ROOT)
        if result.returncode != 0:
            raise SystemExit(f"unlock_driver failed: {result.stderr.strip()}")
        return float(json.loads(result.stdout.strip().splitlines()[-1])["unlock"])  # unlock_driver.py's report
    return run


def _quiet_offscreen(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if "propagateSizeHints" not in message:  # the offscreen platform says so at every window shown
        print(message, file=sys.stderr)


def timed(action: Callable[[], object], app: QApplication) -> float:
    gc.collect()  # garbage of earlier steps is not collected inside this one (tens of ms at random, as timeit)
    started = time.perf_counter()
    action()
    app.processEvents()  # the paint that follows
    return time.perf_counter() - started


class InApp:
    """One vault open in a main window (offscreen), and the steps the in-process rows time."""

    def __init__(self, data_dir: Path, app: QApplication) -> None:
        self.app = app
        service = VaultService(VaultPaths(data_dir))
        self.vault: OpenVault = service.unlock_with_passphrase(PASSPHRASE)
        services = AppServices(service, KeyCache(fail.Keyring()), SettingsStore(service.paths.settings_file),
                               _Printer())
        self.main = MainWindow(self.vault, services)
        self.main.show()
        app.processEvents()
        store = self.vault.store
        people = [p for p in store.list_people() if p.role is PersonRole.SUPERVISEE and not p.is_self]
        counts = {p.id: len(store.list_sessions(p.id)) for p in people}
        self.person_id = max(counts, key=lambda pid: counts[pid])
        self.other_id = next(p.id for p in people if p.id != self.person_id)
        self.rows = counts[self.person_id]
        self.team = len(people)
        theirs = store.list_sessions(self.person_id)
        self.draft: SupervisionSession = next(s for s in theirs if s.status is SessionStatus.DRAFT)
        self.signed_off = max((s for s in theirs if s.status is SessionStatus.SIGNED_OFF),
                              key=lambda s: s.scheduled_start)
        self.notes = self.main.note_service
        self.search_dialog: SearchDialog | None = None

    def sessions_list(self) -> float:
        self.main.select_person(self.other_id)
        self.app.processEvents()
        return timed(lambda: self.main.select_person(self.person_id), self.app)

    def open_editor(self) -> float:
        self.main.supervising.close_editor()
        self.app.processEvents()
        return timed(lambda: self.main.supervising.open_session(self.draft), self.app)

    def sign_off_step(self) -> float:
        editor = self.main.editor
        assert editor is not None
        editor.go_to(0)
        self.app.processEvents()
        return timed(lambda: editor.go_to(editor.page_index(editor.sign_off_page)), self.app)

    def build_note(self) -> float:
        return timed(lambda: self.notes.render(self.signed_off.id, NoteOptions()), self.app)

    def home(self) -> float:
        now = datetime.combine(TODAY, datetime.min.time())
        return timed(lambda: home_attention(self.vault.store, now), self.app)

    def home_page(self) -> float:
        """The home page read again and painted (``HomeUi.refresh``): a row per supervisee, a line per reason."""
        self.main.show_home()
        self.app.processEvents()
        return timed(self.main.home.refresh, self.app)

    def history(self) -> float:
        """The history dialog of the supervisee with most sessions, painted, then its chart painted."""
        person = self.vault.store.get_person(self.person_id)

        shown: list[QDialog] = []

        def show() -> None:
            dialog = supervisee_history_dialog(self.vault.store, self.main.services.content, person, TODAY,
                                               self.main.window)
            dialog.show()
            self.app.processEvents()
            dialog.tabs.setCurrentIndex(1)
            shown.append(dialog)
        took = timed(show, self.app)
        shown[0].close()
        shown[0].deleteLater()
        self.app.processEvents()
        return took

    def search(self) -> float:
        """What the user waits for: "court skills" typed in the search window (Ctrl+F), Enter, and the results
        painted (``SearchDialog.run_search``)."""
        if self.search_dialog is None:
            self.main.action_search.trigger()
            self.search_dialog = self.main.window.findChild(SearchDialog)
            assert self.search_dialog is not None
            self.search_dialog.query_edit.setText("court skills")
            self.app.processEvents()
        return timed(self.search_dialog.run_search, self.app)

    def search_storage(self) -> float:
        """The storage's part of it, for information: the newest 100 with a snippet each, as the CLI prints them."""
        return timed(lambda: search_records(self.vault.store, "court skills"), self.app)

    def close(self) -> None:
        if self.search_dialog is not None:
            self.search_dialog.close()
        self.main.supervising.close_editor()
        self.main.dispose()
        self.vault.lock()


def measure(pair: tuple[Callable[[], float], Callable[[], float]], runs: int) -> tuple[float, float]:
    large, small = pair
    large(), small()  # warm
    large_times, small_times = [], []
    for _ in range(runs):
        large_times.append(large())
        small_times.append(small())
    return statistics.median(large_times), statistics.median(small_times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=Path(os.environ.get(
        "SUPERVISION_BENCH_CACHE", Path.home() / ".cache" / "supervision-app-benchmarks")))
    parser.add_argument("--quick", action="store_true", help="3 supervisees × 12 sessions, one run")
    args = parser.parse_args()
    supervisees, sessions = (3, 12) if args.quick else (15, 125)
    runs = 1 if args.quick else args.runs
    quieten_libraries()
    qInstallMessageHandler(_quiet_offscreen)
    large = large_vault(args.cache, supervisees, sessions)
    app = create_application()  # as the app runs: its theme, style sheet and wheel guard
    results: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory(prefix="scale-benchmark-") as temp:
        small = demo_vault(Path(temp) / "demo", like=large)
        results.append(measure((cli(large, "sessions"), cli(small, "sessions")), runs))
        results.append(measure((unlock_to_main(large), unlock_to_main(small)), runs))
        results.append(measure((cli(large, "check"), cli(small, "check")), runs))
        big, little = InApp(large, app), InApp(small, app)
        rows = (big.rows, little.rows)
        team = (big.team, little.team)
        try:
            for step in ("sessions_list", "open_editor", "sign_off_step", "build_note", "home", "home_page", "history",
                         "search"):
                results.append(measure((getattr(big, step), getattr(little, step)), runs))
            storage = measure((big.search_storage, little.search_storage), runs)  # (printed for information)
        finally:
            big.close()
            little.close()
            gc.collect()
        results.append(measure((cli(large, "search", "court skills"), cli(small, "search", "court skills")), runs))
        size = sum(f.stat().st_size for f in large.rglob("*") if f.is_file()) / 1e6
    print(f"large vault ({supervisees} supervisees × {sessions} sessions, every note signed, {size:.0f} MB) "
          f"against the demo, median of {runs} runs; sessions list {rows[0]} vs {rows[1]} rows:")
    print(f"  {'':52} {'large':>10} {'demo':>10} {'ratio':>7}  goal")
    for (name, goal), (big_s, small_s) in zip(ROWS, results, strict=True):
        ratio = big_s / small_s
        verdict = "O(size)" if goal is None else f"≤ {goal}x {'ok' if ratio <= goal else 'MISSED'}"
        print(f"  {name:52} {big_s:8.4f} s {small_s:8.4f} s {ratio:6.2f}x  {verdict}")
    for (name, _goal), (big_s, small_s) in zip(ROWS, results, strict=True):
        if name.startswith("home page") and team[0] != team[1]:  # a row per supervisee: say what each one costs
            print(f"  {name}: {team[0]} supervisees against {team[1]}, "
                  f"{(big_s - small_s) / (team[0] - team[1]) * 1e6:.0f} µs more per supervisee")
    print(f"  search's storage call alone (storage/search_index.search, a snippet for each of the newest 100): "
          f"{storage[0]:.4f} s against {storage[1]:.4f} s, {storage[0] / storage[1]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
