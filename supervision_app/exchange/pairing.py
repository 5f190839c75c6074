"""Pairing cards: a person's public key, sent once as a small file or read out as a short code.

The file (``.svpair``) is JSON with the person's name, their role in the
relationship and their certificate. The code carries only what must be
exact: the role and the compressed public key (33 bytes), with a 16-bit
checksum so a misheard character is caught, in Crockford base32 (no I, L, O
or U, case-insensitive), 58 characters in groups of six. Nothing here is
secret: a card is a public key. What matters is that the two people compare
the fingerprint each app shows.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import unicodedata
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from supervision_app.domain.identity import certificate_public_key, public_key_fingerprint
from supervision_app.domain.model import PersonRole
from supervision_app.exchange.envelope import ExchangeError
from supervision_app.untrusted import is_plain

CARD_FORMAT = "supervision-app-pairing"
CARD_VERSION = 1
MAX_CARD_BYTES = 16 * 1024
MAX_NAME_LENGTH = 200
_CODE_VERSION = 1
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32
_CODE_GROUP = 6
_ROLE_BYTES = {PersonRole.SUPERVISOR: 1, PersonRole.SUPERVISEE: 2, PersonRole.COLLEAGUE: 3}


class CardRefused(ExchangeError):
    """A pairing file or code that cannot be used; ``str()`` is the sentence for the user."""


@dataclass(frozen=True)
class PairingCard:
    role: PersonRole  # the role of the card's owner in this relationship
    public_key_der: bytes
    name: str = ""  # empty when the card came from a code
    certificate_der: bytes | None = None

    @property
    def fingerprint(self) -> str:
        return public_key_fingerprint(self.public_key_der)


def card_to_file(card: PairingCard) -> bytes:
    if card.certificate_der is None:
        raise ValueError("a pairing file carries the certificate")
    document = {"format": CARD_FORMAT, "version": CARD_VERSION, "role": card.role.value, "name": card.name,
                "certificate": base64.b64encode(card.certificate_der).decode("ascii")}
    return json.dumps(document, indent=1, ensure_ascii=True).encode("ascii") + b"\n"


def card_from_file(data: bytes) -> PairingCard:
    damaged = CardRefused("The file is not a pairing file, or it is damaged.")
    if len(data) > MAX_CARD_BYTES:
        raise damaged
    try:
        document = json.loads(data.decode("ascii"))
    except (ValueError, RecursionError):  # ValueError also covers bad encoding and over-long integers
        raise damaged from None
    if not isinstance(document, dict) or set(document) != {"format", "version", "role", "name", "certificate"} \
            or document["format"] != CARD_FORMAT:
        raise damaged
    if type(document["version"]) is not int or document["version"] != CARD_VERSION:  # not true, not 1.0
        raise CardRefused("The pairing file was made by a different version of the app.")
    if document["role"] not in ("supervisor", "supervisee", "colleague") or not isinstance(document["name"], str) \
            or not isinstance(document["certificate"], str):
        raise damaged
    name = unicodedata.normalize("NFC", document["name"].strip())
    if not name or len(name) > MAX_NAME_LENGTH:
        raise damaged
    if not is_plain(name):
        raise CardRefused("The name in the pairing file holds hidden or direction-changing characters, "
                          "so it cannot be used.")
    try:
        certificate = base64.b64decode(document["certificate"], validate=True)
        key = x509.load_der_x509_certificate(certificate).public_key()
    except (binascii.Error, ValueError):
        raise damaged from None
    if not isinstance(key, ec.EllipticCurvePublicKey) or not isinstance(key.curve, ec.SECP256R1):
        raise CardRefused("The pairing file holds a key this app does not make.")
    return PairingCard(PersonRole(document["role"]), certificate_public_key(certificate), name, certificate)


def card_to_code(card: PairingCard) -> str:
    key = serialization.load_der_public_key(card.public_key_der)
    assert isinstance(key, ec.EllipticCurvePublicKey)
    point = key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint)
    body = bytes([_CODE_VERSION << 4 | _ROLE_BYTES[card.role]]) + point
    raw = body + hashlib.sha256(body).digest()[:2]
    digits = _base32(raw)
    return "-".join(digits[i:i + _CODE_GROUP] for i in range(0, len(digits), _CODE_GROUP))


def card_from_code(code: str) -> PairingCard:
    """Read a typed code; spaces, dashes, case and the look-alikes O/o→0, I/i/L/l→1 are forgiven."""
    cleaned = "".join(code.split()).replace("-", "").upper().translate(str.maketrans("OIL", "011"))
    wrong = CardRefused("That pairing code is not right; check each character and type it again.")
    if len(cleaned) != 58 or any(ch not in _ALPHABET for ch in cleaned):
        raise wrong
    raw = _unbase32(cleaned)
    body, checksum = raw[:34], raw[34:]
    if hashlib.sha256(body).digest()[:2] != checksum:
        raise wrong
    if body[0] >> 4 != _CODE_VERSION:
        raise CardRefused("That pairing code was made by a different version of the app.")
    roles = {value: role for role, value in _ROLE_BYTES.items()}
    role = roles.get(body[0] & 0x0F)
    if role is None:
        raise wrong
    try:
        key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), body[1:])
    except ValueError:
        raise wrong from None
    return PairingCard(role, key.public_bytes(serialization.Encoding.DER,
                                              serialization.PublicFormat.SubjectPublicKeyInfo))


def _base32(raw: bytes) -> str:
    number, bits = int.from_bytes(raw, "big"), len(raw) * 8
    count = -(-bits // 5)
    number <<= count * 5 - bits
    return "".join(_ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(count)))


def _unbase32(text: str) -> bytes:
    number = 0
    for ch in text:
        number = number << 5 | _ALPHABET.index(ch)
    spare = len(text) * 5 - 36 * 8
    return (number >> spare).to_bytes(36, "big")
