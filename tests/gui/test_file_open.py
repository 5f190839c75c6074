"""Files given to the app (``supervision-app FILE``, a second launch, macOS's file-open event) open their dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFileOpenEvent
from pytestqt.qtbot import QtBot

from supervision_app.content import load_content
from supervision_app.domain.model import PersonRole
from supervision_app.exchange.pairing import card_to_file
from supervision_app.exchange.service import FILE_SUFFIXES
from supervision_app.gui.application import FileOpenEvents
from supervision_app.gui.exchange.pairing_dialog import PairingDialog
from supervision_app.gui.file_open import KIND_BY_SUFFIX, FileKind, kind_of
from supervision_app.gui.main_window import MainWindow
from supervision_app.gui.notes import VerifyDialog
from supervision_app.gui.services import AppServices
from supervision_app.gui.setup import SetupDialog
from supervision_app.gui.unlock import UnlockDialog
from supervision_app.paths import resources_dir
from supervision_app.services.my_supervision import Use
from tests.conftest import PASSPHRASE
from tests.exchange.installs import Clock, open_install
from tests.gui.exchange.test_main_window_exchange import NOW
from tests.packaging_scripts import load


def unlocked(make_controller, services: AppServices):  # type: ignore[no-untyped-def]
    controller = make_controller(services)
    controller.start(passphrase=PASSPHRASE)
    assert isinstance(controller.main_window, MainWindow)
    return controller


def message(main: MainWindow) -> tuple[str, str]:
    box = main.last_message
    assert box is not None and box.isVisible()
    shown = box.windowTitle(), box.text()
    box.close()
    return shown


def dialog_of(main: MainWindow, kind: type) -> object:
    found = [child for child in main.window.findChildren(kind) if child.isVisible()]
    assert len(found) == 1, found
    return found[0]


def test_every_exchange_suffix_and_the_desktop_file_types_have_a_dialog() -> None:
    identity = load("app_identity")
    assert set(FILE_SUFFIXES.values()) <= set(KIND_BY_SUFFIX)
    assert {f".{kind.extension}" for kind in identity.DOCUMENT_TYPES} <= set(KIND_BY_SUFFIX)
    assert kind_of(Path("note.PDF")) is FileKind.VERIFY
    assert kind_of(Path("notes.txt")) is FileKind.UNKNOWN


def test_a_pdf_opens_verify_a_note_with_the_file_checked(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str, tmp_path: Path) -> None:
    pdf = tmp_path / "note.pdf"
    pdf.write_bytes(b"not really a PDF")
    controller = unlocked(make_controller, gui_services)
    controller.open_file(pdf)
    dialog = dialog_of(controller.main_window, VerifyDialog)
    assert isinstance(dialog, VerifyDialog)
    assert dialog.file_label.text() == str(pdf)
    assert dialog.report is not None and dialog.report.problem is not None  # checked: not a readable PDF
    assert "not a readable PDF" in dialog.verdict_label.text()
    dialog.close()  # its verdict's accessible name leaves out the ✗ mark (see the report to the merger)


def test_an_exchange_file_opens_the_import(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str, tmp_path: Path) -> None:
    agenda = tmp_path / "agenda.svagenda"
    agenda.write_bytes(b"SVPACK damaged")
    controller = unlocked(make_controller, gui_services)
    controller.open_file(agenda)
    title, _text = message(controller.main_window)
    assert title == "The file was not imported"  # refused by the import, with its own sentence


def test_a_pairing_file_opens_pairing_with_the_card_read(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str, tmp_path: Path) -> None:
    theirs = open_install(tmp_path / "supervisor", "Grace Okafor", frozenset({Use.SUPERVISING}), Clock(NOW),
                          load_content(resources_dir()))
    card = tmp_path / "grace.svpair"
    card.write_bytes(card_to_file(theirs.exchange.my_card(PersonRole.SUPERVISOR)))
    theirs.vault.lock()
    controller = unlocked(make_controller, gui_services)
    controller.open_file(card)
    dialog = dialog_of(controller.main_window, PairingDialog)
    assert isinstance(dialog, PairingDialog)
    assert dialog.card is not None and dialog.card.name == "Grace Okafor"
    assert dialog.their_fingerprint_host.isVisible()
    dialog.reject()


def test_unknown_missing_and_backup_files_are_one_sentence(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str, tmp_path: Path) -> None:
    controller = unlocked(make_controller, gui_services)
    main = controller.main_window
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    controller.open_file(text)
    assert message(main)[1].startswith("The app cannot open notes.txt: it opens pairing files")
    controller.open_file(tmp_path / "gone\u202e.svagenda")
    assert message(main)[1] == "The file gone<U+202E>.svagenda was not found, so nothing was opened."
    backup = tmp_path / "vault.svbackup"
    backup.write_bytes(b"SVBACKUP")
    controller.open_file(backup)
    assert message(main)[1].startswith("A backup can be restored only when the app is first set up")


def test_a_backup_at_first_run_offers_the_restore(
        qtbot: QtBot, make_controller, gui_services: AppServices, tmp_path: Path) -> None:
    backup = tmp_path / "vault.svbackup"
    backup.write_bytes(b"SVBACKUP not a backup")
    controller = make_controller(gui_services)
    controller.start()
    setup = controller.dialog
    assert isinstance(setup, SetupDialog)
    asked: list[str] = []
    setup.ask_backup_secret = lambda _parent: asked.append("asked") or PASSPHRASE  # type: ignore[method-assign]
    controller.open_file(backup)
    assert setup.restore_error_label.isVisible()  # this file is no backup: said on the setup window
    assert setup.restore_error_label.text() != ""
    assert not gui_services.vault_service.exists()


def test_a_file_received_while_locked_opens_after_unlock(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str, tmp_path: Path) -> None:
    pdf = tmp_path / "note.pdf"
    pdf.write_bytes(b"not really a PDF")
    controller = make_controller(gui_services)
    controller.start()
    controller.open_file(pdf)
    dialog = controller.dialog
    assert isinstance(dialog, UnlockDialog) and dialog.isVisible()  # the unlock dialog first
    qtbot.keyClicks(dialog.passphrase_edit, PASSPHRASE)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    verify = dialog_of(controller.main_window, VerifyDialog)
    assert isinstance(verify, VerifyDialog) and verify.file_label.text() == str(pdf)
    verify.close()
    controller.lock()
    controller.dialog.passphrase_edit.setText(PASSPHRASE)
    qtbot.mouseClick(controller.dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert isinstance(controller.main_window, MainWindow)
    assert not [child for child in controller.main_window.window.findChildren(VerifyDialog)
                if child.isVisible()]  # opened once, not again at the next unlock


def test_the_file_open_event_goes_the_same_way(qtbot: QtBot, qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    received: list[Path] = []
    events = FileOpenEvents(received.append)
    qapp.installEventFilter(events)
    try:
        QCoreApplication.sendEvent(qapp, QFileOpenEvent(str(tmp_path / "a.svagenda")))
    finally:
        qapp.removeEventFilter(events)
    assert received == [tmp_path / "a.svagenda"]
