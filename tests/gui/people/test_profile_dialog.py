"""“About you”: the user's own profile, made on first use and changed later, on a real vault."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from pytestqt.qtbot import QtBot

from supervision_app.gui.people import ProfileDialog, ask_for_profile_if_missing
from supervision_app.gui.people.profile import FIRST_USE_INTRO
from supervision_app.services import people
from supervision_app.services.working_days import Nation, organisation_nation
from supervision_app.storage.records import SqlRecordStore
from tests.gui.people.conftest import (
    error_sits_under,
    focus_chain,
    mnemonic_labels_without_buddy,
    repeated_mnemonics,
    replace_text,
    type_text,
    unnamed_controls,
)


def open_dialog(qtbot: QtBot, store: SqlRecordStore, *, first_use: bool = False) -> ProfileDialog:
    dialog = ProfileDialog(store, first_use=first_use)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_create_the_profile_by_typing(qtbot: QtBot, store: SqlRecordStore) -> None:
    dialog = open_dialog(qtbot, store, first_use=True)
    assert dialog.windowTitle() == "About you – Supervision"
    assert dialog.find(QLabel, "introLabel").text() == FIRST_USE_INTRO
    assert dialog.focusWidget() is dialog.name_edit
    type_text(dialog.name_edit, "Aisha Rahman")
    type_text(dialog.job_title_edit, "Team Manager")
    type_text(dialog.team_edit, "Duty and Assessment, Children's Services")
    QTest.keyClick(dialog.team_edit, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    profile = store.own_profile()
    assert profile is not None and dialog.saved == profile
    assert (profile.name, profile.job_title, profile.team, profile.is_self) == (
        "Aisha Rahman", "Team Manager", "Duty and Assessment, Children's Services", True)


def test_change_the_profile(qtbot: QtBot, store: SqlRecordStore) -> None:
    before = people.save_profile(store, "Aisha Rahman", "Team Manager", "Duty and Assessment")
    dialog = open_dialog(qtbot, store)
    assert dialog.find(QLabel, "introLabel").text() != FIRST_USE_INTRO
    assert (dialog.name_edit.text(), dialog.job_title_edit.text(), dialog.team_edit.text()) == (
        "Aisha Rahman", "Team Manager", "Duty and Assessment")
    replace_text(dialog.job_title_edit, "Service Manager")
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    after = store.own_profile()
    assert after is not None and after.id == before.id and after.job_title == "Service Manager"
    assert len(store.list_people()) == 1


def test_an_empty_name_is_refused_beside_the_field(qtbot: QtBot, store: SqlRecordStore) -> None:
    dialog = open_dialog(qtbot, store)
    type_text(dialog.name_edit, "   ")
    QTest.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    error = dialog.find(QLabel, "nameErrorLabel")
    assert error.text() == "Enter your name."
    assert error_sits_under(error, dialog.name_edit)
    assert dialog.name_edit.property("invalid") is True
    assert dialog.isVisible() and store.own_profile() is None


def test_escape_cancels(qtbot: QtBot, store: SqlRecordStore) -> None:
    dialog = open_dialog(qtbot, store)
    type_text(dialog.name_edit, "Aisha Rahman")
    QTest.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and store.own_profile() is None


def test_first_use_asks_only_when_there_is_no_profile(qtbot: QtBot, store: SqlRecordStore) -> None:
    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ProfileDialog)
        assert dialog.find(QLabel, "introLabel").text() == FIRST_USE_INTRO
        type_text(dialog.name_edit, "Aisha Rahman")
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill_in)
    made = ask_for_profile_if_missing(store)
    assert made is not None and made == store.own_profile() and made.name == "Aisha Rahman"
    # With a profile, nothing is shown: a dialog here would block the test.
    assert ask_for_profile_if_missing(store) == made


def test_controls_are_named_labelled_and_in_order(qtbot: QtBot, store: SqlRecordStore) -> None:
    dialog = open_dialog(qtbot, store)
    assert unnamed_controls(dialog) == []
    assert mnemonic_labels_without_buddy(dialog) == []
    assert repeated_mnemonics(dialog) == []
    order = [dialog.name_edit, dialog.job_title_edit, dialog.team_edit, dialog.organisation_edit,
             dialog.nation_combo, dialog.cancel_button, dialog.save_button]
    assert focus_chain(dialog.name_edit, order) == order
    assert dialog.save_button.isDefault()


def test_the_organisations_nation_is_chosen_with_its_details(qtbot: QtBot, store: SqlRecordStore) -> None:
    people.save_profile(store, "Aisha Rahman", "Team Manager")
    dialog = open_dialog(qtbot, store)
    assert dialog.nation_combo.currentText() == "England and Wales"  # until one is chosen
    assert [dialog.nation_combo.itemText(i) for i in range(dialog.nation_combo.count())] == [
        "England and Wales", "Scotland", "Northern Ireland"]
    dialog.nation_combo.setFocus()
    QTest.keyClick(dialog.nation_combo, Qt.Key.Key_Down)
    assert dialog.nation_combo.currentText() == "Scotland"
    assert organisation_nation(store) is Nation.ENGLAND_AND_WALES  # nothing saved before Save
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert organisation_nation(store) is Nation.SCOTLAND
    again = open_dialog(qtbot, store)
    assert again.nation_combo.currentText() == "Scotland"
