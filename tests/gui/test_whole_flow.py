"""The whole monthly flow through the main window, as a supervisor does it.

Agreement, booking, the session (actions, flags of each visibility), sign-off,
lock, unlock, an addendum, and the next session showing what carried forward.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot

from supervision_app.clock import SettableClock as Clock
from supervision_app.domain.model import NewPerson, PersonRole, SessionStatus
from supervision_app.domain.record import Visibility
from supervision_app.gui.booking import BookSessionDialog
from supervision_app.gui.people import AgreementDialog
from supervision_app.gui.services import AppServices
from supervision_app.gui.unlock import UnlockDialog
from supervision_app.services.note import note_for_session, render_text
from supervision_app.vault.service import VaultService
from tests.conftest import PASSPHRASE
from tests.gui.message_boxes import answer_message_boxes
from tests.gui.session.test_full_session import (
    DISCUSSED_DETAIL,
    ON_RECORD_DETAIL,
    PRIVATE_DETAIL,
    add_and_sign_addendum,
    fill_actions,
    fill_agenda,
    fill_flags,
    fill_setting,
    sign_off,
)


def test_agreement_booking_session_sign_off_lock_and_addendum(
        qtbot: QtBot, make_controller, gui_services: AppServices, service: VaultService) -> None:
    vault, _ = service.create(PASSPHRASE)
    vault.store.add_person(NewPerson("Aisha Rahman", PersonRole.SUPERVISOR, job_title="Team Manager", is_self=True))
    supervisee = vault.store.add_person(NewPerson("Zoë Whitfield", PersonRole.SUPERVISEE, newly_qualified=True))
    vault.lock()
    clock = Clock(datetime(2026, 11, 23, 9, 0))
    gui_services.clock = clock
    controller = make_controller(gui_services)
    controller.start(passphrase=PASSPHRASE)
    main = controller.main_window
    assert main is not None
    main.select_person(supervisee.id)

    # The agreement: Who, Where, When (fortnightly for a newly qualified worker).
    qtbot.mouseClick(main.supervising.agreement_button, Qt.MouseButton.LeftButton)
    agreement_dialog = main.window.findChild(AgreementDialog)
    assert agreement_dialog is not None and agreement_dialog.isVisible()
    qtbot.keyClick(agreement_dialog, Qt.Key.Key_Return)
    agreement = main.store.get_agreement(supervisee.id)
    assert agreement is not None and agreement.frequency_weeks == 2

    # Book the session the app suggests.
    qtbot.mouseClick(main.supervising.book_session_button, Qt.MouseButton.LeftButton)
    booking = main.window.findChild(BookSessionDialog)
    assert booking is not None
    booking.start_edit.setDateTime(datetime(2026, 11, 24, 10, 0))
    qtbot.mouseClick(booking.find(QDialogButtonBox, "buttonBox").button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    (booked,) = main.store.list_sessions(supervisee.id)
    assert booked.status is SessionStatus.SCHEDULED

    # Run it from the list.
    clock.now = datetime(2026, 11, 24, 10, 0)
    main.supervising.sessions_table.setCurrentIndex(main.supervising.sessions_model.index(0, 0))
    qtbot.mouseClick(main.supervising.open_session_button, Qt.MouseButton.LeftButton)
    editor = main.editor
    assert editor is not None and main.supervising.sessions_stack.currentWidget() is editor
    assert not main.supervising.people_panel.isVisible()

    class World:  # what the shared fill helpers need
        pass

    world = World()
    world.clock = clock  # type: ignore[attr-defined]
    fill_setting(qtbot, editor, world)  # type: ignore[arg-type]
    fill_agenda(qtbot, editor)
    fill_flags(qtbot, editor)
    fill_actions(qtbot, editor)
    asked = answer_message_boxes("Confirm and lock")  # the second confirmation asks once before locking
    sign_off(qtbot, editor)
    asked.stop()
    assert asked.questions == ["Confirm and lock the record?"]
    assert editor.read_only

    # Lock: the open session is saved and the window goes; unlock through the dialog.
    main.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main.window)
    with qtbot.waitSignal(controller.vault_locked):
        qtbot.keyClick(editor, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert controller.vault is None and controller.main_window is None
    dialog = controller.dialog
    assert isinstance(dialog, UnlockDialog)
    qtbot.keyClicks(dialog.passphrase_edit, PASSPHRASE)
    qtbot.keyClick(dialog.passphrase_edit, Qt.Key.Key_Return)
    main = controller.main_window
    assert main is not None
    main.select_person(supervisee.id)

    signed = next(s for s in main.store.list_sessions(supervisee.id) if s.id == booked.id)
    assert signed.status is SessionStatus.SIGNED_OFF
    record = main.store.load_record(booked.id)
    assert {f.visibility for f in record.flags} == set(Visibility)
    text = render_text(note_for_session(main.store, booked.id))
    assert ON_RECORD_DETAIL in text
    assert PRIVATE_DETAIL not in text and DISCUSSED_DETAIL not in text

    # An addendum on the locked record, signed by both.
    model = main.supervising.sessions_model
    row = next(r for r in range(model.rowCount()) if model.session_at(r).id == booked.id)
    main.supervising.sessions_table.setCurrentIndex(model.index(row, 0))
    qtbot.mouseClick(main.supervising.open_session_button, Qt.MouseButton.LeftButton)
    editor = main.editor
    assert editor is not None and editor.read_only
    editor.go_to(editor.page_index(editor.sign_off_page))
    add_and_sign_addendum(qtbot, editor)
    assert main.store.load_record(booked.id).addenda[0].signed_off

    # The next session was booked at sign-off, and shows what carried forward without being asked.
    qtbot.mouseClick(main.supervising.back_to_sessions_button, Qt.MouseButton.LeftButton)
    assert main.supervising.people_panel.isVisible()
    upcoming = next(s for s in main.store.list_sessions(supervisee.id) if s.status is SessionStatus.SCHEDULED)
    model = main.supervising.sessions_model
    row = next(r for r in range(model.rowCount()) if model.session_at(r).id == upcoming.id)
    main.supervising.sessions_table.setCurrentIndex(model.index(row, 0))
    qtbot.mouseClick(main.supervising.open_session_button, Qt.MouseButton.LeftButton)
    editor = main.editor
    assert editor is not None
    reviews = editor.record.reviews
    assert len(reviews) == len(record.actions) > 0
    assert [item.title for item in editor.record.agenda] == ["Court skills"]
    assert isinstance(main.supervising.back_to_sessions_button, QPushButton)


def test_locking_mid_session_keeps_the_last_typing(
        qtbot: QtBot, make_controller, gui_services: AppServices, service: VaultService) -> None:
    vault, _ = service.create(PASSPHRASE)
    vault.store.add_person(NewPerson("Aisha Rahman", PersonRole.SUPERVISOR, is_self=True))
    supervisee = vault.store.add_person(NewPerson("Daniel Atić-Lee", PersonRole.SUPERVISEE))
    vault.lock()
    controller = make_controller(gui_services)
    controller.start(passphrase=PASSPHRASE)
    main = controller.main_window
    main.select_person(supervisee.id)
    session = main.supervising.session_service.book(supervisee.id, datetime(2026, 11, 24, 14, 0))
    main.supervising.open_session(session)
    editor = main.editor
    editor.go_to(editor.page_index(editor.learning_page))
    qtbot.keyClicks(editor.learning_page.learning_edit, "Typed a moment before the lock")
    assert editor.dirty  # the autosave (2 s) has not run yet
    controller.lock()
    reopened = service.unlock_with_passphrase(PASSPHRASE)
    try:
        assert reopened.store.load_record(session.id).learning == "Typed a moment before the lock"
    finally:
        reopened.lock()
