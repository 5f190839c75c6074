"""Organisation's contacts…: add, change and remove the organisation's contacts for support.

Built in code (a list, and a small form per contact). Every label is plain text
(``gui/plain.py``): what the organisation types is never taken for markup.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supervision_app.domain.contacts import OrganisationContact
from supervision_app.errors import VaultError
from supervision_app.gui import plain
from supervision_app.gui.accessibility import clear_error, error_label, show_error
from supervision_app.gui.removal import AskRemove, ask_to_remove, removal_details
from supervision_app.services.contacts import ContactsService
from supervision_app.services.people import InvalidEntry

INTRO = ("Your organisation's own contacts for support: the Employee Assistance Programme, occupational health, "
         "the union, HR. They are shown beside each wellbeing flag's category, and on My supervision. Until you "
         "add some, the national signposts are shown instead.")
FIELDS = (("name", "Name", "Employee Assistance Programme"), ("phone", "Phone", ""), ("email", "Email", ""),
          ("web", "Web address", ""), ("hours", "Hours", "e.g. 24 hours a day, 7 days a week"))


def contact_line(contact: OrganisationContact) -> str:
    return f"{contact.name}: {contact.details}" if contact.details else contact.name


class ContactDialog(QDialog):
    """One contact's details and the flag categories it helps with."""

    def __init__(self, service: ContactsService, contact: OrganisationContact, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.contact = contact
        self.saved: OrganisationContact | None = None
        title = "Change a contact" if contact.id is not None else "Add a contact"
        self.setWindowTitle(f"{title} – Supervision")
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        grid = QGridLayout()
        layout.addLayout(grid)
        self.edits: dict[str, QLineEdit] = {}
        for row, (name, label_text, placeholder) in enumerate(FIELDS):
            edit = QLineEdit(getattr(contact, name), self)
            edit.setAccessibleName(label_text)
            edit.setPlaceholderText(placeholder)
            label = plain.label(f"{label_text}:", self)
            label.setBuddy(edit)
            grid.addWidget(label, row, 0)
            grid.addWidget(edit, row, 1)
            self.edits[name] = edit
        self.helps_edit = QPlainTextEdit(contact.helps_with, self)
        self.helps_edit.setTabChangesFocus(True)
        self.helps_edit.setAccessibleName("What they help with")
        self.helps_edit.setFixedHeight(self.helps_edit.fontMetrics().lineSpacing() * 4)
        helps_label = plain.label("What they help with:", self)
        helps_label.setBuddy(self.helps_edit)
        grid.addWidget(helps_label, len(FIELDS), 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.helps_edit, len(FIELDS), 1)
        layout.addWidget(plain.label("Shown beside these wellbeing flag categories (none ticked: all of them):",
                                     self))
        boxes = QGridLayout()
        layout.addLayout(boxes)
        self.category_boxes: dict[str, QCheckBox] = {}
        for index, category in enumerate(service.content.flags.categories):
            box = QCheckBox(category.label.replace("&", "&&"), self)
            box.setChecked(category.id in contact.categories)
            boxes.addWidget(box, index // 2, index % 2)
            self.category_boxes[category.id] = box
        self.error_label = error_label(self)
        layout.addWidget(self.error_label)
        buttons = QHBoxLayout()
        layout.addLayout(buttons)
        buttons.addStretch(1)
        self.save_button = QPushButton("&Save", self)
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel", self)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)

    def edited(self) -> OrganisationContact:
        values = {name: edit.text() for name, edit in self.edits.items()}
        return OrganisationContact(
            values["name"], self.helps_edit.toPlainText(), values["phone"], values["email"], values["web"],
            values["hours"], tuple(cid for cid, box in self.category_boxes.items() if box.isChecked()),
            self.contact.id)

    def save(self) -> OrganisationContact | None:
        clear_error(self.error_label)
        try:
            self.saved = self.service.save(self.edited())
        except InvalidEntry as problem:
            field = self.edits.get(problem.field) or (self.helps_edit if problem.field == "helps_with" else None)
            show_error(self.error_label, problem.message, field)
            return None
        except VaultError as error:
            show_error(self.error_label, error.message)
            return None
        self.accept()
        return self.saved


class ContactsDialog(QDialog):
    """The organisation's contacts, in order: Add…, Change…, Remove."""

    def __init__(self, service: ContactsService, parent: QWidget | None = None, *,
                 ask_remove: AskRemove = ask_to_remove) -> None:
        super().__init__(parent)
        self.service = service
        self.ask_remove = ask_remove
        self.setWindowTitle("Organisation's contacts – Supervision")
        self.setAccessibleName("Organisation's contacts")
        layout = QVBoxLayout(self)
        intro = plain.label(INTRO, self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.contacts_list = QListWidget(self)
        self.contacts_list.setAccessibleName("Contacts")
        layout.addWidget(self.contacts_list)
        self.empty_label = plain.label("No contacts yet: the national signposts are shown.", self)
        layout.addWidget(self.empty_label)
        buttons = QHBoxLayout()
        layout.addLayout(buttons)
        self.add_button = QPushButton("&Add…", self)
        self.edit_button = QPushButton("&Change…", self)
        self.remove_button = QPushButton("&Remove", self)
        self.close_button = QPushButton("Close", self)
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.remove_button.clicked.connect(self.remove)
        self.close_button.clicked.connect(self.accept)
        self.contacts_list.itemActivated.connect(lambda _item: self.edit())
        self.contacts_list.currentRowChanged.connect(self._enable)
        self.refresh()

    def refresh(self, chosen: int | None = None) -> None:
        self.contacts_list.clear()
        for contact in self.service.contacts():
            item = QListWidgetItem(contact_line(contact))
            item.setData(Qt.ItemDataRole.UserRole, contact.id)
            self.contacts_list.addItem(item)
            if contact.id == chosen:
                self.contacts_list.setCurrentItem(item)
        if self.contacts_list.currentItem() is None and self.contacts_list.count():
            self.contacts_list.setCurrentRow(0)
        self.empty_label.setVisible(not self.contacts_list.count())
        self._enable()

    def _enable(self, *_row: object) -> None:
        chosen = self.contacts_list.currentItem() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def chosen(self) -> OrganisationContact | None:
        item = self.contacts_list.currentItem()
        if item is None:
            return None
        contact_id = item.data(Qt.ItemDataRole.UserRole)
        return next((c for c in self.service.contacts() if c.id == contact_id), None)

    def add(self) -> ContactDialog:
        return self._open(OrganisationContact(""))

    def edit(self) -> ContactDialog | None:
        contact = self.chosen()
        return self._open(contact) if contact is not None else None

    def _open(self, contact: OrganisationContact) -> ContactDialog:
        dialog = ContactDialog(self.service, contact, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.refresh(dialog.saved.id if dialog.saved else None))
        dialog.open()
        return dialog

    def remove(self) -> None:
        contact = self.chosen()
        if contact is None or contact.id is None:
            return
        if self.ask_remove(self, f"Remove {contact.name} from the organisation's contacts?",
                           removal_details([contact.name, contact.helps_with])):
            self.service.remove(contact.id)
            self.refresh()
