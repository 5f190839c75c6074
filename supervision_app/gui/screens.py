"""How much of the screen a window may take.

Widgets ask ``QGuiApplication`` for their screen rather than calling
``QWidget.screen()``: PySide6 makes an object returned by a widget's method a
child of that widget when the object has no Qt parent, as screens do. When
Python then collects the widget in a reference cycle, it hands the screen
back to Python, which deletes it, and the next window made crashes.
"""

from __future__ import annotations

import base64

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLayout, QScrollArea, QWidget

from supervision_app.gui.app_events import app_events

SCREEN_MARGIN = 40  # pixels left free around a window sized to the screen


def available_area(widget: QWidget) -> QRect | None:
    """The usable part of the screen ``widget`` is on (the primary screen before it is placed)."""
    screen = QGuiApplication.screenAt(widget.mapToGlobal(widget.rect().center())) \
        or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width`` × ``height``, or less where the screen is smaller, never below its minimum."""
    available = available_area(widget)
    if available is not None:
        width = min(width, available.width() - SCREEN_MARGIN)
        height = min(height, available.height() - SCREEN_MARGIN)
    widget.resize(max(width, widget.minimumWidth()), max(height, widget.minimumHeight()))


def fill_screen(widget: QWidget) -> None:
    """Size ``widget`` (a main window, before it is shown) to the usable part of its screen.

    Its frame is known only once it is shown, when :func:`keep_on_screen` makes room for it.
    """
    available = available_area(widget)
    if available is not None:
        widget.resize(available.size().expandedTo(widget.minimumSize()))
        widget.move(available.topLeft())


def place_main_window(window: QWidget, saved: str) -> None:
    """Put ``window`` where it was (``saved``, from :func:`saved_place`), or fill its screen if it never was."""
    if not saved or not window.restoreGeometry(QByteArray(base64.b64decode(saved))):
        fill_screen(window)
    keep_on_screen(window)


def saved_place(window: QWidget) -> str:
    """``window``'s size and place, as text for the settings file."""
    return base64.b64encode(window.saveGeometry().data()).decode("ascii")


def keep_on_screen(window: QWidget) -> None:
    """Fit ``window`` to the usable part of its screen and move all of it there.

    A window Qt sized by itself opens at its preferred size, as tall as its
    wrapped text needs, up to the whole screen (Qt would stop at two thirds of
    it and squash the contents). None is made smaller than its minimum.
    """
    available = available_area(window)
    if available is None:
        return
    frame = window.frameGeometry()
    extra_width, extra_height = frame.width() - window.width(), frame.height() - window.height()
    width, height = window.width(), window.height()
    sized_by_hand = window.testAttribute(Qt.WidgetAttribute.WA_Resized)
    if not sized_by_hand:
        hidden = _scrolled_away(window)
        width = max(width, min(window.sizeHint().width(), available.width() - extra_width)) + hidden.width()
        layout = window.layout()
        wanted = layout.totalHeightForWidth(width) if layout is not None and layout.hasHeightForWidth() else -1
        height = max(height, window.sizeHint().height(), wanted) + hidden.height()
    width = max(min(width, available.width() - extra_width), window.minimumWidth())
    height = max(min(height, available.height() - extra_height), window.minimumHeight())
    x, y = frame.x() - (width - window.width()) // 2, frame.y() - (height - window.height()) // 2
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
        window.setAttribute(Qt.WidgetAttribute.WA_Resized, sized_by_hand)  # fitting is not choosing a size
    x = max(available.x(), min(x, available.x() + available.width() - width - extra_width))
    y = max(available.y(), min(y, available.y() + available.height() - height - extra_height))
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


def _scrolled_away(window: QWidget) -> QSize:
    """How much wider and taller ``window`` would have to be for no scroll area in it to need scrolling."""
    # Sizes worked out before the style sheet reached every widget are stale by now.
    for layout in window.findChildren(QLayout):
        layout.invalidate()
    if (top := window.layout()) is not None:
        top.activate()
    hidden = QSize(0, 0)
    for area in window.findChildren(QScrollArea):
        contents = area.widget()
        if contents is None or not area.widgetResizable() or not area.isVisibleTo(window):
            continue
        shown = area.viewport().size()
        needed_width = max(contents.minimumSizeHint().width(), contents.minimumWidth())
        width = max(shown.width(), needed_width)
        needed = contents.heightForWidth(width) if contents.hasHeightForWidth() else contents.sizeHint().height()
        bar = area.verticalScrollBar()
        if needed > shown.height() and not bar.isVisibleTo(area):
            needed_width += bar.sizeHint().width()  # room for the scroll bar, if the screen is too short
        hidden = hidden.expandedTo(QSize(needed_width - shown.width(), needed - shown.height()))
    return hidden


class _ScreenKeeper(QObject):
    """Keeps every window and dialog the app shows on the screen it opens on."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow() \
                and watched.windowType() not in (Qt.WindowType.Popup, Qt.WindowType.ToolTip):
            keep_on_screen(watched)
        return False


def keep_windows_on_screen(app: QApplication) -> None:
    """From now on, every window ``app`` shows is kept on its screen (see :func:`keep_on_screen`); once per app."""
    # (Not findChild: PySide matches a Python subclass by its Qt class, so any QObject child would do.)
    if not any(isinstance(child, _ScreenKeeper) for child in app.children()):
        app_events(app).watch(_ScreenKeeper(app), (QEvent.Type.Show,))
