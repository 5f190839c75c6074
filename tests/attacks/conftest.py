"""The genuine notes (made once per run through the real app) and the attacked notes made from them."""

from __future__ import annotations

import base64
import itertools
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from supervision_app.domain.identity import SigningIdentity
from supervision_app.domain.record import Confirmation
from supervision_app.exchange.envelope import ExchangeError, seal
from supervision_app.exchange.schemas import CountersignedPayloadV1, Payload
from supervision_app.services.verification import VerificationReport
from supervision_app.untrusted import is_plain
from tests.attacks.corpus import Attack, Makings
from tests.attacks.world import Genuine, build_genuine, open_copy
from tests.exchange.installs import Install, vault_state


@pytest.fixture(scope="session")
def genuine(tmp_path_factory: pytest.TempPathFactory) -> Genuine:
    return build_genuine(tmp_path_factory.mktemp("genuine-notes"))


@pytest.fixture(scope="session")
def makings(genuine: Genuine) -> Makings:
    return Makings(genuine)


@pytest.fixture(scope="session")
def verifiers(genuine: Genuine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Install]]:
    """Aisha's and Zoë's installs at the end of the exchange, opened once: verifying changes nothing."""
    folder = tmp_path_factory.mktemp("verifiers")
    installs = {who: open_copy(genuine.templates[f"final/{who}"], folder / who) for who in ("aisha", "zoe")}
    yield installs
    for install in installs.values():
        install.vault.lock()


@pytest.fixture
def fresh(genuine: Genuine, tmp_path: Path) -> Iterator[dict[str, Install]]:
    """Fresh copies of the vaults, opened as each test asks: fresh['before_countersign/zoe'] and so on."""
    opened: dict[str, Install] = {}

    class Opener(dict):  # type: ignore[type-arg]
        def __missing__(self, key: str) -> Install:
            opened[key] = open_copy(genuine.templates[key], tmp_path / key.replace("/", "-"))
            return opened[key]

    yield Opener()
    for install in opened.values():
        if install.vault.is_open:
            install.vault.lock()


_sequence = itertools.count(10**11)


def sealed(kind: str, payload: Payload, sender: SigningIdentity, recipient: SigningIdentity) -> bytes:
    """A pack as the sender's app seals it, with a sequence number above any sent before."""
    return seal(payload.model_dump_json(by_alias=True).encode(), kind=kind, sender=sender,
                recipient_key=recipient.public_key_der, sequence=next(_sequence),
                created_at=datetime(2026, 11, 26, 9, 0))


def record_pack(genuine: Genuine, pdf: bytes) -> bytes:
    """Aisha's record of the session for Zoë, as export_record makes it, carrying ``pdf`` as its note."""
    payload = genuine.record_payload.model_copy(update={"note_pdf": base64.b64encode(pdf).decode("ascii")})
    return sealed("record", payload, genuine.supervisor, genuine.supervisee)


def countersigned_pack(genuine: Genuine, pdf: bytes) -> bytes:
    """Zoë's countersigned note for Aisha, as countersign makes it, carrying ``pdf``."""
    payload = CountersignedPayloadV1(
        schema="countersigned", version=1, session_uid=genuine.session_uid,
        note_pdf=base64.b64encode(pdf).decode("ascii"), confirmation=Confirmation.AGREED.value, comment="",
        signed_at=datetime(2026, 11, 25, 9, 0))
    return sealed("countersigned", payload, genuine.supervisee, genuine.supervisor)


def refused_unchanged(install: Install, attempt) -> str:  # type: ignore[no-untyped-def]
    """``attempt()`` raises ExchangeError with one plain sentence, and no table of the vault changed."""
    before = vault_state(install)
    with pytest.raises(ExchangeError) as refusal:
        attempt()
    assert vault_state(install) == before
    message = str(refusal.value)
    assert message.endswith(".") and is_plain(message) and len(message) < 300, message
    return message


def problems_of(report: VerificationReport, attack: Attack) -> list[str]:
    """The report's sentences, checked: a non-empty list of plain sentences, one matching the attack's class."""
    problems = report.problems  # type: ignore[attr-defined]
    assert isinstance(problems, list) and problems, report
    for sentence in problems:
        assert isinstance(sentence, str) and sentence.strip(), problems
        assert is_plain(sentence), ascii(sentence)
    assert re.search(attack.keyword, " ".join(problems), re.IGNORECASE), (attack.keyword, problems)
    return problems
