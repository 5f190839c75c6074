"""Access requests on the person's screen: the requests and their deadlines, and "Export everything…".

:class:`AccessRequestsUi` hooks into the main window: an action in the People
menu and, under the heading of a supervisee's sessions, a line for each of
their requests with the day the reply is due. :class:`AccessExportDialog` warns
that the copy is readable, takes the day the request was received, asks for a
folder and writes the export there (``services/access``).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDateEdit, QFileDialog, QLabel, QMenu, QMessageBox, QPushButton, QVBoxLayout, QWidget

from supervision_app.domain.access import AccessRequest, days_left_text, request_problem
from supervision_app.domain.model import Person, PersonRole
from supervision_app.errors import VaultError
from supervision_app.formatting import format_long_day
from supervision_app.gui import plain
from supervision_app.gui.accessibility import clear_error, show_error
from supervision_app.gui.busy import wait_cursor
from supervision_app.gui.forms import FormDialog, child
from supervision_app.gui.session.dates import from_qdate, to_qdate
from supervision_app.paths import resources_dir
from supervision_app.services.my_supervision import Use

if TYPE_CHECKING:
    from supervision_app.gui.main_window import MainWindow
    from supervision_app.services.access import AccessService, ExportResult

ChooseFolder = Callable[[QWidget], Path | None]


def choose_export_folder(parent: QWidget) -> Path | None:
    """The system's folder chooser, starting in the home folder."""
    name = QFileDialog.getExistingDirectory(parent, "Choose where to put the copy", str(Path.home()))
    return Path(name) if name else None


def request_line(service: AccessService, request: AccessRequest, today: date) -> str:
    due = service.reply_by(request.received)
    received = f"Access request received {format_long_day(request.received)}"
    if request.exported_at is None:
        return f"{received}: reply due by {format_long_day(due)} ({days_left_text(due, today)})."
    return f"{received} (reply due by {format_long_day(due)}): copy made {format_long_day(request.exported_at.date())}."


def readable_warning(name: str) -> str:
    return (f"The copy is not encrypted: anyone who can open the folder you choose can read all of it, including "
            f"the items marked private or discussed. Give it to {name} safely, then delete it.")


class AccessExportDialog(FormDialog):
    """After ``accept()``, :attr:`exported` holds the export written, or :attr:`recorded` the request kept."""

    def __init__(self, service: AccessService, person: Person, *, choose_folder: ChooseFolder = choose_export_folder,
                 parent: QWidget | None = None) -> None:
        super().__init__("access_export", parent)
        self._service = service
        self._person = person
        self._choose_folder = choose_folder
        self._today = service.now().date()
        self.exported: ExportResult | None = None
        self.recorded: AccessRequest | None = None
        self.find(QLabel, "headingLabel").setText(f"Export everything about {person.name}")
        self.find(QLabel, "warningLabel").setText(readable_warning(person.name))
        self.received_edit = self.find(QDateEdit, "receivedEdit")
        self.deadline_label = self.find(QLabel, "deadlineLabel")
        self.requests_label = self.find(QLabel, "requestsLabel")
        self.error_label = self.find(QLabel, "errorLabel")
        self.export_button = self.find(QPushButton, "exportButton")
        self.record_button = self.find(QPushButton, "recordButton")
        requests = service.requests(person.id)
        waiting = [r.received for r in requests if r.exported_at is None]
        self.received_edit.setMaximumDate(to_qdate(self._today))
        self.received_edit.setDate(to_qdate(min(waiting) if waiting else self._today))
        if requests:
            self.requests_label.setText("\n".join(request_line(service, r, self._today) for r in requests))
        self.received_edit.dateChanged.connect(self._show_deadline)
        self.export_button.clicked.connect(self._export)
        self.record_button.clicked.connect(self._record)
        self.find(QPushButton, "cancelButton").clicked.connect(self.reject)
        self._show_deadline()
        self.received_edit.setFocus()

    def received(self) -> date:
        return from_qdate(self.received_edit.date())

    def _show_deadline(self) -> None:
        clear_error(self.error_label, self.received_edit)
        due = self._service.reply_by(self.received())
        self.deadline_label.setText(f"The reply is due by {format_long_day(due)} "
                                    f"({days_left_text(due, self._today)}).")

    def _checked_date(self) -> date | None:
        problem = request_problem(self.received(), self._today)
        if problem:
            show_error(self.error_label, problem, self.received_edit)
            return None
        return self.received()

    def _record(self) -> None:
        received = self._checked_date()
        if received is None:
            return
        try:
            self.recorded = self._service.record_request(self._person.id, received)
        except VaultError as error:
            show_error(self.error_label, error.message, self.received_edit)
            return
        self.accept()

    def _export(self) -> None:
        received = self._checked_date()
        if received is None:
            return
        folder = self._choose_folder(self)
        if folder is None:
            return
        try:
            with wait_cursor():
                self.exported = self._service.export(self._person.id, received, folder)
        except VaultError as error:
            show_error(self.error_label, error.message, self.export_button)
            return
        self.accept()


