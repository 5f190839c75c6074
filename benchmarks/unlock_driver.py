"""Unlock → painted main window, in one process, through the real unlock dialog (run by startup.py).

    python benchmarks/unlock_driver.py DATA_DIR PASSPHRASE [--at-once] [--settle SECONDS]

Starts the app as ``supervision-app gui`` does (the same controller, loading the
main window's modules while the dialog waits), waits for the unlock dialog to
paint, then types the passphrase one key every 120 ms (a fast typist), or with
``--at-once`` sets it at once, and presses Unlock. It prints one JSON line:

* ``unlock``: seconds from pressing Unlock to the main window's first paint;
* ``stall_ms``: the longest the event loop was held up while typing (a 10 ms
  timer's longest lateness), so loading ahead is seen not to slow typing;
* ``warm_up_s``: how long loading the modules ahead took (``null`` if not done);
* ``steady_kib``: after the main window, the demo's session in progress is
  opened in the session editor (``MainWindow.return_to``, as after an auto-lock),
  and once it has painted and ``--settle`` seconds passed, the resident memory
  (measured as ``bare_window.py --settle`` measures the bare window's);
* ``main_window_kib``: the same measure just before the session is opened.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from supervision_app.gui.source_check import check_names_not_source

check_names_not_source()  # as `supervision-app gui` does before importing the app's modules (gui/launch.py)

from bare_window import resident_kib  # noqa: E402
from PySide6.QtCore import QEvent, QObject, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QMainWindow, QWidget  # noqa: E402

from supervision_app.gui.application import create_application  # noqa: E402
from supervision_app.gui.controller import AppController  # noqa: E402
from supervision_app.gui.services import default_services  # noqa: E402
from supervision_app.gui.unlock import UnlockDialog  # noqa: E402
from supervision_app.gui.warm_up import MAIN_WINDOW_MODULES  # noqa: E402
from supervision_app.paths import VaultPaths  # noqa: E402

KEY_INTERVAL_MS = 120
TICK_MS = 10


class _Driver(QObject):
    def __init__(self, passphrase: str, controller: AppController, *, at_once: bool, settle_s: float) -> None:
        super().__init__()
        self.passphrase = passphrase
        self.controller = controller
        self.at_once = at_once
        self.settle_s = settle_s
        self.state = "waiting for the dialog"
        self.pressed = 0.0
        self.result: dict[str, float | int | None] = {}
        self._last_tick = 0.0
        self._stall = 0.0
        self._ticker = QTimer(self)
        self._ticker.setTimerType(Qt.TimerType.PreciseTimer)
        self._ticker.timeout.connect(self._tick)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint or not isinstance(watched, QWidget):
            return False
        window = watched.window()
        if isinstance(window, UnlockDialog) and self.state == "waiting for the dialog":
            self.state = "typing"
            QTimer.singleShot(0, lambda: self._type(window))
        elif isinstance(window, QMainWindow) and self.state == "unlocking":
            self.state = "opening a session"
            self.result["unlock"] = time.perf_counter() - self.pressed
            QTimer.singleShot(0, self._open_session)
        elif isinstance(window, QMainWindow) and self.state == "waiting for the session" and self._editor_shown():
            self.state = "settling"
            QTimer.singleShot(int(self.settle_s * 1000), self._finish)
        return False

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last_tick:
            self._stall = max(self._stall, now - self._last_tick - TICK_MS / 1000)
        self._last_tick = now

    def _type(self, dialog: UnlockDialog) -> None:
        if self.at_once:
            dialog.passphrase_edit.setText(self.passphrase)
            self._press(dialog)
            return
        self._ticker.start(TICK_MS)
        self._next_key(dialog, 0)

    def _next_key(self, dialog: UnlockDialog, index: int) -> None:
        if index == len(self.passphrase):
            self._ticker.stop()
            self.result["stall_ms"] = round(self._stall * 1000, 1)
            self._press(dialog)
            return
        QTest.keyClicks(dialog.passphrase_edit, self.passphrase[index])
        QTimer.singleShot(KEY_INTERVAL_MS, lambda: self._next_key(dialog, index + 1))

    def _press(self, dialog: UnlockDialog) -> None:
        self.result["warm_up_s"] = self.controller.warm_up.seconds
        self.state = "unlocking"
        self.pressed = time.perf_counter()
        dialog.unlock_button.click()

    def _open_session(self) -> None:
        vault, main = self.controller.vault, self.controller.main_window
        assert vault is not None and main is not None
        self.result["main_window_kib"] = resident_kib()  # the main window alone, for the breakdown
        sessions = vault.store.list_sessions()
        session = next((s for s in sessions if s.status.value == "draft"), sessions[0])
        self.state = "waiting for the session"
        main.return_to((session.id, 0))

    def _editor_shown(self) -> bool:
        main = self.controller.main_window
        return main is not None and main.editor is not None and main.editor.isVisible()

    def _finish(self) -> None:
        self.result["steady_kib"] = resident_kib()
        self.state = "done"
        self.controller.quit()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("passphrase")
    parser.add_argument("--at-once", action="store_true")
    parser.add_argument("--settle", type=float, default=2.0)
    args = parser.parse_args()
    app = create_application()
    controller = AppController(default_services(VaultPaths(args.data_dir)), warm_up=MAIN_WINDOW_MODULES)
    controller.quit_requested.connect(app.quit)
    driver = _Driver(args.passphrase, controller, at_once=args.at_once, settle_s=args.settle)
    app.installEventFilter(driver)
    controller.start()
    app.exec()
    controller.shutdown()
    if driver.state != "done":
        print(f"stopped while {driver.state}", file=sys.stderr)
        return 1
    print(json.dumps(driver.result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
