"""The end date on a supervisee's details, People → Retention review…, erasing and keeping longer, in the window."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QMenu
from pytestqt.qtbot import QtBot

from supervision_app.clock import SettableClock
from supervision_app.domain.model import NewPerson, PersonRole
from supervision_app.gui.people import PersonDialog
from supervision_app.gui.people.erasure import FRESH_BACKUP, EraseDialog, KeepLongerDialog, ReviewDialog
from supervision_app.gui.services import AppServices
from supervision_app.services import people, retention
from supervision_app.services.retention import end_date_of, set_end_date
from supervision_app.storage.records import SqlRecordStore
from tests.conftest import PASSPHRASE
from tests.gui.people.conftest import (
    TODAY,
    focus_chain,
    mnemonic_labels_without_buddy,
    repeated_mnemonics,
    type_date,
    unnamed_controls,
)


def open_details(qtbot: QtBot, store: SqlRecordStore, **changes: object) -> PersonDialog:
    person = people.add_supervisee(store, NewPerson("Daniel Atić-Lee", PersonRole.SUPERVISEE,
                                                    start_date=date(2022, 6, 20)), today=TODAY)
    dialog = PersonDialog(store, today=TODAY, person=person)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_end_date_is_typed_shown_with_its_retention_and_saved(qtbot: QtBot, store: SqlRecordStore) -> None:
    dialog = open_details(qtbot, store)
    assert dialog.end_date.edit.text() == "Not ended" and dialog.erase_button.isVisible()
    type_date(dialog.end_date.edit, "30", "Mar", "2026")
    assert dialog.end_date.hint.text() == ("Their records are kept to 30 Mar 2032 "
                                           "(6 years, the organisation's retention rule).")
    dialog.save_button.click()
    assert dialog.saved is not None and end_date_of(store, dialog.saved) == date(2026, 3, 30)


def test_an_end_before_the_start_is_refused_beside_the_field(qtbot: QtBot, store: SqlRecordStore) -> None:
    dialog = open_details(qtbot, store)
    type_date(dialog.end_date.edit, "1", "Jan", "2021")
    dialog.save_button.click()
    assert dialog.saved is None
    assert dialog.find(QLabel, "endDateErrorLabel").text() == "Supervision cannot end before it started."
    assert end_date_of(store, store.list_people()[0]) is None


def test_adding_shows_no_end_date_or_erase(qtbot: QtBot, store: SqlRecordStore) -> None:
    dialog = PersonDialog(store, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.end_date.edit.isVisible() and not dialog.erase_button.isVisible()


def test_the_details_dialog_stays_in_order(qtbot: QtBot, store: SqlRecordStore) -> None:
    dialog = open_details(qtbot, store)
    assert unnamed_controls(dialog) == [] and repeated_mnemonics(dialog) == []
    assert mnemonic_labels_without_buddy(dialog) == []
    order = [dialog.start_date_edit, dialog.end_date.edit, dialog.newly_qualified_check, dialog.erase_button,
             dialog.cancel_button, dialog.save_button]
    assert focus_chain(dialog.name_edit, order) == order


# --- in the main window ---------------------------------------------------------------------------


@pytest.fixture
def main(qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str):  # type: ignore[no-untyped-def]
    gui_services.clock = SettableClock(datetime(2026, 11, 24, 9, 0))
    controller = make_controller(gui_services)
    controller.start(passphrase=PASSPHRASE)
    return controller.main_window


def person_named(main, name: str):  # type: ignore[no-untyped-def]
    return next(p for p in main.store.list_people() if p.name == name)


def test_review_keep_longer_then_erase_and_replace_the_older_backups(main, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    siobhan = person_named(main, "Siobhán O'Connell")
    set_end_date(main.store, siobhan, date(2019, 5, 31), TODAY)
    usb = tmp_path / "usb"
    usb.mkdir()
    main.backups.backups.set_folder(usb)
    old = main.backups.backups.back_up(usb / "before.svbackup").path

    action = main.window.findChild(QAction, "actionRetentionReview")
    assert action in main.window.findChild(QMenu, "peopleMenu").actions() and action.text() == "&Retention review…"
    action.trigger()
    review = main.lifecycle.review_dialog
    assert isinstance(review, ReviewDialog) and review.isVisible()
    assert [review.table.item(0, c).text() for c in range(3)] == ["Siobhán O'Connell", "31 May 2019", "1 Jun 2025"]
    assert repeated_mnemonics(review) == [] and unnamed_controls(review) == []

    review.keep_button.click()
    keep = main.lifecycle.dialog
    assert isinstance(keep, KeepLongerDialog) and keep.focusWidget() is keep.reason_edit
    keep.save_button.click()
    assert keep.error_label.text() == "Say why the records are kept longer (for example, a legal hold)."
    QTest.keyClicks(keep.reason_edit, "Legal hold: tribunal claim")
    QTest.keyClick(keep.reason_edit, Qt.Key.Key_Return)
    assert review.table.item(0, 3).text() == "Legal hold: tribunal claim (recorded 24 Nov 2026)"

    asked: list[tuple[str, str, str]] = []
    main.confirm = lambda _parent, question, details, yes: asked.append((question, details, yes)) or True
    review.erase_button.click()
    erase = main.lifecycle.dialog
    assert isinstance(erase, EraseDialog) and erase.erase_button.isDefault()
    assert not erase.erase_button.isEnabled()
    QTest.keyClicks(erase.name_edit, "siobhan o'connel")
    QTest.keyClick(erase.name_edit, Qt.Key.Key_Return)  # not yet their name: nothing happens
    assert erase.isVisible() and not erase.erase_button.isEnabled()
    assert "Siobhán O'Connell" in [p.name for p in main.store.list_people()]
    QTest.keyClicks(erase.name_edit, "l")
    assert erase.erase_button.isEnabled()
    QTest.keyClick(erase.name_edit, Qt.Key.Key_Return)

    assert "Siobhán O'Connell" not in [p.name for p in main.store.list_people()]
    assert review.table.rowCount() == 0 and review.summary.text() == "Nobody's records are past retention."
    assert asked and str(old) in asked[0][1] and asked[0][2] == FRESH_BACKUP
    assert not old.exists() and len(list(usb.iterdir())) == 1
    assert main.lifecycle.last_message is not None and "fresh backup was written" in main.lifecycle.last_message.text()


def test_erase_this_supervisee_from_their_details(main, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    daniel = person_named(main, "Daniel Atić-Lee")
    main.select_person(daniel.id)
    main.people_menu.edit_person()
    details = main.window.findChild(PersonDialog)
    assert details is not None
    details.erase_button.click()
    erase = main.lifecycle.dialog
    assert isinstance(erase, EraseDialog) and erase.person.id == daniel.id
    assert focus_chain(erase.name_edit, [erase.name_edit, erase.cancel_button, erase.erase_button]) == [
        erase.name_edit, erase.cancel_button, erase.erase_button]
    QTest.keyClick(erase, Qt.Key.Key_Escape)
    assert daniel in main.store.list_people()


def test_a_broken_rule_is_one_sentence_and_opens_nothing(main, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "retention.toml"
    broken.write_text("years_after_supervision_ends = 6\nyears = 1\n", encoding="utf-8")
    monkeypatch.setattr(retention, "rule_path", lambda: broken)
    assert main.lifecycle.show_review() is None
    assert main.lifecycle.last_message.text() == (
        f"The organisation's retention rule ({broken}) cannot be used: it has a key the app does not know (years).")


def test_after_erasing_the_chosen_person_nothing_acts_on_them(main, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    """Nobody is chosen afterwards, so no session button is left on (seen: all four on, for nobody)."""
    daniel = person_named(main, "Daniel Atić-Lee")
    main.select_person(daniel.id)
    main.supervising.sessions_table.setCurrentIndex(main.supervising.sessions_model.index(0, 0))
    assert main.supervising.open_session_button.isEnabled() and main.supervising.book_session_button.isEnabled()
    main.people_menu.edit_person()
    details = main.window.findChild(PersonDialog)
    details.erase_button.click()
    erase = main.lifecycle.dialog
    erase.name_edit.setText(daniel.name)
    QTest.keyClick(erase.name_edit, Qt.Key.Key_Return)
    assert daniel not in main.store.list_people()
    qtbot.wait(10)
    assert main.selected_person() is None
    page = main.supervising
    assert [button.text() for button in (page.open_session_button, page.book_session_button, page.note_button,
                                         page.send_record_button, page.edit_person_button) if button.isEnabled()] == []
