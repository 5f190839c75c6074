"""Access requests on the person's screen: the warning, the date, the folder, the deadline shown after."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from supervision_app.domain.model import PersonRole
from supervision_app.gui.main_window import MainWindow
from supervision_app.gui.people.access import AccessExportDialog
from supervision_app.gui.services import AppServices
from supervision_app.services.access import JSON_FILE, PDF_FILE
from supervision_app.storage import access as stored_access
from tests.conftest import PASSPHRASE
from tests.gui.test_keyboard import check_window

NOW = datetime(2026, 11, 24, 11, 0)


def open_main(make_controller, gui_services: AppServices) -> MainWindow:  # type: ignore[no-untyped-def]
    controller = make_controller(dataclasses.replace(gui_services, clock=lambda: NOW))
    controller.start(passphrase=PASSPHRASE)
    main = controller.main_window
    assert isinstance(main, MainWindow)
    zoe = next(p for p in main.store.list_people() if p.name == "Zoë Whitfield")
    main.select_person(zoe.id)
    return main


def open_export(qtbot: QtBot, main: MainWindow, folder: Path | None) -> AccessExportDialog:
    main.access_requests.choose_folder = lambda _parent: folder
    main.access_requests.action.trigger()
    dialog = main.window.findChild(AccessExportDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_export_warns_asks_for_the_date_and_folder_and_shows_the_deadline_after(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str, tmp_path: Path) -> None:
    main = open_main(make_controller, gui_services)
    label = main.access_requests.label
    assert main.access_requests.action.isEnabled() and not label.isVisible()
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    dialog = open_export(qtbot, main, chosen)
    check_window(dialog, dialog.received_edit)
    warning = dialog.find(QLabel, "warningLabel").text()
    assert "not encrypted" in warning and "private or discussed" in warning and "Zoë Whitfield" in warning
    assert dialog.received() == NOW.date() and dialog.received_edit.maximumDate() == QDate(2026, 11, 24)
    dialog.received_edit.setDate(QDate(2026, 11, 20))
    assert dialog.deadline_label.text() == "The reply is due by Monday 21 December 2026 (27 days left)."
    dialog.export_button.click()
    assert not dialog.isVisible() and dialog.exported is not None
    [folder] = chosen.iterdir()
    assert (folder / PDF_FILE).is_file()
    assert json.loads((folder / JSON_FILE).read_text(encoding="utf-8"))["request"]["received"] == "2026-11-20"
    assert main.last_message is not None and str(folder) in main.last_message.text()
    main.last_message.close()
    assert label.isVisible()
    assert label.text() == ("Access request received Friday 20 November 2026 (reply due by Monday 21 December "
                            "2026): copy made Tuesday 24 November 2026.")
    # Another person's screen shows their own requests (none), and the editor hides the line.
    other = next(p for p in main.store.list_people() if p.role is PersonRole.SUPERVISEE and p.name != "Zoë Whitfield")
    main.select_person(other.id)
    assert not label.isVisible()


def test_keeping_the_date_only_shows_the_time_left_and_a_refused_folder_changes_nothing(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str, tmp_path: Path) -> None:
    main = open_main(make_controller, gui_services)
    person = main.selected_person()
    assert person is not None
    dialog = open_export(qtbot, main, tmp_path / "not-there")
    dialog.received_edit.setDate(QDate(2026, 11, 3))
    dialog.export_button.click()
    assert dialog.isVisible() and dialog.error_label.isVisible()
    assert dialog.error_label.text().endswith("is not a folder.")
    assert stored_access.requests_for(main.store, person.id) == []
    assert not (tmp_path / "not-there").exists()
    dialog.record_button.click()
    assert not dialog.isVisible()
    [kept] = stored_access.requests_for(main.store, person.id)
    assert kept.received == date(2026, 11, 3) and kept.exported_at is None
    QApplication.processEvents()
    assert main.access_requests.label.text() == ("Access request received Tuesday 3 November 2026: reply due by "
                                                 "Thursday 3 December 2026 (9 days left).")
    # Opening again starts from the request still waiting.
    again = open_export(qtbot, main, None)
    assert again.received() == date(2026, 11, 3)
    assert "Tuesday 3 November 2026" in again.requests_label.text()
    again.export_button.click()  # the folder chooser cancelled: nothing happens
    assert again.isVisible() and not again.error_label.isVisible()
    again.close()
