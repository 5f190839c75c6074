"""Everything the vault holds about one person, as JSON (``docs/ACCESS.md``) and as sections of a readable PDF.

This is the person's own data, so nothing is left out: private and discussed
items appear in full, each marked with its visibility. The session parts reuse
the note's section builders (``services/note``) on the whole record, not on the
record's view (``on_the_record``), which is what the note prints.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from supervision_app.content import ToolkitContent
from supervision_app.domain.access import AccessRequest
from supervision_app.domain.agreement import Agreement
from supervision_app.domain.audit import AuditEntry
from supervision_app.domain.codec import to_json
from supervision_app.domain.exchange import Pairing
from supervision_app.domain.identity import SignedNote
from supervision_app.domain.model import Person
from supervision_app.domain.record import Action, ReviewOutcome, SessionRecord, WellbeingCheckIn
from supervision_app.domain.rules import HeldSession
from supervision_app.formatting import format_long_date, format_long_datetime, format_long_day
from supervision_app.services.access_agreements import HeldAgreements, agreement_sections, agreements_json
from supervision_app.services.access_groups import HeldGroup, group_section, groups_json
from supervision_app.services.note import (
    _OUTCOME_LABELS,
    Section,
    Table,
    _actions,
    _addenda,
    _agenda,
    _decisions,
    _frame_section,
    _learning,
    _sign_off,
    owner_label,
)
from supervision_app.storage.access import KeyFact
from supervision_app.storage.records import PackLogEntry

FORMAT = "supervision-app access request"
VERSION = 1
SCHEMA_FILE = "access-export.schema.json"
"""The JSON Schema of the export, in resources/schemas/ and copied into every export folder."""

TITLE = "Everything held about one person"
MARKING = "CONFIDENTIAL: personal data for an access request, private items included. Not encrypted."


@dataclass(frozen=True)
class PersonRecords:
    """Everything the vault holds about one person, gathered in one transaction."""

    person: Person
    me: Person | None  # the user, who holds the records
    organisation: str
    agreement: Agreement | None
    history: list[HeldSession]  # oldest first
    signed_notes: list[SignedNote]
    pairing: Pairing | None
    keys: list[KeyFact]
    packs: list[PackLogEntry]
    activity: list[AuditEntry]
    requests: list[AccessRequest]
    reply_by: Callable[[date], date]  # the day a reply to a request received that day is due
    agreements: HeldAgreements  # the agreement's signed versions and their reviews
    groups: list[HeldGroup]  # group sessions with them not yet signed off, with their record of each


def note_file(session_id: int) -> str:
    """Where a session's signed note goes in the export folder, byte for byte."""
    return f"signed-notes/session-{session_id}.pdf"


# --- JSON ----------------------------------------------------------------------------------


def _value(dataclass_value: object) -> Any:
    return json.loads(to_json(dataclass_value))


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _request(request: AccessRequest, due: Callable[[date], date]) -> dict[str, Any]:
    return {"id": request.id, "received": request.received.isoformat(),
            "reply_by": due(request.received).isoformat(),
            "exported_at": request.exported_at.isoformat(timespec="seconds") if request.exported_at else None}


