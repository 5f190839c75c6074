"""One way for a dialog to clear its messages and say what it has done (``error_label``, ``status_label``)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from supervision_app.gui.accessibility import announce, clear_error


class StatusMessages:
    """Mixin for a dialog with an ``error_label`` and a ``status_label``."""

    error_label: QLabel
    status_label: QLabel

    def _begin(self) -> None:
        clear_error(self.error_label)
        self._set_status("")

    def _set_status(self, message: str) -> None:
        self.status_label.setText(message)
        self.status_label.setAccessibleDescription(message)
        if message:
            announce(self.status_label)
