"""The supervisor's home page: the first page after unlock, its rows in the domain's order, and Enter on a
row opening the place it is about, by keyboard alone."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from supervision_app.content import load_content
from supervision_app.domain.attention import Kind, Reason
from supervision_app.domain.model import SessionStatus
from supervision_app.gui.home.page import PERSON_ROLE, REASON_ROLE
from supervision_app.gui.main_window import MainWindow
from supervision_app.gui.notes import NoteDialog
from supervision_app.gui.people import AgreementDialog
from supervision_app.gui.services import AppServices
from supervision_app.paths import resources_dir
from supervision_app.services.attention import home_attention
from supervision_app.services.notes import NoteOptions, NoteService
from supervision_app.services.people import agreement_for
from supervision_app.vault.service import VaultService
from tests.conftest import PASSPHRASE
from tests.gui.notes.conftest import FakeNotePrinter

from .conftest import DEMO_TODAY, flush_deletes
from .test_keyboard import check_window

NOW = datetime.combine(date(2026, 12, 1), time(9))  # a week after the demo was made: Zoë's draft is 7 days old


def prepared_vault(service: VaultService) -> None:
    """The demo team, with Daniel's latest note signed by the supervisor alone and Siobhán's agreement past
    its review date."""
    from supervision_app.services.demo import fill_demo

    vault, _code = service.create(PASSPHRASE)
    store = vault.store
    fill_demo(store, DEMO_TODAY)
    people = {p.name: p for p in store.list_people()}
    daniel = people["Daniel Atić-Lee"]
    latest = max((s for s in store.list_sessions(daniel.id) if s.status is SessionStatus.SIGNED_OFF),
                 key=lambda s: s.scheduled_start)
    NoteService(store, load_content(resources_dir()), resources_dir() / "fonts").sign_as_supervisor(
        latest.id, NoteOptions())
    siobhan = people["Siobhán O'Connell"]
    agreement = agreement_for(store, siobhan, DEMO_TODAY)
    store.save_agreement(dataclasses.replace(agreement, review_date=date(2026, 11, 20)))
    vault.lock()


def open_home(qtbot: QtBot, make_controller, gui_services: AppServices) -> MainWindow:  # type: ignore[no-untyped-def]
    gui_services.clock = lambda: NOW
    gui_services.note_printer = FakeNotePrinter()
    controller = make_controller(gui_services)
    controller.start(passphrase=PASSPHRASE)
    main = controller.main_window
    assert isinstance(main, MainWindow)
    qtbot.waitExposed(main.window)
    return main


def rows(main: MainWindow) -> list[QTreeWidgetItem]:
    tree = main.home.page.tree
    return [item for i in range(tree.topLevelItemCount()) if (item := tree.topLevelItem(i)) is not None]


def reason_item(main: MainWindow, name: str, kind: Kind) -> QTreeWidgetItem:
    top = next(item for item in rows(main) if item.text(0) == name)
    return next(line for i in range(top.childCount()) if (line := top.child(i)) is not None
                and line.data(0, REASON_ROLE).kind is kind)


def press_on(qtbot: QtBot, main: MainWindow, item: QTreeWidgetItem, key: Qt.Key = Qt.Key.Key_Return) -> None:
    """Walk to ``item`` with the Down arrow from the first row, then press ``key``: keyboard alone."""
    tree = main.home.page.tree
    tree.setFocus()
    tree.setCurrentItem(tree.topLevelItem(0))
    for _ in range(40):
        if tree.currentItem() is item:
            break
        qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert tree.currentItem() is item
    qtbot.keyClick(tree, key)


def test_the_home_page_is_first_and_lists_the_team_in_the_domains_order(
        qtbot: QtBot, make_controller, gui_services: AppServices, service: VaultService) -> None:
    prepared_vault(service)
    main = open_home(qtbot, make_controller, gui_services)
    assert main.main_tabs.currentWidget() is main.home.tab and main.main_tabs.tabBar().isVisible()
    assert main.window.focusWidget() is main.home.page.tree
    expected = home_attention(main.store, NOW)
    assert [item.text(0) for item in rows(main)] == [row.name for row in expected.rows] == [
        "Daniel Atić-Lee", "Siobhán O'Connell", "Zoë Whitfield"]  # all overdue; the latest first
    for item, row in zip(rows(main), expected.rows, strict=True):
        # The level in words, and every reason on a line of its own under the person.
        assert item.text(1) == row.level.label
        assert [item.child(i).text(2) for i in range(item.childCount())] == [r.text for r in row.reasons]
        assert [item.child(i).text(1) for i in range(item.childCount())] == [r.level.label for r in row.reasons]
        # A screen reader hears the whole row: the name, the level, and each reason.
        spoken = item.data(0, Qt.ItemDataRole.AccessibleTextRole)
        assert spoken.startswith(f"{row.name}. {row.level.label}:")
        assert all(reason.text in spoken for reason in row.reasons)
    zoe = rows(main)[2]
    assert zoe.text(1) == "Overdue" and zoe.text(2) == "1 thing needs attention"
    assert [zoe.child(i).text(2) for i in range(zoe.childCount())] == [
        "Draft from 17 November not signed off (14 days).", "2 open actions (1 of them yours), none overdue."]
    daniel_note = reason_item(main, "Daniel Atić-Lee", Kind.COUNTERSIGNATURE)
    assert daniel_note.text(1) == "Waiting"  # (signed at the real time, so the days waiting vary)
    assert daniel_note.text(2).startswith("Note of 23 October waiting for the supervisee's countersignature")
    review = reason_item(main, "Siobhán O'Connell", Kind.AGREEMENT)
    assert (review.text(1), review.text(2)) == ("Overdue", "Agreement review was due on 20 November (11 days ago).")
    assert main.home.page.team_label.text() == ("Overdue: Your own actions: 1 overdue of 3 open.\n"
                                                "Waiting: No backup has been made yet.")
    tree, header = main.home.page.tree, main.home.page.tree.header()
    for column in (0, 1, 3, 4):  # "What" (2) stretches
        # Sized once per refresh, as wide as Qt's own measure of every line: no name, level or date cut short.
        assert header.sectionSize(column) >= tree.sizeHintForColumn(column), column
    check_window(main.window, main.home.page.tree)


def test_enter_opens_the_draft_in_the_editor_and_alt_home_comes_back(
        qtbot: QtBot, make_controller, gui_services: AppServices, service: VaultService) -> None:
    prepared_vault(service)
    main = open_home(qtbot, make_controller, gui_services)
    draft = reason_item(main, "Zoë Whitfield", Kind.DRAFT)
    reason: Reason = draft.data(0, REASON_ROLE)
    press_on(qtbot, main, draft)
    assert main.main_tabs.currentWidget() is main.supervising.tab
    assert main.editor is not None and main.editor.session_id == reason.session_id
    assert main.store.get_session(reason.session_id).status is SessionStatus.DRAFT
    assert main.selected_person().name == "Zoë Whitfield"

    # Back home from the open session with the shortcut: the session is saved and closed.
    main.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main.window)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    assert main.main_tabs.currentWidget() is main.home.tab
    assert main.window.focusWidget() is main.home.page.tree
    assert main.action("actionHome").shortcut().toString() == "Alt+Home"


def test_enter_opens_the_note_waiting_the_agreement_and_the_persons_sessions(
        qtbot: QtBot, make_controller, gui_services: AppServices, service: VaultService) -> None:
    prepared_vault(service)
    main = open_home(qtbot, make_controller, gui_services)

    waiting = reason_item(main, "Daniel Atić-Lee", Kind.COUNTERSIGNATURE)
    session_id = waiting.data(0, REASON_ROLE).session_id
    press_on(qtbot, main, waiting)
    note = main.window.findChild(NoteDialog)
    assert note is not None and note.isVisible() and note.session.id == session_id
    assert main.supervising.selected_session().id == session_id
    note.close()

    main.show_home()
    press_on(qtbot, main, reason_item(main, "Siobhán O'Connell", Kind.AGREEMENT))
    dialog = main.window.findChild(AgreementDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Agreement with Siobhán O'Connell – Supervision"
    dialog.close()

    # The person's own row opens their sessions, with the list ready for the arrows.
    main.show_home()
    daniel = next(item for item in rows(main) if item.text(0) == "Daniel Atić-Lee")
    press_on(qtbot, main, daniel)
    assert main.main_tabs.currentWidget() is main.supervising.tab
    assert main.selected_person().id == daniel.data(0, PERSON_ROLE)
    assert main.supervising.sessions_stack.currentWidget() is main.supervising.sessions_list_page
    assert main.window.focusWidget() is main.supervising.sessions_table


def test_room_for_more_entry_points(qtbot: QtBot, make_controller, gui_services: AppServices,
                                    service: VaultService) -> None:
    """A Search… button beside the heading, and a button acting on the chosen row's supervisee (History…)."""
    from PySide6.QtWidgets import QPushButton

    prepared_vault(service)
    main = open_home(qtbot, make_controller, gui_services)
    page = main.home.page
    page.add_tool(QPushButton("Search…"))
    chosen: list[int] = []
    history = page.add_row_action("&History…", chosen.append)
    page.tree.setCurrentItem(rows(main)[1])
    history.click()
    assert chosen == [rows(main)[1].data(0, PERSON_ROLE)]
    # The page is read again when it is shown, keeping the chosen row.
    main.show_supervising()
    main.show_home()
    assert page.current_person_id() == chosen[0]