class AccessRequestsUi(QObject):
    """The main window's part in access requests (its People menu and the chosen person's screen).

    It holds the main window weakly: the window is freed when the controller lets it go (on locking),
    and a reference back from here would keep it alive in a cycle.
    """

    def __init__(self, main: MainWindow, choose_folder: ChooseFolder = choose_export_folder) -> None:
        super().__init__(main.window)
        self._main = weakref.ref(main)
        self.choose_folder = choose_folder
        self._person: Person | None = None
        self.action = QAction("E&xport everything about this person…", main.window)
        self.action.setObjectName("actionExportPerson")
        self.action.setStatusTip("A readable copy of every record about the chosen supervisee, for their "
                                 "access request.")
        child(main.window, QMenu, "peopleMenu").addAction(self.action)
        panel = child(main.window, QWidget, "sessionsPanel")
        self.label = plain.label("", panel)
        self.label.setObjectName("accessRequestsLabel")
        self.label.setWordWrap(True)
        self.label.setVisible(False)
        layout = panel.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, self.label)  # under the heading of the person's sessions
        self.action.triggered.connect(self.export_chosen)
        main.person_selected.connect(self.show_for)
        main.supervising.sessions_stack.currentChanged.connect(self._refresh)
        self.show_for(main.selected_person())

    def _service(self, main: MainWindow) -> AccessService:
        from supervision_app.services.access import AccessService  # its PDF part loads only when exporting

        services = main.services
        return AccessService(main.store, services.content, resources_dir() / "fonts", clock=services.clock)

    def show_for(self, person: Person | None) -> None:
        main = self._main()
        if main is None:
            return
        self._person = person if person is not None and person.role is PersonRole.SUPERVISEE \
            and not person.is_self else None
        self.action.setEnabled(self._person is not None)
        self.action.setVisible(Use.SUPERVISING in main.uses())
        self._refresh()

    def _refresh(self, *_changed: object) -> None:
        main = self._main()
        if main is None or not main.vault.is_open:
            return
        page = main.supervising
        on_list = page.sessions_stack.currentWidget() in (page.sessions_list_page, page.sessions_placeholder_page)
        service = self._service(main)
        requests = service.requests(self._person.id) if self._person is not None else []
        if requests and on_list:
            today = service.now().date()
            self.label.setText("\n".join(request_line(service, r, today) for r in requests))
        self.label.setVisible(bool(requests) and on_list)

    def export_chosen(self) -> AccessExportDialog | None:
        main = self._main()
        if main is None or self._person is None:
            return None
        dialog = AccessExportDialog(self._service(main), self._person, choose_folder=self.choose_folder,
                                    parent=main.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._done)
        dialog.open()
        return dialog

    def _done(self) -> None:
        dialog, main = self.sender(), self._main()
        if main is None or not isinstance(dialog, AccessExportDialog):
            return
        self._refresh()
        if dialog.exported is not None:
            result = dialog.exported
            main.tell(QMessageBox.Icon.Information, "Copy made",
                      f"Everything about the person is in {result.folder}: all-records.pdf to read, "
                      f"all-records.json and {result.signed_notes} signed notes. The copy is not encrypted; "
                      f"delete it once it has been given to them. The reply is due by "
                      f"{format_long_day(result.reply_by)}.")
        elif dialog.recorded is not None:
            main.status_message(f"The request is kept; the reply is due by "
                                f"{format_long_day(self._service(main).reply_by(dialog.recorded.received))}.")
