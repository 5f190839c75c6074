"""The supervision agreement with one supervisee, in the toolkit's three parts: Who, Where and When.

Given the exchange, the dialog also saves the agreement as a PDF signed by whoever has signed it so far,
sends it to the supervisee to sign (exchange/agreement.py), and opens the review of it with them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QWidget,
)

from supervision_app.content import FramePart, Source, ToolkitContent
from supervision_app.domain.agreement import MONTHLY_WEEKS, NEWLY_QUALIFIED_WEEKS, Agreement
from supervision_app.domain.model import Person, SessionMode
from supervision_app.errors import VaultError
from supervision_app.exchange.envelope import ExchangeError
from supervision_app.gui.accessibility import announce
from supervision_app.gui.busy import wait_cursor
from supervision_app.gui.forms import FormDialog
from supervision_app.gui.notes.files import PDF_FILTER, FileRefused, ascii_slug, write_pdf
from supervision_app.gui.people.fields import BlankableDate, FieldErrors, fit_bold_text
from supervision_app.gui.people.person import cadence
from supervision_app.gui.plain import label as plain_label
from supervision_app.gui.screens import available_area
from supervision_app.services import people
from supervision_app.services.identities import SigningError
from supervision_app.storage import agreements
from supervision_app.storage.records import SqlRecordStore

if TYPE_CHECKING:
    from supervision_app.exchange.service import ExchangeService
    from supervision_app.gui.exchange.files import ExchangeFiles
    from supervision_app.gui.people.review import ReviewDialog

NO_REVIEW_DATE_TEXT = "Not set"
NO_PROFILE_TEXT = "Not given yet: add your own details under About you"
NAMED_CADENCES = ("weekly", "fortnightly", "monthly")
PREFERRED_WIDTH = 820
LABEL_COLUMN = ("supervisorLabel", "lineManagerLabel", "modeLabel", "placeLabel", "technologyLabel",
                "frequencyLabel", "lengthLabel", "termsLabel", "reviewLabel")
_MODE_RADIOS = {
    SessionMode.IN_PERSON: "inPersonRadio",
    SessionMode.VIDEO: "videoRadio",
    SessionMode.TELEPHONE: "telephoneRadio",
}


def part_citation(source: Source, part: FramePart) -> str:
    """``BASW and SWU (2020), Fig. 6``: short, as the full citation is shown once at the foot."""
    if source.publisher and source.year and part.cite:
        return f"{source.publisher} ({source.year}), {part.cite}"
    return source.citation


def frequency_hint(person: Person) -> str:
    monthly, fortnightly = cadence(MONTHLY_WEEKS), cadence(NEWLY_QUALIFIED_WEEKS)
    if person.newly_qualified:
        return (f"{fortnightly.capitalize()} to start with, because {person.name} is newly qualified (ASYE). "
                f"For others it starts {monthly}.")
    return f"{monthly.capitalize()} to start with; {fortnightly} for a newly qualified social worker (ASYE)."


class AgreementDialog(FormDialog):
    """Makes or changes the agreement with ``person``, starting from the stored one or the default.

    Accepted once saved; :attr:`saved` is then the agreement as stored.
    ``content`` supplies the toolkit's headings, Remember notes and citation;
    ``today`` is what a default agreement's review date is counted from.
    """

    def __init__(self, store: SqlRecordStore, content: ToolkitContent, person: Person, *, today: date,
                 parent: QWidget | None = None, exchange: ExchangeService | None = None,
                 files: ExchangeFiles | None = None, clock: Callable[[], datetime] = datetime.now) -> None:
        super().__init__("agreement", parent)
        self._exchange = exchange
        self._files = files
        self._clock = clock
        self.review_dialog: ReviewDialog | None = None
        self._store = store
        self._person = person
        self._agreement = people.agreement_for(store, person, today)
        self.saved: Agreement | None = None
        find = self.find

        heading = f"Supervision agreement with {person.name}"
        find(QLabel, "titleLabel").setText(heading)
        find(QLabel, "titleLabel").setAccessibleName(heading)
        self.setWindowTitle(f"Agreement with {person.name} – Supervision")
        self.setAccessibleName(self.windowTitle())
        self._show_toolkit(content)

        self.scroll_area = find(QScrollArea, "scrollArea")
        self.scroll_contents = find(QWidget, "scrollContents")
        self.supervisor_edit = find(QLineEdit, "supervisorEdit")
        self.line_manager_check = find(QCheckBox, "lineManagerCheck")
        self.line_manager_edit = find(QLineEdit, "lineManagerEdit")
        self.mode_buttons = QButtonGroup(self)
        for index, name in enumerate(_MODE_RADIOS.values()):
            self.mode_buttons.addButton(find(QRadioButton, name), index)
        self.place_edit = find(QLineEdit, "placeEdit")
        self.technology_edit = find(QPlainTextEdit, "technologyEdit")
        self.frequency_spin = find(QSpinBox, "frequencySpin")
        self.cadence_label = find(QLabel, "cadenceLabel")
        self.length_spin = find(QSpinBox, "lengthSpin")
        self.protected_check = find(QCheckBox, "protectedCheck")
        self.terms_edit = find(QPlainTextEdit, "termsEdit")
        self.review_date = BlankableDate(find(QDateEdit, "reviewDateEdit"), blank_text=NO_REVIEW_DATE_TEXT,
                                         today=today)
        self.review_date_edit = self.review_date.edit
        self.save_button = find(QPushButton, "saveButton")
        self.cancel_button = find(QPushButton, "cancelButton")

        self.frequency_spin.setRange(people.MIN_FREQUENCY_WEEKS, people.MAX_FREQUENCY_WEEKS)
        self.length_spin.setRange(people.MIN_LENGTH_MINUTES, people.MAX_LENGTH_MINUTES)
        find(QLabel, "frequencyHintLabel").setText(frequency_hint(person))
        profile = store.own_profile()
        if profile is None:
            self.supervisor_edit.setPlaceholderText(NO_PROFILE_TEXT)
        else:
            self.supervisor_edit.setText(profile.name)

        self.errors = FieldErrors(find(QLabel, "errorLabel"))
        self.errors.add("line_manager_name", find(QLabel, "lineManagerErrorLabel"), self.line_manager_edit)
        self.errors.add("review_date", find(QLabel, "reviewErrorLabel"), self.review_date_edit)
        self.errors.add("frequency_weeks", self.errors.general, self.frequency_spin)
        self.errors.add("length_minutes", self.errors.general, self.length_spin)

        self.line_manager_check.toggled.connect(self._update_line_manager)
        self.mode_buttons.idToggled.connect(self._update_technology)
        self.frequency_spin.valueChanged.connect(self._update_cadence)
        for signal in (self.line_manager_check.toggled, self.line_manager_edit.textChanged,
                       self.review_date_edit.dateChanged, self.frequency_spin.valueChanged,
                       self.length_spin.valueChanged):
            signal.connect(self._recheck)
        self.save_button.clicked.connect(self._save)
        self.cancel_button.clicked.connect(self.reject)

        # The scrolled part shows the dialog's own background, like the buttons below it.
        self.scroll_area.viewport().setAutoFillBackground(False)
        self.scroll_contents.setAutoFillBackground(False)
        self._align_label_column()
        fit_bold_text(self.save_button)
        self._fill(self._agreement)
        self._add_sharing_buttons()
        self.resize(self._preferred_size())
        self.line_manager_check.setFocus()

    # --- showing -------------------------------------------------------------------

    def _show_toolkit(self, content: ToolkitContent) -> None:
        frame = content.frame
        for part_id in ("who", "where", "when"):
            part = frame.part(part_id)
            group = self.find(QGroupBox, f"{part_id}Group")
            group.setTitle(f"{part.heading} {part.title}")
            group.setAccessibleName(f"{part.heading} {part.title}")
            group.setAccessibleDescription(part.remember)
            remember = self.find(QLabel, f"{part_id}RememberLabel")
            remember.setText(part.remember)
            self.find(QLabel, f"{part_id}CitationLabel").setText(part_citation(frame.source, part))
        self.find(QLabel, "sourceLabel").setText(f"Source: {frame.source.citation}")

    def _fill(self, agreement: Agreement) -> None:
        self.line_manager_check.setChecked(agreement.supervisor_is_line_manager)
        self.line_manager_edit.setText(agreement.line_manager_name)
        self.mode_radio(agreement.mode).setChecked(True)
        self.place_edit.setText(agreement.place)
        self.technology_edit.setPlainText(agreement.technology_notes)
        self.frequency_spin.setValue(agreement.frequency_weeks)
        self.length_spin.setValue(agreement.length_minutes)
        self.protected_check.setChecked(agreement.protected_time_committed)
        self.terms_edit.setPlainText(agreement.confidentiality_terms)
        self.review_date.set_value(agreement.review_date)
        self._update_line_manager()
        self._update_technology()
        self._update_cadence()

    def mode_radio(self, mode: SessionMode) -> QRadioButton:
        return self.find(QRadioButton, _MODE_RADIOS[mode])

    def mode(self) -> SessionMode:
        return list(_MODE_RADIOS)[max(self.mode_buttons.checkedId(), 0)]

    def _update_line_manager(self) -> None:
        someone_else = not self.line_manager_check.isChecked()
        self.line_manager_edit.setEnabled(someone_else)
        self.find(QLabel, "lineManagerLabel").setEnabled(someone_else)

    def _update_technology(self) -> None:
        remote = self.mode() is not SessionMode.IN_PERSON
        for widget in (self.technology_edit, self.find(QLabel, "technologyLabel"),
                       self.find(QLabel, "technologyHintLabel")):
            widget.setEnabled(remote)

    def _update_cadence(self) -> None:
        weeks = self.frequency_spin.value()
        self.frequency_spin.setSuffix(" week" if weeks == 1 else " weeks")
        words = cadence(weeks)
        self.cadence_label.setText(f"({words})" if words in NAMED_CADENCES else "")
        self.frequency_spin.setAccessibleDescription(words.capitalize())

    def _align_label_column(self) -> None:
        """One width for the labels of every group, so the fields line up down the dialog."""
        labels = [self.find(QLabel, name) for name in LABEL_COLUMN]
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)

    def _preferred_size(self) -> QSize:
        """Tall enough to show everything without scrolling, where the screen allows."""
        contents = self.scroll_contents
        width = max(self.minimumSizeHint().width(), contents.minimumSizeHint().width(), PREFERRED_WIDTH)
        layout = contents.layout()
        if layout is not None and layout.hasHeightForWidth():
            height = layout.totalHeightForWidth(width)
        else:
            height = contents.sizeHint().height()
        height += self.sizeHint().height() - self.scroll_area.sizeHint().height() + 4
        screen = available_area(self)
        if screen is None:
            return QSize(width, height)
        return QSize(min(width, screen.width() * 9 // 10), min(height, screen.height() * 9 // 10))

    # --- saving -------------------------------------------------------------------------

    def entered(self) -> Agreement:
        """The agreement as the form holds it now (not yet checked or trimmed)."""
        return replace(
            self._agreement,
            supervisor_is_line_manager=self.line_manager_check.isChecked(),
            line_manager_name=self.line_manager_edit.text(),
            mode=self.mode(),
            place=self.place_edit.text(),
            technology_notes=self.technology_edit.toPlainText(),
            frequency_weeks=self.frequency_spin.value(),
            length_minutes=self.length_spin.value(),
            protected_time_committed=self.protected_check.isChecked(),
            confidentiality_terms=self.terms_edit.toPlainText(),
            review_date=self.review_date.value(),
        )

    def _recheck(self) -> None:
        self.errors.recheck(people.check_agreement(self.entered()))

    def _save(self) -> None:
        entered = self.entered()
        self.saved = self.errors.attempt(people.check_agreement(entered),
                                         lambda: people.save_agreement(self._store, entered))
        if self.saved is None:
            self._reveal_focus()  # bring the first problem into view in the scrolling form
            return
        self.accept()

    def _reveal_focus(self) -> None:
        focused = self.focusWidget()
        if focused is not None and self.scroll_area.isAncestorOf(focused):
            self.scroll_area.ensureWidgetVisible(focused, 50, 80)

    # --- signing, sending and reviewing (with the exchange) ----------------------------------

    def _add_sharing_buttons(self) -> None:
        name = self._person.name.replace("&", "&&")
        self.signed_pdf_button = QPushButton("Save as signed P&DF…", self)
        self.signed_pdf_button.setAccessibleName("Save as signed PDF")
        self.send_button = QPushButton(f"S&end to {name} to sign…", self)
        self.send_button.setAccessibleName(f"Send to {self._person.name} to sign")
        self.review_button = QPushButton(f"Revie&w with {name}…", self)
        self.review_button.setAccessibleName(f"Review with {self._person.name}")
        self.review_button.setAccessibleDescription("Is our supervision working? The review against the toolkit")
        self.sharing_label = plain_label("", self)
        self.sharing_label.setWordWrap(True)
        # A row of their own above Save and Cancel: beside them, at 1366×768, they were cut short.
        sharing_row = QHBoxLayout()
        for button in (self.signed_pdf_button, self.send_button, self.review_button):
            button.setAutoDefault(False)
            sharing_row.addWidget(button)
        sharing_row.addStretch(1)
        row_layout = self.find(QBoxLayout, "agreementButtonsLayout")
        holder = row_layout.parent()
        if isinstance(holder, QBoxLayout):  # the state of the signatures, then these buttons, above the others
            at = holder.indexOf(row_layout)
            holder.insertWidget(at, self.sharing_label)
            holder.insertLayout(at + 1, sharing_row)
        shared = self._exchange is not None and self._files is not None
        for widget in (self.signed_pdf_button, self.send_button, self.review_button, self.sharing_label):
            widget.setVisible(shared)
        QWidget.setTabOrder(self.review_date_edit, self.signed_pdf_button)
        QWidget.setTabOrder(self.signed_pdf_button, self.send_button)
        QWidget.setTabOrder(self.send_button, self.review_button)
        QWidget.setTabOrder(self.review_button, self.cancel_button)
        self.signed_pdf_button.clicked.connect(self.save_signed_pdf)
        self.send_button.clicked.connect(self.send_to_sign)
        self.review_button.clicked.connect(self.open_review)
        if shared:
            self._show_signed_state()

    def _show_signed_state(self, done: str = "") -> None:
        name = self._person.name
        latest = agreements.latest(self._store, self._person.id)
        stored = self._store.get_agreement(self._person.id)
        if latest is None:
            state = "Not signed yet: saving it as a signed PDF or sending it signs version 1."
        elif stored is not None and latest.agreement != stored:
            state = (f"Changed since version {latest.version} was signed: saving it as a signed PDF or sending it "
                     f"signs version {latest.version + 1}, which {name} signs again.")
        elif latest.signatures >= 2:
            state = f"Version {latest.version} is signed by you and {name}."
        else:
            state = f"Version {latest.version} is signed by you; {name} has not signed it yet."
        text = f"{done} {state}".strip()
        self.sharing_label.setText(text)
        self.sharing_label.setAccessibleDescription(text)
        if done:
            announce(self.sharing_label)

    def _refused(self, message: str) -> None:
        self.errors.show([people.FieldProblem("", message)])

    def _save_quietly(self) -> bool:
        """Keep what the form holds (as Save does, without closing); False if it was refused."""
        entered = self.entered()
        saved = self.errors.attempt(people.check_agreement(entered), lambda: people.save_agreement(self._store,
                                                                                                   entered))
        if saved is None:
            self._reveal_focus()
            return False
        self.saved = saved
        return True

    def save_signed_pdf(self) -> None:
        """Save the agreement as it stands, signed by whoever has signed this version so far."""
        if self._exchange is None or self._files is None or not self._save_quietly():
            return
        from supervision_app.exchange.agreement import agreement_service

        try:
            with wait_cursor():
                signed = agreement_service(self._exchange).current_signed(self._person)
        except (SigningError, VaultError) as error:
            self._refused(str(error))
            return
        slug = ascii_slug(self._person.name)
        path = self._files.save_path(self, "Save the agreement as a signed PDF",
                                     f"supervision-agreement-v{signed.version}{'-' + slug if slug else ''}.pdf",
                                     f"{PDF_FILTER};;All files (*)")
        if path is None:
            self._show_signed_state()
            return
        try:
            write_pdf(path, signed.pdf)
        except FileRefused as error:
            self._refused(str(error))
            return
        self._show_signed_state(f"Saved version {signed.version} to {path}.")

    def send_to_sign(self) -> None:
        """Sign this version if it is not signed yet, and save the file that takes it to the supervisee."""
        if self._exchange is None or self._files is None or not self._save_quietly():
            return
        from supervision_app.exchange.agreement import export_agreement
        from supervision_app.gui.exchange.files import write_exchange_file

        name = self._person.name
        try:
            with wait_cursor():
                pack = export_agreement(self._exchange, self._person.id)
        except (ExchangeError, VaultError) as error:
            self._refused(str(error))
            self._show_signed_state()
            return
        slug = ascii_slug(name)
        path = self._files.choose_save(self, "record", f"Save the agreement for {name}",
                                       f"agreement-{self._clock().date().isoformat()}{'-' + slug if slug else ''}"
                                       ".svrecord")
        if path is None:
            self._show_signed_state("No file was saved; send it again when you are ready.")
            return
        try:
            write_exchange_file(path, pack)
        except FileRefused as error:
            self._refused(str(error))
            return
        self._show_signed_state(f"Saved {path}. Give this file to {name}: they read and sign the agreement on "
                                "their own computer and send it back.")

    def open_review(self) -> ReviewDialog | None:
        """The review of the signed agreement with the supervisee (toolkit section 5)."""
        if self._exchange is None or self._files is None:
            return None
        from supervision_app.gui.people.review import ReviewDialog

        dialog = ReviewDialog(self._exchange, self._person, files=self._files, clock=self._clock, parent=self)
        dialog.change_requested.connect(dialog.accept)  # back here, to change the agreement
        dialog.finished.connect(lambda _result: self._show_signed_state())
        self.review_dialog = dialog
        dialog.open()
        return dialog
