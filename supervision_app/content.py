"""The toolkit's content: TOML files an organisation can edit, loaded as frozen values.

The files live in ``resources/content/`` (see its ``README.md`` for the schema).
Callers find the resources folder with :func:`supervision_app.paths.resources_dir`
and pass it in; this module reads nothing at import time and knows nothing of
Qt or SQL.

Every loader validates what it reads. A missing file, a missing or mistyped
key, an unexpected key, a duplicate or malformed ``id``, or a missing required
``id`` raises :class:`ContentError`, whose message names the file and the key.

Ids are what the app stores in its database, so they never depend on wording:
an organisation may reword anything but must keep the ids.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

__all__ = [
    "CONTENT_DIR_NAME",
    "FILE_NAMES",
    "FLAG_CATEGORY_IDS",
    "FLAG_LEVEL_IDS",
    "FRAME_PART_IDS",
    "HSE_STANDARD_IDS",
    "RATING_VALUES",
    "SCHEMA_VERSION",
    "VISIBILITY_IDS",
    "AgreementReviewContent",
    "CheckinPrompt",
    "CheckinPrompts",
    "ChecklistPeriod",
    "ContentError",
    "FlagCatalogue",
    "Frame",
    "FramePart",
    "GoodFit",
    "GuidanceSection",
    "HseStandard",
    "HseStandards",
    "Item",
    "Option",
    "Passage",
    "PersonalStressors",
    "RatingPoint",
    "RatingScale",
    "Reference",
    "SelfCare",
    "SignGroup",
    "SignsOfStress",
    "Source",
    "StressorColumn",
    "SupportDirectory",
    "SupportService",
    "ToolkitContent",
    "WellbeingChecklist",
    "by_id",
    "content_dir",
    "load_agreement_review",
    "load_checkin_prompts",
    "load_content",
    "load_flag_catalogue",
    "load_frame",
    "load_good_fit",
    "load_hse_standards",
    "load_personal_stressors",
    "load_self_care",
    "load_signs_of_stress",
    "load_support_directory",
    "load_wellbeing_checklist",
    "paragraphs",
]

CONTENT_DIR_NAME = "content"
SCHEMA_VERSION = 1

FRAME_FILE = "frame.toml"
WELLBEING_CHECKLIST_FILE = "wellbeing_checklist.toml"
PERSONAL_STRESSORS_FILE = "personal_stressors.toml"
SIGNS_OF_STRESS_FILE = "signs_of_stress.toml"
HSE_STANDARDS_FILE = "hse_standards.toml"
GOOD_FIT_FILE = "good_fit.toml"
CHECKIN_PROMPTS_FILE = "checkin_prompts.toml"
FLAG_CATEGORIES_FILE = "flag_categories.toml"
SUPPORT_DIRECTORY_FILE = "support_directory.toml"
SELF_CARE_FILE = "self_care.toml"
AGREEMENT_REVIEW_FILE = "agreement_review.toml"

FILE_NAMES: tuple[str, ...] = (
    FRAME_FILE,
    WELLBEING_CHECKLIST_FILE,
    PERSONAL_STRESSORS_FILE,
    SIGNS_OF_STRESS_FILE,
    HSE_STANDARDS_FILE,
    GOOD_FIT_FILE,
    CHECKIN_PROMPTS_FILE,
    FLAG_CATEGORIES_FILE,
    SUPPORT_DIRECTORY_FILE,
    SELF_CARE_FILE,
    AGREEMENT_REVIEW_FILE,
)

# Ids the app's own logic depends on. The files must hold all of them.
FRAME_PART_IDS: tuple[str, ...] = ("who", "where", "when")
HSE_STANDARD_IDS: tuple[str, ...] = (
    "demands",
    "control",
    "managerial_support",
    "peer_support",
    "relationships",
    "role",
    "change",
)
RATING_VALUES: tuple[int, ...] = (1, 2, 3, 4, 5)
FLAG_CATEGORY_IDS: tuple[str, ...] = (
    "workload_caseload",
    "long_hours",
    "isolation_working_alone",
    "moral_distress",
    "discrimination_racism",
    "violence_aggression",
    "abuse_from_public",
    "secondary_trauma_critical_incident",
    "health_affecting_work",
    "equipment_it",
    "access_to_supervision",
    "thinking_of_leaving",
    "personal_stressor",
    "other",
)
FLAG_LEVEL_IDS: tuple[str, ...] = ("noted", "support_agreed", "urgent")
VISIBILITY_IDS: tuple[str, ...] = ("private", "discussed", "on_record")

_ID_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")


class ContentError(ValueError):
    """A content file is missing, unreadable or does not follow its schema.

    ``file`` is the file's name (``frame.toml``), ``key`` the dotted path of the
    offending key inside it (``parts[where].remember``; an entry of a
    list is named by its id, or by its position counting from 0 if it has none), empty when the
    problem is the whole file.
    """

    def __init__(self, file: str, key: str, problem: str) -> None:
        self.file = file
        self.key = key
        self.problem = problem
        where = f"{file}: {key}" if key else file
        super().__init__(f"{where}: {problem}")


# ---------------------------------------------------------------------------
# Values shared by several files
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Source:
    """A file's ``[source]`` header: where its content comes from."""

    title: str
    citation: str
    publisher: str = ""
    year: int | None = None
    url: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Passage:
    """A piece of guidance text; ``text`` may hold paragraphs split by blank lines."""

    text: str
    heading: str = ""
    cite: str = ""
    note: str = ""

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return paragraphs(self.text)


