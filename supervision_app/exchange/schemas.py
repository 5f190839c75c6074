"""The payloads inside packs: strict, versioned, and documented in docs/EXCHANGE.md.

A payload is UTF-8 JSON. Every object lists its fields exactly (unknown fields
are refused), every string has a maximum length and must be well-formed text
(no lone surrogates, no control characters other than tab and new line), names
and titles are plain (``untrusted.is_plain``: no hidden, bidi or private-use
characters, no tab or new line), long text the same but for tabs and new
lines, every list has a maximum length, and dates are ISO 8601. Anything else is refused
whole: a pack is imported completely or not at all.
"""

from __future__ import annotations

import base64
import binascii
import json
import unicodedata
from datetime import date
from typing import Annotated, Any, Literal

# Imported from their own modules rather than through pydantic's lazy top level:
# under PySide6's import hook (loaded with Qt) the lazy route can recurse.
from pydantic.config import ConfigDict
from pydantic.fields import Field
from pydantic.functional_validators import AfterValidator
from pydantic.main import BaseModel
from pydantic.types import NaiveDatetime, StringConstraints
from pydantic_core import PydanticCustomError, ValidationError

from supervision_app.domain.review import MAX_COMMENT
from supervision_app.exchange.envelope import PackRefused
from supervision_app.untrusted import is_plain

PAYLOAD_VERSION = 1
MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_ITEMS = 50
MAX_ACTIONS = 500
MAX_WELLBEING_ENTRIES = 100
MAX_HANDED_OVER_SESSIONS = 1000
MAX_ADDENDA = 100
MAX_SIGNERS = 20
MAX_CARRIED_LIST = 500
MAX_CARRIED_TEXT = 100_000  # a record's own text has no limit in the app; the pack's size bounds the whole


def _well_formed(text: str) -> str:
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cs" or (category == "Cc" and ch not in "\t\n"):
            raise ValueError("malformed text")
    return unicodedata.normalize("NFC", text)


def _text(max_length: int, min_length: int = 0, *, multiline: bool = False) -> type[str]:
    def plain(text: str) -> str:
        if not is_plain(text, allow_newlines=multiline):
            raise PydanticCustomError("hidden_characters", "holds hidden or direction-changing characters")
        return text

    def within_limit(text: str) -> str:
        # NFC can lengthen text (up to three times), so the limit is checked again on what is stored.
        if len(text) > max_length:
            raise PydanticCustomError("string_too_long", "longer than {max_length} characters",
                                      {"max_length": max_length})
        return text

    return Annotated[  # type: ignore[return-value]
        str, StringConstraints(max_length=max_length, min_length=min_length), AfterValidator(_well_formed),
        AfterValidator(plain), AfterValidator(within_limit)]


Name = _text(200, 1)
ShortText = _text(200)
Title = _text(200, 1)
LongText = _text(5000, multiline=True)
ReviewComment = _text(MAX_COMMENT, multiline=True)  # no longer than the app keeps its own (domain/review)
ItemId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
ContentId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{1,64}$")]
SessionUid = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}-[0-9]{1,12}$")]
Fingerprint = Annotated[str, StringConstraints(pattern=r"^[0-9A-F]{4}( [0-9A-F]{4}){15}$")]
NoteFingerprint = Annotated[str, StringConstraints(pattern=r"^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$")]


def _pdf(value: str) -> str:
    """Base64 of a PDF no larger than the limit (checked here; decoded where it is used)."""
    if len(value) > MAX_PDF_BYTES * 4 // 3 + 4:
        raise ValueError("too large")
    try:
        pdf = base64.b64decode(value, validate=True)
    except binascii.Error:
        raise ValueError("not base64") from None
    if not pdf.startswith(b"%PDF-"):
        raise ValueError("not a PDF")
    return value