def test_the_last_good_backup_shows_on_home_as_soon_as_it_is_made(
        qtbot: QtBot, make_controller, gui_services: AppServices, service: VaultService, tmp_path) -> None:  # type: ignore[no-untyped-def]
    prepared_vault(service)
    main = open_home(qtbot, make_controller, gui_services)
    assert "No backup has been made yet." in main.home.page.team_label.text()
    folder = tmp_path / "backups"
    folder.mkdir()
    main.backups.backups.set_folder(folder)
    main.action("actionBackUpNow").trigger()
    assert "Last good backup on 1 December (today)." in main.home.page.team_label.text()
    assert main.backups.last_message is not None
    main.backups.last_message.close()


def test_search_and_a_rows_history_from_home_by_keyboard(
        qtbot: QtBot, make_controller, gui_services: AppServices, service: VaultService) -> None:
    """Alt+R opens Session → Search…'s dialog; Alt+I opens History and trends… for the chosen row's supervisee,
    staying on Home."""
    from supervision_app.gui.people.history import HistoryDialog
    from supervision_app.gui.search.dialog import SearchDialog

    prepared_vault(service)
    main = open_home(qtbot, make_controller, gui_services)
    page = main.home.page
    assert main.home.search_button.text() == "Search the &records…"
    assert main.home.history_button.text() == "H&istory…"
    check_window(main.window, page.tree)
    main.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main.window)

    qtbot.keyClick(page.tree, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: main.window.findChild(SearchDialog) is not None)  # (a mnemonic clicks after a moment)
    search = main.window.findChild(SearchDialog)
    assert search is not None and search.isVisible()
    search.close()
    flush_deletes()
    main.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main.window)

    # On one of Siobhán's reasons: a reason's row acts on its supervisee too.
    press_on(qtbot, main, reason_item(main, "Siobhán O'Connell", Kind.AGREEMENT), Qt.Key.Key_Shift)
    qtbot.keyClick(page.tree, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: main.window.findChild(HistoryDialog) is not None)
    history = main.window.findChild(HistoryDialog)
    assert history is not None and history.isVisible()
    assert history is main.history.dialog
    assert history.windowTitle() == "History and trends: Siobhán O'Connell – Supervision"
    assert main.main_tabs.currentWidget() is main.home.tab  # the page stays behind the dialog
    history.close()


