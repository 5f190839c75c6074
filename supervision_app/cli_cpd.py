"""``supervision-app cpd`` and ``cpd-add``: the CPD log for Social Work England, from the terminal."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from supervision_app.errors import UsageError
from supervision_app.paths import VaultPaths

TYPES = ("course", "reading", "podcast", "supervision", "practice", "other")


def add_parsers(commands: Any) -> None:
    cpd = commands.add_parser(
        "cpd", help="write your CPD log for a registration year (1 December to 30 November) as a PDF, or print it "
        "field by field to paste into Social Work England's form")
    cpd.add_argument("--year", type=int, metavar="YEAR",
                     help="the registration year, named by the year it ends in: 2026 is 1 December 2025 to "
                     "30 November 2026 (default: the year today is in)")
    where = cpd.add_mutually_exclusive_group(required=True)
    where.add_argument("-o", "--output", type=Path, metavar="FILE.pdf", help="write the PDF here")
    where.add_argument("--text", action="store_true", help="print the entries field by field, with the progress")
    add = commands.add_parser("cpd-add", help="add an entry to your CPD log")
    add.add_argument("--type", required=True, choices=TYPES, help="the type of CPD")
    add.add_argument("--date", required=True, type=_day, metavar="YYYY-MM-DD", help="the day you did it")
    add.add_argument("--title", required=True, metavar="TEXT", help="a short description of what you did")
    add.add_argument("--learnt", required=True, metavar="TEXT", help="what you learnt")
    add.add_argument("--relevance", default="", metavar="TEXT", help="why it is relevant to your practice")
    add.add_argument("--impact-practice", default="", metavar="TEXT", help="the positive impact on your practice")
    add.add_argument("--impact-people", default="", metavar="TEXT",
                     help="the positive impact on the people you work with")
    add.add_argument("--peer-reflection", default="", metavar="TEXT",
                     help="what you learnt from discussing it with a peer")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"give the date as YYYY-MM-DD, for example 2026-11-20, not '{text}'") from None


def cpd(args: argparse.Namespace, paths: VaultPaths) -> int:
    from supervision_app import cli
    from supervision_app.services.cpd import CpdService

    output = cli._output_path(args.output) if args.output is not None else None
    vault = cli._unlocked(args, paths)
    try:
        service = CpdService(vault.store)
        year = args.year or service.this_year()
        if output is None:
            for line in service.as_text(year).splitlines():
                cli.say(line)
            return 0
        pdf = service.as_pdf(year)
        summary = service.progress_in_words(year)
        count = len(service.entries(year))
    finally:
        vault.lock()
    cli._write_output(output, pdf)
    cli.say(f"Wrote {output}: {count} entr{'y' if count == 1 else 'ies'}. {summary}")
    return 0


def cpd_add(args: argparse.Namespace, paths: VaultPaths) -> int:
    from supervision_app import cli
    from supervision_app.domain.cpd import CpdEntry, CpdType, year_ending
    from supervision_app.services.cpd import CpdService
    from supervision_app.services.people import InvalidEntry

    vault = cli._unlocked(args, paths)
    try:
        service = CpdService(vault.store)
        entry = CpdEntry(CpdType(args.type), args.title, args.date, relevance=args.relevance, learnt=args.learnt,
                         impact_practice=args.impact_practice, impact_people=args.impact_people,
                         peer_reflection=args.peer_reflection)
        try:
            service.save(entry)
        except InvalidEntry as error:
            raise UsageError(str(error)) from None
        summary = service.progress_in_words(year_ending(entry.done_on))
    finally:
        vault.lock()
    cli.say(f"Added to your CPD log. {summary}")
    return 0
