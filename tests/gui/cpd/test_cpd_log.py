"""The CPD log's window and entry form, driven by keyboard, with real files written."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from supervision_app.domain.cpd import CpdType
from supervision_app.gui.cpd.entry import CpdEntryDialog
from supervision_app.gui.cpd.log import CpdLogDialog
from supervision_app.gui.main_window import MainWindow
from supervision_app.gui.services import AppServices
from supervision_app.services.cpd import CpdService
from supervision_app.services.demo import fill_demo_supervisee
from tests.conftest import PASSPHRASE
from tests.gui.test_keyboard import check_window

NOW = datetime(2026, 11, 24, 11, 0)


def open_log(qtbot: QtBot, make_controller, gui_services: AppServices) -> tuple[MainWindow, CpdLogDialog]:  # type: ignore[no-untyped-def]
    controller = make_controller(dataclasses.replace(gui_services, clock=lambda: NOW))
    controller.start(passphrase=PASSPHRASE)
    main = controller.main_window
    assert isinstance(main, MainWindow)
    assert main.cpd_log.action.text() == "My CPD &log…"
    main.cpd_log.action.trigger()
    dialog = main.window.findChild(CpdLogDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return main, dialog


def alt(key: Qt.Key) -> None:
    """Alt+key, pressed where the focus is, as a person would."""
    QApplication.processEvents()
    focused = QApplication.focusWidget()
    assert focused is not None
    QTest.keyClick(focused, key, Qt.KeyboardModifier.AltModifier)
    QTest.qWait(250)  # a button's Alt+letter clicks it after a moment (animateClick)


def entry_dialog(parent: QWidget) -> CpdEntryDialog:
    QApplication.processEvents()
    found = [d for d in parent.findChildren(CpdEntryDialog) if d.isVisible()]
    assert len(found) == 1
    found[0].activateWindow()
    QApplication.processEvents()
    return found[0]


def test_adding_an_entry_by_keyboard_alone(qtbot: QtBot, make_controller, gui_services: AppServices,
                                           demo_vault: str) -> None:
    _main, log = open_log(qtbot, make_controller, gui_services)
    check_window(log, log.year_combo)
    # The demo supervisor has three pieces this year, one with peer reflection.
    assert log.progress_label.text() == (
        "3 pieces of CPD recorded for the registration year ending 30 November 2026, one with peer reflection; "
        "6 days left to 30 November. That meets Social Work England's requirement for the year.")
    assert log.entries_list.count() == 3
    alt(Qt.Key.Key_A)
    entry = entry_dialog(log)
    check_window(entry, entry.type_combo)
    assert entry.find(QLabel, "learntLabel").text() == "What I &learnt:"
    entry.type_combo.setFocus()
    qtbot.keyClick(entry.type_combo, Qt.Key.Key_Down)  # Reading
    qtbot.keyClick(entry.type_combo, Qt.Key.Key_Tab)
    assert entry.focusWidget() is entry.title_edit
    qtbot.keyClicks(entry.title_edit, "Reading: Ferguson on home visits")
    qtbot.keyClick(entry.title_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(entry.texts["relevance"], "Hard visits")
    qtbot.keyClick(entry.texts["relevance"], Qt.Key.Key_Tab)
    assert entry.focusWidget() is entry.date_edit
    qtbot.keyClick(entry.date_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(entry.texts["learnt"], "Anxiety can hide the child")
    alt(Qt.Key.Key_R)
    assert entry.focusWidget() is entry.texts["peer_reflection"]
    qtbot.keyClicks(entry.texts["peer_reflection"], "Discussed with a colleague")
    alt(Qt.Key.Key_S)
    assert entry.saved is not None
    assert entry.saved.cpd_type is CpdType.READING and entry.saved.done_on == NOW.date()
    assert (entry.saved.relevance, entry.saved.learnt) == ("Hard visits", "Anxiety can hide the child")
    assert log.entries_list.count() == 4
    assert log.progress_label.text().startswith("4 pieces of CPD recorded")
    assert [log.entries_list.item(i).text() for i in range(4)][-1] == (
        "24 November 2026: Reading: Ferguson on home visits (with peer reflection)")


def test_a_refused_entry_says_why_beside_the_field_and_saves_nothing(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str) -> None:
    main, log = open_log(qtbot, make_controller, gui_services)
    before = CpdService(main.store).entries(2026)
    alt(Qt.Key.Key_A)
    entry = entry_dialog(log)
    alt(Qt.Key.Key_S)
    assert entry.isVisible() and entry.saved is None
    assert entry.errors.shown == {"title": "Give a short description of what you did.",
                                  "learnt": "Say what you learnt."}
    assert entry.focusWidget() is entry.title_edit
    assert CpdService(main.store).entries(2026) == before


def test_the_exports_write_the_pdf_and_the_text(qtbot: QtBot, make_controller, gui_services: AppServices,
                                                demo_vault: str, tmp_path: Path) -> None:
    _main, log = open_log(qtbot, make_controller, gui_services)
    targets = iter([tmp_path / "cpd.pdf", tmp_path / "cpd.txt"])
    log.choose = lambda _parent, _caption, suggested, _filter: next(targets)
    alt(Qt.Key.Key_P)
    alt(Qt.Key.Key_X)
    pdf_text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(tmp_path / "cpd.pdf").pages)
    assert "Entry 3 of 3" in pdf_text and "Peer reflection Siobhán challenged" in pdf_text
    text = (tmp_path / "cpd.txt").read_text(encoding="utf-8")
    assert text.startswith("CPD for Social Work England: 1 December 2025 to 30 November 2026\n")
    assert log.progress_label.text().endswith(f"Saved to {tmp_path / 'cpd.txt'}.")
    alt(Qt.Key.Key_O)
    assert QApplication.clipboard().text() == text
    # Last year's entry is there when that year is chosen.
    log.year_combo.setFocus()
    qtbot.keyClick(log.year_combo, Qt.Key.Key_Down)
    assert log.year() == 2025 and log.entries_list.count() == 4  # (four pieces, none with peer reflection)
    assert "The year ended short of" in log.progress_label.text()


def test_an_entry_is_changed_in_place(qtbot: QtBot, make_controller, gui_services: AppServices,
                                      demo_vault: str) -> None:
    main, log = open_log(qtbot, make_controller, gui_services)
    log.entries_list.setFocus()
    log.entries_list.setCurrentRow(0)
    alt(Qt.Key.Key_I)
    entry = entry_dialog(log)
    assert entry.find(QLabel, "headingLabel").text() == "Change a piece of CPD"
    entry.title_edit.setText("Reading, again")
    alt(Qt.Key.Key_S)
    titles = [e.title for e in CpdService(main.store).entries(2026)]
    assert titles[0] == "Reading, again" and len(titles) == 3
    assert date(2026, 1, 1) < CpdService(main.store).entries(2026)[0].done_on


def test_the_newly_qualified_worker_on_1_november(qtbot: QtBot, make_controller, gui_services: AppServices,
                                                  tmp_path: Path) -> None:
    vault, _code = gui_services.vault_service.create(PASSPHRASE)
    fill_demo_supervisee(vault.store, date(2026, 11, 1))
    vault.lock()
    controller = make_controller(dataclasses.replace(gui_services, clock=lambda: datetime(2026, 11, 1, 9, 0)))
    controller.start(passphrase=PASSPHRASE)
    main = controller.main_window
    assert isinstance(main, MainWindow)
    log = main.cpd_log.open()
    assert log is not None
    qtbot.waitExposed(log)
    assert log.progress_label.text() == (
        "1 piece of CPD recorded for the registration year ending 30 November 2026, one with peer reflection; "
        "29 days left to 30 November. Still needed: one more piece.")
    assert log.entries_list.item(0).text() == ("8 October 2026: Supervision: reflecting on a visit where a child "
                                               "disclosed harm (with peer reflection)")
    log.choose = lambda _parent, _caption, suggested, _filter: tmp_path / suggested
    assert log.save_pdf() == tmp_path / "cpd-2026.pdf" and log.save_text() == tmp_path / "cpd-2026.txt"
    assert "Peer reflection:\nTalking it through in supervision" in (tmp_path / "cpd-2026.txt").read_text("utf-8")
