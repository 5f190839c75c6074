"""What the GUI is given to work with, so tests can hand it stand-ins."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from supervision_app.gui.printing import QtRecoveryCodePrinter, RecoveryCodePrinter
from supervision_app.logging_setup import LOG_FILE_NAME
from supervision_app.paths import VaultPaths, resources_dir
from supervision_app.settings import SettingsStore
from supervision_app.vault.keyring_cache import KeyCache
from supervision_app.vault.service import VaultService

if TYPE_CHECKING:
    from supervision_app.content import ToolkitContent
    from supervision_app.gui.exchange.files import ExchangeFiles
    from supervision_app.gui.notes.printer import NotePrinter

T = TypeVar("T")


class _NotMade:
    """The default of an :class:`_OnFirstUse` field: made when first read."""


_NOT_MADE = _NotMade()


class _OnFirstUse(Generic[T]):
    """A field whose default is made when it is first read, not with the services.

    The unlock dialog needs none of these, and making them loads the toolkit's
    content, printing and the exchange (docs/ARCHITECTURE.md, "What is loaded when").
    """

    def __init__(self, make: Callable[[], T]) -> None:
        self._make = make
        self._attribute = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self._attribute = f"_{name}"

    @overload
    def __get__(self, instance: None, owner: Any) -> _NotMade: ...

    @overload
    def __get__(self, instance: object, owner: Any) -> T: ...

    def __get__(self, instance: object | None, owner: Any) -> T | _NotMade:
        if instance is None:
            return _NOT_MADE  # the dataclass's default, given to __init__
        value = instance.__dict__.get(self._attribute, _NOT_MADE)
        if isinstance(value, _NotMade):
            value = self._make()
            instance.__dict__[self._attribute] = value
        return value

    def __set__(self, instance: object, value: T | _NotMade) -> None:
        instance.__dict__[self._attribute] = value


def _toolkit_content() -> ToolkitContent:
    from supervision_app.content import load_content

    return load_content(resources_dir())


def _note_printer() -> NotePrinter:
    from supervision_app.gui.notes.printer import QtNotePrinter

    return QtNotePrinter()


def _exchange_files() -> ExchangeFiles:
    from supervision_app.gui.exchange.files import ExchangeFiles

    return ExchangeFiles()


@dataclass
class AppServices:
    vault_service: VaultService
    key_cache: KeyCache
    settings: SettingsStore
    printer: RecoveryCodePrinter
    log_file: Path | None = None
    # The toolkit's prompts and categories (an organisation may have edited them).
    content: _OnFirstUse[ToolkitContent] = _OnFirstUse(_toolkit_content)
    # The time sessions are stamped with; tests set it.
    clock: Callable[[], datetime] = datetime.now
    # Prints signed notes (the real one opens the system print dialog).
    note_printer: _OnFirstUse[NotePrinter] = _OnFirstUse(_note_printer)
    # Where exchange files (pairing cards, packs) are saved and opened from.
    files: _OnFirstUse[ExchangeFiles] = _OnFirstUse(_exchange_files)

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
