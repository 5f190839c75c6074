"""Handing a supervisee's whole record over to another supervisor, as plain values.

A handover is sent once, by the supervisor who is leaving (or whose supervisee
moves), to another supervisor they have paired with as a colleague. Both vaults
keep a :class:`Handover`: the sender's says where the record went, the
receiver's where it came from and whose keys signed the notes it carried, so
those notes still verify there (``services/signers.known_signers``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from supervision_app.domain.identity import public_key_fingerprint


@dataclass(frozen=True)
class HandedOverSigner:
    """A key that signed notes in a handed-over record: whose it was and which field it signed."""

    role: str  # "supervisor" or "supervisee"
    name: str
    public_key_der: bytes = field(repr=False)

    @property
    def fingerprint(self) -> str:
        return public_key_fingerprint(self.public_key_der)


@dataclass(frozen=True)
class Handover:
    """One handover sent (``out``) or received (``in``) for one supervisee of this vault."""

    pack_id: str
    direction: str  # "in" or "out"
    supervisee_id: int
    peer_name: str  # the other supervisor, as this vault knows them
    peer_fingerprint: str
    handed_over_at: datetime
    signers: tuple[HandedOverSigner, ...] = ()  # received only
    session_ids: tuple[int, ...] = ()  # this vault's ids of the sessions handed over
