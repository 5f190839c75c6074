"""The signers a vault knows: its user, and the people paired with it, with the fields each may sign."""

from __future__ import annotations

from supervision_app.domain.identity import public_key_fingerprint
from supervision_app.domain.model import PersonRole
from supervision_app.domain.signatures import ROLES, KnownSigner
from supervision_app.storage.records import SqlRecordStore


def known_signers(store: SqlRecordStore) -> dict[str, KnownSigner]:
    """Key fingerprint → who holds it. The user's own key may sign either field (one install can be both);
    a pinned supervisee's key only the supervisee's field, a pinned supervisor's only the supervisor's.

    Keys that signed the notes of a record handed over to this vault are known for the one field each
    signed, in the name the record gave them; they never replace the user's own key, a pinned key or a
    retired one, so a handed-over key cannot stand in for the user or for anyone paired here.
    """
    known: dict[str, KnownSigner] = {}
    for der in store.retired_keys():
        known[public_key_fingerprint(der)] = KnownSigner("", frozenset(), retired=True)
    handed_over: dict[str, KnownSigner] = {}
    for handover in store.handovers():
        for carried in handover.signers:
            if carried.fingerprint not in known:
                handed_over.setdefault(carried.fingerprint, KnownSigner(carried.name, frozenset({carried.role})))
    for pairing in store.pairings():
        if pairing.their_role is PersonRole.COLLEAGUE:
            continue  # paired to hand records over; known as a signer only through a handover's notes
        role = "supervisee" if pairing.their_role is PersonRole.SUPERVISEE else "supervisor"
        known[pairing.fingerprint] = KnownSigner(store.get_person(pairing.person_id).name, frozenset({role}))
    for fingerprint, signer in handed_over.items():
        known.setdefault(fingerprint, signer)
    me = store.own_profile()
    identity = store.get_signing_identity(me.id) if me is not None else None
    if me is not None and identity is not None:
        known[identity.fingerprint] = KnownSigner(me.name, frozenset(ROLES), own=True)
    return known
