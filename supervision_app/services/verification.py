"""Verifying a signed note: every signature, the note's structure, and who signed which field.

pyHanko checks each signature (intact, valid, DocMDP verdict, difference
analysis). That alone is not enough: its difference policy lets a certified
document's *other* form fields change after signing (the "shadow attack"),
and lets the document information change. So a note is also held to the
shape this app makes, whatever a general PDF policy would allow:

* exactly the two signature fields, no other field or annotation, no
  JavaScript, actions, embedded files or XFA, in the revision the
  supervisor certified and in the final one;
* the supervisor's certification first, the supervisee's approval in the
  very next revision, and nothing at all after the last signature;
* nothing between the signatures but the supervisee's own signature: the
  pages, the document information and the metadata are as certified;
* each field signed by the person the note names (``domain/signatures``).

Every problem is one plain sentence naming what changed; text read from the
PDF is passed through :func:`supervision_app.untrusted.visible`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from typing import Any
from zoneinfo import ZoneInfo

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import HistoricalResolver, PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import EmbeddedPdfSignature, validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel, SignatureStatus
from pyhanko_certvalidator import ValidationContext

from supervision_app.domain.agreement import AGREEMENT_TITLE
from supervision_app.domain.identity import certificate_fingerprint
from supervision_app.domain.signatures import (
    FIELD_LABELS,
    FIELD_NAMES,
    NAMED_SIGNERS_KEY,
    KnownSigner,
    NamedSigners,
    binding_problems,
)
from supervision_app.formatting import format_datetime
from supervision_app.services.pdf_note import FINGERPRINT_KEYWORD
from supervision_app.untrusted import visible

ROLE_OF_FIELD = {name: role for role, name in FIELD_NAMES.items()}
_FORBIDDEN_IN_CATALOG = {"/OpenAction": "runs an action when it is opened", "/AA": "runs actions",
                         "/Collection": "is a portfolio of files"}
_FORBIDDEN_IN_NAMES = {"/JavaScript": "contains JavaScript", "/EmbeddedFiles": "carries an embedded file"}


@dataclass(frozen=True)
class SignatureReport:
    field: str  # the field's name in the PDF
    signer: str  # the name in the signer's certificate, made safe to show
    signed_at: datetime | None
    intact: bool
    valid: bool
    unchanged_since: bool  # no change after signing beyond what this app's notes allow
    modification: str
    known_certificate: bool
    fingerprint: str
    reason: str = ""  # what the signer wrote with their signature (the supervisee's comment)
    role: str = ""  # "supervisor" or "supervisee"; "" for a field a note does not have
    named: str = ""  # who the note names for this field
    matches_named: bool = False
    timestamp: datetime | None = None  # trusted time from a time-stamping service (PAdES B-T)
    timestamp_authority: str = ""
    retired: bool = False
    problems: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return FIELD_LABELS.get(self.role, f"The signature in the field “{visible(self.field)}”")

    @property
    def ok(self) -> bool:
        return (self.intact and self.valid and self.unchanged_since and self.known_certificate
                and self.matches_named and not self.problems)


@dataclass(frozen=True)
class VerificationReport:
    signatures: list[SignatureReport]
    problem: str = ""  # why the file could not be checked at all
    document_problems: tuple[str, ...] = ()  # what is wrong with the note as a whole
    unsigned: tuple[str, ...] = ()  # roles whose field is not signed
    named: NamedSigners | None = None
    document: str = "note"  # "note", or "agreement" for a supervision agreement (its certified title says)

    @property
    def problems(self) -> list[str]:
        """Every sentence explaining what failed (unknown signers are reported per signature, not here)."""
        found = [self.problem] if self.problem else []
        found += list(self.document_problems)
        for signature in self.signatures:
            found += [p for p in signature.problems if p not in found]
        return found

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.signatures) and all(s.ok for s in self.signatures)


def verify_note(pdf: bytes, known: Mapping[str, KnownSigner] | None = None,
                certificates: Iterable[bytes] = ()) -> VerificationReport:
    """Check every signature, the note's structure and who signed each field.

    ``known`` maps the key fingerprints this vault knows to their people (its
    own user and those paired with it); ``certificates`` are full certificates
    to offer the validator as trust roots, where held.
    """
    known = known or {}
    try:
        reader = PdfFileReader(BytesIO(pdf))
        total = reader.xrefs.total_revisions
    except Exception as error:  # noqa: BLE001 - any parse failure means "not a valid note"
        return VerificationReport([], f"The file is not a readable PDF, so no signature in it can be checked "
                                      f"({type(error).__name__}).")
    try:
        embedded = sorted(reader.embedded_signatures, key=lambda s: s.signed_revision)
    except Exception as error:  # noqa: BLE001 - a signature that cannot even be read is a forged one
        return VerificationReport([], f"A signature in this note is malformed, so it cannot be checked "
                                      f"({type(error).__name__}).")
    if not embedded:
        return VerificationReport([], "The file has no digital signatures.")
    try:
        named = _named_signers(reader, embedded[0].signed_revision)
        kind = _document_kind(reader, embedded[0].signed_revision)
        document = _document_problems(reader, embedded, total)
    except Exception as error:  # noqa: BLE001 - a structure pyHanko cannot walk is not a note of ours
        return VerificationReport([], f"The note's structure could not be read ({type(error).__name__}).")
    roots = [asn1_x509.Certificate.load(der) for der in certificates]
    reports = [_signature_report(signature, roots, known, named, total) for signature in embedded]
    signed_roles = {r.role for r in reports if r.role}
    unsigned = tuple(role for role in FIELD_NAMES if role not in signed_roles)
    if "supervisor" in unsigned or (unsigned and (document or total - 1 > embedded[-1].signed_revision)):
        # Unsigned after a change: say which field, as a truncated or emptied note must.
        document += [f"{FIELD_LABELS[role]} field is not signed." for role in unsigned]
    return VerificationReport(reports, document_problems=tuple(document), unsigned=unsigned, named=named,
                              document=kind)


# --- one signature ------------------------------------------------------------------


def _signature_report(signature: EmbeddedPdfSignature, roots: list[asn1_x509.Certificate],
                      known: Mapping[str, KnownSigner], named: NamedSigners | None, total: int) -> SignatureReport:
    field_name = str(signature.field_name)
    role = ROLE_OF_FIELD.get(field_name, "")
    try:
        status = validate_pdf_signature(signature, ValidationContext(trust_roots=roots, allow_fetching=False))
    except Exception as error:  # noqa: BLE001 - a malformed signature is a failed signature
        label = FIELD_LABELS.get(role, "A signature")
        return SignatureReport(field_name, "unknown", None, False, False, False, type(error).__name__, False, "",
                               role=role, problems=(f"{label} cannot be checked: it is malformed.",))
    fingerprint = certificate_fingerprint(status.signing_cert.dump())
    signer = known.get(fingerprint)
    problems = _integrity_problems(signature, status, role, last=signature.signed_revision == total - 1)
    if role:
        problems += binding_problems(role, fingerprint, named, known)
    level = status.modification_level
    timestamp = status.timestamp_validity
    trusted_time = timestamp is not None and timestamp.intact and timestamp.valid
    return SignatureReport(
        field=field_name,
        signer=visible(str(status.signing_cert.subject.native.get("common_name", ""))),
        signed_at=status.signer_reported_dt,
        intact=status.intact,
        valid=status.valid,
        unchanged_since=status.intact and status.valid and not problems,
        modification=level.name if level is not None else "UNKNOWN",
        known_certificate=signer is not None and not signer.retired,
        fingerprint=fingerprint,
        reason=visible(_text(signature.sig_object.get("/Reason")), allow_newlines=True),
        role=role,
        named=visible(named.name(role)) if named is not None and role else "",
        matches_named=bool(role) and signer is not None and not binding_problems(role, fingerprint, named, known),
        timestamp=timestamp.timestamp if trusted_time and timestamp is not None else None,
        timestamp_authority=_timestamp_authority(timestamp) if trusted_time else "",
        retired=signer is not None and signer.retired,
        problems=tuple(problems),
    )


def _integrity_problems(signature: EmbeddedPdfSignature, status: Any, role: str, *, last: bool) -> list[str]:
    label = FIELD_LABELS.get(role, f"The signature in the field “{visible(str(signature.field_name))}”")
    if not role:
        return [f"The note has a signature in a field it should not have (“{visible(str(signature.field_name))}”)."]
    if not (status.intact and status.valid):
        return [f"{label} does not match the note: the note was altered, or the signature is damaged."]
    problems = []
    if not _only_padding_after_signature(signature):
        problems.append(f"{label} has extra data hidden after it.")
    if status.coverage not in (SignatureCoverageLevel.ENTIRE_REVISION, SignatureCoverageLevel.ENTIRE_FILE):
        problems.append(f"{label} does not cover the whole note as it was when signed.")
    if last and status.coverage is not SignatureCoverageLevel.ENTIRE_FILE:
        problems.append(f"Something was added to the note after {label[0].lower()}{label[1:]} was made.")
    certifies = _is_certification(signature)
    if role == "supervisor" and not certifies:
        problems.append("The supervisor's signature does not certify the note, as this app's notes do.")
    if role == "supervisee" and certifies:
        problems.append("The note is certified a second time, in the supervisee's field.")
    if status.docmdp_ok is False or (status.modification_level is not None
                                     and status.modification_level > ModificationLevel.FORM_FILLING):
        problems.append(f"The note was changed after {label[0].lower()}{label[1:]} was made, in a way that "
                        "signature does not allow.")
    return problems


def _only_padding_after_signature(signature: EmbeddedPdfSignature) -> bool:
    """The signature's /Contents holds its DER-encoded CMS and then zero bytes only, as signers write it."""
    contents = bytes(signature.sig_object["/Contents"])
    if len(contents) < 2 or contents[0] != 0x30:
        return False
    length = contents[1]
    header = 2
    if length & 0x80:
        count = length & 0x7F
        length, header = int.from_bytes(contents[2:2 + count], "big"), 2 + count
    return not contents[header + length:].strip(b"\x00")