Pdf = Annotated[str, AfterValidator(_pdf)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class AgendaItemV1(_Strict):
    id: ItemId
    title: Title  # type: ignore[valid-type]
    wanted_outcome: LongText = ""  # type: ignore[valid-type]


class StressorV1(_Strict):
    id: ContentId
    impact: int = Field(ge=1, le=5)


class AgendaPayloadV1(_Strict):
    schema_: Literal["agenda"] = Field(alias="schema")
    version: Literal[1]
    prepared_by: Name  # type: ignore[valid-type]
    prepared_at: NaiveDatetime
    items: list[AgendaItemV1] = Field(max_length=MAX_ITEMS)
    how_i_have_been: LongText = ""  # type: ignore[valid-type]
    checklist: list[ContentId] = Field(max_length=MAX_WELLBEING_ENTRIES)
    stressors: list[StressorV1] = Field(max_length=MAX_WELLBEING_ENTRIES)


class ActionV1(_Strict):
    id: ItemId
    text: LongText  # type: ignore[valid-type]
    owner: Literal["supervisor", "supervisee", "other"]
    owner_name: ShortText = ""  # type: ignore[valid-type]
    due: date | None = None
    agreed_on: date | None = None
    status: Literal["not_reviewed", "in_progress", "carried_forward"]


MAX_CANCELLED = 500


class CancelledSessionV1(_Strict):
    session_uid: SessionUid
    scheduled_start: NaiveDatetime
    rebooked_to: NaiveDatetime | None = None


class ScheduleV1(_Strict):
    """What a record adds about the supervision as scheduled (issue 14): optional, so older records still read.

    An older install refuses a record that carries it (unknown field), as it refuses any newer payload."""

    cadence_weeks: int | None = Field(default=None, ge=1, le=52)  # the agreement's
    time_protection: Literal["protected", "interrupted"] | None = None  # this session's time
    cancelled: list[CancelledSessionV1] = Field(default_factory=list, max_length=MAX_CANCELLED)


class RecordPayloadV1(_Strict):
    schema_: Literal["record"] = Field(alias="schema")
    version: Literal[1]
    session_uid: SessionUid
    supervisor_name: Name  # type: ignore[valid-type]
    supervisee_name: Name  # type: ignore[valid-type]
    session_start: NaiveDatetime
    duration_minutes: int = Field(ge=1, le=24 * 60)
    mode: Literal["in_person", "video", "telephone"]
    location: ShortText = ""  # type: ignore[valid-type]
    note_fingerprint: NoteFingerprint
    note_pdf: Pdf
    open_actions: list[ActionV1] = Field(max_length=MAX_ACTIONS)
    next_session: NaiveDatetime | None = None
    schedule: ScheduleV1 | None = None


class CountersignedPayloadV1(_Strict):
    schema_: Literal["countersigned"] = Field(alias="schema")
    version: Literal[1]
    session_uid: SessionUid
    note_pdf: Pdf
    confirmation: Literal["agreed", "seen_not_agreed"]
    comment: LongText = ""  # type: ignore[valid-type]
    signed_at: NaiveDatetime


def _carried(value: Any, depth: int = 0) -> Any:
    """A record carried whole (a handover's sessions, addenda and agreement), held to the text rules.

    Its shape is checked by the record's own schema where it is imported (``domain/codec``); here every
    string must be well-formed text (NFC, at most 100,000 characters, no hidden or direction-changing
    character but tab and new line) and every list and object small, at any depth.
    """
    if depth > 8:
        raise ValueError("too deep")
    if isinstance(value, str):
        normalised = _well_formed(value) if len(value) <= MAX_CARRIED_TEXT else value
        if len(normalised) > MAX_CARRIED_TEXT:
            raise PydanticCustomError("string_too_long", "too long")
        if not is_plain(normalised, allow_newlines=True):
            raise PydanticCustomError("hidden_characters", "holds hidden or direction-changing characters")
        return normalised
    if isinstance(value, list):
        if len(value) > MAX_CARRIED_LIST:
            raise PydanticCustomError("too_long", "too many entries")
        return [_carried(item, depth + 1) for item in value]
    if isinstance(value, dict):
        if len(value) > 100 or not all(isinstance(k, str) and len(k) <= 64 for k in value):
            raise PydanticCustomError("too_long", "too many or too long fields")
        return {key: _carried(item, depth + 1) for key, item in value.items()}
    if value is None or isinstance(value, bool | int | float):
        return value
    raise ValueError("unexpected value")


Carried = Annotated[dict[str, Any], AfterValidator(_carried)]
PublicKey = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9+/]{40,400}={0,2}$")]


class PersonV1(_Strict):
    name: Name  # type: ignore[valid-type]
    job_title: ShortText = ""  # type: ignore[valid-type]
    team: ShortText = ""  # type: ignore[valid-type]
    start_date: date | None = None
    newly_qualified: bool = False


class SignerV1(_Strict):
    role: Literal["supervisor", "supervisee"]
    name: Name  # type: ignore[valid-type]
    public_key: PublicKey  # base64 SubjectPublicKeyInfo DER of a P-256 key


class HeldNoteV1(_Strict):
    fingerprint: NoteFingerprint
    pdf: Pdf
    page_size: Literal["A4", "Letter"]
    hidden_sections: list[ContentId] = Field(max_length=20)


class HeldSessionV1(_Strict):
    id: int = Field(ge=1, le=2**53)  # the sender's session number, for ``rebooked_from`` only
    scheduled_start: NaiveDatetime
    duration_minutes: int = Field(ge=1, le=24 * 60)
    mode: Literal["in_person", "video", "telephone"]
    location: ShortText = ""  # type: ignore[valid-type]
    status: Literal["signed_off", "cancelled"]
    notes: LongText = ""  # type: ignore[valid-type]
    cancellation_reason: LongText = ""  # type: ignore[valid-type]
    rebooked_from: int | None = None
    record: Carried
    addenda: list[Carried] = Field(max_length=MAX_ADDENDA)
    note: HeldNoteV1 | None = None


