"""The CPD log for Social Work England: entries, the year's progress, sessions to reflect on, and exports.

The rules are :mod:`supervision_app.domain.cpd`; the words of each field are data
(``resources/cpd.toml``). Nothing of the log leaves the install except as the
PDF or text the person exports. No Qt here.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from supervision_app.domain import cpd as rules
from supervision_app.domain.cpd import CpdEntry, CpdProgress, CpdType, SessionLink
from supervision_app.domain.exchange import ReceivedKey
from supervision_app.domain.model import SessionStatus, SupervisionSession
from supervision_app.domain.record import SessionRecord
from supervision_app.domain.visibility import agenda_on_record
from supervision_app.formatting import format_long_date
from supervision_app.paths import resources_dir
from supervision_app.services.people import FieldProblem, InvalidEntry
from supervision_app.storage import cpd as stored
from supervision_app.storage.records import SqlRecordStore

PROMPTS_FILE = "cpd.toml"
# The order the fields are laid out in everywhere: the form, the PDF, the text to paste.
FIELD_ORDER = ("cpd_type", "title", "relevance", "done_on", "learnt", "impact_practice", "impact_people",
               "peer_reflection")


@dataclass(frozen=True)
class CpdPrompts:
    types: dict[CpdType, str]
    labels: dict[str, str]
    help: dict[str, str]


def load_prompts(path: Path | None = None) -> CpdPrompts:
    """The words of the log's fields and types (``resources/cpd.toml``)."""
    data = tomllib.loads((path or resources_dir() / PROMPTS_FILE).read_text(encoding="utf-8"))
    fields = data["fields"]
    return CpdPrompts({kind: data["types"][kind.value] for kind in CpdType},
                      {name: fields[name]["label"] for name in FIELD_ORDER},
                      {name: fields[name]["help"] for name in FIELD_ORDER})


@dataclass(frozen=True)
class SessionChoice:
    """A signed-off supervision session an entry's peer reflection can name."""

    link: SessionLink
    label: str  # "Supervision with Aisha Rahman, 3 November 2026"


