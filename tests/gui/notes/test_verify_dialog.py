"""Verifying notes: a good one, a tampered one, one with something appended, a stranger's, and not a PDF."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pytestqt.qtbot import QtBot

from supervision_app.domain.identity import SigningIdentity
from supervision_app.gui.notes import VerifyDialog
from supervision_app.gui.notes.files import TOO_LARGE
from supervision_app.services.notes import NoteOptions
from supervision_app.services.verification import (
    BOTH_GOOD,
    SUPERVISOR_ONLY,
    UNKNOWN_SIGNER,
    VerificationReport,
    verify_note,
)
from tests.countersigned import countersign_on_their_own_install
from tests.gui.names import names_hiding_text

from .conftest import SUPERVISEE, NotesWorld


@pytest.fixture
def their_identity(world: NotesWorld) -> SigningIdentity:
    """The supervisee's own key, on their own install, that countersigned the note."""
    world.notes.sign_as_supervisor(world.signed_off.id, NoteOptions())
    return countersign_on_their_own_install(world.vault.store, world.signed_off.id)


@pytest.fixture
def both_signed(world: NotesWorld, their_identity: SigningIdentity) -> bytes:
    kept = world.notes.signed_note(world.signed_off.id)
    assert kept is not None
    return kept.pdf


def open_verify(qtbot: QtBot, verify, path: Path | None = None, **options: object) -> VerifyDialog:  # type: ignore[no-untyped-def]
    dialog = VerifyDialog(verify, choose_pdf=lambda _parent: path, **options)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def check_file(qtbot: QtBot, world: NotesWorld, tmp_path: Path, pdf: bytes, verify=None) -> VerifyDialog:  # type: ignore[no-untyped-def]
    path = tmp_path / "note.pdf"
    path.write_bytes(pdf)
    dialog = open_verify(qtbot, verify or world.notes.verify, path)
    with qtbot.waitSignal(dialog.verified):
        dialog.choose_button.click()
    assert dialog.file_label.text() == str(path)
    return dialog


def rows(dialog: VerifyDialog, number: int) -> dict[str, str]:
    return {name: label.text() for name, label in dialog.signature_views[number].values.items()}


