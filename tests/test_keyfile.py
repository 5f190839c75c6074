"""The key file format: slots, binding to the database, and hostile contents."""

from __future__ import annotations

import base64
import json
from dataclasses import replace

import pytest

from supervision_app.errors import (
    KeyFileDamaged,
    KeyFileError,
    RecoverySlotMissing,
    WrongPassphrase,
    WrongRecoveryCode,
)
from supervision_app.vault.keyfile import (
    PASSPHRASE_SLOT,
    RECOVERY_SLOT,
    KeyFile,
    new_data_key,
    new_database_salt,
    new_recovery_code,
    passphrase_secret,
    recovery_secret,
)
from tests.conftest import FAST_KDF


def make_key_file(passphrase: str = "first passphrase here", code: str | None = None):
    data_key = new_data_key()
    code = code or new_recovery_code()
    key_file = KeyFile.create(
        vault_id="vault-1", database_salt=new_database_salt(), data_key=data_key,
        passphrase=passphrase, recovery_code=code, passphrase_kdf=FAST_KDF, recovery_kdf=FAST_KDF,
    )
    return key_file, data_key, code


def test_both_slots_unwrap_the_same_data_key() -> None:
    key_file, data_key, code = make_key_file()
    assert key_file.unwrap(PASSPHRASE_SLOT, passphrase_secret("first passphrase here")) == data_key
    assert key_file.unwrap(RECOVERY_SLOT, recovery_secret(code)) == data_key


def test_round_trip_through_bytes_keeps_everything() -> None:
    key_file, data_key, _ = make_key_file()
    again = KeyFile.from_bytes(key_file.to_bytes())
    assert again == key_file
    assert again.unwrap(PASSPHRASE_SLOT, passphrase_secret("first passphrase here")) == data_key


def test_the_data_key_is_not_in_the_file() -> None:
    key_file, data_key, code = make_key_file()
    raw = key_file.to_bytes()
    assert data_key.hex().encode() not in raw
    assert data_key not in raw
    assert code.encode() not in raw


def test_wrong_secrets_are_told_apart() -> None:
    key_file, _, _ = make_key_file()
    with pytest.raises(WrongPassphrase):
        key_file.unwrap(PASSPHRASE_SLOT, passphrase_secret("not it at all"))
    with pytest.raises(WrongRecoveryCode):
        key_file.unwrap(RECOVERY_SLOT, recovery_secret(new_recovery_code()))


def test_recovery_code_is_forgiving_about_case_spaces_and_lookalikes() -> None:
    code = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789"
    key_file, data_key, _ = make_key_file(code=code)
    typed = "abcd efgh jkmn pqrs tvwx yzOI 2345 6789"
    assert key_file.unwrap(RECOVERY_SLOT, recovery_secret(typed)) == data_key


def test_recovery_codes_are_long_and_random() -> None:
    codes = {new_recovery_code() for _ in range(50)}
    assert len(codes) == 50
    assert all(len(code.replace("-", "")) == 32 for code in codes)


def test_passphrase_is_normalised_so_composed_and_decomposed_accents_match() -> None:
    key_file, data_key, _ = make_key_file(passphrase="Zoe\u0308 café au lait")
    assert key_file.unwrap(PASSPHRASE_SLOT, passphrase_secret("Zoë café au lait")) == data_key


def test_a_slot_moved_to_another_vault_does_not_unwrap() -> None:
    ours, _, _ = make_key_file()
    theirs, _, _ = make_key_file()
    transplanted = KeyFile(vault_id=theirs.vault_id, database_salt=theirs.database_salt, slots=ours.slots)
    with pytest.raises(WrongPassphrase):
        transplanted.unwrap(PASSPHRASE_SLOT, passphrase_secret("first passphrase here"))


