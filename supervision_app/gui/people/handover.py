"""People → Hand over to another supervisor…, and where a person's records came from.

:class:`HandoverUi` adds the action to the People menu and a line above the
chosen person's sessions ("Handed over by … on …"). :class:`HandoverDialog`
chooses the supervisor taking over (paired as a colleague), saves the sealed
file and records the handover.

After a handover the sender may erase the supervisee (issue 12, point 5, built
separately): :attr:`HandoverUi.offer_erasure` is the hook for it. Until it is
set, the message says the records were handed over and that the supervisee
can now be erased from this vault.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QLabel, QMenu, QMessageBox, QPushButton, QVBoxLayout, QWidget

from supervision_app.domain.model import Person, PersonRole
from supervision_app.errors import VaultError
from supervision_app.exchange.envelope import ExchangeError
from supervision_app.exchange.handover import export_handover
from supervision_app.exchange.service import ExchangeService
from supervision_app.gui import plain
from supervision_app.gui.accessibility import clear_error, show_error
from supervision_app.gui.busy import wait_cursor
from supervision_app.gui.exchange.files import ExchangeFiles, suggested_name, write_exchange_file
from supervision_app.gui.forms import FormDialog, child
from supervision_app.gui.notes.files import FileRefused
from supervision_app.services.handovers import provenance_lines

if TYPE_CHECKING:
    from supervision_app.gui.main_window import MainWindow


def handed_over_text(supervisee: Person, colleague: Person, path: Path) -> str:
    return (f"The records of {supervisee.name} were handed over to {colleague.name}: they are saved as {path.name} "
            f"in {path.parent}, and only {colleague.name}'s app can open that file. Send it to them. The handover "
            f"is recorded here; once {colleague.name} has imported it, you can erase {supervisee.name} from "
            "this vault.")


class HandoverDialog(FormDialog):
    """Hands ``supervisee`` over to a colleague chosen here. Accepted once the file is saved;
    :attr:`handed_over` is then ``(colleague, path)``, also sent by ``handed_over_to``."""

    handed_over_to = Signal(object)
    pair_requested = Signal()

    def __init__(self, exchange: ExchangeService, files: ExchangeFiles, supervisee: Person, *, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__("handover", parent)
        self._exchange = exchange
        self._files = files
        self._today = today
        self.supervisee = supervisee
        self.handed_over: tuple[Person, Path] | None = None
        title = f"Hand over {supervisee.name} to another supervisor"
        self.find(QLabel, "titleLabel").setText(title)
        self.setWindowTitle(f"{title} – Supervision")
        self.setAccessibleName(title)
        self.colleague_combo = self.find(QComboBox, "colleagueCombo")
        self.no_colleague_label = self.find(QLabel, "noColleagueLabel")
        self.error_label = self.find(QLabel, "errorLabel")
        self.pair_button = self.find(QPushButton, "pairButton")
        self.hand_over_button = self.find(QPushButton, "handOverButton")
        self.find(QPushButton, "cancelButton").clicked.connect(self.reject)
        self.pair_button.clicked.connect(self.pair_requested)
        self.hand_over_button.clicked.connect(self.hand_over)
        self.refresh()

    def refresh(self) -> None:
        """List the colleagues paired now (after pairing with one from here, say)."""
        chosen = self.colleague_combo.currentData()
        self.colleague_combo.clear()
        for colleague in self._exchange.colleagues():
            self.colleague_combo.addItem(colleague.name, colleague.id)
        index = self.colleague_combo.findData(chosen)
        if index >= 0:
            self.colleague_combo.setCurrentIndex(index)
        has_any = self.colleague_combo.count() > 0
        self.no_colleague_label.setVisible(not has_any)
        self.colleague_combo.setEnabled(has_any)
        self.hand_over_button.setEnabled(has_any)

    def hand_over(self) -> None:
        colleague_id = self.colleague_combo.currentData()
        if colleague_id is None:
            return
        clear_error(self.error_label)
        colleague = self._exchange.store.get_person(int(colleague_id))
        path = self._files.choose_save(self, "handover", "Save the handover file – Supervision",
                                       suggested_name("handover", self._today, self.supervisee.name))
        if path is None:
            return
        try:
            with wait_cursor():
                export_handover(self._exchange, self.supervisee.id, colleague.id,
                                write=lambda pack: write_exchange_file(path, pack))
        except (ExchangeError, FileRefused, VaultError) as error:
            show_error(self.error_label, str(error), self.hand_over_button)
            return
        self.handed_over = (colleague, path)
        self.handed_over_to.emit(self.handed_over)
        self.accept()


class HandoverUi(QObject):
    """The handover's place in the main window: a People menu action and the provenance line."""

    def __init__(self, main: MainWindow) -> None:
        super().__init__(main)
        # A weak reference: the main window owns this, and must be freed as soon as it is closed.
        self._main_ref = weakref.ref(main)
        self.dialog: HandoverDialog | None = None
        # Set by the erasure feature: called with the supervisee once their records are handed over.
        self.offer_erasure: Callable[[Person], None] | None = None
        self.action = QAction("&Hand over to another supervisor…", main.window)
        self.action.setObjectName("actionHandOver")
        self.action.setEnabled(False)
        self.action.triggered.connect(self.open_dialog)
        child(main.window, QMenu, "peopleMenu").addAction(self.action)
        self.provenance_label = plain.label("", child(main.window, QWidget, "sessionsPanel"))
        self.provenance_label.setObjectName("provenanceLabel")
        self.provenance_label.setWordWrap(True)
        self.provenance_label.setVisible(False)
        child(main.window, QVBoxLayout, "sessionsLayout").insertWidget(1, self.provenance_label)
        main.person_selected.connect(self.show_person)

    @property
    def _main(self) -> MainWindow:
        main = self._main_ref()
        assert main is not None  # (this goes with the main window)
        return main

    def show_person(self, person: Person | None) -> None:
        supervisee = person is not None and not person.is_self and person.role is PersonRole.SUPERVISEE
        self.action.setEnabled(supervisee)
        lines = provenance_lines(self._main.store, person.id) if person is not None else []
        self.provenance_label.setText("\n".join(f"{line}." for line in lines))
        self.provenance_label.setVisible(bool(lines))

    def open_dialog(self) -> HandoverDialog | None:
        person = self._main.selected_person()
        if person is None or person.is_self or person.role is not PersonRole.SUPERVISEE:
            return None
        try:
            dialog = HandoverDialog(self._main.exchange_service, self._main.services.files, person,
                                    today=self._main.services.clock().date(), parent=self._main.window)
        except (ExchangeError, VaultError) as error:
            self._main.tell(QMessageBox.Icon.Warning, "Handover", str(error))
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.handed_over_to.connect(self._handed_over)
        dialog.pair_requested.connect(self._pair)
        dialog.destroyed.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _pair(self) -> None:
        pairing = self._main.exchange.open_pairing(PersonRole.COLLEAGUE, None)
        if pairing is not None and self.dialog is not None:
            pairing.paired_with.connect(self.dialog.refresh)

    def _dialog_closed(self) -> None:
        self.dialog = None

    def _handed_over(self, handed_over: tuple[Person, Path]) -> None:
        colleague, path = handed_over
        supervisee = self.dialog.supervisee if self.dialog is not None else None
        if supervisee is None:
            return
        self.show_person(supervisee)
        self._main.tell(QMessageBox.Icon.Information, "Records handed over",
                        handed_over_text(supervisee, colleague, path))
        if self.offer_erasure is not None:
            self.offer_erasure(supervisee)
