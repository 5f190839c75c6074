"""Organisation's contacts…: added, changed and removed through the dialog; shown beside each flag category in
the Flags step and on My supervision, always as plain text (real vault, real widgets)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from supervision_app.content import ToolkitContent
from supervision_app.domain.contacts import OrganisationContact
from supervision_app.gui.contacts.dialog import ContactDialog, ContactsDialog
from supervision_app.gui.contacts.support import SupportPanel
from supervision_app.gui.session import SessionEditor
from supervision_app.gui.session.page import select_data
from supervision_app.services.contacts import ContactsService
from tests.gui.session.conftest import World
from tests.gui.test_keyboard import check_window

MARKUP = "<b>Union</b> <img src='file:///etc/passwd'>"


def open_contacts(qtbot: QtBot, world: World, content: ToolkitContent) -> ContactsDialog:
    dialog = ContactsDialog(ContactsService(world.vault.store, content), ask_remove=lambda *_: True)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def fill(dialog: ContactDialog, qtbot: QtBot, **values: str) -> None:
    for name, value in values.items():
        if name == "helps_with":
            dialog.helps_edit.setPlainText(value)
        else:
            dialog.edits[name].clear()
            qtbot.keyClicks(dialog.edits[name], value)


def test_contacts_are_added_changed_and_removed(qtbot: QtBot, world: World, content: ToolkitContent) -> None:
    dialog = open_contacts(qtbot, world, content)
    assert dialog.empty_label.isVisibleTo(dialog) and not dialog.edit_button.isEnabled()
    check_window(dialog)
    adding = dialog.add()
    qtbot.waitExposed(adding)
    check_window(adding, adding.edits["name"])
    fill(adding, qtbot, name="Employee Assistance Programme", helps_with="Counselling, any time.",
         phone="0800 123 4567", hours="24 hours a day")
    adding.category_boxes["bullying_harassment"].setChecked(True)
    qtbot.mouseClick(adding.save_button, Qt.MouseButton.LeftButton)
    assert dialog.contacts_list.count() == 1
    assert dialog.contacts_list.item(0).text() == "Employee Assistance Programme: 0800 123 4567 · 24 hours a day"
    saved = dialog.service.contacts()[0]
    assert saved.categories == ("bullying_harassment",) and saved.helps_with == "Counselling, any time."
    changing = dialog.edit()
    assert changing is not None and changing.edits["phone"].text() == "0800 123 4567"
    fill(changing, qtbot, email="eap@example.org")
    changing.save()
    assert dialog.service.contacts()[0].email == "eap@example.org"
    dialog.remove()
    assert dialog.contacts_list.count() == 0 and dialog.service.contacts() == []


def test_a_refused_contact_says_why_in_one_sentence_and_saves_nothing(qtbot: QtBot, world: World,
                                                                       content: ToolkitContent) -> None:
    dialog = open_contacts(qtbot, world, content)
    adding = dialog.add()
    fill(adding, qtbot, name="EAP", email="no address")
    assert adding.save() is None
    assert adding.error_label.text() == "An email address has an @ in it."
    assert adding.isVisible() and dialog.service.contacts() == []


def test_markup_in_a_contact_shows_literally_everywhere(qtbot: QtBot, world: World, content: ToolkitContent,
                                                        make_editor: Callable[..., SessionEditor]) -> None:
    service = ContactsService(world.vault.store, content)
    service.save(OrganisationContact(MARKUP, "<i>help</i>", phone="<a href='x'>call</a>"))
    dialog = open_contacts(qtbot, world, content)
    assert dialog.contacts_list.item(0).text() == f"{MARKUP}: <a href='x'>call</a>"
    editor = make_editor()
    editor.flags_page.add_flag()
    row = editor.flags_page.rows[0]
    assert MARKUP in row.support_label.text() and "<i>help</i>" in row.support_label.text()
    assert row.support_label.textFormat() is Qt.TextFormat.PlainText
    panel = SupportPanel(content)
    qtbot.addWidget(panel)
    panel.show_contacts(service.contacts())
    shown = [label for label in panel.findChildren(QLabel) if MARKUP in label.text()]
    assert shown and all(label.textFormat() is Qt.TextFormat.PlainText for label in shown)


def test_the_flags_step_shows_each_categorys_toolkit_text_and_its_contacts(
        world: World, content: ToolkitContent, make_editor: Callable[..., SessionEditor]) -> None:
    service = ContactsService(world.vault.store, content)
    service.save(OrganisationContact("UNISON branch", "Representation at work.", email="branch@example.org",
                                     categories=("bullying_harassment",)))
    service.save(OrganisationContact("Occupational Health", categories=("health_affecting_work",)))
    editor = make_editor()
    editor.flags_page.add_flag()
    row = editor.flags_page.rows[0]
    select_data(row.category_combo, "bullying_harassment")
    bullying = content.flags.category("bullying_harassment")
    assert row.category_help.text() == f"{bullying.description}\nIn the toolkit: {bullying.cite}"
    assert row.support_label.text() == ("Your organisation's contacts for this:\nUNISON branch\n"
                                        "Representation at work.\nbranch@example.org")
    select_data(row.category_combo, "health_affecting_work")
    assert "Occupational Health" in row.support_label.text() and "UNISON" not in row.support_label.text()
    select_data(row.category_combo, "long_hours")  # none of the organisation's: the national signposts
    assert row.support_label.text().startswith("Where to get support (your organisation has not added")
    assert all(s.name in row.support_label.text() for s in content.support_directory.services)


def test_with_no_contacts_the_national_directory_is_shown(world: World, content: ToolkitContent,
                                                          make_editor: Callable[..., SessionEditor],
                                                          qtbot: QtBot) -> None:
    editor = make_editor()
    editor.flags_page.add_flag()
    text = editor.flags_page.rows[0].support_label.text()
    assert all(s.name in text for s in content.support_directory.services)
    panel = SupportPanel(content)
    qtbot.addWidget(panel)
    panel.show_contacts([])
    shown = "\n".join(label.text() for label in panel.findChildren(QLabel))
    assert all(s.description in shown for s in content.support_directory.services)
