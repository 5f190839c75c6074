"""Adding and changing a supervisee through the dialog, typed as a person would, on a real vault."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot

from supervision_app.domain.model import NewPerson, Person, PersonRole
from supervision_app.gui.people import PersonDialog
from supervision_app.services import people
from supervision_app.storage.records import SqlRecordStore
from tests.gui.people.conftest import (
    TODAY,
    click_check,
    error_sits_under,
    focus_chain,
    mnemonic_labels_without_buddy,
    repeated_mnemonics,
    replace_text,
    type_date,
    type_text,
    unnamed_controls,
)


def open_dialog(qtbot: QtBot, store: SqlRecordStore, person: Person | None = None) -> PersonDialog:
    dialog = PersonDialog(store, today=TODAY, person=person)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def existing(store: SqlRecordStore, **changes: object) -> Person:
    person = NewPerson("Daniel Atić-Lee", PersonRole.SUPERVISEE, "Social Worker", "Duty and Assessment",
                       date(2022, 6, 20))
    return people.add_supervisee(store, replace(person, **changes), today=TODAY)  # type: ignore[arg-type]


def test_add_a_supervisee_by_typing_and_enter_saves(qtbot: QtBot, store: SqlRecordStore) -> None:
    dialog = open_dialog(qtbot, store)
    assert dialog.windowTitle() == "Add a supervisee – Supervision"
    assert dialog.focusWidget() is dialog.name_edit
    assert dialog.start_date_edit.text() == "24 Nov 2026"  # today, in British English

    type_text(dialog.name_edit, "  Zoë Whitfield ")
    QTest.keyClicks(dialog.job_title_edit, "Social Worker (ASYE)")
    QTest.keyClicks(dialog.team_edit, "Duty and Assessment")
    type_date(dialog.start_date_edit, "2", "Mar", "2026")
    assert dialog.start_date_edit.text() == "2 Mar 2026"
    dialog.newly_qualified_check.setFocus()
    QTest.keyClick(dialog.newly_qualified_check, Qt.Key.Key_Space)
    QTest.keyClick(dialog.team_edit, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = dialog.saved
    assert saved is not None and saved.id > 0
    assert saved == Person(name="Zoë Whitfield", role=PersonRole.SUPERVISEE, job_title="Social Worker (ASYE)",
                           team="Duty and Assessment", start_date=date(2026, 3, 2), newly_qualified=True,
                           id=saved.id)
    assert store.list_people() == [saved]


def test_edit_a_supervisee(qtbot: QtBot, store: SqlRecordStore) -> None:
    person = existing(store, newly_qualified=True)
    dialog = open_dialog(qtbot, store, person)
    assert dialog.find(QLabel, "titleLabel").text() == "Change details for Daniel Atić-Lee"
    assert (dialog.name_edit.text(), dialog.job_title_edit.text(), dialog.team_edit.text()) == (
        "Daniel Atić-Lee", "Social Worker", "Duty and Assessment")
    assert dialog.start_date_edit.text() == "20 Jun 2022"
    assert dialog.newly_qualified_check.isChecked()

    replace_text(dialog.job_title_edit, "Senior Practitioner")
    click_check(dialog.newly_qualified_check)
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    expected = replace(person, job_title="Senior Practitioner", newly_qualified=False)
    assert dialog.saved == expected
    assert store.get_person(person.id) == expected
    assert len(store.list_people()) == 1


def test_a_missing_start_date_stays_missing(qtbot: QtBot, store: SqlRecordStore) -> None:
    person = existing(store, start_date=None)
    dialog = open_dialog(qtbot, store, person)
    assert dialog.start_date_edit.text() == "Not recorded"
    replace_text(dialog.team_edit, "Long-term Team")
    QTest.keyClick(dialog.team_edit, Qt.Key.Key_Enter)
    assert store.get_person(person.id) == replace(person, team="Long-term Team")


def test_an_empty_name_is_refused_beside_the_field_and_nothing_is_saved(qtbot: QtBot, store: SqlRecordStore) -> None:
    dialog = open_dialog(qtbot, store)
    QTest.keyClicks(dialog.job_title_edit, "Social Worker")
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    error = dialog.find(QLabel, "nameErrorLabel")
    assert error.text() == "Enter the supervisee's name."
    assert error_sits_under(error, dialog.name_edit)
    assert dialog.focusWidget() is dialog.name_edit
    assert dialog.name_edit.accessibleDescription().startswith("Enter the supervisee's name.")
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.saved is None and store.list_people() == []

    # Fixing it clears the message as you type; then Save works.
    type_text(dialog.name_edit, "Siobhán O'Connell")
    assert not error.isVisible()
    assert not dialog.name_edit.accessibleDescription().startswith("Enter")
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in store.list_people()] == ["Siobhán O'Connell"]


def test_a_start_date_over_a_year_ahead_is_refused(qtbot: QtBot, store: SqlRecordStore) -> None:
    dialog = open_dialog(qtbot, store)
    type_text(dialog.name_edit, "Zoë Whitfield")
    type_date(dialog.start_date_edit, "25", "Nov", "2027")
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    error = dialog.find(QLabel, "startDateErrorLabel")
    assert error.text() == "The start date can be no more than a year from today."
    assert error_sits_under(error, dialog.start_date_edit, max_gap=48)  # below the field's hint
    assert dialog.find(QLabel, "nameErrorLabel").isHidden()
    assert store.list_people() == []


def test_escape_cancels_without_saving(qtbot: QtBot, store: SqlRecordStore) -> None:
    dialog = open_dialog(qtbot, store)
    type_text(dialog.name_edit, "Zoë Whitfield")
    QTest.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()
    assert dialog.saved is None and store.list_people() == []


def test_newly_qualified_hint_says_how_often(qtbot: QtBot, store: SqlRecordStore) -> None:
    dialog = open_dialog(qtbot, store)
    hint = dialog.find(QLabel, "newlyQualifiedHintLabel").text()
    assert "fortnightly" in hint and "monthly" in hint


def test_controls_are_named_labelled_and_in_order(qtbot: QtBot, store: SqlRecordStore) -> None:
    dialog = open_dialog(qtbot, store, existing(store))
    assert unnamed_controls(dialog) == []
    assert mnemonic_labels_without_buddy(dialog) == []
    assert repeated_mnemonics(dialog) == []
    assert dialog.find(QLabel, "nameLabel").buddy() is dialog.name_edit
    assert dialog.find(QLabel, "startDateLabel").buddy() is dialog.start_date_edit
    order = [dialog.name_edit, dialog.job_title_edit, dialog.team_edit, dialog.start_date_edit,
             dialog.newly_qualified_check, dialog.cancel_button, dialog.save_button]
    assert focus_chain(dialog.name_edit, order) == order
    assert dialog.save_button.isDefault()
