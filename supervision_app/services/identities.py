"""Each person's signing key and self-signed certificate: cryptography only, so making one loads no PDF code."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from supervision_app.domain.identity import SigningIdentity


class SigningError(ValueError):
    """The note cannot be signed as asked (already signed, wrong field, not a note).

    Here, not in :mod:`.signing`, so that code which only catches it loads no pyHanko.
    """


def new_signing_identity(name: str, role: str, now: datetime | None = None) -> SigningIdentity:
    now = now or datetime.now(UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, name[:64]),  # X.509 allows 64 characters
        x509.NameAttribute(NameOID.TITLE, role[:64] or "Supervisor"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "supervision-app personal signing certificate"),
    ])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365 * 20))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .sign(key, hashes.SHA256())
    )
    return SigningIdentity(
        name=name, role=role,
        certificate_der=certificate.public_bytes(serialization.Encoding.DER),
        private_key_der=key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()),
    )
