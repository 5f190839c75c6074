"""People: the user's own profile, the people they supervise, and each one's supervision agreement.

No Qt here. Every save checks its input first; a problem raises
:class:`InvalidEntry`, a ``ValueError`` whose message is one plain sentence for
the user and whose ``field`` names the value at fault (the dataclass field's
name), so a form can show the message beside that field. The ``check_*``
functions return every problem at once without raising, for forms that check
as the user types.

Text is trimmed (and put in Unicode NFC form) before it is saved, and the
saved value is returned, so callers hold exactly what the vault holds.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, fields, replace
from datetime import date

from supervision_app.domain.agreement import Agreement
from supervision_app.domain.model import NewPerson, Person, PersonRole, SessionMode
from supervision_app.domain.names import folded
from supervision_app.domain.names import same_name as same_name  # callers use people.same_name
from supervision_app.errors import UsageError
from supervision_app.services.identities import new_signing_identity  # not signing: that loads pyHanko
from supervision_app.services.working_days import next_working_day, organisation_nation
from supervision_app.storage.records import SqlRecordStore

MAX_NAME_LENGTH = 200
MIN_FREQUENCY_WEEKS = 1
MAX_FREQUENCY_WEEKS = 12
MIN_LENGTH_MINUTES = 15
MAX_LENGTH_MINUTES = 240
DEFAULT_LENGTH_MINUTES = 90


@dataclass(frozen=True)
class FieldProblem:
    """What is wrong with one value: ``field`` is the dataclass field's name, ``message`` one sentence."""

    field: str
    message: str


class InvalidEntry(ValueError):
    """A value the user gave cannot be saved. ``str(error)`` is the sentence to show."""

    def __init__(self, problem: FieldProblem) -> None:
        super().__init__(problem.message)
        self.field = problem.field
        self.message = problem.message


def _raise_first(problems: list[FieldProblem]) -> None:
    if problems:
        raise InvalidEntry(problems[0])


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


def one_year_after(day: date) -> date:
    """The same day a year later (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


# --- finding ------------------------------------------------------------------




def find_supervisee(store: SqlRecordStore, name: str) -> Person:
    """The one supervisee whose name contains ``name``; a usage error if none or several."""
    wanted = folded(name.strip())
    matches = [p for p in store.list_people()
               if p.role is PersonRole.SUPERVISEE and wanted and wanted in folded(p.name)]
    if not matches:
        raise UsageError(f"No supervisee's name contains '{name}'.")
    if len(matches) > 1:
        names = ", ".join(p.name for p in matches)
        raise UsageError(f"'{name}' matches more than one supervisee ({names}); give more of the name.")
    return matches[0]


# --- checks ---------------------------------------------------------------------


def _check_short_text(field: str, text: str, what: str, *, required: bool) -> list[FieldProblem]:
    cleaned = _clean(text)
    if required and not cleaned:
        return [FieldProblem(field, f"Enter {what}.")]
    if len(cleaned) > MAX_NAME_LENGTH:
        return [FieldProblem(field, f"Shorten {what} to {MAX_NAME_LENGTH} characters or fewer.")]
    return []


def check_profile(name: str, job_title: str = "", team: str = "", organisation: str = "") -> list[FieldProblem]:
    """Problems with the user's own details, in the order the form shows them."""
    return [
        *_check_short_text("name", name, "your name", required=True),
        *_check_short_text("job_title", job_title, "your job title", required=False),
        *_check_short_text("team", team, "your team", required=False),
        *_check_short_text("organisation", organisation, "your organisation", required=False),
    ]


def check_person(person: NewPerson, today: date) -> list[FieldProblem]:
    """Problems with a supervisee's details, in the order the form shows them."""
    problems = [
        *_check_short_text("name", person.name, "the supervisee's name", required=True),
        *_check_short_text("job_title", person.job_title, "the job title", required=False),
        *_check_short_text("team", person.team, "the team", required=False),
    ]
    if person.start_date is not None and person.start_date > one_year_after(today):
        problems.append(FieldProblem("start_date", "The start date can be no more than a year from today."))
    return problems


def check_agreement(agreement: Agreement) -> list[FieldProblem]:
    """Problems with an agreement, in the order the form shows them."""
    problems: list[FieldProblem] = []
    if not agreement.supervisor_is_line_manager:
        problems += _check_short_text("line_manager_name", agreement.line_manager_name,
                                      "the name of the person who provides line management", required=True)
    if not MIN_FREQUENCY_WEEKS <= agreement.frequency_weeks <= MAX_FREQUENCY_WEEKS:
        problems.append(FieldProblem(
            "frequency_weeks",
            f"Choose how often you meet: every {MIN_FREQUENCY_WEEKS} to {MAX_FREQUENCY_WEEKS} weeks."))
    if not MIN_LENGTH_MINUTES <= agreement.length_minutes <= MAX_LENGTH_MINUTES:
        problems.append(FieldProblem(
            "length_minutes",
            f"Choose a standard length from {MIN_LENGTH_MINUTES} to {MAX_LENGTH_MINUTES} minutes."))
    if agreement.review_date is None:
        problems.append(FieldProblem("review_date", "Choose a date to review the agreement by."))
    return problems


