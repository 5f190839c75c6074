"""The note dialog on a real vault: preview, options, both signatures, saving and printing the same bytes."""

from __future__ import annotations

import errno
import os

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from supervision_app.domain.record import Signatory
from supervision_app.errors import DiskFull, VaultDamaged
from supervision_app.gui.notes import NoteDialog, suggested_file_name
from supervision_app.gui.notes.files import CANNOT_WRITE_THERE
from supervision_app.gui.notes.note_dialog import (
    FIXED,
    NOT_SIGNABLE,
    RECORD_CHANGED,
    WELLBEING_HINT,
    WELLBEING_INCLUDED_HINT,
    supervisee_hint,
    with_mnemonic,
)
from supervision_app.gui.notes.rendering import render_pages
from supervision_app.services.note import OPTIONAL_SECTIONS
from supervision_app.services.notes import DEFAULT_HIDDEN, NoteOptions
from supervision_app.services.pdf_note import PAGE_SIZES
from supervision_app.services.sessions import SessionService
from supervision_app.services.signing import SigningError
from tests.countersigned import countersign_on_their_own_install

from .conftest import SUPERVISEE, Answers, FakeNotePrinter, NotesWorld


def pdf_pages(pdf: bytes) -> int:
    with pdfium.PdfDocument(pdf) as document:
        return len(document)


def first_page_size(pdf: bytes) -> tuple[float, float]:
    with pdfium.PdfDocument(pdf) as document:
        return document.get_page_size(0)


def changed_preview(qtbot: QtBot, dialog: NoteDialog, change) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(dialog.previewUpdated, timeout=3000):
        change()


def sign_both(make_dialog, world: NotesWorld) -> NoteDialog:  # type: ignore[no-untyped-def]
    """Sign as the supervisor here; the supervisee countersigns on their own install; reopen the note."""
    make_dialog().sign_as_supervisor()
    countersign_on_their_own_install(world.vault.store, world.signed_off.id)
    return make_dialog()


# --- the preview --------------------------------------------------------------------


def test_the_preview_shows_every_page_of_the_note_with_wellbeing_left_out(make_dialog, world: NotesWorld) -> None:
    dialog = make_dialog()
    rendered = world.notes.render(world.signed_off.id, NoteOptions())
    assert dialog.options() == NoteOptions()
    assert dialog.fingerprint == rendered.fingerprint
    assert dialog.page_count == rendered.page_count == pdf_pages(dialog.current_pdf) == len(dialog.page_labels)
    assert [label.accessibleName() for label in dialog.page_labels] == [
        f"Page {n} of {rendered.page_count}" for n in range(1, rendered.page_count + 1)]
    assert all(not label.pixmap().isNull() for label in dialog.page_labels)
    assert "Reflective supervision record" in dialog.page_labels[0].accessibleDescription()
    assert dialog.preview_info_label.text() == (
        f"Unsigned preview: {rendered.page_count} pages, fingerprint {rendered.fingerprint}.")
    assert set(dialog.section_checks) == set(OPTIONAL_SECTIONS)
    assert not dialog.section_checks["wellbeing"].isChecked()
    assert all(box.isChecked() for key, box in dialog.section_checks.items() if key not in DEFAULT_HIDDEN)
    assert dialog.wellbeing_hint_label.text() == WELLBEING_HINT
    assert dialog.section_checks["wellbeing"].accessibleDescription() == WELLBEING_HINT
    titles = {s.key: s.title for s in world.notes.document(world.signed_off.id, NoteOptions()).sections}
    assert dialog.section_checks["wellbeing"].text().replace("&", "") == titles["wellbeing"]
    assert dialog.section_checks["agenda"].accessibleName() == f"Show {titles['agenda']}"
    assert dialog.windowTitle().startswith(f"Note for {SUPERVISEE}")