def _is_certification(signature: EmbeddedPdfSignature) -> bool:
    references = signature.sig_object.get("/Reference") or []
    return any(str(ref.get_object().get("/TransformMethod")) == "/DocMDP" for ref in references)


def _timestamp_authority(timestamp: SignatureStatus | None) -> str:
    if timestamp is None:
        return ""
    return visible(str(timestamp.signing_cert.subject.native.get("common_name", "")))


# --- the document -------------------------------------------------------------------


def _document_problems(reader: PdfFileReader, embedded: list[EmbeddedPdfSignature], total: int) -> list[str]:
    problems: list[str] = []
    roles = [ROLE_OF_FIELD.get(str(s.field_name), "") for s in embedded]
    if len(embedded) > 2 or len(set(roles)) != len(roles):
        problems.append("The note carries more signatures than its two fields allow.")
    if roles and roles[0] != "supervisor":
        problems.append("The supervisee's field was signed before the supervisor's.")
    certified = embedded[0].signed_revision
    problems += _structure_problems(reader.get_historical_resolver(certified), "as the supervisor signed it")
    if total - 1 != certified:
        problems += _structure_problems(reader.get_historical_resolver(total - 1), "now")
    if len(embedded) >= 2 and embedded[1].signed_revision != certified + 1:
        problems.append("The note was changed between the supervisor's and the supervisee's signatures.")
    last_signed = embedded[-1].signed_revision
    problems += _changes(reader, certified, min(last_signed, total - 1), "after the supervisor signed")
    if total - 1 > last_signed:
        problems += _changes(reader, last_signed, total - 1, "after the last signature")
    return list(dict.fromkeys(problems))


