"""Files given to the app (``supervision-app FILE``, a second launch, macOS's file-open event): what each is.

The suffix decides, as the desktop's file types do (packaging/app_identity.py, and ``FILE_SUFFIXES``
in the exchange, checked against these by tests/gui/test_file_open.py). No Qt here: the controller
decides what to show.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from supervision_app.untrusted import visible


class FileKind(Enum):
    PAIRING = "pairing"
    IMPORT = "import"
    VERIFY = "verify"
    BACKUP = "backup"
    UNKNOWN = "unknown"


KIND_BY_SUFFIX = {
    ".svpair": FileKind.PAIRING,
    ".svagenda": FileKind.IMPORT,
    ".svrecord": FileKind.IMPORT,
    ".svsigned": FileKind.IMPORT,
    ".svhandover": FileKind.IMPORT,
    ".pdf": FileKind.VERIFY,
    ".svbackup": FileKind.BACKUP,
}


def kind_of(path: Path) -> FileKind:
    return KIND_BY_SUFFIX.get(path.suffix.lower(), FileKind.UNKNOWN)


def shown_name(path: Path) -> str:
    """The file's name as it may be shown: hidden characters made visible (it came from outside)."""
    return visible(path.name)


def problem_with(path: Path) -> str | None:
    """One sentence if the app cannot open ``path`` at all, else ``None``."""
    if kind_of(path) is FileKind.UNKNOWN:
        return (f"The app cannot open {shown_name(path)}: it opens pairing files, agendas, records, "
                "signed notes, handovers, PDF notes to verify and backups.")
    if not path.is_file():
        return f"The file {shown_name(path)} was not found, so nothing was opened."
    return None


BACKUP_NOT_NOW = ("A backup can be restored only when the app is first set up, from its setup window; "
                  "to restore over this vault, use supervision-app restore FILE --replace.")
