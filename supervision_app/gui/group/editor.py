"""Writing a group session (``GroupEditorDialog``): the setting, the shared agenda, one tab per member with
their own items, actions and learning, and the sign-off. Every change is saved a moment after it is made."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from supervision_app.domain.model import Person, SessionMode, SessionStatus
from supervision_app.domain.record import Confirmation, SignatureConfirmation, TimeProtection
from supervision_app.formatting import format_datetime
from supervision_app.gui.accessibility import clear_error, show_error
from supervision_app.gui.group.parts import ActionsPart, AgendaPart
from supervision_app.gui.plain import label as plain_label
from supervision_app.gui.plain import plain_labels
from supervision_app.services.groups import GroupService

if TYPE_CHECKING:  # signing (pyHanko) is loaded when notes are first signed, not with the window
    from supervision_app.services.notes import NoteService

SAVE_AFTER_MS = 400
PROTECTION_LABELS = {TimeProtection.NOT_RECORDED: "Not recorded", TimeProtection.PROTECTED: "Yes, protected",
                     TimeProtection.INTERRUPTED: "No, interrupted"}


def _labelled(form: QFormLayout, label: str, widget: QWidget) -> None:
    title = plain_label(label)
    title.setBuddy(widget)
    widget.setAccessibleName(label.replace("&", "").rstrip(":"))
    form.addRow(title, widget)


class GroupEditorDialog(QDialog):
    def __init__(self, service: GroupService, group_id: int, notes: NoteService | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service, self.notes = service, notes
        self.group, self.record = service.open(group_id)
        people = {p.id: p for p in service.store.list_people()}
        self.members: list[Person] = [people[i] for i in self.group.member_ids if i in people]
        self.setWindowTitle(f"Group session G{self.group.id}, {format_datetime(self.group.scheduled_start)}")
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_AFTER_MS)
        self._save_timer.timeout.connect(self.flush)
        layout = QVBoxLayout(self)
        self.heading = plain_label(self._heading())
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.tabs = QTabWidget()
        self.tabs.addTab(_scrolled(self._setting_tab()), "S&etting")
        self.shared = AgendaPart("Shared &agenda and discussion (on every member's record):", self.record.agenda,
                                 allow_private=False)
        self.shared.changed.connect(self.changed)
        shared_tab = QWidget()
        shared_layout = QVBoxLayout(shared_tab)
        shared_layout.addWidget(self.shared)
        self.learning_edit = QPlainTextEdit(self.record.learning)
        learning_form = QFormLayout()
        _labelled(learning_form, "Shared lea&rning:", self.learning_edit)
        self.learning_edit.textChanged.connect(self._learning_changed)
        shared_layout.addLayout(learning_form)
        self.tabs.addTab(_scrolled(shared_tab), "S&hared")
        self.member_tabs = [self._member_tab(person) for person in self.members]
        for person, tab in zip(self.members, self.member_tabs, strict=True):
            self.tabs.addTab(_scrolled(tab), person.name.replace("&", "&&"))
        self.tabs.addTab(_scrolled(self._sign_off_tab()), "Sign-o&ff")
        layout.addWidget(self.tabs)
        close = QPushButton("&Close")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.resize(820, 640)
        plain_labels(self)  # names come from the vault: never read as markup
        self._show_state()

    def _heading(self) -> str:
        names = ", ".join(p.name for p in self.members)
        return f"{self.group.kind.label} with {names}. {self.group.status.label}."

    # --- tabs ---------------------------------------------------------------------------

    def _setting_tab(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        setting = self.record.setting
        self.private_check = QCheckBox("A quiet, private space was confirmed")
        self.private_check.setChecked(setting.private_space_confirmed)
        self.private_check.toggled.connect(lambda on: self._set(setting, "private_space_confirmed", on))
        form.addRow(self.private_check)
        if self.group.mode is not SessionMode.IN_PERSON:
            connection = QCheckBox("Everyone's connection was checked")
            connection.setChecked(setting.connection_checked)
            connection.toggled.connect(lambda on: self._set(setting, "connection_checked", on))
            form.addRow(connection)
        self.protection_combo = QComboBox()
        for protection, label in PROTECTION_LABELS.items():
            self.protection_combo.addItem(label, protection)
        self.protection_combo.setCurrentIndex(self.protection_combo.findData(setting.time_protection))
        self.protection_combo.currentIndexChanged.connect(
            lambda _i: self._set(setting, "time_protection", TimeProtection(self.protection_combo.currentData())))
        _labelled(form, "Protected &time kept:", self.protection_combo)
        self.interruption_edit = QLineEdit(setting.interruption_note)
        self.interruption_edit.textChanged.connect(lambda text: self._set(setting, "interruption_note", text))
        _labelled(form, "&Interruptions:", self.interruption_edit)
        return tab

    def _member_tab(self, person: Person) -> QWidget:
        part = self.record.part_of(person.id)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        note = plain_label(f"Only {person.name}'s own record has what is written here; no other member's note "
                           "shows it. Items marked private are in no note at all.")
        note.setWordWrap(True)
        layout.addWidget(note)
        items = AgendaPart(f"{person.name.replace('&', '&&')}'s own a&genda items and contributions:", part.agenda,
                           allow_private=True)
        actions = ActionsPart(f"{person.name.replace('&', '&&')}'s acti&ons:", part.actions, person.name,
                              self.service.now().date())
        for editor in (items, actions):
            editor.changed.connect(self.changed)
            layout.addWidget(editor)
        form = QFormLayout()
        learning = QPlainTextEdit(part.learning)
        learning.textChanged.connect(lambda: self._set(part, "learning", learning.toPlainText()))
        _labelled(form, "Their lea&rning:", learning)
        comment = QPlainTextEdit(part.comment)
        comment.textChanged.connect(lambda: self._set(part, "comment", comment.toPlainText()))
        _labelled(form, "Their co&mment at sign-off:", comment)
        layout.addLayout(form)
        return tab

    def _sign_off_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        intro = plain_label("Each of you reads your own note (the shared parts, everyone's names and your own part) "
                            "and confirms. When the supervisor and every member have confirmed, the record is locked "
                            "and each member's record of it is added to their sessions.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        self.confirm_rows: list[tuple[int | None, QComboBox, QPushButton, QLabel]] = []
        supervisor = self.service.store.own_profile()
        people: list[tuple[int | None, str]] = [(None, f"{supervisor.name if supervisor else 'Supervisor'} "
                                                      "(supervisor)")]
        people += [(p.id, p.name) for p in self.members]
        for row, (person_id, name) in enumerate(people):
            combo = QComboBox()
            for confirmation in Confirmation:
                combo.addItem(confirmation.label, confirmation)
            combo.setAccessibleName(f"{name}: confirmation")
            button = QPushButton(f"Confirm for {name.replace('&', '&&')}")
            state = plain_label()
            button.clicked.connect(
                lambda _c=False, p=person_id, c=combo: self.confirm(p, Confirmation(c.currentData())))
            grid.addWidget(plain_label(name.replace("&", "&&")), row, 0)
            grid.addWidget(combo, row, 1)
            grid.addWidget(button, row, 2)
            grid.addWidget(state, row, 3)
            self.confirm_rows.append((person_id, combo, button, state))
        layout.addLayout(grid)
        self.error_label = plain_label()
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        self.sign_notes_button = QPushButton("&Sign every member's note")
        self.sign_notes_button.clicked.connect(self.sign_notes)
        layout.addWidget(self.sign_notes_button)
        self.done_label = plain_label()
        self.done_label.setWordWrap(True)
        layout.addWidget(self.done_label)
        layout.addStretch()
        return tab

    # --- saving -----------------------------------------------------------------------------

    def _set(self, target: object, name: str, value: object) -> None:
        setattr(target, name, value)
        self.changed()

    def _learning_changed(self) -> None:
        self.record.learning = self.learning_edit.toPlainText()
        self.changed()

    def changed(self) -> None:
        if self.group.status is not SessionStatus.SIGNED_OFF:
            self._save_timer.start()

    def flush(self) -> None:
        """Save now what is waiting to be saved."""
        if self._save_timer.isActive() or self.group.status is SessionStatus.SCHEDULED:
            self._save_timer.stop()
            if self.group.status is not SessionStatus.SIGNED_OFF:
                self.service.save_draft(self.group.id, self.record)
                self.group = self.service.get(self.group.id)

    def done(self, result: int) -> None:
        self.flush()
        super().done(result)

    # --- sign-off -----------------------------------------------------------------------------

    def confirm(self, person_id: int | None, confirmation: Confirmation) -> None:
        self._save_timer.stop()
        try:
            self.group = self.service.confirm(self.group.id, self.record, person_id, confirmation)
        except ValueError as error:
            show_error(self.error_label, str(error))
            return
        clear_error(self.error_label)
        self._show_state()

    def _show_state(self) -> None:
        signed_off = self.group.status is SessionStatus.SIGNED_OFF
        for index in range(self.tabs.count() - 1):
            widget = self.tabs.widget(index)
            if widget is not None:
                widget.setEnabled(not signed_off)
        confirmations: dict[int | None, SignatureConfirmation | None] = {
            None: self.record.supervisor_confirmation,
                         **{part.person_id: part.confirmation for part in self.record.members}}
        for person_id, combo, button, state in self.confirm_rows:
            confirmed = confirmations.get(person_id)
            state.setText(confirmed.confirmation.label if confirmed else "Not confirmed yet")
            for widget in (combo, button):
                widget.setEnabled(confirmed is None and not signed_off)
        self.sign_notes_button.setVisible(signed_off and self.notes is not None)
        self.heading.setText(self._heading())
        if signed_off:
            self.done_label.setText("Signed off. Each member's record of this session is in their sessions, "
                                    "where Session → Signed note… saves or prints their note.")

    def sign_notes(self) -> None:
        from supervision_app.services.group_note import sign_member_notes
        from supervision_app.services.signing import SigningError

        if self.notes is None:
            return
        try:
            signed = sign_member_notes(self.notes, self.service, self.group.id)
        except SigningError as error:
            show_error(self.error_label, str(error))
            return
        clear_error(self.error_label)
        self.done_label.setText(
            (f"Signed {len(signed)} note{'s' if len(signed) != 1 else ''}, one for each member not signed before. "
             if signed else "Every member's note was signed already. ")
            + "Session → Signed note… on a member's session saves or prints theirs.")


def _scrolled(page: QWidget) -> QScrollArea:
    """A tab's page that scrolls up and down when the screen is short (1366×768, or 200% scaling)."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(page)
    return scroll
