"""The retention and erasure commands: ``retention``, ``end-supervision``, ``keep-longer`` and ``erase-person``.

Registered in :mod:`supervision_app.cli` (which imports this lazily); they
print through :func:`supervision_app.cli.say`, so names from outside the app
show hidden characters as ``<U+XXXX>``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING

from supervision_app.cli import _unlocked, say
from supervision_app.domain.model import Person
from supervision_app.domain.names import folded, same_name
from supervision_app.domain.retention import check_keep_reason
from supervision_app.errors import ErasureRefused, UsageError
from supervision_app.formatting import format_date
from supervision_app.paths import VaultPaths

if TYPE_CHECKING:  # imported by the commands themselves, so --help and other commands start fast
    from supervision_app.storage.records import SqlRecordStore

# What erasure deletes, in the words the command reports it with.
_COUNTED = (("sessions", "session"), ("signed_notes", "signed note"), ("addenda", "addendum"),
            ("pack_log", "exchange log entry"), ("pairings", "pairing"))


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """The four commands' parsers (placed by cli.build_parser)."""
    commands.add_parser("retention", help="list whose records are past the organisation's retention period, "
                        "since when, and any reason recorded to keep them")
    end = commands.add_parser("end-supervision", help="record when supervision with someone ended "
                              "(the retention period runs from then)")
    end.add_argument("name", metavar="NAME", help="the supervisee (part of the name will do)")
    end.add_argument("date", nargs="?", type=date.fromisoformat, metavar="YYYY-MM-DD", help="the day it ended")
    end.add_argument("--clear", action="store_true", help="supervision has not ended after all")
    keep = commands.add_parser("keep-longer", help="record why someone's records are kept past retention")
    keep.add_argument("name", metavar="NAME", help="the supervisee (part of the name will do)")
    keep.add_argument("reason", nargs="?", metavar="REASON", help="why, for example 'Legal hold: tribunal claim'")
    keep.add_argument("--clear", action="store_true", help="remove the recorded reason")
    erase = commands.add_parser("erase-person", help="erase a supervisee and everything about them (asks first)")
    erase.add_argument("name", metavar="NAME", help="the supervisee (part of the name will do)")
    erase.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    erase.add_argument("--replace-backups", action="store_true",
                       help="then make a fresh backup in the backup folder and, once it is verified, delete "
                       "the backups made before, which still hold them")


