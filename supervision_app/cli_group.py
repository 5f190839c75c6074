"""Group sessions on the command line: their lines in ``sessions``, and ``group-show`` / ``group-note`` for one
member's record of a group session (the same as ``show`` and ``note`` of that member's session, whose id
``sessions`` gives beside their name)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from supervision_app.errors import UsageError
from supervision_app.paths import VaultPaths
from supervision_app.untrusted import visible

if TYPE_CHECKING:
    from supervision_app.domain.model import Person
    from supervision_app.storage.records import SqlRecordStore


def add_parsers(commands: Any) -> None:
    show = commands.add_parser("group-show", help="print one member's record of a group session, as on the record")
    show.add_argument("group", metavar="GROUP", help="the group session's id, e.g. G1 (see 'sessions')")
    show.add_argument("--member", required=True, metavar="NAME", help="the member (part of the name will do)")
    note = commands.add_parser("group-note", help="write one member's note of a signed-off group session as a "
                               "PDF signed by you")
    note.add_argument("group", metavar="GROUP", help="the group session's id, e.g. G1 (see 'sessions')")
    note.add_argument("--member", required=True, metavar="NAME", help="the member (part of the name will do)")
    note.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf", help="where to write it")
    note.add_argument("--letter", action="store_true", help="US Letter paper instead of A4")


def group_lines(store: SqlRecordStore, person: Person | None) -> list[str]:
    """The group sessions (``person``'s only, if given), one line each, with every member's name."""
    from supervision_app.formatting import format_datetime
    from supervision_app.services.groups import GroupService

    lines = []
    for summary in GroupService(store).summaries(person):
        group = summary.group
        members = ", ".join(
            visible(p.name) + (f" (session {group.session_of(p.id)})" if group.session_of(p.id) else "")
            + (" facilitating" if p.id == group.facilitator_id else "") for p in summary.members)
        lines.append(f"G{group.id}  {format_datetime(group.scheduled_start)}  {group.kind.label}  "
                     f"{group.status.label}  Members: {members}")
    return ["Group sessions:", *lines] if lines else []


def group_show(args: argparse.Namespace, paths: VaultPaths) -> int:
    from supervision_app import cli
    from supervision_app.services.groups import GroupService, parse_group_id
    from supervision_app.services.note import note_for_session, render_text

    group_id = parse_group_id(args.group)
    vault = cli._unlocked(args, paths)
    try:
        session_id = GroupService(vault.store).member_session(group_id, args.member)
        note = note_for_session(vault.store, session_id)
    finally:
        vault.lock()
    sys.stdout.write(render_text(note))
    return 0


def group_note(args: argparse.Namespace, paths: VaultPaths) -> int:
    from supervision_app import cli
    from supervision_app.services.groups import GroupService, parse_group_id
    from supervision_app.services.notes import NoteOptions
    from supervision_app.services.signing import SigningError

    group_id = parse_group_id(args.group)
    output = cli._output_path(args.output)
    vault = cli._unlocked(args, paths)
    try:
        session_id = GroupService(vault.store).member_session(group_id, args.member)
        notes = cli._note_service(vault)
        kept = notes.signed_note(session_id)
        if kept is None:
            try:
                notes.sign_as_supervisor(session_id, NoteOptions(page_size="Letter" if args.letter else "A4"))
            except SigningError as error:
                raise UsageError(str(error)) from None
            kept = notes.signed_note(session_id)
            assert kept is not None
        cli._write_output(output, kept.pdf)
        notes.record_export(session_id, "saved as PDF")
    finally:
        vault.lock()
    signed_by = "you and the member" if kept.signatures == 2 else "you"
    cli.say(f"Wrote {output}: the note of session {session_id} (group session G{group_id}), signed by {signed_by}, "
            f"fingerprint {kept.fingerprint}.")
    return 0
