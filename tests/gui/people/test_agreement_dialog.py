"""The agreement with one supervisee, filled in through its widgets and read back from a real vault."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QGroupBox, QLabel
from pytestqt.qtbot import QtBot

from supervision_app.content import ToolkitContent
from supervision_app.domain.agreement import Agreement
from supervision_app.domain.model import NewPerson, Person, PersonRole, SessionMode
from supervision_app.gui.people import AgreementDialog
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
    type_number,
    type_text,
    unnamed_controls,
)


def add(store: SqlRecordStore, name: str = "Siobhán O'Connell", *, newly_qualified: bool = False) -> Person:
    return people.add_supervisee(store, NewPerson(name, PersonRole.SUPERVISEE, newly_qualified=newly_qualified),
                                 today=TODAY)


@pytest.fixture
def supervisee(store: SqlRecordStore) -> Person:
    people.save_profile(store, "Aisha Rahman", "Team Manager")
    return add(store)


def open_dialog(qtbot: QtBot, store: SqlRecordStore, content: ToolkitContent, person: Person) -> AgreementDialog:
    dialog = AgreementDialog(store, content, person, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_shows_the_toolkit_parts_from_the_content(
        qtbot: QtBot, store: SqlRecordStore, content: ToolkitContent, supervisee: Person) -> None:
    dialog = open_dialog(qtbot, store, content, supervisee)
    frame = content.frame
    for part_id in ("who", "where", "when"):
        part = frame.part(part_id)
        remember = dialog.find(QLabel, f"{part_id}RememberLabel")
        assert remember.text() == part.remember
        assert remember.property("role") == "remember"
        assert remember.isVisible()
        assert dialog.find(QGroupBox, f"{part_id}Group").title() == f"{part.heading} {part.title}"
        citation = dialog.find(QLabel, f"{part_id}CitationLabel")
        assert citation.property("role") == "citation" and part.cite in citation.text()
    source = dialog.find(QLabel, "sourceLabel")
    assert source.property("role") == "citation" and frame.source.citation in source.text()


def test_starts_from_the_default_monthly_agreement(
        qtbot: QtBot, store: SqlRecordStore, content: ToolkitContent, supervisee: Person) -> None:
    dialog = open_dialog(qtbot, store, content, supervisee)
    default = Agreement.default_for(supervisee.id, newly_qualified=False, today=TODAY)
    assert dialog.entered() == default
    assert dialog.supervisor_edit.text() == "Aisha Rahman" and dialog.supervisor_edit.isReadOnly()
    assert dialog.frequency_spin.text() == "every 4 weeks"
    assert dialog.cadence_label.text() == "(monthly)"
    assert dialog.length_spin.value() == 90
    assert dialog.terms_edit.toPlainText() == default.confidentiality_terms
    assert dialog.review_date_edit.text() == "24 Nov 2027"
    hint = dialog.find(QLabel, "frequencyHintLabel").text()
    assert hint.startswith("Monthly") and "fortnightly for a newly qualified" in hint
    assert not dialog.line_manager_edit.isEnabled() and not dialog.technology_edit.isEnabled()
    assert store.get_agreement(supervisee.id) is None


def test_a_newly_qualified_worker_starts_fortnightly(
        qtbot: QtBot, store: SqlRecordStore, content: ToolkitContent) -> None:
    person = add(store, "Zoë Whitfield", newly_qualified=True)
    dialog = open_dialog(qtbot, store, content, person)
    assert dialog.frequency_spin.value() == 2 and dialog.cadence_label.text() == "(fortnightly)"
    assert dialog.find(QLabel, "frequencyHintLabel").text().startswith(
        "Fortnightly to start with, because Zoë Whitfield is newly qualified (ASYE).")
    type_number(dialog.frequency_spin, 1)
    assert dialog.frequency_spin.text() == "every 1 week" and dialog.cadence_label.text() == "(weekly)"
    type_number(dialog.frequency_spin, 3)
    assert dialog.cadence_label.text() == ""  # "every 3 weeks" says it already


def test_fill_in_save_and_read_back(
        qtbot: QtBot, store: SqlRecordStore, content: ToolkitContent, supervisee: Person) -> None:
    dialog = open_dialog(qtbot, store, content, supervisee)

    # Who: someone else provides line management, so their name is needed.
    click_check(dialog.line_manager_check)
    assert dialog.line_manager_edit.isEnabled()
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    error = dialog.find(QLabel, "lineManagerErrorLabel")
    assert error.text() == "Enter the name of the person who provides line management."
    assert error_sits_under(error, dialog.line_manager_edit)
    assert dialog.focusWidget() is dialog.line_manager_edit
    assert store.get_agreement(supervisee.id) is None and dialog.isVisible()
    type_text(dialog.line_manager_edit, "Priya Nair")
    assert not error.isVisible()

    # Where: a video call turns on the notes on technology.
    assert not dialog.technology_edit.isEnabled()
    click_check(dialog.mode_radio(SessionMode.VIDEO))
    assert dialog.technology_edit.isEnabled()
    type_text(dialog.place_edit, "Each in a private room")
    type_text(dialog.technology_edit, "Teams link in the invite; phone if it drops.")

    # When.
    type_number(dialog.frequency_spin, 2)
    assert dialog.cadence_label.text() == "(fortnightly)"
    type_number(dialog.length_spin, 60)
    click_check(dialog.protected_check)

    # Terms and review.
    replace_text(dialog.terms_edit, "Between us, unless someone is at risk.")
    type_date(dialog.review_date_edit, "1", "Jun", "2027")
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    expected = Agreement(
        supervisee_id=supervisee.id, supervisor_is_line_manager=False, line_manager_name="Priya Nair",
        mode=SessionMode.VIDEO, place="Each in a private room",
        technology_notes="Teams link in the invite; phone if it drops.", frequency_weeks=2, length_minutes=60,
        protected_time_committed=False, confidentiality_terms="Between us, unless someone is at risk.",
        review_date=date(2027, 6, 1))
    assert dialog.saved == expected
    assert store.get_agreement(supervisee.id) == expected

    # Opened again, it shows what was saved.
    again = open_dialog(qtbot, store, content, supervisee)
    assert again.entered() == expected
    assert again.line_manager_edit.isEnabled() and again.technology_edit.isEnabled()
    assert again.mode_radio(SessionMode.VIDEO).isChecked()


def test_back_in_person_the_technology_notes_are_not_kept(
        qtbot: QtBot, store: SqlRecordStore, content: ToolkitContent, supervisee: Person) -> None:
    stored = replace(Agreement.default_for(supervisee.id, newly_qualified=False, today=TODAY),
                     mode=SessionMode.TELEPHONE, technology_notes="I ring you.")
    people.save_agreement(store, stored)
    dialog = open_dialog(qtbot, store, content, supervisee)
    assert dialog.technology_edit.toPlainText() == "I ring you." and dialog.technology_edit.isEnabled()
    click_check(dialog.mode_radio(SessionMode.IN_PERSON))
    assert not dialog.technology_edit.isEnabled()
    QTest.keyClick(dialog.place_edit, Qt.Key.Key_Return)
    assert store.get_agreement(supervisee.id) == replace(stored, mode=SessionMode.IN_PERSON, technology_notes="")


def test_a_missing_review_date_is_refused_beside_it(
        qtbot: QtBot, store: SqlRecordStore, content: ToolkitContent, supervisee: Person) -> None:
    people.save_agreement(store, Agreement.default_for(supervisee.id, newly_qualified=False, today=TODAY))
    stored = store.get_agreement(supervisee.id)
    dialog = open_dialog(qtbot, store, content, supervisee)
    dialog.review_date.set_value(None)
    assert dialog.review_date_edit.text() == "Not set"
    type_text(dialog.place_edit, "Room 2")
    QTest.keyClick(dialog.place_edit, Qt.Key.Key_Return)
    error = dialog.find(QLabel, "reviewErrorLabel")
    assert error.text() == "Choose a date to review the agreement by."
    assert error_sits_under(error, dialog.review_date_edit)
    assert dialog.focusWidget() is dialog.review_date_edit
    assert store.get_agreement(supervisee.id) == stored  # unchanged
    # Typing into the blank date starts from today.
    QTest.keyClick(dialog.review_date_edit, Qt.Key.Key_Up)
    assert dialog.review_date.value() == date(2026, 11, 25)
    assert not error.isVisible()


def test_without_a_profile_the_supervisor_says_so(
        qtbot: QtBot, store: SqlRecordStore, content: ToolkitContent) -> None:
    dialog = open_dialog(qtbot, store, content, add(store))
    assert dialog.supervisor_edit.text() == ""
    assert "About you" in dialog.supervisor_edit.placeholderText()


def test_escape_cancels_without_saving(
        qtbot: QtBot, store: SqlRecordStore, content: ToolkitContent, supervisee: Person) -> None:
    dialog = open_dialog(qtbot, store, content, supervisee)
    type_text(dialog.place_edit, "Room 2")
    QTest.keyClick(dialog.place_edit, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.saved is None
    assert store.get_agreement(supervisee.id) is None


def test_controls_are_named_labelled_and_in_order(
        qtbot: QtBot, store: SqlRecordStore, content: ToolkitContent, supervisee: Person) -> None:
    dialog = open_dialog(qtbot, store, content, supervisee)
    assert unnamed_controls(dialog) == []
    assert mnemonic_labels_without_buddy(dialog) == []
    order = [dialog.supervisor_edit, dialog.line_manager_check, dialog.line_manager_edit,
             dialog.mode_radio(SessionMode.IN_PERSON), dialog.mode_radio(SessionMode.VIDEO),
             dialog.mode_radio(SessionMode.TELEPHONE), dialog.place_edit, dialog.technology_edit,
             dialog.frequency_spin, dialog.length_spin, dialog.protected_check, dialog.terms_edit,
             dialog.review_date_edit, dialog.cancel_button, dialog.save_button]
    assert focus_chain(dialog.supervisor_edit, order) == order
    assert dialog.save_button.isDefault()
    assert repeated_mnemonics(dialog) == []