@dataclass(frozen=True, slots=True)
class Item:
    """One line of a list (a checklist item, a stressor, a sign, a prompt, an answer)."""

    id: str
    text: str
    cite: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Option:
    """A choice the user picks by label: a flag category, level or visibility."""

    id: str
    label: str
    description: str
    cite: str = ""
    note: str = ""


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_T = TypeVar("_T", bound=_HasId)


def by_id(items: Iterable[_T], item_id: str) -> _T:
    """The item with this id; ``KeyError`` if there is none."""
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(item_id)


def paragraphs(text: str) -> tuple[str, ...]:
    """A text's paragraphs (separated by blank lines), empty ones left out."""
    return tuple(part for part in text.split("\n\n") if part)


# ---------------------------------------------------------------------------
# frame.toml
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GuidanceSection:
    id: str
    heading: str
    text: str
    items: tuple[str, ...] = ()
    cite: str = ""
    note: str = ""

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return paragraphs(self.text)


@dataclass(frozen=True, slots=True)
class FramePart:
    """Who?, Where? or When? (Fig. 6)."""

    id: str
    heading: str
    title: str
    text: str
    remember: str
    prompts: tuple[Item, ...]
    cite: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Frame:
    source: Source
    guidance: tuple[GuidanceSection, ...]
    parts: tuple[FramePart, ...]

    def part(self, part_id: str) -> FramePart:
        return by_id(self.parts, part_id)


# ---------------------------------------------------------------------------
# wellbeing_checklist.toml
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChecklistPeriod:
    id: str
    label: str
    heading: str
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class WellbeingChecklist:
    source: Source
    intro: Passage
    periods: tuple[ChecklistPeriod, ...]
    afterword: Passage | None = None

    def period(self, period_id: str) -> ChecklistPeriod:
        return by_id(self.periods, period_id)

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for period in self.periods for item in period.items)


# ---------------------------------------------------------------------------
# personal_stressors.toml
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StressorColumn:
    id: str
    heading: str
    items: tuple[Item, ...]
    other_prompt: str = ""


@dataclass(frozen=True, slots=True)
class PersonalStressors:
    source: Source
    intro: Passage
    steps: tuple[str, ...]
    columns: tuple[StressorColumn, ...]
    caveat: str = ""
    closing: Passage | None = None

    def column(self, column_id: str) -> StressorColumn:
        return by_id(self.columns, column_id)

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for column in self.columns for item in column.items)


# ---------------------------------------------------------------------------
# signs_of_stress.toml
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SignGroup:
    id: str
    heading: str
    items: tuple[Item, ...]
    label: str = ""
    cite: str = ""
    note: str = ""

    @property
    def display_heading(self) -> str:
        """``label`` where the file gives one, else the toolkit's ``heading``."""
        return self.label or self.heading