class HandoverPayloadV1(_Strict):
    schema_: Literal["handover"] = Field(alias="schema")
    version: Literal[1]
    supervisee_uid: SessionUid  # the sender's exchange id and the supervisee's number there
    supervisor_name: Name  # type: ignore[valid-type]
    handed_over_at: NaiveDatetime
    supervisee: PersonV1
    agreement: Carried | None = None
    signers: list[SignerV1] = Field(max_length=MAX_SIGNERS)
    sessions: list[HeldSessionV1] = Field(max_length=MAX_HANDED_OVER_SESSIONS)


# --- the agreement, its countersignature and its review (exchange/agreement.py) ---------------


class AgreementPayloadV1(_Strict):
    """Supervisor → supervisee: a version of the agreement, signed by the supervisor, and its terms in words."""

    schema_: Literal["agreement"] = Field(alias="schema")
    version: Literal[1]
    agreement_version: int = Field(ge=1, le=100_000)
    agreed_on: date
    supervisor_name: Name  # type: ignore[valid-type]
    supervisee_name: Name  # type: ignore[valid-type]
    line_manager: ShortText  # type: ignore[valid-type]
    mode: Literal["in_person", "video", "telephone"]
    place: ShortText = ""  # type: ignore[valid-type]
    technology_notes: LongText = ""  # type: ignore[valid-type]
    frequency_weeks: int = Field(ge=1, le=52)
    length_minutes: int = Field(ge=1, le=24 * 60)
    protected_time_committed: bool
    confidentiality_terms: LongText = ""  # type: ignore[valid-type]
    review_date: date | None = None
    fingerprint: NoteFingerprint
    pdf: Pdf


class AgreementSignedPayloadV1(_Strict):
    """Supervisee → supervisor: that version, signed by both."""

    schema_: Literal["agreement_signed"] = Field(alias="schema")
    version: Literal[1]
    agreement_version: int = Field(ge=1, le=100_000)
    pdf: Pdf
    signed_at: NaiveDatetime


class ReviewAnswerV1(_Strict):
    question: ContentId
    rating: ContentId
    comment: ReviewComment = ""  # type: ignore[valid-type]


class ReviewPayloadV1(_Strict):
    """Either way: one person's private answers to the review of an agreement version."""

    schema_: Literal["review"] = Field(alias="schema")
    version: Literal[1]
    agreement_version: int = Field(ge=1, le=100_000)
    answered_by: Name  # type: ignore[valid-type]
    answered_at: NaiveDatetime
    answers: list[ReviewAnswerV1] = Field(min_length=1, max_length=MAX_ITEMS)


Payload = (AgendaPayloadV1 | RecordPayloadV1 | CountersignedPayloadV1 | HandoverPayloadV1 | AgreementPayloadV1
           | AgreementSignedPayloadV1 | ReviewPayloadV1)
_MODELS: dict[str, type[Payload]] = {"agenda": AgendaPayloadV1, "record": RecordPayloadV1,
                                     "countersigned": CountersignedPayloadV1, "handover": HandoverPayloadV1,
                                     "agreement": AgreementPayloadV1, "agreement_signed": AgreementSignedPayloadV1,
                                     "review": ReviewPayloadV1}


def encode_payload(payload: Payload) -> bytes:
    return payload.model_dump_json(by_alias=True).encode("utf-8")


def decode_payload(kind: str, data: bytes) -> Payload:
    """Parse and check a decrypted payload of ``kind``; one plain sentence if it is not acceptable."""
    try:
        text = data.decode("utf-8")
        # Dates arrive as strings, so parse them with the JSON mode's rules but keep everything else strict.
        document = json.loads(text)
    except (ValueError, RecursionError):  # ValueError also covers bad encoding and over-long integers
        raise PackRefused("The file's contents are not readable text, so nothing was imported.") from None
    if not isinstance(document, dict) or document.get("schema") != kind:
        raise PackRefused("The file's contents do not match what it says it is, so nothing was imported.")
    if type(document.get("version")) is not int or document["version"] != PAYLOAD_VERSION:
        raise PackRefused("The file was made by a different version of the app.")
    try:
        return _MODELS[kind].model_validate_json(text)
    except ValidationError as error:
        raise PackRefused(_refusal(error)) from None


def has_hidden_characters(error: ValidationError) -> bool:
    """Whether a payload being made was refused for a hidden or control character (rather than its size)."""
    return bool({problem["type"] for problem in error.errors()} & {"hidden_characters", "value_error"})


HIDDEN_IN_EXPORT = ("The {what} holds a hidden or control character that a file may not carry; "
                    "retype that text and send it again.")


def _refusal(error: ValidationError) -> str:
    kinds = {problem["type"] for problem in error.errors()}
    if kinds & {"string_too_long", "too_long"}:
        return "A field in the file is longer than the app allows, so nothing was imported."
    if "hidden_characters" in kinds:
        return "A name or text in the file holds hidden or direction-changing characters, so nothing was imported."
    if kinds & {"value_error", "json_invalid", "string_unicode"}:
        return "The file holds malformed text or data, so nothing was imported."
    return "The file's contents are not in the expected form, so nothing was imported."
