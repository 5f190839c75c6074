"""The shipped toolkit content loads, says where it comes from, and broken copies are refused."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from supervision_app import content
from supervision_app.content import (
    FILE_NAMES,
    FLAG_CATEGORY_IDS,
    FLAG_LEVEL_IDS,
    FRAME_PART_IDS,
    HSE_STANDARD_IDS,
    VISIBILITY_IDS,
    ContentError,
    ToolkitContent,
    load_content,
)
from supervision_app.paths import resources_dir

TOOLKIT_TITLE = "Social Worker Wellbeing and Working Conditions: Good Practice Toolkit"
TOOLKIT_FILES = (
    "frame.toml",
    "wellbeing_checklist.toml",
    "personal_stressors.toml",
    "signs_of_stress.toml",
    "hse_standards.toml",
    "good_fit.toml",
)
ID = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")


@pytest.fixture(scope="module")
def shipped() -> ToolkitContent:
    return load_content(resources_dir())


@pytest.fixture
def resources_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped content, as a resources folder."""
    shutil.copytree(resources_dir() / "content", tmp_path / "content")
    return tmp_path


def edit(resources: Path, file: str, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` (which must occur) by ``new`` in a copied content file."""
    path = resources / "content" / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {file}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def refused(resources: Path) -> ContentError:
    with pytest.raises(ContentError) as caught:
        load_content(resources)
    return caught.value


# ---------------------------------------------------------------------------
# The shipped content
# ---------------------------------------------------------------------------


def test_every_file_is_shipped_and_documented() -> None:
    folder = resources_dir() / "content"
    assert sorted(path.name for path in folder.glob("*.toml")) == sorted(FILE_NAMES)
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for name in FILE_NAMES:
        assert f"`{name}`" in readme


def test_every_file_has_a_citation(shipped: ToolkitContent) -> None:
    assert sorted(shipped.sources) == sorted(FILE_NAMES)
    for name, source in shipped.sources.items():
        assert source.title, name
        assert len(source.citation) > 20, name
    for name in TOOLKIT_FILES:
        source = shipped.sources[name]
        assert source.title == TOOLKIT_TITLE
        assert source.publisher == "BASW and SWU"
        assert source.year == 2020
        assert source.citation.startswith("BASW/SWU (2020)")


def test_frame_has_who_where_when_each_with_a_remember_note(shipped: ToolkitContent) -> None:
    frame = shipped.frame
    assert tuple(part.id for part in frame.parts) == FRAME_PART_IDS
    assert [part.heading for part in frame.parts] == ["Who?", "Where?", "When?"]
    for part in frame.parts:
        assert part.remember.startswith("Remember")
        assert part.cite == "Fig. 6"
        assert part.title and part.text
        assert len(part.prompts) >= 2
        assert all(prompt.text.endswith("?") for prompt in part.prompts)
    assert frame.part("when").text.endswith("once a month.")
    assert "protected time" in frame.part("when").remember
    assert frame.part("who").remember == (
        "Remember, it is your opportunity to reflect, make sure the person helps you to do just that!"
    )
    assert any(section.id == "framework_intro" for section in frame.guidance)


def test_wellbeing_checklist_has_daily_weekly_and_monthly_items(shipped: ToolkitContent) -> None:
    checklist = shipped.wellbeing_checklist
    counts = {period.id: len(period.items) for period in checklist.periods}
    assert counts == {"daily": 7, "weekly": 2, "monthly": 3}
    assert checklist.period("daily").items[0].text == "Have you taken a lunch break?"
    assert checklist.afterword is not None


def test_personal_stressors_keep_fig_3s_four_columns(shipped: ToolkitContent) -> None:
    stressors = shipped.personal_stressors
    assert [column.heading for column in stressors.columns] == [
        "Family & relationships",
        "Other personal and social stressors",
        "Personal health",
        "Daily hassles/ micro-aggressions",
    ]
    assert [len(column.items) for column in stressors.columns] == [12, 12, 5, 4]
    assert all(column.other_prompt == "What else?" for column in stressors.columns)
    assert stressors.intro.cite == "Fig. 3"
    assert len(stressors.steps) == 4
    assert "not a formal or validated" in stressors.caveat


def test_signs_of_stress_keep_fig_5s_four_groups(shipped: ToolkitContent) -> None:
    groups = shipped.signs_of_stress.groups
    assert len(groups) == 4
    assert [len(group.items) for group in groups] == [4, 4, 3, 6]
    assert all(group.cite == "Fig. 5" for group in groups)
    # The fourth column repeats the first heading in the toolkit's text; the app shows a label.
    assert groups[3].heading == groups[0].heading
    assert groups[3].display_heading != groups[0].display_heading
    assert groups[0].display_heading == groups[0].heading


def test_seven_hse_standards_and_a_five_point_scale(shipped: ToolkitContent) -> None:
    hse = shipped.hse_standards
    assert tuple(standard.id for standard in hse.standards) == HSE_STANDARD_IDS
    assert len(hse.standards) == 7
    for standard in hse.standards:
        assert standard.name and standard.description
        assert standard.checkin_question.endswith("?")
        assert standard.manager_questions
    assert [point.value for point in hse.rating_scale.points] == [1, 2, 3, 4, 5]
    assert len({point.label for point in hse.rating_scale.points}) == 5
    assert hse.rating_scale.point(3).label == "Mixed"
    with pytest.raises(KeyError):
        hse.rating_scale.point(6)


def test_good_fit_offers_the_toolkits_four_answers(shipped: ToolkitContent) -> None:
    good_fit = shipped.good_fit
    assert len(good_fit.answers) == 4
    assert good_fit.question.startswith("Is this place right for me?")
    assert good_fit.answer("not_right_change_unlikely").text.startswith("This place isn't right for me")


def test_checkin_prompts_each_name_a_known_source(shipped: ToolkitContent) -> None:
    prompts = shipped.checkin_prompts
    assert prompts.prompt("what_helps_you_feel_well").text == "What helps you to feel well at work?"
    reference_ids = {reference.id for reference in prompts.references}
    for prompt in (*prompts.prompts, *prompts.principles):
        assert prompt.source in reference_ids
    principle_ids = {principle.id for principle in prompts.principles}
    assert {"ask_what_helps", "menu_not_one_answer", "no_surprises", "record_what_is_agreed"} <= principle_ids


def test_flags_have_the_fourteen_required_categories_three_levels_and_three_visibilities(
    shipped: ToolkitContent,
) -> None:
    flags = shipped.flags
    ids = tuple(category.id for category in flags.categories)
    assert tuple(i for i in ids if i in FLAG_CATEGORY_IDS) == FLAG_CATEGORY_IDS
    assert set(ids) - set(FLAG_CATEGORY_IDS) == {"bullying_harassment"}
    assert tuple(level.id for level in flags.levels) == FLAG_LEVEL_IDS
    assert tuple(visibility.id for visibility in flags.visibilities) == VISIBILITY_IDS
    assert flags.category("abuse_from_public").label == "Abuse from the public"
    assert flags.category("secondary_trauma_critical_incident").label == (
        "Secondary trauma or a critical incident"
    )
    assert flags.level("support_agreed").label == "Support agreed"
    assert flags.visibility("on_record").label == "On the record"
    assert "never" in flags.visibility("private").description
    for option in (*flags.categories, *flags.levels, *flags.visibilities):
        assert option.label and option.description.endswith(".")
    for option in (*flags.levels, *flags.visibilities):
        assert option.description.count(". ") == 0  # one sentence each


def test_bullying_and_harassment_is_a_category_citing_the_toolkit(shipped: ToolkitContent) -> None:
    category = shipped.flags.category("bullying_harassment")
    assert category.label == "Bullying and harassment"
    assert "bullying and harassment" in category.cite and "section 4, Bullying and discrimination" in category.cite
    assert "app's wording" in category.note  # the label and description are ours, not quoted


def test_self_care_has_the_toolkits_four_actions_each_cited(shipped: ToolkitContent) -> None:
    care = shipped.self_care
    assert [a.id for a in care.actions] == ["take_breaks", "get_outside", "time_for_colleagues", "pause_and_reflect"]
    assert care.intro.text.startswith("Remarkably, small self-care actions can make a big difference.")
    for action in care.actions:
        assert action.items and action.cite == "Section 4, Self-care at work" and action.note


def test_support_directory_has_the_default_signposts_awaiting_contacts(shipped: ToolkitContent) -> None:
    services = shipped.support_directory.services
    assert [service.id for service in services] == [
        "employee_assistance_programme",
        "occupational_health",
        "trade_union_or_professional_body",
        "gp",
    ]
    for service in services:
        assert service.name and service.description
        assert service.contact == ""
    assert not shipped.support_directory.service("gp").has_contact_details


def test_every_id_is_snake_case_and_unique_where_it_matters(shipped: ToolkitContent) -> None:
    groups = [
        [part.id for part in shipped.frame.parts],
        [prompt.id for part in shipped.frame.parts for prompt in part.prompts],
        [item.id for item in shipped.wellbeing_checklist.items],
        [item.id for item in shipped.personal_stressors.items],
        [item.id for group in shipped.signs_of_stress.groups for item in group.items],
        [prompt.id for prompt in shipped.checkin_prompts.prompts],
        [category.id for category in shipped.flags.categories],
        [service.id for service in shipped.support_directory.services],
    ]
    for ids in groups:
        assert len(ids) == len(set(ids))
        assert all(ID.fullmatch(item_id) for item_id in ids)


def test_texts_are_trimmed_and_paragraphs_split(shipped: ToolkitContent) -> None:
    intro = shipped.wellbeing_checklist.intro
    assert intro.text == intro.text.strip()
    assert len(intro.paragraphs) == 2
    assert all("\n" not in paragraph for paragraph in intro.paragraphs)


def test_importing_the_module_loads_nothing_else() -> None:
    code = (
        "import sys, supervision_app.content\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlalchemy', 'sqlite3')]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(content.__file__).parents[1])


def test_values_are_frozen(shipped: ToolkitContent) -> None:
    with pytest.raises(AttributeError):
        shipped.frame.parts[0].remember = "changed"  # type: ignore[misc]


# ---------------------------------------------------------------------------
# Broken copies are refused, naming the file and the key
# ---------------------------------------------------------------------------


def test_an_unchanged_copy_loads(resources_copy: Path, shipped: ToolkitContent) -> None:
    assert load_content(resources_copy) == shipped


def test_a_missing_remember_note_is_refused(resources_copy: Path) -> None:
    edit(resources_copy, "frame.toml", 'remember = "Remember, it is your opportunity to reflect. Make', "# ")
    error = refused(resources_copy)
    assert error.file == "frame.toml"
    assert error.key == "parts[where].remember"
    assert str(error).startswith("frame.toml: parts[where].remember:")
    assert "missing" in str(error)


@pytest.mark.parametrize("file", FILE_NAMES)
def test_a_missing_citation_is_refused_in_every_file(resources_copy: Path, file: str) -> None:
    edit(resources_copy, file, "citation = ", "# citation = ")
    error = refused(resources_copy)
    assert error.file == file
    assert error.key == "source.citation"
    assert file in str(error)


def test_a_duplicate_checklist_id_is_refused(resources_copy: Path) -> None:
    edit(resources_copy, "wellbeing_checklist.toml", 'id = "eaten_healthily"', 'id = "lunch_break"')
    error = refused(resources_copy)
    assert error.file == "wellbeing_checklist.toml"
    assert "duplicate id 'lunch_break'" in str(error)
    assert "periods[daily].items" in str(error)


def test_a_duplicate_id_in_the_same_list_is_refused(resources_copy: Path) -> None:
    edit(resources_copy, "flag_categories.toml", 'id = "long_hours"', 'id = "workload_caseload"')
    error = refused(resources_copy)
    assert error.file == "flag_categories.toml"
    assert error.key == "categories"
    assert "duplicate id 'workload_caseload' (entries 1 and 2" in str(error)


def test_a_duplicate_frame_prompt_id_across_parts_is_refused(resources_copy: Path) -> None:
    edit(resources_copy, "frame.toml", 'id = "when_protected"', 'id = "who_someone_else"')
    error = refused(resources_copy)
    assert error.file == "frame.toml"
    assert "duplicate id 'who_someone_else'" in str(error)


def test_a_missing_required_flag_category_is_refused(resources_copy: Path) -> None:
    edit(resources_copy, "flag_categories.toml", 'id = "moral_distress"', 'id = "ethics"')
    error = refused(resources_copy)
    assert error.file == "flag_categories.toml"
    assert error.key == "categories"
    assert "'moral_distress'" in str(error)


def test_an_added_flag_category_is_accepted(resources_copy: Path) -> None:
    path = resources_copy / "content" / "flag_categories.toml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + '\n[[categories]]\nid = "housing"\nlabel = "Housing"\ndescription = "Housing worries."\n',
        encoding="utf-8",
    )
    assert load_content(resources_copy).flags.category("housing").label == "Housing"


def test_an_unknown_visibility_is_refused(resources_copy: Path) -> None:
    edit(resources_copy, "flag_categories.toml", 'id = "discussed"', 'id = "shared"')
    error = refused(resources_copy)
    assert error.key == "visibilities"
    assert "'discussed'" in str(error)


def test_a_missing_hse_standard_is_refused(resources_copy: Path) -> None:
    edit(resources_copy, "hse_standards.toml", 'id = "peer_support"', 'id = "colleague_support"')
    error = refused(resources_copy)
    assert error.file == "hse_standards.toml"
    assert error.key == "standards"


def test_a_rating_scale_out_of_order_is_refused(resources_copy: Path) -> None:
    edit(resources_copy, "hse_standards.toml", "value = 5", "value = 6")
    error = refused(resources_copy)
    assert error.key == "rating_scale.points"


def test_a_misspelt_key_is_refused(resources_copy: Path) -> None:
    edit(resources_copy, "signs_of_stress.toml", 'label = "Signs you may', 'lable = "Signs you may')
    error = refused(resources_copy)
    assert error.file == "signs_of_stress.toml"
    assert error.key == "groups[team_and_organisation].lable"
    assert "not part of the schema" in str(error)


def test_a_malformed_id_is_refused(resources_copy: Path) -> None:
    edit(resources_copy, "good_fit.toml", 'id = "right_for_me"', 'id = "Right for me"')
    error = refused(resources_copy)
    assert error.file == "good_fit.toml"
    assert error.key.endswith(".id")
    assert "not a valid id" in str(error)


def test_a_wrongly_typed_value_is_refused(resources_copy: Path) -> None:
    edit(resources_copy, "personal_stressors.toml", 'text = "Marriage"', "text = 3")
    error = refused(resources_copy)
    assert error.key == "columns[family_and_relationships].items[marriage].text"
    assert "should be text" in str(error)


def test_a_prompt_with_an_unknown_source_is_refused(resources_copy: Path) -> None:
    edit(resources_copy, "checkin_prompts.toml", 'source = "cfmh_penny_east_2024"', 'source = "nowhere"')
    error = refused(resources_copy)
    assert error.file == "checkin_prompts.toml"
    assert error.key == "prompts[tools_you_need].source"


def test_a_missing_contact_field_is_refused(resources_copy: Path) -> None:
    edit(resources_copy, "support_directory.toml", 'contact = ""', "")
    error = refused(resources_copy)
    assert error.key == "services[employee_assistance_programme].contact"


def test_a_newer_schema_version_is_refused(resources_copy: Path) -> None:
    edit(resources_copy, "good_fit.toml", "schema_version = 1", "schema_version = 2")
    error = refused(resources_copy)
    assert error.file == "good_fit.toml"
    assert error.key == "schema_version"


def test_a_missing_file_is_refused(resources_copy: Path) -> None:
    (resources_copy / "content" / "support_directory.toml").unlink()
    error = refused(resources_copy)
    assert error.file == "support_directory.toml"
    assert "missing" in str(error)


def test_a_file_that_is_not_toml_is_refused(resources_copy: Path) -> None:
    edit(resources_copy, "signs_of_stress.toml", "[intro]", "[intro")
    error = refused(resources_copy)
    assert error.file == "signs_of_stress.toml"
    assert "not valid TOML" in str(error)


def test_content_error_is_a_value_error() -> None:
    assert issubclass(ContentError, ValueError)
