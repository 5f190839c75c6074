"""The weekly whole-file check of the vault, run once the main window is up.

Unlock does not read the whole file (SQLCipher authenticates each page as it
is read); instead, if the last full check (or verified backup) is more than
:data:`~supervision_app.vault.service.FULL_CHECK_EVERY` old, the check runs
shortly after the main window has painted, and its result goes to the status
bar and the activity log. See docs/ARCHITECTURE.md, "Integrity checks".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from supervision_app.errors import VaultError
from supervision_app.gui.busy import wait_cursor
from supervision_app.gui.plain import message_box

if TYPE_CHECKING:  # the unlock dialog's controller imports this before any vault is open
    from supervision_app.vault.service import OpenVault

# Long enough for the main window to paint first, so the check never delays it.
CHECK_DELAY_MS = 1500
CHECKING = "Checking the whole vault (once a week)…"
INTACT = "The weekly check of the vault is done: it is intact."


def check_if_due(vault: OpenVault, parent: QWidget, status: Callable[[str], None],
                 now: Callable[[], datetime] = datetime.now) -> bool:
    """Run the full check if it is due; show the result. Returns whether it ran."""
    if not vault.is_open or not vault.full_check_due(now()):
        return False
    status(CHECKING)
    try:
        with wait_cursor():
            vault.full_check(now())
    except VaultError as error:
        status(error.message)
        message_box(QMessageBox.Icon.Warning, "Vault check", error.message, parent).open()
        return True
    status(INTACT)
    return True
