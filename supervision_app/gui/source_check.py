"""PySide6 reads the whole source of every module imported after it; this makes that check cheap.

Importing PySide6 replaces ``__import__`` so that, after each import, it can
tell whether the module uses PySide (for its ``from __feature__ import``
switches, which this app does not use). It tells by reading the module's
source with ``inspect.getsource``, which keeps every file's text in
``linecache`` for the life of the process: about 40 MB, and a third of the
time, for the modules the main window imports. :func:`check_names_not_source`
swaps in a check of the module's names (does it hold anything from PySide6?),
which gives the same answer without reading a file. It changes nothing if a
later PySide6 no longer has the check (tests/gui/test_source_check.py).
"""

from __future__ import annotations

import logging
import sys
from types import FunctionType, ModuleType

import PySide6.QtCore  # noqa: F401 - installs the import hook whose check this module replaces

log = logging.getLogger(__name__)

FEATURE_MODULE = "shibokensupport.feature"
CHECK = "_mod_uses_pyside"


def uses_pyside(module: object) -> bool:
    """Whether ``module`` holds a PySide6 module, class or function (it imported from PySide6)."""
    for value in list(getattr(module, "__dict__", {}).values()):
        if isinstance(value, ModuleType):
            name = value.__name__
        elif isinstance(value, (type, FunctionType)):
            name = value.__module__
        else:
            name = type(value).__module__
        if isinstance(name, str) and name.startswith("PySide6"):
            return True
    return False


def check_names_not_source() -> bool:
    """Make PySide6 check each imported module's names instead of reading its source; whether it could."""
    feature = sys.modules.get(FEATURE_MODULE)
    if feature is None or not callable(getattr(feature, CHECK, None)):
        log.info("PySide6 has no source check to replace here")
        return False
    setattr(feature, CHECK, uses_pyside)
    return True
