"""Erasing one person: every record about them, in one transaction, then the vault file compacted.

What is deleted is decided table by table in :mod:`supervision_app.storage.erasure`.
Afterwards nothing of theirs is left in the vault's files: deleted rows are
overwritten (``secure_delete``) and the file is rebuilt (VACUUM). Backups made
before still hold them: :func:`erase_person` lists those the app knows of, and
:func:`replace_backups` makes a fresh, verified backup and only then deletes
them. The activity log notes the erasure with the person's id and the counts
of what was deleted, never a name. No Qt here.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from supervision_app.domain.audit import AuditAction, person_subject, supervisee_subject
from supervision_app.domain.model import PersonRole
from supervision_app.errors import ErasureRefused
from supervision_app.services.backups import BackupService
from supervision_app.storage import audit
from supervision_app.storage.erasure import erase_rows
from supervision_app.vault.backup import SUFFIX, BackupReport
from supervision_app.vault.service import OpenVault

log = logging.getLogger(__name__)

OWNER_REFUSED = "You cannot erase yourself: this vault is yours, and your details are on every record in it."


@dataclass(frozen=True)
class ErasureReport:
    person_id: int
    counts: dict[str, int]  # rows deleted, by table
    backups_before: list[Path]  # backups the app knows of that were made before, and still hold the person

    def count(self, table: str) -> int:
        return self.counts.get(table, 0)


def counts_detail(counts: dict[str, int]) -> str:
    """``sessions 3, signed_notes 1``: the rows deleted, for the activity log (no names, no content)."""
    return ", ".join(f"{table} {count}" for table, count in counts.items() if count)


def erase_person(vault: OpenVault, person_id: int, backups: BackupService) -> ErasureReport:
    """Erase ``person_id`` and everything about them; refuse the vault's owner, changing nothing."""
    store = vault.store
    person = store.get_person(person_id)
    if person.is_self:
        raise ErasureRefused(OWNER_REFUSED)
    subject = supervisee_subject(person.id) if person.role is PersonRole.SUPERVISEE else person_subject(person.id)
    with store.transaction():
        counts = erase_rows(store, person.id)
        audit.record(store, AuditAction.PERSON_ERASED, subject=subject, detail=counts_detail(counts))
    vault.compact()
    log.info("A person was erased (%d rows) and the vault compacted", sum(counts.values()))
    return ErasureReport(person.id, counts, backups_made_before(vault, backups))


def backups_made_before(vault: OpenVault, backups: BackupService) -> list[Path]:
    """The backups the app knows of: in the backup folder, and in the data folder's backups (taken before
    an upgrade, or a vault a restore replaced). Copies saved or moved elsewhere are not known to the app."""
    found: list[Path] = []
    folder = backups.folder()
    if folder is not None and folder.is_dir():
        found += sorted(path for path in folder.iterdir() if path.is_file() and path.name.endswith(SUFFIX))
    kept = vault.paths.backups_dir
    if kept.is_dir():
        found += sorted(kept.iterdir())
    return found


def replace_backups(backups: BackupService, old: list[Path]) -> tuple[BackupReport, list[Path]]:
    """Make a fresh backup in the backup folder and, once it is written and verified, delete ``old``.

    A backup that fails raises before anything is deleted. Returns the fresh
    backup and the paths deleted.
    """
    report = backups.back_up()  # raises unless the backup was written and read back whole
    deleted = []
    for path in old:
        if path == report.path or not path.exists():
            continue
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
        deleted.append(path)
    log.info("A fresh backup replaced %d older backup(s)", len(deleted))
    return report, deleted
