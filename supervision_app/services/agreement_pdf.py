"""The supervision agreement as a signed PDF, drawn and signed exactly as the session note is.

The agreement becomes a :class:`NoteDocument` (Who, Where, When, the terms, the
review date and the toolkit's section 5 definition, quoted with its citation),
so the note's renderer draws it with the same fonts, page furniture and two
signature boxes, and the supervisor signs it with the same PAdES signature.
Each signed version is kept (storage/agreements.py): a changed agreement is
signed as a new version and the earlier ones stay.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from supervision_app.content import ToolkitContent, by_id
from supervision_app.domain.agreement import AGREEMENT_TITLE, Agreement, SharedTerms, SignedAgreement, shared_terms
from supervision_app.domain.model import Person
from supervision_app.domain.signatures import NamedSigners
from supervision_app.formatting import format_long_date
from supervision_app.services.identities import SigningError
from supervision_app.services.note import NoteDocument, Section
from supervision_app.services.notes import NoteService
from supervision_app.storage import agreements

TITLE = AGREEMENT_TITLE
MARKING = "CONFIDENTIAL: supervision agreement. Share only with the people it names."
SUPERVISOR_REASON = "Supervisor: this is our supervision agreement"
DEFINITION_ID = "definition"


def agreement_document(agreement: Agreement, supervisor: Person, supervisee: Person, content: ToolkitContent,
                       *, version: int, agreed_on: date) -> NoteDocument:
    """The agreement as the note renderer's document: what the PDF prints, field by field."""
    return terms_document(shared_terms(agreement, supervisor.name, supervisee.name), content, version=version,
                          agreed_on=agreed_on)


def terms_document(shared: SharedTerms, content: ToolkitContent, *, version: int, agreed_on: date) -> NoteDocument:
    """The same from the terms in words, as a supervisee's install receives them: the fingerprint of what it
    prints must be the signed PDF's (exchange/agreement.py checks it)."""
    who = Section("who", "Who", fields=(("Supervisor", shared.supervisor_name), ("Supervisee", shared.supervisee_name),
                                        ("Line manager", shared.line_manager)))
    where_fields = [("How we meet", shared.mode.label), ("Place", shared.place or "Not set")]
    if shared.technology_notes:
        where_fields.append(("Technology", shared.technology_notes))
    where = Section("where", "Where", fields=tuple(where_fields))
    when = Section("when", "When", fields=(
        ("How often", shared.cadence_label.capitalize()),
        ("Length", f"{shared.length_minutes} minutes"),
        ("Protected time", "Yes, the time is protected" if shared.protected_time_committed else "Not agreed")))
    terms = Section("confidentiality", "Confidentiality", paragraphs=(shared.confidentiality_terms,)
                    if shared.confidentiality_terms else (), empty_text="No terms written.")
    review = Section("review", "Review", fields=(
        ("Review by", format_long_date(shared.review_date) if shared.review_date else "Not set"),))
    sections = [who, where, when, terms, review]
    try:
        definition = by_id(content.frame.guidance, DEFINITION_ID)
    except KeyError:
        definition = None
    if definition is not None:
        cite = content.frame.source.citation + (f": {definition.cite}" if definition.cite else "")
        sections.append(Section("definition", definition.heading, paragraphs=(*definition.paragraphs, cite)))
    return NoteDocument(
        title=TITLE,
        header=(("Supervisor", shared.supervisor_name), ("Supervisee", shared.supervisee_name),
                ("Date", format_long_date(agreed_on)), ("Version", str(version))),
        sections=tuple(sections), status="Signed by the supervisor; the supervisee signs on their own computer",
        marking=MARKING)


class AgreementService:
    """Renders, signs and keeps the signed versions of each supervisee's agreement."""

    def __init__(self, notes: NoteService, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.notes = notes
        self.store = notes.store
        self._clock = clock

    def versions(self, supervisee: Person) -> list[SignedAgreement]:
        return agreements.versions(self.store, supervisee.id)

    def current_signed(self, supervisee: Person) -> SignedAgreement:
        """The signed version of the agreement as it stands: the kept one, or a new version signed now."""
        agreement = self.store.get_agreement(supervisee.id)
        if agreement is None:
            raise SigningError(f"There is no agreement with {supervisee.name} yet; set one up in the app first.")
        kept = agreements.latest(self.store, supervisee.id)
        if kept is not None and kept.agreement == agreement:
            return kept
        return self.sign_as_supervisor(supervisee, agreement, version=kept.version + 1 if kept else 1)

    def sign_as_supervisor(self, supervisee: Person, agreement: Agreement, *, version: int) -> SignedAgreement:
        from supervision_app.services.pdf_note import render_note_pdf
        from supervision_app.services.signing import add_signature_fields, sign_note

        supervisor = self.store.own_profile()
        if supervisor is None:
            raise SigningError("Add your own details (People → About you) before signing the agreement.")
        when = self._clock()
        day = when.astimezone(ZoneInfo("Europe/London")).date()
        document = agreement_document(agreement, supervisor, supervisee, self.notes.content, version=version,
                                      agreed_on=day)
        rendered = render_note_pdf(document, fonts_dir=self.notes.fonts_dir, author=supervisor.name)
        identity = self.notes.ensure_identity(supervisor)
        pairing = self.store.pairing_for(supervisee.id)
        named = NamedSigners(supervisor.name, identity.fingerprint, supervisee.name,
                             pairing.fingerprint if pairing is not None else "")
        with_fields = add_signature_fields(rendered.pdf, rendered.signature_boxes, named)
        signed = sign_note(with_fields, identity, "supervisor", fonts_dir=self.notes.fonts_dir, when=when,
                           reason=SUPERVISOR_REASON, timestamp_url=self.notes.timestamp_url())
        return agreements.add_version(self.store, agreement, day, signed, rendered.fingerprint, 1)
