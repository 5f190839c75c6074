"""Pairing two supervisors as colleagues (for handovers): explicit, and never taken for anything else."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from supervision_app.content import load_content
from supervision_app.domain.model import PersonRole
from supervision_app.exchange.envelope import ExchangeError, seal
from supervision_app.exchange.pairing import card_from_code, card_from_file, card_to_code, card_to_file
from supervision_app.logging_setup import quieten_libraries
from supervision_app.paths import VaultPaths, resources_dir
from supervision_app.services.my_supervision import Use, app_uses
from supervision_app.services.signers import known_signers
from supervision_app.storage.migrations import MIGRATIONS
from supervision_app.vault.service import VaultService
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.exchange.installs import open_install, refused_without_change, two_installs, vault_state

NOW = datetime(2026, 11, 20, 17, 30)
HANDOVERS = next(m for m in MIGRATIONS if m.description.startswith("handovers of a supervisee's record"))


def test_a_colleague_card_travels_as_a_file_and_as_a_code(tmp_path: Path) -> None:
    quieten_libraries()
    with two_installs(tmp_path, NOW) as (aisha, _zoe_app, _zoe, _clock):
        card = aisha.exchange.my_card(PersonRole.COLLEAGUE)
        assert card_from_file(card_to_file(card)).role is PersonRole.COLLEAGUE
        from_code = card_from_code(card_to_code(card))
        assert from_code.role is PersonRole.COLLEAGUE and from_code.fingerprint == card.fingerprint


def test_a_colleague_is_not_the_users_supervisor_and_signs_nothing_by_pairing_alone(tmp_path: Path) -> None:
    quieten_libraries()
    with two_installs(tmp_path, NOW) as (aisha, zoe_app, _zoe, clock):
        ben = open_install(tmp_path / "ben", "Ben Carter", frozenset({Use.SUPERVISING}), clock,
                           load_content(resources_dir()))
        try:
            person, pairing = aisha.exchange.pair(card_from_file(card_to_file(ben.exchange.my_card(
                PersonRole.COLLEAGUE))))
            assert pairing.their_role is PersonRole.COLLEAGUE and person.role is PersonRole.SUPERVISOR
            assert aisha.exchange.colleagues() == [person] and aisha.exchange.my_supervisors() == []
            assert app_uses(aisha.store) == frozenset({Use.SUPERVISING})
            assert pairing.fingerprint not in known_signers(aisha.store)

            # Zoë's own supervisor cannot be turned into a colleague by a card with the same key.
            zoe_app.exchange.pair(card_from_file(card_to_file(aisha.exchange.my_card(PersonRole.SUPERVISOR))))
            before = vault_state(zoe_app)
            colleague_card = card_from_file(card_to_file(aisha.exchange.my_card(PersonRole.COLLEAGUE)))
            with pytest.raises(ExchangeError, match="Aisha Rahman is already paired with you as your supervisor"):
                zoe_app.exchange.pair(colleague_card)
            assert vault_state(zoe_app) == before

            # A colleague sends handovers only: a record from Ben is refused before it is opened.
            ben.exchange.pair(card_from_file(card_to_file(aisha.exchange.my_card(PersonRole.COLLEAGUE))))
            record = seal(b"{}", kind="record", sender=ben.exchange.identity(),
                          recipient_key=aisha.exchange.identity().public_key_der, sequence=10**10, created_at=NOW)
            refused_without_change(aisha, record, "comes from a supervisor, but you are paired with Ben Carter as "
                                                  "your colleague")
        finally:
            ben.vault.lock()


def test_the_upgrade_keeps_every_pairing_and_allows_a_colleague(tmp_path: Path) -> None:
    quieten_libraries()
    paths = VaultPaths(tmp_path / "vault")
    before_handovers = tuple(m for m in MIGRATIONS if m.version < HANDOVERS.version)
    old = VaultService(paths, passphrase_kdf=lambda: FAST_KDF, migrations=before_handovers)
    vault, _code = old.create(PASSPHRASE)
    with vault.store.transaction() as connection:
        connection.execute(text("INSERT INTO people (id, name, role) VALUES (2, 'Zoë Whitfield', 'supervisee')"))
        connection.execute(text("INSERT INTO pairings VALUES (2, 'supervisee', x'01', 'AAAA', NULL, "
                                "'2026-11-20T17:30:00')"))
    vault.lock()
    upgraded = VaultService(paths, passphrase_kdf=lambda: FAST_KDF).unlock_with_passphrase(PASSPHRASE)
    try:
        with upgraded.store.transaction() as connection:
            rows = connection.execute(text("SELECT person_id, their_role, fingerprint FROM pairings")).all()
            assert [tuple(r) for r in rows] == [(2, "supervisee", "AAAA")]
            connection.execute(text("INSERT INTO people (id, name, role) VALUES (3, 'Ben Carter', 'supervisor')"))
            connection.execute(text("INSERT INTO pairings VALUES (3, 'colleague', x'02', 'BBBB', NULL, "
                                    "'2026-11-20T17:30:00')"))
        assert upgraded.store.handovers() == []
    finally:
        upgraded.lock()

