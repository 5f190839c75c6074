"""Hostile input at the importer of a real vault: every bad file is refused plainly, and nothing changes.

"Nothing changes" is checked by dumping every table of the vault before and
after. The fuzz tests throw thousands of mutated packs at the importer, both
byte-level damage and well-signed packs with mutated contents (what a
tampered app on the other side could send): zero crashes, zero partial imports.
"""

from __future__ import annotations

import base64
import itertools
import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supervision_app.domain.exchange import Preparation, PreparedItem
from supervision_app.domain.model import PersonRole
from supervision_app.domain.record import StressorRating
from supervision_app.exchange.envelope import ExchangeError, seal
from supervision_app.exchange.pairing import CardRefused, card_from_file, card_to_file
from supervision_app.logging_setup import quieten_libraries
from supervision_app.services.notes import NoteOptions
from tests.exchange.every_kind import KINDS, EveryKind, Good
from tests.exchange.installs import Install, pair_both_ways, refused_without_change, two_installs, vault_state

NOW = datetime(2026, 11, 20, 17, 30)
SESSION_AT = datetime(2026, 11, 24, 10, 0)


class World:
    """Aisha and Zoë paired, a session booked, a good agenda, and a good pack of any other kind on request."""

    def __init__(self, aisha: Install, zoe_app: Install, zoe_id: int, clock, folder: Path) -> None:  # type: ignore[no-untyped-def]
        self.aisha, self.zoe_app, self.clock = aisha, zoe_app, clock
        self.supervisor = pair_both_ways(aisha, zoe_app)
        zoe_app.mine.save_preparation(self.supervisor.id, Preparation(
            items=[PreparedItem("Caseload", "Agree what can move")], how_i_have_been="Tired.",
            bring_how_i_have_been=True, stressors={"time_pressures": StressorRating(3, True)}))
        self.session = aisha.sessions.book(zoe_id, SESSION_AT)
        self.agenda = zoe_app.exchange.export_agenda(self.supervisor.id)
        self.sequence = itertools.count(10**10)
        self.kinds = EveryKind(aisha, zoe_app, zoe_id, self.supervisor, self.session, self.agenda, clock, folder)

    def sealed_agenda(self, payload: bytes, kind: str = "agenda") -> bytes:
        """Contents chosen by the test, sealed and signed with Zoë's real key (a tampered app's output)."""
        return seal(payload, kind=kind, sender=self.zoe_app.exchange.identity(),
                    recipient_key=self.aisha.exchange.identity().public_key_der,
                    sequence=next(self.sequence), created_at=NOW)

    def seal(self, good: Good, payload: bytes) -> bytes:
        """Contents chosen by the test, sealed as ``good`` was, with its sender's real key."""
        return seal(payload, kind=good.kind, sender=good.sender.exchange.identity(),
                    recipient_key=good.receiver.exchange.identity().public_key_der,
                    sequence=next(self.sequence), created_at=NOW)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    quieten_libraries()
    with two_installs(tmp_path, NOW) as (aisha, zoe_app, zoe, clock):
        world = World(aisha, zoe_app, zoe.id, clock, tmp_path)
        try:
            yield world
        finally:
            world.kinds.close()


def agenda_payload(world: World) -> dict[str, Any]:
    _opened, payload = world.aisha.exchange.read_pack(world.agenda)
    return json.loads(payload.model_dump_json(by_alias=True))


# --- each kind of hostile input ------------------------------------------------------


