"""An access request's export holds the agreement's signed versions (who signed which) and its reviews' answers.

Made between two real installs: Aisha sends Zoë the agreement, Zoë signs it and sends it back, both answer
the review and Zoë sends hers; Aisha's own answers stay private (never sent), and a changed agreement is a
second version signed by Aisha alone. Erasing Zoë then leaves none of it in the vault.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

import jsonschema
import pytest

from supervision_app.content import load_content
from supervision_app.domain.model import Person, PersonRole
from supervision_app.domain.review import ReviewAnswer
from supervision_app.exchange.agreement import countersign_agreement, export_agreement, export_review, review_service
from supervision_app.logging_setup import quieten_libraries
from supervision_app.paths import resources_dir
from supervision_app.services.access import JSON_FILE, PDF_FILE, AccessService, schema_path
from supervision_app.services.backups import BackupService
from supervision_app.services.erasure import erase_person
from supervision_app.services.people import agreement_for, save_agreement
from supervision_app.storage import agreements
from supervision_app.vault.service import OpenVault
from tests.exchange.installs import Install, pair_both_ways, two_installs, vault_state
from tests.test_access_export import pdf_text

NOW = datetime(2026, 11, 20, 17, 30)
THEIR_COMMENT = "Hard to reach between sessions since the move to Hale House."
MY_PRIVATE_COMMENT = "Zoë seems guarded when we talk about the duty rota."


@dataclass
class Reviewed:
    aisha: Install
    zoe: Person  # on Aisha's install
    access: AccessService


@pytest.fixture
def reviewed(tmp_path: Path) -> Iterator[Reviewed]:
    quieten_libraries()
    with two_installs(tmp_path, NOW) as (aisha, zoe_app, zoe, clock):
        aisha_there = pair_both_ways(aisha, zoe_app)
        save_agreement(aisha.store, replace(agreement_for(aisha.store, zoe, NOW.date()), place="Room 4, Hale House"))
        zoe_app.exchange.import_pack(export_agreement(aisha.exchange, zoe.id))
        clock.now += timedelta(hours=1)
        aisha.exchange.import_pack(countersign_agreement(zoe_app.exchange, aisha_there.id))
        review_service(zoe_app.exchange).save_answers(aisha_there, {
            "accessible": ReviewAnswer("partly", THEIR_COMMENT), "timely": ReviewAnswer("mostly")})
        aisha.exchange.import_pack(export_review(zoe_app.exchange, aisha_there.id))
        review_service(aisha.exchange).save_answers(zoe, {"reflective": ReviewAnswer("partly", MY_PRIVATE_COMMENT)})
        clock.now += timedelta(days=1)  # they agree a change: version 2, signed by Aisha alone so far
        save_agreement(aisha.store, replace(aisha.store.get_agreement(zoe.id), frequency_weeks=2))
        export_agreement(aisha.exchange, zoe.id)
        access = AccessService(aisha.store, aisha.exchange.content, resources_dir() / "fonts", clock=lambda: clock.now)
        yield Reviewed(aisha, zoe, access)


def test_the_export_holds_each_signed_version_with_who_signed_it_and_its_pdf(reviewed: Reviewed,
                                                                            tmp_path: Path) -> None:
    result = reviewed.access.export(reviewed.zoe.id, date(2026, 11, 21), tmp_path)
    exported = json.loads((result.folder / JSON_FILE).read_text(encoding="utf-8"))
    jsonschema.validate(exported, json.loads(schema_path().read_text(encoding="utf-8")),
                        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    kept = agreements.versions(reviewed.aisha.store, reviewed.zoe.id)
    assert [(v["version"], v["signed_by"], v["agreement"]["frequency_weeks"]) for v in exported["agreement_versions"]] \
        == [(1, ["supervisor", "supervisee"], 4), (2, ["supervisor"], 2)]
    for listed, signed in zip(exported["agreement_versions"], kept, strict=True):
        assert (result.folder / listed["file"]).read_bytes() == signed.pdf  # byte for byte
        assert listed["sha256"] == hashlib.sha256(signed.pdf).hexdigest()
        assert listed["fingerprint"] == signed.fingerprint and listed["agreed_on"] == signed.agreed_on.isoformat()
    text = pdf_text(result.folder / PDF_FILE)
    assert "Signed versions of the agreement" in text
    assert "Aisha Rahman (supervisor) and Zoë Whitfield (supervisee)" in text
    assert "signed-agreements/agreement-version-2.pdf" in text.replace(" ", "")  # the cell wraps the name


def test_the_export_holds_their_review_answers_and_the_supervisors_marked_private(reviewed: Reviewed,
                                                                                 tmp_path: Path) -> None:
    result = reviewed.access.export(reviewed.zoe.id, date(2026, 11, 21), tmp_path)
    exported = json.loads((result.folder / JSON_FILE).read_text(encoding="utf-8"))
    [review] = exported["agreement_reviews"]
    assert review["agreement_version"] == 1
    assert review["their_answers"]["answers"] == [
        {"question": "accessible", "rating": "partly", "comment": THEIR_COMMENT},
        {"question": "timely", "rating": "mostly", "comment": ""}]
    assert review["their_answers"]["received_at"] == "2026-11-20T18:30:00"
    assert review["supervisor_answers"]["sent_at"] is None  # never sent: private to Aisha's install
    assert review["supervisor_answers"]["answers"] == [
        {"question": "reflective", "rating": "partly", "comment": MY_PRIVATE_COMMENT}]
    text = pdf_text(result.folder / PDF_FILE)
    for wanted in ("Review of version 1", THEIR_COMMENT, MY_PRIVATE_COMMENT,
                   "Private: kept on this computer only, never sent to them"):
        assert " ".join(wanted.split()) in text, wanted


def test_a_supervisee_with_no_signed_agreement_has_empty_parts(reviewed: Reviewed, tmp_path: Path) -> None:
    from supervision_app.domain.model import NewPerson
    from supervision_app.services.people import add_supervisee

    sam = add_supervisee(reviewed.aisha.store, NewPerson("Sam Okafor", PersonRole.SUPERVISEE))
    result = reviewed.access.export(sam.id, date(2026, 11, 21), tmp_path)
    exported = json.loads((result.folder / JSON_FILE).read_text(encoding="utf-8"))
    assert exported["agreement_versions"] == [] and exported["agreement_reviews"] == []
    assert not (result.folder / "signed-agreements").exists()
    text = pdf_text(result.folder / PDF_FILE)
    assert "No version of the agreement has been signed." in text and "The agreement has not been reviewed." in text
    assert THEIR_COMMENT not in text  # nothing of Zoë's


def test_erasure_removes_the_versions_and_the_reviews(reviewed: Reviewed) -> None:
    store = reviewed.aisha.store
    assert agreements.versions(store, reviewed.zoe.id) and agreements.reviews(store, reviewed.zoe.id)
    erase_person(reviewed.aisha.vault, reviewed.zoe.id, BackupService(reviewed.aisha.vault))
    state = vault_state(reviewed.aisha)
    assert state["agreement_pdfs"] == [] and state["agreement_reviews"] == []
    dumped = repr(state)
    assert THEIR_COMMENT not in dumped and MY_PRIVATE_COMMENT not in dumped


def test_the_demo_vaults_agreement_signed_by_the_supervisor_alone(open_vault: OpenVault, tmp_path: Path) -> None:
    from supervision_app.services.demo import DEMO_SUPERVISEES, fill_demo

    quieten_libraries()
    today = date(2026, 11, 24)
    fill_demo(open_vault.store, today)
    daniel = next(p for p in open_vault.store.list_people() if p.name == DEMO_SUPERVISEES[2].name)
    access = AccessService(open_vault.store, load_content(resources_dir()), resources_dir() / "fonts",
                           clock=lambda: datetime(2026, 11, 24, 15, 0))
    result = access.export(daniel.id, today, tmp_path)
    exported = json.loads((result.folder / JSON_FILE).read_text(encoding="utf-8"))
    assert [(v["version"], v["signed_by"]) for v in exported["agreement_versions"]] == [(1, ["supervisor"])]
    assert exported["agreement_reviews"] == []
    assert (result.folder / exported["agreement_versions"][0]["file"]).read_bytes() == \
        agreements.latest(open_vault.store, daniel.id).pdf  # type: ignore[union-attr]


@pytest.mark.parametrize("signed_off", [False, True])
def test_a_group_session_not_yet_signed_off_is_in_the_export_with_their_part_only(
        open_vault: OpenVault, tmp_path: Path, signed_off: bool) -> None:
    """Signed off, their record of a group session is one of their sessions; before that, it is exported
    from the group's record: the shared parts and their own part (private items marked), nothing of another's."""
    from tests.group_world import OWN, PRIVATE, SHARED, group_world

    world = group_world(open_vault.store, sign_off=signed_off)
    sam = world.members["Sam"]
    access = AccessService(open_vault.store, load_content(resources_dir()), resources_dir() / "fonts",
                           clock=lambda: datetime(2026, 11, 24, 15, 0))
    result = access.export(sam.id, date(2026, 11, 24), tmp_path)
    exported = json.loads((result.folder / JSON_FILE).read_text(encoding="utf-8"))
    jsonschema.validate(exported, json.loads(schema_path().read_text(encoding="utf-8")),
                        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    held = exported["group_sessions_in_progress"] if not signed_off else [
        {"record": s["record"]} for s in exported["sessions"]]
    assert len(held) == 1 and len(exported["sessions"]) == (1 if signed_off else 0)
    titles = [item["title"] for item in held[0]["record"]["agenda"]]
    assert titles == [SHARED, OWN["Sam"], PRIVATE["Sam"]]
    text = pdf_text(result.folder / PDF_FILE)
    everything = json.dumps(exported, ensure_ascii=False) + text
    assert PRIVATE["Sam"] in text and "Private" in text
    for other in ("Priya", "Tom"):
        assert PRIVATE[other] not in everything and OWN[other] not in everything
    if not signed_off:
        assert "Group sessions not yet signed off" in text and "Group supervision: Tuesday 24 November 2026" in text