@dataclass(frozen=True, slots=True)
class SignsOfStress:
    source: Source
    intro: Passage
    groups: tuple[SignGroup, ...]
    afterword: Passage | None = None

    def group(self, group_id: str) -> SignGroup:
        return by_id(self.groups, group_id)


# ---------------------------------------------------------------------------
# self_care.toml
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SelfCare:
    """The toolkit's simple self-care actions at work: each a heading with its points (Fig. 5's shape)."""

    source: Source
    intro: Passage
    actions: tuple[SignGroup, ...]


# ---------------------------------------------------------------------------
# hse_standards.toml
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HseStandard:
    id: str
    name: str
    description: str
    checkin_question: str
    manager_questions: tuple[str, ...] = ()
    toolkit_text: str = ""
    cite: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class RatingPoint:
    value: int
    id: str
    label: str


@dataclass(frozen=True, slots=True)
class RatingScale:
    question: str
    points: tuple[RatingPoint, ...]
    not_answered_label: str = ""
    note: str = ""

    def point(self, value: int) -> RatingPoint:
        for point in self.points:
            if point.value == value:
                return point
        raise KeyError(value)


@dataclass(frozen=True, slots=True)
class HseStandards:
    source: Source
    intro: Passage
    standards: tuple[HseStandard, ...]
    rating_scale: RatingScale
    stress_definition: str = ""

    def standard(self, standard_id: str) -> HseStandard:
        return by_id(self.standards, standard_id)


# ---------------------------------------------------------------------------
# good_fit.toml
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoodFit:
    source: Source
    intro: Passage
    question: str
    answers: tuple[Item, ...]
    prompt: str = ""
    answers_intro: str = ""
    closing: Passage | None = None

    def answer(self, answer_id: str) -> Item:
        return by_id(self.answers, answer_id)


# ---------------------------------------------------------------------------
# checkin_prompts.toml
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reference:
    """A published source that prompts and principles point to by id."""

    id: str
    title: str
    publisher: str = ""
    year: int | None = None
    detail: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class CheckinPrompt:
    """An opening prompt or a principle; ``source`` is a :class:`Reference` id."""

    id: str
    text: str
    source: str
    quote: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class CheckinPrompts:
    source: Source
    references: tuple[Reference, ...]
    prompts: tuple[CheckinPrompt, ...]
    principles: tuple[CheckinPrompt, ...] = ()

    def reference(self, reference_id: str) -> Reference:
        return by_id(self.references, reference_id)

    def prompt(self, prompt_id: str) -> CheckinPrompt:
        return by_id(self.prompts, prompt_id)


# ---------------------------------------------------------------------------
# flag_categories.toml
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FlagCatalogue:
    source: Source
    categories: tuple[Option, ...]
    levels: tuple[Option, ...]
    visibilities: tuple[Option, ...]

    def category(self, category_id: str) -> Option:
        return by_id(self.categories, category_id)

    def level(self, level_id: str) -> Option:
        return by_id(self.levels, level_id)

    def visibility(self, visibility_id: str) -> Option:
        return by_id(self.visibilities, visibility_id)


# ---------------------------------------------------------------------------
# support_directory.toml
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SupportService:
    """A signpost. Contact fields are ``""`` until the organisation fills them in."""

    id: str
    name: str
    description: str
    contact: str = ""
    website: str = ""
    phone: str = ""
    email: str = ""
    how_to_access: str = ""
    cite: str = ""
    note: str = ""

    @property
    def has_contact_details(self) -> bool:
        return any((self.contact, self.website, self.phone, self.email, self.how_to_access))


@dataclass(frozen=True, slots=True)
class SupportDirectory:
    source: Source
    services: tuple[SupportService, ...]
    intro: Passage | None = None

    def service(self, service_id: str) -> SupportService:
        return by_id(self.services, service_id)


# ---------------------------------------------------------------------------
# Everything together
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReviewQuestion:
    """A question of the agreement's review: ``quality`` quoted from the toolkit, ``question`` the app's."""

    id: str
    quality: str
    question: str


