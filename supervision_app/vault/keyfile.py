"""The key file: the vault's data key, wrapped once per way of unlocking.

The database is encrypted by SQLCipher with a random 256-bit *data key*. The key
file beside it never holds that key in the clear. Each *slot* wraps it with
AES-256-GCM under a key derived from a secret the user knows:

* the ``passphrase`` slot, derived with Argon2id, tuned to cost about half a
  second on this computer, so guessing is slow;
* the ``recovery`` slot, derived from a long random code shown once at setup.
  The code already carries 160 bits of entropy, so a light Argon2id setting
  is enough there.

The authenticated data of every slot names the vault and the SQLCipher salt
at the start of its database. A key file copied from another vault, or edited
by hand, therefore fails to unwrap instead of opening the wrong database.
Changing the passphrase rewrites only this file; the database is not re-keyed.

A wrong passphrase and a damaged slot both fail AES-GCM's tag, so each slot
also carries a ``check``: SHA-256 of its authenticated data, nonce and
ciphertext. It is no secret and proves nothing against a forger (who would
still fail the tag), but it is verified when the file is read, before any key
is derived: a slot whose check fails was damaged or edited, and is reported as
that, while a slot that passes and still does not open was given the wrong
secret. Files of format version 1 have no checks; they are read as before and
rewritten with checks once unlocked.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import secrets
import time
import unicodedata
from dataclasses import dataclass, replace
from typing import Any

from supervision_app.errors import (
    KeyFileDamaged,
    KeyFileError,
    RecoverySlotMissing,
    WrongPassphrase,
    WrongRecoveryCode,
)

FORMAT = "supervision-app-keyfile"
FORMAT_VERSION = 2
LEGACY_FORMAT_VERSION = 1
# The version named in every slot's authenticated data. It stays 1: the checks
# added in format version 2 sit beside the slot and do not change what it binds.
_AAD_VERSION = 1
DATA_KEY_BYTES = 32
DATABASE_SALT_BYTES = 16
PASSPHRASE_SLOT = "passphrase"
RECOVERY_SLOT = "recovery"
SLOT_KINDS = (PASSPHRASE_SLOT, RECOVERY_SLOT)

# Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand
# cannot be mistaken for another.
_RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RECOVERY_GROUPS = 8
_RECOVERY_GROUP_LENGTH = 4

# Bounds on what a key file may ask for, so a hostile file cannot make the app
# allocate gigabytes or spin for minutes.
_MAX_MEMORY_KIB = 512 * 1024
_MAX_TIME_COST = 16
_MAX_PARALLELISM = 16


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost settings, stored in the key file next to each slot."""

    time_cost: int
    memory_cost_kib: int
    parallelism: int = 1

    def derive(self, secret: bytes, salt: bytes) -> bytes:
        from argon2.low_level import Type, hash_secret_raw  # here: the key file is read before the unlock dialog

        return hash_secret_raw(
            secret,
            salt,
            time_cost=self.time_cost,
            memory_cost=self.memory_cost_kib,
            parallelism=self.parallelism,
            hash_len=32,
            type=Type.ID,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "algorithm": "argon2id",
            "time_cost": self.time_cost,
            "memory_cost_kib": self.memory_cost_kib,
            "parallelism": self.parallelism,
        }

    @classmethod
    def from_json(cls, data: Any) -> KdfParams:
        if not isinstance(data, dict) or data.get("algorithm") != "argon2id":
            raise KeyFileDamaged()
        params = cls(
            time_cost=_bounded_int(data.get("time_cost"), 1, _MAX_TIME_COST),
            memory_cost_kib=_bounded_int(data.get("memory_cost_kib"), 8, _MAX_MEMORY_KIB),
            parallelism=_bounded_int(data.get("parallelism"), 1, _MAX_PARALLELISM),
        )
        if params.memory_cost_kib < 8 * params.parallelism:
            raise KeyFileDamaged()
        return params


RECOVERY_KDF = KdfParams(time_cost=2, memory_cost_kib=19 * 1024, parallelism=1)
"""Light settings for the recovery slot: the code itself is the strength."""


