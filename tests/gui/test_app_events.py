"""The application's one event filter hands each event to the parts watching its type, and only to them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from supervision_app.gui.app_events import AppEvents, app_events
from supervision_app.gui.idle import ACTIVITY_EVENTS, IdleWatcher


class Seen(QObject):
    def __init__(self, take: bool = False) -> None:
        super().__init__()
        self.seen: list[QEvent.Type] = []
        self.take = take

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.seen.append(event.type())
        return self.take


def test_each_watcher_sees_only_its_types_and_any_can_take_an_event(qtbot: QtBot, qapp: QApplication) -> None:
    events = app_events(qapp)
    assert app_events(qapp) is events
    assert sum(isinstance(child, AppEvents) for child in qapp.children()) == 1
    taker, onlooker, other = Seen(take=True), Seen(), Seen()
    events.watch(taker, (QEvent.Type.User,))
    events.watch(onlooker, (QEvent.Type.User, QEvent.Type.User))  # (twice: still once)
    events.watch(other, (QEvent.Type.MaxUser,))
    widget = QWidget()
    qtbot.addWidget(widget)
    try:
        assert QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.User)) is True  # taken: not delivered
        assert taker.seen == [QEvent.Type.User] and onlooker.seen == [QEvent.Type.User] and other.seen == []
        events.unwatch(taker)
        QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.User))
        assert taker.seen == [QEvent.Type.User] and len(onlooker.seen) == 2
    finally:
        for watcher in (taker, onlooker, other):
            events.unwatch(watcher)


def test_the_activity_watcher_is_a_watcher_while_it_watches(qapp: QApplication) -> None:
    watcher = IdleWatcher(60_000)
    events = app_events(qapp)
    watcher.start()
    try:
        assert all(watcher in events._watchers.get(kind, ()) for kind in ACTIVITY_EVENTS)
    finally:
        watcher.stop()
    assert not any(watcher in watching for watching in events._watchers.values())
