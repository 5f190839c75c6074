"""A note countersigned the only way a supervisee signs: on their own install, with their own key.

What importing their ``.svsigned`` leaves in the supervisor's vault (the full
exchange is tested in tests/exchange/): the kept note, now carrying the
supervisee's signature made with a key that never was in this vault, and that
key pinned by pairing.
"""

from __future__ import annotations

from dataclasses import replace

from supervision_app.domain.exchange import Pairing, countersign_reason
from supervision_app.domain.identity import SigningIdentity
from supervision_app.domain.model import PersonRole
from supervision_app.domain.record import Confirmation
from supervision_app.paths import resources_dir
from supervision_app.services.signing import new_signing_identity, sign_note
from supervision_app.storage.records import SqlRecordStore


def countersign_on_their_own_install(store: SqlRecordStore, session_id: int,
                                     confirmation: Confirmation = Confirmation.AGREED,
                                     comment: str = "") -> SigningIdentity:
    """Sign the kept note as the supervisee with their own (new) key; return that identity."""
    kept = store.get_signed_note(session_id)
    assert kept is not None, "the supervisor signs first"
    supervisee = store.get_person(store.get_session(session_id).supervisee_id)
    theirs = new_signing_identity(supervisee.name, supervisee.job_title or "Social Worker")
    store.save_pairing(Pairing(supervisee.id, PersonRole.SUPERVISEE, theirs.public_key_der, theirs.certificate_der))
    signed = sign_note(kept.pdf, theirs, "supervisee", fonts_dir=resources_dir() / "fonts",
                       reason=countersign_reason(confirmation, comment))
    store.save_signed_note(replace(kept, pdf=signed, signatures=2))
    return theirs
