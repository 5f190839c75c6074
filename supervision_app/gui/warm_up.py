"""Loading what unlocking and the main window need while the unlock dialog waits for the passphrase.

The unlock dialog is shown with only what it needs loaded (docs/ARCHITECTURE.md,
"What is loaded when"). Once it has painted, :class:`WarmUp` imports the rest on
a background thread, one module at a time, while the person types: SQLAlchemy's
import alone takes longer than the event loop may pause without typing
stalling, so it cannot be cut into steps on the event loop, and a thread gives
the GUI thread the interpreter at least every few milliseconds (the switch interval).

The two threads never import at once: the dialog starts the thread once it
has painted and has asked for the keyring (which imports the keyring library),
the GUI thread calls :meth:`WarmUp.finish` (which waits for the thread) before
unlocking and before building the main window, and nothing the dialog does
while the thread runs imports anything.
Importing is all the thread does, and the app's modules do no work when imported
(no Qt object is made). A module that fails to import is logged and the thread
stops; the GUI thread then meets the same error when it imports the module itself.
"""

from __future__ import annotations

import importlib
import logging
import threading
import time
from collections.abc import Sequence

from PySide6.QtCore import QObject

log = logging.getLogger(__name__)

# In order; each line is one step, so stopping (on quit) waits for one module at most.
MAIN_WINDOW_MODULES = (
    "argon2.low_level",  # unwrapping the key
    "cryptography.hazmat.primitives.ciphers.aead",
    "sqlalchemy",
    "pydantic",
    "supervision_app.storage.records",
    "supervision_app.vault.opened",  # opening the database
    "supervision_app.services.sessions",
    "supervision_app.gui.session",  # the session editor
    "supervision_app.gui.main_window",
)


class WarmUp(QObject):
    """Imports ``modules`` on a thread, from :meth:`start` (which the unlock dialog calls after its first paint)."""

    def __init__(self, modules: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._modules = tuple(modules)
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self.seconds: float | None = None  # how long the imports took, once done

    def start(self) -> None:
        """Start the thread; at most once, and never after :meth:`finish` or :meth:`stop`."""
        if self._thread is None and self._modules and not self._stop.is_set():
            self._thread = threading.Thread(target=self._run, name="warm-up", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        started = time.perf_counter()
        for name in self._modules:
            if self._stop.is_set():
                return
            try:
                importlib.import_module(name)
            except Exception:  # logged; the GUI thread meets it again when it imports the module
                log.exception("Loading %s ahead of unlocking failed", name)
                return
        self.seconds = time.perf_counter() - started
        log.info("Loaded the main window's modules in %.2f s while the unlock dialog was open", self.seconds)

    def finish(self) -> None:
        """Wait for the imports still to do; the thread never starts after this (the GUI thread imports now)."""
        if self._thread is not None:
            self._thread.join()
        self._stop.set()

    def stop(self) -> None:
        """Stop after the module being imported, and wait for it (on quit)."""
        self._stop.set()
        self.finish()