def calibrate_passphrase_kdf(
    target_seconds: float = 0.45, memory_cost_kib: int = 128 * 1024
) -> KdfParams:
    """Choose Argon2id settings that take about ``target_seconds`` on this computer.

    Unlocking must feel prompt (well under a second) yet make each guess
    expensive. Memory is fixed at 128 MiB; the number of passes grows until a
    derivation reaches the target.
    """
    probe = KdfParams(time_cost=1, memory_cost_kib=memory_cost_kib)
    salt = secrets.token_bytes(16)
    started = time.perf_counter()
    probe.derive(b"calibration", salt)
    one_pass = max(time.perf_counter() - started, 1e-3)
    time_cost = max(1, min(_MAX_TIME_COST, math.floor(target_seconds / one_pass)))
    params = replace(probe, time_cost=time_cost)
    # One more measurement, because the first pass carries the cost of
    # allocating memory and later passes are cheaper.
    while params.time_cost < _MAX_TIME_COST:
        started = time.perf_counter()
        params.derive(b"calibration", salt)
        if time.perf_counter() - started >= target_seconds * 0.8:
            break
        params = replace(params, time_cost=params.time_cost + 1)
    return params


@dataclass(frozen=True)
class Slot:
    kind: str
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped_key: bytes

    def to_json(self, check: str) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "kdf": self.kdf.to_json(),
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "wrapped_key": _b64(self.wrapped_key),
            "check": check,
        }

    @classmethod
    def from_json(cls, data: Any) -> Slot:
        if not isinstance(data, dict) or data.get("kind") not in SLOT_KINDS:
            raise KeyFileDamaged()
        return cls(
            kind=data["kind"],
            kdf=KdfParams.from_json(data.get("kdf")),
            salt=_unb64(data.get("salt"), 16),
            nonce=_unb64(data.get("nonce"), 12),
            wrapped_key=_unb64(data.get("wrapped_key"), DATA_KEY_BYTES + 16),
        )


