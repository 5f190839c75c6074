"""What happens when the app meets a bug: a private log entry and a calm dialog.

Neither the log nor the dialog shows the exception's message, which could
quote a record; :func:`describe_exception` gives the types and the places only.
A :class:`VaultError` that reaches the event loop (damage met while reading a
page, say) is not a bug: it is shown as its own sentence in a message box.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QPlainTextEdit, QPushButton, QWidget

from supervision_app.errors import VaultError
from supervision_app.gui.forms import FormDialog
from supervision_app.gui.plain import message_box
from supervision_app.logging_setup import describe_exception

log = logging.getLogger("supervision_app.gui.crash")

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def log_location_sentence(log_file: Path | None) -> str:
    if log_file is None:
        return "The app could not write its log, so the details below are the only record."
    return f"The details below were also added to the app's log:\n{log_file}"


class CrashDialog(FormDialog):
    def __init__(self, details: str, log_file: Path | None, parent: QWidget | None = None) -> None:
        super().__init__("crash", parent)
        self.find(QLabel, "logLocationLabel").setText(log_location_sentence(log_file))
        self.details_edit = self.find(QPlainTextEdit, "detailsEdit")
        self.details_edit.setPlainText(details)
        self.find(QPushButton, "copyButton").clicked.connect(self._copy)
        close = self.find(QPushButton, "closeButton")
        close.clicked.connect(self.accept)
        close.setFocus()  # first to hand, though last in Tab order (the order on screen)

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.details_edit.toPlainText())


class ExceptionHook:
    """Replaces ``sys.excepthook`` between :meth:`install` and :meth:`uninstall`."""

    def __init__(self, log_file: Path | None) -> None:
        self._log_file = log_file
        self._previous: ExceptHook | None = None
        self._showing = False
        self.dialogs: list[QDialog] = []  # crash dialogs, and message boxes for a VaultError

    def install(self) -> None:
        if sys.excepthook is not self:
            self._previous = sys.excepthook
            sys.excepthook = self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self._previous or sys.__excepthook__
        self._previous = None

    def __call__(self, exc_type: type[BaseException], error: BaseException,
                 traceback: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            (self._previous or sys.__excepthook__)(exc_type, error, traceback)
            return
        if error.__traceback__ is None and traceback is not None:
            error = error.with_traceback(traceback)
        if isinstance(error, VaultError):
            # Not a bug: the vault's own problem met while reading (a damaged page, a failing
            # disk), which its one sentence explains.
            log.warning("%s reached the event loop:\n%s", exc_type.__name__, describe_exception(error))
            self._tell(error.message)
            return
        details = describe_exception(error)
        log.error("Uncaught exception:\n%s", details)
        self._show(details)

    def _tell(self, sentence: str) -> None:
        if QApplication.instance() is None:
            return
        box = message_box(QMessageBox.Icon.Warning, "Supervision", sentence, None,
                          buttons=QMessageBox.StandardButton.Ok)
        box.finished.connect(lambda _result, b=box: QTimer.singleShot(0, lambda: self._drop(b)))
        self.dialogs.append(box)
        box.open()

    def _drop(self, dialog: QDialog) -> None:
        if dialog in self.dialogs:
            self.dialogs.remove(dialog)

    def _show(self, details: str) -> None:
        # A second fault while the dialog is being built must not loop.
        if self._showing or QApplication.instance() is None:
            return
        self._showing = True
        try:
            dialog = CrashDialog(details, self._log_file)
            # Dropped once closed, from the event loop rather than inside the
            # dialog's own signal; the last reference going deletes it.
            dialog.finished.connect(lambda _result, d=dialog: QTimer.singleShot(0, lambda: self._drop(d)))
            self.dialogs.append(dialog)
            dialog.show()
            dialog.activateWindow()
        except Exception as error:  # noqa: BLE001 - the log is the last resort here
            log.error("The crash dialog could not be shown:\n%s", describe_exception(error))
        finally:
            self._showing = False
