"""The agreement between installs: sent signed, countersigned and returned, and reviewed by both.

Three pack kinds, travelling as the other packs do (sealed to the recipient,
signed by the sender, checked whole before anything is written):

* ``agreement`` (supervisor → supervisee): the current version's PDF, signed by
  the supervisor, and its terms in words for "My supervision";
* ``agreement_signed`` (supervisee → supervisor): that version signed by both,
  kept by the supervisor as that version (the note's countersignature path:
  the same signing, the same checks);
* ``review`` (either way): one person's private answers to the review against
  the toolkit's section 5, so both can see where they differ.
"""

from __future__ import annotations

import base64
from dataclasses import replace
from datetime import UTC
from typing import TYPE_CHECKING

from pydantic_core import ValidationError

from supervision_app.domain.agreement import SUPERVISEE_REASON, ReceivedAgreement, SharedTerms, shared_terms
from supervision_app.domain.audit import AuditAction
from supervision_app.domain.exchange import Pairing
from supervision_app.domain.model import Person, PersonRole, SessionMode
from supervision_app.domain.review import MAX_COMMENT, ReviewAnswer, ReviewAnswers
from supervision_app.domain.signatures import FIELD_NAMES
from supervision_app.exchange.envelope import ExchangeError, PackRefused
from supervision_app.exchange.schemas import (
    HIDDEN_IN_EXPORT,
    AgreementPayloadV1,
    AgreementSignedPayloadV1,
    ReviewAnswerV1,
    ReviewPayloadV1,
    has_hidden_characters,
)
from supervision_app.formatting import format_long_date
from supervision_app.services.identities import SigningError
from supervision_app.services.review import ReviewService
from supervision_app.storage import agreements, audit

if TYPE_CHECKING:
    from supervision_app.exchange.service import ExchangeService, ImportOutcome
    from supervision_app.services.agreement_pdf import AgreementService

AGREEMENT_PAYLOADS = (AgreementPayloadV1, AgreementSignedPayloadV1, ReviewPayloadV1)
AgreementPayload = AgreementPayloadV1 | AgreementSignedPayloadV1 | ReviewPayloadV1


def agreement_subject(payload: AgreementPayload) -> str:
    """What the replay checks number packs by: the agreement version they are about."""
    return f"agreement-{payload.agreement_version}"


def agreement_service(exchange: ExchangeService) -> AgreementService:
    from supervision_app.services.agreement_pdf import AgreementService

    return AgreementService(exchange.notes, clock=lambda: exchange.now().astimezone(UTC))


def review_service(exchange: ExchangeService) -> ReviewService:
    return ReviewService(exchange.store, exchange.content.agreement_review, clock=exchange.now)


def _paired(exchange: ExchangeService, person: Person, role: PersonRole) -> Pairing:
    pairing = exchange.store.pairing_for(person.id)
    if pairing is None or pairing.their_role is not role:
        raise ExchangeError(f"Pair with {person.name} first, so the file can be locked to them.")
    return pairing


def _peer(pairing: Pairing) -> str:
    return f"{pairing.their_role.value} {pairing.person_id}"


# --- the supervisor sends the agreement -------------------------------------------------------


