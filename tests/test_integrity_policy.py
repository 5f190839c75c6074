"""When the whole vault file is checked, and damage met while reading is still reported as damage.

Unlock no longer reads the whole file (SQLCipher authenticates each page as it
is read); the full check runs in ``check``, before a migration, after a backup
(which verifies its copy) and weekly from the window.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from supervision_app.domain.audit import AuditAction
from supervision_app.domain.model import NewPerson, PersonRole
from supervision_app.errors import VaultDamaged
from supervision_app.paths import VaultPaths
from supervision_app.storage import audit
from supervision_app.vault.service import FULL_CHECK_EVERY, FULL_CHECK_KEY, OpenVault, VaultService
from tests.conftest import PASSPHRASE
from tests.helpers import flip_byte, snapshot

PAGE = 4096


def damaged_in_a_page_of_people(service: VaultService, paths: VaultPaths) -> None:
    """A vault whose last page (people's rows, never read to unlock) has one byte flipped."""
    vault, _ = service.create(PASSPHRASE)
    for index in range(40):
        vault.store.add_person(NewPerson(f"Person {index}", PersonRole.SUPERVISEE, team="x" * 200))
    vault.lock()
    size = paths.database.stat().st_size
    assert size > 3 * PAGE
    flip_byte(paths.database, size - PAGE // 2)


def test_damage_met_while_reading_is_reported_as_damage(service: VaultService, vault_paths: VaultPaths) -> None:
    damaged_in_a_page_of_people(service, vault_paths)
    vault = service.unlock_with_passphrase(PASSPHRASE)  # the damaged page is not read to unlock
    try:
        with pytest.raises(VaultDamaged) as caught:
            vault.store.list_people()
        assert caught.value.message == VaultDamaged().message
        with pytest.raises(VaultDamaged):
            vault.full_check()
    finally:
        vault.lock()


def test_the_full_check_at_unlock_refuses_a_damaged_vault_and_changes_nothing(
        service: VaultService, vault_paths: VaultPaths) -> None:
    damaged_in_a_page_of_people(service, vault_paths)
    before = snapshot(vault_paths.data_dir)
    with pytest.raises(VaultDamaged):
        service.unlock_with_passphrase(PASSPHRASE, full_check=True)
    assert snapshot(vault_paths.data_dir) == before


def checks_logged(vault: OpenVault) -> int:
    return sum(entry.action == AuditAction.INTEGRITY_CHECK.value for entry in audit.entries(vault.store))


def test_a_new_vault_is_not_due_and_an_old_check_is(open_vault: OpenVault) -> None:
    now = datetime.now()
    assert open_vault.last_full_check() is not None
    assert not open_vault.full_check_due(now)
    assert not open_vault.full_check_due(now + FULL_CHECK_EVERY - timedelta(minutes=1))
    assert open_vault.full_check_due(now + FULL_CHECK_EVERY + timedelta(minutes=1))
    assert open_vault.full_check_due(now - timedelta(days=1))  # the clock moved back: check
    open_vault.store.set_meta(FULL_CHECK_KEY, "")
    assert open_vault.full_check_due(now)


def test_a_full_check_notes_its_date_and_the_activity_log_says_so(open_vault: OpenVault) -> None:
    later = datetime.now() + timedelta(days=8)
    assert open_vault.full_check_due(later)
    open_vault.full_check(later)
    assert open_vault.last_full_check() == later.replace(microsecond=0)
    assert not open_vault.full_check_due(later + timedelta(days=1))
    assert checks_logged(open_vault) == 1


def test_check_at_unlock_and_a_backup_count_as_full_checks(
        service: VaultService, vault_paths: VaultPaths, tmp_path: Path) -> None:
    vault, _ = service.create(PASSPHRASE)
    vault.store.set_meta(FULL_CHECK_KEY, "2020-01-01T00:00:00")
    vault.lock()
    vault = service.unlock_with_passphrase(PASSPHRASE, full_check=True)
    try:
        assert not vault.full_check_due(datetime.now())
        assert checks_logged(vault) == 1
        vault.store.set_meta(FULL_CHECK_KEY, "2020-01-01T00:00:00")
        made = datetime.now()
        vault.back_up(tmp_path / "a.svbackup", now=made)
        assert vault.last_full_check() == made.replace(microsecond=0)
    finally:
        vault.lock()


def test_a_plain_unlock_does_not_check_the_whole_file(service: VaultService, vault_paths: VaultPaths) -> None:
    vault, _ = service.create(PASSPHRASE)
    vault.store.set_meta(FULL_CHECK_KEY, "2020-01-01T00:00:00")
    vault.lock()
    vault = service.unlock_with_passphrase(PASSPHRASE)
    try:
        assert vault.last_full_check() == datetime(2020, 1, 1)
        assert checks_logged(vault) == 0
    finally:
        vault.lock()
