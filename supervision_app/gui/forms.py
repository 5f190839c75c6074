"""Loading the Qt Designer forms in ``ui/``, the one place each layout is defined.

Forms are read at run time with ``QUiLoader``; no Python is generated from
them. Widgets are then found by their ``objectName``. Every label of a form
shows plain text unless the form marks it ``richText`` (see ``gui/plain.py``).
"""

from __future__ import annotations

import itertools
from typing import TypeVar

from PySide6.QtCore import QFile, QIODevice, QObject, Qt
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QApplication, QDialog, QVBoxLayout, QWidget

from supervision_app.gui.keys import let_tab_leave
from supervision_app.gui.plain import plain_labels
from supervision_app.paths import ui_dir

W = TypeVar("W", bound=QObject)


class FormError(RuntimeError):
    """A form is missing from the installation or lacks a widget the code needs (a bug)."""


def load_form(name: str, parent: QWidget | None = None) -> QWidget:
    """Build the widgets of ``ui/<name>.ui``; the top-level widget gets ``parent``."""
    path = ui_dir() / f"{name}.ui"
    ui_file = QFile(str(path))
    if not ui_file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FormError(f"The form {path.name} is missing from this installation.")
    loader = _loader()
    try:
        widget = loader.load(ui_file, parent)
    finally:
        ui_file.close()
    if widget is None:
        raise FormError(f"The form {path.name} could not be loaded: {loader.errorString()}")
    plain_labels(widget)  # text from outside the app is never taken for HTML
    let_tab_leave(widget)  # Tab moves on from a date or time field showing "not set"
    return widget


def _loader() -> QUiLoader:
    """A loader without Qt Designer's plugins: no form uses them, and ``QUiLoader()`` loads every one found
    next to the library paths as it is made (the Qt Quick widget's brings Qt Quick, QML and Designer's
    libraries: about 7 MiB and tens of milliseconds before the unlock dialog)."""
    library_paths = QApplication.libraryPaths()
    QApplication.setLibraryPaths([])  # the loader looks for plugins in "designer" under each of these
    try:
        return QUiLoader()
    finally:
        QApplication.setLibraryPaths(library_paths)


def child(root: QObject, cls: type[W], name: str) -> W:
    """The descendant of ``root`` called ``name``; a missing one is a bug in a form."""
    found = root.findChild(cls, name)
    if found is None:
        raise FormError(f"{root.objectName()} has no {cls.__name__} called {name!r}.")
    return found


def load_into(name: str, host: QWidget) -> QWidget:
    """Load a form and make it fill ``host``, which has no layout of its own yet."""
    form = load_form(name, host)
    layout = QVBoxLayout(host)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(form)
    return form


class FormDialog(QDialog):
    """A dialog whose contents, and title, come from a form with a QWidget at the top."""

    def __init__(self, form_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Loaded with the dialog as parent, so the form's tab order is set
        # within this window.
        self.form = load_into(form_name, self)
        self.setWindowTitle(self.form.windowTitle())
        self.setAccessibleName(self.form.windowTitle())

    # Hides QWidget.find (a static lookup by window id, which the app never uses).
    def find(self, cls: type[W], name: str) -> W:  # type: ignore[override]
        return child(self.form, cls, name)


def set_tab_order(widgets: list[QWidget]) -> None:
    """Chain ``widgets`` in this order for Tab (used where a form embeds another form or adds rows).

    The chain starts after the control before the first of them in the window,
    so rows added after the window was built are not left at its end.
    """
    if not widgets:
        return
    before = _control_before(widgets[0], set(widgets))
    for first, second in itertools.pairwise([before, *widgets] if before is not None else widgets):
        QWidget.setTabOrder(first, second)


def focus_chain(root: QWidget) -> list[QWidget]:
    """The controls inside ``root`` that Tab stops at, in Tab order.

    ``root`` must be a window of its own (not yet put in another): walking the chain of a
    widget inside a window reaches the window, and PySide6 makes a window returned by a
    widget's method (it has no Qt parent) that widget's child on the Python side, which
    can keep the window alive after it is closed (``tests/gui/test_window_freed.py``).
    """
    assert root.isWindow(), "walk a widget's Tab order before it is put in a window"
    found: list[QWidget] = []
    widget = root.nextInFocusChain()
    while widget is not None and widget is not root:
        if widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value:
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found


def _control_before(widget: QWidget, chained: set[QWidget]) -> QWidget | None:
    """The last control that Tab can stop on before ``widget`` in its window's widgets, in form order.

    (Not one in a window of its own inside it, such as a combo box's list once it has been shown.)
    """
    previous = None
    window = widget.window()
    for candidate in window.findChildren(QWidget):
        if candidate is widget:
            return previous
        if candidate not in chained and window.isAncestorOf(candidate) and candidate.focusProxy() is None \
                and not candidate.objectName().startswith("qt_") \
                and candidate.focusPolicy().value & Qt.FocusPolicy.TabFocus.value:
            previous = candidate
    return previous
