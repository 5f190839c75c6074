"""Every window and dialog of the app, opened on one screen, must fit it (see tests/gui/fit.py).

Run by tests/gui/test_screen_sizes.py in a subprocess whose offscreen screen
has the size and scale under test; on its own it checks the default screen.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from supervision_app.domain.model import PersonRole, SessionStatus, SupervisionSession
from supervision_app.gui.application import create_application
from supervision_app.gui.controller import AppController
from supervision_app.gui.crash import CrashDialog
from supervision_app.gui.main_window import MainWindow
from supervision_app.gui.services import AppServices
from supervision_app.gui.setup import SetupDialog
from supervision_app.vault.service import VaultService
from tests.conftest import PASSPHRASE
from tests.exchange.installs import two_installs
from tests.gui.conftest import flush_deletes, make_services
from tests.gui.fit import misfits
from tests.gui.mysupervision.conftest import NOW, Saved
from tests.gui.mysupervision.conftest import World as SuperviseeWorld


@pytest.fixture(autouse=True)
def _styled(qapp: QApplication) -> Iterator[None]:
    """The app's own style sheet, as a person sees it."""
    create_application()
    yield
    qapp.setStyleSheet("")


def report(found: list[str]) -> str:
    return "these do not fit the screen:\n" + "\n".join(dict.fromkeys(found))


def fits(qtbot: QtBot, window: QWidget) -> list[str]:
    qtbot.waitExposed(window)
    qtbot.wait(100)  # (layouts settle through posted events)
    shots = os.environ.get("SUPERVISION_TEST_SHOTS")  # a folder for a picture of each window, to look at
    if shots:
        count = len(list(Path(shots).glob("*.png")))
        window.grab().save(str(Path(shots) / f"{count:02d}-{type(window).__name__}.png"))
    return misfits(window)


@pytest.fixture
def main(demo_vault: str, gui_services: AppServices,
         make_controller: Callable[..., AppController]) -> MainWindow:
    controller = make_controller(gui_services)
    controller.start(PASSPHRASE)
    assert controller.main_window is not None
    return controller.main_window


def sessions(main: MainWindow, status: SessionStatus) -> list[SupervisionSession]:
    return [s for s in main.store.list_sessions() if s.status is status]


def select_a_supervisee(main: MainWindow) -> None:
    person = next(p for p in main.store.list_people() if p.role is PersonRole.SUPERVISEE and not p.is_self)
    main.select_person(person.id)


def test_setup_on_every_step(qtbot: QtBot, gui_services: AppServices) -> None:
    dialog = SetupDialog(gui_services)
    qtbot.addWidget(dialog)
    dialog.show()
    found = fits(qtbot, dialog)
    dialog.next_button.click()
    found += fits(qtbot, dialog)
    vault, _code = gui_services.vault_service.create(PASSPHRASE)
    try:
        dialog.show_new_recovery_code(vault, vault.new_recovery_code())
        found += fits(qtbot, dialog)
    finally:
        vault.lock()
    assert not found, report(found)


def test_unlock(qtbot: QtBot, demo_vault: str, gui_services: AppServices,
                make_controller: Callable[..., AppController]) -> None:
    controller = make_controller(gui_services)
    controller.start()
    assert controller.dialog is not None
    found = fits(qtbot, controller.dialog)
    assert not found, report(found)


def test_main_window_and_its_dialogs(qtbot: QtBot, main: MainWindow) -> None:
    found = fits(qtbot, main.window)
    select_a_supervisee(main)
    found += fits(qtbot, main.window)
    people, menu = main.people_menu, main.vault_menu
    for open_dialog in (people.edit_profile, people.add_supervisee, people.edit_person, people.edit_agreement,
                        people.book_session, menu.show_about, menu.change_passphrase, menu.choose_auto_lock,
                        main.notes.verify_note, main.exchange.pair_with_selected, main.handover.open_dialog,
                        main.lifecycle.show_review, main.access_requests.export_chosen, main.history.open_dialog,
                        lambda: main.lifecycle.ask_to_erase(main.selected_person())):
        open_dialog()
        dialog = QApplication.activeModalWidget() or main.window.findChildren(QWidget)[-1]
        found += fits(qtbot, dialog)
        dialog.close()
        flush_deletes()
    assert not found, report(found)


def test_first_use_about_you(qtbot: QtBot, main: MainWindow) -> None:
    from supervision_app.gui.people.profile import ProfileDialog

    dialog = ProfileDialog(main.store, first_use=True, parent=main.window)
    dialog.open()
    found = fits(qtbot, dialog)
    assert not found, report(found)
    dialog.close()


