"""The new-passphrase fields and live strength meter, shared by setup and by changing it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QProgressBar, QWidget

from supervision_app.gui.forms import child, load_into
from supervision_app.vault.passphrase_policy import PassphraseAssessment, assess_passphrase

# Meter colours from the palette (gui/theme.py): error, warning, then the accent; each
# passes 3:1 contrast against the groove, so the bar reads without relying on the label alone.
_SCORE_COLOURS = ("bright-text", "bright-text", "link-visited", "link", "link")
_BAR_STYLE = (
    "QProgressBar {{ border: 1px solid palette(dark); border-radius: 3px; background: palette(base); }}"
    "QProgressBar::chunk {{ background-color: palette({colour}); border-radius: 2px; }}"
)


class NewPassphraseFields(QObject):
    """Loads ``ui/passphrase_fields.ui`` into ``host`` and judges what is typed.

    ``acceptable_changed`` fires whenever the pair becomes (or stops being)
    strong enough and matching.
    """

    acceptable_changed = Signal(bool)

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.form = load_into("passphrase_fields", host)
        self.new_edit = child(self.form, QLineEdit, "newPassphraseEdit")
        self.confirm_edit = child(self.form, QLineEdit, "confirmPassphraseEdit")
        self.show_check = child(self.form, QCheckBox, "showPassphraseCheck")
        self.strength_bar = child(self.form, QProgressBar, "strengthBar")
        self.strength_label = child(self.form, QLabel, "strengthLabel")
        self.advice_label = child(self.form, QLabel, "adviceLabel")
        self.match_label = child(self.form, QLabel, "matchLabel")
        self._acceptable = False
        # "Different" is said once the person has left the second field (or pressed Return), not at
        # each key press while they are still typing it; after that it follows what they type.
        self._confirm_left = False
        self.new_edit.textChanged.connect(self._update)
        self.confirm_edit.textChanged.connect(self._update)
        self.confirm_edit.editingFinished.connect(self._confirm_finished)
        self.show_check.toggled.connect(self._show_passphrase)
        self._update()

    @property
    def first_field(self) -> QLineEdit:
        return self.new_edit

    @property
    def focus_chain(self) -> list[QWidget]:
        """The fields in tab order, for the form that embeds them."""
        return [self.new_edit, self.confirm_edit, self.show_check]

    def passphrase(self) -> str:
        return self.new_edit.text()

    def is_acceptable(self) -> bool:
        return self._acceptable

    def clear(self) -> None:
        self.new_edit.clear()
        self.confirm_edit.clear()
        self.show_check.setChecked(False)

    def _show_passphrase(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.new_edit.setEchoMode(mode)
        self.confirm_edit.setEchoMode(mode)

    def _confirm_finished(self) -> None:
        self._confirm_left = bool(self.confirm_edit.text())
        self._update()

    def _update(self) -> None:
        assessment = assess_passphrase(self.new_edit.text())
        self._show_assessment(assessment)
        new, confirm = self.new_edit.text(), self.confirm_edit.text()
        if not confirm:
            self._confirm_left = False
            self.match_label.setText("")
        elif new != confirm:
            self.match_label.setText("The two passphrases are different." if self._confirm_left else "")
        else:
            self.match_label.setText("The two passphrases match.")
        acceptable = assessment.acceptable and new == confirm
        if acceptable != self._acceptable:
            self._acceptable = acceptable
            self.acceptable_changed.emit(acceptable)

    def _show_assessment(self, assessment: PassphraseAssessment) -> None:
        self.strength_bar.setValue(assessment.score)
        self.strength_bar.setStyleSheet(_BAR_STYLE.format(colour=_SCORE_COLOURS[assessment.score]))
        self.strength_bar.setAccessibleDescription(f"{assessment.label}. {assessment.advice}")
        self.strength_label.setText(assessment.label)
        self.advice_label.setText(assessment.advice)
