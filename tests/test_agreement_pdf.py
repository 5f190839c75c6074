"""The supervision agreement as a signed PDF: its text, its signature, its versions and their erasure."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import text

from supervision_app.content import load_content
from supervision_app.domain.model import NewPerson, PersonRole
from supervision_app.paths import resources_dir
from supervision_app.services.agreement_pdf import AgreementService
from supervision_app.services.demo import fill_demo
from supervision_app.services.identities import SigningError
from supervision_app.services.notes import NoteService
from supervision_app.services.people import add_supervisee, find_supervisee
from supervision_app.storage import agreements
from supervision_app.storage.erasure import erase_rows
from supervision_app.storage.migrations import MIGRATIONS

TODAY = date(2026, 11, 24)


def _service(vault: Any, day: date = TODAY) -> AgreementService:
    notes = NoteService(vault.store, load_content(resources_dir()), resources_dir() / "fonts")
    return AgreementService(notes, clock=lambda: datetime(day.year, day.month, day.day, 10, tzinfo=UTC))


def _text(pdf: bytes) -> str:
    return " ".join(" ".join((page.extract_text() or "") for page in PdfReader(BytesIO(pdf)).pages).split())


@pytest.fixture
def demo(open_vault: Any) -> Any:
    fill_demo(open_vault.store, TODAY)
    return open_vault


def test_the_pdf_prints_who_where_when_the_terms_review_and_the_toolkits_definition(demo: Any) -> None:
    person = find_supervisee(demo.store, "Zoë")
    agreement = demo.store.get_agreement(person.id)
    signed = _service(demo).current_signed(person)
    assert (signed.version, signed.agreed_on, signed.signatures) == (1, TODAY, 1)
    printed = _text(signed.pdf)
    supervisor = demo.store.own_profile()
    for expected in ("Supervision agreement", supervisor.name, person.name, "Line manager", agreement.mode.label,
                     agreement.cadence_label.capitalize(), f"{agreement.length_minutes} minutes",
                     "Confidentiality", "Review by", "24 November 2026", "a regular, planned, accountable process",
                     "BASW/SWU (2020) Social Worker Wellbeing and Working Conditions", "Section 5",
                     "Supervisor's digital signature", "Supervisee's digital signature"):
        assert " ".join(expected.split()) in printed, expected
    assert " ".join(agreement.confidentiality_terms.split())[:60] in printed


def test_it_is_signed_by_the_supervisor_and_verifies_as_the_note_does(demo: Any) -> None:
    person = find_supervisee(demo.store, "Zoë")
    service = _service(demo)
    signed = service.current_signed(person)
    report = service.notes.verify(signed.pdf)
    assert report.ok, report.problems
    assert [s.role for s in report.signatures] == ["supervisor"] and report.unsigned == ("supervisee",)
    assert report.signatures[0].intact and report.signatures[0].matches_named
    assert report.signatures[0].reason == "Supervisor: this is our supervision agreement"


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler's pdfsig is not installed")
def test_poppler_confirms_the_supervisors_signature(demo: Any, tmp_path: Path) -> None:
    person = find_supervisee(demo.store, "Zoë")
    path = tmp_path / "agreement.pdf"
    path.write_bytes(_service(demo).current_signed(person).pdf)
    result = subprocess.run(["pdfsig", "-nocert", str(path)], capture_output=True, text=True, check=False)
    assert result.stdout.count("Signature Validation: Signature is Valid.") == 1, result.stdout
    assert "ETSI.CAdES.detached" in result.stdout


def test_the_same_agreement_is_not_signed_twice_and_a_changed_one_is_a_new_version(demo: Any) -> None:
    person = find_supervisee(demo.store, "Zoë")
    first = _service(demo).current_signed(person)
    assert _service(demo).current_signed(person) == first
    changed = replace(demo.store.get_agreement(person.id), length_minutes=60, place="Room 4")
    demo.store.save_agreement(changed)
    second = _service(demo, date(2026, 12, 2)).current_signed(person)
    assert (second.version, second.agreed_on, second.agreement) == (2, date(2026, 12, 2), changed)
    assert "60 minutes" in _text(second.pdf) and "Room 4" in _text(second.pdf)
    assert [v.version for v in agreements.versions(demo.store, person.id)] == [1, 2]
    assert agreements.versions(demo.store, person.id)[0].pdf == first.pdf  # the old version stays as signed


def test_the_versions_have_their_own_migration_and_erasure_deletes_a_persons_versions(demo: Any) -> None:
    migration = next(m for m in MIGRATIONS if m.description.startswith("signed supervision agreements"))
    assert migration.version >= 14
    person = find_supervisee(demo.store, "Zoë")
    _service(demo).current_signed(person)
    other = find_supervisee(demo.store, "Siobh")
    _service(demo).current_signed(other)
    with demo.store.transaction():
        counts = erase_rows(demo.store, person.id)
    assert counts["agreement_pdfs"] == 1
    with demo.store.transaction() as connection:
        left = connection.execute(text("SELECT supervisee_id FROM agreement_pdfs")).scalars().all()
    assert other.id in left and person.id not in left  # (the demo's Daniel has a signed agreement too)


def test_without_an_agreement_nothing_is_signed_and_the_reason_is_one_sentence(demo: Any) -> None:
    person = add_supervisee(demo.store, NewPerson("Amy Ode", PersonRole.SUPERVISEE), today=TODAY)
    with pytest.raises(SigningError, match=r"^There is no agreement with Amy Ode yet; set one up in the app first\.$"):
        _service(demo).current_signed(person)
    assert agreements.versions(demo.store, person.id) == []
