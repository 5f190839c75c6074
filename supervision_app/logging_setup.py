"""Logging that never records personal data.

Log messages in this app name events and exception *types*, never record
contents. Tracebacks are rendered by :func:`describe_exception`, which keeps
file names, line numbers and function names but drops exception messages,
because a message can quote a record (a database error quoting its SQL
parameters, say).
"""

from __future__ import annotations

import logging
import os
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from supervision_app.paths import ensure_private_dir

LOG_FILE_NAME = "supervision-app.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


# Libraries that log tracebacks and certificate subjects (people's names) at
# WARNING or above. Their findings reach the user through the app's own
# reports, so their loggers are kept out of the terminal and the log file.
QUIET_LIBRARIES = ("pyhanko", "pyhanko_certvalidator", "fontTools", "reportlab")


def quieten_libraries() -> None:
    for name in QUIET_LIBRARIES:
        library_logger = logging.getLogger(name)
        library_logger.propagate = False
        if not library_logger.handlers:
            library_logger.addHandler(logging.NullHandler())


def configure_logging(log_dir: Path, *, verbose: bool = False) -> Path | None:
    """Send the app's log to a private file in ``log_dir``; return its path, or ``None``."""
    quieten_libraries()
    root = logging.getLogger("supervision_app")
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    root.propagate = False
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    try:
        ensure_private_dir(log_dir)
        log_file = log_dir / LOG_FILE_NAME
        handler = RotatingFileHandler(log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        os.chmod(log_file, 0o600)
    except OSError:
        # A read-only or full data folder must not stop the app starting; the
        # user is told about the folder itself when the vault is opened.
        root.addHandler(logging.NullHandler())
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    return log_file


def describe_exception(error: BaseException) -> str:
    """A traceback with the exception's type and frames, and no messages or values."""
    lines: list[str] = []
    current: BaseException | None = error
    depth = 0
    while current is not None and depth < 5:
        lines.append(f"{type(current).__module__}.{type(current).__qualname__}")
        for frame in traceback.extract_tb(current.__traceback__):
            lines.append(f"  {Path(frame.filename).name}:{frame.lineno} in {frame.name}")
        current = current.__cause__ or current.__context__
        depth += 1
        if current is not None:
            lines.append("caused by:")
    return "\n".join(lines)
