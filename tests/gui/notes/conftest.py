"""Fixtures for the note dialogs: a real vault filled with the demo team, and stand-ins for the user's answers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from supervision_app.content import load_content
from supervision_app.domain.model import Person, SessionStatus, SupervisionSession
from supervision_app.gui.notes import NoteDialog
from supervision_app.logging_setup import quieten_libraries
from supervision_app.paths import resources_dir
from supervision_app.services.demo import fill_demo
from supervision_app.services.notes import NoteService
from supervision_app.vault.service import OpenVault
from tests.gui.conftest import DEMO_TODAY

SUPERVISEE = "Zoë Whitfield"


@dataclass
class FakeNotePrinter:
    printed: list[tuple[bytes, str]] = field(default_factory=list)
    accept: bool = True

    def print_pdf(self, pdf: bytes, title: str, parent: QWidget | None) -> bool:
        if self.accept:
            self.printed.append((pdf, title))
        return self.accept


@dataclass
class Answers:
    """Stands in for the save dialog and the question boxes."""

    save_path: Path | None = None
    suggested: list[str] = field(default_factory=list)
    confirm: bool = True
    questions: list[str] = field(default_factory=list)

    def choose_save_path(self, _parent: QWidget, suggested: str) -> Path | None:
        self.suggested.append(suggested)
        return self.save_path

    def ask(self, _parent: QWidget, question: str, details: str, yes_label: str) -> bool:
        self.questions.append(f"{question}\n{details}\n[{yes_label}]")
        return self.confirm


@dataclass
class NotesWorld:
    vault: OpenVault
    notes: NoteService
    supervisee: Person
    signed_off: SupervisionSession  # the supervisee's latest signed-off session
    draft: SupervisionSession  # a session still in progress


@pytest.fixture(scope="session", autouse=True)
def _quiet_pyhanko() -> None:
    # pyHanko logs a traceback at WARNING for every tampered file it reviews.
    quieten_libraries()


@pytest.fixture
def world(open_vault: OpenVault) -> NotesWorld:
    store = open_vault.store
    fill_demo(store, DEMO_TODAY)
    notes = NoteService(store, load_content(resources_dir()), resources_dir() / "fonts")
    supervisee = next(person for person in store.list_people() if person.name == SUPERVISEE)
    sessions = [s for s in store.list_sessions() if s.supervisee_id == supervisee.id]
    signed_off = max((s for s in sessions if s.status is SessionStatus.SIGNED_OFF), key=lambda s: s.scheduled_start)
    draft = next(s for s in sessions if s.status is SessionStatus.DRAFT)
    return NotesWorld(open_vault, notes, supervisee, signed_off, draft)


@pytest.fixture
def printer() -> FakeNotePrinter:
    return FakeNotePrinter()


@pytest.fixture
def answers(tmp_path: Path) -> Answers:
    return Answers(save_path=tmp_path / "saved" / "note.pdf")


@pytest.fixture
def make_dialog(world: NotesWorld, printer: FakeNotePrinter, answers: Answers,
                qtbot: QtBot) -> Iterator[Callable[..., NoteDialog]]:
    def make(session_id: int | None = None) -> NoteDialog:
        dialog = NoteDialog(world.notes, session_id or world.signed_off.id, printer=printer,
                            choose_save_path=answers.choose_save_path, confirm=answers.ask)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    yield make
