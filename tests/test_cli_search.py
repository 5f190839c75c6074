"""``supervision-app search``, run as a real subprocess on a real vault."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from supervision_app.cli_search import KIND_NAMES
from supervision_app.domain.model import NewPerson, PersonRole
from supervision_app.domain.record import AgendaItem, SessionRecord
from supervision_app.domain.search import SearchKind
from supervision_app.paths import VaultPaths
from supervision_app.services.demo import fill_demo
from supervision_app.services.people import add_supervisee
from supervision_app.services.sessions import SessionService
from supervision_app.vault.service import VaultService
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.test_cli import assert_one_plain_line, run

AT = datetime(2026, 11, 24, 10, 0)


def test_search_with_filters_prints_one_line_per_item_and_shows_hidden_characters(tmp_path: Path) -> None:
    paths = VaultPaths(tmp_path / "data")
    vault, _code = VaultService(paths, passphrase_kdf=lambda: FAST_KDF).create(PASSPHRASE)
    fill_demo(vault.store, date(2026, 11, 24))
    sessions = SessionService(vault.store, clock=lambda: AT)
    person = add_supervisee(vault.store, NewPerson("Ola Nowak", PersonRole.SUPERVISEE), today=AT.date())
    booked = sessions.book(person.id, AT)
    sessions.save_draft(booked.id, SessionRecord(agenda=[AgendaItem("Court skills \u202ehidden\x1b[2J")]))
    vault.lock()
    data = ("--data-dir", str(paths.data_dir))

    everything = run(*data, "search", "court skills")
    assert everything.returncode == 0, everything.stderr
    lines = everything.stdout.splitlines()
    assert any("Zoë Whitfield  Action: Book the court skills course" in line for line in lines)
    [ola] = [line for line in lines if "Ola Nowak" in line]
    assert ola == f"Session {booked.id}  Tue 24 Nov 2026, 10:00  Ola Nowak  Agenda item: " \
                  "Court skills <U+202E>hidden<U+001B>[2J"

    only_ola = run(*data, "search", "COURT", "--supervisee", "nowak", "--kind", "agenda", "--from", "2026-11-24",
                   "--to", "2026-11-24")
    assert only_ola.stdout.splitlines() == [ola]
    assert run(*data, "search", "court", "--to", "2020-01-01").stdout == "Nothing found.\n"
    assert run(*data, "search", '"*() --').stdout == "Nothing found.\n"

    backwards = run(*data, "search", "court", "--from", "2026-11-24", "--to", "2026-11-01")
    assert backwards.returncode == 2
    assert assert_one_plain_line(backwards).endswith("The --from day is after the --to day; give them the "
                                                     "other way round.")
    nobody = run(*data, "search", "court", "--supervisee", "Nobody at all")
    assert nobody.returncode == 2 and "No supervisee's name contains" in assert_one_plain_line(nobody)
    assert run(*data, "search", "court", "--kind", "sandwich").returncode == 2


def test_the_kinds_the_command_offers_are_the_searchable_kinds() -> None:
    assert tuple(kind.value for kind in SearchKind) == KIND_NAMES
