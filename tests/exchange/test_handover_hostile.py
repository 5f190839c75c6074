"""Well-signed but hostile handover packs (a tampered app on the other supervisor's side): each is refused
with one plain sentence, and nothing in the receiving vault changes."""

from __future__ import annotations

import base64
import itertools
import json
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from supervision_app.domain.model import NewPerson, PersonRole
from supervision_app.domain.record import Action, Addendum, Signatory
from supervision_app.exchange.envelope import open_pack, seal
from supervision_app.exchange.handover import export_handover
from supervision_app.services.people import add_supervisee
from tests.exchange.installs import refused_without_change
from tests.exchange.test_handover import FIRST, SECOND, Scene, hold_session, scene

Change = Callable[[dict[str, Any], Scene], None]


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Scene, dict[str, Any]]]:
    with scene(tmp_path) as s:
        hold_session(s.aisha, s.zoe.id, FIRST, [Action("Draft the court statement")], s.clock)
        s.aisha.sessions.add_addendum(s.aisha.store.list_sessions(s.zoe.id)[-1].id, "Later detail.",
                                      Signatory.SUPERVISOR)
        hold_session(s.aisha, s.zoe.id, SECOND, [], s.clock)
        s.clock.now = SECOND + timedelta(days=1)
        pack = export_handover(s.aisha.exchange, s.zoe.id, s.ben_at_aisha.id)
        aisha = s.aisha.exchange.identity()
        opened = open_pack(pack, me=s.ben.exchange.identity(), senders={aisha.fingerprint: aisha.public_key_der})
        yield s, json.loads(opened.payload)


_sequence = itertools.count(10**10)


def sealed(s: Scene, payload: dict[str, Any]) -> bytes:
    return seal(json.dumps(payload).encode("utf-8"), kind="handover", sender=s.aisha.exchange.identity(),
                recipient_key=s.ben.exchange.identity().public_key_der, sequence=next(_sequence),
                created_at=s.clock.now)


def _first_session_record(p: dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = p["sessions"][0]["record"]
    return record


def _swap_notes(p: dict[str, Any], _s: Scene) -> None:
    first, second = p["sessions"][0]["note"], p["sessions"][1]["note"]
    first["pdf"], second["pdf"] = second["pdf"], first["pdf"]


def _alter_note(p: dict[str, Any], _s: Scene) -> None:
    pdf = base64.b64decode(p["sessions"][0]["note"]["pdf"])
    at = pdf.index(b"/Producer") if b"/Producer" in pdf else len(pdf) // 2
    altered = pdf[:at] + bytes([pdf[at] ^ 1]) + pdf[at + 1:]
    p["sessions"][0]["note"]["pdf"] = base64.b64encode(altered).decode("ascii")


def _own_key_as_supervisee(p: dict[str, Any], s: Scene) -> None:
    p["signers"][0]["public_key"] = base64.b64encode(s.ben.exchange.identity().public_key_der).decode("ascii")


def _ben_named_as_supervisor(p: dict[str, Any], _s: Scene) -> None:
    p["supervisor_name"] = "Ben Carter"


def _reused_addendum_id(p: dict[str, Any], s: Scene) -> None:
    """Ben already holds an addendum (of another supervisee's session) under the id the file uses."""
    sam = add_supervisee(s.ben.store, NewPerson("Sam Okafor", PersonRole.SUPERVISEE))
    session = s.ben.sessions.book(sam.id, FIRST)
    s.ben.store.save_addendum(session.id, Addendum("Ben's own.", FIRST, Signatory.SUPERVISOR,
                                                   id=p["sessions"][0]["addenda"][0]["id"]))


CASES: list[tuple[str, Change, str]] = [
    ("hidden character in a record", lambda p, _s: _first_session_record(p)["actions"][0].update(
        text="Draft the \u202ecourt statement"), "hidden or direction-changing"),
    ("control character in an addendum", lambda p, _s: p["sessions"][0]["addenda"][0].update(text="A\x00B"),
     "malformed"),
    ("over-long text in a flag", lambda p, _s: _first_session_record(p)["flags"][0].update(detail="x" * 100_001),
     "longer than the app allows"),
    ("a record field of the wrong type", lambda p, _s: _first_session_record(p).update(actions="none"),
     "not in the expected form"),
    ("an unknown field in a record", lambda p, _s: _first_session_record(p).update(extra=1),
     "not in the expected form"),
    ("an unknown field in the payload", lambda p, _s: p.update(extra=1), "not in the expected form"),
    ("a signed-off session whose record is not", lambda p, _s: _first_session_record(p).update(confirmations=[]),
     "not in the expected form"),
    ("a rebooking of a session not in the file", lambda p, _s: p["sessions"][0].update(rebooked_from=999),
     "not in the expected form"),
    ("notes swapped between sessions", _swap_notes, "details do not match"),
    ("a note altered after signing", _alter_note, "does not verify"),
    ("the receiver's own key as the supervisee's", _own_key_as_supervisee, "your own key"),
    ("the receiver named as the supervisor", _ben_named_as_supervisor, "names you as someone who signed"),
    ("the receiver named as the supervisee", lambda p, _s: p["signers"][0].update(name="Ben Carter"),
     "names you as someone who signed"),
    ("an addendum id already in this vault", _reused_addendum_id, "already holds part of this record"),
    ("a supervisee name with a bidi override", lambda p, _s: p["supervisee"].update(name="Zo\u202ee"),
     "hidden or direction-changing"),
]


@pytest.mark.parametrize(("change", "expected"), [(c, e) for _n, c, e in CASES], ids=[n for n, _c, _e in CASES])
def test_a_hostile_handover_is_refused_and_nothing_changes(world: tuple[Scene, dict[str, Any]], change: Change,
                                                            expected: str) -> None:
    s, payload = world
    change(payload, s)
    refused_without_change(s.ben, sealed(s, payload), expected)


def test_the_untouched_payload_resealed_is_accepted(world: tuple[Scene, dict[str, Any]]) -> None:
    s, payload = world
    assert s.ben.exchange.import_pack(sealed(s, payload)).kind == "handover"


def test_a_handover_from_a_supervisee_is_refused(world: tuple[Scene, dict[str, Any]]) -> None:
    s, payload = world
    pack = seal(json.dumps(payload).encode(), kind="handover", sender=s.zoe_app.exchange.identity(),
                recipient_key=s.aisha.exchange.identity().public_key_der, sequence=next(_sequence),
                created_at=s.clock.now)
    refused_without_change(s.aisha, pack, "comes from a colleague")
