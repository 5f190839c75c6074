"""The supervision agreement with one supervisee, in the toolkit's three parts: Who, Where and When."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QGroupBox,
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
from supervision_app.gui.forms import FormDialog
from supervision_app.gui.people.fields import BlankableDate, FieldErrors, fit_bold_text
from supervision_app.gui.people.person import cadence
from supervision_app.gui.screens import available_area
from supervision_app.services import people
from supervision_app.storage.records import SqlRecordStore

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
                 parent: QWidget | None = None) -> None:
        super().__init__("agreement", parent)
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