def test_toggling_a_section_redraws_the_preview_after_a_pause(qtbot: QtBot, make_dialog, world: NotesWorld) -> None:
    dialog = make_dialog()
    before = dialog.fingerprint
    updates: list[str] = []
    dialog.previewUpdated.connect(lambda: updates.append(dialog.fingerprint))
    # Two quick clicks are drawn once, after the pause.
    dialog.section_checks["wellbeing"].click()
    dialog.section_checks["learning"].click()
    assert updates == [] and dialog.fingerprint == before
    qtbot.waitUntil(lambda: len(updates) == 1, timeout=3000)
    qtbot.wait(400)
    assert len(updates) == 1
    expected = world.notes.render(world.signed_off.id, NoteOptions(hidden_sections=frozenset({"learning"})))
    assert dialog.options().hidden_sections == {"learning"}
    assert dialog.wellbeing_hint_label.text() == WELLBEING_INCLUDED_HINT
    assert dialog.fingerprint == expected.fingerprint != before
    assert dialog.page_count == expected.page_count == len(dialog.page_labels)


def test_the_paper_size_changes_the_pdf(qtbot: QtBot, make_dialog) -> None:
    dialog = make_dialog()
    assert first_page_size(dialog.current_pdf) == pytest.approx(PAGE_SIZES["A4"], abs=1)
    changed_preview(qtbot, dialog, dialog.letter_radio.click)
    assert dialog.options().page_size == "Letter"
    assert first_page_size(dialog.current_pdf) == pytest.approx(PAGE_SIZES["Letter"], abs=1)


def test_a_session_not_signed_off_can_be_previewed_but_not_signed(make_dialog, world: NotesWorld) -> None:
    dialog = make_dialog(world.draft.id)
    assert dialog.not_signed_off_label.isVisible()
    assert dialog.not_signed_off_label.text() == NOT_SIGNABLE[world.draft.status]
    assert not dialog.sign_supervisor_button.isEnabled()
    assert dialog.supervisee_hint_label.isHidden()
    assert dialog.page_count >= 1 and dialog.page_labels
    assert dialog.section_checks["agenda"].isEnabled()


# --- signing ------------------------------------------------------------------------


def test_sign_as_supervisor_keeps_a_note_that_verifies(make_dialog, world: NotesWorld, answers: Answers) -> None:
    dialog = make_dialog()
    shown = dialog.fingerprint
    dialog.sign_as_supervisor()
    assert answers.questions and answers.questions[0].startswith("Sign the note as the supervisor?")
    kept = world.notes.signed_note(world.signed_off.id)
    assert kept is not None and kept.signatures == 1 and kept.fingerprint == shown
    report = world.notes.verify(kept.pdf)
    assert report.ok and [s.signer for s in report.signatures] == ["Aisha Rahman"]
    assert dialog.current_pdf == kept.pdf
    assert dialog.preview_info_label.text().startswith("Signed note:")
    assert dialog.sign_state_label.text().startswith("Signed by the supervisor, Aisha Rahman, on ")
    assert dialog.sign_supervisor_button.isHidden()
    assert dialog.supervisee_hint_label.text() == supervisee_hint(SUPERVISEE, 1)
    assert not any(box.isEnabled() for box in dialog.section_checks.values())
    assert not dialog.a4_radio.isEnabled() and not dialog.letter_radio.isEnabled()
    assert dialog.fixed_label.text() == FIXED
    assert dialog.document_label.text() == "Save and Print give the note signed by the supervisor."


def test_nothing_is_signed_if_the_supervisor_goes_back(make_dialog, world: NotesWorld, answers: Answers) -> None:
    answers.confirm = False
    dialog = make_dialog()
    dialog.sign_as_supervisor()
    assert world.notes.signed_note(world.signed_off.id) is None
    assert dialog.sign_supervisor_button.isEnabled()


