"""The ``nation`` command: whose bank holidays the organisation keeps, for booking and suggested dates."""

from __future__ import annotations

import argparse

from supervision_app.paths import VaultPaths

NATION_NAMES = ("england-and-wales", "scotland", "northern-ireland")  # Nation.command_name, without importing it


def nation(args: argparse.Namespace, paths: VaultPaths) -> int:
    """Print the organisation's nation; with a name, set it first."""
    from supervision_app.cli import _unlocked, say
    from supervision_app.services.working_days import Nation, organisation_nation, set_organisation_nation

    chosen = Nation.from_command_name(args.nation) if args.nation is not None else None  # argparse checked it
    vault = _unlocked(args, paths)
    try:
        if chosen is not None:
            set_organisation_nation(vault.store, chosen)
        current = organisation_nation(vault.store)
    finally:
        vault.lock()
    say(f"Sessions are booked on working days in {current.label} ({current.command_name}): "
        "never at a weekend or on its bank holidays.")
    return 0
