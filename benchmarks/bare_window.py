"""The baseline: a bare PySide6 window that quits once it has been painted.

    python benchmarks/bare_window.py [--settle SECONDS]

With ``--settle``, it waits that long after the first paint, then prints its
resident memory in KiB (``resident_kib``, the method ``unlock_driver.py`` uses
for the app's steady memory) before quitting.
"""

from __future__ import annotations

import argparse
import gc
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


def resident_kib() -> int | None:
    """This process's resident memory now, in KiB (Linux; ``None`` elsewhere), after a full collection."""
    gc.collect()
    try:
        with open("/proc/self/statm", encoding="ascii") as stream:
            pages = int(stream.read().split()[1])
    except OSError:
        return None
    import resource

    return pages * resource.getpagesize() // 1024


class _QuitWhenPainted(QObject):
    def __init__(self, settle_s: float | None) -> None:
        super().__init__()
        self.settle_s = settle_s
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            if self.settle_s is None:
                print("painted", flush=True)  # startup.py times this line
                QTimer.singleShot(0, QApplication.quit)
            else:
                QTimer.singleShot(int(self.settle_s * 1000), self._report)
        return False

    def _report(self) -> None:
        print(resident_kib(), flush=True)
        QApplication.quit()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--settle", type=float)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Bare window")
    window.resize(1000, 700)
    watcher = _QuitWhenPainted(args.settle)
    window.installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