def _structure_problems(revision: HistoricalResolver, when: str) -> list[str]:
    """What a note of this app may not contain: other fields, annotations, actions, scripts, files."""
    problems = []
    root = revision.root
    form = _get(root, "/AcroForm")
    widgets = set()
    for field_ref in _get(form, "/Fields") or []:
        field_dict = field_ref.get_object()
        name = _text(field_dict.get("/T"))
        if str(field_dict.get("/FT")) != "/Sig" or name not in ROLE_OF_FIELD or "/Kids" in field_dict:
            problems.append(f"The note has a form field that is not one of its two signature fields "
                            f"(“{visible(name)}”) {when}: what it shows could change after signing.")
        if isinstance(field_ref, generic.IndirectObject):
            widgets.add(field_ref.idnum)
    if form is not None and "/XFA" in form:
        problems.append(f"The note has an XFA form {when}.")
    for number, page in enumerate(_pages(root), start=1):
        for annotation in _get(page, "/Annots") or []:
            if not isinstance(annotation, generic.IndirectObject) or annotation.idnum not in widgets:
                subtype = visible(str(_get(annotation.get_object(), "/Subtype") or "unknown"))
                problems.append(f"Page {number} has an annotation ({subtype.lstrip('/')}) {when} that is not one "
                                "of the note's signatures.")
        if "/AA" in page:
            problems.append(f"Page {number} runs actions {when}.")
    for key, what in _FORBIDDEN_IN_CATALOG.items():
        if key in root:
            problems.append(f"The note {what} ({when}).")
    names = _get(root, "/Names")
    for key, what in _FORBIDDEN_IN_NAMES.items():
        if names is not None and key in names:
            problems.append(f"The note {what} ({when}).")
    return problems