@dataclass(frozen=True, slots=True)
class AgreementReviewContent:
    """Reviewing the agreement against section 5 ("Is our supervision working?"); ratings lowest first."""

    source: Source
    intro: Passage
    closing: Passage
    ratings: tuple[Item, ...]
    questions: tuple[ReviewQuestion, ...]

    @property
    def question_ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.questions)

    @property
    def rating_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.ratings)

    def rating_text(self, rating: str) -> str:
        return next((r.text for r in self.ratings if r.id == rating), rating)

    def question(self, question_id: str) -> ReviewQuestion:
        return by_id(self.questions, question_id)


@dataclass(frozen=True, slots=True)
class ToolkitContent:
    frame: Frame
    wellbeing_checklist: WellbeingChecklist
    personal_stressors: PersonalStressors
    signs_of_stress: SignsOfStress
    hse_standards: HseStandards
    good_fit: GoodFit
    checkin_prompts: CheckinPrompts
    flags: FlagCatalogue
    support_directory: SupportDirectory
    self_care: SelfCare
    agreement_review: AgreementReviewContent

    @property
    def sources(self) -> dict[str, Source]:
        """Each file's ``[source]`` header, by file name."""
        return {
            FRAME_FILE: self.frame.source,
            WELLBEING_CHECKLIST_FILE: self.wellbeing_checklist.source,
            PERSONAL_STRESSORS_FILE: self.personal_stressors.source,
            SIGNS_OF_STRESS_FILE: self.signs_of_stress.source,
            HSE_STANDARDS_FILE: self.hse_standards.source,
            GOOD_FIT_FILE: self.good_fit.source,
            CHECKIN_PROMPTS_FILE: self.checkin_prompts.source,
            FLAG_CATEGORIES_FILE: self.flags.source,
            SUPPORT_DIRECTORY_FILE: self.support_directory.source,
            SELF_CARE_FILE: self.self_care.source,
            AGREEMENT_REVIEW_FILE: self.agreement_review.source,
        }


# ---------------------------------------------------------------------------
# Reading and checking TOML
# ---------------------------------------------------------------------------


def _clean_text(value: str) -> str:
    """Trim a text and unwrap its lines, keeping blank lines between paragraphs."""
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    result: list[str] = []
    current: list[str] = []
    for line in lines:
        stripped = line.strip()
        if stripped:
            current.append(stripped)
        elif current:
            result.append(" ".join(current))
            current = []
    if current:
        result.append(" ".join(current))
    return "\n\n".join(result)


