"""Every path the app uses is resolved here, and nowhere else.

Two layouts are supported:

* an installed wheel, where the build copies ``ui/`` and ``resources/`` into
  the package folder (see ``[tool.hatch.build]`` in ``pyproject.toml``);
* a source checkout (including an editable install), where they sit beside the
  package at the top of the repository.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "supervision-app"
DATA_DIR_ENV = "SUPERVISION_APP_DATA_DIR"

_PACKAGE_DIR = Path(__file__).resolve().parent


def _bundled_dir(name: str) -> Path:
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"The app's {name} folder is missing from this installation.")


def ui_dir() -> Path:
    """Folder of the Qt Designer forms."""
    return _bundled_dir("ui")


def resources_dir() -> Path:
    """Folder of icons, the style sheet, fonts and the toolkit's content."""
    return _bundled_dir("resources")


def default_data_dir() -> Path:
    """The data folder when none is given: the environment variable, else the platform's."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def ensure_private_dir(folder: Path) -> None:
    """Create ``folder`` (and missing parents) readable by this user only."""
    missing = []
    current = folder
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        path.mkdir(mode=0o700, exist_ok=True)


@dataclass(frozen=True)
class VaultPaths:
    """The files of one vault, all inside one data folder."""

    data_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "vault.db"

    @property
    def key_file(self) -> Path:
        return self.data_dir / "vault.key"

    @property
    def lock_file(self) -> Path:
        return self.data_dir / "vault.lock"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def settings_file(self) -> Path:
        return self.data_dir / "settings.json"

    def database_companions(self) -> list[Path]:
        """The database and the files SQLite may keep beside it: its rollback journal, and the
        write-ahead log and shared memory of vaults from versions that used WAL."""
        db = self.database
        return [db, *(db.with_name(db.name + suffix) for suffix in ("-journal", "-wal", "-shm"))]