def test_truncated_and_wrong_type_files(world: World, tmp_path: Path) -> None:
    for cut in (0, 10, len(world.agenda) // 2, len(world.agenda) - 2):
        refused_without_change(world.aisha, world.agenda[:cut])
    pdf = world.aisha.notes.render(world.session.id, NoteOptions()).pdf
    card = card_to_file(world.zoe_app.exchange.my_card(PersonRole.SUPERVISEE))
    for wrong in (pdf, card, b"PK\x03\x04" + b"\x00" * 200, "Zoë".encode("utf-16"), b"[1, 2, 3]"):
        refused_without_change(world.aisha, wrong, "not a supervision pack")


def test_bad_signatures(world: World) -> None:
    document = json.loads(world.agenda)
    document["created_at"] = "2026-11-21T09:00:00"
    refused_without_change(world.aisha, json.dumps(document).encode(), "signature does not match")
    ciphertext = bytearray(base64.b64decode(document["ciphertext"]))
    ciphertext[5] ^= 1
    document = json.loads(world.agenda)
    document["ciphertext"] = base64.b64encode(bytes(ciphertext)).decode()
    refused_without_change(world.aisha, json.dumps(document).encode(), "signature does not match")


def test_the_wrong_recipient(world: World) -> None:
    # Zoë's own install cannot open what she sealed for Aisha.
    refused_without_change(world.zoe_app, world.agenda, "made for someone else")


def test_a_duplicate_and_a_replayed_older_pack(world: World) -> None:
    older = world.agenda
    world.clock.now = NOW + timedelta(minutes=3)
    newer = world.zoe_app.exchange.export_agenda(world.supervisor.id)
    world.aisha.exchange.import_pack(newer)
    refused_without_change(world.aisha, newer, "already imported")
    refused_without_change(world.aisha, older, "older than one you have already imported")


def test_a_pack_from_the_wrong_side_of_the_pairing(world: World) -> None:
    forged = world.sealed_agenda(b'{"schema": "record"}', kind="record")
    refused_without_change(world.aisha, forged, "comes from a supervisor")


@pytest.mark.parametrize("field,value", [
    ("prepared_by", "x" * 201),
    ("how_i_have_been", "y" * 5001),
    ("items", [{"id": "a" * 32, "title": "t" * 201, "wanted_outcome": ""}]),
    ("items", [{"id": f"{n:032x}", "title": "Item", "wanted_outcome": ""} for n in range(51)]),
])
def test_oversized_fields(world: World, field: str, value: object) -> None:
    payload = agenda_payload(world) | {field: value}
    refused_without_change(world.aisha, world.sealed_agenda(json.dumps(payload).encode()),
                           "longer than the app allows|not in the expected form")


@pytest.mark.parametrize("raw", [
    b'"\\ud800 lone surrogate"',
    b'"\\udfff\\ud800 reversed pair"',
    b'"bell \\u0007 and escape \\u001b"',
    b'"nul \\u0000 inside"',
])
def test_malformed_unicode_in_a_field(world: World, raw: bytes) -> None:
    payload = json.dumps(agenda_payload(world) | {"prepared_by": "PLACEHOLDER"}).encode()
    payload = payload.replace(b'"PLACEHOLDER"', raw)
    refused_without_change(world.aisha, world.sealed_agenda(payload), "malformed text")


@pytest.mark.parametrize("payload", [b"\xff\xfe not utf-8", b"\xc3\x28", b"\xed\xa0\x80", b"\x00" * 10])
def test_malformed_utf8_contents(world: World, payload: bytes) -> None:
    refused_without_change(world.aisha, world.sealed_agenda(payload), "not readable text")


def test_unknown_fields_and_versions(world: World) -> None:
    refused_without_change(world.aisha, world.sealed_agenda(json.dumps(
        agenda_payload(world) | {"extra": 1}).encode()), "not in the expected form")
    refused_without_change(world.aisha, world.sealed_agenda(json.dumps(
        agenda_payload(world) | {"version": 2}).encode()), "different version")
    refused_without_change(world.aisha, world.sealed_agenda(json.dumps(
        agenda_payload(world) | {"checklist": ["not_in_the_toolkit"]}).encode()), "does not know")


def test_a_record_whose_note_is_not_signed_by_the_supervisor_is_refused(world: World) -> None:
    """A record pack that is well sealed but carries a note with a forged or missing signature."""
    from supervision_app.exchange.schemas import RecordPayloadV1

    unsigned = world.aisha.notes.render(world.session.id, NoteOptions()).pdf
    payload = RecordPayloadV1(
        schema="record", version=1, session_uid="0" * 32 + "-1", supervisor_name="Aisha Rahman",
        supervisee_name="Zoë Whitfield", session_start=SESSION_AT, duration_minutes=90, mode="video",
        location="", note_fingerprint="AAAA-AAAA-AAAA", note_pdf=base64.b64encode(unsigned).decode(),
        open_actions=[])
    pack = seal(payload.model_dump_json(by_alias=True).encode(), kind="record",
                sender=world.aisha.exchange.identity(), recipient_key=world.zoe_app.exchange.identity().public_key_der,
                sequence=10**11, created_at=NOW)
    refused_without_change(world.zoe_app, pack, "does not carry a valid signature from Aisha Rahman")


def test_numbers_too_long_to_read_are_refused_at_every_layer(world: World) -> None:
    # Python refuses to read integers of more than 4,300 digits with a ValueError of its own.
    huge = b"1" * 5000
    document = json.loads(world.agenda)
    refused_without_change(world.aisha, json.dumps(document | {"sequence": 0}).encode().replace(
        b'"sequence": 0', b'"sequence": ' + huge), "not a supervision pack")
    payload = json.dumps(agenda_payload(world) | {"version": 0}).encode().replace(
        b'"version": 0', b'"version": ' + huge)
    refused_without_change(world.aisha, world.sealed_agenda(payload), "not readable text")
    card = json.loads(card_to_file(world.zoe_app.exchange.my_card(PersonRole.SUPERVISEE)))
    with pytest.raises(CardRefused, match="not a pairing file"):
        card_from_file(json.dumps(card | {"version": 0}).encode().replace(b'"version": 0', b'"version": ' + huge))


def test_versions_must_be_the_integer_itself(world: World) -> None:
    document = json.loads(world.agenda)
    for version in (True, 1.0, "1"):
        refused_without_change(world.aisha, json.dumps(document | {"version": version}).encode(), "different version")
        refused_without_change(world.aisha, world.sealed_agenda(json.dumps(
            agenda_payload(world) | {"version": version}).encode()), "different version")
        card = json.loads(card_to_file(world.zoe_app.exchange.my_card(PersonRole.SUPERVISEE)))
        with pytest.raises(CardRefused, match="different version"):
            card_from_file(json.dumps(card | {"version": version}).encode())


def test_a_pack_id_must_be_hexadecimal(world: World) -> None:
    document = json.loads(world.agenda)
    refused_without_change(world.aisha, json.dumps(document | {"pack_id": "z" * 32}).encode(), "not a supervision pack")


def test_text_that_grows_past_the_limit_when_normalised_is_refused(world: World) -> None:
    # U+FB2C is one character that Unicode normalisation (NFC) turns into three.
    payload = agenda_payload(world)
    payload["items"][0]["title"] = "\ufb2c" * 200
    refused_without_change(world.aisha, world.sealed_agenda(json.dumps(payload).encode()),
                           "longer than the app allows")
    payload["items"][0]["title"] = "\ufb2c" * 66  # 198 characters once normalised: accepted
    world.aisha.exchange.import_pack(world.sealed_agenda(json.dumps(payload).encode()))
    titles = [item.title for item in world.aisha.store.load_record(world.session.id).agenda]
    assert "\u05e9\u05bc\u05c1" * 66 in titles


@pytest.mark.parametrize("when", ["2026-11-20T17:30:00+05:00", "2026-11-20T12:30:00Z"])
def test_dates_with_a_time_zone_are_refused(world: World, when: str) -> None:
    # The app keeps local times; an offset would break every later comparison with them.
    payload = agenda_payload(world) | {"prepared_at": when}
    refused_without_change(world.aisha, world.sealed_agenda(json.dumps(payload).encode()), "expected form")


def test_an_oversized_file_is_refused_before_reading_it(world: World) -> None:
    refused_without_change(world.aisha, b" " * (25 * 1024 * 1024 + 1), "too large")


# --- fuzzing: every kind of pack ------------------------------------------------------------
#
# One good pack of each kind (tests/exchange/every_kind.py) is damaged byte by byte, or opened, changed
# and sealed again with its sender's real key (what a tampered app on the other side could send). Each
# must be refused in one plain sentence with the receiving vault unchanged, or imported whole.

EXAMPLES = {"agenda": (2000, 1000)} | {kind: (150, 100) for kind in KINDS if kind != "agenda"}
"""Examples per kind (damaged files, hostile contents): the others carry PDFs or whole records, slower to check."""

MARKUP = ["<b>bold</b>", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
          "<a href='file:///etc/passwd'>here</a>", "&amp; &lt;", "]]></x>", "{0} %s {{name}}"]


def _mutations(world: World, kind: str) -> st.SearchStrategy[Any]:
    content = world.aisha.exchange.content
    known_ids = [*content.agreement_review.question_ids, *content.agreement_review.rating_ids,
                 *(item.id for item in content.wellbeing_checklist.items), "not_in_the_toolkit"]
    junk = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=True),
                     st.text(max_size=30), st.text(min_size=5000, max_size=6000),
                     st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(),
                                                                          max_size=2),
                     # dates with a time zone, and text that normalisation lengthens past a limit
                     st.datetimes(timezones=st.just(timezone(timedelta(hours=5)))).map(datetime.isoformat),
                     st.text(alphabet="\ufb2c", min_size=60, max_size=1700),
                     # numbers at and past the edges, dates, markup and ids from elsewhere in the toolkit
                     st.sampled_from([0, -1, 1, 2, 53, 1441, 100_001, 2**53 + 1]),
                     st.dates().map(date.isoformat), st.datetimes().map(datetime.isoformat),
                     st.sampled_from(MARKUP), st.sampled_from(known_ids))
    pdfs = world.kinds.pdfs(kind)
    return st.one_of(junk, st.sampled_from(pdfs)) if pdfs else junk