def _changes(reader: PdfFileReader, before: int, after: int, when: str) -> list[str]:
    """What differs between two revisions, beyond the supervisee's signature field itself."""
    if after <= before:
        return []
    old, new = reader.get_historical_resolver(before), reader.get_historical_resolver(after)
    problems = []
    if _dump(_get(old.trailer_view, "/Info")) != _dump(_get(new.trailer_view, "/Info")):
        problems.append(f"The document information (title, author or keywords) was changed {when}.")
    if _dump(_get(old.root, "/Metadata")) != _dump(_get(new.root, "/Metadata")):
        problems.append(f"The document's metadata was changed {when}.")
    if _dump(_get(old.root, NAMED_SIGNERS_KEY)) != _dump(_get(new.root, NAMED_SIGNERS_KEY)):
        problems.append(f"Who the note names as its signers was changed {when}.")
    old_pages, new_pages = list(_pages(old.root)), list(_pages(new.root))
    if len(old_pages) != len(new_pages):
        problems.append(f"Pages were added to or removed from the note {when}.")
    for number, (was, now) in enumerate(zip(old_pages, new_pages, strict=False), start=1):
        if _dump(was, skip={"/Annots"}) != _dump(now, skip={"/Annots"}):
            problems.append(f"Page {number} was changed {when}.")
        if _references(_get(was, "/Annots")) != _references(_get(now, "/Annots")):
            problems.append(f"The annotations on page {number} were changed {when}.")
    return problems


def _references(array: Any) -> list[Any]:
    """An array of objects by identity: indirect ones by number, direct ones by value."""
    return [item.idnum if isinstance(item, generic.IndirectObject) else _dump(item) for item in array or []]


def _pages(root: generic.DictionaryObject) -> Iterator[generic.DictionaryObject]:
    def walk(node: generic.DictionaryObject, depth: int) -> Iterator[generic.DictionaryObject]:
        if depth > 32:
            raise ValueError("page tree too deep")
        if str(node.get("/Type")) == "/Pages":
            for kid in node.get("/Kids") or []:
                yield from walk(kid.get_object(), depth + 1)
        else:
            yield node

    pages = _get(root, "/Pages")
    return walk(pages, 0) if pages is not None else iter(())


def _dump(value: Any, skip: frozenset[str] | set[str] = frozenset(), depth: int = 0) -> Any:
    """A comparable, fully resolved form of a PDF object (streams by their data)."""
    if depth > 24:
        return "…"
    if isinstance(value, generic.IndirectObject):
        value = value.get_object()
    if isinstance(value, generic.StreamObject):
        return ("stream", _dump(generic.DictionaryObject(value), {"/Length"}, depth + 1), value.data)
    if isinstance(value, dict):
        return tuple(sorted((str(k), _dump(v, depth=depth + 1)) for k, v in value.items()
                            if str(k) not in skip and str(k) not in ("/Parent", "/P")))
    if isinstance(value, list):
        return tuple(_dump(v, depth=depth + 1) for v in value)
    return repr(value)


def _get(dictionary: Any, key: str) -> Any:
    if dictionary is None:
        return None
    dictionary = dictionary.get_object() if isinstance(dictionary, generic.IndirectObject) else dictionary
    value = dictionary.get(key) if isinstance(dictionary, dict) else None
    return value.get_object() if isinstance(value, generic.IndirectObject) else value


def _text(value: Any) -> str:
    return str(value) if value is not None else ""


# --- what the note says about itself -----------------------------------------------------


