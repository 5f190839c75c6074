"""``supervision-app export-person``: everything about one supervisee, for their access request."""

from __future__ import annotations

import argparse
from datetime import date

from supervision_app.errors import UsageError
from supervision_app.paths import VaultPaths


def received_date(text: str) -> date:
    """``--received``: a date as YYYY-MM-DD, or a one-line usage error."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"give the date as YYYY-MM-DD, for example 2026-11-20, not '{text}'") from None


def export_person(args: argparse.Namespace, paths: VaultPaths) -> int:
    from supervision_app import cli
    from supervision_app.content import load_content
    from supervision_app.formatting import format_long_day
    from supervision_app.paths import resources_dir
    from supervision_app.services.access import AccessService
    from supervision_app.services.people import find_supervisee

    folder = args.output.expanduser().absolute()
    if not folder.is_dir():
        raise UsageError(f"{args.output} is not a folder; give an existing folder with -o.")
    vault = cli._unlocked(args, paths)
    try:
        person = find_supervisee(vault.store, args.name)
        service = AccessService(vault.store, load_content(resources_dir()), resources_dir() / "fonts")
        received = args.received or service.now().date()
        result = service.export(person.id, received, folder)
    finally:
        vault.lock()
    cli.say(f"Wrote everything about {person.name} to {result.folder}: {result.sessions} sessions and "
            f"{result.signed_notes} signed notes, as a PDF to read and as JSON.")
    cli.say("This copy is not encrypted: anyone who can open the folder can read it, private items included. "
            "Give it to them safely, then delete it.")
    cli.say(f"Request received {format_long_day(received)}; the reply is due by {format_long_day(result.reply_by)}.")
    return 0