def test_the_supervisee_signs_only_on_their_own_computer(make_dialog, world: NotesWorld) -> None:
    dialog = make_dialog()
    # No way to sign in the supervisee's name here: only the supervisor's button.
    assert [b.objectName() for b in dialog.findChildren(QPushButton) if "sign" in b.objectName().lower()] == [
        "signSupervisorButton"]
    assert not hasattr(dialog, "sign_as_supervisee")
    hint = dialog.supervisee_hint_label.text()
    assert hint == supervisee_hint(SUPERVISEE, 0)
    assert "on their own computer" in hint and "Send record to supervisee" in hint and "witnessed by you" in hint
    dialog.sign_as_supervisor()
    hint = dialog.supervisee_hint_label.text()
    assert dialog.supervisee_hint_label.isVisible()
    assert hint.startswith(f"{SUPERVISEE} signs on their own computer: send them the record (Session → Send record")
    assert world.vault.store.get_signing_identity(world.supervisee.id) is None

    countersign_on_their_own_install(world.vault.store, world.signed_off.id)
    again = make_dialog()
    kept = world.notes.signed_note(world.signed_off.id)
    assert again.current_pdf == kept.pdf
    lines = again.sign_state_label.text().splitlines()
    assert lines[0].startswith("Signed by the supervisor, Aisha Rahman, on ")
    assert lines[1].startswith(f"Signed by the supervisee, {SUPERVISEE}, on ")
    assert len(lines) == 2  # no warning: both verified
    assert again.supervisee_hint_label.isHidden() and again.sign_supervisor_button.isHidden()
    assert world.vault.store.get_signing_identity(world.supervisee.id) is None


def test_the_preview_shows_the_witnessed_confirmation_above_the_empty_supervisee_box(
        make_dialog, world: NotesWorld) -> None:
    dialog = make_dialog()
    text = " ".join(label.accessibleDescription() for label in dialog.page_labels)
    assert "Confirmed in person at sign-off on " in " ".join(text.split())
    assert "Witnessed by Aisha Rahman; this is not the supervisee's digital signature." in " ".join(text.split())


def test_the_preview_shows_the_signature_stamps(make_dialog, world: NotesWorld) -> None:
    dialog = make_dialog()
    rendered = world.notes.render(world.signed_off.id, NoteOptions())
    dialog.sign_as_supervisor()
    box = rendered.signature_boxes["supervisor"]
    unsigned_page = render_pages(rendered.pdf, 72)[box.page].image
    signed_page = render_pages(dialog.current_pdf, 72)[box.page].image

    def ink(image: QImage) -> int:
        x1, y1, x2, y2 = (int(v) for v in box.box)
        height = image.height()
        return sum(1 for x in range(x1 + 4, x2 - 4, 2) for y in range(height - y2 + 14, height - y1 - 4, 2)
                   if image.pixelColor(x, y).lightness() < 160)

    assert ink(signed_page) > ink(unsigned_page) + 50


def test_a_signed_note_reopens_with_the_options_it_was_signed_with(
        qtbot: QtBot, make_dialog, world: NotesWorld) -> None:
    dialog = make_dialog()
    changed_preview(qtbot, dialog, lambda: (dialog.section_checks["wellbeing"].click(),
                                            dialog.section_checks["learning"].click(),
                                            dialog.letter_radio.click()))
    dialog.sign_as_supervisor()
    dialog.close()

    again = make_dialog()
    assert again.current_pdf == world.notes.signed_note(world.signed_off.id).pdf
    assert again.section_checks["wellbeing"].isChecked() and not again.section_checks["learning"].isChecked()
    assert again.letter_radio.isChecked()
    assert again.fixed_label.text() == FIXED
    assert not again.section_checks["agenda"].isEnabled()

    SessionService(world.vault.store).add_addendum(world.signed_off.id, "A late correction.", Signatory.SUPERVISOR)
    changed = make_dialog()
    assert changed.fixed_label.text() == RECORD_CHANGED
    assert all(box.isHidden() for box in changed.section_checks.values())
    assert changed.current_pdf == world.notes.signed_note(world.signed_off.id).pdf


