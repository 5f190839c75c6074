"""“About you”: the user's own name, job title and team, the organisation and whose bank holidays it keeps,
and what they use the app for; asked on first use."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPushButton, QWidget

from supervision_app.domain.model import Person
from supervision_app.gui.forms import FormDialog
from supervision_app.gui.people.fields import FieldErrors
from supervision_app.services import people
from supervision_app.services.my_supervision import Use, app_uses, set_app_uses
from supervision_app.services.working_days import Nation, organisation_nation, set_organisation_nation
from supervision_app.storage.records import SqlRecordStore

FIRST_USE_INTRO = ("Before you start, tell the app who you are and how you will use it. Your name is shown "
                   "on agreements, session notes and the files you send. You can change these details later.")


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
        self.nation_combo = self.find(QComboBox, "nationCombo")
        for nation in Nation:
            self.nation_combo.addItem(nation.label, nation.value)
        self.supervising_check = self.find(QCheckBox, "supervisingCheck")
        self.supervised_check = self.find(QCheckBox, "supervisedCheck")
        self.save_button = self.find(QPushButton, "saveButton")
        self.cancel_button = self.find(QPushButton, "cancelButton")
        self.errors = FieldErrors(self.find(QLabel, "errorLabel"))
        for field, edit in (("name", self.name_edit), ("job_title", self.job_title_edit), ("team", self.team_edit),
                            ("organisation", self.organisation_edit)):
            self.errors.add(field, self.find(QLabel, f"{edit.objectName().removesuffix('Edit')}ErrorLabel"), edit)
            edit.textChanged.connect(self._recheck)
        self.errors.add("uses", self.find(QLabel, "usesErrorLabel"), self.supervising_check)
        uses = app_uses(store)
        self.supervising_check.setChecked(Use.SUPERVISING in uses)
        self.supervised_check.setChecked(Use.SUPERVISED in uses)
        for check in (self.supervising_check, self.supervised_check):
            check.toggled.connect(self._recheck)
        if first_use:
            self.find(QLabel, "introLabel").setText(FIRST_USE_INTRO)
        existing = store.own_profile()
        if existing is not None:
            self.name_edit.setText(existing.name)
            self.job_title_edit.setText(existing.job_title)
            self.team_edit.setText(existing.team)
        self.organisation_edit.setText(store.get_meta(people.ORGANISATION_KEY) or "")
        self.nation_combo.setCurrentIndex(self.nation_combo.findData(organisation_nation(store).value))
        self.save_button.clicked.connect(self._save)
        self.cancel_button.clicked.connect(self.reject)
        self.name_edit.setFocus()

    def uses(self) -> frozenset[Use]:
        return frozenset(use for use, check in ((Use.SUPERVISING, self.supervising_check),
                                                (Use.SUPERVISED, self.supervised_check)) if check.isChecked())

    def nation(self) -> Nation:
        return Nation(self.nation_combo.currentData())

    def _problems(self) -> list[people.FieldProblem]:
        problems = people.check_profile(self.name_edit.text(), self.job_title_edit.text(), self.team_edit.text(),
                                        self.organisation_edit.text())
        if not self.uses():
            problems.append(people.FieldProblem("uses", "Choose at least one way you will use the app."))
        return problems

    def _recheck(self) -> None:
        self.errors.recheck(self._problems())

    def _save(self) -> None:
        self.saved = self.errors.attempt(self._problems(), self._save_both)
        if self.saved is not None:
            self.accept()

    def _save_both(self) -> Person:
        with self._store.transaction():  # the details, the nation and the uses together, or none
            saved = people.save_profile(self._store, self.name_edit.text(), self.job_title_edit.text(),
                                        self.team_edit.text(), self.organisation_edit.text())
            set_app_uses(self._store, self.uses())
            set_organisation_nation(self._store, self.nation())
        return saved


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
