"""People → Retention review…, "Erase this supervisee…" and "Keep longer…", and the backups left after an erasure.

:class:`LifecycleUi` is hosted by the main window (a few lines there): it finds
its action in the main window's form and opens these dialogs. Erasing asks for
the person's name to be typed; afterwards it says which backups still hold
them and offers to make a fresh backup and delete the older ones (only once
the fresh one is written and verified).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from supervision_app.domain.model import Person
from supervision_app.domain.names import same_name
from supervision_app.domain.retention import ReviewEntry
from supervision_app.errors import VaultError
from supervision_app.formatting import format_date
from supervision_app.gui import plain
from supervision_app.gui.accessibility import show_error
from supervision_app.gui.busy import wait_cursor
from supervision_app.gui.forms import child
from supervision_app.services.backups import BackupService
from supervision_app.services.erasure import ErasureReport, erase_person, replace_backups
from supervision_app.services.people import InvalidEntry
from supervision_app.services.retention import RetentionService, load_retention_rule

if TYPE_CHECKING:
    from supervision_app.gui.main_window import MainWindow

FRESH_BACKUP = "Make a fresh backup and delete the older ones"


def _buttons(dialog: QDialog, *buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch()
    for button in buttons:
        button.setAutoDefault(False)
        row.addWidget(button)
    return row


class EraseDialog(QDialog):
    """Asks for the person's name to be typed before erasing them; accepted only when it matches."""

    def __init__(self, person: Person, sessions: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person = person
        self.setWindowTitle("Erase a supervisee – Supervision")
        layout = QVBoxLayout(self)
        heading = plain.label(f"Erase {person.name}?", self)
        heading.setProperty("role", "heading")
        layout.addWidget(heading)
        explanation = plain.label(
            f"This erases {person.name} and everything about them from this vault: "
            f"{sessions} session{'' if sessions == 1 else 's'} with their records, actions, flags and notes, "
            "the signed notes, their pairing and the exchange log entries. It cannot be undone. "
            "Backups made before still hold them; you are told which afterwards.", self)
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        prompt = plain.label("&Type their name to confirm:", self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setAccessibleName("Type their name to confirm")
        prompt.setBuddy(self.name_edit)
        layout.addWidget(prompt)
        layout.addWidget(self.name_edit)
        self.cancel_button = QPushButton("&Cancel", self)
        self.erase_button = QPushButton("&Erase", self)
        self.erase_button.setEnabled(False)
        layout.addLayout(_buttons(self, self.cancel_button, self.erase_button))
        # Return erases only once the name matches: a disabled default button does nothing.
        self.erase_button.setDefault(True)
        self.name_edit.textChanged.connect(self._typed)
        self.cancel_button.clicked.connect(self.reject)
        self.erase_button.clicked.connect(self.accept)
        self.name_edit.setFocus()

    def _typed(self, text: str) -> None:
        self.erase_button.setEnabled(same_name(text, self.person.name))

    def accept(self) -> None:
        if same_name(self.name_edit.text(), self.person.name):
            super().accept()


class KeepLongerDialog(QDialog):
    """Records why a person's records are kept past retention (a legal hold, say)."""

    def __init__(self, service: RetentionService, person: Person, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service, self.person = service, person
        self.setWindowTitle("Keep records longer – Supervision")
        layout = QVBoxLayout(self)
        prompt = plain.label(f"&Why are {person.name}'s records kept past the retention period?", self)
        prompt.setWordWrap(True)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText("For example: Legal hold: employment tribunal claim")
        keep = service.of(person).keep
        self.reason_edit.setText(keep.reason if keep else "")
        prompt.setBuddy(self.reason_edit)
        self.error_label = plain.label("", self)
        self.error_label.setProperty("role", "error")
        self.error_label.setVisible(False)
        layout.addWidget(prompt)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.error_label)
        self.cancel_button = QPushButton("&Cancel", self)
        self.save_button = QPushButton("&Save", self)
        layout.addLayout(_buttons(self, self.cancel_button, self.save_button))
        self.save_button.setDefault(True)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.accept)
        self.reason_edit.setFocus()

    def accept(self) -> None:
        try:
            self._service.keep_longer(self.person, self.reason_edit.text())
        except InvalidEntry as error:
            show_error(self.error_label, error.message, self.reason_edit)
            return
        super().accept()


class ReviewDialog(QDialog):
    """Whose records are past retention, since when, and any reason recorded to keep them."""

    def __init__(self, service: RetentionService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.entries: list[ReviewEntry] = []
        self.setWindowTitle("Retention review – Supervision")
        layout = QVBoxLayout(self)
        rule = service.rule
        self.summary = plain.label("", self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        basis = plain.label(f"The organisation's rule: records are kept {rule.years} years after supervision "
                            f"ends. {rule.basis}".strip(), self)
        basis.setWordWrap(True)
        basis.setProperty("role", "hint")
        layout.addWidget(basis)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(["Name", "Supervision ended", "Past retention since", "Kept because"])
        self.table.setAccessibleName("People past retention")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setAccessibleName("Columns")
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setAccessibleName("Rows")
        self.table.setMinimumWidth(640)
        layout.addWidget(self.table)
        self.erase_button = QPushButton("E&rase…", self)
        self.keep_button = QPushButton("&Keep longer…", self)
        self.close_button = QPushButton("&Close", self)
        layout.addLayout(_buttons(self, self.erase_button, self.keep_button, self.close_button))
        self.close_button.clicked.connect(self.accept)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.refresh()

    def refresh(self) -> None:
        self.entries = self.service.review()
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            kept = f"{entry.keep.reason} (recorded {format_date(entry.keep.recorded_on)})" if entry.keep else ""
            for column, text in enumerate((entry.person.name, format_date(entry.ended),
                                           format_date(entry.past_since), kept)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        count = len(self.entries)
        self.summary.setText("Nobody's records are past retention." if not count else
                             f"{count} {'person’s records are' if count == 1 else 'people’s records are'} past "
                             "retention: erase them, or record why they are kept longer.")
        if count:
            self.table.selectRow(0)
        self._selection_changed()

    def selected(self) -> Person | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()].person if rows else None

    def _selection_changed(self) -> None:
        chosen = self.selected() is not None
        self.erase_button.setEnabled(chosen)
        self.keep_button.setEnabled(chosen)


class LifecycleUi(QObject):
    """Retention and erasure in the main window."""

    def __init__(self, main: MainWindow) -> None:
        # No Qt parent: the main window's reference keeps this alive. It holds the main window
        # weakly: a cycle would leave the window to the garbage collector, which could free it
        # in the middle of some later event.
        super().__init__()
        self._main = weakref.ref(main)
        self.dialog: QDialog | None = None  # the dialog open now, for tests
        self.review_dialog: ReviewDialog | None = None
        self.last_message: QMessageBox | None = None
        self.last_report: ErasureReport | None = None
        child(main.window, QAction, "actionRetentionReview").triggered.connect(self.show_review)

    @property
    def main(self) -> MainWindow:
        main = self._main()
        if main is None:
            raise RuntimeError("the main window has gone")
        return main

    def _service(self) -> RetentionService | None:
        try:
            rule = load_retention_rule()
        except VaultError as error:
            self._tell(QMessageBox.Icon.Warning, "Retention rule not read", error.message)
            return None
        return RetentionService(self.main.store, rule, clock=self.main.services.clock)

    def show_review(self) -> ReviewDialog | None:
        service = self._service()
        if service is None:
            return None
        dialog = ReviewDialog(service, self.main.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.erase_button.clicked.connect(lambda: self._from_review(self.ask_to_erase))
        dialog.keep_button.clicked.connect(lambda: self._from_review(self.ask_to_keep))
        dialog.destroyed.connect(self._review_closed)
        self.review_dialog = dialog
        dialog.open()
        return dialog

    def _review_closed(self) -> None:
        self.review_dialog = None

    def _from_review(self, action: Callable[[Person], QDialog | None]) -> None:
        if self.review_dialog is not None and (person := self.review_dialog.selected()) is not None:
            action(person)

    def ask_to_keep(self, person: Person) -> QDialog | None:
        service = self._service()
        if service is None:
            return None
        dialog = KeepLongerDialog(service, person, self.review_dialog or self.main.window)
        return self._open(dialog, lambda: self._changed(f"The reason to keep {person.name}'s records is saved."))

    def offer_erasure(self, person: Person) -> None:
        """After a handover: offer to erase the supervisee whose records went to another supervisor."""
        self.ask_to_erase(person)

    def ask_to_erase(self, person: Person) -> QDialog | None:
        if person.is_self:
            return None
        sessions = len(self.main.store.list_sessions(person.id))
        dialog = EraseDialog(person, sessions, self.review_dialog or self.main.window)
        return self._open(dialog, lambda: self.erase(person))

    def _open(self, dialog: QDialog, on_accepted: Callable[[], object]) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(on_accepted)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _changed(self, message: str) -> None:
        if self.review_dialog is not None:
            self.review_dialog.refresh()
        self.main.status_message(message)

    def erase(self, person: Person) -> ErasureReport | None:
        """Erase ``person`` (already confirmed), then say which backups still hold them and offer to replace them."""
        editor = self.main.editor
        if editor is not None and self.main.store.get_session(editor.session_id).supervisee_id == person.id:
            self.main.supervising.close_editor()
        try:
            with wait_cursor():
                report = erase_person(self.main.vault, person.id, self.main.backups.backups)
        except VaultError as error:
            self._tell(QMessageBox.Icon.Warning, "Not erased", error.message)
            return None
        self.last_report = report
        self.main.refresh()
        self._changed(f"{person.name} was erased.")
        if not report.backups_before:
            self._tell(QMessageBox.Icon.Information, "Erased", f"{person.name} was erased from this vault.",
                       "Copies of backups kept anywhere else still hold them.")
            return report
        listed = "\n".join(str(path) for path in report.backups_before)
        if self.main.confirm(self.main.window, f"{person.name} was erased. Backups made before still hold them",
                             f"{listed}\n\nCopies of backups kept anywhere else hold them too.", FRESH_BACKUP):
            self.replace_older_backups(report)
        return report

    def replace_older_backups(self, report: ErasureReport) -> None:
        backups: BackupService = self.main.backups.backups
        status = backups.status()
        if status.folder is None or status.folder_missing:
            folder = self.main.backups.choose_folder(self.main.window, "Choose a folder for the fresh backup")
            if folder is None:
                return
            backups.set_folder(folder)
        try:
            with wait_cursor():
                fresh, deleted = replace_backups(backups, report.backups_before)
        except VaultError as error:
            self._tell(QMessageBox.Icon.Warning, "Older backups kept",
                       f"{error.message} No older backup was deleted.")
            return
        finally:
            self.main.backups.show_status()
        self._tell(QMessageBox.Icon.Information, "Fresh backup made",
                   f"A fresh backup was written and checked: {fresh.path}.",
                   f"{len(deleted)} older backup{'' if len(deleted) == 1 else 's'} deleted.")

    def _tell(self, icon: QMessageBox.Icon, title: str, text: str, details: str = "") -> None:
        box = plain.message_box(icon, title, text, self.main.window, details=details,
                                buttons=QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(self._message_closed)
        self.last_message = box
        box.open()

    def _message_closed(self) -> None:
        self.last_message = None
