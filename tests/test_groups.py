"""Group supervision on a real encrypted vault: each member's record, note and actions; nothing one member
marked private reaches another; erasure of one member removes their part."""

from __future__ import annotations

import shutil
import subprocess
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import text

from supervision_app.content import load_content
from supervision_app.domain.group import GroupKind
from supervision_app.domain.model import SessionStatus
from supervision_app.domain.record import Confirmation
from supervision_app.domain.search import SearchFilters
from supervision_app.paths import resources_dir
from supervision_app.services.access import AccessService
from supervision_app.services.backups import BackupService
from supervision_app.services.erasure import erase_person
from supervision_app.services.group_note import preview, sign_member_notes
from supervision_app.services.note import render_text
from supervision_app.services.notes import NoteOptions
from supervision_app.services.sessions import SessionService
from supervision_app.storage import groups
from supervision_app.storage.search_index import search
from tests.countersigned import countersign_on_their_own_install
from tests.group_world import ACTION, NOW, OWN, PRIVATE, SHARED, GroupWorld, group_world


@pytest.fixture
def world(open_vault: Any) -> GroupWorld:
    return group_world(open_vault.store)


def _pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(BytesIO(pdf)).pages)


def test_each_member_gets_their_own_signed_off_record_of_the_group(world: GroupWorld) -> None:
    assert world.group.status is SessionStatus.SIGNED_OFF
    for first, person in world.members.items():
        session_id = world.group.session_of(person.id)
        assert session_id is not None
        session = world.store.get_session(session_id)
        assert session.supervisee_id == person.id and session.status is SessionStatus.SIGNED_OFF
        record = world.store.load_record(session_id)
        titles = [item.title for item in record.agenda]
        assert titles == [SHARED, OWN[first], PRIVATE[first]]  # their private item stays theirs, private
        assert [a.text for a in record.actions] == [ACTION[first]]
        assert "Sam Okafor, Priya Shah and Tom Byrne" in record.setting.present


def test_actions_agreed_in_the_group_are_open_among_each_members_own(world: GroupWorld) -> None:
    sessions = SessionService(world.store, clock=lambda: NOW)
    for first, person in world.members.items():
        assert [a.action.text for a in sessions.open_actions(person.id)] == [ACTION[first]]
        listed = sessions.summaries(person)
        assert [(s.session.id, s.open_actions) for s in listed] == [(world.group.session_of(person.id), 1)]


def test_each_members_note_has_the_shared_parts_and_their_own_only(world: GroupWorld) -> None:
    signed = sign_member_notes(world.notes, world.service, world.group.id, NoteOptions())
    assert set(signed) == {p.id for p in world.members.values()}
    for first, person in world.members.items():
        printed = _pdf_text(signed[person.id])
        assert SHARED in printed and OWN[first] in printed and ACTION[first] in printed
        assert "Sam Okafor, Priya Shah and Tom Byrne" in printed  # the names of those present
        assert PRIVATE[first] not in printed  # private: never in a note, their own neither
        for other in set(world.members) - {first}:
            for words in (PRIVATE[other], OWN[other], ACTION[other]):
                assert words not in printed
        report = world.notes.verify(signed[person.id])
        assert report.ok and len(report.signatures) == 1


def test_a_member_countersigns_their_note_as_a_one_to_one_note(world: GroupWorld, tmp_path: Path) -> None:
    sign_member_notes(world.notes, world.service, world.group.id)
    session_id = world.group.session_of(world.members["Priya"].id)
    assert session_id is not None
    countersign_on_their_own_install(world.store, session_id)
    kept = world.notes.signed_note(session_id)
    assert kept is not None and kept.signatures == 2
    report = world.notes.verify(kept.pdf)
    assert report.ok and [s.field for s in report.signatures] == ["SupervisorSignature", "SuperviseeSignature"]
    if shutil.which("pdfsig") is not None:
        path = tmp_path / "priya.pdf"
        path.write_bytes(kept.pdf)
        result = subprocess.run(["pdfsig", "-nocert", str(path)], capture_output=True, text=True, check=False)
        assert result.stdout.count("Signature Validation: Signature is Valid.") == 2, result.stdout


def test_the_preview_before_sign_off_leaves_out_every_other_member(open_vault: Any) -> None:
    world = group_world(open_vault.store, sign_off=False)
    sam = world.members["Sam"]
    shown = render_text(preview(world.service, world.group.id, sam.id, load_content(resources_dir())))
    assert SHARED in shown and OWN["Sam"] in shown and PRIVATE["Sam"] not in shown
    assert not any(words in shown for first in ("Priya", "Tom") for words in (PRIVATE[first], OWN[first]))


