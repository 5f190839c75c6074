"""Two installs in temporary folders: a supervisor's and a supervisee's, each with its own vault."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from supervision_app.content import ToolkitContent, load_content
from supervision_app.domain.model import NewPerson, Person, PersonRole
from supervision_app.exchange.envelope import PackRefused
from supervision_app.exchange.pairing import card_from_file, card_to_file
from supervision_app.exchange.service import ExchangeService
from supervision_app.paths import VaultPaths, resources_dir
from supervision_app.services.my_supervision import MySupervisionService, Use, set_app_uses
from supervision_app.services.notes import NoteService
from supervision_app.services.people import add_supervisee, save_profile
from supervision_app.services.sessions import SessionService
from supervision_app.vault.service import OpenVault, VaultService
from tests.conftest import FAST_KDF, PASSPHRASE


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Install:
    paths: VaultPaths
    vault: OpenVault
    exchange: ExchangeService
    sessions: SessionService
    notes: NoteService
    mine: MySupervisionService
    me: Person

    @property
    def store(self):  # type: ignore[no-untyped-def]
        return self.vault.store


def open_install(folder: Path, name: str, uses: frozenset[Use], clock: Clock,
                 content: ToolkitContent) -> Install:
    paths = VaultPaths(folder)
    vault, _code = VaultService(paths, passphrase_kdf=lambda: FAST_KDF).create(PASSPHRASE)
    me = save_profile(vault.store, name, "Social Worker", "Children's Services East", "Northshire Council")
    set_app_uses(vault.store, uses)
    return wrap(paths, vault, me, clock, content)


def wrap(paths: VaultPaths, vault: OpenVault, me: Person, clock: Clock, content: ToolkitContent) -> Install:
    notes = NoteService(vault.store, content, resources_dir() / "fonts", clock=clock)
    return Install(paths, vault, ExchangeService(vault.store, notes, content, clock=clock),
                   SessionService(vault.store, clock=clock), notes, MySupervisionService(vault.store, clock=clock), me)


@contextmanager
def two_installs(tmp_path: Path, now: datetime) -> Iterator[tuple[Install, Install, Person, Clock]]:
    """Aisha supervises Zoë. Returns both installs, Zoë as Aisha's supervisee, and the shared clock."""
    clock = Clock(now)
    content = load_content(resources_dir())
    supervisor = open_install(tmp_path / "aisha", "Aisha Rahman", frozenset({Use.SUPERVISING}), clock, content)
    supervisee = open_install(tmp_path / "zoe", "Zoë Whitfield", frozenset({Use.SUPERVISED}), clock, content)
    zoe = add_supervisee(supervisor.store, NewPerson("Zoë Whitfield", PersonRole.SUPERVISEE))
    try:
        yield supervisor, supervisee, zoe, clock
    finally:
        for install in (supervisor, supervisee):
            if install.vault.is_open:
                install.vault.lock()


def pair_both_ways(supervisor: Install, supervisee: Install) -> Person:
    """Each pins the other from a pairing file; the supervisor as the supervisee's install knows them."""
    supervisor.exchange.pair(card_from_file(card_to_file(supervisee.exchange.my_card(PersonRole.SUPERVISEE))))
    them, _ = supervisee.exchange.pair(card_from_file(card_to_file(supervisor.exchange.my_card(PersonRole.SUPERVISOR))))
    return them


def vault_state(install: Install) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, so any change at all shows."""
    with install.store.transaction() as connection:
        tables = connection.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).scalars().all()
        return {table: sorted(map(tuple, connection.execute(text(f'SELECT * FROM "{table}"')).all()), key=repr)
                for table in tables}


def refused_without_change(install: Install, data: bytes, match: str | None = None) -> str:
    before = vault_state(install)
    with pytest.raises(PackRefused, match=match) as refusal:
        install.exchange.import_pack(data)
    assert vault_state(install) == before
    message = str(refusal.value)
    assert message.endswith(".") and "\n" not in message and len(message) < 200
    return message