def export_agreement(exchange: ExchangeService, supervisee_id: int) -> bytes:
    """The current agreement, signed by the supervisor now if this version is not signed yet, sealed for them."""
    store = exchange.store
    supervisee = store.get_person(supervisee_id)
    pairing = _paired(exchange, supervisee, PersonRole.SUPERVISEE)
    try:
        signed = agreement_service(exchange).current_signed(supervisee)
    except SigningError as error:
        raise ExchangeError(str(error)) from None
    if signed.signatures >= 2:
        raise ExchangeError(f"{supervisee.name} has already signed version {signed.version} of the agreement; "
                            "change the agreement to make a new version to send.")
    # The names as the signed PDF prints them (either may have been changed here since it was signed).
    named = exchange._verify(signed.pdf).named
    terms = shared_terms(signed.agreement, named.supervisor_name if named else exchange.profile().name,
                         named.supervisee_name if named else supervisee.name)
    try:
        payload = AgreementPayloadV1(
            schema="agreement", version=1, agreement_version=signed.version, agreed_on=signed.agreed_on,
            supervisor_name=terms.supervisor_name, supervisee_name=terms.supervisee_name,
            line_manager=terms.line_manager, mode=terms.mode.value, place=terms.place,
            technology_notes=terms.technology_notes, frequency_weeks=terms.frequency_weeks,
            length_minutes=terms.length_minutes, protected_time_committed=terms.protected_time_committed,
            confidentiality_terms=terms.confidentiality_terms, review_date=terms.review_date,
            fingerprint=signed.fingerprint, pdf=base64.b64encode(signed.pdf).decode("ascii"))
    except ValidationError as error:
        if has_hidden_characters(error):
            raise ExchangeError(HIDDEN_IN_EXPORT.format(what="agreement")) from None
        raise ExchangeError("A part of the agreement is longer than a file can carry "
                            "(names and the place 200 characters, other text 5,000).") from None
    with store.transaction():
        return exchange.seal_pack("agreement", payload, pairing, agreement_subject(payload))


def _import_agreement(exchange: ExchangeService, payload: AgreementPayloadV1, pairing: Pairing,
                      supervisor: Person) -> str:
    from supervision_app.exchange.service import _signers
    from supervision_app.services.verification import fingerprint_as_signed

    pdf = base64.b64decode(payload.pdf)
    report = exchange._verify(pdf)
    signed_by = _signers(report)
    if signed_by != {FIELD_NAMES["supervisor"]: pairing.fingerprint}:
        raise PackRefused(f"The agreement in this file does not carry a valid signature from {supervisor.name} "
                          "alone, so nothing was imported.")
    if report.document != "agreement":
        raise PackRefused("The file holds something other than a supervision agreement, so nothing was imported.")
    from supervision_app.services.agreement_pdf import terms_document
    from supervision_app.services.pdf_note import note_fingerprint

    # The terms in words (shown beside the PDF to be signed) must be what the signed PDF prints.
    printed = terms_document(_terms(payload), exchange.content, version=payload.agreement_version,
                             agreed_on=payload.agreed_on)
    if {fingerprint_as_signed(pdf, FIELD_NAMES["supervisor"]), note_fingerprint(printed)} != {payload.fingerprint}:
        raise PackRefused("The file's details do not match the signed agreement in it, so nothing was imported.")
    named = report.named
    if named is not None and named.supervisee_key and named.supervisee_key != exchange.identity().fingerprint:
        raise PackRefused("The agreement in this file names someone else to sign it as supervisee, "
                          "so nothing was imported.")
    earlier = next((held for held in agreements.received(exchange.store, supervisor.id)
                    if held[0].version == payload.agreement_version), None)
    if earlier is not None and earlier[2] >= 2:
        raise PackRefused(f"You have already signed version {payload.agreement_version} of the agreement, "
                          "so this file was not imported.")
    received = ReceivedAgreement(supervisor.id, payload.agreement_version, payload.agreed_on, payload.fingerprint,
                                 _terms(payload), exchange.now())
    agreements.save_received(exchange.store, received, pdf, 1)
    return (f"Version {payload.agreement_version} of the supervision agreement from {supervisor.name}, dated "
            f"{format_long_date(payload.agreed_on)}: the signature is theirs and nothing was altered. "
            "Read it and sign it on My supervision.")


def _terms(payload: AgreementPayloadV1) -> SharedTerms:
    return SharedTerms(
        supervisor_name=payload.supervisor_name, supervisee_name=payload.supervisee_name,
        line_manager=payload.line_manager, mode=SessionMode(payload.mode), place=payload.place,
        technology_notes=payload.technology_notes, frequency_weeks=payload.frequency_weeks,
        length_minutes=payload.length_minutes, protected_time_committed=payload.protected_time_committed,
        confidentiality_terms=payload.confidentiality_terms, review_date=payload.review_date)