# --- the user's own profile -------------------------------------------------------


ORGANISATION_KEY = "organisation"
"""Vault metadata: the organisation that owns the records, printed at the top of every note."""


def save_profile(store: SqlRecordStore, name: str, job_title: str = "", team: str = "",
                 organisation: str | None = None) -> Person:
    """Create the user's own profile (the supervisor, ``is_self``), or update it if there is one.

    ``organisation`` (kept as vault metadata) is left as it is when ``None``.
    """
    _raise_first(check_profile(name, job_title, team, organisation or ""))
    if organisation is not None:
        store.set_meta(ORGANISATION_KEY, _clean(organisation))
    existing = store.own_profile()
    if existing is None:
        profile = store.add_person(NewPerson(name=_clean(name), role=PersonRole.SUPERVISOR,
                                             job_title=_clean(job_title), team=_clean(team), is_self=True))
        # The personal signing certificate is made at setup, when the name it carries is known.
        store.save_signing_identity(profile.id, new_signing_identity(profile.name, profile.job_title or "Supervisor"))
        return profile
    updated = replace(existing, name=_clean(name), job_title=_clean(job_title), team=_clean(team))
    store.update_person(updated)
    return updated


# --- supervisees ------------------------------------------------------------------


def _cleaned_person(person: NewPerson) -> dict[str, object]:
    return {"name": _clean(person.name), "job_title": _clean(person.job_title), "team": _clean(person.team)}


def _require_supervisee(person: NewPerson) -> None:
    if person.role is not PersonRole.SUPERVISEE or person.is_self:
        # A caller's mistake rather than the user's: profiles go through save_profile.
        raise ValueError("Only a supervisee can be saved here; your own details are saved as your profile.")


def add_supervisee(store: SqlRecordStore, person: NewPerson, *, today: date | None = None) -> Person:
    """Add someone the user supervises; returns them with their new id.

    ``today`` (default: the computer's date) is what the start date is checked against.
    """
    _require_supervisee(person)
    _raise_first(check_person(person, today or date.today()))
    values = {field.name: getattr(person, field.name) for field in fields(NewPerson)}
    return store.add_person(NewPerson(**(values | _cleaned_person(person))))


def update_supervisee(store: SqlRecordStore, person: Person, *, today: date | None = None) -> Person:
    """Save a supervisee's changed details; returns them as saved.

    Raises :class:`~supervision_app.storage.records.RecordNotFound` if there is
    no such person, and ``ValueError`` if the stored person is not a supervisee.
    """
    _require_supervisee(person)
    _require_supervisee(store.get_person(person.id))
    _raise_first(check_person(person, today or date.today()))
    updated = replace(person, **_cleaned_person(person))  # type: ignore[arg-type]
    store.update_person(updated)
    return updated


def colleague_ids(store: SqlRecordStore) -> set[int]:
    """The other supervisors paired with the user to hand records over (kept as supervisors)."""
    return {p.person_id for p in store.pairings() if p.their_role is PersonRole.COLLEAGUE}


def supervisors_of_user(store: SqlRecordStore) -> list[Person]:
    """The people who supervise the user: supervisors who are not colleagues paired for handovers."""
    colleagues = colleague_ids(store)
    return [p for p in store.list_people() if p.role is PersonRole.SUPERVISOR and not p.is_self
            and p.id not in colleagues]


def add_supervisor(store: SqlRecordStore, name: str) -> Person:
    """Add someone who supervises the user (on the user's own side of supervision)."""
    _raise_first(_check_short_text("name", name, "your supervisor's name", required=True))
    return store.add_person(NewPerson(name=_clean(name), role=PersonRole.SUPERVISOR))


# --- agreements -------------------------------------------------------------------


def agreement_for(store: SqlRecordStore, person: Person, today: date) -> Agreement:
    """The stored agreement with ``person``, or a default one to start from (not saved).

    The default is monthly, or fortnightly for a newly qualified social worker, to be
    reviewed in a year, on a working day of the organisation's nation.
    """
    stored = store.get_agreement(person.id)
    if stored is not None:
        return stored
    default = Agreement.default_for(person.id, newly_qualified=person.newly_qualified, today=today)
    if default.review_date is None:
        return default
    return replace(default, review_date=next_working_day(default.review_date, organisation_nation(store)))


def save_agreement(store: SqlRecordStore, agreement: Agreement) -> Agreement:
    """Check and save an agreement; returns it as saved.

    Text is trimmed, and values that do not apply are emptied: the line
    manager's name when the supervisor is the line manager, and the notes on
    technology when sessions are in person.
    """
    _raise_first(check_agreement(agreement))
    _require_supervisee(store.get_person(agreement.supervisee_id))
    saved = replace(
        agreement,
        line_manager_name="" if agreement.supervisor_is_line_manager else _clean(agreement.line_manager_name),
        place=_clean(agreement.place),
        technology_notes=("" if agreement.mode is SessionMode.IN_PERSON
                          else agreement.technology_notes.strip()),
        confidentiality_terms=agreement.confidentiality_terms.strip(),
    )
    store.save_agreement(saved)
    return saved
