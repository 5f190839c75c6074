"""The agreement between two installs: sent, countersigned, returned, verified, and a changed one signed again."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from supervision_app.domain.model import Person
from supervision_app.exchange.agreement import (
    countersign_agreement,
    export_agreement,
    resend_countersigned_agreement,
)
from supervision_app.exchange.envelope import ExchangeError, seal
from supervision_app.logging_setup import quieten_libraries
from supervision_app.services.people import agreement_for, save_agreement
from supervision_app.services.verification import verdict
from supervision_app.storage import agreements
from tests.exchange.installs import Clock, Install, pair_both_ways, refused_without_change, two_installs, vault_state

NOW = datetime(2026, 11, 20, 17, 30)


@dataclass
class Pair:
    aisha: Install
    zoe_app: Install
    zoe: Person  # on Aisha's install
    aisha_there: Person  # Aisha on Zoë's install
    clock: Clock

    def seal_as(self, sender: Install, recipient: Install, kind: str, document: dict[str, object]) -> bytes:
        """Contents chosen by the test, sealed and signed with the sender's real key (a tampered app's output)."""
        return seal(json.dumps(document).encode(), kind=kind, sender=sender.exchange.identity(),
                    recipient_key=recipient.exchange.identity().public_key_der,
                    sequence=int(self.clock.now.timestamp()) + 10**9, created_at=self.clock.now)


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[Pair]:
    quieten_libraries()
    with two_installs(tmp_path, NOW) as (aisha, zoe_app, zoe, clock):
        supervisor = pair_both_ways(aisha, zoe_app)
        save_agreement(aisha.store, replace(agreement_for(aisha.store, zoe, NOW.date()), place="Room 4, Hale House"))
        yield Pair(aisha, zoe_app, zoe, supervisor, clock)


def _sent_and_countersigned(pair: Pair) -> bytes:
    outcome = pair.zoe_app.exchange.import_pack(export_agreement(pair.aisha.exchange, pair.zoe.id))
    assert outcome.kind == "agreement" and "Version 1 of the supervision agreement from Aisha Rahman" in outcome.message
    pair.clock.now += timedelta(hours=1)
    return countersign_agreement(pair.zoe_app.exchange, pair.aisha_there.id)


def test_the_agreement_goes_to_the_supervisee_comes_back_signed_by_both_and_verifies(pair: Pair,
                                                                                      tmp_path: Path) -> None:
    outcome = pair.zoe_app.exchange.import_pack(export_agreement(pair.aisha.exchange, pair.zoe.id))
    assert "the signature is theirs and nothing was altered" in outcome.message
    held, pdf, signatures = agreements.latest_received(pair.zoe_app.store, pair.aisha_there.id)
    assert (held.version, signatures) == (1, 1)
    assert held.terms.place == "Room 4, Hale House" and held.terms.supervisor_name == "Aisha Rahman"
    assert pdf == agreements.latest(pair.aisha.store, pair.zoe.id).pdf

    signed_pack = countersign_agreement(pair.zoe_app.exchange, pair.aisha_there.id)
    outcome = pair.aisha.exchange.import_pack(signed_pack)
    assert outcome.kind == "agreement_signed"
    assert outcome.message == ("Zoë Whitfield signed version 1 of the supervision agreement. Both signatures are "
                               "verified; it is kept signed by both of you.")
    kept = agreements.latest(pair.aisha.store, pair.zoe.id)
    assert (kept.version, kept.signatures) == (1, 2)
    _, zoe_pdf, zoe_signatures = agreements.latest_received(pair.zoe_app.store, pair.aisha_there.id)
    assert zoe_pdf == kept.pdf and zoe_signatures == 2
    for install in (pair.aisha, pair.zoe_app):
        report = install.notes.verify(kept.pdf)
        assert report.ok, report.problems
        assert [s.signer for s in report.signatures] == ["Aisha Rahman", "Zoë Whitfield"]
        assert report.document == "agreement"
        assert verdict(report) == ("Both signatures are valid, each by the person the agreement names, "
                                   "and the agreement has not changed since.")
    if shutil.which("pdfsig"):
        path = tmp_path / "agreement.pdf"
        path.write_bytes(kept.pdf)
        result = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False)
        assert result.stdout.count("Signature is Valid.") == 2, result.stdout
        assert "Zoë Whitfield" in result.stdout and "Aisha Rahman" in result.stdout


def test_a_changed_agreement_is_a_new_version_that_must_be_signed_again(pair: Pair) -> None:
    pair.aisha.exchange.import_pack(_sent_and_countersigned(pair))
    with pytest.raises(ExchangeError, match="already signed version 1"):
        export_agreement(pair.aisha.exchange, pair.zoe.id)
    pair.clock.now += timedelta(days=1)
    save_agreement(pair.aisha.store, replace(pair.aisha.store.get_agreement(pair.zoe.id), frequency_weeks=2))
    outcome = pair.zoe_app.exchange.import_pack(export_agreement(pair.aisha.exchange, pair.zoe.id))
    assert "Version 2" in outcome.message
    held, _pdf, signatures = agreements.latest_received(pair.zoe_app.store, pair.aisha_there.id)
    assert (held.version, held.terms.cadence_label, signatures) == (2, "fortnightly", 1)
    versions = agreements.versions(pair.aisha.store, pair.zoe.id)
    assert [(v.version, v.signatures) for v in versions] == [(1, 2), (2, 1)]
    pair.aisha.exchange.import_pack(countersign_agreement(pair.zoe_app.exchange, pair.aisha_there.id))
    assert [v.signatures for v in agreements.versions(pair.aisha.store, pair.zoe.id)] == [2, 2]


def test_the_countersigned_agreement_can_be_sent_again_but_is_kept_once(pair: Pair) -> None:
    pair.aisha.exchange.import_pack(_sent_and_countersigned(pair))
    pair.clock.now += timedelta(minutes=5)
    again = resend_countersigned_agreement(pair.zoe_app.exchange, pair.aisha_there.id)
    refused_without_change(pair.aisha, again, "already kept")
    with pytest.raises(ExchangeError, match="already signed version 1"):
        countersign_agreement(pair.zoe_app.exchange, pair.aisha_there.id)


def test_the_supervisee_cannot_sign_before_an_agreement_arrives(pair: Pair) -> None:
    before = vault_state(pair.zoe_app)
    with pytest.raises(ExchangeError, match="There is no agreement from Aisha Rahman here"):
        countersign_agreement(pair.zoe_app.exchange, pair.aisha_there.id)
    assert vault_state(pair.zoe_app) == before


# --- hostile and damaged files -------------------------------------------------------------------


def _agreement_document(pair: Pair) -> dict[str, object]:
    _opened, payload = pair.zoe_app.exchange.read_pack(export_agreement(pair.aisha.exchange, pair.zoe.id))
    return json.loads(payload.model_dump_json(by_alias=True))


def test_an_agreement_whose_pdf_was_altered_is_refused(pair: Pair) -> None:
    document = _agreement_document(pair)
    pdf = base64.b64decode(str(document["pdf"]))
    middle = len(pdf) // 3
    altered = pdf[:middle] + bytes([pdf[middle] ^ 1]) + pdf[middle + 1:]
    document["pdf"] = base64.b64encode(altered).decode()
    message = refused_without_change(pair.zoe_app, pair.seal_as(pair.aisha, pair.zoe_app, "agreement", document))
    assert "nothing was imported" in message


def test_an_agreement_whose_details_disagree_with_its_pdf_is_refused(pair: Pair) -> None:
    document = _agreement_document(pair)
    document["fingerprint"] = "AAAA-AAAA-AAAA"
    refused_without_change(pair.zoe_app, pair.seal_as(pair.aisha, pair.zoe_app, "agreement", document),
                           "do not match the signed agreement")


def test_a_signed_note_sent_as_an_agreement_is_refused(pair: Pair) -> None:
    from supervision_app.domain.record import Confirmation, Signatory
    from supervision_app.services.notes import NoteOptions

    session = pair.aisha.sessions.book(pair.zoe.id, NOW + timedelta(days=1))
    _opened, record = pair.aisha.sessions.open_session(session.id)
    pair.aisha.sessions.confirm(session.id, record, Signatory.SUPERVISOR, Confirmation.AGREED)
    pair.aisha.sessions.confirm(session.id, record, Signatory.SUPERVISEE, Confirmation.AGREED)
    note = pair.aisha.notes.sign_as_supervisor(session.id, NoteOptions())
    document = _agreement_document(pair)
    document["pdf"] = base64.b64encode(note).decode()
    refused_without_change(pair.zoe_app, pair.seal_as(pair.aisha, pair.zoe_app, "agreement", document),
                           "something other than a supervision agreement")


def test_an_agreement_from_the_supervisee_is_refused(pair: Pair) -> None:
    document = _agreement_document(pair)
    refused_without_change(pair.aisha, pair.seal_as(pair.zoe_app, pair.aisha, "agreement", document),
                           "comes from a supervisor")


def test_a_countersigned_agreement_that_is_not_the_one_sent_is_refused(pair: Pair) -> None:
    _opened, payload = pair.aisha.exchange.read_pack(_sent_and_countersigned(pair))
    document = json.loads(payload.model_dump_json(by_alias=True))
    document["agreement_version"] = 7
    refused_without_change(pair.aisha, pair.seal_as(pair.zoe_app, pair.aisha, "agreement_signed", document),
                           "holds no version 7")
    document["agreement_version"] = 1
    pdf = base64.b64decode(str(document["pdf"]))
    document["pdf"] = base64.b64encode(pdf[:-200] + b" " * 200).decode()
    refused_without_change(pair.aisha, pair.seal_as(pair.zoe_app, pair.aisha, "agreement_signed", document))


@pytest.mark.parametrize("damage", [lambda b: b[:len(b) // 2], lambda b: b.replace(b'"kind"', b'"kinds"'),
                                    lambda b: b"", lambda b: b[:100] + b"\x00" + b[101:]])
def test_damaged_agreement_files_are_refused(pair: Pair, damage) -> None:  # type: ignore[no-untyped-def]
    pack = export_agreement(pair.aisha.exchange, pair.zoe.id)
    refused_without_change(pair.zoe_app, damage(pack))


def test_the_cli_writes_the_agreement_signed_by_both_once_it_is_back_and_verify_names_it(pair: Pair,
                                                                                          tmp_path: Path) -> None:
    from tests.exchange.test_cli_round_trip import run

    pair.aisha.exchange.import_pack(_sent_and_countersigned(pair))
    kept = agreements.latest(pair.aisha.store, pair.zoe.id)
    pair.aisha.vault.lock()
    output = tmp_path / "agreement.pdf"
    written = run(pair.aisha.paths.data_dir, "agreement", "Zoë", "-o", str(output))
    assert "version 1 of the agreement with Zoë Whitfield" in written and "signed by you and the supervisee" in written
    assert output.read_bytes() == kept.pdf
    checked = run(pair.aisha.paths.data_dir, "verify", str(output))
    assert ("Verified: Both signatures are valid, each by the person the agreement names, and the agreement has not "
            "changed since.") in checked
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(kept.pdf + b"\n% added after both signed\n")
    refused = run(pair.aisha.paths.data_dir, "verify", str(damaged), expect=14)
    verdict_line = refused.strip().splitlines()[-1]
    assert verdict_line.startswith("supervision-app: the agreement did not verify: ") and "note" not in verdict_line


# --- the review: each answers privately, the answers are exchanged and compared -----------------------


def _reviews(install: Install):  # type: ignore[no-untyped-def]
    from supervision_app.exchange.agreement import review_service

    return review_service(install.exchange)


def test_the_review_answers_are_exchanged_both_ways_and_the_differences_shown_to_both(pair: Pair) -> None:
    from supervision_app.domain.review import ReviewAnswer
    from supervision_app.exchange.agreement import export_review

    pair.aisha.exchange.import_pack(_sent_and_countersigned(pair))
    aisha_reviews, zoe_reviews = _reviews(pair.aisha), _reviews(pair.zoe_app)
    aisha_reviews.save_answers(pair.zoe, {"accessible": ReviewAnswer("fully"), "timely": ReviewAnswer("mostly"),
                                          "safe": ReviewAnswer("fully", "We talk openly.")})
    zoe_reviews.save_answers(pair.aisha_there, {
        "accessible": ReviewAnswer("partly", "Hard to reach between sessions."),
        "timely": ReviewAnswer("mostly"), "reflective": ReviewAnswer("not_at_all")})
    assert aisha_reviews.differences(pair.zoe) == []  # nothing to compare until the other answers arrive

    outcome = pair.zoe_app.exchange.import_pack(export_review(pair.aisha.exchange, pair.zoe.id))
    assert outcome.kind == "review" and "Open the review to see where your answers differ." in outcome.message
    outcome = pair.aisha.exchange.import_pack(export_review(pair.zoe_app.exchange, pair.aisha_there.id))
    assert outcome.kind == "review" and "Zoë Whitfield's answers" in outcome.message

    for reviews, person, mine_first in ((aisha_reviews, pair.zoe, True), (zoe_reviews, pair.aisha_there, False)):
        found = [(d.question_id, d.mine.rating if d.mine else None, d.theirs.rating if d.theirs else None, d.gap)
                 for d in reviews.differences(person)]
        aisha_side = [("accessible", "fully", "partly", 2), ("reflective", None, "not_at_all", 0),
                      ("safe", "fully", None, 0)]
        assert found == (aisha_side if mine_first else
                         [(q, theirs, mine, gap) for q, mine, theirs, gap in aisha_side])
    kept = aisha_reviews.review(pair.zoe)
    assert kept.theirs.answers["accessible"].comment == "Hard to reach between sessions."

    # They agree a change: a new version, which Zoë must sign again.
    save_agreement(pair.aisha.store, replace(pair.aisha.store.get_agreement(pair.zoe.id), length_minutes=60))
    pair.zoe_app.exchange.import_pack(export_agreement(pair.aisha.exchange, pair.zoe.id))
    pair.aisha.exchange.import_pack(countersign_agreement(pair.zoe_app.exchange, pair.aisha_there.id))
    assert [v.signatures for v in agreements.versions(pair.aisha.store, pair.zoe.id)] == [2, 2]


def test_answers_are_kept_private_until_sent_and_refused_when_empty(pair: Pair) -> None:
    from supervision_app.domain.review import ReviewAnswer
    from supervision_app.exchange.agreement import export_review
    from supervision_app.services.review import ReviewError

    before = vault_state(pair.aisha)
    with pytest.raises(ReviewError, match="There is no signed agreement with Zoë Whitfield to review yet"):
        _reviews(pair.aisha).save_answers(pair.zoe, {"accessible": ReviewAnswer("fully")})
    assert vault_state(pair.aisha) == before
    pair.aisha.exchange.import_pack(_sent_and_countersigned(pair))
    with pytest.raises(ExchangeError, match="Answer the review first"):
        export_review(pair.aisha.exchange, pair.zoe.id)
    with pytest.raises(ReviewError, match="Answer at least one question first"):
        _reviews(pair.aisha).save_answers(pair.zoe, {})
    with pytest.raises(ReviewError, match="does not know"):
        _reviews(pair.aisha).save_answers(pair.zoe, {"accessible": ReviewAnswer("brilliant")})


def _review_document(pair: Pair) -> dict[str, object]:
    from supervision_app.domain.review import ReviewAnswer
    from supervision_app.exchange.agreement import export_review

    pair.aisha.exchange.import_pack(_sent_and_countersigned(pair))
    _reviews(pair.zoe_app).save_answers(pair.aisha_there, {"accessible": ReviewAnswer("partly")})
    _opened, payload = pair.aisha.exchange.read_pack(export_review(pair.zoe_app.exchange, pair.aisha_there.id))
    return json.loads(payload.model_dump_json(by_alias=True))


@pytest.mark.parametrize(("change", "match"), [
    ({"agreement_version": 5}, "about version 5 of the agreement, but the one held here is version 1"),
    ({"answers": [{"question": "accessible", "rating": "superb", "comment": ""}]}, "does not know"),
    ({"answers": [{"question": "bribery", "rating": "fully", "comment": ""}]}, "does not know"),
    ({"answers": [{"question": "safe", "rating": "fully", "comment": ""}] * 2}, "answers a review question twice"),
    ({"answers": []}, "not in the expected form"),
    ({"answers": [{"question": "safe", "rating": "fully", "comment": "a\u202eb"}]}, "hidden or direction-changing"),
    ({"answered_by": "x" * 300}, "longer than the app allows"),
])
def test_hostile_review_answers_are_refused_and_change_nothing(pair: Pair, change: dict[str, object],
                                                               match: str) -> None:
    document = {**_review_document(pair), **change}
    pack = pair.seal_as(pair.zoe_app, pair.aisha, "review", document)
    refused_without_change(pair.aisha, pack, match)


def test_a_countersignature_that_says_something_else_is_refused(pair: Pair) -> None:
    """A tampered app on the supervisee's side signs with other words than the app's agreement."""
    from datetime import UTC

    from supervision_app.services.signing import sign_note

    pair.zoe_app.exchange.import_pack(export_agreement(pair.aisha.exchange, pair.zoe.id))
    _held, pdf, _signatures = agreements.latest_received(pair.zoe_app.store, pair.aisha_there.id)
    signed = sign_note(pdf, pair.zoe_app.exchange.identity(), "supervisee", fonts_dir=pair.zoe_app.notes.fonts_dir,
                       when=NOW.astimezone(UTC), reason="Supervisee: I do not agree to any of this")
    document = {"schema": "agreement_signed", "version": 1, "agreement_version": 1,
                "pdf": base64.b64encode(signed).decode(), "signed_at": NOW.isoformat()}
    refused_without_change(pair.aisha, pair.seal_as(pair.zoe_app, pair.aisha, "agreement_signed", document),
                           "do not match the signed agreement")


def test_an_agreement_signed_before_a_rename_is_sent_with_the_names_it_prints(pair: Pair) -> None:
    """The terms in words must be what the signed PDF prints (the receiver checks): a version signed before
    Zoë's name was changed here still prints her old name, so it is sent with it."""
    export_agreement(pair.aisha.exchange, pair.zoe.id)  # version 1, signed by Aisha
    pair.aisha.store.update_person(replace(pair.zoe, name="Zoë Whitfield-Okoro"))
    pair.clock.now += timedelta(minutes=5)
    outcome = pair.zoe_app.exchange.import_pack(export_agreement(pair.aisha.exchange, pair.zoe.id))
    assert "Version 1 of the supervision agreement" in outcome.message
    held, _pdf, _signatures = agreements.latest_received(pair.zoe_app.store, pair.aisha_there.id)
    assert held.terms.supervisee_name == "Zoë Whitfield"
