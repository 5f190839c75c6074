"""Pairing with a supervisee or with one's own supervisor.

Each side gives the other its card (a pairing file, or a code read out) and
reads theirs; both compare the fingerprints; then the other person's key is
pinned. Nothing is saved until Pair succeeds.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPushButton, QWidget

from supervision_app.domain.exchange import Pairing
from supervision_app.domain.model import Person, PersonRole
from supervision_app.errors import VaultError
from supervision_app.exchange.envelope import ExchangeError
from supervision_app.exchange.pairing import PairingCard, card_from_code, card_from_file, card_to_code, card_to_file
from supervision_app.exchange.service import ExchangeService
from supervision_app.gui.accessibility import announce, clear_error, show_error
from supervision_app.gui.exchange.files import (
    ExchangeFiles,
    FileRefused,
    read_exchange_file,
    suggested_name,
    write_exchange_file,
)
from supervision_app.gui.forms import FormDialog
from supervision_app.gui.notes.files import confirm_action

# (parent, question, details, yes label) -> whether the user said yes.
Confirm = Callable[[QWidget, str, str, str], bool]

OTHER_ROLE = {PersonRole.SUPERVISOR: PersonRole.SUPERVISEE, PersonRole.SUPERVISEE: PersonRole.SUPERVISOR,
              PersonRole.COLLEAGUE: PersonRole.COLLEAGUE}


def wrong_role_text(card: PairingCard, their_role: PersonRole, their_name: str) -> str:
    """One sentence for a card from the wrong side of the relationship."""
    if PersonRole.COLLEAGUE in (card.role, their_role):
        return (f"This card was not made for pairing two supervisors; ask {their_name} for the card they made "
                "as another supervisor (to hand records over).")
    if card.role is PersonRole.SUPERVISOR:
        return (f"This card is from a supervisor, but {their_name} is your supervisee; "
                "ask them for the card they made as a supervisee.")
    return (f"This card is from a supervisee, but you are pairing with {their_name} as your supervisor; "
            "ask them for the card they made as a supervisor.")


def two_lines(text: str, separator: str) -> str:
    """A fingerprint or code split into two lines at the middle group, so it is easy to read out."""
    groups = text.split(separator)
    half = (len(groups) + 1) // 2
    return separator.join(groups[:half]) + ("-" if separator == "-" else "") + "\n" + separator.join(groups[half:])


class PairingDialog(FormDialog):
    """Pairs the user with ``person`` (their supervisee, or their supervisor), or with a new supervisor.

    ``their_role`` is the other person's role. Accepted once paired;
    :attr:`paired` is then ``(person, pairing)``, also sent by ``paired_with``.
    """

    paired_with = Signal(object)

    def __init__(self, exchange: ExchangeService, files: ExchangeFiles, *, their_role: PersonRole,
                 person: Person | None = None, today: date | None = None, confirm: Confirm = confirm_action,
                 parent: QWidget | None = None) -> None:
        super().__init__("pairing", parent)
        if person is None and their_role is PersonRole.SUPERVISEE:
            raise ValueError("a supervisee is paired from the people list")
        self._exchange = exchange
        self._files = files
        self._confirm = confirm
        self.their_role = their_role
        self.person = person
        self.card: PairingCard | None = None
        self.paired: tuple[Person, Pairing] | None = None
        # Raises ExchangeError (no profile yet) before anything is shown.
        self.my_card = exchange.my_card(OTHER_ROLE[their_role])
        self._today = today or date.today()

        self.title_label = self.find(QLabel, "titleLabel")
        self.my_fingerprint_value = self.find(QLabel, "myFingerprintValue")
        self.my_code_value = self.find(QLabel, "myCodeValue")
        self.copy_code_button = self.find(QPushButton, "copyCodeButton")
        self.save_card_button = self.find(QPushButton, "saveCardButton")
        self.saved_label = self.find(QLabel, "savedLabel")
        self.open_card_button = self.find(QPushButton, "openCardButton")
        self.code_edit = self.find(QLineEdit, "codeEdit")
        self.use_code_button = self.find(QPushButton, "useCodeButton")
        self.card_error_label = self.find(QLabel, "cardErrorLabel")
        self.name_host = self.find(QWidget, "nameHost")
        self.name_edit = self.find(QLineEdit, "nameEdit")
        self.their_fingerprint_host = self.find(QWidget, "theirFingerprintHost")
        self.their_fingerprint_value = self.find(QLabel, "theirFingerprintValue")
        self.their_card_label = self.find(QLabel, "theirCardLabel")
        self.match_check = self.find(QCheckBox, "matchCheck")
        self.error_label = self.find(QLabel, "errorLabel")
        self.pair_button = self.find(QPushButton, "pairButton")
        self.cancel_button = self.find(QPushButton, "cancelButton")

        who = self._their_name()
        title = f"Pair with {who}"
        self.title_label.setText(title)
        self.title_label.setAccessibleName(title)
        self.setWindowTitle(f"{title} – Supervision")
        self.setAccessibleName(title)
        fingerprint = self.my_card.fingerprint
        self.my_fingerprint_value.setText(two_lines(fingerprint, " "))
        self.my_fingerprint_value.setAccessibleName(f"Your fingerprint: {fingerprint}")
        code = self.my_code = card_to_code(self.my_card)
        self.my_code_value.setText(two_lines(code, "-"))
        self.my_code_value.setAccessibleName(f"Your pairing code: {code}")

        self.copy_code_button.clicked.connect(self.copy_code)
        self.save_card_button.clicked.connect(self.save_card)
        self.open_card_button.clicked.connect(self.open_card)
        self.use_code_button.clicked.connect(self.use_code)
        self.code_edit.returnPressed.connect(self.use_code)
        self.code_edit.textEdited.connect(self._code_edited)
        self.name_edit.textChanged.connect(self._update_pair_button)
        self.match_check.toggled.connect(self._update_pair_button)
        self.pair_button.clicked.connect(self.pair)
        self.cancel_button.clicked.connect(self.reject)
        self.open_card_button.setFocus()

    def _their_name(self) -> str:
        if self.person is not None:
            return self.person.name
        return "another supervisor" if self.their_role is PersonRole.COLLEAGUE else "your supervisor"

    # --- yours ---------------------------------------------------------------------

    def copy_code(self) -> None:
        QGuiApplication.clipboard().setText(self.my_code)
        self._note_done(self.saved_label, "Your code is copied.")

    def save_card(self) -> None:
        path = self._files.choose_save(self, "pairing", "Save my pairing file – Supervision",
                                       suggested_name("pairing", self._today, self.my_card.name))
        if path is None:
            return
        try:
            write_exchange_file(path, card_to_file(self.my_card))
        except FileRefused as error:
            show_error(self.card_error_label, str(error), self.save_card_button)
            return
        self._note_done(self.saved_label, f"Saved as {path.name}. Send it to {self._their_name()}.")

    def _note_done(self, label: QLabel, text: str) -> None:
        label.setText(text)
        label.setAccessibleDescription(text)
        label.setVisible(True)
        self._make_room()
        announce(label)

    def _make_room(self) -> None:
        """Grow to fit what was just shown, rather than squash it."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        wanted = self.sizeHint()
        if wanted.height() > self.height():
            self.resize(self.width(), wanted.height())

    # --- theirs --------------------------------------------------------------------

    def open_card(self) -> None:
        path = self._files.choose_open(self, f"Open {self._their_name()}'s pairing file – Supervision")
        if path is not None:
            self.read_card_file(path)

    def read_card_file(self, path: Path) -> None:
        """Read their pairing file at ``path`` (chosen here, or opened with the app)."""
        try:
            card = card_from_file(read_exchange_file(path))
        except (FileRefused, ExchangeError) as error:
            self._refuse_card(str(error), self.open_card_button)
            return
        self._read(card, f"From the pairing file {path.name}")

    def use_code(self) -> None:
        text = self.code_edit.text()
        if not text.strip():
            self._refuse_card("Type the code they read out, or open their pairing file.", self.code_edit)
            return
        try:
            card = card_from_code(text)
        except ExchangeError as error:
            self._refuse_card(str(error), self.code_edit)
            return
        self._read(card, "From the code they read out")

    def _code_edited(self) -> None:
        # A changed code is not the one that was read: read it again before pairing.
        if self.card is not None and self.card.name == "":
            self._forget_card()

    def _refuse_card(self, message: str, field: QWidget) -> None:
        self._forget_card()
        show_error(self.card_error_label, message, field)

    def _forget_card(self) -> None:
        self.card = None
        self.their_fingerprint_host.setVisible(False)
        self.match_check.setChecked(False)
        self.match_check.setEnabled(False)
        self._update_pair_button()

    def _read(self, card: PairingCard, source: str) -> None:
        clear_error(self.card_error_label)
        clear_error(self.error_label)
        if card.role is not self.their_role:
            self._refuse_card(wrong_role_text(card, self.their_role, self._their_name()), self.open_card_button)
            return
        if card.fingerprint == self.my_card.fingerprint:
            self._refuse_card("This is your own pairing card; use the other person's.", self.open_card_button)
            return
        self.card = card
        fingerprint = card.fingerprint
        self.their_fingerprint_value.setText(two_lines(fingerprint, " "))
        self.their_fingerprint_value.setAccessibleName(f"Their fingerprint: {fingerprint}")
        named = f", made by {card.name}" if card.name else ""
        self.their_card_label.setText(f"{source}{named}.")
        self.their_fingerprint_host.setVisible(True)
        if self.person is None:
            self.name_host.setVisible(True)
            if card.name and not self.name_edit.text().strip():
                self.name_edit.setText(card.name)
        self.match_check.setChecked(False)
        self.match_check.setEnabled(True)
        self._update_pair_button()
        self._make_room()
        announce(self.their_fingerprint_value)
        (self.name_edit if self.person is None and not self.name_edit.text().strip()
         else self.match_check).setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_pair_button(self, *_args: object) -> None:
        ready = self.card is not None and self.match_check.isChecked()
        if self.person is None:
            ready = ready and bool(self.name_edit.text().strip())
        self.pair_button.setEnabled(ready)

    # --- pairing -------------------------------------------------------------------

    def pair(self) -> None:
        card = self.card
        if card is None or not self.match_check.isChecked():
            return
        clear_error(self.error_label)
        replace_key = False
        try:
            # Without a chosen person, the card's name may match someone already paired with another key.
            person = self.person or self._exchange.person_for_card(card, name=self.name_edit.text())
            current = self._exchange.pairing_of(person.id) if person is not None else None
        except (ExchangeError, VaultError) as error:
            show_error(self.error_label, str(error), self.pair_button)
            return
        if person is not None and current is not None and current.fingerprint != card.fingerprint:
            if not self._confirm(self, f"Replace {person.name}'s key?",
                                 f"{person.name} is already paired with a different key. Replace it "
                                 "only if they have a new computer or have set up the app again, and you "
                                 "have compared the new fingerprint with them.", "Replace the key"):
                return
            replace_key = True
        try:
            self.paired = self._exchange.pair(card, person_id=self.person.id if self.person else None,
                                              name=self.name_edit.text(), replace_key=replace_key)
        except (ExchangeError, VaultError) as error:
            show_error(self.error_label, str(error), self.pair_button)
            return
        self.paired_with.emit(self.paired)
        self.accept()
