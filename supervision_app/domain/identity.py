"""A person's signing identity: their certificate and private key, as stored in the vault."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


def certificate_fingerprint(certificate_der: bytes) -> str:
    """SHA-256 of a certificate, upper-case hex in groups of four, for people to compare."""
    digest = hashlib.sha256(certificate_der).hexdigest().upper()
    return " ".join(digest[i:i + 4] for i in range(0, len(digest), 4))


@dataclass(frozen=True)
class SigningIdentity:
    name: str
    role: str
    certificate_der: bytes = field(repr=False)
    private_key_der: bytes = field(repr=False)

    @property
    def fingerprint(self) -> str:
        return certificate_fingerprint(self.certificate_der)


@dataclass(frozen=True)
class SignedNote:
    """The kept PDF of a session's note: how many of the two signatures it carries, and what it shows."""

    session_id: int
    pdf: bytes = field(repr=False)
    fingerprint: str
    signatures: int
    page_size: str = "A4"
    hidden_sections: frozenset[str] = frozenset()
