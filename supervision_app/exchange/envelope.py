"""Sealing a pack for one recipient, and opening it with every check first.

A pack travels by email, USB stick or a shared drive, so it may be read,
altered, replayed or sent to the wrong person. It is therefore:

* encrypted to the recipient's public key (ECIES on P-256: an ephemeral
  ECDH key, HKDF-SHA256, AES-256-GCM with the header as authenticated data);
* signed by the sender's personal key (ECDSA P-256, SHA-256) over the header
  and the ciphertext, so nothing can be changed or re-addressed unnoticed;
* numbered (``sequence``, per sender, recipient and kind) and identified
  (``pack_id``), so an older pack or the same pack twice can be refused.

Opening checks size, structure, recipient, sender, signature and only then
decrypts. Every refusal is a :class:`PackRefused` with one plain sentence.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from supervision_app.domain.identity import SigningIdentity, public_key_fingerprint

FORMAT = "supervision-app-pack"
VERSION = 1
KINDS = ("agenda", "record", "countersigned", "handover", "agreement", "agreement_signed", "review")
MAX_PACK_BYTES = 25 * 1024 * 1024
_HEADER_FIELDS = ("format", "version", "kind", "pack_id", "created_at", "sequence", "sender", "recipient",
                  "ephemeral_key", "nonce")
_ALL_FIELDS = frozenset((*_HEADER_FIELDS, "ciphertext", "signature"))
_PACK_ID = re.compile(r"[0-9a-f]{32}")


class ExchangeError(ValueError):
    """An exchange that cannot be done as asked; ``str()`` is the one sentence for the user."""


class PackRefused(ExchangeError):
    """A pack that will not be imported; nothing was changed."""


@dataclass(frozen=True)
class OpenedPack:
    kind: str
    pack_id: str
    created_at: datetime
    sequence: int
    sender: str  # the fingerprint of the sender's key
    payload: bytes


def _canonical(document: dict[str, Any]) -> bytes:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def _public_key(public_key_der: bytes) -> ec.EllipticCurvePublicKey:
    try:
        key = serialization.load_der_public_key(public_key_der)
    except ValueError:
        raise PackRefused("The other person's key is not one this app makes.") from None
    if not isinstance(key, ec.EllipticCurvePublicKey) or not isinstance(key.curve, ec.SECP256R1):
        raise PackRefused("The other person's key is not one this app makes.")
    return key


def _private_key(identity: SigningIdentity) -> ec.EllipticCurvePrivateKey:
    key = serialization.load_der_private_key(identity.private_key_der, password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    return key


def _content_key(shared: bytes, header: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"supervision-app pack v1|" + header
                ).derive(shared)


def seal(payload: bytes, *, kind: str, sender: SigningIdentity, recipient_key: bytes, sequence: int,
         created_at: datetime) -> bytes:
    """Encrypt ``payload`` to the recipient and sign it as ``sender``; return the file's bytes."""
    if kind not in KINDS:
        raise ValueError(f"unknown pack kind {kind!r}")
    ephemeral = ec.generate_private_key(ec.SECP256R1())
    nonce = secrets.token_bytes(12)
    header = {
        "format": FORMAT,
        "version": VERSION,
        "kind": kind,
        "pack_id": uuid.uuid4().hex,
        "created_at": created_at.isoformat(timespec="seconds"),
        "sequence": sequence,
        "sender": sender.fingerprint,
        "recipient": public_key_fingerprint(recipient_key),
        "ephemeral_key": base64.b64encode(ephemeral.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)).decode("ascii"),
        "nonce": base64.b64encode(nonce).decode("ascii"),
    }
    header_bytes = _canonical(header)
    shared = ephemeral.exchange(ec.ECDH(), _public_key(recipient_key))
    ciphertext = AESGCM(_content_key(shared, header_bytes)).encrypt(
        nonce, payload, header_bytes)
    document = {**header, "ciphertext": base64.b64encode(ciphertext).decode("ascii")}
    signature = _private_key(sender).sign(_canonical(document), ec.ECDSA(hashes.SHA256()))
    document["signature"] = base64.b64encode(signature).decode("ascii")
    return json.dumps(document, indent=1).encode("ascii") + b"\n"


def open_pack(data: bytes, *, me: SigningIdentity, senders: dict[str, bytes],
              may_send: Callable[[str, str], None] | None = None) -> OpenedPack:
    """Check and decrypt a pack addressed to ``me`` from one of ``senders`` (fingerprint → public key DER).

    ``may_send(sender, kind)``, if given, raises :class:`PackRefused` when that
    sender may not send that kind of pack; it runs after the signature check
    and before anything is decrypted.
    """
    if len(data) > MAX_PACK_BYTES:
        raise PackRefused("The file is too large to be a supervision pack.")
    document = _parse(data)
    header = {name: document[name] for name in _HEADER_FIELDS}
    if document["recipient"] != me.fingerprint:
        raise PackRefused("This file was made for someone else, so it cannot be opened here.")
    sender_key = senders.get(document["sender"])
    if sender_key is None:
        raise PackRefused("This file comes from someone you have not paired with.")
    signed = {name: document[name] for name in _ALL_FIELDS if name != "signature"}
    try:
        _public_key(sender_key).verify(_b64(document["signature"]), _canonical(signed),
                                               ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise PackRefused("The file's signature does not match: it was changed after it was made.") from None
    if may_send is not None:
        may_send(document["sender"], document["kind"])
    header_bytes = _canonical(header)
    try:
        ephemeral = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), _b64(document["ephemeral_key"]))
        shared = _private_key(me).exchange(ec.ECDH(), ephemeral)
        payload = AESGCM(_content_key(shared, header_bytes)).decrypt(
            _b64(document["nonce"]), _b64(document["ciphertext"]), header_bytes)
    except (ValueError, InvalidTag):
        raise PackRefused("The file could not be decrypted; it may be damaged.") from None
    return OpenedPack(kind=document["kind"], pack_id=document["pack_id"],
                      created_at=datetime.fromisoformat(document["created_at"]),
                      sequence=document["sequence"], sender=document["sender"], payload=payload)


def _parse(data: bytes) -> dict[str, Any]:
    damaged = PackRefused("The file is not a supervision pack, or it is damaged.")
    try:
        document = json.loads(data.decode("ascii"))
    except (ValueError, RecursionError):  # ValueError also covers bad encoding and over-long integers
        raise damaged from None
    if not isinstance(document, dict) or set(document) != _ALL_FIELDS or document.get("format") != FORMAT:
        raise damaged
    if type(document["version"]) is not int or document["version"] != VERSION:  # not true, not 1.0
        raise PackRefused("The file was made by a different version of the app.")
    if document["kind"] not in KINDS:
        raise damaged
    text_fields = ("pack_id", "created_at", "sender", "recipient", "ephemeral_key", "nonce", "ciphertext",
                   "signature")
    if not all(isinstance(document[name], str) for name in text_fields):
        raise damaged
    if not isinstance(document["sequence"], int) or isinstance(document["sequence"], bool) \
            or not 0 < document["sequence"] < 2**53:
        raise damaged
    if not _PACK_ID.fullmatch(document["pack_id"]) or len(document["nonce"]) != 16:
        raise damaged
    try:
        datetime.fromisoformat(document["created_at"])
    except ValueError:
        raise damaged from None
    return document


def _b64(value: str) -> bytes:
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise PackRefused("The file is not a supervision pack, or it is damaged.") from None