# --- the supervisee countersigns -----------------------------------------------------------------


def countersign_agreement(exchange: ExchangeService, supervisor_id: int) -> bytes:
    """Sign the latest agreement received from the supervisor, keep it, and seal it for them."""
    store = exchange.store
    supervisor = store.get_person(supervisor_id)
    found = agreements.latest_received(store, supervisor_id)
    if found is None:
        raise ExchangeError(f"There is no agreement from {supervisor.name} here; import their file first.")
    received, pdf, signatures = found
    if signatures >= 2:
        raise ExchangeError(f"You have already signed version {received.version} of the agreement; "
                            "send the signed copy again instead.")
    pairing = _paired(exchange, supervisor, PersonRole.SUPERVISOR)
    exchange.check_to_countersign(
        pdf, pairing, unverified="The agreement was not signed, because it did not verify",
        someone_else="This agreement is for someone else to sign, so it was not signed.")
    now = exchange.now()
    from supervision_app.services.signing import sign_note

    try:
        signed = sign_note(pdf, exchange.identity(), "supervisee", fonts_dir=exchange.notes.fonts_dir,
                           when=now.astimezone(UTC), reason=SUPERVISEE_REASON,
                           timestamp_url=exchange.notes.timestamp_url())
    except SigningError as error:
        raise ExchangeError(str(error)) from None
    updated = replace(received, countersigned_at=now)
    with store.transaction():
        agreements.save_received(store, updated, signed, 2)
        audit.record(store, AuditAction.NOTE_SIGNED, _peer(pairing), "agreement as supervisee")
        return _seal_signed(exchange, updated, signed, pairing)


def resend_countersigned_agreement(exchange: ExchangeService, supervisor_id: int) -> bytes:
    """The latest agreement signed by both, sealed again for when the first file went astray."""
    found = agreements.latest_received(exchange.store, supervisor_id)
    if found is None or found[2] < 2:
        raise ExchangeError("Sign the agreement first.")
    pairing = _paired(exchange, exchange.store.get_person(supervisor_id), PersonRole.SUPERVISOR)
    with exchange.store.transaction():
        return _seal_signed(exchange, found[0], found[1], pairing)


def _seal_signed(exchange: ExchangeService, received: ReceivedAgreement, pdf: bytes, pairing: Pairing) -> bytes:
    assert received.countersigned_at is not None
    payload = AgreementSignedPayloadV1(schema="agreement_signed", version=1, agreement_version=received.version,
                                       pdf=base64.b64encode(pdf).decode("ascii"),
                                       signed_at=received.countersigned_at)
    return exchange.seal_pack("agreement_signed", payload, pairing, agreement_subject(payload))


def _import_signed(exchange: ExchangeService, payload: AgreementSignedPayloadV1, pairing: Pairing,
                   supervisee: Person) -> str:
    from supervision_app.exchange.service import _signers

    store = exchange.store
    version = payload.agreement_version
    kept = agreements.version_of(store, supervisee.id, version)
    if kept is None:
        raise PackRefused(f"This vault holds no version {version} of the agreement with {supervisee.name}, "
                          "so nothing was imported.")
    if kept.signatures >= 2:
        raise PackRefused(f"Version {version} of the agreement, signed by both of you, is already kept.")
    pdf = base64.b64decode(payload.pdf)
    if not pdf.startswith(kept.pdf) or len(pdf) == len(kept.pdf):
        raise PackRefused("The agreement in this file is not the one you signed, so nothing was imported.")
    report = exchange._verify(pdf)
    if _signers(report) != {FIELD_NAMES["supervisor"]: exchange.identity().fingerprint,
                            FIELD_NAMES["supervisee"]: pairing.fingerprint}:
        raise PackRefused(f"The agreement in this file does not carry valid signatures from you and "
                          f"{supervisee.name}, so nothing was imported.")
    reason = next(s.reason for s in report.signatures if s.field == FIELD_NAMES["supervisee"])
    if reason != SUPERVISEE_REASON:
        raise PackRefused("The file's details do not match the signed agreement in it, so nothing was imported.")
    agreements.keep_countersigned(store, supervisee.id, version, pdf)
    latest = agreements.latest(store, supervisee.id)
    newer = (f" Version {latest.version} is newer and still needs their signature."
             if latest is not None and latest.version > version else "")
    return (f"{supervisee.name} signed version {version} of the supervision agreement. Both signatures are "
            f"verified; it is kept signed by both of you.{newer}")


