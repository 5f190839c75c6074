"""Session → Group supervision…: a group made from the supervisee list, written and signed off by keyboard
and by the widgets' own signals, with each member's record then on their own list of sessions."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from supervision_app.domain.model import SessionStatus
from supervision_app.domain.record import Confirmation, Visibility
from supervision_app.gui.group.dialog import GroupSessionsDialog, NewGroupDialog
from supervision_app.gui.group.editor import GroupEditorDialog
from supervision_app.gui.main_window import MainWindow
from supervision_app.gui.services import AppServices
from tests.conftest import PASSPHRASE
from tests.gui.test_keyboard import check_window

NOW = datetime(2026, 11, 24, 11, 0)


def _open_main(make_controller, gui_services: AppServices) -> MainWindow:  # type: ignore[no-untyped-def]
    controller = make_controller(dataclasses.replace(gui_services, clock=lambda: NOW))
    controller.start(passphrase=PASSPHRASE)
    main = controller.main_window
    assert isinstance(main, MainWindow)
    return main


def _active(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)


def test_a_group_is_made_written_and_signed_off(qtbot: QtBot, make_controller,  # type: ignore[no-untyped-def]
                                                gui_services: AppServices, demo_vault: str) -> None:
    main = _open_main(make_controller, gui_services)
    assert main.group_supervision.action.text() == "&Group supervision…"
    main.group_supervision.action.trigger()
    dialog = main.group_supervision.dialog
    assert isinstance(dialog, GroupSessionsDialog)
    _active(qtbot, dialog)
    check_window(dialog)

    made: list[NewGroupDialog] = []

    def fill_in() -> None:
        new = next(d for d in dialog.findChildren(NewGroupDialog) if d.isVisible())
        made.append(new)
        _active(qtbot, new)
        check_window(new)
        try:
            new.members_list.setFocus()
            for row in (0, 2):  # Space ticks the current member
                new.members_list.setCurrentRow(row)
                QTest.keyClick(new.members_list, Qt.Key.Key_Space)
            new.create_group()
        finally:
            if new.isVisible():
                new.reject()  # never left open: the test would wait for it

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, fill_in)
    group_id = dialog.new()
    assert group_id is not None and len(made) == 1 and len(made[0].chosen()) == 2
    editor = dialog.editor
    assert isinstance(editor, GroupEditorDialog)
    _active(qtbot, editor)
    check_window(editor)
    editor.shared.add_button.click()
    QTest.keyClicks(editor.shared.title_edit, "Working with fathers")
    first, second = editor.members
    editor.tabs.setCurrentIndex(2)
    own = editor.member_tabs[0]
    from supervision_app.gui.group.parts import ActionsPart, AgendaPart

    items = own.findChild(AgendaPart)
    actions = own.findChild(ActionsPart)
    assert items is not None and actions is not None
    items.add_button.click()
    QTest.keyClicks(items.title_edit, "Lemon sherbet worry")
    items.visibility_combo.setCurrentIndex(items.visibility_combo.findData(Visibility.PRIVATE))
    actions.add_button.click()
    QTest.keyClicks(actions.text_edit, "Read the fathers guidance")
    editor.tabs.setCurrentIndex(editor.tabs.count() - 1)
    for _person, combo, button, _state in editor.confirm_rows:
        combo.setCurrentIndex(combo.findData(Confirmation.AGREED))
        button.click()
        assert editor.error_label.text() == "", editor.error_label.text()
    assert editor.group.status is SessionStatus.SIGNED_OFF
    assert editor.sign_notes_button.isVisible()
    editor.sign_notes_button.click()
    assert editor.done_label.text().startswith("Signed 2 notes, one for each member")
    editor.accept()
    dialog.accept()

    store = main.store
    for person in (first, second):
        session_id = editor.group.session_of(person.id)
        assert session_id is not None and store.get_signed_note(session_id) is not None
        record = store.load_record(session_id)
        titles = [item.title for item in record.agenda]
        assert "Working with fathers" in titles
        assert ("Lemon sherbet worry" in titles) is (person is first)
    main.select_person(second.id)
    model = main.supervising.sessions_model
    assert model is not None
    assert editor.group.session_of(second.id) in {model.session_at(r).id for r in range(model.rowCount())}


def test_a_group_with_one_member_is_refused_in_one_sentence(qtbot: QtBot, make_controller,  # type: ignore[no-untyped-def]
                                                           gui_services: AppServices, demo_vault: str) -> None:
    main = _open_main(make_controller, gui_services)
    main.group_supervision.action.trigger()
    dialog = main.group_supervision.dialog
    assert dialog is not None
    before = dialog.service.summaries()  # the demo's own group session
    new = NewGroupDialog(dialog.service, dialog)
    item = new.members_list.item(0)
    assert item is not None
    item.setCheckState(Qt.CheckState.Checked)
    new.create_group()
    assert new.error_label.text() == "A group needs at least 2 members."
    assert new.created_id is None and dialog.service.summaries() == before
