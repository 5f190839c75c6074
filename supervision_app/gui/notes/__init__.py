"""The signed note of a session: preview, options, signing, saving, printing, and verifying a note."""

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