def test_a_signing_failure_is_one_sentence_beside_the_button(
        make_dialog, world: NotesWorld, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = make_dialog()

    def refuse(*_args: object, **_kwargs: object) -> bytes:
        raise SigningError("Add your own details (People → About you) before signing notes.")

    monkeypatch.setattr(world.notes, "sign_as_supervisor", refuse)
    dialog.sign_as_supervisor()
    assert dialog.sign_error_label.isVisible()
    assert dialog.sign_error_label.text() == "Add your own details (People → About you) before signing notes."
    assert world.notes.signed_note(world.signed_off.id) is None
    assert dialog.sign_supervisor_button.isEnabled() and dialog.focusWidget() is dialog.sign_supervisor_button


def test_a_preview_that_cannot_be_drawn_leaves_nothing_to_save_or_print(
        qtbot: QtBot, make_dialog, world: NotesWorld, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = make_dialog()
    real_render = world.notes.render

    def damaged(*_args: object, **_kwargs: object) -> None:
        raise VaultDamaged()

    monkeypatch.setattr(world.notes, "render", damaged)
    changed = dialog.fingerprint
    dialog.section_checks["agenda"].click()
    dialog.refresh_preview()
    assert dialog.file_error_label.isVisible() and dialog.file_error_label.text() == str(VaultDamaged())
    assert dialog.current_pdf == b"" and dialog.fingerprint == ""
    assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()
    monkeypatch.setattr(world.notes, "render", real_render)
    dialog.refresh_preview()
    assert dialog.file_error_label.isHidden() and dialog.save_button.isEnabled()
    assert dialog.fingerprint not in ("", changed)


# --- saving and printing --------------------------------------------------------------


def test_save_writes_the_preview_then_the_signed_note_exactly(
        make_dialog, world: NotesWorld, answers: Answers) -> None:
    assert answers.save_path is not None
    answers.save_path.parent.mkdir()
    dialog = make_dialog()
    dialog.save_pdf()
    assert answers.suggested == [f"supervision-{world.signed_off.scheduled_start.date().isoformat()}-zoe-whitfield.pdf"]
    assert answers.save_path.read_bytes() == dialog.current_pdf
    assert dialog.status_label.text() == f"Saved the unsigned preview to {answers.save_path}."

    dialog = sign_both(make_dialog, world)
    dialog.save_pdf()
    kept = world.notes.signed_note(world.signed_off.id)
    assert answers.save_path.read_bytes() == kept.pdf
    assert dialog.status_label.text() == f"Saved the note signed by both to {answers.save_path}."
    assert sorted(p.name for p in answers.save_path.parent.iterdir()) == ["note.pdf"]  # no temporary file left
    assert answers.save_path.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(("code", "message"), [
    (errno.ENOSPC, DiskFull.default_message),
    (errno.EIO, "The PDF could not be saved (input/output error), so nothing was written."),
    (errno.EACCES, CANNOT_WRITE_THERE),
])
def test_a_failed_save_leaves_the_old_file_whole(
        make_dialog, answers: Answers, monkeypatch: pytest.MonkeyPatch, code: int, message: str) -> None:
    assert answers.save_path is not None
    answers.save_path.parent.mkdir()
    answers.save_path.write_bytes(b"the old file")
    dialog = make_dialog()

    def failing_replace(_source: object, _target: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr("supervision_app.fileio.os.replace", failing_replace)
    dialog.save_pdf()
    assert dialog.file_error_label.isVisible()
    assert dialog.file_error_label.text() == message
    assert dialog.focusWidget() is dialog.save_button
    assert answers.save_path.read_bytes() == b"the old file"
    assert sorted(p.name for p in answers.save_path.parent.iterdir()) == ["note.pdf"]
    assert dialog.status_label.text() == ""


def test_a_cancelled_save_writes_nothing(make_dialog, answers: Answers) -> None:
    answers.save_path = None
    dialog = make_dialog()
    dialog.save_pdf()
    assert dialog.status_label.text() == "" and not dialog.file_error_label.isVisible()


def test_print_sends_the_kept_pdf_itself(make_dialog, world: NotesWorld, printer: FakeNotePrinter) -> None:
    dialog = make_dialog()
    dialog.print_note()
    assert printer.printed[-1][0] == dialog.current_pdf
    dialog.sign_as_supervisor()
    dialog.print_note()
    pdf, title = printer.printed[-1]
    assert pdf == world.notes.signed_note(world.signed_off.id).pdf
    assert title.startswith(f"Supervision note – {SUPERVISEE}")
    assert dialog.status_label.text() == "Sent the note signed by the supervisor to the printer."
    printer.accept = False
    dialog.print_note()
    assert dialog.status_label.text() == "Printing was cancelled."


def test_a_pending_redraw_is_finished_before_saving(qtbot: QtBot, make_dialog, answers: Answers) -> None:
    assert answers.save_path is not None
    answers.save_path.parent.mkdir()
    dialog = make_dialog()
    before = dialog.fingerprint
    dialog.section_checks["wellbeing"].click()
    dialog.save_pdf()  # before the pause is over
    assert dialog.fingerprint != before
    assert answers.save_path.read_bytes() == dialog.current_pdf


def test_suggested_file_names_are_plain_ascii() -> None:
    from datetime import date

    assert suggested_file_name(date(2026, 11, 24), "Zoë Whitfield") == "supervision-2026-11-24-zoe-whitfield.pdf"
    assert suggested_file_name(date(2026, 1, 5), "Siobhán O'Connell") == "supervision-2026-01-05-siobhan-o-connell.pdf"
    assert suggested_file_name(date(2026, 1, 5), "Nguyễn Thị Minh") == "supervision-2026-01-05-nguyen-thi-minh.pdf"
    assert suggested_file_name(date(2026, 1, 5), "李") == "supervision-2026-01-05.pdf"


# --- keyboard and assistive technology ---------------------------------------------------


def test_keyboard_only(qtbot: QtBot, make_dialog) -> None:
    dialog = make_dialog()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    wellbeing = dialog.section_checks["wellbeing"]
    letter = wellbeing.text()[wellbeing.text().index("&") + 1]
    with qtbot.waitSignal(dialog.previewUpdated, timeout=3000):
        qtbot.keyClick(dialog, Qt.Key(ord(letter.upper())), Qt.KeyboardModifier.AltModifier)
    assert wellbeing.isChecked() and dialog.focusWidget() is wellbeing
    with qtbot.waitSignal(dialog.previewUpdated, timeout=3000):
        qtbot.keyClick(dialog, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert dialog.letter_radio.isChecked() and dialog.options().page_size == "Letter"
    qtbot.keyClick(dialog, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # the preview's label
    assert dialog.focusWidget() is dialog.preview_scroll
    qtbot.keyClick(dialog.preview_scroll, Qt.Key.Key_PageDown)
    assert dialog.preview_scroll.verticalScrollBar().value() > 0
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_section_labels_get_free_alt_keys() -> None:
    taken = {"w", "s"}
    assert with_mnemonic("Who, where and when", taken) == "Who, where &and when"
    assert with_mnemonic("Supervisee's comments", taken) == "Supervisee's &comments"
    assert with_mnemonic("Learning & CPD", taken) == "&Learning && CPD"
    assert taken == {"w", "s", "a", "c", "l"}
    assert with_mnemonic("CPD & learning", {"c", "p", "d", "l"}) == "CPD && l&earning"  # (after the "&")
    assert with_mnemonic("Aaa", {"a"}) == "Aaa"  # none left: no key, still reached by Tab