# --- the review's answers, either way ---------------------------------------------------------------


def export_review(exchange: ExchangeService, person_id: int) -> bytes:
    """My answers to the review of the current agreement with ``person``, sealed for them."""
    store = exchange.store
    person = store.get_person(person_id)
    role = PersonRole.SUPERVISEE if person.role is PersonRole.SUPERVISEE else PersonRole.SUPERVISOR
    pairing = _paired(exchange, person, role)
    reviews = review_service(exchange)
    kept = reviews.review(person)
    if kept is None or kept.mine is None or not kept.mine.answers:
        raise ExchangeError("Answer the review first, then send your answers.")
    try:
        payload = ReviewPayloadV1(
            schema="review", version=1, agreement_version=kept.version, answered_by=exchange.profile().name,
            answered_at=kept.mine.answered_at or exchange.now(),
            answers=[ReviewAnswerV1(question=q, rating=a.rating, comment=a.comment)
                     for q, a in kept.mine.answers.items()])
    except ValidationError as error:
        if has_hidden_characters(error):
            raise ExchangeError(HIDDEN_IN_EXPORT.format(what="review")) from None
        raise ExchangeError(f"Shorten each comment to {MAX_COMMENT:,} characters or fewer.") from None
    with store.transaction():
        agreements.save_review(store, person.id, replace(kept, sent_at=exchange.now()))
        return exchange.seal_pack("review", payload, pairing, agreement_subject(payload))


def _import_review(exchange: ExchangeService, payload: ReviewPayloadV1, sender: Person) -> str:
    reviews = review_service(exchange)
    content = reviews.content
    if any(a.question not in content.question_ids or a.rating not in content.rating_ids for a in payload.answers):
        raise PackRefused("The file names review questions or answers this app does not know; "
                          "check that you both have the same version of the app.")
    if len({a.question for a in payload.answers}) != len(payload.answers):
        raise PackRefused("The file answers a review question twice, so nothing was imported.")
    current = reviews.current_version(sender)
    if current != payload.agreement_version:
        raise PackRefused(f"These answers are about version {payload.agreement_version} of the agreement, "
                          f"but the one held here is {'none' if current is None else f'version {current}'}, "
                          "so nothing was imported.")
    answers = ReviewAnswers({a.question: ReviewAnswer(a.rating, a.comment) for a in payload.answers},
                            payload.answered_at)
    kept = reviews.receive_answers(sender, payload.agreement_version, answers)
    then = ("Open the review to see where your answers differ." if kept.mine is not None
            else "Answer the review yourself to compare them.")
    return (f"{sender.name}'s answers to the review of the agreement (version {payload.agreement_version}): "
            f"the signature is theirs and nothing was altered. {then}")


# --- importing, for exchange/service.py ---------------------------------------------------------


def import_agreement_pack(exchange: ExchangeService, payload: AgreementPayload, pairing: Pairing,
                          sender: Person) -> ImportOutcome:
    from supervision_app.exchange.service import ImportOutcome

    if isinstance(payload, AgreementPayloadV1):
        return ImportOutcome("agreement", _import_agreement(exchange, payload, pairing, sender), sender.id)
    if isinstance(payload, AgreementSignedPayloadV1):
        return ImportOutcome("agreement_signed", _import_signed(exchange, payload, pairing, sender), sender.id)
    return ImportOutcome("review", _import_review(exchange, payload, sender), sender.id)