def _named_signers(reader: PdfFileReader, certified_revision: int) -> NamedSigners | None:
    """Who the note names as its signers, as certified; ``None`` for notes made before notes named them."""
    entry = _get(reader.get_historical_resolver(certified_revision).root, NAMED_SIGNERS_KEY)
    if not isinstance(entry, dict):
        return None
    return NamedSigners(supervisor_name=_text(entry.get("/SupervisorName")),
                        supervisor_key=_text(entry.get("/SupervisorKey")),
                        supervisee_name=_text(entry.get("/SuperviseeName")),
                        supervisee_key=_text(entry.get("/SuperviseeKey")))


def _document_kind(reader: PdfFileReader, certified_revision: int) -> str:
    """ "agreement" when the title the supervisor certified is an agreement's, else "note"."""
    info = _get(reader.get_historical_resolver(certified_revision).trailer_view, "/Info")
    title = _text(info.get("/Title")) if isinstance(info, dict) else ""
    return "agreement" if title.startswith(f"{AGREEMENT_TITLE},") else "note"


def fingerprint_as_signed(pdf: bytes, field_name: str) -> str:
    """The note's fingerprint as it stood when ``field_name`` was signed; "" if there is none to read."""
    try:
        reader = PdfFileReader(BytesIO(pdf))
        signature = next(s for s in reader.embedded_signatures if s.field_name == field_name)
        info = reader.get_historical_resolver(signature.signed_revision).trailer_view["/Info"]
        keywords = str(info.get_object().get("/Keywords", ""))
    except Exception:  # noqa: BLE001 - an unreadable or unsigned file has no fingerprint to offer
        return ""
    return keywords.removeprefix(FINGERPRINT_KEYWORD) if keywords.startswith(FINGERPRINT_KEYWORD) else ""



# --- in words -------------------------------------------------------------------------


def uk_time(moment: datetime) -> str:
    """A signing time as UK local time (GMT or BST), whatever the computer's own zone."""
    local = moment.astimezone(ZoneInfo("Europe/London"))
    return f"{format_datetime(local.replace(tzinfo=None))} ({local.tzname()})"


BOTH_GOOD = "Both signatures are valid, each by the person the note names, and the note has not changed since."
SUPERVISOR_ONLY = ("The supervisor's signature is valid and the note has not changed since; "
                   "the supervisee's signature field is not signed yet.")
UNKNOWN_SIGNER = "A signature is not from someone this vault knows."


def verdict(report: VerificationReport) -> str:
    """One sentence for the whole note (or agreement, named as such)."""
    if not report.ok:
        problems = report.problems
        return in_words_of(report, problems[0] if problems else UNKNOWN_SIGNER)
    return in_words_of(report, SUPERVISOR_ONLY if "supervisee" in report.unsigned else BOTH_GOOD)


def in_words_of(report: VerificationReport, sentence: str) -> str:
    """``sentence`` about a note, said of the document checked: "the agreement" for an agreement."""
    if report.document == "note":
        return sentence
    for note, agreement in (("the note", "the agreement"), ("The note", "The agreement"),
                            ("this note", "this agreement"), ("a note", "an agreement")):
        sentence = sentence.replace(note, agreement)
    return sentence


def report_lines(report: VerificationReport, *, vault: bool) -> list[str]:
    """The report in plain words, one finding a line, for a terminal (every outside text made visible)."""
    lines: list[str] = []
    for signature in report.signatures:
        when = uk_time(signature.signed_at) if signature.signed_at else "an unstated time"
        lines.append(f"{signature.label}: signed by {signature.signer or 'an unnamed signer'} on {when}")
        lines.append(f"  intact and unchanged since: {'yes' if signature.unchanged_since else 'NO'}")
        if signature.named:
            lines.append(in_words_of(report, f"  the person the note names ({signature.named}): "
                                             f"{'yes' if signature.matches_named else 'NO'}"))
        if vault:
            lines.append(f"  known to this vault: {'yes' if signature.known_certificate else 'NO'}"
                         f" (key {signature.fingerprint})")
        if signature.timestamp is not None:
            lines.append(f"  trusted time: {uk_time(signature.timestamp)}, from {signature.timestamp_authority}")
        else:
            lines.append("  trusted time: none (signed without a time-stamping service)")
        if signature.reason:
            lines.append(f"  words signed with it: {visible(signature.reason)}")
    for role in report.unsigned:
        lines.append(f"{FIELD_LABELS[role]}: not signed.")
    lines += [f"Problem: {in_words_of(report, problem)}" for problem in report.problems]
    if not vault:
        lines.append("No vault here, so no signer can be recognised.")
    return lines
