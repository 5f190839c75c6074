"""The CPD log's window (``ui/cpd_log.ui``): the year's entries, its progress in words, and the exports.

Opened by "CPD log…" (:func:`open_cpd_log`); each install keeps its own person's log.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QWidget,
)

from supervision_app.domain.cpd import CpdEntry, CpdType, year_ending
from supervision_app.domain.model import SupervisionSession
from supervision_app.domain.record import SessionRecord
from supervision_app.errors import VaultError
from supervision_app.fileio import atomic_write_bytes
from supervision_app.formatting import format_long_date
from supervision_app.gui.accessibility import clear_error, show_error
from supervision_app.gui.busy import wait_cursor
from supervision_app.gui.cpd.entry import CpdEntryDialog
from supervision_app.gui.forms import FormDialog, child
from supervision_app.gui.removal import AskRemove, ask_to_remove, removal_details
from supervision_app.services.cpd import CpdService
from supervision_app.storage.records import SqlRecordStore

if TYPE_CHECKING:
    from supervision_app.gui.main_window import MainWindow

# Asks where to save: (parent, caption, suggested file name, filter) -> the path, or None if cancelled.
ChooseFile = Callable[[QWidget, str, str, str], Path | None]


def choose_file(parent: QWidget, caption: str, suggested: str, name_filter: str) -> Path | None:
    name, _chosen = QFileDialog.getSaveFileName(parent, caption, str(Path.home() / suggested), name_filter)
    return Path(name) if name else None


def entry_line(entry: CpdEntry) -> str:
    line = f"{format_long_date(entry.done_on)}: {entry.title}"
    return line + (" (with peer reflection)" if entry.has_peer_reflection else "")


class CpdLogDialog(FormDialog):
    def __init__(self, service: CpdService, parent: QWidget | None = None, *,
                 choose: ChooseFile = choose_file, ask_remove: AskRemove = ask_to_remove) -> None:
        super().__init__("cpd_log", parent)
        self.service = service
        self.choose = choose
        self.ask_remove = ask_remove
        self.year_combo = self.find(QComboBox, "yearCombo")
        self.progress_label = self.find(QLabel, "progressLabel")
        self.entries_list = self.find(QListWidget, "entriesList")
        self.error_label = self.find(QLabel, "errorLabel")
        self.edit_button = self.find(QPushButton, "editButton")
        self.remove_button = self.find(QPushButton, "removeButton")
        self.find(QPushButton, "addButton").clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.remove_button.clicked.connect(self.remove)
        self.find(QPushButton, "pdfButton").clicked.connect(self.save_pdf)
        self.find(QPushButton, "textButton").clicked.connect(self.save_text)
        self.find(QPushButton, "copyButton").clicked.connect(self.copy_text)
        self.find(QPushButton, "closeButton").clicked.connect(self.accept)
        self.entries_list.itemActivated.connect(lambda _item: self.edit())
        self.entries_list.currentRowChanged.connect(self._enable)
        self.year_combo.currentIndexChanged.connect(self._refresh)
        self._fill_years(service.this_year())

    def year(self) -> int:
        return int(self.year_combo.currentData())

    def _fill_years(self, chosen: int) -> None:
        this_year = self.service.this_year()
        years = sorted({chosen, *self.service.years()}, reverse=True)
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in years:
            self.year_combo.addItem(f"1 Dec {year - 1} to 30 Nov {year}" + (" (this year)" if year == this_year
                                                                            else ""), year)
        self.year_combo.setCurrentIndex(years.index(chosen))
        self.year_combo.blockSignals(False)
        self._refresh()

    def _refresh(self) -> None:
        year = self.year()
        self.progress_label.setText(self.service.progress_in_words(year))
        self.entries_list.clear()
        for entry in self.service.entries(year):
            item = QListWidgetItem(entry_line(entry))
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.entries_list.addItem(item)
        if self.entries_list.count():
            self.entries_list.setCurrentRow(0)
        self._enable()

    def _enable(self) -> None:
        chosen = self.entries_list.currentItem() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def chosen(self) -> CpdEntry | None:
        item = self.entries_list.currentItem()
        if item is None:
            return None
        entry_id = item.data(Qt.ItemDataRole.UserRole)
        return next((e for e in self.service.entries(self.year()) if e.id == entry_id), None)

    def add(self) -> CpdEntryDialog:
        return self.open_entry(CpdEntry(CpdType.COURSE, "", self.service.today()))

    def edit(self) -> CpdEntryDialog | None:
        entry = self.chosen()
        return self.open_entry(entry) if entry is not None else None

    def open_entry(self, entry: CpdEntry) -> CpdEntryDialog:
        dialog = CpdEntryDialog(self.service, entry, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._saved)
        dialog.open()
        return dialog

    def _saved(self) -> None:
        dialog = self.sender()
        if isinstance(dialog, CpdEntryDialog) and dialog.saved is not None:
            self._fill_years(year_ending(dialog.saved.done_on))

    def remove(self) -> None:
        entry = self.chosen()
        if entry is None or entry.id is None:
            return
        if self.ask_remove(self, "Remove this piece of CPD?", removal_details([entry.title, entry.learnt])):
            self.service.remove(entry.id)
            self._fill_years(self.year())

    def _write(self, caption: str, suggested: str, name_filter: str, make: Callable[[], bytes]) -> Path | None:
        clear_error(self.error_label)
        path = self.choose(self, caption, suggested, name_filter)
        if path is None:
            return None
        try:
            with wait_cursor():
                atomic_write_bytes(path, make())
        except VaultError as error:
            show_error(self.error_label, error.message)
            return None
        except OSError as error:
            show_error(self.error_label, f"{path} could not be written ({error.strerror or 'error'}).")
            return None
        self.progress_label.setText(f"{self.service.progress_in_words(self.year())} Saved to {path}.")
        return path

    def save_pdf(self) -> Path | None:
        year = self.year()
        return self._write("Save the CPD log as a PDF", f"cpd-{year}.pdf", "PDF (*.pdf)",
                           lambda: self.service.as_pdf(year))

    def save_text(self) -> Path | None:
        year = self.year()
        return self._write("Save the CPD log as text", f"cpd-{year}.txt", "Text (*.txt)",
                           lambda: self.service.as_text(year).encode("utf-8"))

    def copy_text(self) -> None:
        QGuiApplication.clipboard().setText(self.service.as_text(self.year()))
        self.progress_label.setText(f"{self.service.progress_in_words(self.year())} "
                                    "Copied, field by field, ready to paste.")


class CpdLogAction:
    """"My CPD log…" in the People menu, after "About you…": for supervisors and supervisees alike."""

    def __init__(self, main: MainWindow) -> None:
        self._main = weakref.ref(main)
        self.action = QAction("My CPD &log…", main.window)
        self.action.setObjectName("actionCpdLog")
        self.action.setStatusTip("Your own CPD for Social Work England: this year's pieces, and what is still needed.")
        menu = child(main.window, QMenu, "peopleMenu")
        actions = menu.actions()
        profile = next((a for a in actions if a.objectName() == "actionProfile"), None)
        after = actions[actions.index(profile) + 1] if profile is not None and profile is not actions[-1] else None
        menu.insertAction(after, self.action) if after is not None else menu.addAction(self.action)
        self.action.triggered.connect(self.open)

    def open(self) -> CpdLogDialog | None:
        main = self._main()
        return open_cpd_log(main.window, main.store, main.services.clock) if main is not None else None


def open_cpd_log(parent: QWidget, store: SqlRecordStore, clock: Callable[[], datetime]) -> CpdLogDialog:
    """Open the log of this install's own person over ``parent``."""
    dialog = CpdLogDialog(CpdService(store, clock), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def open_cpd_entry(parent: QWidget, store: SqlRecordStore, clock: Callable[[], datetime],
                   session: SupervisionSession, record: SessionRecord) -> CpdEntryDialog:
    """Open a new entry of this install's own log, started from a session's learning."""
    dialog = CpdEntryDialog(CpdService(store, clock), CpdService.from_session(session, record), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
