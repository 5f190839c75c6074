"""Pairing cards (file and code) and the rules for pinning the other person's key."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from supervision_app.domain.model import NewPerson, PersonRole
from supervision_app.exchange.envelope import ExchangeError
from supervision_app.exchange.pairing import (
    CardRefused,
    PairingCard,
    card_from_code,
    card_from_file,
    card_to_code,
    card_to_file,
)
from supervision_app.services.people import add_supervisee
from supervision_app.services.signing import new_signing_identity
from tests.exchange.installs import two_installs

IDENTITY = new_signing_identity("Zoë Whitfield", "Social Worker")
CARD = PairingCard(PersonRole.SUPERVISEE, IDENTITY.public_key_der, "Zoë Whitfield", IDENTITY.certificate_der)
NOW = datetime(2026, 11, 20, 17, 30)


def test_a_code_carries_the_role_and_key_and_forgives_how_it_is_typed() -> None:
    code = card_to_code(CARD)
    assert len(code.replace("-", "")) == 58 and all(len(group) <= 6 for group in code.split("-"))
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    card = card_from_code(typed)
    assert card.role is PersonRole.SUPERVISEE and card.fingerprint == IDENTITY.fingerprint and card.name == ""


def test_a_misheard_character_is_caught() -> None:
    code = card_to_code(CARD).replace("-", "")
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    caught = 0
    for position in range(57):  # the last character is partly padding
        wrong = alphabet[(alphabet.index(code[position]) + 1) % 32]
        with pytest.raises(CardRefused, match="not right"):
            card_from_code(code[:position] + wrong + code[position + 1:])
        caught += 1
    assert caught == 57
    for bad in ("", "ABC", code + "0", code[:-1] + "U"):
        with pytest.raises(CardRefused):
            card_from_code(bad)


def test_a_file_round_trips_and_damage_is_refused() -> None:
    data = card_to_file(CARD)
    card = card_from_file(data)
    assert card == CARD
    document = json.loads(data)
    for change in ({"role": "manager"}, {"name": ""}, {"name": "x" * 201}, {"name": "a\u0007b"},
                   {"certificate": "bm90IGEgY2VydA=="}, {"extra": 1}, {"format": "other"}):
        with pytest.raises(CardRefused):
            card_from_file(json.dumps(document | change).encode())
    with pytest.raises(CardRefused, match="different version"):
        card_from_file(json.dumps(document | {"version": 2}).encode())
    for junk in (b"", b"\xff" * 10, b"[]", b"{" * 20_000):
        with pytest.raises(CardRefused):
            card_from_file(junk)


def test_pairing_rules(tmp_path: Path) -> None:
    with two_installs(tmp_path, NOW) as (aisha, zoe_app, zoe, _clock):
        with pytest.raises(ExchangeError, match="your own pairing card"):
            aisha.exchange.pair(aisha.exchange.my_card(PersonRole.SUPERVISEE))
        zoe_card = zoe_app.exchange.my_card(PersonRole.SUPERVISEE)
        person, pairing = aisha.exchange.pair(zoe_card)
        assert person.id == zoe.id and pairing.certificate_der == zoe_card.certificate_der
        # Pairing the same card again changes nothing; the same key for someone else is refused.
        assert aisha.exchange.pair(zoe_card)[0].id == zoe.id
        daniel = add_supervisee(aisha.store, NewPerson("Daniel Okafor", PersonRole.SUPERVISEE))
        with pytest.raises(ExchangeError, match="already paired with Zoë Whitfield"):
            aisha.exchange.pair(zoe_card, person_id=daniel.id)
        # A new key for Zoë only with the user's say-so.
        new_key = new_signing_identity("Zoë Whitfield", "Social Worker")
        new_card = PairingCard(PersonRole.SUPERVISEE, new_key.public_key_der, "Zoë Whitfield")
        with pytest.raises(ExchangeError, match="different key"):
            aisha.exchange.pair(new_card)
        assert aisha.store.pairing_for(zoe.id).fingerprint == zoe_card.fingerprint
        aisha.exchange.pair(new_card, replace_key=True)
        assert aisha.store.pairing_for(zoe.id).fingerprint == new_key.fingerprint
        # A supervisor's card pairs as the user's own supervisor, added by name.
        supervisor, pin = zoe_app.exchange.pair(card_from_code(card_to_code(
            aisha.exchange.my_card(PersonRole.SUPERVISOR))), name="Aisha Rahman")
        assert supervisor.role is PersonRole.SUPERVISOR and not supervisor.is_self
        assert pin.their_role is PersonRole.SUPERVISOR and pin.certificate_der is None
        with pytest.raises(ExchangeError, match="Enter the name"):
            zoe_app.exchange.pair(card_from_code(card_to_code(PairingCard(
                PersonRole.SUPERVISOR, new_signing_identity("X", "Y").public_key_der))))
        # Aisha's new computer: her name finds her, so the new key needs the user's say-so, and no second
        # Aisha is added.
        aisha_again = PairingCard(PersonRole.SUPERVISOR, new_signing_identity("Aisha Rahman", "Manager").public_key_der,
                                  "Aisha Rahman")
        assert zoe_app.exchange.person_for_card(aisha_again) == supervisor
        with pytest.raises(ExchangeError, match="Aisha Rahman is already paired with a different key"):
            zoe_app.exchange.pair(aisha_again)
        assert zoe_app.exchange.my_supervisors() == [supervisor]
        assert zoe_app.exchange.pair(aisha_again, replace_key=True)[0] == supervisor
        assert zoe_app.store.pairing_for(supervisor.id).fingerprint == aisha_again.fingerprint


def test_a_code_for_a_new_key_does_not_keep_the_old_certificate(tmp_path: Path) -> None:
    with two_installs(tmp_path, NOW) as (aisha, zoe_app, zoe, _clock):
        by_file = zoe_app.exchange.my_card(PersonRole.SUPERVISEE)
        aisha.exchange.pair(card_from_file(card_to_file(by_file)))
        # The same key read out as a code: the certificate from the file is kept.
        aisha.exchange.pair(card_from_code(card_to_code(by_file)))
        assert aisha.store.pairing_for(zoe.id).certificate_der == by_file.certificate_der
        # A new key by code: the old certificate is no longer Zoë's, so it goes.
        new_key = new_signing_identity("Zoë Whitfield", "Social Worker")
        aisha.exchange.pair(card_from_code(card_to_code(PairingCard(
            PersonRole.SUPERVISEE, new_key.public_key_der))), person_id=zoe.id, replace_key=True)
        pairing = aisha.store.pairing_for(zoe.id)
        assert pairing.fingerprint == new_key.fingerprint and pairing.certificate_der is None
        assert by_file.certificate_der not in aisha.store.known_certificates()
