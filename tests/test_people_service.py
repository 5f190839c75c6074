"""People and agreements on a real encrypted vault: profile, supervisees, agreements and their checks."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from supervision_app.domain.agreement import MONTHLY_WEEKS, NEWLY_QUALIFIED_WEEKS, Agreement
from supervision_app.domain.model import NewPerson, PersonRole, SessionMode
from supervision_app.errors import UsageError
from supervision_app.services import people
from supervision_app.services.people import InvalidEntry
from supervision_app.storage.records import RecordNotFound

TODAY = date(2026, 11, 24)


@pytest.fixture
def store(open_vault):  # type: ignore[no-untyped-def]
    return open_vault.store


def supervisee(name: str = "Zoë Whitfield", **changes: object) -> NewPerson:
    person = NewPerson(name, PersonRole.SUPERVISEE, "Social Worker (ASYE)", "Duty and Assessment",
                       date(2026, 3, 2), newly_qualified=True)
    return replace(person, **changes)  # type: ignore[arg-type]


# --- profile --------------------------------------------------------------------


def test_save_profile_creates_then_updates_the_one_self_profile(store) -> None:  # type: ignore[no-untyped-def]
    created = people.save_profile(store, "  Aisha Rahman ", "Team Manager", " Duty and Assessment ")
    assert created.is_self and created.role is PersonRole.SUPERVISOR
    assert (created.name, created.job_title, created.team) == ("Aisha Rahman", "Team Manager", "Duty and Assessment")
    assert store.own_profile() == created

    updated = people.save_profile(store, "Aisha Rahman-Hughes", "Service Manager", "")
    assert updated.id == created.id
    assert store.own_profile() == updated
    assert [p for p in store.list_people() if p.is_self] == [updated]


@pytest.mark.parametrize(("name", "message"), [
    ("", "Enter your name."),
    ("   ", "Enter your name."),
    ("x" * 201, "Shorten your name to 200 characters or fewer."),
])
def test_save_profile_refuses_a_bad_name(store, name: str, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$") as caught:
        people.save_profile(store, name, "Team Manager", "")
    assert isinstance(caught.value, InvalidEntry) and caught.value.field == "name"
    assert store.list_people() == []


def test_a_name_of_exactly_200_characters_is_accepted(store) -> None:  # type: ignore[no-untyped-def]
    assert people.save_profile(store, " " + "x" * 200 + " ").name == "x" * 200


# --- supervisees ---------------------------------------------------------------------


def test_add_supervisee_trims_and_stores(store) -> None:  # type: ignore[no-untyped-def]
    added = people.add_supervisee(store, supervisee(name="  Zoë Whitfield  ", team=" Duty "), today=TODAY)
    assert added.id > 0 and added.name == "Zoë Whitfield" and added.team == "Duty"
    assert store.get_person(added.id) == added
    assert people.find_supervisee(store, "zoe") == added


def test_names_are_stored_in_composed_form(store) -> None:  # type: ignore[no-untyped-def]
    added = people.add_supervisee(store, supervisee(name="Zoe\u0308 Whitfield"), today=TODAY)
    assert added.name == "Zoë Whitfield"


def test_start_date_may_be_up_to_a_year_ahead(store) -> None:  # type: ignore[no-untyped-def]
    assert people.add_supervisee(store, supervisee(start_date=date(2027, 11, 24)), today=TODAY)
    with pytest.raises(InvalidEntry, match=r"^The start date can be no more than a year from today\.$") as caught:
        people.add_supervisee(store, supervisee(start_date=date(2027, 11, 25)), today=TODAY)
    assert caught.value.field == "start_date"
    assert len(store.list_people()) == 1


def test_start_date_is_optional_and_a_leap_day_counts_a_year_to_28_february(store) -> None:  # type: ignore[no-untyped-def]
    assert people.add_supervisee(store, supervisee(start_date=None), today=TODAY).start_date is None
    assert people.one_year_after(date(2028, 2, 29)) == date(2029, 2, 28)


def test_add_supervisee_refuses_an_empty_name_and_saves_nothing(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidEntry, match=r"^Enter the supervisee's name\.$"):
        people.add_supervisee(store, supervisee(name=" "), today=TODAY)
    assert store.list_people() == []


def test_add_supervisee_refuses_a_profile(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="Only a supervisee"):
        people.add_supervisee(store, NewPerson("Aisha Rahman", PersonRole.SUPERVISOR, is_self=True), today=TODAY)


def test_update_supervisee(store) -> None:  # type: ignore[no-untyped-def]
    added = people.add_supervisee(store, supervisee(), today=TODAY)
    changed = people.update_supervisee(
        store, replace(added, job_title=" Social Worker ", newly_qualified=False), today=TODAY)
    assert changed.job_title == "Social Worker" and not changed.newly_qualified
    assert store.get_person(added.id) == changed
    with pytest.raises(InvalidEntry, match=r"^Shorten the team to 200 characters or fewer\.$"):
        people.update_supervisee(store, replace(added, team="t" * 201), today=TODAY)
    assert store.get_person(added.id) == changed


def test_update_supervisee_refuses_the_profile_and_unknown_people(store) -> None:  # type: ignore[no-untyped-def]
    me = people.save_profile(store, "Aisha Rahman")
    with pytest.raises(ValueError, match="Only a supervisee"):
        people.update_supervisee(store, replace(me, role=PersonRole.SUPERVISEE, is_self=False), today=TODAY)
    assert store.own_profile() == me
    ghost = people.add_supervisee(store, supervisee(), today=TODAY)
    with pytest.raises(RecordNotFound):
        people.update_supervisee(store, replace(ghost, id=ghost.id + 100), today=TODAY)


def test_find_supervisee_still_works(store) -> None:  # type: ignore[no-untyped-def]
    people.save_profile(store, "Aisha Rahman")
    siobhan = people.add_supervisee(store, supervisee(name="Siobhán O'Connell"), today=TODAY)
    people.add_supervisee(store, supervisee(name="Daniel Atić-Lee"), today=TODAY)
    assert people.find_supervisee(store, "siobhan") == siobhan
    with pytest.raises(UsageError, match="No supervisee"):
        people.find_supervisee(store, "Aisha")
    with pytest.raises(UsageError, match="more than one"):
        people.find_supervisee(store, "el")


# --- agreements -----------------------------------------------------------------


def test_agreement_for_defaults_monthly_or_fortnightly_and_is_not_saved(store) -> None:  # type: ignore[no-untyped-def]
    newly_qualified = people.add_supervisee(store, supervisee(), today=TODAY)
    experienced = people.add_supervisee(store, supervisee(name="Siobhán O'Connell", newly_qualified=False),
                                        today=TODAY)
    first = people.agreement_for(store, newly_qualified, TODAY)
    second = people.agreement_for(store, experienced, TODAY)
    assert first.frequency_weeks == NEWLY_QUALIFIED_WEEKS and first.cadence_label == "fortnightly"
    assert second.frequency_weeks == MONTHLY_WEEKS and second.cadence_label == "monthly"
    assert first.length_minutes == people.DEFAULT_LENGTH_MINUTES == 90
    assert first.review_date == date(2027, 11, 24)
    assert first.confidentiality_terms
    assert store.get_agreement(newly_qualified.id) is None


def test_save_agreement_round_trips_and_is_then_returned(store) -> None:  # type: ignore[no-untyped-def]
    person = people.add_supervisee(store, supervisee(), today=TODAY)
    agreement = Agreement(
        supervisee_id=person.id, supervisor_is_line_manager=False, line_manager_name=" Priya Nair ",
        mode=SessionMode.VIDEO, place="Each in a private room", technology_notes="Teams link in the invite.",
        frequency_weeks=3, length_minutes=75, protected_time_committed=False,
        confidentiality_terms="  Between us.  ", review_date=date(2027, 6, 1))
    saved = people.save_agreement(store, agreement)
    assert saved == replace(agreement, line_manager_name="Priya Nair", confidentiality_terms="Between us.")
    assert store.get_agreement(person.id) == saved
    assert people.agreement_for(store, person, TODAY) == saved


def test_save_agreement_empties_values_that_do_not_apply(store) -> None:  # type: ignore[no-untyped-def]
    person = people.add_supervisee(store, supervisee(), today=TODAY)
    agreement = replace(people.agreement_for(store, person, TODAY), supervisor_is_line_manager=True,
                        line_manager_name="Priya Nair", mode=SessionMode.IN_PERSON, technology_notes="Teams")
    saved = people.save_agreement(store, agreement)
    assert saved.line_manager_name == "" and saved.technology_notes == ""
    assert store.get_agreement(person.id) == saved


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"supervisor_is_line_manager": False, "line_manager_name": "  "}, "line_manager_name",
     "Enter the name of the person who provides line management."),
    ({"supervisor_is_line_manager": False, "line_manager_name": "p" * 201}, "line_manager_name",
     "Shorten the name of the person who provides line management to 200 characters or fewer."),
    ({"frequency_weeks": 0}, "frequency_weeks", "Choose how often you meet: every 1 to 12 weeks."),
    ({"frequency_weeks": 13}, "frequency_weeks", "Choose how often you meet: every 1 to 12 weeks."),
    ({"length_minutes": 14}, "length_minutes", "Choose a standard length from 15 to 240 minutes."),
    ({"length_minutes": 241}, "length_minutes", "Choose a standard length from 15 to 240 minutes."),
    ({"review_date": None}, "review_date", "Choose a date to review the agreement by."),
])
def test_save_agreement_refuses_bad_values_and_saves_nothing(
        store, changes: dict[str, object], field: str, message: str) -> None:  # type: ignore[no-untyped-def]
    person = people.add_supervisee(store, supervisee(), today=TODAY)
    agreement = replace(people.agreement_for(store, person, TODAY), **changes)  # type: ignore[arg-type]
    with pytest.raises(ValueError) as caught:
        people.save_agreement(store, agreement)
    assert str(caught.value) == message
    assert isinstance(caught.value, InvalidEntry) and caught.value.field == field
    assert store.get_agreement(person.id) is None


@pytest.mark.parametrize(("weeks", "minutes"), [(1, 15), (12, 240)])
def test_the_limits_themselves_are_allowed(store, weeks: int, minutes: int) -> None:  # type: ignore[no-untyped-def]
    person = people.add_supervisee(store, supervisee(), today=TODAY)
    agreement = replace(people.agreement_for(store, person, TODAY), frequency_weeks=weeks, length_minutes=minutes)
    assert people.save_agreement(store, agreement) == agreement


def test_check_agreement_lists_every_problem_in_form_order() -> None:
    agreement = Agreement(supervisee_id=1, supervisor_is_line_manager=False, frequency_weeks=0,
                          length_minutes=5, review_date=None)
    assert [p.field for p in people.check_agreement(agreement)] == [
        "line_manager_name", "frequency_weeks", "length_minutes", "review_date"]


def test_save_agreement_needs_a_supervisee(store) -> None:  # type: ignore[no-untyped-def]
    me = people.save_profile(store, "Aisha Rahman")
    with pytest.raises(ValueError, match="Only a supervisee"):
        people.save_agreement(store, Agreement.default_for(me.id, newly_qualified=False, today=TODAY))
    with pytest.raises(RecordNotFound):
        people.save_agreement(store, Agreement.default_for(me.id + 50, newly_qualified=False, today=TODAY))
