"""Starting the window: a check that a display can be used, then Qt.

Nothing here imports Qt at module level, so a missing system library is
reported as one sentence rather than by Qt aborting the process.
"""

from __future__ import annotations

import sys
from pathlib import Path

from supervision_app.gui import preflight
from supervision_app.paths import VaultPaths

EXIT_NO_DISPLAY = 13


def launch_gui(paths: VaultPaths, *, passphrase: str | None = None, exit_when_shown: bool = False,
               open_path: Path | None = None) -> int:
    """Run the app's window; return the process's exit code.

    ``passphrase`` unlocks without the dialog (benchmarks and smoke tests).
    ``exit_when_shown`` prints the first window's title once it has painted,
    then quits with 0. ``open_path`` is a file to open (``supervision-app FILE``); if the app is
    already running on this data folder, it is handed to that window instead.
    """
    problem = preflight.display_problem()
    if problem:
        print(f"supervision-app: {problem}", file=sys.stderr)
        return EXIT_NO_DISPLAY
    from supervision_app.gui.source_check import check_names_not_source

    check_names_not_source()  # before the app's modules are imported
    from supervision_app.gui.application import run_app

    return run_app(paths, passphrase=passphrase, exit_when_shown=exit_when_shown, open_path=open_path)