@dataclass(frozen=True)
class KeyFile:
    """The parsed key file. Immutable: changing a slot returns a new one."""

    vault_id: str
    database_salt: bytes
    slots: tuple[Slot, ...]
    format_version: int = FORMAT_VERSION

    @classmethod
    def create(
        cls,
        *,
        vault_id: str,
        database_salt: bytes,
        data_key: bytes,
        passphrase: str,
        recovery_code: str,
        passphrase_kdf: KdfParams,
        recovery_kdf: KdfParams = RECOVERY_KDF,
    ) -> KeyFile:
        empty = cls(vault_id=vault_id, database_salt=database_salt, slots=())
        return empty.with_slot(
            PASSPHRASE_SLOT, passphrase_secret(passphrase), data_key, passphrase_kdf
        ).with_slot(RECOVERY_SLOT, recovery_secret(recovery_code), data_key, recovery_kdf)

    def has_slot(self, kind: str) -> bool:
        return any(slot.kind == kind for slot in self.slots)

    @property
    def is_legacy(self) -> bool:
        """Read from a version 1 file, which has no checks: rewrite it once unlocked."""
        return self.format_version != FORMAT_VERSION

    def in_current_format(self) -> KeyFile:
        """The same slots, to be written in the current format (with checks)."""
        return replace(self, format_version=FORMAT_VERSION)

    def slot(self, kind: str) -> Slot:
        for slot in self.slots:
            if slot.kind == kind:
                return slot
        if kind == RECOVERY_SLOT:
            raise RecoverySlotMissing()
        raise KeyFileDamaged(
            "The vault's key file has lost its passphrase slot; unlock with your recovery code "
            "and choose a new passphrase."
        )

    def unwrap(self, kind: str, secret: bytes) -> bytes:
        """Return the data key, or raise if the secret does not open this slot."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        slot = self.slot(kind)
        wrapping_key = slot.kdf.derive(secret, slot.salt)
        try:
            return AESGCM(wrapping_key).decrypt(slot.nonce, slot.wrapped_key, self._aad(slot))
        except InvalidTag:
            raise (WrongRecoveryCode() if kind == RECOVERY_SLOT else WrongPassphrase()) from None

    def with_slot(self, kind: str, secret: bytes, data_key: bytes, kdf: KdfParams) -> KeyFile:
        """Return a copy whose ``kind`` slot wraps ``data_key`` under ``secret``."""
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        if len(data_key) != DATA_KEY_BYTES:
            raise ValueError("the data key must be 32 bytes")
        partial = Slot(kind=kind, kdf=kdf, salt=secrets.token_bytes(16),
                       nonce=secrets.token_bytes(12), wrapped_key=b"")
        wrapping_key = kdf.derive(secret, partial.salt)
        wrapped = AESGCM(wrapping_key).encrypt(partial.nonce, data_key, self._aad(partial))
        slot = replace(partial, wrapped_key=wrapped)
        others = tuple(existing for existing in self.slots if existing.kind != kind)
        return replace(self, slots=(*others, slot), format_version=FORMAT_VERSION)

    def _check(self, slot: Slot) -> str:
        digest = hashlib.sha256()
        for part in (self._aad(slot), slot.nonce, slot.wrapped_key):
            digest.update(len(part).to_bytes(4, "big") + part)
        return digest.hexdigest()

    def _aad(self, slot: Slot) -> bytes:
        bound = {
            "format": FORMAT,
            "version": _AAD_VERSION,
            "vault_id": self.vault_id,
            "database_salt": self.database_salt.hex(),
            "kind": slot.kind,
            "kdf": slot.kdf.to_json(),
            "salt": slot.salt.hex(),
        }
        return json.dumps(bound, sort_keys=True, separators=(",", ":")).encode()

    def to_bytes(self) -> bytes:
        document = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "vault_id": self.vault_id,
            "database_salt": self.database_salt.hex(),
            "slots": [slot.to_json(self._check(slot)) for slot in self.slots],
        }
        return (json.dumps(document, indent=2) + "\n").encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> KeyFile:
        if len(data) > 64 * 1024:
            raise KeyFileDamaged()
        try:
            document = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise KeyFileDamaged() from None
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise KeyFileDamaged()
        version = document.get("version")
        if version not in (FORMAT_VERSION, LEGACY_FORMAT_VERSION):
            raise KeyFileError(
                "The vault's key file was written by a different version of the app."
            )
        vault_id = document.get("vault_id")
        salt_hex = document.get("database_salt")
        raw_slots = document.get("slots")
        if not isinstance(vault_id, str) or not isinstance(raw_slots, list) or len(raw_slots) > 8:
            raise KeyFileDamaged()
        try:
            database_salt = bytes.fromhex(salt_hex) if isinstance(salt_hex, str) else b""
        except ValueError:
            raise KeyFileDamaged() from None
        if len(database_salt) != DATABASE_SALT_BYTES:
            raise KeyFileDamaged()
        slots = tuple(Slot.from_json(raw) for raw in raw_slots)
        if not slots or len({slot.kind for slot in slots}) != len(slots):
            raise KeyFileDamaged()
        key_file = cls(vault_id=vault_id, database_salt=database_salt, slots=slots,
                       format_version=version)
        if version == FORMAT_VERSION:
            for raw, slot in zip(raw_slots, slots, strict=True):
                if raw.get("check") != key_file._check(slot):
                    raise KeyFileDamaged()
        return key_file


def new_data_key() -> bytes:
    return secrets.token_bytes(DATA_KEY_BYTES)


def new_database_salt() -> bytes:
    return secrets.token_bytes(DATABASE_SALT_BYTES)


def new_recovery_code() -> str:
    """A code to print or write down: eight groups of four, 160 bits in all."""
    characters = [secrets.choice(_RECOVERY_ALPHABET)
                  for _ in range(_RECOVERY_GROUPS * _RECOVERY_GROUP_LENGTH)]
    groups = ["".join(characters[i:i + _RECOVERY_GROUP_LENGTH])
              for i in range(0, len(characters), _RECOVERY_GROUP_LENGTH)]
    return "-".join(groups)


def passphrase_secret(passphrase: str) -> bytes:
    # NFC so the same passphrase typed on another keyboard layout or OS, which
    # may compose accented letters differently, still unlocks.
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def recovery_secret(code: str) -> bytes:
    """Normalise a recovery code as typed: case, spaces and dashes do not matter."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    cleaned = cleaned.translate(str.maketrans("OIL", "011"))
    return cleaned.encode("ascii", errors="replace")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: Any, length: int) -> bytes:
    if not isinstance(value, str):
        raise KeyFileDamaged()
    try:
        decoded = base64.b64decode(value, validate=True)
    except ValueError:
        raise KeyFileDamaged() from None
    if len(decoded) != length:
        raise KeyFileDamaged()
    return decoded


def _bounded_int(value: Any, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise KeyFileDamaged()
    return value