def test_session_editor_on_every_step(qtbot: QtBot, main: MainWindow) -> None:
    draft = sessions(main, SessionStatus.DRAFT)[0]
    main.supervising.open_session(draft)
    editor = main.editor
    assert editor is not None
    for page in (editor.agenda_page, editor.flags_page, editor.actions_page):  # a row of every kind
        editor.go_to(editor.page_index(page))
        page.add_button.click()
    editor.go_to(editor.page_index(editor.discussion_page))
    editor.discussion_page.add_decision_button.click()
    found: list[str] = []
    for index in range(editor.step_list.count()):
        editor.go_to(index)  # the other steps' pages are built as they are first shown
        found += fits(qtbot, main.window)
    dialog = editor.open_cancel_dialog()
    found += fits(qtbot, dialog)
    dialog.reject()
    assert not found, report(found)


def test_signed_off_session_and_its_note(qtbot: QtBot, main: MainWindow) -> None:
    signed_off = sessions(main, SessionStatus.SIGNED_OFF)[-1]
    main.supervising.open_session(signed_off)
    found = fits(qtbot, main.window)
    main.notes.open_note()
    dialog = QApplication.activeModalWidget()
    assert dialog is not None
    qtbot.wait(500)
    found += fits(qtbot, dialog)
    dialog.close()
    assert not found, report(found)


def test_crash_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = CrashDialog("Traceback (most recent call last):\n  ...\nRuntimeError\n" * 20, tmp_path / "app.log")
    qtbot.addWidget(dialog)
    dialog.show()
    found = fits(qtbot, dialog)
    assert not found, report(found)


@pytest.fixture
def supervisee(tmp_path: Path) -> Iterator[SuperviseeWorld]:
    with two_installs(tmp_path, NOW) as (aisha, zoe_app, zoe, clock):
        saved = Saved(tmp_path / "out")
        saved.folder.mkdir()
        services = make_services(VaultService(zoe_app.paths))
        services.clock = clock
        yield SuperviseeWorld(aisha, zoe_app, zoe, clock, services, saved, tmp_path)


def test_the_supervisees_side(qtbot: QtBot, supervisee: SuperviseeWorld) -> None:
    main = MainWindow(supervisee.zoe_app.vault, supervisee.services)
    main.show()
    found = fits(qtbot, main.window)
    pairing = main.exchange.pair_with_supervisor()
    assert pairing is not None
    found += fits(qtbot, pairing)
    pairing.close()
    supervisee.pair()
    supervisee.send_record()
    supervisee.clock.now = datetime(2026, 12, 2, 9, 0)
    main.refresh()
    page = main.my_supervision_page
    assert page is not None and hasattr(page, "open_record")
    page.refresh()
    found += fits(qtbot, main.window)
    countersign = page.open_record()
    assert countersign is not None
    qtbot.wait(500)
    found += fits(qtbot, countersign)
    countersign.close()
    main.dispose()
    flush_deletes()
    assert not found, report(found)



def test_cpd_log_and_its_entry_form(qtbot: QtBot, main: MainWindow) -> None:
    log = main.cpd_log.open()
    assert log is not None
    found = fits(qtbot, log)
    entry = log.add()
    found += fits(qtbot, entry)
    entry.close()
    log.close()
    flush_deletes()
def test_search_with_results(qtbot: QtBot, main: MainWindow) -> None:
    from supervision_app.gui.search.dialog import SearchDialog

    main.action_search.trigger()
    dialog = main.window.findChild(SearchDialog)
    assert dialog is not None
    found = fits(qtbot, dialog)  # as it opens: nothing searched yet, its headings shown
    dialog.query_edit.setText("court")
    dialog.run_search()
    found += fits(qtbot, dialog)
    dialog.close()
    assert not found, report(found)


def test_organisation_group_and_review_dialogs(qtbot: QtBot, main: MainWindow) -> None:
    from supervision_app.gui.group.dialog import NewGroupDialog
    from supervision_app.gui.group.editor import GroupEditorDialog
    from supervision_app.services.groups import GroupService

    found: list[str] = []
    organisation = main.people_menu.organisation
    for open_dialog in (organisation.open_contacts, organisation.open_checklist):
        dialog = open_dialog()
        found += fits(qtbot, dialog)
        dialog.close()
        flush_deletes()
    sessions_dialog = main.group_supervision.open()
    assert sessions_dialog is not None
    found += fits(qtbot, sessions_dialog)
    service = GroupService(main.store, main.services.clock)
    new_group = NewGroupDialog(service, sessions_dialog)
    new_group.open()
    found += fits(qtbot, new_group)
    new_group.close()
    members = tuple(p.id for p in service.candidates())
    group = service.create(datetime(2026, 12, 14, 10), members)
    editor = GroupEditorDialog(service, group.id, main.note_service, sessions_dialog)
    editor.open()
    found += fits(qtbot, editor)
    editor.close()
    sessions_dialog.close()
    flush_deletes()
    select_a_supervisee(main)
    main.people_menu.edit_agreement()
    agreement = QApplication.activeModalWidget()
    assert agreement is not None
    found += fits(qtbot, agreement)
    review = agreement.open_review()  # type: ignore[attr-defined]
    if review is not None:
        found += fits(qtbot, review)
        review.close()
    agreement.close()
    flush_deletes()
    assert not found, report(found)
