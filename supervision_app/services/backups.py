"""Backups as the person sees them: a folder they choose, backups on demand and automatic ones, and their age.

Automatic backups go to the chosen folder after each sign-off and at least
weekly while the app is used, named ``supervision-YYYYMMDD-HHMMSS.svbackup``;
the rotation (:mod:`supervision_app.domain.backups`) keeps the last ten and the
first of each month for a year, and only ever deletes files with that name.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from supervision_app.domain.backups import KEEP_LAST_DEFAULT, backup_due, needs_warning, to_delete
from supervision_app.formatting import format_datetime
from supervision_app.vault.backup import SUFFIX, BackupReport, remove_stale_workspaces
from supervision_app.vault.service import OpenVault

log = logging.getLogger(__name__)

FOLDER_KEY = "backup_folder"
LAST_GOOD_KEY = "last_good_backup"
_AUTOMATIC = re.compile(r"^supervision-(\d{8}-\d{6})" + re.escape(SUFFIX) + "$")


@dataclass(frozen=True)
class BackupStatus:
    folder: Path | None
    folder_missing: bool
    last_good: datetime | None
    warn: bool

    @property
    def sentence(self) -> str:
        if self.folder is None:
            return "No backup folder is set: choose one (File → Back up now…)."
        if self.folder_missing:
            return f"The backup folder {self.folder} is missing; connect the drive or choose another folder."
        if self.last_good is None:
            return "No backup has been made yet."
        said = f"Last good backup: {format_datetime(self.last_good)}."
        return said + (" No backup for more than 14 days." if self.warn else "")


class BackupService:
    def __init__(self, vault: OpenVault, clock: Callable[[], datetime] = datetime.now,
                 keep_last: int = KEEP_LAST_DEFAULT) -> None:
        self.vault = vault
        self._clock = clock
        self.keep_last = keep_last

    def folder(self) -> Path | None:
        value = self.vault.store.get_meta(FOLDER_KEY)
        return Path(value) if value else None

    def set_folder(self, folder: Path) -> None:
        self.vault.store.set_meta(FOLDER_KEY, str(folder.expanduser().absolute()))

    def last_good(self) -> datetime | None:
        value = self.vault.store.get_meta(LAST_GOOD_KEY)
        return datetime.fromisoformat(value) if value else None

    def status(self) -> BackupStatus:
        folder, last = self.folder(), self.last_good()
        missing = folder is not None and not folder.is_dir()
        return BackupStatus(folder, missing, last, needs_warning(last, self._clock()) or missing)

    def back_up(self, target: Path | None = None) -> BackupReport:
        """A backup to ``target``, or an automatically named one in the backup folder (then rotated)."""
        now = self._clock()
        automatic = target is None
        if target is None:
            folder = self.folder()
            if folder is None:
                raise ValueError("no backup folder is set")
            target = folder / f"supervision-{now:%Y%m%d-%H%M%S}{SUFFIX}"
        remove_stale_workspaces(target.parent)
        report = self.vault.back_up(target, now)
        self.vault.store.set_meta(LAST_GOOD_KEY, now.isoformat(timespec="seconds"))
        if automatic:
            self.rotate(target.parent)
        return report

    def back_up_if_due(self, *, signed_off: bool = False) -> BackupReport | None:
        """The automatic backup: after a sign-off, or when the last good one is a week old."""
        folder = self.folder()
        if folder is None or not folder.is_dir():
            return None
        if not signed_off and not backup_due(self.last_good(), self._clock()):
            return None
        return self.back_up()

    def rotate(self, folder: Path) -> list[Path]:
        """Delete the automatic backups the rotation rule no longer keeps; return them."""
        made: dict[datetime, Path] = {}
        for path in folder.iterdir():
            match = _AUTOMATIC.match(path.name)
            if match and path.is_file():
                made[datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")] = path
        deleted = []
        for when in to_delete(made, self._clock(), self.keep_last):
            made[when].unlink()
            deleted.append(made[when])
        if deleted:
            log.info("Rotation removed %d old automatic backup(s)", len(deleted))
        return deleted
