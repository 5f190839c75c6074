"""Sealed packs: only the addressee opens them, only from a paired sender, and any change is refused."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supervision_app.exchange.envelope import PackRefused, open_pack, seal
from supervision_app.services.signing import new_signing_identity

SUPERVISOR = new_signing_identity("Aisha Rahman", "Team Manager")
SUPERVISEE = new_signing_identity("Zoë Whitfield", "Social Worker")
STRANGER = new_signing_identity("Someone Else", "Social Worker")
PAIRED = {SUPERVISEE.fingerprint: SUPERVISEE.public_key_der}
PAYLOAD = json.dumps({"items": ["Caseload", "Court skills"], "note": "Zoë"}).encode()


def sealed(**changes) -> bytes:  # type: ignore[no-untyped-def]
    options = {"kind": "agenda", "sender": SUPERVISEE, "recipient_key": SUPERVISOR.public_key_der,
               "sequence": 1, "created_at": datetime(2026, 11, 20, 18, 30)} | changes
    return seal(PAYLOAD, **options)


def test_round_trip() -> None:
    opened = open_pack(sealed(), me=SUPERVISOR, senders=PAIRED)
    assert opened.payload == PAYLOAD and opened.kind == "agenda" and opened.sequence == 1
    assert opened.sender == SUPERVISEE.fingerprint


def test_the_payload_is_not_readable_in_the_file() -> None:
    assert b"Caseload" not in sealed() and "Zoë".encode() not in sealed()


def test_the_wrong_recipient_cannot_open_it() -> None:
    with pytest.raises(PackRefused, match="made for someone else"):
        open_pack(sealed(), me=STRANGER, senders=PAIRED)


def test_an_unpaired_sender_is_refused() -> None:
    with pytest.raises(PackRefused, match="not paired"):
        open_pack(sealed(sender=STRANGER), me=SUPERVISOR, senders=PAIRED)


def test_re_addressing_or_editing_the_header_breaks_the_signature() -> None:
    document = json.loads(sealed())
    document["sequence"] = 99
    with pytest.raises(PackRefused, match="signature does not match"):
        open_pack(json.dumps(document).encode(), me=SUPERVISOR, senders=PAIRED)


def test_a_pack_signed_by_an_impostor_claiming_a_paired_sender_is_refused() -> None:
    forged = json.loads(sealed(sender=STRANGER))
    forged["sender"] = SUPERVISEE.fingerprint
    with pytest.raises(PackRefused, match="signature does not match"):
        open_pack(json.dumps(forged).encode(), me=SUPERVISOR, senders=PAIRED)


@pytest.mark.parametrize("data", [b"", b"{}", b"[]", b"\xff\xfe\x00", b'{"format": 1}', b"x" * 100,
                                  b'{"a":' * 100_000])
def test_garbage_is_refused_plainly(data: bytes) -> None:
    with pytest.raises(PackRefused):
        open_pack(data, me=SUPERVISOR, senders=PAIRED)


def test_truncated_files_are_refused() -> None:
    whole = sealed()
    for cut in (1, len(whole) // 3, len(whole) // 2, len(whole) - 3):
        with pytest.raises(PackRefused):
            open_pack(whole[:cut], me=SUPERVISOR, senders=PAIRED)


GOOD = sealed()


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_thousands_of_mutated_packs_never_crash_or_open(data: st.DataObject) -> None:
    mutated = bytearray(GOOD)
    for _ in range(data.draw(st.integers(1, 4))):
        position = data.draw(st.integers(0, len(mutated) - 1))
        operation = data.draw(st.sampled_from(["flip", "delete", "insert"]))
        if operation == "flip":
            mutated[position] ^= data.draw(st.integers(1, 255))
        elif operation == "delete":
            del mutated[position]
        else:
            mutated.insert(position, data.draw(st.integers(0, 255)))
    if bytes(mutated) == GOOD:
        return
    try:
        opened = open_pack(bytes(mutated), me=SUPERVISOR, senders=PAIRED)
    except PackRefused:
        return
    # Only changes JSON ignores (whitespace) may still open, and then to the very same payload.
    assert opened.payload == PAYLOAD
