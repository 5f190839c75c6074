"""Light and dark: the app's one table of colours, set as a complete palette that the style sheet follows.

``resources/style.qss`` names no colour, only palette roles (``palette(window)``), so
it reads correctly on either palette. Widgets made in Python take their colours from
the palette too (:func:`role_style`). Roles the platform leaves unused carry the app's
own meanings: ``BrightText`` is the error colour, ``LinkVisited`` the warning colour,
``AlternateBase`` the soft accent behind callouts and ``Midlight`` a pressed button.
Every pair of colours meets WCAG 2.2 AA (4.5:1 for text, 3:1 for outlines and focus
rings), checked by ``tests/gui/test_theme.py`` on rendered pages.

At start the app follows the system's light or dark mode (:func:`system_scheme`).
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QProxyStyle,
    QRadioButton,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QWidget,
)

from supervision_app.gui.app_events import app_events

Role = QPalette.ColorRole


class Scheme(Enum):
    LIGHT = "light"
    DARK = "dark"


# Role: (light, dark). Contrast, light / dark, is given against the window or the field.
COLOURS: dict[Role, tuple[str, str]] = {
    Role.Window: ("#f7f9f9", "#1e2326"),
    Role.WindowText: ("#1b1f23", "#e8eced"),  # 15.7:1 / 13.1:1
    Role.Base: ("#ffffff", "#14181a"),
    Role.AlternateBase: ("#e3f1f1", "#1f3a3d"),  # soft accent: callouts, hover, alternate rows
    Role.Text: ("#1b1f23", "#e8eced"),
    Role.Button: ("#eef1f2", "#2b3236"),
    Role.ButtonText: ("#1b1f23", "#e8eced"),
    Role.PlaceholderText: ("#4a5560", "#a9b4bb"),  # also secondary text: 7.2:1 / 7.9:1
    Role.Highlight: ("#0a5c63", "#5cc8d0"),  # accent: focus rings, selection (7.3:1 / 8.5:1)
    Role.HighlightedText: ("#ffffff", "#0b1a1c"),
    Role.Link: ("#0a5c63", "#7fd3d9"),  # accent text: headings, group titles, a good result
    Role.LinkVisited: ("#6b4e00", "#f0c05a"),  # warning text
    Role.BrightText: ("#a4262c", "#ff9c9c"),  # error text
    Role.Dark: ("#6b7780", "#8c989f"),  # borders and check box / radio outlines (4.3:1 / 5.6:1)
    Role.Mid: ("#b8c0c5", "#4a545a"),  # quiet separators
    Role.Midlight: ("#cfe6e6", "#2a4a4d"),  # a pressed button
    Role.Light: ("#ffffff", "#3a4347"),
    Role.Shadow: ("#1b1f23", "#000000"),
    Role.ToolTipBase: ("#ffffff", "#14181a"),
    Role.ToolTipText: ("#1b1f23", "#e8eced"),
}
# Disabled text is exempt from the contrast rules, but stays legible.
DISABLED_ROLES = (Role.WindowText, Role.Text, Role.ButtonText)
DISABLED_TEXT = ("#5f6b73", "#8c989f")


def scheme_for(mode: Qt.ColorScheme) -> Scheme:
    """Dark for a dark system; light for a light one, or one that does not say."""
    return Scheme.DARK if mode == Qt.ColorScheme.Dark else Scheme.LIGHT


def system_scheme() -> Scheme:
    """The system's light or dark mode (Qt 6.5+)."""
    return scheme_for(QGuiApplication.styleHints().colorScheme())


def palette_for(scheme: Scheme) -> QPalette:
    """The complete palette for ``scheme``: every role in every colour group."""
    palette = QPalette()
    column = 0 if scheme is Scheme.LIGHT else 1
    for role, colours in COLOURS.items():
        palette.setColor(role, QColor(colours[column]))
    for role in DISABLED_ROLES:
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(DISABLED_TEXT[column]))
    return palette


def apply_theme(app: QApplication, scheme: Scheme | None = None) -> Scheme:
    """Give the app its style and the palette for ``scheme`` (the system's mode unless given)."""
    scheme = scheme or system_scheme()
    if app.style().name().lower() != "fusion":
        app.setStyle(QStyleFactory.create("Fusion"))
    _outline_indicators(app)
    app.setPalette(palette_for(scheme))
    return scheme


class IndicatorOutliner(QObject):
    """Gives each check box and radio button, as it is polished, the style that outlines its indicator.

    The app's own style stays Qt's Fusion: a style written in Python is called back for every part of
    every widget it draws (each cell of a table, several times), so only the widgets that need the
    outline use it. Installed once on the application by :func:`apply_theme`.
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.style = OutlinedIndicators()  # one for every check box and radio button; lives with the app

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Polish and isinstance(watched, QCheckBox | QRadioButton)
                and not watched.testAttribute(Qt.WidgetAttribute.WA_SetStyle)):
            watched.setStyle(self.style)
        return False


def _outline_indicators(app: QApplication) -> None:
    if not any(isinstance(child, IndicatorOutliner) for child in app.children()):
        app_events(app).watch(IndicatorOutliner(app), (QEvent.Type.Polish,))


def role_style(role: Role, extra: str = "") -> str:
    """A style sheet fragment for text in the palette's ``role`` (for labels styled from Python)."""
    names = {Role.BrightText: "bright-text", Role.LinkVisited: "link-visited", Role.Link: "link",
             Role.WindowText: "window-text", Role.Highlight: "highlight"}
    return f"color: palette({names[role]}); {extra}".strip()


class OutlinedIndicators(QProxyStyle):
    """Fusion, with check box and radio button outlines in the border colour, which contrasts 3:1.

    Fusion draws them a shade darker than the window (1.9:1 and 2.4:1), too faint to find.
    """

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter,
                      widget: QWidget | None = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element not in (QStyle.PrimitiveElement.PE_IndicatorCheckBox,
                           QStyle.PrimitiveElement.PE_IndicatorRadioButton):
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(option.palette.color(Role.Dark), 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        rect = option.rect.toRectF().adjusted(1, 1, -1, -1)
        if element == QStyle.PrimitiveElement.PE_IndicatorCheckBox:
            painter.drawRoundedRect(rect, 2, 2)
        else:
            painter.drawEllipse(rect)
        painter.restore()