def retention(args: argparse.Namespace, paths: VaultPaths) -> int:
    from supervision_app.services.retention import RetentionService, load_retention_rule

    rule = load_retention_rule()
    vault = _unlocked(args, paths)
    try:
        entries = RetentionService(vault.store, rule).review()
    finally:
        vault.lock()
    say(f"Records are kept {rule.years} years after supervision ends. {rule.basis}".strip())
    if not entries:
        say("Nobody's records are past retention.")
        return 0
    rows = [("Name", "Supervision ended", "Past retention since", "Kept because")]
    rows += [(e.person.name, format_date(e.ended), format_date(e.past_since),
              f"{e.keep.reason} (recorded {format_date(e.keep.recorded_on)})" if e.keep else "") for e in entries]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        say("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    say("Erase each with 'erase-person NAME', or record why they are kept with 'keep-longer NAME REASON'.")
    return 0


def end_supervision(args: argparse.Namespace, paths: VaultPaths) -> int:
    from supervision_app.services.people import InvalidEntry, find_supervisee
    from supervision_app.services.retention import RetentionService, load_retention_rule

    if args.clear == (args.date is not None):
        raise UsageError("Give the date supervision ended (YYYY-MM-DD), or --clear.")
    rule = load_retention_rule()
    vault = _unlocked(args, paths)
    try:
        service = RetentionService(vault.store, rule)
        person = find_supervisee(vault.store, args.name)
        try:
            service.set_end_date(person, args.date)
        except InvalidEntry as error:
            raise UsageError(str(error)) from None
        until = service.kept_until(person)
    finally:
        vault.lock()
    if until is None:
        say(f"Supervision with {person.name} has no end date now.")
    else:
        say(f"Supervision with {person.name} ended on {format_date(args.date)}; "
            f"their records are kept to {format_date(until)}.")
    return 0


def keep_longer(args: argparse.Namespace, paths: VaultPaths) -> int:
    from supervision_app.services.people import InvalidEntry, find_supervisee
    from supervision_app.services.retention import RetentionService, load_retention_rule

    if args.clear == (args.reason is not None):
        raise UsageError("Give the reason the records are kept longer, or --clear.")
    problem = check_keep_reason(args.reason) if args.reason is not None else None
    if problem:
        raise UsageError(problem)
    rule = load_retention_rule()
    vault = _unlocked(args, paths)
    try:
        service = RetentionService(vault.store, rule)
        person = find_supervisee(vault.store, args.name)
        if args.clear:
            service.stop_keeping(person)
        else:
            try:
                service.keep_longer(person, args.reason)
            except InvalidEntry as error:
                raise UsageError(str(error)) from None
    finally:
        vault.lock()
    say(f"No reason to keep {person.name}'s records longer is recorded now." if args.clear
        else f"Recorded why {person.name}'s records are kept longer.")
    return 0


def erase_person(args: argparse.Namespace, paths: VaultPaths) -> int:
    from supervision_app.services.backups import BackupService
    from supervision_app.services.erasure import erase_person as erase
    from supervision_app.services.erasure import replace_backups

    if not args.yes and not sys.stdin.isatty():
        raise ErasureRefused("Erasing cannot be undone: run this in a terminal to confirm it, or add --yes; "
                             "nothing was erased.")
    vault = _unlocked(args, paths)
    try:
        person = _find_person(vault.store, args.name)
        backups = BackupService(vault)
        if args.replace_backups and backups.folder() is None:
            raise UsageError("No backup folder is set, so no fresh backup can replace the older ones: set one "
                             "with 'backup --folder DIR' first; nothing was erased.")
        if not args.yes:
            _confirm(vault.store, person)
        report = erase(vault, person.id, backups)
        fresh = replace_backups(backups, report.backups_before) if args.replace_backups else None
    finally:
        vault.lock()
    erased = [f"{report.count(table)} {noun if report.count(table) == 1 else _plural(noun)}"
              for table, noun in _COUNTED if report.count(table)]
    say(f"Erased {person.name}" + (f": {', '.join(erased)}." if erased else "."))
    if fresh is not None:
        made, deleted = fresh
        say(f"Made a fresh backup and checked it: {made.path}.")
        say(f"Deleted {len(deleted)} older backup{'' if len(deleted) == 1 else 's'} that still held them.")
    elif report.backups_before:
        say("These backups were made before and still hold their records:")
        for path in report.backups_before:
            say(f"    {path}")
        say("Make a fresh backup, then delete these (or next time add --replace-backups).")
    say("Copies of backups kept anywhere else still hold them too.")
    return 0


def _plural(noun: str) -> str:
    return {"addendum": "addenda", "exchange log entry": "exchange log entries"}.get(noun, noun + "s")


def _find_person(store: SqlRecordStore, name: str) -> Person:
    """The one person whose name contains ``name``; the vault's owner is refused."""
    wanted = folded(name.strip())
    matches = [p for p in store.list_people() if wanted and wanted in folded(p.name)]
    exact = [p for p in matches if same_name(p.name, name)]
    matches = exact or matches
    if not matches:
        raise UsageError(f"Nobody's name contains '{name}'.")
    if len(matches) > 1:
        raise UsageError(f"'{name}' matches more than one person ({', '.join(p.name for p in matches)}); "
                         "give more of the name.")
    if matches[0].is_self:
        from supervision_app.services.erasure import OWNER_REFUSED

        raise ErasureRefused(OWNER_REFUSED)
    return matches[0]


def _confirm(store: SqlRecordStore, person: Person) -> None:
    sessions = len(store.list_sessions(person.id))
    say(f"This erases {person.name} and everything about them: {sessions} "
        f"session{'' if sessions == 1 else 's'} with their records, actions, flags, notes and signed notes, "
        "their pairing and exchange log entries. It cannot be undone.")
    typed = input("Type their name to erase them: ")
    if not same_name(typed, person.name):
        raise ErasureRefused("The name typed did not match; nothing was erased.")
