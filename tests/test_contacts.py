"""The organisation's contacts for support: kept in a real vault, checked, and found for each flag category."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from supervision_app.content import load_content
from supervision_app.domain.contacts import OrganisationContact, check_contact, for_category
from supervision_app.paths import resources_dir
from supervision_app.services.backups import BackupService
from supervision_app.services.contacts import ContactsService
from supervision_app.services.erasure import erase_person
from supervision_app.services.people import InvalidEntry
from supervision_app.vault.service import OpenVault
from tests.lifecycle_world import lifecycle_world

CONTENT = load_content(resources_dir())
EAP = OrganisationContact("Employee Assistance Programme", "Confidential counselling, 24/7.", "0800 123 4567",
                          "eap@example.org", "www.example.org/eap", "24 hours a day",
                          ("secondary_trauma_critical_incident", "health_affecting_work"))
UNION = OrganisationContact("UNISON branch", "Representation at work.", email="branch@example.org",
                            categories=("bullying_harassment", "workload_caseload"))
HR = OrganisationContact("HR advice line", "Policies and procedures.", phone="01234 567890")  # every category


def test_contacts_are_kept_in_the_vault_in_order_and_changed_and_removed(open_vault: OpenVault) -> None:
    service = ContactsService(open_vault.store, CONTENT)
    assert service.contacts() == []
    eap, union = service.save(OrganisationContact(**{**EAP.__dict__, "name": "  Employee Assistance Programme "})), \
        service.save(UNION)
    assert [c.name for c in service.contacts()] == ["Employee Assistance Programme", "UNISON branch"]
    assert service.contacts()[0].categories == EAP.categories
    assert eap.id is not None and union.id is not None
    eap.hours = "Weekdays 9 to 5"
    service.save(eap)
    assert service.contacts()[0].hours == "Weekdays 9 to 5"
    service.remove(eap.id)
    assert [c.name for c in service.contacts()] == ["UNISON branch"]


@pytest.mark.parametrize(("contact", "field"), [
    (OrganisationContact("  "), "name"),
    (OrganisationContact("EAP", email="not an address"), "email"),
    (OrganisationContact("EAP", categories=("no_such_category",)), "categories"),
    (OrganisationContact("EAP\u202e"), "name"),
    (OrganisationContact("EAP", phone="0800\x1b[31m"), "phone"),
    (OrganisationContact("x" * 121), "name"),
])
def test_a_contact_that_cannot_be_saved_is_refused_and_nothing_is_saved(
        open_vault: OpenVault, contact: OrganisationContact, field: str) -> None:
    service = ContactsService(open_vault.store, CONTENT)
    with pytest.raises(InvalidEntry) as refused:
        service.save(contact)
    assert refused.value.field == field
    assert refused.value.message.endswith(".") and "\n" not in refused.value.message
    assert service.contacts() == []


def test_markup_is_kept_as_typed(open_vault: OpenVault) -> None:
    service = ContactsService(open_vault.store, CONTENT)
    service.save(OrganisationContact("<b>Union</b>", "<img src='file:///x'> & more"))
    assert service.contacts()[0].name == "<b>Union</b>"
    assert service.contacts()[0].helps_with == "<img src='file:///x'> & more"


def test_each_category_finds_its_contacts_and_falls_back_to_the_national_directory(open_vault: OpenVault) -> None:
    service = ContactsService(open_vault.store, CONTENT)
    national = [s.name for s in CONTENT.support_directory.services]
    assert [s.name for s in service.support_for("bullying_harassment").national] == national  # none entered
    service.save(EAP)
    service.save(UNION)
    bullying = service.support_for("bullying_harassment")
    assert [c.name for c in bullying.contacts] == ["UNISON branch"] and bullying.national == []
    assert bullying.category.label == "Bullying and harassment" and bullying.category.cite
    assert [s.name for s in service.support_for("long_hours").national] == national  # none for this category
    service.save(HR)  # serves every category
    assert [c.name for c in service.support_for("long_hours").contacts] == ["HR advice line"]
    assert [c.name for c in service.support_for("health_affecting_work").contacts] == [
        "Employee Assistance Programme", "HR advice line"]


def test_the_rules_alone() -> None:
    known = [c.id for c in CONTENT.flags.categories]
    assert check_contact(EAP, known) == []
    assert [c.name for c in for_category([EAP, UNION, HR], "workload_caseload")] == ["UNISON branch", "HR advice line"]
    assert EAP.details == "0800 123 4567 · eap@example.org · www.example.org/eap · 24 hours a day"


def test_erasing_a_supervisee_keeps_the_organisations_contacts(tmp_path: Path) -> None:
    world: Any
    with lifecycle_world(tmp_path) as world:
        aisha = world.aisha
        service = ContactsService(aisha.store, CONTENT)
        service.save(EAP)
        report = erase_person(aisha.vault, world.zoe.id, BackupService(aisha.vault))
        assert report.count("people") == 1
        assert [c.name for c in service.contacts()] == ["Employee Assistance Programme"]


def test_a_handover_takes_no_contacts_or_checklist_reviews_and_leaves_them_here(tmp_path: Path) -> None:
    from datetime import timedelta

    from supervision_app.domain.manager_review import Answer, ManagerReview, ReviewAnswer
    from supervision_app.exchange.handover import export_handover
    from supervision_app.services.manager_review import ManagerReviewService
    from tests.exchange.test_handover import SECOND, aishas_history, scene

    with scene(tmp_path) as s:
        aishas_history(s)
        ContactsService(s.aisha.store, CONTENT).save(EAP)
        reviews = ManagerReviewService(s.aisha.store, CONTENT, lambda: SECOND)
        reviews.save(ManagerReview(SECOND.date(), [ReviewAnswer(reviews.questions()[0].key, Answer.YES, "Fine")]))
        s.clock.now = SECOND + timedelta(days=2)
        outcome = s.ben.exchange.import_pack(export_handover(s.aisha.exchange, s.zoe.id, s.ben_at_aisha.id))
        assert outcome.kind == "handover"
        assert ContactsService(s.ben.store, CONTENT).contacts() == []
        assert ManagerReviewService(s.ben.store, CONTENT).reviews() == []
        assert [c.name for c in ContactsService(s.aisha.store, CONTENT).contacts()] == [EAP.name]
        assert len(reviews.reviews()) == 1