def test_a_rows_history_for_someone_gone_since_the_page_was_read(
        qtbot: QtBot, make_controller, gui_services: AppServices, service: VaultService) -> None:
    prepared_vault(service)
    main = open_home(qtbot, make_controller, gui_services)
    assert main.home.open_history(10_000) is None


def test_no_name_level_or_date_is_cut_short_with_the_apps_style_sheet(
        qtbot: QtBot, make_controller, gui_services: AppServices, service: VaultService) -> None:
    # The app draws with resources/style.qss (a larger font than Qt's default); the page is filled before
    # the window is first shown and polished, so columns measured then came out too narrow ("Daniel Atić…").
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.styleSheet()
    app.setStyleSheet((resources_dir() / "style.qss").read_text(encoding="utf-8"))
    try:
        prepared_vault(service)
        main = open_home(qtbot, make_controller, gui_services)
        tree, header = main.home.page.tree, main.home.page.tree.header()
        for column in (0, 1, 3, 4):  # "What" (2) stretches
            assert header.sectionSize(column) >= tree.sizeHintForColumn(column), column
    finally:
        app.setStyleSheet(before)


def test_the_columns_are_measured_again_when_the_style_sheet_comes_after_the_rows(
        qtbot: QtBot, make_controller, gui_services: AppServices, service: VaultService) -> None:
    # Sized once per refresh (not by Qt at every layout): a style or font that changes after the page is
    # filled has them measured again, or the app's larger font would cut names short.
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.styleSheet()
    prepared_vault(service)
    main = open_home(qtbot, make_controller, gui_services)
    tree, header = main.home.page.tree, main.home.page.tree.header()
    app.setStyleSheet((resources_dir() / "style.qss").read_text(encoding="utf-8"))
    try:
        QApplication.processEvents()
        for column in (0, 1, 3, 4):  # "What" (2) stretches
            assert header.sectionSize(column) >= tree.sizeHintForColumn(column), column
    finally:
        app.setStyleSheet(before)
