"""Session → Group supervision…: the group sessions, a new one (members chosen from your supervisees), and
opening one to write and sign off (``gui/group/editor.py``)."""

from __future__ import annotations

import weakref
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supervision_app.domain.group import GroupKind
from supervision_app.domain.model import SessionMode
from supervision_app.formatting import format_datetime
from supervision_app.gui.accessibility import show_error
from supervision_app.gui.forms import child
from supervision_app.gui.group.editor import GroupEditorDialog
from supervision_app.gui.plain import label as plain_label
from supervision_app.gui.plain import plain_labels
from supervision_app.services.groups import GroupService, GroupSummary

if TYPE_CHECKING:
    from supervision_app.gui.main_window import MainWindow
    from supervision_app.services.notes import NoteService


def summary_line(summary: GroupSummary) -> str:
    group = summary.group
    return (f"G{group.id}: {format_datetime(group.scheduled_start)}, {group.kind.label.lower()}, "
            f"{group.status.label.lower()}. Members: {summary.member_names}")


class NewGroupDialog(QDialog):
    """When, who leads it, where, and which of your supervisees are in it."""

    def __init__(self, service: GroupService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.created_id: int | None = None
        self.setWindowTitle("New group session")
        form = QFormLayout()
        tomorrow = datetime.combine(service.now().date() + timedelta(days=1), time(10, 0))
        self.when_edit = QDateTimeEdit(QDateTime(QDate(tomorrow.year, tomorrow.month, tomorrow.day), QTime(10, 0)))
        self.when_edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.when_edit.setCalendarPopup(True)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem("The supervisor (you)", GroupKind.SUPERVISOR_LED)
        self.kind_combo.addItem("A member, facilitating (peer-led)", GroupKind.PEER_LED)
        self.mode_combo = QComboBox()
        for mode in SessionMode:
            self.mode_combo.addItem(mode.label, mode)
        self.place_edit = QLineEdit()
        self.members_list = QListWidget()
        for person in service.candidates():
            item = QListWidgetItem(person.name)
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.members_list.addItem(item)
        self.facilitator_combo = QComboBox()
        for label, widget in (("&When:", self.when_edit), ("&Led by:", self.kind_combo), ("&Mode:", self.mode_combo),
                              ("&Place:", self.place_edit),
                              ("M&embers (Space ticks one):", self.members_list),
                              ("&Facilitator:", self.facilitator_combo)):
            title = plain_label(label)
            title.setBuddy(widget)
            widget.setAccessibleName(label.replace("&", "").split(" (")[0].rstrip(":"))
            form.addRow(title, widget)
        self.error_label = plain_label()
        self.error_label.setWordWrap(True)
        create = QPushButton("&Create")
        create.setDefault(True)
        cancel = QPushButton("Cancel")
        create.clicked.connect(self.create_group)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(create)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        plain_labels(self)  # names come from the vault: never read as markup
        self.kind_combo.currentIndexChanged.connect(self._facilitators)
        self.members_list.itemChanged.connect(self._facilitators)
        self._facilitators()

    def chosen(self) -> tuple[int, ...]:
        items = (self.members_list.item(row) for row in range(self.members_list.count()))
        return tuple(int(item.data(Qt.ItemDataRole.UserRole)) for item in items
                     if item is not None and item.checkState() is Qt.CheckState.Checked)

    def _facilitators(self, *_changed: object) -> None:
        peer_led = GroupKind(self.kind_combo.currentData()) is GroupKind.PEER_LED
        names = {p.id: p.name for p in self.service.candidates()}
        self.facilitator_combo.clear()
        for person_id in self.chosen():
            self.facilitator_combo.addItem(names[person_id], person_id)
        self.facilitator_combo.setEnabled(peer_led)

    def create_group(self) -> None:
        kind = GroupKind(self.kind_combo.currentData())
        facilitator = self.facilitator_combo.currentData() if kind is GroupKind.PEER_LED else None
        when = self.when_edit.dateTime().toPython()
        assert isinstance(when, datetime)
        try:
            group = self.service.create(when.replace(second=0, microsecond=0), self.chosen(), kind=kind,
                                        facilitator_id=facilitator, mode=SessionMode(self.mode_combo.currentData()),
                                        location=self.place_edit.text())
        except ValueError as error:
            show_error(self.error_label, str(error), self.members_list)
            return
        self.created_id = group.id
        self.accept()


class GroupSessionsDialog(QDialog):
    """The group sessions, newest last; New…, and Open (or Return) to write or read one."""

    def __init__(self, service: GroupService, notes: NoteService | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service, self.notes = service, notes
        self.editor: GroupEditorDialog | None = None
        self.setWindowTitle("Group supervision")
        heading = plain_label("&Group sessions:")
        self.groups_list = QListWidget()
        self.groups_list.setAccessibleName("Group sessions")
        heading.setBuddy(self.groups_list)
        self.empty_label = plain_label("No group sessions yet. New group session… makes one with some of your "
                                       "supervisees.")
        self.empty_label.setWordWrap(True)
        new = QPushButton("&New group session…")
        self.open_button = QPushButton("&Open")
        close = QPushButton("&Close")
        new.clicked.connect(self.new)
        self.open_button.clicked.connect(self.open_chosen)
        close.clicked.connect(self.accept)
        self.groups_list.itemActivated.connect(lambda _item: self.open_chosen())
        self.groups_list.currentRowChanged.connect(lambda row: self.open_button.setEnabled(row >= 0))
        buttons = QHBoxLayout()
        for button in (new, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        for widget in (heading, self.groups_list, self.empty_label):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.resize(640, 360)
        plain_labels(self)
        self.refresh()

    def refresh(self, chosen: int | None = None) -> None:
        self.groups_list.clear()
        for summary in self.service.summaries():
            item = QListWidgetItem(summary_line(summary))
            item.setData(Qt.ItemDataRole.UserRole, summary.group.id)
            self.groups_list.addItem(item)
            if summary.group.id == chosen:
                self.groups_list.setCurrentItem(item)
        self.empty_label.setVisible(self.groups_list.count() == 0)
        if chosen is None and self.groups_list.count():
            self.groups_list.setCurrentRow(self.groups_list.count() - 1)
        self.open_button.setEnabled(self.groups_list.currentRow() >= 0)

    def new(self) -> int | None:
        dialog = NewGroupDialog(self.service, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.created_id is None:
            return None
        self.refresh(dialog.created_id)
        self.open_group(dialog.created_id)
        return dialog.created_id

    def open_chosen(self) -> None:
        item = self.groups_list.currentItem()
        if item is not None:
            self.open_group(int(item.data(Qt.ItemDataRole.UserRole)))

    def open_group(self, group_id: int) -> GroupEditorDialog:
        editor = GroupEditorDialog(self.service, group_id, self.notes, self)
        editor.finished.connect(lambda _result: self.refresh(group_id))
        self.editor = editor
        editor.open()
        return editor


class GroupAction:
    """"Group supervision…" in the Session menu, after "Book a session…"."""

    def __init__(self, main: MainWindow) -> None:
        self._main = weakref.ref(main)
        self.action = QAction("&Group supervision…", main.window)
        self.action.setObjectName("actionGroupSupervision")
        self.action.setStatusTip("Group and peer supervision: a shared agenda and discussion, and each member's "
                                 "own part and note.")
        menu = child(main.window, QMenu, "sessionMenu")
        actions = menu.actions()
        book = next((a for a in actions if a.objectName() == "actionBookSession"), None)
        after = actions[actions.index(book) + 1] if book is not None and book is not actions[-1] else None
        menu.insertAction(after, self.action) if after is not None else menu.addAction(self.action)
        self.action.triggered.connect(self.open)
        self.dialog: GroupSessionsDialog | None = None

    def open(self) -> GroupSessionsDialog | None:
        main = self._main()
        if main is None:
            return None
        dialog = GroupSessionsDialog(GroupService(main.store, main.services.clock), main.note_service, main.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self, _result: int) -> None:
        self.dialog = None
        main = self._main()
        if main is not None:
            main.refresh()  # members' new records on their lists
