"""A supervisee's end date in their details dialog, and the way to "Erase this supervisee…" from there.

:class:`EndDateField` is hooked into :class:`~supervision_app.gui.people.person.PersonDialog`:
it shows the day supervision ended (blank while it goes on) with the day the
records are kept to under the organisation's rule, checks it with the other
fields, and saves it with them. Both it and the erase button show only when a
supervisee's details are changed, not when one is added.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDateEdit, QLabel, QPushButton

from supervision_app.domain.model import Person
from supervision_app.domain.retention import kept_until
from supervision_app.errors import RetentionRuleBroken
from supervision_app.formatting import format_date
from supervision_app.gui.forms import FormDialog
from supervision_app.gui.people.fields import BlankableDate, FieldErrors
from supervision_app.services.people import FieldProblem
from supervision_app.services.retention import check_end_date, end_date_of, load_retention_rule, set_end_date
from supervision_app.storage.records import SqlRecordStore

NOT_ENDED_TEXT = "Not ended"


class EndDateField:
    def __init__(self, dialog: FormDialog, store: SqlRecordStore, person: Person | None, today: date,
                 errors: FieldErrors) -> None:
        self._store, self._person, self._today = store, person, today
        self.field = BlankableDate(dialog.find(QDateEdit, "endDateEdit"), blank_text=NOT_ENDED_TEXT, today=today)
        self.edit = self.field.edit
        self.hint = dialog.find(QLabel, "endDateHintLabel")
        self._hint_text = self.hint.text()
        self.erase_button = dialog.find(QPushButton, "eraseButton")
        errors.add("end_date", dialog.find(QLabel, "endDateErrorLabel"), self.edit)
        editing = person is not None
        for widget in (dialog.find(QLabel, "endDateLabel"), self.edit, self.hint, self.erase_button):
            widget.setVisible(editing)
        self.field.set_value(end_date_of(store, person) if person is not None else None)
        self.edit.dateChanged.connect(self._show_kept_until)
        self._show_kept_until()

    def value(self) -> date | None:
        return self.field.value() if self._person is not None else None

    def problems(self, start_date: date | None) -> list[FieldProblem]:
        return check_end_date(start_date, self.value(), self._today)

    def save(self, person: Person) -> None:
        """Save the end date for ``person`` (in the caller's transaction)."""
        if self._person is not None:
            set_end_date(self._store, person, self.value(), self._today)

    def _show_kept_until(self) -> None:
        ended = self.value()
        if ended is None:
            self.hint.setText(self._hint_text)
            return
        try:
            rule = load_retention_rule()
        except RetentionRuleBroken as error:
            self.hint.setText(error.message)
            return
        self.hint.setText(f"Their records are kept to {format_date(kept_until(ended, rule))} "
                          f"({rule.years} years, the organisation's retention rule).")
