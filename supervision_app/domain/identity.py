"""A person's signing identity: their certificate and private key, as stored in the vault.

A fingerprint identifies a person's *key*: the SHA-256 of the certificate's
SubjectPublicKeyInfo (as in RFC 7469 pinning), not of the whole certificate.
So a pairing code that carries only the public key gives the same fingerprint
as the pairing file that carries the certificate, and both people can compare
the same string.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from cryptography import x509
from cryptography.hazmat.primitives import serialization


def public_key_fingerprint(public_key_der: bytes) -> str:
    """SHA-256 of a SubjectPublicKeyInfo, upper-case hex in groups of four, for people to compare."""
    digest = hashlib.sha256(public_key_der).hexdigest().upper()
    return " ".join(digest[i:i + 4] for i in range(0, len(digest), 4))


def certificate_public_key(certificate_der: bytes) -> bytes:
    """The SubjectPublicKeyInfo (DER) of a certificate."""
    return x509.load_der_x509_certificate(certificate_der).public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def certificate_fingerprint(certificate_der: bytes) -> str:
    """The fingerprint of the key a certificate carries (see the module's note)."""
    return public_key_fingerprint(certificate_public_key(certificate_der))


@dataclass(frozen=True)
class SigningIdentity:
    name: str
    role: str
    certificate_der: bytes = field(repr=False)
    private_key_der: bytes = field(repr=False)

    @property
    def fingerprint(self) -> str:
        return certificate_fingerprint(self.certificate_der)

    @property
    def public_key_der(self) -> bytes:
        return certificate_public_key(self.certificate_der)


@dataclass(frozen=True)
class SignedNote:
    """The kept PDF of a session's note: how many of the two signatures it carries, and what it shows."""

    session_id: int
    pdf: bytes = field(repr=False)
    fingerprint: str
    signatures: int
    page_size: str = "A4"
    hidden_sections: frozenset[str] = frozenset()
