"""Every control in the note dialogs is named, labelled, reachable by Tab and has its own Alt key."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from supervision_app.gui.notes import NoteDialog, VerifyDialog
from tests.countersigned import countersign_on_their_own_install
from tests.gui.people.conftest import (
    focus_chain,
    mnemonic_labels_without_buddy,
    repeated_mnemonics,
    unnamed_controls,
)

from .conftest import NotesWorld


def check(root: QWidget) -> None:
    assert unnamed_controls(root) == []
    assert mnemonic_labels_without_buddy(root) == []
    assert repeated_mnemonics(root) == []


def test_the_note_dialog(qtbot: QtBot, make_dialog, world: NotesWorld) -> None:
    dialog: NoteDialog = make_dialog()
    check(dialog)
    order = [*dialog.section_checks.values(), dialog.a4_radio, dialog.sign_supervisor_button,
             dialog.save_button, dialog.print_button, dialog.preview_scroll, dialog.close_button]
    assert focus_chain(order[0], order) == order
    assert dialog.focusWidget() is order[0]
    dialog.sign_as_supervisor()
    check(dialog)
    assert all(label.accessibleName().startswith("Page ") for label in dialog.page_labels)


def test_the_verify_dialog(qtbot: QtBot, make_dialog, world: NotesWorld, tmp_path: Path) -> None:
    make_dialog().sign_as_supervisor()
    countersign_on_their_own_install(world.vault.store, world.signed_off.id)
    path = tmp_path / "note.pdf"
    path.write_bytes(world.notes.signed_note(world.signed_off.id).pdf)
    dialog = VerifyDialog(world.notes.verify, choose_pdf=lambda _parent: path)
    qtbot.addWidget(dialog)
    dialog.show()
    check(dialog)
    assert dialog.focusWidget() is dialog.choose_button
    dialog.choose_button.click()
    assert len(dialog.signature_views) == 2
    check(dialog)
    fingerprint = dialog.signature_views[0].values["fingerprint"]
    assert fingerprint.accessibleName().startswith("Supervisor's signature: Key fingerprint: ")
