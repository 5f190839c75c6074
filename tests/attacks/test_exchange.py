"""Attacked notes at the exchange: refused on import and before countersigning, and nothing in the vault changes.

Each test works on a fresh copy of the vault as it stood at that point of the
genuine exchange; the sanity tests show the genuine files go through there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import supervision_app.services.signing as signing
from supervision_app.domain.record import Confirmation
from tests.attacks.conftest import countersigned_pack, record_pack, refused_unchanged
from tests.attacks.corpus import Attack, Makings, attacks
from tests.attacks.world import Genuine

# The supervisee's vault in which an attacked record would land: after she countersigned for a note
# that carries her own signature, before it for any other.
ZOE_FOR = {False: "before_countersign/zoe", True: "final/zoe"}


@pytest.fixture
def signing_calls(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every call the exchange makes to sign a note."""
    calls: list[Any] = []
    real = signing.sign_note  # the exchange imports it when it first signs

    def spy(*args: Any, **kwargs: Any) -> bytes:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(signing, "sign_note", spy)
    return calls


# --- the genuine files go through -------------------------------------------------------------


@pytest.mark.parametrize("base", ["single", "double"])
def test_a_genuine_record_imports(genuine: Genuine, fresh: dict, base: str) -> None:
    zoe = fresh[ZOE_FOR[base == "double"]]
    outcome = zoe.exchange.import_pack(record_pack(genuine, genuine.single if base == "single" else genuine.double))
    assert outcome.kind == "record"


def test_a_genuine_note_is_countersigned(genuine: Genuine, fresh: dict, signing_calls: list[Any]) -> None:
    zoe = fresh["before_countersign/zoe"]
    assert zoe.exchange.countersign(genuine.received_key, Confirmation.AGREED)
    assert len(signing_calls) == 1


def test_a_genuine_countersigned_note_imports(genuine: Genuine, fresh: dict) -> None:
    aisha = fresh["before_countersign/aisha"]
    assert aisha.exchange.import_pack(countersigned_pack(genuine, genuine.double)).kind == "countersigned"


# --- attacked files are refused ------------------------------------------------------------------


def _ids(attack: Attack) -> str:
    return attack.id


@pytest.mark.parametrize("attack", attacks(sendable=True), ids=_ids)
def test_the_supervisee_refuses_a_record_whose_note_is_attacked(attack: Attack, makings: Makings,
                                                                  genuine: Genuine, fresh: dict) -> None:
    zoe = fresh[ZOE_FOR[attack.countersigned_by_zoe]]
    pack = record_pack(genuine, makings.pdf(attack))
    refused_unchanged(zoe, lambda: zoe.exchange.import_pack(pack))


@pytest.mark.parametrize("attack", attacks(countersigned_by_zoe=False), ids=_ids)
def test_countersign_refuses_an_attacked_note_before_signing(attack: Attack, makings: Makings, genuine: Genuine,
                                                             fresh: dict, signing_calls: list[Any]) -> None:
    """A note that slipped past an older import is held in the vault; countersigning it is refused.

    That includes notes whose supervisee's field someone else has filled already.
    """
    zoe = fresh["before_countersign/zoe"]
    received, _pdf, signatures = zoe.store.received_note(genuine.received_key)
    zoe.store.save_received(received, makings.pdf(attack), signatures)
    countersign: Callable[[], bytes] = lambda: zoe.exchange.countersign(genuine.received_key,  # noqa: E731
                                                                          Confirmation.AGREED)
    refused_unchanged(zoe, countersign)
    assert signing_calls == []


@pytest.mark.parametrize("attack", attacks(base="double"), ids=_ids)
def test_the_supervisor_refuses_a_countersigned_note_that_is_attacked(attack: Attack, makings: Makings,
                                                                       genuine: Genuine, fresh: dict) -> None:
    aisha = fresh["before_countersign/aisha"]
    pack = countersigned_pack(genuine, makings.pdf(attack))
    refused_unchanged(aisha, lambda: aisha.exchange.import_pack(pack))


# --- the supervisee's signature cut off ---------------------------------------------------------------


def test_a_countersigned_note_cut_back_to_one_signature_is_refused_where_two_are_expected(
        genuine: Genuine, fresh: dict) -> None:
    truncated = genuine.double[:len(genuine.single)]
    aisha = fresh["before_countersign/aisha"]
    refused_unchanged(aisha, lambda: aisha.exchange.import_pack(countersigned_pack(genuine, truncated)))
    zoe = fresh["final/zoe"]
    message = refused_unchanged(zoe, lambda: zoe.exchange.import_pack(record_pack(genuine, truncated)))
    assert "already signed" in message
