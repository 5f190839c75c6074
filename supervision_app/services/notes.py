"""The signed note of a session: preview, sign, keep, verify.

The supervisor signs first; the signature certifies the note and allows only
the supervisee's signature after it. The supervisee signs with their own key,
on their own install (the exchange: .svrecord, countersign, .svsigned): this
vault holds a usable signing key for its own user only. The latest signed PDF
of each session is kept in the vault.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from supervision_app.content import ToolkitContent
from supervision_app.domain.audit import AuditAction, session_subject
from supervision_app.domain.identity import SignedNote, SigningIdentity
from supervision_app.domain.model import Person, SessionStatus
from supervision_app.domain.signatures import NamedSigners
from supervision_app.services.handovers import held_by
from supervision_app.services.identities import SigningError, new_signing_identity
from supervision_app.services.note import OPTIONAL_SECTIONS, NoteDocument, note_for_session, with_hidden
from supervision_app.services.signers import known_signers
from supervision_app.storage import audit
from supervision_app.storage.records import SqlRecordStore

# Drawing (reportlab), signing and verifying (pyHanko) are loaded when a note is first made or checked,
# not with the main window (docs/ARCHITECTURE.md, "What is loaded when").
if TYPE_CHECKING:
    from supervision_app.services.pdf_note import RenderedNote
    from supervision_app.services.verification import VerificationReport

TIMESTAMP_URL_KEY = "timestamp_url"
"""Vault metadata: the organisation's RFC 3161 time-stamping service, if it has one."""

DEFAULT_HIDDEN = frozenset(key for key, shown in OPTIONAL_SECTIONS.items() if not shown)


@dataclass(frozen=True)
class NoteOptions:
    """What a printed copy shows: the paper size and the optional sections switched off."""

    page_size: str = "A4"
    hidden_sections: frozenset[str] = field(default_factory=lambda: DEFAULT_HIDDEN)

    def __post_init__(self) -> None:
        from supervision_app.services.pdf_note import PAGE_SIZES

        if self.page_size not in PAGE_SIZES:
            raise ValueError(f"Paper size must be one of {', '.join(PAGE_SIZES)}.")
        unknown = set(self.hidden_sections) - set(OPTIONAL_SECTIONS)
        if unknown:
            raise ValueError(f"These sections cannot be switched off: {', '.join(sorted(unknown))}.")


class NoteService:
    def __init__(self, store: SqlRecordStore, content: ToolkitContent, fonts_dir: Path,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.store = store
        self.content = content
        self.fonts_dir = fonts_dir
        self._clock = clock

    # --- the document ---------------------------------------------------------

    def document(self, session_id: int, options: NoteOptions) -> NoteDocument:
        return with_hidden(note_for_session(self.store, session_id, self.content), options.hidden_sections)

    def render(self, session_id: int, options: NoteOptions) -> RenderedNote:
        """The note exactly as it will be printed and signed, without signatures yet."""
        from supervision_app.services.pdf_note import render_note_pdf

        supervisor = self.store.own_profile()
        return render_note_pdf(self.document(session_id, options), fonts_dir=self.fonts_dir,
                               page_size=options.page_size, author=supervisor.name if supervisor else "")

    # --- identities -------------------------------------------------------------

    def identity_for(self, person: Person) -> SigningIdentity | None:
        """The user's own signing identity; nobody else's key is held here."""
        self._check_is_user(person)
        return self.store.get_signing_identity(person.id)

    def ensure_identity(self, person: Person) -> SigningIdentity:
        """The user's own signing identity, created (EC P-256, key kept in the vault) if they have none."""
        self._check_is_user(person)
        existing = self.store.get_signing_identity(person.id)
        if existing is not None:
            return existing
        identity = new_signing_identity(person.name, person.job_title or person.role.value.capitalize(),
                                        now=self._clock())
        self.store.save_signing_identity(person.id, identity)
        return identity

    def _check_is_user(self, person: Person) -> None:
        own = self.store.own_profile()
        if own is None or own.id != person.id:
            raise SigningError(f"Only your own signing key is kept here; {person.name} signs on their own computer.")

    # --- signing ------------------------------------------------------------------

    def sign_as_supervisor(self, session_id: int, options: NoteOptions) -> bytes:
        """Render the signed-off record, add both signature fields and certify it with the supervisor's key."""
        from supervision_app.services.signing import add_signature_fields, sign_note

        session = self.store.get_session(session_id)
        if session.status is not SessionStatus.SIGNED_OFF:
            raise SigningError("Sign off the session first: only a signed-off record becomes a signed note.")
        supervisor = self.store.own_profile()
        if supervisor is None:
            raise SigningError("Add your own details (People → About you) before signing notes.")
        if self.store.get_signed_note(session_id) is not None:
            # Signing again would replace the kept note, and with it any countersignature.
            raise SigningError("This session already has a signed note; save or print the one that is kept.")
        handed_over_by = held_by(self.store, session_id)
        if handed_over_by is not None:
            raise SigningError(f"This session was held by {handed_over_by} and handed over to you, so only they "
                               "could have signed its note.")
        rendered = self.render(session_id, options)
        identity = self.ensure_identity(supervisor)
        supervisee = self.store.get_person(session.supervisee_id)
        pairing = self.store.pairing_for(supervisee.id)
        named = NamedSigners(supervisor.name, identity.fingerprint, supervisee.name,
                             pairing.fingerprint if pairing is not None else "")
        with_fields = add_signature_fields(rendered.pdf, rendered.signature_boxes, named)
        signed = sign_note(with_fields, identity, "supervisor", fonts_dir=self.fonts_dir, when=self._clock(),
                           timestamp_url=self.timestamp_url())
        with self.store.transaction():
            self.store.save_signed_note(SignedNote(session_id, signed, rendered.fingerprint, 1, options.page_size,
                                                   frozenset(options.hidden_sections)))
            audit.record(self.store, AuditAction.NOTE_SIGNED, session_subject(session_id), "as supervisor")
        return signed

    def record_export(self, session_id: int, how: str) -> None:
        """Note in the activity log that the signed note left the vault (``how``: "saved as PDF", "printed")."""
        audit.record(self.store, AuditAction.NOTE_EXPORTED, session_subject(session_id), how)

    def signed_note(self, session_id: int) -> SignedNote | None:
        return self.store.get_signed_note(session_id)

    def verify(self, pdf: bytes) -> VerificationReport:
        from supervision_app.services.verification import verify_note

        return verify_note(pdf, known_signers(self.store), self.store.known_certificates())

    # --- the organisation's time-stamping service ---------------------------------

    def timestamp_url(self) -> str:
        """The RFC 3161 time-stamping service signatures ask for a trusted time; "" for none (PAdES B-B)."""
        return self.store.get_meta(TIMESTAMP_URL_KEY) or ""

    def set_timestamp_url(self, url: str) -> None:
        url = url.strip()
        parsed = urlsplit(url)
        if url and (parsed.scheme not in ("http", "https") or not parsed.hostname):
            raise ValueError("Give the time-stamping service's full address, starting with https:// or http://.")
        self.store.set_meta(TIMESTAMP_URL_KEY, url)
