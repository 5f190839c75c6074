"""The command line's handover: ``handover-export NAME --to NAME -o FILE`` (``import`` reads the file).

Kept apart from ``cli.py``; it imports that module only when a command runs.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from supervision_app.exchange.service import ExchangeService
    from supervision_app.paths import VaultPaths
    from supervision_app.storage.records import SqlRecordStore


def handover_export(args: argparse.Namespace, paths: VaultPaths) -> int:
    from supervision_app.cli import _exchanging

    return _exchanging(_handover_export)(args, paths)


def _handover_export(args: argparse.Namespace, exchange: ExchangeService) -> int:
    from supervision_app.cli import _output_path, _write_output, say
    from supervision_app.errors import UsageError
    from supervision_app.exchange.handover import export_handover
    from supervision_app.services.people import find_supervisee, folded

    supervisee = find_supervisee(exchange.store, args.supervisee)
    wanted = folded(args.to.strip())
    colleagues = [p for p in exchange.colleagues() if wanted and wanted in folded(p.name)]
    if not colleagues:
        raise UsageError(f"You have not paired with another supervisor called '{args.to}'; pair first "
                         "(pair-export --as colleague, and pair-import their file or code).")
    if len(colleagues) > 1:
        raise UsageError(f"'{args.to}' matches more than one supervisor you are paired with; give more of the name.")
    colleague = colleagues[0]
    output = _output_path(args.output)
    export_handover(exchange, supervisee.id, colleague.id, write=lambda pack: _write_output(output, pack))
    say(f"Wrote {supervisee.name}'s records to {output}, locked to {colleague.name}; send it to them.")
    say(f"The handover is recorded here. Once {colleague.name} has imported it, you may erase {supervisee.name} "
        "from this vault.")
    return 0


def provenance_lines(store: SqlRecordStore, supervisee_ids: set[int]) -> list[str]:
    """"Name: Handed over by … on …" for each handover of these supervisees, for ``sessions``."""
    from supervision_app.services.handovers import provenance

    return [f"{store.get_person(h.supervisee_id).name}: {provenance(h)}."
            for h in store.handovers() if h.supervisee_id in supervisee_ids]
