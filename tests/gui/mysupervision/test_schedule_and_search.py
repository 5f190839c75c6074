"""My supervision on the supervisee's install (issue 14, item 5), through its widgets on two real installs: a
cancelled and rebooked session on the page and in its history, the agreed cadence in words, and search of the
user's own preparation and records received, which opens them there."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from supervision_app.domain.agreement import Agreement
from supervision_app.domain.exchange import Preparation, PreparedItem
from supervision_app.domain.my_search import MyHit, MyKind
from supervision_app.domain.record import Confirmation, Signatory, TimeProtection
from supervision_app.gui.main_window import MainWindow
from supervision_app.gui.mysupervision import CountersignDialog
from supervision_app.gui.search.dialog import SearchDialog
from supervision_app.gui.services import AppServices
from supervision_app.services.my_supervision import MySupervisionService, Use, set_app_uses
from supervision_app.services.notes import NoteOptions
from supervision_app.services.people import save_agreement, save_profile
from supervision_app.vault.service import VaultService
from tests.conftest import PASSPHRASE
from tests.gui.mysupervision.conftest import SESSION_AT, World

REBOOKED = datetime(2026, 11, 26, 10, 0)


def cancel_rebook_and_hold(world: World) -> None:
    """Aisha (fortnightly) cancels the session of 24 November, rebooks it for the 26th, holds it interrupted and
    sends the record, which Zoë imports."""
    aisha = world.aisha
    save_agreement(aisha.store, Agreement(world.zoe.id, frequency_weeks=2, review_date=date(2027, 11, 1)))
    booked = aisha.sessions.book(world.zoe.id, SESSION_AT)
    replacement = aisha.sessions.cancel(booked.id, "Called to court.", REBOOKED)
    assert replacement is not None
    world.clock.now = REBOOKED
    _opened, record = aisha.sessions.open_session(replacement.id)
    record.setting.time_protection = TimeProtection.INTERRUPTED
    aisha.sessions.confirm(replacement.id, record, Signatory.SUPERVISOR, Confirmation.AGREED)
    aisha.sessions.confirm(replacement.id, record, Signatory.SUPERVISEE, Confirmation.AGREED)
    world.clock.now = REBOOKED + timedelta(hours=2)
    aisha.notes.sign_as_supervisor(replacement.id, NoteOptions())
    world.zoe_app.exchange.import_pack(aisha.exchange.export_record(replacement.id))


def test_a_cancelled_and_rebooked_session_shows_on_the_page_and_in_the_history(qtbot: QtBot, world: World) -> None:
    world.pair()
    cancel_rebook_and_hold(world)
    world.clock.now = datetime(2026, 12, 14, 9, 0)  # 18 days on: a fortnightly agreement is overdue
    page = world.page(qtbot)

    rows = [(page.received_tree.topLevelItem(i).text(0), page.received_tree.topLevelItem(i).text(1))  # type: ignore[union-attr]
            for i in range(page.received_tree.topLevelItemCount())]
    assert rows == [("Thu 26 Nov 2026, 10:00", "Signed by Aisha Rahman"),
                    ("Tue 24 Nov 2026, 10:00", "Cancelled; rebooked for Thu 26 Nov 2026, 10:00")]
    assert page.last_label.text() == (
        "Overdue: Your last supervision was on 26 November, 18 days ago. Your agreement says fortnightly, so the "
        "next was due on 10 December: 4 days overdue. None is booked: ask your supervisor.")
    cancelled = page.received_tree.topLevelItem(1)
    page.received_tree.setCurrentItem(cancelled)
    assert not page.view_button.isEnabled() and page.open_record() is None  # nothing to open
    page.received_tree.itemActivated.emit(cancelled, 0)
    assert page.dialog is None

    dialog = page.open_history()
    assert dialog is not None
    model = dialog.timeline.model()
    cells = [[model.index(row, column).data() for column in range(3)] for row in range(model.rowCount())]
    assert cells == [["26 Nov 2026", "Held (rebooked from 24 Nov 2026)", "Interrupted"],
                     ["24 Nov 2026", "Cancelled (rebooked for 26 Nov 2026)", ""]]
    dialog.close()


def test_search_finds_the_preparation_and_the_record_received_and_opens_them(qtbot: QtBot, world: World) -> None:
    supervisor = world.pair()
    world.zoe_app.mine.save_preparation(supervisor.id, Preparation(
        items=[PreparedItem("Supervision of the Zoë Ashby visits")], private_notes="Ask about Renée's leave."))
    uid = world.send_record()
    page = world.page(qtbot)
    dialog = SearchDialog(world.zoe_app.store, world.clock.now.date())
    qtbot.addWidget(dialog)
    opened: list[object] = []
    dialog.openRequested.connect(opened.append)

    qtbot.keyClicks(dialog.query_edit, "renee")
    qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Return)
    [row] = [dialog.results.topLevelItem(i) for i in range(dialog.results.topLevelItemCount())]
    assert row is not None
    assert [row.text(c) for c in range(4)] == ["Preparing", "My supervision with Aisha Rahman",
                                               "My private notes (private)", "Ask about Renée's leave."]
    assert dialog.status_label.text().startswith("1 found")

    dialog.query_edit.setText("COURT STATEMENT")
    dialog.run_search()
    kinds = [dialog.results.topLevelItem(i).text(2) for i in range(dialog.results.topLevelItemCount())]  # type: ignore[union-attr]
    assert kinds == ["Signed note received", "Action received"]
    qtbot.keyClick(dialog.results, Qt.Key.Key_Return)
    [hit] = opened
    assert isinstance(hit, MyHit) and hit.session_uid == uid and hit.kind is MyKind.NOTE

    page.show_found(hit)
    assert isinstance(page.dialog, CountersignDialog)
    page.dialog.close()
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.show_found(MyHit(supervisor.id, "Aisha Rahman", None, None, MyKind.PRIVATE_NOTES, "private_notes", ""))
    qtbot.waitUntil(page.prep.private_edit.hasFocus)


def test_a_supervisee_only_install_searches_from_the_my_supervision_menu(
        qtbot: QtBot, make_controller, gui_services: AppServices, service: VaultService) -> None:  # type: ignore[no-untyped-def]
    vault, _code = service.create(PASSPHRASE)
    save_profile(vault.store, "Zoë Whitfield")
    set_app_uses(vault.store, frozenset({Use.SUPERVISED}))
    mine = MySupervisionService(vault.store)
    supervisor = mine.add_supervisor("Aisha Rahman")
    mine.save_preparation(supervisor.id, Preparation(private_notes="Ask about Renée's leave."))
    vault.lock()
    controller = make_controller(gui_services)
    controller.start(passphrase=PASSPHRASE)
    main = controller.main_window
    assert isinstance(main, MainWindow) and main.my_supervision_page is not None

    [action] = [a for a in main.my_supervision_menu.actions() if a.objectName() == "actionSearchMine"]
    action.trigger()
    dialog = main.window.findChild(SearchDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.query_edit, "RENEE")
    qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Return)
    assert dialog.results.topLevelItemCount() == 1
    qtbot.keyClick(dialog.results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert main.main_tabs.currentWidget() is main.my_supervision_tab
    assert main.window.focusWidget() is main.my_supervision_page.prep.private_edit  # (focused when it is active)
