"""What the GUI is given to work with, so tests can hand it stand-ins."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from supervision_app.content import ToolkitContent, load_content
from supervision_app.gui.exchange.files import ExchangeFiles
from supervision_app.gui.notes.printer import NotePrinter, QtNotePrinter
from supervision_app.gui.printing import QtRecoveryCodePrinter, RecoveryCodePrinter
from supervision_app.logging_setup import LOG_FILE_NAME
from supervision_app.paths import VaultPaths, resources_dir
from supervision_app.settings import SettingsStore
from supervision_app.vault.keyring_cache import KeyCache
from supervision_app.vault.service import VaultService


@dataclass
class AppServices:
    vault_service: VaultService
    key_cache: KeyCache
    settings: SettingsStore
    printer: RecoveryCodePrinter
    log_file: Path | None = None
    # The toolkit's prompts and categories (an organisation may have edited them).
    content: ToolkitContent = field(default_factory=lambda: load_content(resources_dir()))
    # The time sessions are stamped with; tests set it.
    clock: Callable[[], datetime] = datetime.now
    # Prints signed notes (the real one opens the system print dialog).
    note_printer: NotePrinter = field(default_factory=QtNotePrinter)
    # Where exchange files (pairing cards, packs) are saved and opened from.
    files: ExchangeFiles = field(default_factory=ExchangeFiles)

    @property
    def paths(self) -> VaultPaths:
        return self.vault_service.paths


def default_services(paths: VaultPaths) -> AppServices:
    """The real services for the vault in ``paths``."""
    log_file = paths.log_dir / LOG_FILE_NAME
    return AppServices(
        vault_service=VaultService(paths),
        key_cache=KeyCache(),
        settings=SettingsStore(paths.settings_file),
        printer=QtRecoveryCodePrinter(),
        log_file=log_file if log_file.exists() else None,
    )