class _Table:
    """One TOML table, read key by key, so that errors can name the key."""

    def __init__(self, file: str, path: str, data: Mapping[str, Any]) -> None:
        self.file = file
        self.path = path
        self._data = data
        self._read: set[str] = set()

    def key(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def error(self, name: str, problem: str) -> ContentError:
        return ContentError(self.file, self.key(name) if name else self.path, problem)

    def _get(self, name: str, required: bool) -> Any:
        self._read.add(name)
        if name not in self._data:
            if required:
                raise self.error(name, "this required key is missing")
            return None
        return self._data[name]

    def text(self, name: str) -> str:
        """A required string that must not be blank."""
        value = self._get(name, required=True)
        if not isinstance(value, str):
            raise self.error(name, f"should be text in quotes, not {_kind(value)}")
        cleaned = _clean_text(value)
        if not cleaned:
            raise self.error(name, "should not be empty")
        return cleaned

    def optional_text(self, name: str) -> str:
        """A string that may be absent or empty (``""`` then)."""
        value = self._get(name, required=False)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise self.error(name, f"should be text in quotes, not {_kind(value)}")
        return _clean_text(value)

    def placeholder_text(self, name: str) -> str:
        """A string that must be present but may be ``""`` (to be filled in later)."""
        self._get(name, required=True)
        return self.optional_text(name)

    def integer(self, name: str) -> int:
        value = self._get(name, required=True)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(name, f"should be a whole number, not {_kind(value)}")
        return value

    def optional_integer(self, name: str) -> int | None:
        if self._get(name, required=False) is None:
            return None
        return self.integer(name)

    def texts(self, name: str, *, required: bool) -> tuple[str, ...]:
        value = self._get(name, required=required)
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.error(name, f"should be a list of texts in [ ], not {_kind(value)}")
        result: list[str] = []
        for index, entry in enumerate(value):
            if not isinstance(entry, str) or not _clean_text(entry):
                raise self.error(f"{name}[{index}]", "should be text in quotes, and not empty")
            result.append(_clean_text(entry))
        if required and not result:
            raise self.error(name, "should not be empty")
        return tuple(result)

    def table(self, name: str) -> _Table:
        value = self._get(name, required=True)
        if not isinstance(value, dict):
            raise self.error(name, f"should be a table ([{self.key(name)}]), not {_kind(value)}")
        return _Table(self.file, self.key(name), value)

    def optional_table(self, name: str) -> _Table | None:
        if self._get(name, required=False) is None:
            return None
        return self.table(name)

    def tables(self, name: str, *, required: bool) -> list[_Table]:
        """An array of tables (``[[name]]``); each element's path shows its id if it has one."""
        value = self._get(name, required=required)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
            raise self.error(name, f"should be a list of tables ([[{self.key(name)}]])")
        if required and not value:
            raise self.error(name, "should hold at least one entry")
        result: list[_Table] = []
        for index, entry in enumerate(value):
            entry_id = entry.get("id")
            label = entry_id if isinstance(entry_id, str) and entry_id else str(index)
            result.append(_Table(self.file, f"{self.key(name)}[{label}]", entry))
        return result

    def ident(self) -> str:
        """The table's ``id``: required, snake_case."""
        value = self.text("id")
        if not _ID_PATTERN.fullmatch(value):
            raise self.error(
                "id",
                f"{value!r} is not a valid id: use lower-case letters, digits and single "
                "underscores, starting with a letter (like 'long_hours')",
            )
        return value

    def finish(self) -> None:
        """Reject keys the schema does not know (usually a misspelt key)."""
        unknown = sorted(set(self._data) - self._read)
        if unknown:
            raise self.error(unknown[0], "this key is not part of the schema (is it misspelt?)")


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _check_unique(file: str, entries: Iterable[tuple[str, str]]) -> None:
    """Raise if an id repeats. ``entries`` are (list key, id) pairs in file order."""
    seen: dict[str, tuple[str, int]] = {}
    positions: dict[str, int] = {}
    for list_key, item_id in entries:
        positions[list_key] = positions.get(list_key, 0) + 1
        position = positions[list_key]
        if item_id in seen:
            first_key, first_position = seen[item_id]
            where = (
                f"entries {first_position} and {position}, counting from 1"
                if first_key == list_key
                else f"already used in {first_key}"
            )
            raise ContentError(file, list_key, f"duplicate id {item_id!r} ({where})")
        seen[item_id] = (list_key, position)


def _check_required_ids(
    owner: _Table, name: str, found: Iterable[str], required: Iterable[str], *, exact: bool
) -> None:
    found_set = set(found)
    missing = [item_id for item_id in required if item_id not in found_set]
    if missing:
        raise owner.error(name, f"the required id(s) {', '.join(map(repr, missing))} are missing")
    if exact:
        extra = sorted(found_set - set(required))
        if extra:
            raise owner.error(
                name,
                f"unexpected id(s) {', '.join(map(repr, extra))}: the app only knows "
                f"{', '.join(map(repr, required))}",
            )


def _read_file(content: Path, file: str) -> _Table:
    path = content / file
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ContentError(file, "", f"the file is missing (looked for {path})") from None
    except tomllib.TOMLDecodeError as error:
        raise ContentError(file, "", f"the file is not valid TOML: {error}") from None
    except UnicodeDecodeError:
        raise ContentError(file, "", "the file is not saved as UTF-8 text") from None
    except OSError as error:
        raise ContentError(file, "", f"the file cannot be read: {error.strerror or error}") from None
    root = _Table(file, "", data)
    version = root.integer("schema_version")
    if version != SCHEMA_VERSION:
        raise root.error(
            "schema_version", f"is {version}, but this version of the app reads {SCHEMA_VERSION}"
        )
    return root


def _source(root: _Table) -> Source:
    table = root.table("source")
    source = Source(
        title=table.text("title"),
        citation=table.text("citation"),
        publisher=table.optional_text("publisher"),
        year=table.optional_integer("year"),
        url=table.optional_text("url"),
        note=table.optional_text("note"),
    )
    table.finish()
    return source


def _passage(table: _Table, *, finish: bool = True) -> Passage:
    passage = Passage(
        text=table.text("text"),
        heading=table.optional_text("heading"),
        cite=table.optional_text("cite"),
        note=table.optional_text("note"),
    )
    if finish:
        table.finish()
    return passage


def _optional_passage(root: _Table, name: str) -> Passage | None:
    table = root.optional_table(name)
    return None if table is None else _passage(table)


def _item(table: _Table) -> Item:
    item = Item(
        id=table.ident(),
        text=table.text("text"),
        cite=table.optional_text("cite"),
        note=table.optional_text("note"),
    )
    table.finish()
    return item


_V = TypeVar("_V", bound=_HasId)


def _list(
    owner: _Table, name: str, parse: Callable[[_Table], _V], *, required: bool = True
) -> tuple[_V, ...]:
    """Parse an array of tables and check that its ids are unique within it."""
    values = tuple(parse(table) for table in owner.tables(name, required=required))
    _check_unique(owner.file, ((owner.key(name), value.id) for value in values))
    return values


def _check_nested_unique(owner: _Table, name: str, groups: Iterable[Any]) -> None:
    """Check that item ids are unique across every group's ``items`` in a file."""
    _check_unique(
        owner.file,
        ((f"{owner.key(name)}[{group.id}].items", item.id) for group in groups for item in group.items),
    )


def content_dir(resources: Path) -> Path:
    """The content folder inside the resources folder."""
    return resources / CONTENT_DIR_NAME


# ---------------------------------------------------------------------------
# Loaders, one a file
# ---------------------------------------------------------------------------


def load_frame(resources: Path) -> Frame:
    root = _read_file(content_dir(resources), FRAME_FILE)
    source = _source(root)

    def guidance(table: _Table) -> GuidanceSection:
        section = GuidanceSection(
            id=table.ident(),
            heading=table.text("heading"),
            text=table.text("text"),
            items=table.texts("items", required=False),
            cite=table.optional_text("cite"),
            note=table.optional_text("note"),
        )
        table.finish()
        return section

    def part(table: _Table) -> FramePart:
        value = FramePart(
            id=table.ident(),
            heading=table.text("heading"),
            title=table.text("title"),
            text=table.text("text"),
            remember=table.text("remember"),
            prompts=_list(table, "prompts", _item),
            cite=table.optional_text("cite"),
            note=table.optional_text("note"),
        )
        table.finish()
        return value

    sections = _list(root, "guidance", guidance, required=False)
    parts = _list(root, "parts", part)
    _check_required_ids(root, "parts", (p.id for p in parts), FRAME_PART_IDS, exact=True)
    _check_unique(
        root.file,
        ((f"{root.key('parts')}[{p.id}].prompts", prompt.id) for p in parts for prompt in p.prompts),
    )
    root.finish()
    return Frame(source=source, guidance=sections, parts=parts)


def load_wellbeing_checklist(resources: Path) -> WellbeingChecklist:
    root = _read_file(content_dir(resources), WELLBEING_CHECKLIST_FILE)
    source = _source(root)
    intro = _passage(root.table("intro"))
    afterword = _optional_passage(root, "afterword")

    def period(table: _Table) -> ChecklistPeriod:
        value = ChecklistPeriod(
            id=table.ident(),
            label=table.text("label"),
            heading=table.text("heading"),
            items=_list(table, "items", _item),
        )
        table.finish()
        return value

    periods = _list(root, "periods", period)
    _check_nested_unique(root, "periods", periods)
    root.finish()
    return WellbeingChecklist(source=source, intro=intro, periods=periods, afterword=afterword)


def load_personal_stressors(resources: Path) -> PersonalStressors:
    root = _read_file(content_dir(resources), PERSONAL_STRESSORS_FILE)
    source = _source(root)
    intro_table = root.table("intro")
    intro = _passage(intro_table, finish=False)
    steps = intro_table.texts("steps", required=True)
    caveat = intro_table.optional_text("caveat")
    intro_table.finish()
    closing = _optional_passage(root, "closing")

    def column(table: _Table) -> StressorColumn:
        value = StressorColumn(
            id=table.ident(),
            heading=table.text("heading"),
            items=_list(table, "items", _item),
            other_prompt=table.optional_text("other_prompt"),
        )
        table.finish()
        return value

    columns = _list(root, "columns", column)
    _check_nested_unique(root, "columns", columns)
    root.finish()
    return PersonalStressors(
        source=source, intro=intro, steps=steps, columns=columns, caveat=caveat, closing=closing
    )


def _sign_group(table: _Table) -> SignGroup:
    value = SignGroup(
        id=table.ident(),
        heading=table.text("heading"),
        items=_list(table, "items", _item),
        label=table.optional_text("label"),
        cite=table.optional_text("cite"),
        note=table.optional_text("note"),
    )
    table.finish()
    return value


def load_self_care(resources: Path) -> SelfCare:
    root = _read_file(content_dir(resources), SELF_CARE_FILE)
    source = _source(root)
    intro = _passage(root.table("intro"))
    actions = _list(root, "actions", _sign_group)
    _check_nested_unique(root, "actions", actions)
    root.finish()
    return SelfCare(source=source, intro=intro, actions=actions)


def load_signs_of_stress(resources: Path) -> SignsOfStress:
    root = _read_file(content_dir(resources), SIGNS_OF_STRESS_FILE)
    source = _source(root)
    intro = _passage(root.table("intro"))
    afterword = _optional_passage(root, "afterword")

    groups = _list(root, "groups", _sign_group)
    _check_nested_unique(root, "groups", groups)
    root.finish()
    return SignsOfStress(source=source, intro=intro, groups=groups, afterword=afterword)


def load_hse_standards(resources: Path) -> HseStandards:
    root = _read_file(content_dir(resources), HSE_STANDARDS_FILE)
    source = _source(root)
    intro_table = root.table("intro")
    intro = _passage(intro_table, finish=False)
    stress_definition = intro_table.optional_text("stress_definition")
    intro_table.finish()

    def standard(table: _Table) -> HseStandard:
        value = HseStandard(
            id=table.ident(),
            name=table.text("name"),
            description=table.text("description"),
            checkin_question=table.text("checkin_question"),
            manager_questions=table.texts("manager_questions", required=False),
            toolkit_text=table.optional_text("toolkit_text"),
            cite=table.optional_text("cite"),
            note=table.optional_text("note"),
        )
        table.finish()
        return value

    standards = _list(root, "standards", standard)
    _check_required_ids(root, "standards", (s.id for s in standards), HSE_STANDARD_IDS, exact=True)

    scale_table = root.table("rating_scale")

    def point(table: _Table) -> RatingPoint:
        value = RatingPoint(value=table.integer("value"), id=table.ident(), label=table.text("label"))
        table.finish()
        return value

    points = _list(scale_table, "points", point)
    values = tuple(p.value for p in points)
    if values != RATING_VALUES:
        raise scale_table.error(
            "points",
            f"the values should be {', '.join(map(str, RATING_VALUES))} in that order, "
            f"not {', '.join(map(str, values))}",
        )
    rating_scale = RatingScale(
        question=scale_table.text("question"),
        points=points,
        not_answered_label=scale_table.optional_text("not_answered_label"),
        note=scale_table.optional_text("note"),
    )
    scale_table.finish()
    root.finish()
    return HseStandards(
        source=source,
        intro=intro,
        standards=standards,
        rating_scale=rating_scale,
        stress_definition=stress_definition,
    )


def load_good_fit(resources: Path) -> GoodFit:
    root = _read_file(content_dir(resources), GOOD_FIT_FILE)
    source = _source(root)
    intro_table = root.table("intro")
    intro = _passage(intro_table, finish=False)
    question = intro_table.text("question")
    prompt = intro_table.optional_text("prompt")
    answers_intro = intro_table.optional_text("answers_intro")
    intro_table.finish()
    closing = _optional_passage(root, "closing")
    answers = _list(root, "answers", _item)
    root.finish()
    return GoodFit(
        source=source,
        intro=intro,
        question=question,
        answers=answers,
        prompt=prompt,
        answers_intro=answers_intro,
        closing=closing,
    )


def load_checkin_prompts(resources: Path) -> CheckinPrompts:
    root = _read_file(content_dir(resources), CHECKIN_PROMPTS_FILE)
    source = _source(root)

    def reference(table: _Table) -> Reference:
        value = Reference(
            id=table.ident(),
            title=table.text("title"),
            publisher=table.optional_text("publisher"),
            year=table.optional_integer("year"),
            detail=table.optional_text("detail"),
            url=table.optional_text("url"),
        )
        table.finish()
        return value

    references = _list(root, "references", reference)
    known = {r.id for r in references}

    def prompt(table: _Table) -> CheckinPrompt:
        value = CheckinPrompt(
            id=table.ident(),
            text=table.text("text"),
            source=table.text("source"),
            quote=table.optional_text("quote"),
            note=table.optional_text("note"),
        )
        if value.source not in known:
            raise table.error(
                "source", f"{value.source!r} is not the id of any [[references]] entry in this file"
            )
        table.finish()
        return value

    prompts = _list(root, "prompts", prompt)
    principles = _list(root, "principles", prompt, required=False)
    root.finish()
    return CheckinPrompts(source=source, references=references, prompts=prompts, principles=principles)


def load_flag_catalogue(resources: Path) -> FlagCatalogue:
    root = _read_file(content_dir(resources), FLAG_CATEGORIES_FILE)
    source = _source(root)

    def option(table: _Table) -> Option:
        value = Option(
            id=table.ident(),
            label=table.text("label"),
            description=table.text("description"),
            cite=table.optional_text("cite"),
            note=table.optional_text("note"),
        )
        table.finish()
        return value

    categories = _list(root, "categories", option)
    _check_required_ids(root, "categories", (c.id for c in categories), FLAG_CATEGORY_IDS, exact=False)
    levels = _list(root, "levels", option)
    _check_required_ids(root, "levels", (lv.id for lv in levels), FLAG_LEVEL_IDS, exact=True)
    visibilities = _list(root, "visibilities", option)
    _check_required_ids(root, "visibilities", (v.id for v in visibilities), VISIBILITY_IDS, exact=True)
    root.finish()
    return FlagCatalogue(source=source, categories=categories, levels=levels, visibilities=visibilities)


def load_support_directory(resources: Path) -> SupportDirectory:
    root = _read_file(content_dir(resources), SUPPORT_DIRECTORY_FILE)
    source = _source(root)
    intro = _optional_passage(root, "intro")

    def service(table: _Table) -> SupportService:
        value = SupportService(
            id=table.ident(),
            name=table.text("name"),
            description=table.text("description"),
            contact=table.placeholder_text("contact"),
            website=table.optional_text("website"),
            phone=table.optional_text("phone"),
            email=table.optional_text("email"),
            how_to_access=table.optional_text("how_to_access"),
            cite=table.optional_text("cite"),
            note=table.optional_text("note"),
        )
        table.finish()
        return value

    services = _list(root, "services", service)
    root.finish()
    return SupportDirectory(source=source, services=services, intro=intro)


def load_agreement_review(resources: Path) -> AgreementReviewContent:
    root = _read_file(content_dir(resources), AGREEMENT_REVIEW_FILE)
    source = _source(root)
    intro = _passage(root.table("intro"))
    closing = _passage(root.table("closing"))

    def question(table: _Table) -> ReviewQuestion:
        value = ReviewQuestion(table.ident(), table.text("quality"), table.text("question"))
        table.finish()
        return value

    ratings = _list(root, "ratings", _item)
    questions = _list(root, "questions", question)
    root.finish()
    return AgreementReviewContent(source, intro, closing, ratings, questions)


def load_content(resources_dir: Path) -> ToolkitContent:
    """Load and check every content file; the first problem raises :class:`ContentError`."""
    return ToolkitContent(
        frame=load_frame(resources_dir),
        wellbeing_checklist=load_wellbeing_checklist(resources_dir),
        personal_stressors=load_personal_stressors(resources_dir),
        signs_of_stress=load_signs_of_stress(resources_dir),
        hse_standards=load_hse_standards(resources_dir),
        good_fit=load_good_fit(resources_dir),
        checkin_prompts=load_checkin_prompts(resources_dir),
        flags=load_flag_catalogue(resources_dir),
        support_directory=load_support_directory(resources_dir),
        self_care=load_self_care(resources_dir),
        agreement_review=load_agreement_review(resources_dir),
    )
