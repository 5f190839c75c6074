"""Access requests: export everything about one supervisee, read back with independent tools.

The JSON is validated with a real JSON Schema validator (``jsonschema``) against
the schema the app ships, and the PDF is read back with pypdf.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

import jsonschema
import pytest
from pydantic import TypeAdapter
from pypdf import PdfReader

from supervision_app.content import load_content
from supervision_app.domain.agreement import Agreement
from supervision_app.domain.audit import AuditAction
from supervision_app.domain.exchange import Pairing
from supervision_app.domain.model import Person, PersonRole, SessionStatus
from supervision_app.domain.record import Flag, FlagLevel, SessionRecord, Visibility
from supervision_app.errors import DiskFull, ExportFolderExists, UsageError
from supervision_app.logging_setup import quieten_libraries
from supervision_app.paths import resources_dir
from supervision_app.services import access as access_module
from supervision_app.services.access import JSON_FILE, PDF_FILE, AccessService, schema_path
from supervision_app.services.demo import fill_demo
from supervision_app.services.notes import NoteOptions, NoteService
from supervision_app.services.sessions import SessionService
from supervision_app.services.signing import new_signing_identity
from supervision_app.storage import audit
from supervision_app.vault.service import OpenVault

TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 15, 30, 5)
PRIVATE_FLAG = "Private: caring for a parent with dementia, kept between us"
PRIVATE_CHECKIN = "Private check-in: sleeping badly since the inquest"
DISCUSSED_FLAG = "Discussed: thinking about moving teams in spring"


@pytest.fixture
def world(open_vault: OpenVault) -> tuple[AccessService, Person]:
    quieten_libraries()
    fill_demo(open_vault.store, TODAY)
    store = open_vault.store
    person = next(p for p in store.list_people() if p.role is PersonRole.SUPERVISEE)
    # A draft with private and discussed items, which the record never shows.
    draft = next(s for s in store.list_sessions(person.id) if s.status is SessionStatus.DRAFT)
    record = store.load_record(draft.id)
    record.flags += [Flag("personal_stressor", FlagLevel.NOTED, Visibility.PRIVATE, PRIVATE_FLAG),
                     Flag("long_hours", FlagLevel.NOTED, Visibility.DISCUSSED, DISCUSSED_FLAG)]
    record.checkin.visibility = Visibility.PRIVATE
    record.checkin.notes = PRIVATE_CHECKIN
    SessionService(store).save_draft(draft.id, record)
    # A signed note, and their key pinned.
    content = load_content(resources_dir())
    notes = NoteService(store, content, resources_dir() / "fonts")
    signed = next(s for s in store.list_sessions(person.id) if s.status is SessionStatus.SIGNED_OFF)
    notes.sign_as_supervisor(signed.id, NoteOptions())
    theirs = new_signing_identity(person.name, "Supervisee")
    store.save_pairing(Pairing(person.id, PersonRole.SUPERVISEE, theirs.public_key_der, theirs.certificate_der,
                               datetime(2026, 10, 1, 9, 0)))
    return AccessService(store, content, resources_dir() / "fonts", clock=lambda: NOW), person


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """The folder chosen for the export (the vault is elsewhere in tmp_path)."""
    folder = tmp_path / "chosen"
    folder.mkdir()
    return folder


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(path.read_bytes())).pages)


def test_the_json_validates_against_its_schema_and_holds_every_session(
        world: tuple[AccessService, Person], out: Path) -> None:
    service, person = world
    result = service.export(person.id, date(2026, 11, 20), out)
    exported = json.loads((result.folder / JSON_FILE).read_text(encoding="utf-8"))
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(exported, schema, cls=jsonschema.Draft202012Validator,
                        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    # The schema shipped with the export is the app's.
    assert (result.folder / "access-export.schema.json").read_bytes() == schema_path().read_bytes()
    sessions = service.store.list_sessions(person.id)
    assert sorted(s["id"] for s in exported["sessions"]) == sorted(s.id for s in sessions)
    assert len(sessions) >= 6 and result.sessions == len(sessions)
    for entry in exported["sessions"]:  # each record whole, exactly as the vault holds it
        assert TypeAdapter(SessionRecord).validate_python(entry["record"]) == service.store.load_record(entry["id"])
    text = json.dumps(exported, ensure_ascii=False)
    assert PRIVATE_FLAG in text and PRIVATE_CHECKIN in text and DISCUSSED_FLAG in text
    assert exported["person"]["name"] == person.name
    assert exported["request"] == {"id": result.request.id, "received": "2026-11-20", "reply_by": "2026-12-21",
                                   "exported_at": "2026-11-24T15:30:05"}  # 20 December 2026 is a Sunday
    assert exported["pairing"]["fingerprint"] == service.store.pairing_for(person.id).fingerprint  # type: ignore[union-attr]
    assert exported["actions"] and all(a["history"] is not None for a in exported["actions"])
    assert any(a["history"] for a in exported["actions"])  # reviewed in a later session
    assert any(e["action"] == AuditAction.ACCESS_EXPORTED.value for e in exported["activity_log"])


def test_the_pdf_holds_the_private_items_and_the_signed_notes_are_copied_byte_for_byte(
        world: tuple[AccessService, Person], out: Path) -> None:
    service, person = world
    result = service.export(person.id, date(2026, 11, 20), out)
    text = pdf_text(result.folder / PDF_FILE)
    for wanted in (PRIVATE_FLAG, PRIVATE_CHECKIN, DISCUSSED_FLAG, person.name, "Reply due by Monday 21 December 2026",
                   "Actions and their history", "Activity log entries about them", "Wellbeing flags"):
        assert " ".join(wanted.split()) in text, wanted
    assert "Private: Kept on this computer only" in text  # each item says its visibility
    kept = [n for s in service.store.list_sessions(person.id) if (n := service.store.get_signed_note(s.id))]
    assert len(kept) == 1 and result.signed_notes == 1
    copied = result.folder / "signed-notes" / f"session-{kept[0].session_id}.pdf"
    assert copied.read_bytes() == kept[0].pdf
    listed = json.loads((result.folder / JSON_FILE).read_text(encoding="utf-8"))["signed_notes"]
    assert listed[0]["sha256"] == hashlib.sha256(kept[0].pdf).hexdigest()
    assert sorted(p.name for p in out.iterdir()) == [result.folder.name]  # nothing left beside it
    assert person.name not in result.folder.name


def test_the_export_is_logged_with_ids_only_and_the_request_keeps_its_dates(
        world: tuple[AccessService, Person], out: Path) -> None:
    service, person = world
    waiting = service.record_request(person.id, date(2026, 11, 2))
    assert service.requests(person.id) == [waiting] and waiting.exported_at is None
    assert service.reply_by(waiting.received) == date(2026, 12, 2)
    result = service.export(person.id, date(2026, 11, 2), out)
    assert result.request.id == waiting.id  # the waiting request is the one answered
    assert service.requests(person.id)[0].exported_at == NOW
    entry = audit.entries(service.store)[-1]
    assert (entry.action, entry.subject, entry.detail) == ("access request exported", f"supervisee {person.id}",
                                                           f"request {waiting.id}")
    assert person.name.split()[0] not in entry.line()
    assert audit.verify(service.store) is None


def test_a_failure_part_way_leaves_no_folder_and_no_record_of_an_export(
        world: tuple[AccessService, Person], out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    service, person = world
    log_before = len(audit.entries(service.store))
    real_write = access_module.atomic_write_bytes
    written: list[Path] = []

    def fill_the_disk(path: Path, data: bytes, *, mode: int = 0o600) -> None:
        if len(written) == 3:  # the PDF, the JSON and the schema are in; the signed note meets a full disk
            raise DiskFull()
        written.append(path)
        real_write(path, data, mode=mode)

    monkeypatch.setattr(access_module, "atomic_write_bytes", fill_the_disk)
    with pytest.raises(DiskFull):
        service.export(person.id, date(2026, 11, 20), out)
    assert len(written) == 3 and list(out.iterdir()) == []  # no folder, whole or partial, hidden or not
    assert service.requests(person.id) == [] and len(audit.entries(service.store)) == log_before

    def refuse_the_rename(source: object, target: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(access_module, "atomic_write_bytes", real_write)
    monkeypatch.setattr(access_module.os, "rename", refuse_the_rename)
    with pytest.raises(Exception, match="cannot be written to"):
        service.export(person.id, date(2026, 11, 20), out)
    assert list(out.iterdir()) == [] and service.requests(person.id) == []
    assert len(audit.entries(service.store)) == log_before


def test_refusals_change_nothing(world: tuple[AccessService, Person], out: Path) -> None:
    service, person = world
    with pytest.raises(UsageError, match="cannot have been received after today"):
        service.export(person.id, date(2026, 11, 25), out)
    me = service.store.own_profile()
    assert me is not None
    with pytest.raises(UsageError, match="Only a supervisee"):
        service.export(me.id, TODAY, out)
    (out / service.folder_name(person.id, NOW)).mkdir()
    with pytest.raises(ExportFolderExists, match="already in"):
        service.export(person.id, TODAY, out)
    assert [p.name for p in out.iterdir()] == [service.folder_name(person.id, NOW)]
    assert service.requests(person.id) == []


def test_the_schema_describes_the_records_as_the_vault_stores_them() -> None:
    """The record and agreement parts of the shipped schema are the codec's own: regenerate them if this fails."""
    shipped = json.loads(schema_path().read_text(encoding="utf-8"))["$defs"]
    for kind in (SessionRecord, Agreement):
        generated = TypeAdapter(kind).json_schema(mode="serialization", ref_template="#/$defs/{model}")
        for name, definition in {**generated.pop("$defs"), kind.__name__: generated}.items():
            assert shipped[name] == definition, f"{name} in {schema_path().name} is out of date"


def test_a_supervisee_with_nothing_recorded_yet_gets_a_valid_export(open_vault: OpenVault, out: Path) -> None:
    from supervision_app.domain.model import NewPerson
    from supervision_app.services.people import add_supervisee, save_profile

    save_profile(open_vault.store, "Aisha Rahman", "Team Manager")
    person = add_supervisee(open_vault.store, NewPerson("Jo <b>Bloggs</b> & Co", PersonRole.SUPERVISEE), today=TODAY)
    service = AccessService(open_vault.store, load_content(resources_dir()), resources_dir() / "fonts",
                            clock=lambda: NOW)
    result = service.export(person.id, TODAY, out)
    exported = json.loads((result.folder / JSON_FILE).read_text(encoding="utf-8"))
    jsonschema.validate(exported, json.loads(schema_path().read_text(encoding="utf-8")),
                        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert exported["sessions"] == [] and exported["agreement"] is None and exported["pairing"] is None
    assert not (result.folder / "signed-notes").exists()
    text = pdf_text(result.folder / PDF_FILE)
    assert "Jo <b>Bloggs</b> & Co" in text and "No sessions are recorded." in text  # the name as written
