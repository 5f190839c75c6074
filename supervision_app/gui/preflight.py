"""Checks made before Qt starts, so a missing system library is one clear sentence.

When Qt's xcb platform plugin cannot load a library it aborts the whole
process with a long message. We look first, and name the Debian/Ubuntu package
to install. Nothing here imports Qt's widget modules.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# The libraries Qt 6's xcb plugin needs that a minimal desktop may lack, with
# the Debian/Ubuntu package that provides each (see README).
XCB_LIBRARY_PACKAGES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)


def missing_libraries(ldd_output: str) -> list[str]:
    """Library names that ``ldd`` reported as not found, in order, without repeats."""
    seen: list[str] = []
    for name in _NOT_FOUND.findall(ldd_output):
        if name not in seen:
            seen.append(name)
    return seen


def missing_library_sentence(libraries: list[str]) -> str:
    packages = [XCB_LIBRARY_PACKAGES.get(name, name) for name in libraries]
    listed = " ".join(dict.fromkeys(packages))
    return (f"The app cannot open a window because the system package{'s' if len(packages) > 1 else ''} "
            f"{listed} {'are' if len(packages) > 1 else 'is'} missing: install with 'sudo apt install {listed}'.")


def _platform_will_be_xcb(environ: dict[str, str]) -> bool:
    requested = environ.get("QT_QPA_PLATFORM", "")
    if requested:
        return requested.split(":")[0] == "xcb"
    # Qt prefers Wayland when the session is Wayland; otherwise X11.
    return not (environ.get("WAYLAND_DISPLAY") and environ.get("XDG_SESSION_TYPE") == "wayland")


def _xcb_plugin_files() -> list[Path]:
    import PySide6  # only the package folder; no Qt module is loaded

    qt_dir = Path(PySide6.__file__).parent / "Qt"
    return [qt_dir / "plugins" / "platforms" / "libqxcb.so", *sorted((qt_dir / "lib").glob("libQt6XcbQpa.so*"))]


def display_problem(environ: dict[str, str] | None = None) -> str | None:
    """One sentence saying why no window can open here, or ``None`` if it should."""
    env = dict(os.environ if environ is None else environ)
    if not sys.platform.startswith("linux"):
        return None
    requested = env.get("QT_QPA_PLATFORM", "").split(":")[0]
    if requested in ("offscreen", "minimal", "vnc", "eglfs", "linuxfb"):
        return None
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return ("The app cannot open a window because no display was found; "
                "start it from a desktop session (or set DISPLAY).")
    if not _platform_will_be_xcb(env):
        return None
    ldd = shutil.which("ldd")
    if ldd is None:
        return None
    output = ""
    for plugin in _xcb_plugin_files():
        if plugin.exists():
            result = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, check=False)
            output += result.stdout
    missing = missing_libraries(output)
    return missing_library_sentence(missing) if missing else None
