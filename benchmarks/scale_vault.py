"""The large vault for ``scale.py``: a team with years of signed-off sessions, made through the app's services.

The records are the demo's (``services/demo.py``): each session takes one of the
demo's monthly write-ups, with one new action. Actions are reviewed as in real
supervision (:func:`review_as_in_practice`): most are done at the next session or
the one after, one in ten is dropped with a reason, and one in
:data:`LONG_EVERY` is carried forward for :data:`LONG_FOR` sessions before it is
done, so the chains are long while only a handful of actions are open at once.
Every signed-off session's note is signed by the supervisor
(``NoteService.sign_as_supervisor``) and kept in the vault, as the app does.
Building takes minutes, so the vault is cached, keyed by the app's version, the
schema version, :data:`GENERATION` and the size. When the schema moves on, the newest
cached vault of an earlier schema (same version, generation and size) is copied and
unlocked, so the app migrates it as it would a supervisor's vault on an update
(:func:`migrated_copy`); its pre-migration backup is left out of the copy.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

from supervision_app import __version__
from supervision_app.clock import SettableClock
from supervision_app.content import load_content
from supervision_app.domain.agreement import Agreement
from supervision_app.domain.model import NewPerson, PersonRole, SessionStatus
from supervision_app.domain.record import ReviewOutcome, SessionRecord
from supervision_app.paths import VaultPaths, resources_dir
from supervision_app.services.demo import (
    DEMO_ORGANISATION,
    DEMO_SUPERVISOR,
    _fill,
    _months,
    _sign_off,  # the demo's own steps (private to it; reused, not copied)
    _start_half_written,
    fill_demo,
)
from supervision_app.services.notes import NoteOptions, NoteService
from supervision_app.services.people import ORGANISATION_KEY
from supervision_app.services.sessions import SessionService
from supervision_app.storage.migrations import latest_version
from supervision_app.storage.records import SqlRecordStore
from supervision_app.vault.keyfile import PASSPHRASE_SLOT, KeyFile
from supervision_app.vault.service import VaultService

Say = Callable[[str], None]
PASSPHRASE = "benchmark orchard tiger violin"
TODAY = date(2026, 11, 24)
GENERATION = 2  # what the records say; a new one builds a new vault (1: 26 to 37 actions open, never completed)
LONG_EVERY = 25  # one action in this many is carried forward for a long time...
LONG_FOR = 100  # ...this many sessions, then done
NAMES = ("Zoë Whitfield", "Siobhán O'Connell", "Daniel Atić-Lee", "Priya Natarajan", "Tomasz Nowak",
         "Grace Okafor", "Liam McAllister", "Fatima Hussain", "Eleri Pritchard", "Kwame Mensah",
         "Hannah Brooks-Reid", "Oisín Byrne", "Mei Lin Chow", "Rhys Vaughan", "Amara Dike")


def cache_dir(root: Path, supervisees: int, sessions: int) -> Path:
    return root / f"large-{__version__}-schema{latest_version()}-gen{GENERATION}-{supervisees}x{sessions}"


def large_vault(root: Path, supervisees: int, sessions: int, say: Say = print) -> Path:
    """The data folder of the cached large vault, built first if it is not there."""
    folder = cache_dir(root, supervisees, sessions)
    if (folder / "complete").exists():
        return folder
    building = folder.with_name(folder.name + ".building")
    if migrated_copy(root, supervisees, sessions, building, say):
        building.rename(folder)
        return folder
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    started = time.perf_counter()
    vault, _code = VaultService(VaultPaths(building)).create(PASSPHRASE)
    try:
        fill_large(vault.store, supervisees, sessions, say)
        built = time.perf_counter() - started
        signed = sign_all(vault.store, say)
    finally:
        vault.lock()
    total = time.perf_counter() - started
    say(f"built the large vault in {total:.0f} s ({built:.0f} s of records, {signed:.0f} s signing notes)")
    shutil.rmtree(folder, ignore_errors=True)
    building.rename(folder)
    (folder / "complete").write_text(f"{total:.0f} s\n")
    return folder


def migrated_copy(root: Path, supervisees: int, sessions: int, building: Path, say: Say) -> bool:
    """Copy the newest complete vault cached at an earlier schema into ``building`` and migrate it there by
    unlocking it; ``False`` if there is none."""
    candidates = (root / f"large-{__version__}-schema{version}-gen{GENERATION}-{supervisees}x{sessions}"
                  for version in range(latest_version() - 1, 0, -1))
    older = next((folder for folder in candidates if (folder / "complete").exists()), None)
    if older is None:
        return False
    shutil.rmtree(building, ignore_errors=True)
    started = time.perf_counter()
    shutil.copytree(older, building, ignore=shutil.ignore_patterns("backups", "complete"))
    VaultService(VaultPaths(building)).unlock_with_passphrase(PASSPHRASE).lock()
    shutil.rmtree(building / "backups", ignore_errors=True)  # the backup taken before migrating
    took = time.perf_counter() - started
    (building / "complete").write_text(f"migrated from {older.name} in {took:.0f} s\n")
    say(f"migrated the large vault cached at {older.name} to schema {latest_version()} in {took:.0f} s")
    return True


def demo_vault(folder: Path, like: Path) -> Path:
    """The demo vault, every signed-off note signed, as the large one in ``like``, and its passphrase's key
    derived as dearly (Argon2id's cost is calibrated when a vault is made, under whatever load there is then:
    unlocking the two would compare two calibrations as well as the vaults)."""
    large_kdf = KeyFile.from_bytes(VaultPaths(like).key_file.read_bytes()).slot(PASSPHRASE_SLOT).kdf
    vault, _code = VaultService(VaultPaths(folder), passphrase_kdf=lambda: large_kdf).create(PASSPHRASE)
    try:
        fill_demo(vault.store, TODAY)
        sign_all(vault.store, lambda _line: None)
    finally:
        vault.lock()
    return folder


def fill_large(store: SqlRecordStore, supervisees: int, sessions: int, say: Say) -> None:
    supervisor = store.add_person(DEMO_SUPERVISOR)
    store.set_meta(ORGANISATION_KEY, DEMO_ORGANISATION)
    first = TODAY - timedelta(weeks=4 * sessions + 2)
    clock = SettableClock(datetime.combine(first, clock_time(9)))
    service = SessionService(store, clock)
    for index in range(supervisees):
        person = store.add_person(NewPerson(NAMES[index % len(NAMES)], PersonRole.SUPERVISEE, "Social Worker",
                                            "Duty and Assessment", first - timedelta(days=400)))
        agreement = Agreement.default_for(person.id, newly_qualified=False, today=first - timedelta(days=30))
        store.save_agreement(agreement)
        day = service.working_day_from(first + timedelta(days=index))
        session = service.book(person.id, datetime.combine(day, clock_time(9 + index % 8)))
        agreed_at: dict[str, int] = {}  # each action's id: the number of the session that agreed it
        for number in range(sessions):
            start = session.scheduled_start
            month = _months(index % 3, start.date() + timedelta(days=150))[number % 5]
            if number % 5 != 1:
                month = replace(month, correction=None)  # one addendum in every five sessions
            clock.now = start
            session, record = service.open_session(session.id)
            _fill(record, month, start, person, supervisor, number % 5, service.working_day_from)
            review_as_in_practice(record, number, agreed_at)
            agreed_at.update((action.id, number) for action in record.actions)
            record.next_session = service.suggested_next(session)
            _sign_off(service, clock, session, record, month, start + timedelta(minutes=95))
            session = next(s for s in store.list_sessions(person.id) if s.status is SessionStatus.SCHEDULED)
        # As in the demo: the latest session started and half written, and the next one booked.
        clock.now = session.scheduled_start
        _start_half_written(service, session, supervisor, person)
        say(f"  {person.name}: {sessions} sessions")


def review_as_in_practice(record: SessionRecord, number: int, agreed_at: dict[str, int]) -> None:
    """Session ``number`` reviews each open action as supervision usually does.

    An action agreed in an even-numbered session is done at the next one; one from an
    odd-numbered session is in progress there and done at the one after, except that one
    in ten is dropped with a reason. One in :data:`LONG_EVERY` is carried forward (or in
    progress, in turn) for :data:`LONG_FOR` sessions, then done.
    """
    for review in record.reviews:
        agreed = agreed_at[review.action_id]
        age = number - agreed
        review.note = ""
        if agreed % LONG_EVERY == LONG_EVERY - 1:
            outcome = ReviewOutcome.DONE if age >= LONG_FOR else (
                ReviewOutcome.CARRIED_FORWARD if age % 2 else ReviewOutcome.IN_PROGRESS)
        elif agreed % 10 == 3:
            outcome = ReviewOutcome.DROPPED
            review.note = "No longer needed after the restructure."
        elif agreed % 2 == 0 or age >= 2:
            outcome = ReviewOutcome.DONE
        else:
            outcome = ReviewOutcome.IN_PROGRESS
        review.outcome = outcome


def sign_all(store: SqlRecordStore, say: Say) -> float:
    """Sign every signed-off session's note as the supervisor; return the seconds it took."""
    started = time.perf_counter()
    notes = NoteService(store, load_content(resources_dir()), resources_dir() / "fonts")
    options = NoteOptions()
    signed_off = [s for s in store.list_sessions() if s.status is SessionStatus.SIGNED_OFF]
    for count, session in enumerate(signed_off, 1):
        notes.sign_as_supervisor(session.id, options)
        if count % 100 == 0:
            say(f"  signed {count} of {len(signed_off)} notes")
    return time.perf_counter() - started
