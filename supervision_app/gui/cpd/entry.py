"""One CPD entry, field by field as Social Work England's form asks for it (``ui/cpd_entry.ui``).

Each field's label and help come from ``resources/cpd.toml`` (the service's
prompts), keeping the form's Alt+letter where the label still has that letter.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from supervision_app.domain.cpd import CpdEntry, CpdType, SessionLink, check_entry
from supervision_app.formatting import format_long_date
from supervision_app.gui.forms import FormDialog
from supervision_app.gui.people.fields import FieldErrors
from supervision_app.gui.session.dates import from_qdate, to_qdate
from supervision_app.services.cpd import CpdService
from supervision_app.services.people import FieldProblem

# The form's widget names by the service's field names, and each label's Alt+letter.
_WIDGETS = {"cpd_type": ("type", "t"), "title": ("title", "d"), "relevance": ("relevance", "w"),
            "done_on": ("date", "a"), "learnt": ("learnt", "l"), "impact_practice": ("impactPractice", "p"),
            "impact_people": ("impactPeople", "o"), "peer_reflection": ("peerReflection", "r")}
NO_SESSION = "None"


def with_mnemonic(text: str, letter: str) -> str:
    """``text`` with ``&`` before the first ``letter`` (either case), if it has one."""
    escaped = text.replace("&", "&&")
    found = escaped.lower().find(letter)
    return escaped if found < 0 else escaped[:found] + "&" + escaped[found:]


class CpdEntryDialog(FormDialog):
    """After ``accept()``, :attr:`saved` is the entry as saved."""

    def __init__(self, service: CpdService, entry: CpdEntry, parent: QWidget | None = None) -> None:
        super().__init__("cpd_entry", parent)
        self._service = service
        self._entry = entry
        self.saved: CpdEntry | None = None
        prompts = service.prompts
        self.find(QLabel, "headingLabel").setText("Change a piece of CPD" if entry.id else "Add a piece of CPD")
        for field, (name, letter) in _WIDGETS.items():
            self.find(QLabel, f"{name}Label").setText(with_mnemonic(prompts.labels[field], letter) + ":")
            self.find(QLabel, f"{name}HintLabel").setText(prompts.help[field])
        self.type_combo = self.find(QComboBox, "typeCombo")
        for kind in CpdType:
            self.type_combo.addItem(prompts.types[kind], kind.value)
        self.title_edit = self.find(QLineEdit, "titleEdit")
        self.date_edit = self.find(QDateEdit, "dateEdit")
        self.date_edit.setMaximumDate(to_qdate(service.today()))
        self.texts = {field: self.find(QPlainTextEdit, f"{_WIDGETS[field][0]}Edit")
                      for field in ("relevance", "learnt", "impact_practice", "impact_people", "peer_reflection")}
        for field, edit in [("cpd_type", self.type_combo), ("title", self.title_edit), ("done_on", self.date_edit),
                            *self.texts.items()]:
            edit.setAccessibleName(prompts.labels[field])
        self.session_combo = self.find(QComboBox, "sessionCombo")
        self.evidence_label = self.find(QLabel, "evidenceLabel")
        self.errors = FieldErrors(self.find(QLabel, "errorLabel"))
        for field in ("title", "done_on", "learnt", "peer_reflection"):
            name = _WIDGETS[field][0]
            widget: QWidget = self.texts.get(field) or (self.title_edit if field == "title" else self.date_edit)
            self.errors.add(field, self.find(QLabel, f"{name}ErrorLabel"), widget)
        self._fill_sessions(entry.session)
        self._load(entry)
        self.session_combo.currentIndexChanged.connect(self._session_changed)
        self.find(QPushButton, "saveButton").clicked.connect(self.save)
        self.find(QPushButton, "cancelButton").clicked.connect(self.reject)

    def _fill_sessions(self, linked: SessionLink | None) -> None:
        self.session_combo.addItem(NO_SESSION, None)
        choices = self._service.sessions()
        if linked is not None and all(choice.link.key != linked.key for choice in choices):
            self.session_combo.addItem(f"Supervision, {format_long_date(linked.held_on)}", linked)
        for choice in choices:
            self.session_combo.addItem(choice.label, choice.link)

    def _load(self, entry: CpdEntry) -> None:
        self.type_combo.setCurrentIndex(self.type_combo.findData(entry.cpd_type.value))
        self.title_edit.setText(entry.title)
        self.date_edit.setDate(to_qdate(entry.done_on))
        for field, edit in self.texts.items():
            edit.setPlainText(getattr(entry, field))
        if entry.session is not None:
            keys = [self._link(index) for index in range(self.session_combo.count())]
            self.session_combo.setCurrentIndex(next(i for i, link in enumerate(keys)
                                                    if link is not None and link.key == entry.session.key))
        self._show_evidence()

    def _link(self, index: int) -> SessionLink | None:
        data = self.session_combo.itemData(index)
        return data if isinstance(data, SessionLink) else None

    def _session_changed(self) -> None:
        link = self._link(self.session_combo.currentIndex())
        if link is not None and self._entry.id is None:
            # Reflected on in supervision: dated that day, unless a date was chosen already.
            self.date_edit.setDate(to_qdate(link.held_on))
        self._show_evidence()

    def _show_evidence(self) -> None:
        evidence = self._service.evidence(self.entry())
        linked = self._link(self.session_combo.currentIndex()) is not None
        self.evidence_label.setText(evidence or ("The session's note is not signed yet; once it is, it is the "
                                                 "evidence." if linked else ""))
        self.evidence_label.setVisible(bool(self.evidence_label.text()))

    def entry(self) -> CpdEntry:
        """The entry as the form shows it now."""
        text = {field: edit.toPlainText().strip() for field, edit in self.texts.items()}
        return replace(self._entry, cpd_type=CpdType(self.type_combo.currentData()),
                       title=self.title_edit.text().strip(), done_on=from_qdate(self.date_edit.date()),
                       session=self._link(self.session_combo.currentIndex()), relevance=text["relevance"],
                       learnt=text["learnt"], impact_practice=text["impact_practice"],
                       impact_people=text["impact_people"], peer_reflection=text["peer_reflection"])

    def save(self) -> None:
        entry = self.entry()
        problems = [FieldProblem(p.field, p.message) for p in check_entry(entry, self._service.today())]
        saved = self.errors.attempt(problems, lambda: self._service.save(entry))
        if saved is not None:
            self.saved = saved
            self.accept()
