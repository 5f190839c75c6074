"""Every attacked note is refused by NoteService.verify, on the supervisor's and on the supervisee's install.

The genuine notes verify, so none of this passes because nothing verifies.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from supervision_app.services.verification import VerificationReport
from tests.attacks.conftest import problems_of
from tests.attacks.corpus import ATTACKS, SUPERVISEE_FIELD, SUPERVISOR_FIELD, Attack, Makings
from tests.attacks.world import Genuine
from tests.exchange.installs import Install

Reports = Callable[[Attack], dict[str, VerificationReport]]


@pytest.fixture(scope="module")
def reports(makings: Makings, verifiers: dict[str, Install]) -> Reports:
    """Both installs' reports on an attacked note, made once (the two tests below share them)."""
    made: dict[str, dict[str, VerificationReport]] = {}

    def of(attack: Attack) -> dict[str, VerificationReport]:
        if attack.id not in made:
            pdf = makings.pdf(attack)
            made[attack.id] = {who: install.notes.verify(pdf) for who, install in verifiers.items()}
        return made[attack.id]

    return of


@pytest.mark.parametrize("which", ["single", "double"])
def test_the_genuine_notes_verify_in_both_apps(genuine: Genuine, verifiers: dict[str, Install], which: str) -> None:
    pdf = genuine.single if which == "single" else genuine.double
    for install in verifiers.values():
        report = install.notes.verify(pdf)
        assert report.ok, report
        assert [s.field for s in report.signatures] == [SUPERVISOR_FIELD, SUPERVISEE_FIELD][:len(report.signatures)]
        assert len(report.signatures) == (1 if which == "single" else 2)
        assert not getattr(report, "problems", [])


def test_attack_names_are_unique() -> None:
    assert len({attack.id for attack in ATTACKS}) == len(ATTACKS)


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda a: a.id)
def test_verify_refuses(attack: Attack, reports: Reports) -> None:
    for who, report in reports(attack).items():
        assert report.ok is False, (who, report)


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda a: a.id)
def test_verify_says_what_failed(attack: Attack, reports: Reports) -> None:
    for report in reports(attack).values():
        assert report.ok is False
        problems_of(report, attack)


def test_a_note_cut_back_to_the_supervisors_revision_shows_one_signature(
        genuine: Genuine, verifiers: dict[str, Install]) -> None:
    """Cut exactly where the supervisee's revision begins, the file *is* the singly signed note.

    It verifies as that (see the sanity test), but never as signed by both.
    Where a countersigned note is expected (the supervisor's import of a
    .svsigned, a record for a note the supervisee has signed) it is refused:
    see test_exchange. A revision that takes the signature out of the field
    instead is the corpus's truncation-unsigned_by_update.
    """
    truncated = genuine.double[:len(genuine.single)]
    assert truncated == genuine.single
    for install in verifiers.values():
        report = install.notes.verify(truncated)
        assert [s.field for s in report.signatures] == [SUPERVISOR_FIELD]