def export_json(data: PersonRecords, request: AccessRequest, exported_at: datetime) -> dict[str, Any]:
    """The export as a JSON value that validates against ``resources/schemas/access-export.schema.json``."""
    person = data.person
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": exported_at.isoformat(timespec="seconds"),
        "request": _request(request, data.reply_by),
        "held_by": {"name": data.me.name if data.me else "", "organisation": data.organisation},
        "person": {"id": person.id, "name": person.name, "role": person.role.value, "job_title": person.job_title,
                   "team": person.team, "start_date": _day(person.start_date),
                   "newly_qualified": person.newly_qualified},
        "agreement": _value(data.agreement) if data.agreement else None,
        **agreements_json(data.agreements),
        "sessions": [{
            "id": held.session.id, "scheduled_start": held.session.scheduled_start.isoformat(timespec="minutes"),
            "duration_minutes": held.session.duration_minutes, "mode": held.session.mode.value,
            "location": held.session.location, "status": held.session.status.value,
            "booking_notes": held.session.notes, "cancellation_reason": held.session.cancellation_reason,
            "rebooked_from_id": held.session.rebooked_from_id, "record": _value(held.record),
        } for held in data.history],
        "group_sessions_in_progress": groups_json(data.groups),
        "actions": [{
            "id": trail.action.id, "text": trail.action.text, "owner": trail.action.owner.value,
            "owner_name": trail.action.owner_name, "due": _day(trail.action.due),
            "raised_in_session_id": trail.raised_in.session.id, "state": trail.state,
            "history": [{"session_id": held.session.id, "outcome": outcome.value, "note": note}
                        for held, outcome, note in trail.reviews],
        } for trail in action_trails(data.history)],
        "signed_notes": [{
            "session_id": note.session_id, "file": note_file(note.session_id), "sha256": _sha256(note.pdf),
            "fingerprint": note.fingerprint, "signatures": note.signatures, "page_size": note.page_size,
            "hidden_sections": sorted(note.hidden_sections),
        } for note in data.signed_notes],
        "pairing": None if data.pairing is None else {
            "fingerprint": data.pairing.fingerprint, "their_role": data.pairing.their_role.value,
            "paired_at": data.pairing.paired_at.isoformat(timespec="seconds") if data.pairing.paired_at else None,
            "paired_by": "file" if data.pairing.certificate_der is not None else "code",
        },
        "signing_keys": [{"fingerprint": key.fingerprint, "created_at": key.created_at,
                          "retired_at": key.retired_at} for key in data.keys],
        "exchange_files": [{"pack_id": pack.pack_id, "direction": pack.direction, "kind": pack.kind,
                            "subject": pack.subject, "sequence": pack.sequence,
                            "created_at": pack.created_at.isoformat(timespec="seconds")} for pack in data.packs],
        "activity_log": [{"seq": entry.seq, "at": entry.at, "action": entry.action, "subject": entry.subject,
                          "detail": entry.detail} for entry in data.activity],
        "access_requests": [_request(each, data.reply_by) for each in data.requests],
    }


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- actions and their history --------------------------------------------------------------


@dataclass(frozen=True)
class ActionTrail:
    action: Action
    raised_in: HeldSession
    reviews: list[tuple[HeldSession, ReviewOutcome, str]]

    @property
    def state(self) -> str:
        closing = [outcome for _, outcome, _ in self.reviews if outcome.closes]
        return closing[-1].value if closing else "open"


def action_trails(history: list[HeldSession]) -> list[ActionTrail]:
    """Each action agreed in these sessions, with every later review of it, in order."""
    trails: dict[str, ActionTrail] = {}
    for held in history:
        for review in held.record.reviews:
            trail = trails.get(review.action_id)
            if trail is not None and review.outcome is not ReviewOutcome.NOT_REVIEWED:
                trail.reviews.append((held, review.outcome, review.note))
        for action in held.record.actions:
            trails[action.id] = ActionTrail(action, held, [])
    return list(trails.values())


# --- the readable sections --------------------------------------------------------------------


def header_rows(data: PersonRecords, request: AccessRequest, exported_at: datetime) -> list[tuple[str, str]]:
    rows = [("Person", data.person.name),
            ("Request received", format_long_day(request.received)),
            ("Reply due by", format_long_day(data.reply_by(request.received))),
            ("Copy made", format_long_datetime(exported_at))]
    if data.me is not None:
        rows.append(("Records held by", data.me.name))
    if data.organisation:
        rows.append(("Organisation", data.organisation))
    return rows


def sections(data: PersonRecords, content: ToolkitContent) -> list[Section]:
    person, supervisor = data.person, data.me
    return [
        Section("about", "About this copy", paragraphs=(
            f"This is every record this app holds about {person.name}, copied for their access request. "
            "It includes items marked private or discussed: those are kept out of the supervision record, "
            "but they are their data. Each session's signed note, and each signed version of the agreement, is "
            "also in this folder as the PDF that was signed, unchanged, and everything here is in "
            f"all-records.json too, in the format described by {SCHEMA_FILE}.",)),
        _details(person),
        _agreement(data.agreement),
        *agreement_sections(data.agreements, content.agreement_review, supervisor.name if supervisor else "Supervisor",
                            person.name),
        *([_session(number, held, data, content) for number, held in enumerate(data.history, start=1)]
          or [Section("sessions", "Sessions", empty_text="No sessions are recorded.")]),
        group_section(data.groups, lambda visibility: _visibility(content, visibility.value),
                      lambda record: _actions(record, data.me, data.person, content)),
        _action_history(data.history, supervisor, person),
        Section("signed_notes", "Signed notes", table=Table(
            ("Session", "File in this folder", "Signatures", "Fingerprint"),
            tuple((_session_label(data.history, note.session_id), note_file(note.session_id),
                   str(note.signatures), note.fingerprint) for note in data.signed_notes)),
            empty_text="No signed notes are kept."),
        _exchange(data),
        Section("activity", "Activity log entries about them", paragraphs=(
            "The activity log holds ids, never names or content: the entries for this person and their "
            "sessions.",), table=Table(("Entry", "When", "What", "About", "Detail"), tuple(
                (str(entry.seq), entry.at, entry.action, entry.subject, entry.detail) for entry in data.activity))),
        Section("requests", "Access requests", table=Table(("Received", "Reply due by", "Copy made"), tuple(
            (format_long_day(each.received), format_long_day(data.reply_by(each.received)),
             format_long_datetime(each.exported_at) if each.exported_at else "Not yet")
            for each in data.requests))),
    ]


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def _details(person: Person) -> Section:
    return Section("details", "Their details", fields=(
        ("Name", person.name), ("Role", person.role.value.capitalize()),
        ("Job title", person.job_title or "Not recorded"), ("Team", person.team or "Not recorded"),
        ("Start date", format_long_date(person.start_date) if person.start_date else "Not recorded"),
        ("Newly qualified (ASYE)", _yes_no(person.newly_qualified))))