class CpdService:
    def __init__(self, store: SqlRecordStore, clock: Callable[[], datetime] = datetime.now,
                 prompts: CpdPrompts | None = None) -> None:
        self.store = store
        self.clock = clock
        self.prompts = prompts or load_prompts()

    def today(self) -> date:
        return self.clock().date()

    def this_year(self) -> int:
        """The registration year today is in, named by the year it ends in."""
        return rules.year_ending(self.today())

    def years(self) -> list[int]:
        """The registration years with entries, and this one, newest first."""
        return sorted({self.this_year(), *(rules.year_ending(e.done_on) for e in stored.entries(self.store))},
                      reverse=True)

    def entries(self, ending: int) -> list[CpdEntry]:
        return rules.in_year(stored.entries(self.store), ending)

    def progress(self, ending: int) -> CpdProgress:
        return rules.progress(stored.entries(self.store), ending, self.today())

    def progress_in_words(self, ending: int) -> str:
        return rules.progress_in_words(self.progress(ending))

    def save(self, entry: CpdEntry) -> CpdEntry:
        """Save a new or changed entry; :class:`InvalidEntry` (nothing saved) for the first problem."""
        problems = rules.check_entry(entry, self.today())
        if problems:
            raise InvalidEntry(FieldProblem(problems[0].field, problems[0].message))
        return stored.save(self.store, entry)

    def remove(self, entry_id: int) -> None:
        stored.remove(self.store, entry_id)

    def sessions(self) -> list[SessionChoice]:
        """Signed-off sessions held here, and records received from one's supervisors, newest first."""
        people = {person.id: person.name for person in self.store.list_people()}
        choices = [SessionChoice(SessionLink(f"session:{session.id}", session.scheduled_start.date()),
                                 f"Supervision with {people.get(session.supervisee_id, 'someone')}, "
                                 f"{format_long_date(session.scheduled_start.date())}")
                   for session in self.store.list_sessions() if session.status is SessionStatus.SIGNED_OFF]
        choices += [SessionChoice(SessionLink(f"received:{record.supervisor_id}:{record.session_uid}",
                                              record.session_start.date()),
                                  f"Supervision with {people.get(record.supervisor_id, 'my supervisor')}, "
                                  f"{format_long_date(record.session_start.date())}")
                    for record in self.store.received_records()]
        return sorted(choices, key=lambda choice: choice.link.held_on, reverse=True)

    @staticmethod
    def from_session(session: SupervisionSession, record: SessionRecord) -> CpdEntry:
        """A new entry from a session's Learning and CPD step: its learning, dated and linked to the session."""
        learnt = [record.learning.strip()] if record.learning.strip() else []
        # As the signed note that evidences it shows them: an item kept off the record gives nothing.
        learnt += [f"{item.title.strip()}: {item.learned.strip()}" for item in agenda_on_record(record.agenda)
                   if item.cpd and item.learned.strip()]
        held_on = session.scheduled_start.date()
        return CpdEntry(CpdType.SUPERVISION, "Reflective supervision", held_on, learnt="\n".join(learnt),
                        session=SessionLink(f"session:{session.id}", held_on))

    def evidence(self, entry: CpdEntry) -> str:
        """"Evidenced by the signed supervision note of <date>." when the linked session's note is signed, else ""."""
        if entry.session is None or self._signatures(entry.session.key) < 1:
            return ""
        return f"Evidenced by the signed supervision note of {format_long_date(entry.session.held_on)}."

    def _signatures(self, key: str) -> int:
        kind, _, rest = key.partition(":")
        if kind == "session" and rest.isdigit():
            note = self.store.get_signed_note(int(rest))
            return note.signatures if note else 0
        supervisor, _, uid = rest.partition(":")
        if kind == "received" and supervisor.isdigit():
            found = self.store.received_note(ReceivedKey(int(supervisor), uid))
            return found[2] if found else 0
        return 0

    def fields(self, entry: CpdEntry) -> list[tuple[str, str]]:
        """The entry field by field, as (label, value), in the form's order; the evidence last, if any."""
        values = {"cpd_type": self.prompts.types[entry.cpd_type], "title": entry.title,
                  "relevance": entry.relevance, "done_on": format_long_date(entry.done_on), "learnt": entry.learnt,
                  "impact_practice": entry.impact_practice, "impact_people": entry.impact_people,
                  "peer_reflection": entry.peer_reflection}
        rows = [(self.prompts.labels[name], values[name].strip()) for name in FIELD_ORDER]
        evidence = self.evidence(entry)
        if evidence:
            rows.append(("Evidence", evidence))
        return rows

    def year_heading(self, ending: int) -> str:
        first, last = rules.year_bounds(ending)
        return f"CPD for Social Work England: {format_long_date(first)} to {format_long_date(last)}"

    def as_text(self, ending: int) -> str:
        """The year's entries laid out to paste into the form, one field at a time."""
        chosen = self.entries(ending)
        lines = [self.year_heading(ending), self.progress_in_words(ending), ""]
        for number, entry in enumerate(chosen, start=1):
            lines += [f"Entry {number} of {len(chosen)}", "=" * len(f"Entry {number} of {len(chosen)}"), ""]
            for label, value in self.fields(entry):
                lines += [f"{label}:", value or "(not filled in)", ""]
        return "\n".join(lines).rstrip() + "\n"

    def as_pdf(self, ending: int, fonts_dir: Path | None = None) -> bytes:
        """The year's entries as a PDF: one section per entry, field by field."""
        from supervision_app.services.cpd_pdf import render_cpd_pdf

        owner = self.store.own_profile()
        return render_cpd_pdf(self, ending, owner.name if owner else "", fonts_dir or resources_dir() / "fonts")
