"""The home page reminds a supervisor who manages when the managers' checklist is due, and opens it (Alt+K)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supervision_app.domain.manager_review import Answer
from supervision_app.domain.model import NewPerson, PersonRole
from supervision_app.gui.main_window import MainWindow
from supervision_app.gui.manager_review.dialog import ManagerReviewDialog
from supervision_app.gui.services import AppServices
from supervision_app.services import manager_review
from supervision_app.vault.service import VaultService
from tests.conftest import PASSPHRASE

NOW = datetime(2026, 12, 1, 9, 0)


def test_the_reminder_shows_until_a_review_is_saved(qtbot: QtBot, make_controller, service: VaultService,  # type: ignore[no-untyped-def]
                                                    gui_services: AppServices) -> None:
    vault, _code = service.create(PASSPHRASE)
    vault.store.add_person(NewPerson("Ada Supervisor", PersonRole.SUPERVISOR, is_self=True))
    vault.store.add_person(NewPerson("Zoë Whitfield", PersonRole.SUPERVISEE))
    vault.store.set_meta(manager_review.PERIOD_KEY, "3")  # chosen before: the reminder is on
    vault.lock()
    gui_services.clock = lambda: NOW
    controller = make_controller(gui_services)
    controller.start(passphrase=PASSPHRASE)
    main = controller.main_window
    assert isinstance(main, MainWindow)
    qtbot.waitExposed(main.window)
    team = main.home.page.team_label
    assert "Waiting: Managers' checklist: no self-review yet (you asked to be reminded every 3 months)." \
        in team.text().splitlines()
    main.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main.window)
    main.home.checklist_button.setFocus()
    QTest.keyClick(main.home.checklist_button, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    QTest.qWait(250)  # a button's Alt+letter clicks it after a moment (animateClick)
    qtbot.waitUntil(lambda: main.window.findChild(ManagerReviewDialog) is not None)
    dialog = main.window.findChild(ManagerReviewDialog)
    assert dialog is not None
    dialog.rows[0].answer_combo.setCurrentIndex(dialog.rows[0].answer_combo.findData(Answer.PARTLY.value))
    dialog.save()
    QApplication.processEvents()
    assert "Managers' checklist" not in team.text()
    assert main.people_menu.organisation.action_checklist.text() == "Managers' chec&klist…"
