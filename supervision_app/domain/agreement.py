"""The supervision agreement between a supervisor and one supervisee (Who, Where, When)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from supervision_app.domain.model import SessionMode

MONTHLY_WEEKS = 4
AGREEMENT_TITLE = "Supervision agreement"
"""The agreement PDF's title (its document information says "Supervision agreement, <date>")."""
NEWLY_QUALIFIED_WEEKS = 2


@dataclass(frozen=True)
class Agreement:
    supervisee_id: int
    # Who
    supervisor_is_line_manager: bool = True
    line_manager_name: str = ""
    # Where
    mode: SessionMode = SessionMode.IN_PERSON
    place: str = ""
    technology_notes: str = ""
    # When
    frequency_weeks: int = MONTHLY_WEEKS
    length_minutes: int = 90
    protected_time_committed: bool = True
    # Terms
    confidentiality_terms: str = ""
    review_date: date | None = None

    @classmethod
    def default_for(cls, supervisee_id: int, *, newly_qualified: bool, today: date) -> Agreement:
        """A starting agreement: monthly, or fortnightly for a newly qualified worker."""
        return cls(
            supervisee_id=supervisee_id,
            frequency_weeks=NEWLY_QUALIFIED_WEEKS if newly_qualified else MONTHLY_WEEKS,
            length_minutes=90,
            confidentiality_terms=(
                "What we discuss stays between us, except where there is a risk to you or others, "
                "or a concern about practice that must be shared. Nothing is shared without telling you first."
            ),
            review_date=date(today.year + 1, today.month, min(today.day, 28)),
        )

    @property
    def cadence_label(self) -> str:
        return cadence_label(self.frequency_weeks)


def cadence_label(weeks: int) -> str:
    """How often, in words: "monthly", "fortnightly", "weekly" or "every 3 weeks"."""
    if weeks == MONTHLY_WEEKS:
        return "monthly"
    if weeks == 2:
        return "fortnightly"
    if weeks == 1:
        return "weekly"
    return f"every {weeks} weeks"


@dataclass(frozen=True)
class SignedAgreement:
    """One signed version of an agreement: the agreement it shows, its PDF and how many signatures it carries."""

    agreement: Agreement
    version: int
    agreed_on: date
    pdf: bytes = field(repr=False)
    fingerprint: str
    signatures: int


@dataclass(frozen=True)
class SharedTerms:
    """An agreement as both people hold it: what the signed PDF says, field by field, in words."""

    supervisor_name: str
    supervisee_name: str
    line_manager: str
    mode: SessionMode
    place: str
    technology_notes: str
    frequency_weeks: int
    length_minutes: int
    protected_time_committed: bool
    confidentiality_terms: str
    review_date: date | None

    @property
    def cadence_label(self) -> str:
        return cadence_label(self.frequency_weeks)


@dataclass(frozen=True)
class ReceivedAgreement:
    """A version of the agreement as the supervisee's install keeps it, from the supervisor who sent it."""

    supervisor_id: int
    version: int
    agreed_on: date
    fingerprint: str
    terms: SharedTerms
    received_at: datetime
    countersigned_at: datetime | None = None


def line_manager_words(agreement: Agreement, supervisor_name: str) -> str:
    """Who the line manager is, as the PDF prints it."""
    if agreement.supervisor_is_line_manager:
        return f"{supervisor_name} (the supervisor)"
    return agreement.line_manager_name or "Not named"


def shared_terms(agreement: Agreement, supervisor_name: str, supervisee_name: str) -> SharedTerms:
    return SharedTerms(
        supervisor_name=supervisor_name, supervisee_name=supervisee_name,
        line_manager=line_manager_words(agreement, supervisor_name), mode=agreement.mode, place=agreement.place,
        technology_notes=agreement.technology_notes, frequency_weeks=agreement.frequency_weeks,
        length_minutes=agreement.length_minutes, protected_time_committed=agreement.protected_time_committed,
        confidentiality_terms=agreement.confidentiality_terms, review_date=agreement.review_date)


SUPERVISEE_REASON = "Supervisee: I agree to this supervision agreement"
"""What the supervisee's signature on an agreement says (the supervisor's is in services/agreement_pdf)."""