def _paths(value: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every place in a payload: each field and list entry, at any depth."""
    found = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:2]):
            found += _paths(item, (*path, index))
    return found


def _fields(document: dict[str, Any]) -> list[tuple[str | int, ...]]:
    """The places in a payload to change one by one: all but the inside of a handover's records, carried whole
    (``domain/codec`` checks those)."""
    return [p for p in _paths(document)
            if len(p) <= 4 and not (p[0] == "sessions" and len(p) > 2 and p[2] in ("record", "addenda"))]


def _refused_plainly(install: Install, before: dict[str, Any], error: ExchangeError) -> None:
    message = str(error)
    assert message.endswith(".") and "\n" not in message and len(message) < 200, message
    assert vault_state(install) == before


def _imported_whole(install: Install, before: dict[str, Any], kind: str) -> None:
    after = vault_state(install)
    assert len(after["pack_log"]) == len(before["pack_log"]) + 1
    assert next(row for row in after["pack_log"] if row not in before["pack_log"])[2] == kind


@pytest.mark.parametrize("kind", KINDS)
def test_fuzz_damaged_files_are_refused_and_change_nothing(world: World, kind: str) -> None:
    good = world.kinds.good(kind)

    @settings(max_examples=EXAMPLES[kind][0], deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.data())
    def damaged(data: st.DataObject) -> None:
        pack = bytearray(good.pack)
        for _ in range(data.draw(st.integers(1, 4))):
            if not pack:
                break
            where = data.draw(st.integers(0, len(pack) - 1))
            operation = data.draw(st.sampled_from(["flip", "cut", "insert", "delete", "append"]))
            if operation == "flip":
                pack[where] ^= data.draw(st.integers(1, 255))
            elif operation == "cut":
                del pack[where:]
            elif operation == "insert":
                pack[where:where] = data.draw(st.binary(min_size=1, max_size=8))
            elif operation == "append":
                pack += data.draw(st.binary(min_size=1, max_size=64))
            else:
                del pack[where:where + data.draw(st.integers(1, 16))]
        if bytes(pack) == good.pack:
            return
        before = vault_state(good.receiver)
        try:
            good.receiver.exchange.import_pack(bytes(pack))
        except ExchangeError as error:
            _refused_plainly(good.receiver, before, error)
        else:  # only a change JSON ignores (such as whitespace) can still open, and then it imports whole
            _imported_whole(good.receiver, before, kind)

    damaged()


@pytest.mark.parametrize("kind", KINDS)
def test_fuzz_well_signed_packs_with_hostile_contents(world: World, kind: str) -> None:
    good = world.kinds.good(kind)
    original = good.payload()
    places = _paths(original)
    values = _mutations(world, kind)

    @settings(max_examples=EXAMPLES[kind][1], deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.data())
    def hostile(data: st.DataObject) -> None:
        payload = json.loads(json.dumps(original))
        for _ in range(data.draw(st.integers(1, 3))):
            path = data.draw(st.sampled_from(places))
            parent: Any = payload
            for key in path[:-1]:
                try:
                    parent = parent[key]
                except (KeyError, IndexError, TypeError):
                    break
            else:
                key = path[-1]
                operation = data.draw(st.sampled_from(["replace", "remove", "unknown field", "twice"]))
                if isinstance(parent, dict) and isinstance(key, str) and operation == "remove":
                    parent.pop(key, None)
                elif isinstance(parent, dict) and isinstance(key, str) and operation == "unknown field":
                    parent[f"{key}_extra"] = data.draw(values)
                elif isinstance(parent, list) and isinstance(key, int) and key < len(parent):
                    if operation == "twice":
                        parent.append(parent[key])
                    else:
                        parent[key] = data.draw(values)
                elif isinstance(parent, dict) and isinstance(key, str):
                    parent[key] = data.draw(values)
        before = vault_state(good.receiver)
        try:
            outcome = good.receiver.exchange.import_pack(world.seal(good, json.dumps(payload).encode()))
        except ExchangeError as error:
            _refused_plainly(good.receiver, before, error)
        else:
            assert outcome.kind == kind
            _imported_whole(good.receiver, before, kind)

    hostile()


HOSTILE_VALUES: dict[str, Any] = {"a list": [1, 2], "an object": {"a": 1}, "a huge number": 10**30, "nothing": None,
                                  "a huge string": "x" * 300_000, "markup": MARKUP[2], "an id from elsewhere": "fully"}


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_of_every_kind_missing_or_hostile(world: World, kind: str) -> None:
    """Not left to chance: each field (and each field of a list's first entry) taken away, given a value of the
    wrong type or size, markup, or a PDF from elsewhere (a note's in an agreement pack, and so on), and an
    unknown field beside it. Each is refused plainly changing nothing, or imported whole; another PDF never."""
    good = world.kinds.good(kind)
    original = good.payload()
    pdfs = world.kinds.pdfs(kind)
    swapped = 0
    for path in _fields(original):
        parent_path, key = path[:-1], path[-1]
        current: Any = original
        for step in path:
            current = current[step]
        is_pdf = isinstance(current, str) and current.startswith("JVBERi")  # base64 of "%PDF-"
        others = [pdf for pdf in pdfs if pdf != current] if is_pdf else []
        swapped += len(others)
        changes: list[tuple[str, Any]] = [("taken away", _MISSING), ("unknown beside it", _UNKNOWN),
                                          *HOSTILE_VALUES.items(), *(("another PDF", pdf) for pdf in others)]
        for name, value in changes:
            payload = json.loads(json.dumps(original))
            parent: Any = payload
            for step in parent_path:
                parent = parent[step]
            if value is _MISSING:
                if isinstance(parent, list):
                    continue
                del parent[key]
            elif value is _UNKNOWN:
                if isinstance(parent, list):
                    continue
                parent[f"{key}_extra"] = "surprise"
            else:
                parent[key] = value
            before = vault_state(good.receiver)
            try:
                good.receiver.exchange.import_pack(world.seal(good, json.dumps(payload).encode()))
            except ExchangeError as error:
                _refused_plainly(good.receiver, before, error)
            else:
                assert name != "another PDF", f"{kind}: {path} accepted another PDF"
                _imported_whole(good.receiver, before, kind)
    assert swapped >= 3 or not pdfs  # each PDF the kind carries was swapped for the others


_MISSING, _UNKNOWN = object(), object()


# --- hidden and direction-changing characters in names and text ---------------------

HIDDEN = ["\u202e", "\u2066", "\u200b", "\ue000"]  # bidi override, bidi isolate, zero-width space, private use
HIDDEN_SENTENCE = "hidden or direction-changing characters"


def _with(document: dict[str, Any], path: tuple[str | int, ...], value: str) -> dict[str, Any]:
    changed = json.loads(json.dumps(document))
    target: Any = changed
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return changed


def _record_payload() -> dict[str, Any]:
    return {"schema": "record", "version": 1, "session_uid": "0" * 32 + "-1", "supervisor_name": "Aisha Rahman",
            "supervisee_name": "Zoë Whitfield", "session_start": SESSION_AT.isoformat(), "duration_minutes": 90,
            "mode": "video", "location": "Room 2", "note_fingerprint": "AAAA-AAAA-AAAA",
            "note_pdf": base64.b64encode(b"%PDF-1.7 not checked before the fields").decode(),
            "open_actions": [{"id": "a" * 32, "text": "Book the course", "owner": "supervisee",
                              "owner_name": "Zoë Whitfield", "status": "not_reviewed"}]}


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("path", [("prepared_by",), ("items", 0, "title"), ("items", 0, "wanted_outcome"),
                                  ("how_i_have_been",)])
def test_hidden_characters_in_an_agenda_are_refused(world: World, path: tuple[str | int, ...], hidden: str) -> None:
    payload = _with(agenda_payload(world), path, f"Zoë{hidden} Whitfield")
    refused_without_change(world.aisha, world.sealed_agenda(json.dumps(payload).encode()), HIDDEN_SENTENCE)


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("path", [("supervisor_name",), ("supervisee_name",), ("location",),
                                  ("open_actions", 0, "owner_name"), ("open_actions", 0, "text")])
def test_hidden_characters_in_a_record_are_refused(world: World, path: tuple[str | int, ...], hidden: str) -> None:
    payload = _with(_record_payload(), path, f"Aisha{hidden} Rahman")
    pack = seal(json.dumps(payload).encode(), kind="record", sender=world.aisha.exchange.identity(),
                recipient_key=world.zoe_app.exchange.identity().public_key_der, sequence=10**11, created_at=NOW)
    refused_without_change(world.zoe_app, pack, HIDDEN_SENTENCE)


@pytest.mark.parametrize("hidden", HIDDEN)
def test_hidden_characters_in_a_countersign_comment_are_refused(world: World, hidden: str) -> None:
    payload = {"schema": "countersigned", "version": 1, "session_uid": "0" * 32 + "-1",
               "note_pdf": base64.b64encode(b"%PDF-1.7").decode(), "confirmation": "agreed",
               "comment": f"Fine{hidden}.", "signed_at": NOW.isoformat()}
    refused_without_change(world.aisha, world.sealed_agenda(json.dumps(payload).encode(), kind="countersigned"),
                           HIDDEN_SENTENCE)


def test_long_text_keeps_new_lines_and_tabs_but_names_do_not(world: World) -> None:
    payload = agenda_payload(world) | {"how_i_have_been": "Tired.\n\tBetter this week."}
    world.aisha.exchange.import_pack(world.sealed_agenda(json.dumps(payload).encode()))
    assert "Tired.\n\tBetter this week." in world.aisha.store.load_record(world.session.id).checkin.opening
    for name in ("Zoë\nWhitfield", "Zoë\tWhitfield"):
        payload = agenda_payload(world) | {"prepared_by": name}
        refused_without_change(world.aisha, world.sealed_agenda(json.dumps(payload).encode()), "nothing was imported")


@pytest.mark.parametrize("hidden", HIDDEN)
def test_hidden_characters_in_a_pairing_card_name_are_refused(world: World, hidden: str) -> None:
    card = json.loads(card_to_file(world.zoe_app.exchange.my_card(PersonRole.SUPERVISEE)))
    with pytest.raises(CardRefused, match=HIDDEN_SENTENCE) as refusal:
        card_from_file(json.dumps(card | {"name": f"Zoë{hidden} Whitfield"}).encode())
    assert str(refusal.value).endswith(".") and "\n" not in str(refusal.value)


def test_hidden_characters_are_not_sent_either(world: World) -> None:
    world.zoe_app.mine.save_preparation(world.supervisor.id, Preparation(items=[PreparedItem("Case\u202eload", "")]))
    with pytest.raises(ExchangeError, match=r"^The agenda holds a hidden or control character"):
        world.zoe_app.exchange.export_agenda(world.supervisor.id)


# --- the agreement's packs: limits the app keeps itself ------------------------------------


def test_a_review_comment_longer_than_the_app_allows_is_refused(world: World) -> None:
    """The app keeps review comments of at most 2,000 characters (domain/review.MAX_COMMENT); a file may not
    bring in a longer one."""
    from supervision_app.domain.review import MAX_COMMENT

    good = world.kinds.good("review")
    payload = good.payload()
    payload["answers"][0]["comment"] = "x" * (MAX_COMMENT + 1)
    refused_without_change(good.receiver, world.seal(good, json.dumps(payload).encode()), "longer than the app allows")
    payload["answers"][0]["comment"] = "x" * MAX_COMMENT
    good.receiver.exchange.import_pack(world.seal(good, json.dumps(payload).encode()))


@pytest.mark.parametrize("change", [{"frequency_weeks": 1}, {"length_minutes": 30}, {"place": "The car park"},
                                    {"protected_time_committed": False}, {"review_date": "2030-01-01"},
                                    {"confidentiality_terms": "Everything may be shared."}, {"agreement_version": 3},
                                    {"agreed_on": "2026-01-01"}, {"supervisee_name": "Ben Carter"}])
def test_agreement_terms_in_words_that_differ_from_the_signed_pdf_are_refused(world: World,
                                                                             change: dict[str, Any]) -> None:
    """My supervision shows the terms in words beside the PDF the supervisee signs: a tampered app on the
    supervisor's side could otherwise show one agreement and have the other signed."""
    good = world.kinds.good("agreement")
    payload = good.payload() | change
    refused_without_change(good.receiver, world.seal(good, json.dumps(payload).encode()),
                           "do not match the signed agreement")