def _agreement(agreement: Agreement | None) -> Section:
    if agreement is None:
        return Section("agreement", "Supervision agreement", empty_text="No agreement is saved.")
    fields = [("Supervisor is line manager", _yes_no(agreement.supervisor_is_line_manager))]
    if agreement.line_manager_name:
        fields.append(("Line manager", agreement.line_manager_name))
    fields += [("Mode", agreement.mode.label), ("Place", agreement.place or "Not recorded")]
    if agreement.technology_notes:
        fields.append(("Technology", agreement.technology_notes))
    fields += [("How often", agreement.cadence_label.capitalize()),
               ("Length", f"{agreement.length_minutes} minutes"),
               ("Protected time committed", _yes_no(agreement.protected_time_committed)),
               ("Confidentiality", agreement.confidentiality_terms or "Not recorded"),
               ("Review by", format_long_date(agreement.review_date) if agreement.review_date else "Not set")]
    return Section("agreement", "Supervision agreement", fields=tuple(fields))


def _session_label(history: list[HeldSession], session_id: int) -> str:
    held = next((h for h in history if h.session.id == session_id), None)
    return format_long_datetime(held.session.scheduled_start) if held else f"Session {session_id}"


def _session(number: int, held: HeldSession, data: PersonRecords, content: ToolkitContent) -> Section:
    session, record = held.session, held.record
    supervisor_name = data.me.name if data.me else "Supervisor"
    booking = [("Status", session.status.label), ("Length booked", f"{session.duration_minutes} minutes"),
               ("Mode and place", f"{session.mode.label}: {session.location}".rstrip(": "))]
    if session.notes:
        booking.append(("Booking notes", session.notes))
    if session.cancellation_reason:
        booking.append(("Cancelled", session.cancellation_reason))
    if session.rebooked_from_id is not None:
        booking.append(("Rebooked from", _session_label(data.history, session.rebooked_from_id)))
    if record.prepared is not None:
        booking.append(("Agenda prepared by", f"{record.prepared.prepared_by}, "
                        f"{format_long_datetime(record.prepared.prepared_at)} (key {record.prepared.fingerprint}); "
                        f"imported {format_long_datetime(record.prepared.imported_at)}"))
    parts = [
        Section("booking", "Booking", fields=tuple(booking)),
        _frame_section(session, record, data.agreement, supervisor_name),
        _reviews(record, data.history),
        _agenda(record, lambda visibility: _visibility(content, visibility.value)),
        _decisions(record),
        _checkin(record.checkin, content),
        _flags(record, content),
        _learning(record),
        _actions(record, data.me, data.person, content),
        Section("comments", "Their comments", paragraphs=(record.supervisee_comment,)
                if record.supervisee_comment.strip() else (), empty_text="No comments."),
        Section("next_session", "Next session", fields=(
            ("Booked for", format_long_datetime(record.next_session)),) if record.next_session else (),
            empty_text="Not booked."),
        _sign_off(record, supervisor_name, data.person.name),
        _addenda(record, supervisor_name, data.person.name),
    ]
    return Section(f"session:{session.id}", f"Session {number}: {format_long_datetime(session.scheduled_start)}",
                   subsections=tuple(parts))


def _reviews(record: SessionRecord, history: list[HeldSession]) -> Section:
    texts = {action.id: action.text for held in history for action in held.record.actions}
    rows = tuple((texts.get(review.action_id, "An action no longer in this vault"), _OUTCOME_LABELS[review.outcome],
                  review.note) for review in record.reviews)
    return Section("reviews", "Actions from earlier sessions", table=Table(("Action", "Outcome", "Note"), rows),
                   empty_text="No earlier actions were reviewed.")


