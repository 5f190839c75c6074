"""Preferences that are not personal data, kept as JSON beside the vault.

The file holds no names or records, so it is not encrypted. A missing file
means the defaults; a damaged one is logged and replaced by the defaults, so a
bad settings file can never stop the vault opening.
"""

from __future__ import annotations

import base64
import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from supervision_app.errors import error_from_os_error
from supervision_app.fileio import atomic_write_bytes
from supervision_app.paths import ensure_private_dir

log = logging.getLogger(__name__)

IDLE_LOCK_MINUTES_DEFAULT = 10
IDLE_LOCK_MINUTES_MIN = 1
IDLE_LOCK_MINUTES_MAX = 120
WINDOW_GEOMETRY_MAX = 4096  # characters of the main window's saved size and place (base64)


@dataclass(frozen=True)
class Settings:
    idle_lock_minutes: int = IDLE_LOCK_MINUTES_DEFAULT
    remember_key: bool = False
    # The main window's size and place as Qt saves them, base64; empty for "fit the screen".
    window_geometry: str = ""

    def __post_init__(self) -> None:
        if not IDLE_LOCK_MINUTES_MIN <= self.idle_lock_minutes <= IDLE_LOCK_MINUTES_MAX:
            raise ValueError(
                f"idle_lock_minutes must be {IDLE_LOCK_MINUTES_MIN} to {IDLE_LOCK_MINUTES_MAX}"
            )


class SettingsStore:
    """Reads and writes :class:`Settings` in one JSON file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> Settings:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return Settings()
        except OSError as error:
            log.warning("The settings file could not be read (%s); using the defaults",
                        type(error).__name__)
            return Settings()
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            log.warning("The settings file is damaged; using the defaults")
            return Settings()
        if not isinstance(data, dict):
            log.warning("The settings file is damaged; using the defaults")
            return Settings()
        return _from_dict(data)

    def save(self, settings: Settings) -> None:
        """Write the settings in one step; raises a VaultError if the folder cannot be written."""
        try:
            ensure_private_dir(self.path.parent)
        except OSError as error:
            raise (error_from_os_error(error) or error) from error
        text = json.dumps(asdict(settings), indent=2, sort_keys=True) + "\n"
        atomic_write_bytes(self.path, text.encode("utf-8"))


def _from_dict(data: dict[str, Any]) -> Settings:
    # Each field is checked on its own, so one bad value keeps the others.
    defaults = Settings()
    minutes = data.get("idle_lock_minutes", defaults.idle_lock_minutes)
    if (not isinstance(minutes, int) or isinstance(minutes, bool)
            or not IDLE_LOCK_MINUTES_MIN <= minutes <= IDLE_LOCK_MINUTES_MAX):
        log.warning("The auto-lock time in the settings file is not valid; using %d minutes",
                    defaults.idle_lock_minutes)
        minutes = defaults.idle_lock_minutes
    remember = data.get("remember_key", defaults.remember_key)
    if not isinstance(remember, bool):
        log.warning("The remember-key choice in the settings file is not valid; using the default")
        remember = defaults.remember_key
    geometry = data.get("window_geometry", defaults.window_geometry)
    if not (isinstance(geometry, str) and len(geometry) <= WINDOW_GEOMETRY_MAX and _is_base64(geometry)):
        log.warning("The window size in the settings file is not valid; fitting the window to the screen")
        geometry = defaults.window_geometry
    return Settings(idle_lock_minutes=minutes, remember_key=remember, window_geometry=geometry)


def _is_base64(text: str) -> bool:
    try:
        base64.b64decode(text.encode("ascii"), validate=True)
    except (UnicodeEncodeError, ValueError):
        return False
    return True
