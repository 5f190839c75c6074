"""The signed note of a session: preview, options, signing, saving, printing, and verifying a note.

The names below are loaded on first use (PEP 562), so importing one light
module of this package (``files``, ``printer``) before unlock does not load
the preview, pdfium or pyHanko with it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from supervision_app.gui.notes.files import (
        MAX_PDF_BYTES,
        ChooseOpenPath,
        ChooseSavePath,
        Confirm,
        choose_note_save_path,
        choose_note_to_verify,
        confirm_action,
        suggested_file_name,
    )
    from supervision_app.gui.notes.note_dialog import NoteDialog
    from supervision_app.gui.notes.printer import NotePrinter, PrintFailed, QtNotePrinter
    from supervision_app.gui.notes.verify_dialog import VerifyDialog, verdict

_MODULES = {
    "MAX_PDF_BYTES": "files", "ChooseOpenPath": "files", "ChooseSavePath": "files", "Confirm": "files",
    "choose_note_save_path": "files", "choose_note_to_verify": "files", "confirm_action": "files",
    "suggested_file_name": "files", "NoteDialog": "note_dialog", "NotePrinter": "printer",
    "PrintFailed": "printer", "QtNotePrinter": "printer", "VerifyDialog": "verify_dialog",
    "verdict": "verify_dialog",
}

__all__ = [
    "MAX_PDF_BYTES",
    "ChooseOpenPath",
    "ChooseSavePath",
    "Confirm",
    "NoteDialog",
    "NotePrinter",
    "PrintFailed",
    "QtNotePrinter",
    "VerifyDialog",
    "choose_note_save_path",
    "choose_note_to_verify",
    "confirm_action",
    "suggested_file_name",
    "verdict",
]


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_MODULES[name]}"), name)
