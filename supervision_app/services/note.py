"""The session note as structured content: what goes on the record, in reading order.

Built only from :func:`~supervision_app.domain.visibility.on_the_record`, so
private items cannot reach it. The plain-text view (``supervision-app show``)
and the PDF note render this same structure.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from supervision_app.content import ToolkitContent
from supervision_app.domain.agreement import Agreement
from supervision_app.domain.model import Person, PersonRole, SessionMode, SessionStatus, SupervisionSession
from supervision_app.domain.record import (
    ActionOwner,
    ReviewOutcome,
    SessionRecord,
    Signatory,
    TimeProtection,
    Visibility,
)
from supervision_app.domain.rules import HeldSession, OpenAction, open_actions
from supervision_app.domain.visibility import RecordView, on_the_record
from supervision_app.formatting import format_long_datetime, format_long_day, format_time
from supervision_app.storage.records import SqlRecordStore
from supervision_app.untrusted import visible


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    fields: tuple[tuple[str, str], ...] = ()
    paragraphs: tuple[str, ...] = ()
    table: Table | None = None
    subsections: tuple[Section, ...] = ()
    empty_text: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.fields or self.paragraphs or (self.table and self.table.rows) or self.subsections)


@dataclass(frozen=True)
class NoteDocument:
    title: str
    header: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]
    status: str
    marking: str = "CONFIDENTIAL: supervision record. Personal data; share only as agreed."
    hidden_sections: frozenset[str] = field(default_factory=frozenset)
    # The supervisee's in-person confirmation at sign-off, witnessed by the supervisor, printed
    # above the supervisee's signature box. It is not their digital signature, which only their
    # own key, on their own computer, makes.
    witnessed: str = ""


OPTIONAL_SECTIONS = {
    "frame": True,
    "previous_actions": True,
    "agenda": True,
    "decisions": True,
    "wellbeing": False,  # wellbeing detail is off unless chosen
    "learning": True,
    "actions": True,
    "next_session": True,
}
"""Sections a person may switch off for a printed copy, with whether each is on by default.

