"""Signatures on the note: both sign, anyone can verify, any tampering fails."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from supervision_app.domain.signatures import KnownSigner, NamedSigners
from supervision_app.logging_setup import quieten_libraries
from supervision_app.paths import resources_dir
from supervision_app.services.demo import fill_demo
from supervision_app.services.note import note_for_session
from supervision_app.services.pdf_note import render_note_pdf
from supervision_app.services.signing import SigningError, add_signature_fields, new_signing_identity, sign_note
from supervision_app.services.verification import verify_note

FONTS = resources_dir() / "fonts"


@pytest.fixture(scope="module")
def identities():  # type: ignore[no-untyped-def]
    quieten_libraries()
    return new_signing_identity("Aisha Rahman", "Team Manager"), new_signing_identity("Nguyễn Zoë", "Social Worker")


def both(identities) -> dict[str, KnownSigner]:  # type: ignore[no-untyped-def]
    """A supervisor's vault paired with the supervisee: who may sign which field."""
    supervisor, supervisee = identities
    return {supervisor.fingerprint: KnownSigner(supervisor.name, frozenset({"supervisor"}), own=True),
            supervisee.fingerprint: KnownSigner(supervisee.name, frozenset({"supervisee"}))}


@pytest.fixture
def unsigned(open_vault, identities) -> bytes:  # type: ignore[no-untyped-def]
    supervisor, supervisee = identities
    fill_demo(open_vault.store, date(2026, 11, 24))
    signed_off = next(s for s in open_vault.store.list_sessions() if s.status.value == "signed_off")
    rendered = render_note_pdf(note_for_session(open_vault.store, signed_off.id), fonts_dir=FONTS)
    named = NamedSigners(supervisor.name, supervisor.fingerprint, supervisee.name, supervisee.fingerprint)
    return add_signature_fields(rendered.pdf, rendered.signature_boxes, named)


def test_both_sign_and_both_verify(unsigned: bytes, identities) -> None:  # type: ignore[no-untyped-def]
    supervisor, supervisee = identities
    once = sign_note(unsigned, supervisor, "supervisor", fonts_dir=FONTS)
    report = verify_note(once, both(identities))
    assert report.ok and [s.signer for s in report.signatures] == ["Aisha Rahman"]
    assert report.unsigned == ("supervisee",)
    twice = sign_note(once, supervisee, "supervisee", fonts_dir=FONTS)
    report = verify_note(twice, both(identities))
    assert report.ok, report.problems
    assert [s.matches_named for s in report.signatures] == [True, True]
    assert [s.signer for s in report.signatures] == ["Aisha Rahman", "Nguyễn Zoë"]
    first = report.signatures[0]
    assert first.modification == "FORM_FILLING"  # the permitted second signature, and nothing else
    assert all(s.signed_at is not None for s in report.signatures)


def test_order_and_repeats_are_refused(unsigned: bytes, identities) -> None:  # type: ignore[no-untyped-def]
    supervisor, supervisee = identities
    with pytest.raises(SigningError, match="supervisor signs the note first"):
        sign_note(unsigned, supervisee, "supervisee", fonts_dir=FONTS)
    once = sign_note(unsigned, supervisor, "supervisor", fonts_dir=FONTS)
    with pytest.raises(SigningError, match="already"):
        sign_note(once, supervisor, "supervisor", fonts_dir=FONTS)


def test_one_flipped_byte_fails(unsigned: bytes, identities) -> None:  # type: ignore[no-untyped-def]
    supervisor, supervisee = identities
    signed = sign_note(sign_note(unsigned, supervisor, "supervisor", fonts_dir=FONTS), supervisee, "supervisee",
                       fonts_dir=FONTS)
    known = both(identities)
    for offset in (len(signed) // 5, len(signed) // 2, len(signed) - 200):
        damaged = bytearray(signed)
        damaged[offset] ^= 0x01
        assert not verify_note(bytes(damaged), known).ok, offset


def test_an_appended_revision_fails_even_though_intact(unsigned: bytes, identities) -> None:  # type: ignore[no-untyped-def]
    supervisor, supervisee = identities
    signed = sign_note(sign_note(unsigned, supervisor, "supervisor", fonts_dir=FONTS), supervisee, "supervisee",
                       fonts_dir=FONTS)
    writer = IncrementalPdfFileWriter(BytesIO(signed))
    writer.root["/Lang"] = generic.pdf_string("fr-FR")
    writer.update_root()
    out = BytesIO()
    writer.write(out)
    report = verify_note(out.getvalue(), both(identities))
    assert all(s.intact for s in report.signatures)  # "intact" alone would pass it
    assert not report.ok
    assert not report.signatures[-1].unchanged_since
    assert any("after the last signature" in p or "added to the note after" in p for p in report.problems)


def test_an_unknown_certificate_is_reported_as_not_trusted(unsigned: bytes, identities) -> None:  # type: ignore[no-untyped-def]
    stranger = new_signing_identity("Aisha Rahman", "Team Manager")  # same name, another key
    signed = sign_note(unsigned, stranger, "supervisor", fonts_dir=FONTS)
    report = verify_note(signed, both(identities))
    (signature,) = report.signatures
    assert signature.intact
    assert not signature.known_certificate
    assert not report.ok
    assert any("not Aisha Rahman's" in p for p in report.problems)  # the note names another key


def test_not_a_pdf(identities) -> None:  # type: ignore[no-untyped-def]
    report = verify_note(b"%PDF-1.7 nonsense")
    assert not report.ok and report.problem


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler's pdfsig is not installed")
def test_poppler_confirms_both_signatures(unsigned: bytes, identities, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    supervisor, supervisee = identities
    signed = sign_note(sign_note(unsigned, supervisor, "supervisor", fonts_dir=FONTS), supervisee, "supervisee",
                       fonts_dir=FONTS)
    path = tmp_path / "note.pdf"
    path.write_bytes(signed)
    result = subprocess.run(["pdfsig", "-nocert", str(path)], capture_output=True, text=True, check=False)
    assert result.stdout.count("Signature Validation: Signature is Valid.") == 2, result.stdout
    assert result.stdout.count("ETSI.CAdES.detached") == 2, result.stdout  # PAdES, not adbe.pkcs7.detached