def test_a_good_note_signed_by_both(qtbot: QtBot, world: NotesWorld, tmp_path: Path, both_signed: bytes,
                                    their_identity: SigningIdentity) -> None:
    dialog = check_file(qtbot, world, tmp_path, both_signed)
    assert dialog.verdict_label.text() == f"✓ {BOTH_GOOD}"
    assert dialog.verdict_label.accessibleName() == f"Verdict: {BOTH_GOOD}"
    assert [view.group.title() for view in dialog.signature_views] == ["Supervisor's signature",
                                                                       "Supervisee's signature"]
    supervisor, supervisee = rows(dialog, 0), rows(dialog, 1)
    assert supervisor["signer"] == "Aisha Rahman" and supervisee["signer"] == SUPERVISEE
    assert supervisor["signedAt"][:3] in {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
    assert supervisor["intact"] == supervisee["intact"] == "✓ Yes"
    assert supervisor["changed"] == "✓ No: only a later signature was added, which this signature allows."
    assert supervisee["changed"] == "✓ No"
    assert supervisor["known"] == "✓ Yes"
    assert supervisor["named"] == "✓ Yes: Aisha Rahman" and supervisee["named"] == f"✓ Yes: {SUPERVISEE}"
    assert supervisor["time"].startswith("None: signed without a time-stamping service")
    assert supervisee["known"] == "✓ Yes"  # pinned by pairing
    assert supervisee["fingerprint"] == their_identity.fingerprint


def test_a_note_signed_by_the_supervisor_only(qtbot: QtBot, world: NotesWorld, tmp_path: Path) -> None:
    pdf = world.notes.sign_as_supervisor(world.signed_off.id, NoteOptions())
    dialog = check_file(qtbot, world, tmp_path, pdf)
    assert dialog.verdict_label.text().startswith(f"✓ {SUPERVISOR_ONLY}")
    assert len(dialog.signature_views) == 1 and rows(dialog, 0)["changed"] == "✓ No"


def test_one_flipped_byte(qtbot: QtBot, world: NotesWorld, tmp_path: Path, both_signed: bytes) -> None:
    damaged = bytearray(both_signed)
    damaged[len(damaged) // 2] ^= 0x01
    dialog = check_file(qtbot, world, tmp_path, bytes(damaged))
    assert dialog.report is not None and not dialog.report.ok
    assert dialog.verdict_label.text().startswith("✗ The supervisor's signature does not match the note")
    assert rows(dialog, 0)["intact"] == "✗ No: what was signed has been altered."
    assert rows(dialog, 0)["changed"].startswith("✗ Yes")


def test_an_appended_incremental_update(qtbot: QtBot, world: NotesWorld, tmp_path: Path, both_signed: bytes) -> None:
    writer = IncrementalPdfFileWriter(BytesIO(both_signed))
    writer.root["/Lang"] = generic.pdf_string("fr-FR")
    writer.update_root()
    out = BytesIO()
    writer.write(out)
    dialog = check_file(qtbot, world, tmp_path, out.getvalue())
    assert not dialog.report.ok  # type: ignore[union-attr]
    for number in (0, 1):
        assert rows(dialog, number)["intact"] == "✓ Yes"  # intact alone would pass it
    assert rows(dialog, 1)["changed"].startswith("✗ Yes: ")
    assert "after the supervisee's signature was made" in rows(dialog, 1)["changed"]
    # A screen reader hears the whole verdict, its mark and every finding, not its first sentence only.
    assert len(dialog.verdict_label.text().splitlines()) > 1
    assert names_hiding_text(dialog) == []


def test_a_signer_this_vault_does_not_know(qtbot: QtBot, world: NotesWorld, tmp_path: Path,
                                            both_signed: bytes) -> None:
    def verify_elsewhere(pdf: bytes) -> VerificationReport:
        return verify_note(pdf)  # a vault that holds neither key

    dialog = check_file(qtbot, world, tmp_path, both_signed, verify_elsewhere)
    assert dialog.verdict_label.text() == f"✗ {UNKNOWN_SIGNER}"
    assert rows(dialog, 0)["known"].startswith("✗ No: this vault does not hold the signer's key")
    assert rows(dialog, 0)["fingerprint"]  # shown, to compare by hand


def test_not_a_pdf(qtbot: QtBot, world: NotesWorld, tmp_path: Path) -> None:
    dialog = check_file(qtbot, world, tmp_path, b"Dear Zoe, see you on Tuesday.")
    assert dialog.verdict_label.text().startswith("✗ The file is not a readable PDF")
    assert dialog.signature_views == []


def test_a_pdf_without_signatures(qtbot: QtBot, world: NotesWorld, tmp_path: Path) -> None:
    pdf = world.notes.render(world.signed_off.id, NoteOptions()).pdf
    dialog = check_file(qtbot, world, tmp_path, pdf)
    assert dialog.verdict_label.text() == "✗ The file has no digital signatures."


def test_a_file_too_large_is_refused_unread(qtbot: QtBot, world: NotesWorld, tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"0" * 5000)
    called: list[bytes] = []
    dialog = open_verify(qtbot, lambda pdf: called.append(pdf), path, max_bytes=4096)
    dialog.choose_button.click()
    assert dialog.error_label.isVisible() and dialog.error_label.text() == TOO_LARGE
    assert called == [] and dialog.verdict_label.isHidden()


def test_a_missing_file_and_a_cancelled_choice(qtbot: QtBot, world: NotesWorld, tmp_path: Path,
                                               both_signed: bytes) -> None:
    dialog = open_verify(qtbot, world.notes.verify, tmp_path / "gone.pdf")
    dialog.choose_button.click()
    assert dialog.error_label.text() == "The file could not be read (no such file or directory)."
    # A later good file clears the message; then cancelling the chooser leaves its findings alone.
    good = tmp_path / "good.pdf"
    good.write_bytes(both_signed)
    dialog.verify_file(good)
    assert dialog.error_label.isHidden() and len(dialog.signature_views) == 2
    dialog._choose_pdf = lambda _parent: None
    dialog.choose_button.click()
    assert len(dialog.signature_views) == 2
