"""“About you”: the user's own name, job title and team, asked for on first use."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget

from supervision_app.domain.model import Person
from supervision_app.gui.forms import FormDialog
from supervision_app.gui.people.fields import FieldErrors
from supervision_app.services import people
from supervision_app.storage.records import SqlRecordStore

FIRST_USE_INTRO = ("Before you start, tell the app who you are. Your name is shown as the supervisor "
                   "on agreements and session notes. You can change these details later.")


class ProfileDialog(FormDialog):
    """Creates or updates the user's profile. Accepted once saved; :attr:`saved` is then the stored profile.

    ``first_use`` gives the welcome wording for the first time the app is used.
    """

    def __init__(self, store: SqlRecordStore, *, first_use: bool = False, parent: QWidget | None = None) -> None:
        super().__init__("profile", parent)
        self._store = store
        self.saved: Person | None = None
        self.name_edit = self.find(QLineEdit, "nameEdit")
        self.job_title_edit = self.find(QLineEdit, "jobTitleEdit")
        self.team_edit = self.find(QLineEdit, "teamEdit")
        self.organisation_edit = self.find(QLineEdit, "organisationEdit")
        self.save_button = self.find(QPushButton, "saveButton")
        self.cancel_button = self.find(QPushButton, "cancelButton")
        self.errors = FieldErrors(self.find(QLabel, "errorLabel"))
        for field, edit in (("name", self.name_edit), ("job_title", self.job_title_edit), ("team", self.team_edit),
                            ("organisation", self.organisation_edit)):
            self.errors.add(field, self.find(QLabel, f"{edit.objectName().removesuffix('Edit')}ErrorLabel"), edit)
            edit.textChanged.connect(self._recheck)
        if first_use:
            self.find(QLabel, "introLabel").setText(FIRST_USE_INTRO)
        existing = store.own_profile()
        if existing is not None:
            self.name_edit.setText(existing.name)
            self.job_title_edit.setText(existing.job_title)
            self.team_edit.setText(existing.team)
        self.organisation_edit.setText(store.get_meta(people.ORGANISATION_KEY) or "")
        self.save_button.clicked.connect(self._save)
        self.cancel_button.clicked.connect(self.reject)
        self.name_edit.setFocus()

    def _problems(self) -> list[people.FieldProblem]:
        return people.check_profile(self.name_edit.text(), self.job_title_edit.text(), self.team_edit.text(),
                                    self.organisation_edit.text())

    def _recheck(self) -> None:
        self.errors.recheck(self._problems())

    def _save(self) -> None:
        self.saved = self.errors.attempt(self._problems(), lambda: people.save_profile(
            self._store, self.name_edit.text(), self.job_title_edit.text(), self.team_edit.text(),
            self.organisation_edit.text()))
        if self.saved is not None:
            self.accept()


def ask_for_profile_if_missing(store: SqlRecordStore, parent: QWidget | None = None) -> Person | None:
    """The user's profile; on first use, ask for it first (``None`` if they cancel)."""
    existing = store.own_profile()
    if existing is not None:
        return existing
    dialog = ProfileDialog(store, first_use=True, parent=parent)
    try:
        dialog.exec()
        return dialog.saved
    finally:
        dialog.deleteLater()
