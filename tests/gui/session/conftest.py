"""Fixtures for the session editor: a real vault with two people, an agreement and a booked session."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QRadioButton, QWidget
from pytestqt.qtbot import QtBot

from supervision_app.clock import SettableClock as Clock
from supervision_app.content import ToolkitContent, load_content
from supervision_app.domain.agreement import Agreement
from supervision_app.domain.model import NewPerson, Person, PersonRole, SupervisionSession
from supervision_app.gui.session import SessionEditor
from supervision_app.paths import resources_dir
from supervision_app.services.sessions import SessionService
from supervision_app.vault.service import OpenVault

SUPERVISOR = "Aisha Rahman"
SUPERVISEE = "Zoë Whitfield"
SESSION_START = datetime(2026, 11, 24, 10, 0)



@dataclass
class World:
    vault: OpenVault
    service: SessionService
    clock: Clock
    supervisor: Person
    supervisee: Person
    session: SupervisionSession


@dataclass
class Answers:
    """Stands in for the "Sign off anyway?" box and the file dialog."""

    sign_off_anyway: bool = True
    asked: list[str] = field(default_factory=list)
    ics_path: Path | None = None

    def ask(self, _parent: QWidget, question: str, details: str) -> bool:
        self.asked.append(f"{question}\n{details}")
        return self.sign_off_anyway

    def choose_ics_path(self, _parent: QWidget, _suggested: str) -> Path | None:
        return self.ics_path


def make_world(vault: OpenVault) -> World:
    store = vault.store
    supervisor = store.add_person(NewPerson(SUPERVISOR, PersonRole.SUPERVISOR, job_title="Team Manager",
                                            is_self=True))
    supervisee = store.add_person(NewPerson(SUPERVISEE, PersonRole.SUPERVISEE, job_title="Social Worker"))
    store.save_agreement(Agreement.default_for(supervisee.id, newly_qualified=False, today=date(2026, 11, 1)))
    clock = Clock(SESSION_START)
    service = SessionService(store, clock)
    session = service.book(supervisee.id, SESSION_START)
    return World(vault, service, clock, supervisor, supervisee, session)


@pytest.fixture(scope="session")
def content() -> ToolkitContent:
    return load_content(resources_dir())


@pytest.fixture
def world(open_vault: OpenVault) -> World:
    return make_world(open_vault)


@pytest.fixture
def answers() -> Answers:
    return Answers()


@pytest.fixture
def make_editor(world: World, content: ToolkitContent, answers: Answers,
                qtbot: QtBot) -> Iterator[Callable[..., SessionEditor]]:
    def make(session_id: int | None = None, autosave_ms: int = 50) -> SessionEditor:
        editor = SessionEditor(world.service, content, session_id or world.session.id, autosave_ms=autosave_ms,
                               ask=answers.ask, choose_ics_path=answers.choose_ics_path)
        qtbot.addWidget(editor)
        editor.resize(1280, 800)
        editor.show()
        return editor

    yield make


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    """Click as a person would: a check box or radio button on its box, which a wide one's centre is not."""
    if isinstance(button, (QCheckBox, QRadioButton)):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(12, button.height() // 2))
    else:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
