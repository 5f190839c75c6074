"""Damage is named for what it is: key file, database, or a lost recovery slot; nothing is written when refused."""

from __future__ import annotations

import json

import pytest

from supervision_app.domain.audit import AuditAction
from supervision_app.domain.model import NewPerson, PersonRole
from supervision_app.errors import (
    KeyFileDamaged,
    RecoverySlotMissing,
    VaultDamaged,
    VaultTruncated,
    WrongPassphrase,
    WrongRecoveryCode,
)
from supervision_app.paths import VaultPaths
from supervision_app.storage import audit
from supervision_app.vault.keyfile import RECOVERY_SLOT
from supervision_app.vault.service import VaultService
from tests.conftest import PASSPHRASE
from tests.helpers import snapshot


@pytest.fixture
def locked_vault(service: VaultService) -> str:
    """A locked vault with some records; returns its recovery code."""
    vault, code = service.create(PASSPHRASE)
    for index in range(30):
        vault.store.add_person(NewPerson(f"Person {index}", PersonRole.SUPERVISEE, team="x" * 300))
    vault.lock()
    return code


def edit_key_file(paths: VaultPaths, edit) -> None:  # type: ignore[no-untyped-def]
    document = json.loads(paths.key_file.read_bytes())
    edit(document)
    paths.key_file.write_text(json.dumps(document, indent=2))


def passphrase_slot(document: dict) -> dict:  # type: ignore[type-arg]
    return next(slot for slot in document["slots"] if slot["kind"] == "passphrase")


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: edit_key_file(p, lambda d: passphrase_slot(d)["kdf"].update(time_cost=3)),
        lambda p: edit_key_file(p, lambda d: passphrase_slot(d).update(
            wrapped_key=passphrase_slot(d)["wrapped_key"][::-1])),
        lambda p: edit_key_file(p, lambda d: passphrase_slot(d).pop("nonce")),
        lambda p: edit_key_file(p, lambda d: passphrase_slot(d)["kdf"].pop("parallelism")),
        lambda p: p.key_file.write_bytes(p.key_file.read_bytes()[:-20]),
        lambda p: p.key_file.write_bytes(b"{not json"),
    ],
    ids=["kdf parameter edited", "ciphertext edited", "field removed", "kdf field removed",
         "cut short", "invalid JSON"],
)
def test_a_damaged_key_file_is_not_called_a_wrong_passphrase(
    service: VaultService, vault_paths: VaultPaths, locked_vault: str, damage
) -> None:  # type: ignore[no-untyped-def]
    damage(vault_paths)
    before = snapshot(vault_paths.data_dir)
    with pytest.raises(KeyFileDamaged) as caught:
        service.unlock_with_passphrase(PASSPHRASE)
    assert "damaged" in str(caught.value) and "passphrase is not right" not in str(caught.value)
    assert snapshot(vault_paths.data_dir) == before


def test_a_wrong_passphrase_is_still_reported_as_one(
    service: VaultService, vault_paths: VaultPaths, locked_vault: str
) -> None:
    before = snapshot(vault_paths.data_dir)
    with pytest.raises(WrongPassphrase, match="passphrase is not right"):
        service.unlock_with_passphrase("plum orchard tiger viola")
    with pytest.raises(WrongRecoveryCode):
        service.unlock_with_recovery_code("0000-0000-0000-0000-0000-0000-0000-0000")
    assert snapshot(vault_paths.data_dir) == before


@pytest.mark.parametrize(
    "cut",
    [lambda size: 5, lambda size: 15, lambda size: size // 2 + 100, lambda size: size // 2 // 4096 * 4096],
    ids=["a few bytes", "less than the salt", "cut mid-page", "cut at a page boundary"],
)
def test_a_truncated_database_is_not_another_vaults(
    service: VaultService, vault_paths: VaultPaths, locked_vault: str, cut
) -> None:  # type: ignore[no-untyped-def]
    data = vault_paths.database.read_bytes()
    vault_paths.database.write_bytes(data[:cut(len(data))])
    before = snapshot(vault_paths.data_dir)
    with pytest.raises(VaultDamaged) as caught:
        service.unlock_with_passphrase(PASSPHRASE)
    assert "different vault" not in str(caught.value)
    assert snapshot(vault_paths.data_dir) == before
    if cut(len(data)) % 4096:
        assert isinstance(caught.value, VaultTruncated)


def test_a_deleted_recovery_slot_is_noticed_and_a_new_code_can_be_made(
    service: VaultService, vault_paths: VaultPaths, locked_vault: str
) -> None:
    edit_key_file(vault_paths, lambda d: d.update(
        slots=[slot for slot in d["slots"] if slot["kind"] != RECOVERY_SLOT]))
    before = snapshot(vault_paths.data_dir)
    with pytest.raises(RecoverySlotMissing, match="new recovery code"):
        service.unlock_with_recovery_code(locked_vault)
    assert snapshot(vault_paths.data_dir) == before

    vault = service.unlock_with_passphrase(PASSPHRASE)
    assert vault.recovery_slot_missing
    log_before = audit.entries(vault.store)
    code = vault.new_recovery_code()
    assert not vault.recovery_slot_missing
    assert code != locked_vault
    # Only the key file changed; the activity log notes it.
    assert [e.action for e in audit.entries(vault.store)[len(log_before):]] == [AuditAction.RECOVERY_CODE_CHANGED]
    vault.lock()

    again = service.unlock_with_recovery_code(code)
    assert not again.recovery_slot_missing
    assert len(again.store.list_people()) == 30
    again.lock()
    service.unlock_with_passphrase(PASSPHRASE).lock()
    with pytest.raises(WrongRecoveryCode):
        service.unlock_with_recovery_code(locked_vault)


def test_a_new_recovery_code_replaces_the_old_one(service: VaultService, locked_vault: str) -> None:
    vault = service.unlock_with_passphrase(PASSPHRASE)
    assert not vault.recovery_slot_missing
    code = vault.new_recovery_code()
    vault.lock()
    with pytest.raises(WrongRecoveryCode):
        service.unlock_with_recovery_code(locked_vault)
    service.unlock_with_recovery_code(code).lock()


def test_a_version_1_key_file_gains_its_checks_when_unlocked(
    service: VaultService, vault_paths: VaultPaths, locked_vault: str
) -> None:
    def to_version_1(document: dict) -> None:  # type: ignore[type-arg]
        document["version"] = 1
        for slot in document["slots"]:
            del slot["check"]

    edit_key_file(vault_paths, to_version_1)
    vault = service.unlock_with_passphrase(PASSPHRASE)
    assert not vault.key_file.is_legacy
    vault.lock()
    document = json.loads(vault_paths.key_file.read_bytes())
    assert document["version"] == 2 and all("check" in slot for slot in document["slots"])
    service.unlock_with_recovery_code(locked_vault).lock()
