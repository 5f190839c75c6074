"""Adding a supervisee, or changing their details."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import QCheckBox, QDateEdit, QLabel, QLineEdit, QPushButton, QWidget

from supervision_app.domain.agreement import MONTHLY_WEEKS, NEWLY_QUALIFIED_WEEKS, Agreement
from supervision_app.domain.model import NewPerson, Person, PersonRole
from supervision_app.gui.forms import FormDialog
from supervision_app.gui.people.end_date import EndDateField
from supervision_app.gui.people.fields import BlankableDate, FieldErrors
from supervision_app.services import people
from supervision_app.storage.records import SqlRecordStore

NO_START_DATE_TEXT = "Not recorded"


def cadence(weeks: int) -> str:
    """``monthly``, ``fortnightly``…: the agreement's own words for a frequency."""
    return Agreement(supervisee_id=0, frequency_weeks=weeks).cadence_label


def newly_qualified_hint(editing: bool) -> str:
    text = (f"Supervision starts {cadence(NEWLY_QUALIFIED_WEEKS)} for a social worker in their Assessed "
            f"and Supported Year in Employment, and {cadence(MONTHLY_WEEKS)} for others.")
    if editing:
        text += " Changing this does not change an agreement already saved."
    return text


class PersonDialog(FormDialog):
    """Adds a supervisee (``person`` is ``None``) or changes one's details.

    Accepted once saved; :attr:`saved` is then the person as stored (with their
    id). ``today`` is the date new people start on and the start date is
    checked against.
    """

    def __init__(self, store: SqlRecordStore, *, today: date, person: Person | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("person_editor", parent)
        self._store = store
        self._today = today
        self._person = person
        self.saved: Person | None = None
        self.name_edit = self.find(QLineEdit, "nameEdit")
        self.job_title_edit = self.find(QLineEdit, "jobTitleEdit")
        self.team_edit = self.find(QLineEdit, "teamEdit")
        self.start_date = BlankableDate(self.find(QDateEdit, "startDateEdit"), blank_text=NO_START_DATE_TEXT,
                                        today=today)
        self.start_date_edit = self.start_date.edit
        self.newly_qualified_check = self.find(QCheckBox, "newlyQualifiedCheck")
        self.save_button = self.find(QPushButton, "saveButton")
        self.cancel_button = self.find(QPushButton, "cancelButton")
        self.find(QLabel, "newlyQualifiedHintLabel").setText(newly_qualified_hint(person is not None))

        self.errors = FieldErrors(self.find(QLabel, "errorLabel"))
        for field, widget, prefix in (("name", self.name_edit, "name"), ("job_title", self.job_title_edit, "jobTitle"),
                                      ("team", self.team_edit, "team"),
                                      ("start_date", self.start_date_edit, "startDate")):
            self.errors.add(field, self.find(QLabel, f"{prefix}ErrorLabel"), widget)
        for edit in (self.name_edit, self.job_title_edit, self.team_edit):
            edit.textChanged.connect(self._recheck)
        self.start_date_edit.dateChanged.connect(self._recheck)
        # When supervision ended, and "Erase this supervisee…" (both only when changing someone's details).
        self.end_date = EndDateField(self, store, person, today, self.errors)
        self.erase_button = self.end_date.erase_button
        self.end_date.edit.dateChanged.connect(self._recheck)

        if person is None:
            self.start_date.set_value(today)
        else:
            heading = f"Change details for {person.name}"
            self.find(QLabel, "titleLabel").setText(heading)
            self.find(QLabel, "titleLabel").setAccessibleName(heading)
            self.setWindowTitle("Change a supervisee's details – Supervision")
            self.setAccessibleName(self.windowTitle())
            self.name_edit.setText(person.name)
            self.job_title_edit.setText(person.job_title)
            self.team_edit.setText(person.team)
            self.start_date.set_value(person.start_date)
            self.newly_qualified_check.setChecked(person.newly_qualified)
        self.save_button.clicked.connect(self._save)
        self.cancel_button.clicked.connect(self.reject)
        self.name_edit.setFocus()

    def entered(self) -> NewPerson:
        """The details as the form holds them now (not yet checked or trimmed)."""
        return NewPerson(
            name=self.name_edit.text(), role=PersonRole.SUPERVISEE, job_title=self.job_title_edit.text(),
            team=self.team_edit.text(), start_date=self.start_date.value(),
            newly_qualified=self.newly_qualified_check.isChecked())

    def _problems(self, entered: NewPerson) -> list[people.FieldProblem]:
        return [*people.check_person(entered, self._today), *self.end_date.problems(entered.start_date)]

    def _recheck(self) -> None:
        self.errors.recheck(self._problems(self.entered()))

    def _save(self) -> None:
        entered = self.entered()
        self.saved = self.errors.attempt(self._problems(entered), lambda: self._store_person(entered))
        if self.saved is not None:
            self.accept()

    def _store_person(self, entered: NewPerson) -> Person:
        if self._person is None:
            return people.add_supervisee(self._store, entered, today=self._today)
        changed = replace(self._person, name=entered.name, job_title=entered.job_title, team=entered.team,
                          start_date=entered.start_date, newly_qualified=entered.newly_qualified)
        with self._store.transaction():
            saved = people.update_supervisee(self._store, changed, today=self._today)
            self.end_date.save(saved)
        return saved
