"""The agreement's signed versions and its reviews in an access request's export (``services/access_document``).

Each version is listed with who has signed it (the supervisor signs first, the supervisee second, so the
number of signatures says who) and copied into the folder byte for byte, as the signed notes are. Each review
holds the supervisee's own answers and the supervisor's: the supervisor's are in full too, marked private
while they have not been sent, as every private item in the export is (opinions about the person are their
data).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from supervision_app.content import AgreementReviewContent
from supervision_app.domain.agreement import SignedAgreement
from supervision_app.domain.codec import to_json
from supervision_app.domain.review import AgreementReview, ReviewAnswers
from supervision_app.formatting import format_long_date, format_long_datetime
from supervision_app.services.note import Section, Table
from supervision_app.storage import agreements
from supervision_app.storage.records import SqlRecordStore


@dataclass(frozen=True)
class HeldAgreements:
    """The signed versions of the agreement with the person, oldest first, and the reviews of them."""

    versions: list[SignedAgreement]
    reviews: list[AgreementReview]


def held_agreements(store: SqlRecordStore, person_id: int) -> HeldAgreements:
    return HeldAgreements(agreements.versions(store, person_id), agreements.reviews(store, person_id))


def agreement_file(version: int) -> str:
    """Where a signed version of the agreement goes in the export folder, byte for byte."""
    return f"signed-agreements/agreement-version-{version}.pdf"


def signed_by(signatures: int) -> list[str]:
    """Who has signed a version, by role: the supervisor signs it first, the supervisee second."""
    return ["supervisor", "supervisee"][:signatures]


# --- JSON ----------------------------------------------------------------------------------


def _when(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def _answers(answers: ReviewAnswers | None, **extra: str | None) -> dict[str, Any] | None:
    if answers is None:
        return None
    return {"answered_at": _when(answers.answered_at), **extra, "answers": [
        {"question": question, "rating": answer.rating, "comment": answer.comment}
        for question, answer in answers.answers.items()]}


def agreements_json(held: HeldAgreements) -> dict[str, Any]:
    """The ``agreement_versions`` and ``agreement_reviews`` parts of ``all-records.json``."""
    return {
        "agreement_versions": [{
            "version": signed.version, "agreed_on": signed.agreed_on.isoformat(),
            "file": agreement_file(signed.version), "sha256": hashlib.sha256(signed.pdf).hexdigest(),
            "fingerprint": signed.fingerprint,
            "signatures": signed.signatures, "signed_by": signed_by(signed.signatures),
            "agreement": json.loads(to_json(signed.agreement)),
        } for signed in held.versions],
        "agreement_reviews": [{
            "agreement_version": review.version,
            "their_answers": _answers(review.theirs, received_at=_when(review.received_at)),
            "supervisor_answers": _answers(review.mine, sent_at=_when(review.sent_at)),
        } for review in held.reviews],
    }


# --- the readable sections --------------------------------------------------------------------


def agreement_sections(held: HeldAgreements, content: AgreementReviewContent, supervisor: str,
                       person: str) -> list[Section]:
    who = {"supervisor": f"{supervisor} (supervisor)", "supervisee": f"{person} (supervisee)"}
    versions = Section("agreement_versions", "Signed versions of the agreement", table=Table(
        ("Version", "Signed by", "File in this folder", "Fingerprint"),
        tuple((f"{signed.version}, {format_long_date(signed.agreed_on)}",
               " and ".join(who[role] for role in signed_by(signed.signatures)) or "No one yet",
               agreement_file(signed.version), signed.fingerprint) for signed in held.versions)),
        empty_text="No version of the agreement has been signed.")
    reviews = Section("agreement_reviews", "Reviews of the agreement (“Is our supervision working?”)",
                      subsections=tuple(_review(review, content, supervisor, person) for review in held.reviews),
                      empty_text="The agreement has not been reviewed.")
    return [versions, reviews]


def _review(review: AgreementReview, content: AgreementReviewContent, supervisor: str, person: str) -> Section:
    theirs = (f"Their answers, given {_long(review.theirs.answered_at)} and received {_long(review.received_at)}"
              if review.theirs else "")
    shared = (f"sent to them {_long(review.sent_at)}" if review.sent_at
              else "Private: kept on this computer only, never sent to them")
    mine = f"{supervisor}'s answers, given {_long(review.mine.answered_at)}; {shared}" if review.mine else ""
    parts = [_answers_section(f"theirs:{review.version}", theirs, review.theirs, content, f"{person} has not "
                              "sent answers."),
             _answers_section(f"mine:{review.version}", mine or f"{supervisor}'s answers", review.mine, content,
                              f"{supervisor} has not answered.")]
    return Section(f"agreement_review:{review.version}", f"Review of version {review.version}",
                   subsections=tuple(parts))


def _answers_section(key: str, title: str, answers: ReviewAnswers | None, content: AgreementReviewContent,
                     empty: str) -> Section:
    rows = () if answers is None else tuple(
        (_question(content, question), content.rating_text(answer.rating), answer.comment)
        for question, answer in answers.answers.items())
    return Section(key, title or "Their answers", table=Table(("Question", "Answer", "Comment"), rows),
                   empty_text=empty)


def _question(content: AgreementReviewContent, question_id: str) -> str:
    return next((q.question for q in content.questions if q.id == question_id), question_id)


def _long(value: datetime | None) -> str:
    return f"on {format_long_datetime(value)}" if value else "at a time not recorded"
