"""How far each step of a session has got, in words (no Qt, so it is easy to test)."""

from __future__ import annotations

from enum import StrEnum

from supervision_app.domain.record import ReviewOutcome, SessionRecord, TimeProtection, Visibility


class Progress(StrEnum):
    NOT_STARTED = "not started"
    STARTED = "started"
    DONE = "done"

    @property
    def label(self) -> str:
        return self.value.capitalize()


def _of(started: bool, done: bool) -> Progress:
    if done:
        return Progress.DONE
    return Progress.STARTED if started else Progress.NOT_STARTED


def setting(record: SessionRecord, remote: bool) -> Progress:
    s = record.setting
    recorded = s.time_protection is not TimeProtection.NOT_RECORDED
    started = any((s.present.strip(), s.private_space_confirmed, s.connection_checked, s.started_at,
                   s.ended_at, recorded, s.interruption_note.strip()))
    done = bool(s.present.strip() and s.private_space_confirmed and (s.connection_checked or not remote)
                and s.started_at and s.ended_at and recorded)
    return _of(started, done)


def review(record: SessionRecord) -> Progress:
    reviewed = [r for r in record.reviews if r.outcome is not ReviewOutcome.NOT_REVIEWED]
    return _of(bool(reviewed), len(reviewed) == len(record.reviews))


def agenda(record: SessionRecord) -> Progress:
    items = record.agenda
    finished = all(item.reached for item in items) or record.setting.ended_at is not None
    return _of(bool(items), bool(items) and finished)


def _discussed(record: SessionRecord) -> list[bool]:
    return [bool(item.notes.strip() or item.went_well.strip() or item.difficult.strip()
                 or item.learned.strip() or item.decisions) for item in record.agenda]


def discussion(record: SessionRecord) -> Progress:
    discussed = _discussed(record)
    reached = [d for d, item in zip(discussed, record.agenda, strict=True) if item.reached]
    return _of(any(discussed), bool(reached) and all(reached))


def checkin(record: SessionRecord) -> Progress:
    c = record.checkin
    rated = any(r.rating is not None or r.note.strip() for r in c.hse.values())
    started = any((c.opening.strip(), rated, c.checklist, c.stressors, c.notes.strip(),
                   c.visibility is not Visibility.DISCUSSED))
    return _of(started, bool(c.opening.strip()) and rated)


def flags(record: SessionRecord) -> Progress:
    return _of(bool(record.flags), bool(record.flags) and all(f.detail.strip() for f in record.flags))


def learning(record: SessionRecord) -> Progress:
    return _of(record.learning_cpd, bool(record.learning.strip()))


def actions(record: SessionRecord) -> Progress:
    return _of(bool(record.actions), bool(record.actions) and all(a.text.strip() for a in record.actions))


def next_session(record: SessionRecord) -> Progress:
    return _of(False, record.next_session is not None)


def sign_off(record: SessionRecord) -> Progress:
    return _of(bool(record.confirmations), record.signed_off)
