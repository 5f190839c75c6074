"""People → History and trends…: opened by keyboard, its tables as a screen reader reads them, the chart's theme."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QTableView
from pytestqt.qtbot import QtBot

from supervision_app.content import ToolkitContent
from supervision_app.domain.history import TimelineStatus
from supervision_app.gui.controller import AppController
from supervision_app.gui.main_window import MainWindow
from supervision_app.gui.people.history import (
    NOT_HELD_HERE,
    HistoryDialog,
    my_history_dialog,
    supervisee_history_dialog,
)
from supervision_app.gui.services import AppServices
from supervision_app.gui.theme import COLOURS, Role, Scheme, palette_for
from supervision_app.services.history import supervisee_history
from tests.conftest import PASSPHRASE
from tests.exchange.installs import Clock, two_installs
from tests.gui.conftest import DEMO_TODAY
from tests.gui.mysupervision.conftest import NOW, World


def cells(view: QTableView, role: int = Qt.ItemDataRole.DisplayRole) -> list[list[str]]:
    model = view.model()
    return [[model.index(row, column).data(role) for column in range(model.columnCount(QModelIndex()))]
            for row in range(model.rowCount(QModelIndex()))]


def headers(view: QTableView) -> list[str]:
    model = view.model()
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount(QModelIndex()))]


def started(make_controller: Callable[..., AppController], services: AppServices) -> MainWindow:
    services.clock = Clock(datetime.combine(DEMO_TODAY, datetime.min.time().replace(hour=9)))
    controller = make_controller(services)
    controller.start(passphrase=PASSPHRASE)
    main = controller.main_window
    assert isinstance(main, MainWindow)
    return main


def test_opened_and_read_by_keyboard_alone(qtbot: QtBot, make_controller: Callable[..., AppController],
                                           gui_services: AppServices, demo_vault: str) -> None:
    main = started(make_controller, gui_services)
    history_ui = main.history
    action = history_ui.action
    assert action in main.window.findChild(QMenu, "peopleMenu").actions()
    assert action.text() == "His&tory and trends…"
    main.select_person(main.store.own_profile().id)
    assert not action.isEnabled()  # the user's own profile has no supervision history here
    daniel = next(p for p in main.store.list_people() if p.name == "Daniel Atić-Lee")
    main.select_person(daniel.id)
    qtbot.waitExposed(main.window)
    main.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main.window)
    main.supervising.sessions_table.setFocus()

    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    dialog = history_ui.dialog
    assert isinstance(dialog, HistoryDialog)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.windowTitle() == "History and trends: Daniel Atić-Lee – Supervision"
    # The timeline first, its newest session current: the cancelled one says why and when it moved to.
    assert dialog.tabs.currentIndex() == 0
    statuses = [row[1] for row in cells(dialog.timeline)]
    assert statuses[0] == "Booked" and statuses[-1] == "Held"
    cancelled = next(row for row in cells(dialog.timeline) if row[1].startswith("Cancelled"))
    assert cancelled[1].startswith("Cancelled (rebooked for ")
    assert cancelled[-1] == "Daniel was called to give evidence at a care hearing."
    assert any(s.startswith("Held (rebooked from ") for s in statuses)

    # Alt+R to the ratings, Tab to "Show as a table", Space, Tab into the table.
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert dialog.tabs.currentWidget().objectName() == "ratingsTab"
    for _ in range(3):  # from the tab bar, or the table the focus was in, to the button
        if QApplication.focusWidget() is dialog.table_button:
            break
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.table_button
    QTest.keyClick(dialog.table_button, Qt.Key.Key_Space)
    assert dialog.stack.currentWidget() is dialog.ratings
    QTest.keyClick(dialog.table_button, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.ratings
    QTest.keyClick(dialog.ratings, Qt.Key.Key_Escape)
    assert history_ui.dialog is None or not dialog.isVisible()


def test_the_tables_hold_the_history_in_words_with_headers(qtbot: QtBot, store, content: ToolkitContent) -> None:  # type: ignore[no-untyped-def]
    from supervision_app.services.demo import fill_demo

    fill_demo(store, DEMO_TODAY)
    siobhan = next(p for p in store.list_people() if p.name == "Siobhán O'Connell")
    history = supervisee_history(store, siobhan.id, DEMO_TODAY)
    dialog = supervisee_history_dialog(store, content, siobhan, DEMO_TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.ratings.model() is None and dialog.flags.model() is None  # filled when first shown
    dialog.tabs.setCurrentIndex(2)
    dialog.tabs.setCurrentIndex(1)
    dialog.table_button.click()

    names = [s.name for s in content.hse_standards.standards]
    assert headers(dialog.ratings) == ["Date", "Check-in", *names]
    assert headers(dialog.timeline) == ["Date", "Status", "Time", "Actions agreed", "Done", "Carried", "Dropped",
                                        "Wellbeing flags", "Why cancelled"]
    assert headers(dialog.flags) == ["Category", "Times raised", "First", "Last", "Levels"]
    # The ratings table holds exactly the chart's figures, each value with its words.
    scale = content.hse_standards.rating_scale
    held = [e for e in reversed(history.entries) if e.status in (TimelineStatus.HELD, TimelineStatus.IN_PROGRESS)]
    table = cells(dialog.ratings)
    assert len(table) == len(held)
    for row, entry in zip(table, held, strict=True):
        for standard, cell in zip(content.hse_standards.standards, row[2:], strict=True):
            value = entry.ratings.get(standard.id)
            assert cell == (f"{value} ({scale.point(value).label})" if value else "")
    # Her one-to-one sessions (the demo's group session holds no check-in: "Not on the record").
    from supervision_app.services.groups import GroupService

    group = GroupService(store).summaries()[0].group
    in_group = [entry.session_id == group.session_of(siobhan.id) for entry in held]
    assert in_group.count(True) == 1 and table[in_group.index(True)][1] == "Not on the record"
    table = [row for row, grouped in zip(table, in_group, strict=True) if not grouped]
    assert table[3][2:4] == ["1 (Very difficult)", "2 (Quite difficult)"]
    assert table[3][1] == "On the record" and table[0][1] == "Not on the record"
    assert {row[1] for row in table[1:]} - {"On the record"} == {"Discussed; not on the record"}
    # A screen reader hears each cell with its column's name; each view is named.
    spoken = [row for row, grouped in zip(cells(dialog.ratings, Qt.ItemDataRole.AccessibleTextRole), in_group,
                                          strict=True) if not grouped]
    assert spoken[3][2] == "Demands: 1 (Very difficult)" and spoken[0][2] == "Demands: none"
    assert [v.accessibleName() for v in (dialog.timeline, dialog.ratings, dialog.flags)] == [
        "Sessions, newest first", "Wellbeing ratings, newest first", "Wellbeing flags by category"]
    assert dialog.chart.accessibleName() == "Wellbeing ratings chart"
    assert dialog.chart.accessibleDescription() == ("Ratings on the record at 1 session, on 24 Aug 2026. Latest: "
                                                    "Demands 1 (Very difficult) on 24 Aug 2026; Control 2 (Quite "
                                                    "difficult) on 24 Aug 2026; Managerial support 4 (Quite good) "
                                                    "on 24 Aug 2026.")
    assert cells(dialog.flags)[0][0] in {"Discrimination or racism", "Moral distress", "Workload or caseload"}
    assert "1 discussed" in [row[4] for row in cells(dialog.flags)]


def test_the_chart_follows_the_light_and_dark_palettes(qtbot: QtBot, store, content: ToolkitContent) -> None:  # type: ignore[no-untyped-def]
    from supervision_app.services.demo import fill_demo

    fill_demo(store, DEMO_TODAY)
    zoe = next(p for p in store.list_people() if p.name == "Zoë Whitfield")
    dialog = supervisee_history_dialog(store, content, zoe, DEMO_TODAY)
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(1)
    dialog.show()
    chart = dialog.chart
    for scheme, column in ((Scheme.LIGHT, 0), (Scheme.DARK, 1)):
        chart.setPalette(palette_for(scheme))
        image = chart.grab().toImage()
        assert image.pixelColor(1, 1).name() == COLOURS[Role.Base][column]
        accent = COLOURS[Role.Highlight][column]
        assert any(image.pixelColor(x, y).name() == accent
                   for x in range(0, image.width(), 2) for y in range(0, image.height(), 2))


def test_the_supervisees_own_history_draws_no_ratings(qtbot: QtBot, tmp_path: Path,
                                                      content: ToolkitContent) -> None:
    with two_installs(tmp_path, NOW) as (aisha, zoe_app, zoe, clock):
        world = World(aisha, zoe_app, zoe, clock, None, None, tmp_path)  # type: ignore[arg-type]
        supervisor = world.pair()
        world.send_record()
        dialog = my_history_dialog(zoe_app.store, content, supervisor)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.show_table(True)
        assert dialog.windowTitle() == "My supervision with Aisha Rahman – Supervision"
        assert [row[1] for row in cells(dialog.timeline)] == ["Held"]
        assert cells(dialog.ratings)[0][1:] == ["Not on the record", *[""] * 7]
        assert dialog.chart.accessibleDescription() == NOT_HELD_HERE
