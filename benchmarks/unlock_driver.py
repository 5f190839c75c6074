"""Unlock → painted main window, in one process, through the real unlock dialog (run by startup.py).

    python benchmarks/unlock_driver.py DATA_DIR PASSPHRASE

Starts the app as ``supervision-app gui`` does, waits for the unlock dialog to
paint, types the passphrase, presses Unlock, and prints the seconds from the
press to the main window's first paint.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QMainWindow, QWidget

from supervision_app.gui.application import create_application
from supervision_app.gui.controller import AppController
from supervision_app.gui.services import default_services
from supervision_app.gui.unlock import UnlockDialog
from supervision_app.paths import VaultPaths


class _Stopwatch(QObject):
    def __init__(self, passphrase: str, controller: AppController) -> None:
        super().__init__()
        self.passphrase = passphrase
        self.controller = controller
        self.pressed: float | None = None
        self.elapsed: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint or not isinstance(watched, QWidget):
            return False
        window = watched.window()
        if isinstance(window, UnlockDialog) and self.pressed is None:
            self.pressed = 0.0
            QTimer.singleShot(0, lambda: self._unlock(window))
        elif isinstance(window, QMainWindow) and self.pressed and self.elapsed is None:
            self.elapsed = time.perf_counter() - self.pressed
            QTimer.singleShot(0, self.controller.quit)
        return False

    def _unlock(self, dialog: UnlockDialog) -> None:
        dialog.passphrase_edit.setText(self.passphrase)
        self.pressed = time.perf_counter()
        dialog.unlock_button.click()


def main() -> int:
    data_dir, passphrase = Path(sys.argv[1]), sys.argv[2]
    app = create_application()
    controller = AppController(default_services(VaultPaths(data_dir)))
    controller.quit_requested.connect(app.quit)
    stopwatch = _Stopwatch(passphrase, controller)
    app.installEventFilter(stopwatch)
    controller.start()
    app.exec()
    controller.shutdown()
    if stopwatch.elapsed is None:
        print("the main window did not appear", file=sys.stderr)
        return 1
    print(f"{stopwatch.elapsed:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
