"""What the vault can tell about ``vault.db`` without opening it (so without SQLAlchemy or SQLCipher).

The key file is checked against the database before the unlock dialog is shown, so this module
imports nothing heavy (see docs/ARCHITECTURE.md, "What is loaded when").
"""

from __future__ import annotations

import logging
from pathlib import Path

from supervision_app.errors import VaultTruncated

log = logging.getLogger(__name__)

PAGE_SIZE = 4096  # SQLCipher 4's page size
SALT_BYTES = 16


def check_database_size(database: Path) -> None:
    """Raise :class:`VaultTruncated` if the file cannot be a whole database (a few bytes, or cut mid-page)."""
    size = database.stat().st_size
    if size < PAGE_SIZE or size % PAGE_SIZE:
        log.warning("The database file is %d bytes, not a whole number of pages", size)
        raise VaultTruncated()


def database_salt_of(database: Path) -> bytes:
    """The 16-byte SQLCipher salt that starts every encrypted database file."""
    with open(database, "rb") as stream:
        return stream.read(SALT_BYTES)