def test_search_finds_a_members_private_item_only_under_them(world: GroupWorld) -> None:
    sam, priya = world.members["Sam"], world.members["Priya"]
    hits = search(world.store, "Pomegranate")
    assert {hit.supervisee_id for hit in hits} == {sam.id}
    assert search(world.store, "Pomegranate", SearchFilters(supervisee_id=priya.id)) == []
    assert search(world.store, "Marzipan", SearchFilters(supervisee_id=sam.id)) == []


def test_another_members_access_export_holds_nothing_of_anyone_elses_part(world: GroupWorld, tmp_path: Path) -> None:
    access = AccessService(world.store, load_content(resources_dir()), resources_dir() / "fonts", clock=lambda: NOW)
    result = access.export(world.members["Priya"].id, NOW.date(), tmp_path)
    files = [path for path in result.folder.rglob("*") if path.is_file()]
    assert files and result.sessions == 1
    everything = " ".join(_pdf_text(p.read_bytes()) if p.suffix == ".pdf" else p.read_text("utf-8") for p in files)
    assert SHARED in everything and PRIVATE["Priya"] in everything  # their own private item: theirs to see
    for words in (PRIVATE["Sam"], PRIVATE["Tom"], OWN["Sam"], OWN["Tom"], ACTION["Tom"]):
        assert words not in everything


def test_erasing_one_member_removes_their_part_and_leaves_the_others(world: GroupWorld, open_vault: Any) -> None:
    sam, priya = world.members["Sam"], world.members["Priya"]
    priya_session = world.group.session_of(priya.id)
    before = world.store.load_record(priya_session) if priya_session else None
    erase_person(open_vault, sam.id, BackupService(open_vault))
    group = world.service.get(world.group.id)
    assert sam.id not in group.member_ids and set(group.member_ids) == {priya.id, world.members["Tom"].id}
    record = groups.load_group_record(world.store, world.group.id)
    assert [part.person_id for part in record.members] == list(group.member_ids)
    with world.store.transaction() as connection:
        for table in ("groups", "group_members", "sessions", "search_items"):
            rows = " ".join(str(row) for row in connection.execute(text(f"SELECT * FROM {table}")))
            assert "Pomegranate" not in rows and OWN["Sam"] not in rows and ACTION["Sam"] not in rows, table
    assert priya_session is not None and world.store.load_record(priya_session) == before
    assert search(world.store, "Pomegranate") == []


def test_erasing_every_member_removes_the_group(open_vault: Any) -> None:
    world = group_world(open_vault.store, sign_off=False)
    for person in world.members.values():
        erase_person(open_vault, person.id, BackupService(open_vault))
    assert groups.list_groups(world.store) == []


def test_a_signed_off_group_cannot_change(world: GroupWorld) -> None:
    _group, record = world.service.open(world.group.id)
    record.learning = "changed"
    with pytest.raises(groups.GroupLocked):
        world.service.save_draft(world.group.id, record)
    with pytest.raises(ValueError, match="already signed off"):
        world.service.confirm(world.group.id, record, None, Confirmation.AGREED)


def test_a_blocking_problem_in_one_members_part_refuses_sign_off_and_keeps_nothing(open_vault: Any) -> None:
    world = group_world(open_vault.store, sign_off=False)
    _group, record = world.service.open(world.group.id)
    record.part_of(world.members["Tom"].id).actions[0].text = " "
    with pytest.raises(ValueError, match=r"^Tom Byrne: Say what the action is"):
        world.service.confirm(world.group.id, record, None, Confirmation.AGREED)
    _group, kept = world.service.open(world.group.id)
    assert kept.supervisor_confirmation is None
    assert world.store.list_sessions() == []


@pytest.mark.parametrize(("kind", "members", "facilitator", "message"), [
    (GroupKind.SUPERVISOR_LED, 1, None, "at least 2 members"),
    (GroupKind.PEER_LED, 3, None, "Choose which member facilitates"),
])
def test_a_group_is_refused_with_one_sentence(open_vault: Any, kind: GroupKind, members: int,
                                               facilitator: int | None, message: str) -> None:
    world = group_world(open_vault.store, sign_off=False)
    ids = tuple(p.id for p in world.members.values())[:members]
    with pytest.raises(ValueError, match=message):
        world.service.create(NOW, ids, kind=kind, facilitator_id=facilitator)
    assert len(groups.list_groups(world.store)) == 1


def test_a_peer_led_group_names_its_facilitator(open_vault: Any) -> None:
    world = group_world(open_vault.store, sign_off=False)
    ids = tuple(p.id for p in world.members.values())
    group = world.service.create(NOW, ids, kind=GroupKind.PEER_LED, facilitator_id=ids[1])
    assert group.facilitator_id == ids[1]
    _group, record = world.service.open(group.id)
    present = world.service.member_records(group, record)[ids[0]].setting.present
    assert present.startswith("Peer-led group supervision, facilitated by Priya Shah:")
