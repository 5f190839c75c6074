"""What every step page has in common: its form, loading from the record, and reporting edits."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any, ClassVar, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextBrowser,
    QWidget,
)

from supervision_app.domain.rules import Problem
from supervision_app.gui.forms import child, load_form, load_into
from supervision_app.gui.session.context import SessionContext
from supervision_app.gui.session.progress import Progress

W = TypeVar("W", bound=QObject)


class EditGate:
    """Edits go from widgets into what they show, then ``report`` is called; not while the widgets are filled."""

    def __init__(self, report: Callable[[], None]) -> None:
        self._report = report
        self._loading = 0

    @contextmanager
    def loading(self) -> Iterator[None]:
        self._loading += 1
        try:
            yield
        finally:
            self._loading -= 1

    def bind(self, signal: SignalInstance, apply: Callable[..., Any]) -> None:
        """On ``signal``, unless loading: ``apply`` its arguments, then report the edit."""

        def handler(*args: Any) -> None:
            if self._loading:
                return
            apply(*args)
            self._report()

        signal.connect(handler)


class Page(QWidget):
    """One step. Subclasses set :attr:`form_name` and :attr:`title`, and fill in :meth:`load`.

    Edits go straight into ``ctx.record`` and then :attr:`changed` is emitted;
    filling widgets from the record (inside :meth:`loading`) emits nothing.
    """

    changed = Signal()
    form_name: ClassVar[str]
    title: ClassVar[str]

    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.form = load_into(self.form_name, self)
        self.setAccessibleName(self.title)
        self._edits = EditGate(self.changed.emit)
        self.read_only = False
        # Layouts of columns side by side, to go one under the other when the step is too narrow.
        self.side_by_side: list[QBoxLayout] = []

    def find_child(self, cls: type[W], name: str) -> W:
        return child(self.form, cls, name)

    def loading(self) -> AbstractContextManager[None]:
        """Fill widgets inside this: nothing is written back or reported."""
        return self._edits.loading()

    # --- to override -----------------------------------------------------------

    def load(self) -> None:
        """Fill the widgets from the record."""

    def refresh(self) -> None:
        """The page is about to be shown: update what depends on other steps."""

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """Show the checks' problems that belong on this page."""

    @classmethod
    def progress_of(cls, ctx: SessionContext) -> Progress:
        """How far this step has got, from the record alone (so a step not built yet shows it too)."""
        raise NotImplementedError

    def progress(self) -> Progress:
        return self.progress_of(self.ctx)

    def set_read_only(self) -> None:
        self.read_only = True
        make_read_only(self.form)

    # --- wiring -----------------------------------------------------------------

    def bind(self, signal: SignalInstance, apply: Callable[..., Any]) -> None:
        """On ``signal``, unless loading: ``apply`` its arguments to the record, then report the edit."""
        self._edits.bind(signal, apply)

    def bind_text(self, edit: QLineEdit | QPlainTextEdit, apply: Callable[[str], Any]) -> None:
        if isinstance(edit, QLineEdit):
            self.bind(edit.textChanged, apply)
        else:
            self.bind(edit.textChanged, lambda: apply(edit.toPlainText()))

    def bind_check(self, box: QCheckBox, apply: Callable[[bool], Any]) -> None:
        self.bind(box.toggled, apply)


# Combo box data for "none of these". Not None: an empty QVariant comes back as None, and PySide6 6.12
# on Python 3.11 loses a reference to None each time it returns one.
NO_CHOICE = ""


def combo_value(combo: QComboBox) -> Any:
    """The current item's data, or :data:`NO_CHOICE` when the combo box is empty."""
    index = combo.currentIndex()
    return combo.itemData(index) if index >= 0 else NO_CHOICE


def has_property(widget: QObject, name: str) -> bool:
    """Whether a dynamic property is set (asked without reading it, which returns None when unset)."""
    return any(bytes(key.data()) == name.encode() for key in widget.dynamicPropertyNames())


def flag_property(widget: QObject, name: str) -> bool:
    return has_property(widget, name) and bool(widget.property(name))


def set_text(edit: QLineEdit | QPlainTextEdit, value: str) -> None:
    """Set a field's text only if it differs, so the cursor stays where it is while typing."""
    current = edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()
    if current != value:
        if isinstance(edit, QLineEdit):
            edit.setText(value)
        else:
            edit.setPlainText(value)


def select_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(NO_CHOICE if value is None else value)
    combo.setCurrentIndex(max(index, 0))


def make_read_only(root: QWidget, keep: Sequence[QWidget] = ()) -> None:
    """Let people read everything under ``root`` but change nothing.

    Text stays selectable (read-only rather than disabled); buttons marked
    ``editOnly`` in the forms disappear; those marked ``keepEnabled`` stay.
    """
    for widget in root.findChildren(QWidget):
        if widget.objectName().startswith("qt_") or isinstance(widget.parentWidget(), QTabBar):
            continue
        if any(widget is kept or kept.isAncestorOf(widget) for kept in keep):
            continue
        if flag_property(widget, "keepEnabled"):
            continue
        if flag_property(widget, "editOnly"):
            widget.hide()
        elif isinstance(widget, QTextBrowser):
            continue
        elif isinstance(widget, QAbstractSpinBox):
            widget.setReadOnly(True)
            widget.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        elif isinstance(widget, (QLineEdit, QPlainTextEdit)):
            widget.setReadOnly(True)
        elif isinstance(widget, (QAbstractButton, QComboBox)):
            widget.setEnabled(False)


def add_form(name: str, host: QWidget) -> QWidget:
    """Load a row form into ``host`` and add it to the end of the host's layout."""
    form = load_form(name, host)
    layout = host.layout()
    assert isinstance(layout, QLayout)
    layout.addWidget(form)
    return form


class ClickToToggle(QObject):
    """Lets a wrapping label beside a check box tick it, as a check box's own text would.

    (A check box's text cannot wrap; long toolkit items need to.)
    """

    def __init__(self, label: QLabel, box: QAbstractButton) -> None:
        super().__init__(label)
        self._box = box
        label.setBuddy(box)
        label.installEventFilter(self)
        label.setCursor(Qt.CursorShape.PointingHandCursor)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease and self._box.isEnabled():
            self._box.toggle()
            self._box.setFocus(Qt.FocusReason.MouseFocusReason)
            return True
        return False


class Rows:
    """Repeated row forms in a host widget's layout, rebuilt from the record when the list changes."""

    def __init__(self, host: QWidget, form_name: str) -> None:
        self.host = host
        self.form_name = form_name
        self.forms: list[QWidget] = []

    def clear(self) -> None:
        layout = self.host.layout()
        for form in self.forms:
            if layout is not None:
                layout.removeWidget(form)
            form.hide()
            form.deleteLater()
        self.forms = []

    def add(self) -> QWidget:
        form = add_form(self.form_name, self.host)
        self.forms.append(form)
        return form
