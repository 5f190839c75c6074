"""Does a window fit its screen? What a person on a small or scaled screen would see cut off.

A window fits when its minimum size is no larger than the screen's available
area, it lies inside that area, every visible part of every widget does too,
no label shows less than its text needs, and no scroll area's contents are wider
than it (cut, or behind a sideways scroll bar).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QScrollArea, QWidget

# Scroll areas that show a picture (a page of a note), which may be wider than the window.
PICTURES = frozenset({"previewScroll"})


def available() -> QRect:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    return screen.availableGeometry()


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QLabel) else ""
    label = f" {text[:40]!r}" if text else ""
    window = widget.window()
    return f"{type(widget).__name__} {widget.objectName()!r}{label} in {window.windowTitle() or window.objectName()!r}"


def visible_part(widget: QWidget) -> QRect:
    """The part of ``widget`` its parents let show, in global coordinates (empty when scrolled away)."""
    part = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None:
        part = part.intersected(QRect(parent.mapToGlobal(QPoint(0, 0)), parent.size()))
        if parent.isWindow():
            break
        parent = parent.parentWidget()
    return part


def clipped(label: QLabel) -> bool:
    """Whether ``label`` has less room than its text needs."""
    if not label.text() or (label.pixmap() is not None and not label.pixmap().isNull()):
        return False
    if label.wordWrap():
        return label.heightForWidth(label.width()) > label.height()
    hint = label.sizeHint()
    return hint.width() > label.width() or hint.height() > label.height()


def cut_headings(header: QHeaderView) -> list[str]:
    """The headings of a horizontal ``header`` given less room than they need (a stretched last column aside)."""
    model = header.model()
    if model is None or header.orientation() is not Qt.Orientation.Horizontal:
        return []
    shown = [section for section in map(header.logicalIndex, range(header.count()))
             if not header.isSectionHidden(section)]
    return [str(model.headerData(section, header.orientation())) for section in shown
            if header.sectionSize(section) < header.sectionSizeHint(section)
            and not (section == shown[-1] and header.stretchLastSection())]


def misfits(window: QWidget) -> list[str]:
    """Everything about ``window`` (shown) that does not fit the primary screen, one line each."""
    area = available()
    problems: list[str] = []
    minimum = window.minimumSize().expandedTo(window.minimumSizeHint()) if window.layout() else window.minimumSize()
    if minimum.width() > area.width() or minimum.height() > area.height():
        problems.append(f"{_name(window)}: minimum size {minimum.width()}x{minimum.height()} is larger "
                        f"than the screen's {area.width()}x{area.height()}")
    if not area.contains(window.frameGeometry()):
        frame = window.frameGeometry()
        problems.append(f"{_name(window)}: at {frame.x()},{frame.y()} {frame.width()}x{frame.height()}, "
                        f"outside the screen's {area.width()}x{area.height()}")
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow() or widget.objectName().startswith("qt_"):
            continue
        part = visible_part(widget)
        if not part.isEmpty() and not area.contains(part):
            problems.append(f"{_name(widget)}: off the screen")
        if isinstance(widget, QPushButton) and not part.isEmpty() and widget.width() < widget.sizeHint().width():
            # A button squeezed below its size hint cuts its words ("ave as signed PDF").
            problems.append(f"{_name(widget)}: button cut short ({widget.width()} wide shown, "
                            f"{widget.sizeHint().width()} needed)")
        if isinstance(widget, QHeaderView) and not part.isEmpty():
            problems += [f"{_name(widget)}: heading {heading!r} cut short" for heading in cut_headings(widget)]
        if isinstance(widget, QLabel) and not part.isEmpty() and clipped(widget):
            problems.append(f"{_name(widget)}: clipped ({widget.width()}x{widget.height()} shown, "
                            f"{widget.sizeHint().width()}x{widget.heightForWidth(widget.width())} needed)")
        contents = widget.widget() if isinstance(widget, QScrollArea) else None
        if contents is not None and contents.width() > widget.viewport().width() \
                and widget.objectName() not in PICTURES:
            problems.append(f"{_name(widget)}: wider than its window, so it scrolls sideways or is cut "
                            f"({contents.minimumSizeHint().width()} wide {type(contents).__name__} "
                            f"{contents.objectName()!r} in {widget.viewport().width()})")
    return problems

