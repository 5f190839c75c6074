"""The application's one event filter: each event crosses from Qt into Python once.

A filter written in Python and installed on the application is called for every event the app
handles (a few thousand for one dialog opening), each a call from C++ into Python: about 8 ms a
dialog here for each such filter. So the app installs one, :class:`AppEvents`, and the parts that
watch the whole app (the wheel guard, keeping windows on screen, outlining check boxes, noticing
activity, macOS's file-open event) register with it for the event types they need
(:meth:`AppEvents.watch`). Each keeps its own ``eventFilter``; an event of a type no part watches
goes back to Qt at once.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QEvent, QObject


class AppEvents(QObject):
    """Installed once on the application by :func:`app_events`."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._watchers: dict[QEvent.Type, tuple[QObject, ...]] = {}

    def watch(self, watcher: QObject, kinds: Iterable[QEvent.Type]) -> None:
        """Give ``watcher.eventFilter`` every event of these types, from now until :meth:`unwatch`."""
        for kind in kinds:
            present = self._watchers.get(kind, ())
            if watcher not in present:
                self._watchers[kind] = (*present, watcher)

    def unwatch(self, watcher: QObject) -> None:
        self._watchers = {kind: rest for kind, present in self._watchers.items()
                          if (rest := tuple(other for other in present if other is not watcher))}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        watchers = self._watchers.get(event.type())
        if not watchers:
            return False
        # Every watcher sees the event, as each did with a filter of its own (the activity watcher
        # notices a wheel the guard takes); it stops if any of them takes it.
        taken = False
        for watcher in watchers:
            taken = watcher.eventFilter(watched, event) or taken
        return taken


def app_events(app: QCoreApplication) -> AppEvents:
    """The application's one filter, installed the first time it is asked for."""
    # (Not findChild: PySide matches a Python subclass by its Qt class, so any QObject child would do.)
    for child in app.children():
        if isinstance(child, AppEvents):
            return child
    events = AppEvents(app)
    app.installEventFilter(events)
    return events