The supervisee's comments (their disagreement) and the addenda are not here:
they are always part of the record.
"""

_OUTCOME_LABELS = {
    ReviewOutcome.NOT_REVIEWED: "Not reviewed",
    ReviewOutcome.DONE: "Done",
    ReviewOutcome.IN_PROGRESS: "In progress",
    ReviewOutcome.DROPPED: "Dropped",
    ReviewOutcome.CARRIED_FORWARD: "Carried forward",
}
_TIME_PROTECTION = {
    TimeProtection.NOT_RECORDED: "Not recorded",
    TimeProtection.PROTECTED: "Yes, the time was protected",
    TimeProtection.INTERRUPTED: "No, the session was interrupted",
}


def owner_label(owner: ActionOwner, name: str, supervisor: Person | None, supervisee: Person) -> str:
    if owner is ActionOwner.SUPERVISOR:
        return supervisor.name if supervisor else "Supervisor"
    if owner is ActionOwner.SUPERVISEE:
        return supervisee.name
    return name or "Someone else"


def build_note(
    session: SupervisionSession,
    record: SessionRecord,
    supervisee: Person,
    supervisor: Person | None,
    agreement: Agreement | None,
    history: list[HeldSession],
    content: ToolkitContent,
    *,
    organisation: str = "",
    earlier_actions: Mapping[str, OpenAction] | None = None,
) -> NoteDocument:
    """The note of ``session``. ``earlier_actions`` (by id) are the actions open when it began, if the caller
    has them already; otherwise they are found in ``history``."""
    view = on_the_record(record)
    shown = view.record
    supervisor_name = supervisor.name if supervisor else "Supervisor"
    header = [
        ("Supervisee", f"{supervisee.name}, {supervisee.job_title}".strip(", ")),
        ("Supervisor", f"{supervisor_name}, {supervisor.job_title}".strip(", ") if supervisor else supervisor_name),
        ("Date", format_long_day(session.scheduled_start.date())),
        ("Time", _times(session, record)),
        ("Mode and place", f"{session.mode.label}: {session.location}".rstrip(": ")),
    ]
    if organisation:
        header.insert(0, ("Organisation", organisation))
    if session.status is SessionStatus.CANCELLED:
        header.append(("Cancelled", session.cancellation_reason))
        replacement = next((h.session for h in history if h.session.rebooked_from_id == session.id), None)
        if replacement is not None:
            header.append(("Rebooked for", format_long_datetime(replacement.scheduled_start)))
    if session.rebooked_from_id is not None:
        original = next((h.session for h in history if h.session.id == session.rebooked_from_id), None)
        if original is not None:
            header.append(("Rebooked from", f"{format_long_datetime(original.scheduled_start)} "
                                            f"(cancelled: {original.cancellation_reason})"))

    sections = [
        _frame_section(session, record, agreement, supervisor_name),
        _previous_actions(session, record, history, supervisor, supervisee, earlier_actions),
        _agenda(shown),
        _decisions(shown),
        _wellbeing(view, content),
        _learning(shown),
        _actions(shown, supervisor, supervisee, content),
        Section("comments", "Supervisee's comments",
                paragraphs=(shown.supervisee_comment,) if shown.supervisee_comment.strip() else (),
                empty_text="No comments."),
        Section("next_session", "Next session",
                fields=(("Booked for", format_long_datetime(shown.next_session)),) if shown.next_session else (),
                empty_text="Not booked yet."),
        _sign_off(shown, supervisor_name, supervisee.name),
        _addenda(shown, supervisor_name, supervisee.name),
    ]
    return NoteDocument(
        title="Reflective supervision record",
        header=tuple(header),
        sections=tuple(sections),
        status=session.status.label,
        witnessed=_witnessed(shown, supervisor.name if supervisor else "the supervisor"),
    )


def _times(session: SupervisionSession, record: SessionRecord) -> str:
    start, end = record.setting.started_at, record.setting.ended_at
    if start and end:
        return f"{format_time(start)} to {format_time(end)}"
    if start:
        return f"from {format_time(start)}"
    return f"booked for {format_time(session.scheduled_start)}, {session.duration_minutes} minutes"


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def _frame_section(session: SupervisionSession, record: SessionRecord, agreement: Agreement | None,
                   supervisor_name: str) -> Section:
    setting = record.setting
    who = [("Present", setting.present or "Not recorded"), ("Supervisor", supervisor_name)]
    if agreement is not None:
        who.append(("Line manager", supervisor_name if agreement.supervisor_is_line_manager
                    else agreement.line_manager_name or "Someone else"))
    where = [("Private space confirmed", _yes_no(setting.private_space_confirmed))]
    if session.mode is not SessionMode.IN_PERSON:
        where.append(("Connection checked", _yes_no(setting.connection_checked)))
    when = [("Protected time kept", _TIME_PROTECTION[setting.time_protection])]
    if setting.interruption_note.strip():
        when.append(("Interruptions", setting.interruption_note))
    if agreement is not None:
        when.append(("Agreed frequency", f"{agreement.cadence_label.capitalize()}, "
                                         f"{agreement.length_minutes} minutes"))
    return Section("frame", "Who, where and when", subsections=(
        Section("who", "Who", fields=tuple(who)),
        Section("where", "Where", fields=tuple(where)),
        Section("when", "When", fields=tuple(when)),
    ))


def _previous_actions(session: SupervisionSession, record: SessionRecord, history: list[HeldSession],
                      supervisor: Person | None, supervisee: Person,
                      known: Mapping[str, OpenAction] | None) -> Section:
    """The reviews recorded; before sign-off, also the open actions not reviewed yet (a signed-off note is as
    it was signed)."""
    if known is None:
        known = {a.action.id: a for a in open_actions(history, before=session)}
    rows = []
    for review in record.reviews:
        open_action = known.get(review.action_id)
        if open_action is None:
            continue
        outcome = _OUTCOME_LABELS[review.outcome]
        if review.note.strip():
            outcome += f": {review.note.strip()}"
        rows.append(_action_row(open_action, outcome, supervisor, supervisee))
    empty_text = "There were no open actions to review."
    if session.status in (SessionStatus.SCHEDULED, SessionStatus.DRAFT):
        reviewed = {review.action_id for review in record.reviews}
        rows += [_action_row(a, "Not yet reviewed", supervisor, supervisee)
                 for a in known.values() if a.action.id not in reviewed]
        empty_text = "There are no open actions to review."
    return Section("previous_actions", "Actions from earlier sessions",
                   table=Table(("Action", "Owner", "Due", "Update"), tuple(rows)), empty_text=empty_text)


def _action_row(open_action: OpenAction, update: str, supervisor: Person | None,
                supervisee: Person) -> tuple[str, str, str, str]:
    action = open_action.action
    return (action.text, owner_label(action.owner, action.owner_name, supervisor, supervisee),
            format_long_day(action.due) if action.due else "", update)


DISCUSSED_ITEM = "Discussed; not on the record."


def _agenda(record: SessionRecord, visibility_label: Callable[[Visibility], str] | None = None) -> Section:
    """The agenda as ``record`` has it: from the record's view (discussed items by title alone), or, with
    ``visibility_label``, the whole record with each item's visibility (an access request's copy)."""
    items = []
    for number, item in enumerate(record.agenda, start=1):
        if visibility_label is None and item.visibility is Visibility.DISCUSSED:
            items.append(Section(f"item:{item.id}", f"{number}. {item.title}", paragraphs=(DISCUSSED_ITEM,)))
            continue
        fields = []
        if visibility_label is not None:
            fields.append(("Visibility", visibility_label(item.visibility)))
        if item.wanted_outcome.strip():
            fields.append(("Wanted from the discussion", item.wanted_outcome))
        if item.case_reference.strip():
            fields.append(("Case reference", item.case_reference))
        if item.source.value == "carried":
            fields.append(("Carried forward", "Yes, from the previous session"))
        if not item.reached:
            fields.append(("Reached", "No; carried forward to the next session"))
        paragraphs = []
        for label, text in (("Notes", item.notes), ("What went well", item.went_well),
                            ("What was difficult", item.difficult), ("What I learned", item.learned)):
            if text.strip():
                paragraphs.append(f"{label}: {text.strip()}")
        if item.cpd:
            paragraphs.append("Tagged as evidence of continuing professional development (CPD).")
        items.append(Section(f"item:{item.id}", f"{number}. {item.title}", fields=tuple(fields),
                             paragraphs=tuple(paragraphs)))
    return Section("agenda", "Agenda and discussion", subsections=tuple(items),
                   empty_text="No agenda items.")


def _decisions(record: SessionRecord) -> Section:
    rows = tuple((item.title, decision.text, decision.rationale)
                 for item in record.agenda for decision in item.decisions)
    return Section("decisions", "Decisions", table=Table(("Agenda item", "Decision", "Rationale"), rows),
                   empty_text="No decisions recorded.")


def _wellbeing(view: RecordView, content: ToolkitContent) -> Section:
    shown = view.record
    fields: list[tuple[str, str]] = []
    paragraphs: list[str] = []
    if view.checkin_discussed_only and view.checkin_held:
        paragraphs.append("A wellbeing check-in took place; its detail is not part of this record.")
    elif shown.checkin.visibility.value == "on_record":
        checkin = shown.checkin
        if checkin.opening.strip():
            paragraphs.append(checkin.opening.strip())
        scale = content.hse_standards.rating_scale
        for standard in content.hse_standards.standards:
            rating = checkin.hse.get(standard.id)
            if rating and rating.rating:
                value = scale.point(rating.rating).label
                fields.append((standard.name, f"{value}. {rating.note}".strip(". ") if rating.note else value))
        ticked = [item.text for item in content.wellbeing_checklist.items if item.id in checkin.checklist]
        if ticked:
            fields.append(("Ticked on the wellbeing checklist", "; ".join(ticked)))
        stressor_text = {item.id: item.text for item in content.personal_stressors.items}
        for stressor_id, stressor in checkin.stressors.items():
            fields.append((stressor_text.get(stressor_id, stressor_id), f"Impact {stressor.impact} of 5"))
        if checkin.notes.strip():
            paragraphs.append(checkin.notes.strip())
    category = {option.id: option.label for option in content.flags.categories}
    level = {option.id: option.label for option in content.flags.levels}
    signposts = {service.id: service.name for service in content.support_directory.services}
    rows = [(category.get(flag.category_id, flag.category_id), level.get(flag.level.value, flag.level.value),
             flag.detail, signposts.get(flag.signpost_id or "", "")) for flag in shown.flags]
    rows += [(category.get(d.category_id, d.category_id), "Discussed", "Discussed; detail not recorded", "")
             for d in view.discussed_flags]
    table = Table(("Wellbeing flag", "Level", "Detail", "Support"), tuple(rows)) if rows else None
    return Section("wellbeing", "Wellbeing", fields=tuple(fields), paragraphs=tuple(paragraphs), table=table,
                   empty_text="No wellbeing items are on the record.")


def _learning(record: SessionRecord) -> Section:
    paragraphs = []
    if record.learning.strip():
        paragraphs.append(record.learning.strip())
        if record.learning_cpd:
            paragraphs.append("Tagged as CPD evidence.")
    cpd_items = [item.title for item in record.agenda if item.cpd]
    if cpd_items:
        paragraphs.append("Discussion tagged as CPD evidence: " + "; ".join(cpd_items) + ".")
    return Section("learning", "Learning and CPD", paragraphs=tuple(paragraphs), empty_text="None recorded.")


# An action's "From" cell when it came from a wellbeing flag; the rest names the flag's category.
FROM_FLAG = "Wellbeing flag"
_FROM_FLAG_LEFT_OUT = f"{FROM_FLAG} (left out of this copy)"


def _actions(record: SessionRecord, supervisor: Person | None, supervisee: Person,
             content: ToolkitContent) -> Section:
    category = {option.id: option.label for option in content.flags.categories}
    sources = {item.id: f"Agenda item {number}: {item.title}" for number, item in enumerate(record.agenda, start=1)}
    sources.update({flag.id: f"{FROM_FLAG}: {category.get(flag.category_id, flag.category_id)}"
                    for flag in record.flags})
    rows = tuple((action.text, owner_label(action.owner, action.owner_name, supervisor, supervisee),
                  format_long_day(action.due) if action.due else "No date", sources.get(action.source_id or "", ""))
                 for action in record.actions)
    return Section("actions", "Agreed actions", table=Table(("Action", "Owner", "Due", "From"), rows),
                   empty_text="No new actions.")


def _sign_off(record: SessionRecord, supervisor_name: str, supervisee_name: str) -> Section:
    fields = []
    for signatory, name in ((Signatory.SUPERVISOR, supervisor_name), (Signatory.SUPERVISEE, supervisee_name)):
        confirmation = record.confirmation_of(signatory)
        fields.append((name, f"{confirmation.confirmation.label}, {format_long_datetime(confirmation.at)}"
                       if confirmation else "Not yet confirmed"))
    return Section("sign_off", "Sign-off", fields=tuple(fields))


def _witnessed(record: SessionRecord, supervisor_name: str) -> str:
    confirmation = record.confirmation_of(Signatory.SUPERVISEE)
    if confirmation is None:
        return ""
    return (f"Confirmed in person at sign-off on {format_long_datetime(confirmation.at)}: "
            f"{confirmation.confirmation.label}. Witnessed by {supervisor_name}; "
            "this is not the supervisee's digital signature.")


def _addenda(record: SessionRecord, supervisor_name: str, supervisee_name: str) -> Section:
    names = {Signatory.SUPERVISOR: supervisor_name, Signatory.SUPERVISEE: supervisee_name}
    parts = []
    for number, addendum in enumerate(record.addenda, start=1):
        fields = [(names[c.signatory], f"{c.confirmation.label}, {format_long_datetime(c.at)}")
                  for c in addendum.confirmations]
        if not addendum.signed_off:
            fields.append(("Status", "Awaiting sign-off"))
        written = format_long_datetime(addendum.written_at)
        parts.append(Section(f"addendum:{addendum.id}", f"Addendum {number}, {written}, by {names[addendum.author]}",
                             paragraphs=(addendum.text,), fields=tuple(fields)))
    return Section("addenda", "Addenda", subsections=tuple(parts), empty_text="None.")


def with_hidden(note: NoteDocument, hidden: frozenset[str]) -> NoteDocument:
    """The note with some optional sections switched off for this copy.

    With the wellbeing section off, an agreed action still says it came from
    a wellbeing flag, but not which one: the flag's category is wellbeing detail.
    """
    if "wellbeing" not in hidden:
        return replace(note, hidden_sections=hidden)
    sections = []
    for section in note.sections:
        if section.key == "actions" and section.table is not None:
            rows = tuple((*row[:-1], _FROM_FLAG_LEFT_OUT if row[-1].startswith(f"{FROM_FLAG}: ") else row[-1])
                         for row in section.table.rows)
            section = replace(section, table=replace(section.table, rows=rows))
        sections.append(section)
    return replace(note, sections=tuple(sections), hidden_sections=hidden)


def left_out(note: NoteDocument) -> str:
    """The titles of the sections switched off for this copy, so the copy says it is not complete."""
    return ", ".join(section.title for section in note.sections if section.key in note.hidden_sections)


def render_text(note: NoteDocument) -> str:
    """The note as plain text, for the terminal.

    Every name, title and value may have come from outside the app, so hidden
    characters show as ``<U+XXXX>`` (:func:`supervision_app.untrusted.visible`):
    only text written as paragraphs or values keeps its new lines, and their
    continuation lines are indented, so no quoted text can pass for a line of the note.
    """
    title = visible(note.title)
    lines = [title, "=" * len(title), note.marking, ""]
    header = [(visible(label), visible(value)) for label, value in note.header]
    width = max(len(label) for label, _ in header)
    lines += [f"{label + ':':<{width + 1}} {value}" for label, value in header]
    lines.append(f"{'Status:':<{width + 1}} {note.status}")
    if left_out(note):
        lines.append(f"Left out of this copy: {left_out(note)}")
    for section in note.sections:
        if section.key in note.hidden_sections:
            continue
        heading = visible(section.title)
        lines += ["", heading, "-" * len(heading)]
        lines += _section_lines(section)
    if note.witnessed:
        lines += ["", "Supervisee's confirmation", "-" * 25, note.witnessed]
    return "\n".join(lines) + "\n"


def _lines(text: str, indent: str) -> str:
    """Text that may run over several lines: each line after the first indented under the first."""
    return f"\n{indent}  ".join(visible(text, allow_newlines=True).split("\n"))


def _section_lines(section: Section, depth: int = 0) -> list[str]:
    lines: list[str] = []
    indent = "  " * depth
    if section.is_empty and section.empty_text:
        return [indent + section.empty_text]
    for label, value in section.fields:
        lines.append(f"{indent}{visible(label)}: {_lines(value, indent)}")
    for paragraph in section.paragraphs:
        lines.append(indent + _lines(paragraph, indent))
    if section.table and section.table.rows:
        for row in section.table.rows:
            cells = [f"{visible(column)}: {_lines(cell, indent)}"
                     for column, cell in zip(section.table.columns, row, strict=True) if cell]
            lines.append(indent + "* " + "; ".join(cells))
    for sub in section.subsections:
        lines.append(indent + visible(sub.title))
        lines += _section_lines(sub, depth + 1)
    return lines


def note_for_session(store: SqlRecordStore, session_id: int, content: ToolkitContent | None = None) -> NoteDocument:
    """Gather everything the note needs for one session from the store."""
    from supervision_app.content import load_content
    from supervision_app.paths import resources_dir
    from supervision_app.services import people
    from supervision_app.services.handovers import held_by
    from supervision_app.services.sessions import find_session  # not at the top: sessions → people → signing → here

    session = find_session(store, session_id)
    supervisee = store.get_person(session.supervisee_id)
    # A session handed over to this vault was held by the supervisor who handed it over.
    handed_over_by = held_by(store, session_id)
    supervisor = (Person(handed_over_by, PersonRole.SUPERVISOR) if handed_over_by is not None
                  else store.own_profile())
    return build_note(
        session, store.load_record(session_id), supervisee, supervisor,
        store.get_agreement(supervisee.id), store.history(supervisee.id),
        content or load_content(resources_dir()),
        organisation=store.get_meta(people.ORGANISATION_KEY) or "",
    )
