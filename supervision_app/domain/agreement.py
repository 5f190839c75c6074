"""The supervision agreement between a supervisor and one supervisee (Who, Where, When)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from supervision_app.domain.model import SessionMode

MONTHLY_WEEKS = 4
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
        if self.frequency_weeks == MONTHLY_WEEKS:
            return "monthly"
        if self.frequency_weeks == 2:
            return "fortnightly"
        if self.frequency_weeks == 1:
            return "weekly"
        return f"every {self.frequency_weeks} weeks"


@dataclass(frozen=True)
class SignedAgreement:
    """One signed version of an agreement: the agreement it shows, its PDF and how many signatures it carries."""

    agreement: Agreement
    version: int
    agreed_on: date
    pdf: bytes = field(repr=False)
    fingerprint: str
    signatures: int