def _other_b64(value: str) -> str:
    raw = bytearray(base64.b64decode(value))
    raw[0] ^= 0x01
    return base64.b64encode(bytes(raw)).decode()


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: d["slots"][0]["kdf"].update(time_cost=2),
        lambda d: d["slots"][0]["kdf"].update(memory_cost_kib=2048),
        lambda d: d["slots"][0].update(salt=_other_b64(d["slots"][0]["salt"])),
        lambda d: d["slots"][0].update(nonce=_other_b64(d["slots"][0]["nonce"])),
        lambda d: d["slots"][0].update(wrapped_key=_other_b64(d["slots"][0]["wrapped_key"])),
        lambda d: d["slots"][0].pop("check"),
        lambda d: d.update(vault_id="vault-2"),
        lambda d: d.update(database_salt="00" * 16),
    ],
    ids=["time cost", "memory", "salt", "nonce", "ciphertext", "check removed", "vault id", "database salt"],
)
def test_an_edited_slot_is_damage_not_a_wrong_passphrase(edit) -> None:  # type: ignore[no-untyped-def]
    key_file, _, _ = make_key_file()
    document = json.loads(key_file.to_bytes())
    edit(document)
    with pytest.raises(KeyFileDamaged, match="damaged"):
        KeyFile.from_bytes(json.dumps(document).encode()).unwrap(
            PASSPHRASE_SLOT, passphrase_secret("first passphrase here"))


def test_a_wrong_passphrase_on_an_intact_file_is_still_a_wrong_passphrase() -> None:
    key_file, _, _ = make_key_file()
    again = KeyFile.from_bytes(key_file.to_bytes())
    with pytest.raises(WrongPassphrase, match="passphrase is not right"):
        again.unwrap(PASSPHRASE_SLOT, passphrase_secret("first passphrase, misremembered"))


def test_a_forged_check_does_not_open_an_edited_slot() -> None:
    # The check only tells damage from a wrong secret; the slot's authenticated
    # data is still what protects it.
    key_file, _, _ = make_key_file()
    cheaper = replace(key_file.slots[0], kdf=replace(key_file.slots[0].kdf, time_cost=2))
    forged = KeyFile.from_bytes(replace(key_file, slots=(cheaper, key_file.slots[1])).to_bytes())
    with pytest.raises(WrongPassphrase):
        forged.unwrap(PASSPHRASE_SLOT, passphrase_secret("first passphrase here"))


def test_a_deleted_recovery_slot_is_named() -> None:
    key_file, data_key, code = make_key_file()
    document = json.loads(key_file.to_bytes())
    document["slots"] = [slot for slot in document["slots"] if slot["kind"] != RECOVERY_SLOT]
    left = KeyFile.from_bytes(json.dumps(document).encode())
    assert not left.has_slot(RECOVERY_SLOT)
    assert left.unwrap(PASSPHRASE_SLOT, passphrase_secret("first passphrase here")) == data_key
    with pytest.raises(RecoverySlotMissing, match="new recovery code"):
        left.unwrap(RECOVERY_SLOT, recovery_secret(code))


def test_a_version_1_file_without_checks_still_opens() -> None:
    key_file, data_key, _ = make_key_file()
    document = json.loads(key_file.to_bytes())
    document["version"] = 1
    for slot in document["slots"]:
        del slot["check"]
    legacy = KeyFile.from_bytes(json.dumps(document).encode())
    assert legacy.is_legacy
    assert legacy.unwrap(PASSPHRASE_SLOT, passphrase_secret("first passphrase here")) == data_key
    upgraded = KeyFile.from_bytes(legacy.to_bytes())
    assert not upgraded.is_legacy
    assert upgraded.unwrap(PASSPHRASE_SLOT, passphrase_secret("first passphrase here")) == data_key


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.pop("slots"),
        lambda d: d.update(format="something-else"),
        lambda d: d.update(database_salt="zz"),
        lambda d: d["slots"][0].update(nonce="not base64!"),
        lambda d: d["slots"][0]["kdf"].update(memory_cost_kib=10**12),
        lambda d: d["slots"][0]["kdf"].update(time_cost=True),
        lambda d: d["slots"].append(d["slots"][0]),
        lambda d: d.update(vault_id=None),
        lambda d: d.update(slots=[]),
        lambda d: d.update(version=3),
    ],
)
def test_damaged_or_hostile_key_files_are_refused_plainly(mutate) -> None:  # type: ignore[no-untyped-def]
    key_file, _, _ = make_key_file()
    document = json.loads(key_file.to_bytes())
    mutate(document)
    with pytest.raises(KeyFileError):
        KeyFile.from_bytes(json.dumps(document).encode())


@pytest.mark.parametrize("raw", [b"", b"\xff\xfe", b"[]", b"{", b"x" * 100_000])
def test_garbage_is_a_key_file_error(raw: bytes) -> None:
    with pytest.raises(KeyFileError):
        KeyFile.from_bytes(raw)
