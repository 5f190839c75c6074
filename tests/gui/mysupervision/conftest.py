"""Two real installs for the "My supervision" page: Aisha supervises Zoë; the page is Zoë's."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from supervision_app.domain.model import Person, PersonRole
from supervision_app.domain.record import Action, ActionOwner, Confirmation, Signatory
from supervision_app.exchange.pairing import card_from_file, card_to_file
from supervision_app.gui.exchange.files import ExchangeFiles
from supervision_app.gui.mysupervision import MySupervisionPage
from supervision_app.gui.services import AppServices
from supervision_app.logging_setup import quieten_libraries
from supervision_app.services.notes import NoteOptions
from supervision_app.vault.service import VaultService
from tests.exchange.installs import Clock, Install, two_installs
from tests.gui.conftest import make_services

NOW = datetime(2026, 11, 20, 17, 30)
SESSION_AT = datetime(2026, 11, 24, 10, 0)


@dataclass
class Saved:
    """Stands in for the save dialog: answers with ``folder / name`` (or cancels) and remembers what it was asked."""

    folder: Path
    answer: str | None = None  # a file name, or None to cancel
    asked: list[tuple[str, str, str]] = field(default_factory=list)

    def __call__(self, _parent: object, title: str, suggested: str, file_filter: str) -> Path | None:
        self.asked.append((title, suggested, file_filter))
        name = self.answer if self.answer is not None else None
        return self.folder / name if name else None


@dataclass
class World:
    aisha: Install  # the supervisor's install
    zoe_app: Install  # the supervisee's install: the page is on this one
    zoe: Person  # Zoë as Aisha's supervisee
    clock: Clock
    services: AppServices
    saved: Saved
    tmp_path: Path
    supervisor: Person | None = None  # Aisha as Zoë's supervisor, once paired

    def pair(self) -> Person:
        self.aisha.exchange.pair(card_from_file(card_to_file(self.zoe_app.exchange.my_card(PersonRole.SUPERVISEE))))
        self.supervisor, _ = self.zoe_app.exchange.pair(card_from_file(card_to_file(
            self.aisha.exchange.my_card(PersonRole.SUPERVISOR))))
        return self.supervisor

    def page(self, qtbot: QtBot) -> MySupervisionPage:
        page = MySupervisionPage(self.services, self.zoe_app.exchange, self.zoe_app.mine, self.zoe_app.notes)
        qtbot.addWidget(page)
        page.resize(1200, 720)
        return page

    def send_record(self) -> str:
        """Aisha holds a session with two actions, signs the record and Zoë imports it; returns its uid."""
        aisha = self.aisha
        session = aisha.sessions.book(self.zoe.id, SESSION_AT)
        self.clock.now = SESSION_AT
        _opened, record = aisha.sessions.open_session(session.id)
        record.actions = [Action("Ask for a caseload weighting review", ActionOwner.SUPERVISOR,
                                 due=date(2026, 12, 5)),
                          Action("Draft the court statement", ActionOwner.SUPERVISEE, due=date(2026, 11, 30)),
                          Action("Send the training dates", ActionOwner.OTHER, owner_name="Team manager")]
        record.next_session = SESSION_AT + timedelta(weeks=4)
        aisha.sessions.confirm(session.id, record, Signatory.SUPERVISOR, Confirmation.AGREED)
        aisha.sessions.confirm(session.id, record, Signatory.SUPERVISEE, Confirmation.AGREED)
        self.clock.now = SESSION_AT + timedelta(hours=2)
        aisha.notes.sign_as_supervisor(session.id, NoteOptions())
        outcome = self.zoe_app.exchange.import_pack(aisha.exchange.export_record(session.id))
        assert outcome.session_uid is not None
        return outcome.session_uid


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    quieten_libraries()
    with two_installs(tmp_path, NOW) as (aisha, zoe_app, zoe, clock):
        saved = Saved(tmp_path / "out")
        saved.folder.mkdir()
        services = make_services(VaultService(zoe_app.paths))
        services.clock = clock
        services.files = ExchangeFiles(save_path=saved)
        yield World(aisha, zoe_app, zoe, clock, services, saved, tmp_path)
