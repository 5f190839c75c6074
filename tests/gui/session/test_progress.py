"""Each step's progress, in words, from the record alone."""

from __future__ import annotations

from datetime import datetime

from supervision_app.domain.record import (
    Action,
    ActionReview,
    AgendaItem,
    Flag,
    HseRating,
    ReviewOutcome,
    SessionRecord,
    TimeProtection,
)
from supervision_app.gui.session import progress
from supervision_app.gui.session.progress import Progress


def test_a_new_record_has_not_started_anything_but_has_nothing_to_review() -> None:
    record = SessionRecord()
    assert progress.setting(record, remote=False) is Progress.NOT_STARTED
    assert progress.review(record) is Progress.DONE
    for step in (progress.agenda, progress.discussion, progress.checkin, progress.flags, progress.learning,
                 progress.actions, progress.next_session, progress.sign_off):
        assert step(record) is Progress.NOT_STARTED, step.__name__


def test_steps_move_from_started_to_done() -> None:
    record = SessionRecord()
    setting = record.setting
    setting.present = "Both of us"
    assert progress.setting(record, remote=True) is Progress.STARTED
    setting.private_space_confirmed = True
    setting.started_at, setting.ended_at = datetime(2026, 1, 5, 10), datetime(2026, 1, 5, 11)
    setting.time_protection = TimeProtection.PROTECTED
    assert progress.setting(record, remote=True) is Progress.STARTED  # the connection is not checked yet
    assert progress.setting(record, remote=False) is Progress.DONE

    record.reviews = [ActionReview("a", ReviewOutcome.DONE), ActionReview("b")]
    assert progress.review(record) is Progress.STARTED
    record.reviews[1].outcome = ReviewOutcome.CARRIED_FORWARD
    assert progress.review(record) is Progress.DONE

    record.agenda = [AgendaItem("Caseload", reached=True, notes="Agreed a cap")]
    assert progress.agenda(record) is Progress.DONE and progress.discussion(record) is Progress.DONE
    record.checkin.opening = "Good month"
    assert progress.checkin(record) is Progress.STARTED
    record.checkin.hse["demands"] = HseRating(3)
    assert progress.checkin(record) is Progress.DONE
    record.flags = [Flag("long_hours")]
    assert progress.flags(record) is Progress.STARTED
    record.actions = [Action("Book the course")]
    assert progress.actions(record) is Progress.DONE
