"""The ``search`` command: every record's items that hold the words given, newest session first."""

from __future__ import annotations

import argparse

from supervision_app.cli_access import received_date
from supervision_app.paths import VaultPaths

KIND_NAMES = ("agenda", "discussion", "decision", "action", "flag", "learning", "addendum")  # SearchKind's values


def add_parser(commands: argparse._SubParsersAction) -> None:
    search = commands.add_parser("search", help="find records holding every word given (accents and case aside): "
                                 "agenda items, discussion, decisions, actions, flags, learning and addenda; "
                                 "on a supervisee's install also their preparation and the records received")
    search.add_argument("text", metavar="TEXT", help="the words to look for (each also finds longer words it starts)")
    search.add_argument("--supervisee", metavar="NAME", help="only this supervisee (part of the name will do)")
    search.add_argument("--from", dest="start", type=received_date, metavar="YYYY-MM-DD",
                        help="only sessions on or after this day")
    search.add_argument("--to", dest="end", type=received_date, metavar="YYYY-MM-DD",
                        help="only sessions on or before this day")
    search.add_argument("--kind", choices=KIND_NAMES, help="only this kind of item")


def search(args: argparse.Namespace, paths: VaultPaths) -> int:
    """Print one line per item found: the session, its day, the supervisee, the kind and the words around."""
    from supervision_app.cli import _unlocked, say
    from supervision_app.domain.search import SearchFilters, SearchKind
    from supervision_app.errors import UsageError
    from supervision_app.formatting import format_datetime
    from supervision_app.services.people import find_supervisee
    from supervision_app.storage.my_search_index import MyFilters, search_mine
    from supervision_app.storage.search_index import MAX_HITS
    from supervision_app.storage.search_index import search as search_records

    if args.start is not None and args.end is not None and args.start > args.end:
        raise UsageError("The --from day is after the --to day; give them the other way round.")
    vault = _unlocked(args, paths)
    try:
        person = find_supervisee(vault.store, args.supervisee) if args.supervisee else None
        filters = SearchFilters(person.id if person else None, args.start, args.end,
                                SearchKind(args.kind) if args.kind else None)
        hits = search_records(vault.store, args.text, filters)
        # On a supervisee's install: their own preparation and the records received (not narrowed to a
        # supervisee or a kind of the supervisor's records).
        mine = [] if args.supervisee or args.kind else search_mine(vault.store, args.text,
                                                                   MyFilters(start=args.start, end=args.end))
    finally:
        vault.lock()
    for hit in hits:  # (say shows hidden characters as <U+XXXX>)
        say(f"Session {hit.session_id}  {format_datetime(hit.session_start)}  {hit.supervisee}  "
            f"{hit.kind_label}: {hit.snippet}")
    for own in mine:
        when = format_datetime(own.session_start) if own.session_start else "Preparing"
        say(f"My supervision with {own.supervisor}  {when}  {own.kind_label}: {own.snippet}")
    if not hits and not mine:
        say("Nothing found.")
    elif len(hits) >= MAX_HITS:
        say(f"Showing the newest {MAX_HITS}; narrow the search with --supervisee, --from, --to or --kind.")
    return 0