def _visibility(content: ToolkitContent, value: str) -> str:
    option = content.flags.visibility(value)
    return f"{option.label}: {option.description}"


def _checkin(checkin: WellbeingCheckIn, content: ToolkitContent) -> Section:
    if checkin.is_empty:
        return Section("checkin", "Wellbeing check-in", empty_text="Nothing was recorded.")
    fields = [("Visibility", _visibility(content, checkin.visibility.value))]
    if checkin.opening.strip():
        fields.append(("Opening answer", checkin.opening))
    scale = content.hse_standards.rating_scale
    names = {standard.id: standard.name for standard in content.hse_standards.standards}
    for standard_id, rating in checkin.hse.items():
        value = scale.point(rating.rating).label if rating.rating else "Not rated"
        fields.append((names.get(standard_id, standard_id), f"{value}. {rating.note}" if rating.note else value))
    ticked = {item.id: item.text for item in content.wellbeing_checklist.items}
    if checkin.checklist:
        fields.append(("Ticked on the wellbeing checklist",
                       "; ".join(ticked.get(item, item) for item in sorted(checkin.checklist))))
    stressors = {item.id: item.text for item in content.personal_stressors.items}
    for stressor_id, stressor in checkin.stressors.items():
        brought = "brought to supervision" if stressor.bring_to_supervision else "not brought to supervision"
        fields.append((stressors.get(stressor_id, stressor_id), f"Impact {stressor.impact} of 5, {brought}"))
    if checkin.notes.strip():
        fields.append(("Notes", checkin.notes))
    return Section("checkin", "Wellbeing check-in", fields=tuple(fields))


def _flags(record: SessionRecord, content: ToolkitContent) -> Section:
    category = {option.id: option.label for option in content.flags.categories}
    level = {option.id: option.label for option in content.flags.levels}
    visibility = {option.id: option.label for option in content.flags.visibilities}
    signposts = {service.id: service.name for service in content.support_directory.services}
    rows = tuple((category.get(flag.category_id, flag.category_id), level.get(flag.level.value, flag.level.value),
                  visibility.get(flag.visibility.value, flag.visibility.value), flag.detail,
                  signposts.get(flag.signpost_id or "", "")) for flag in record.flags)
    return Section("flags", "Wellbeing flags", table=Table(("Flag", "Level", "Visibility", "Detail", "Support"), rows),
                   empty_text="No flags.")


def _action_history(history: list[HeldSession], supervisor: Person | None, person: Person) -> Section:
    parts = []
    for trail in action_trails(history):
        action = trail.action
        fields = (("Owner", owner_label(action.owner, action.owner_name, supervisor, person)),
                  ("Due", format_long_day(action.due) if action.due else "No date"),
                  ("Agreed in the session of", format_long_datetime(trail.raised_in.session.scheduled_start)),
                  ("Now", {"open": "Open", "done": "Done", "dropped": "Dropped"}[trail.state]))
        rows = tuple((format_long_datetime(held.session.scheduled_start), _OUTCOME_LABELS[outcome], note)
                     for held, outcome, note in trail.reviews)
        parts.append(Section(f"action:{action.id}", action.text, fields=fields,
                             table=Table(("Reviewed in the session of", "Outcome", "Note"), rows)))
    return Section("actions", "Actions and their history", subsections=tuple(parts), empty_text="No actions.")


def _exchange(data: PersonRecords) -> Section:
    fields: list[tuple[str, str]] = []
    if data.pairing is not None:
        fields += [("Paired key fingerprint", data.pairing.fingerprint),
                   ("Paired on", format_long_datetime(data.pairing.paired_at) if data.pairing.paired_at else ""),
                   ("Paired by", "Pairing file" if data.pairing.certificate_der is not None else "Pairing code")]
    for key in data.keys:
        held = f"made {key.created_at}" + (f", retired {key.retired_at} (its private key deleted)"
                                           if key.retired_at else "")
        fields.append((f"Signing key held in their name ({held})", key.fingerprint))
    rows = tuple(({"in": "Received", "out": "Sent"}.get(pack.direction, pack.direction), pack.kind,
                  format_long_datetime(pack.created_at), str(pack.sequence)) for pack in data.packs)
    return Section("exchange", "Pairing, keys and files exchanged", fields=tuple(fields),
                   table=Table(("Direction", "Kind", "Made", "Sequence"), rows),
                   empty_text="Not paired; no files exchanged.")
