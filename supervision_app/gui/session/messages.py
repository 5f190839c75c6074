"""Messages shown beside a field: problems from the checks and full-name warnings.

Each is text (never colour alone), is added to the field's accessible
description, and is announced when it first appears. Unlike
:func:`~supervision_app.gui.accessibility.show_error`, these never move the
focus, and they do not appear while the person is still typing in the field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QWidget

from supervision_app.domain.rules import Problem, possible_full_names
from supervision_app.gui.accessibility import announce
from supervision_app.gui.session.page import has_property
from supervision_app.gui.theme import Role, role_style

_BASE_DESCRIPTION = "baseAccessibleDescription"
WARNING_PREFIX = "Warning: "
WARNING_STYLE = role_style(Role.LinkVisited, "font-weight: bold; font-size: 11pt;")  # amber, 7:1 on the window


def set_message(label: QLabel, message: str, field: QWidget | None = None) -> None:
    """Show ``message`` in ``label`` (or hide it when empty); announce it if it is new."""
    if field is not None:
        if not has_property(field, _BASE_DESCRIPTION):
            field.setProperty(_BASE_DESCRIPTION, field.accessibleDescription())
        base = str(field.property(_BASE_DESCRIPTION))
        description = f"{message} {base}".strip()
        if field.accessibleDescription() != description:  # (this runs on every key press)
            field.setAccessibleDescription(description)
    reserve_a_line(label)
    if message == label.text() and label.isHidden() != bool(message):
        return
    label.setText(message)
    label.setAccessibleDescription(message)
    label.setVisible(bool(message))
    if message:
        announce(label)


def reserve_a_line(label: QLabel) -> None:
    """Keep a line for the message while it is hidden, so the rows below do not move as it comes and goes."""
    policy = label.sizePolicy()
    if not policy.retainSizeWhenHidden():
        policy.setRetainSizeWhenHidden(True)
        label.setSizePolicy(policy)
    label.ensurePolished()  # the font its style gives it
    line = label.fontMetrics().height()
    if label.minimumHeight() < line:
        label.setMinimumHeight(line)


def free_the_line(label: QLabel) -> None:
    """Hide the message and give its line back (a locked record shows no messages there)."""
    policy = label.sizePolicy()
    policy.setRetainSizeWhenHidden(False)
    label.setSizePolicy(policy)
    label.setMinimumHeight(0)
    label.hide()


def problem_text(problems: Iterable[Problem]) -> str:
    """Problems as lines: ones that block sign-off as they are, warnings marked as warnings."""
    lines = [p.message if p.blocks_sign_off else WARNING_PREFIX + p.message for p in problems]
    return "\n".join(lines)


def problems_at(problems: Iterable[Problem], where: str) -> list[Problem]:
    return [p for p in problems if p.where == where]


def show_problems(label: QLabel, problems: Sequence[Problem], field: QWidget | None = None) -> None:
    """Show ``problems`` in ``label``, styled as an error if any blocks sign-off."""
    blocking = any(p.blocks_sign_off for p in problems)
    role = "error" if blocking else "warning"
    if not has_property(label, "role") or label.property("role") != role:
        label.setProperty("role", role)
        label.setStyleSheet("" if blocking else WARNING_STYLE)
    set_message(label, problem_text(problems), field)


def full_name_message(names: Sequence[str]) -> str:
    if not names:
        return ""
    quoted = ", ".join(f"“{name}”" for name in names)
    if len(names) == 1:
        return f"This looks like a full name: {quoted}. Use initials or a case reference."
    return f"These look like full names: {quoted}. Use initials or a case reference."


def _text_of(edit: QLineEdit | QPlainTextEdit) -> str:
    return edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()


class RevealOnLeave(QObject):
    """Calls ``reveal`` when the focus leaves ``widgets`` for somewhere outside ``area`` (a row).

    A row's problems wait until the person has finished with the row: a new,
    empty action, or "Someone else" chosen before the name is typed, is not yet a mistake.
    """

    def __init__(self, area: QWidget, widgets: Sequence[QWidget], reveal: Callable[[], None]) -> None:
        super().__init__(area)
        self._area = area
        self._reveal = reveal
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() == QEvent.Type.FocusOut and isinstance(event, QFocusEvent) and event.reason() not in (
                Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason):
            now = QApplication.focusWidget()
            if now is None or not self._area.isAncestorOf(now):
                self._reveal()
        return False


class NameWarning(QObject):
    """Warns under one or more text fields when what is typed looks like a person's full name.

    A warning, never a block: the text is kept as typed. It is judged when the
    person leaves the field, not at each key press (half a sentence is not yet
    a mistake); a warning on show is updated as they type, so it goes as soon
    as the name does.
    """

    def __init__(self, label: QLabel, edits: Sequence[QLineEdit | QPlainTextEdit],
                 allowed: Sequence[str]) -> None:
        super().__init__(label)
        self._label = label
        self._edits = list(edits)
        self._allowed = list(allowed)
        label.setStyleSheet(WARNING_STYLE)
        for edit in self._edits:
            edit.textChanged.connect(self._recheck)
            edit.installEventFilter(self)
        self.check()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() == QEvent.Type.FocusOut and watched in self._edits:
            self.check()
        return False

    def _recheck(self) -> None:
        if not self._label.isHidden():
            self.check()

    def check(self) -> None:
        found: list[str] = []
        for edit in self._edits:
            for name in possible_full_names(_text_of(edit), self._allowed):
                if name not in found:
                    found.append(name)
        message = full_name_message(found)
        for edit in self._edits:
            set_message(self._label, message, edit)
