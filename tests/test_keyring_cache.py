"""The OS keyring: used only when trusted, never for plaintext storage."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import SecretService, chainer, fail
from keyrings.alt.file import PlaintextKeyring

from supervision_app.errors import KeyringUnavailable
from supervision_app.vault.keyring_cache import KeyCache
from supervision_app.vault.service import VaultService
from tests.conftest import PASSPHRASE, MemorySecretService


def test_a_trusted_keyring_caches_the_key_and_opens_the_vault(
    service: VaultService, trusted_keyring: MemorySecretService
) -> None:
    cache = KeyCache(trusted_keyring)
    assert cache.status().usable
    assert "Secret Service" in cache.status().explanation
    vault, _ = service.create(PASSPHRASE)
    assert vault.remember_key(cache) == "Secret Service"
    vault_id = vault.vault_id
    vault.lock()
    stored = trusted_keyring.secrets
    assert list(stored) == [("supervision-app", vault_id)]
    again = service.unlock_with_cached_key(cache)
    assert again is not None and again.unlocked_with == "keyring"
    again.lock()


def test_nothing_cached_means_the_passphrase_is_asked(service: VaultService, trusted_keyring) -> None:
    vault, _ = service.create(PASSPHRASE)
    vault.lock()
    assert service.unlock_with_cached_key(KeyCache(trusted_keyring)) is None


def test_a_stale_cached_key_is_forgotten(service: VaultService, trusted_keyring) -> None:
    vault, _ = service.create(PASSPHRASE)
    vault.lock()
    trusted_keyring.set_password("supervision-app", vault.vault_id, "ab" * 32)
    assert service.unlock_with_cached_key(KeyCache(trusted_keyring)) is None
    assert trusted_keyring.secrets == {}
    service.unlock_with_passphrase(PASSPHRASE).lock()


@pytest.mark.parametrize(
    ("backend", "reason"),
    [
        (fail.Keyring(), "no system keyring"),
        (PlaintextKeyring(), "plain file"),
    ],
)
def test_untrusted_keyrings_are_refused(service: VaultService, backend, reason: str) -> None:  # type: ignore[no-untyped-def]
    cache = KeyCache(backend)
    assert not cache.status().usable
    assert reason in cache.status().explanation
    vault, _ = service.create(PASSPHRASE)
    with pytest.raises(KeyringUnavailable):
        vault.remember_key(cache)
    vault.lock()
    assert cache.load(vault.vault_id) is None


def test_an_unknown_keyring_is_refused_and_named() -> None:
    class HomeMadeKeyring(PlaintextKeyring):
        pass

    status = KeyCache(HomeMadeKeyring()).status()
    assert not status.usable


@contextmanager
def chain_of(*backends: KeyringBackend) -> Iterator[chainer.ChainerBackend]:
    """keyring's chainer, holding exactly ``backends`` (its list is a class property)."""
    real = chainer.ChainerBackend.__dict__["backends"]
    chainer.ChainerBackend.backends = list(backends)  # type: ignore[assignment, misc]
    try:
        yield chainer.ChainerBackend()
    finally:
        chainer.ChainerBackend.backends = real  # type: ignore[misc]


def test_a_chain_uses_its_trusted_member(trusted_keyring) -> None:
    with chain_of(PlaintextKeyring(), trusted_keyring) as chain:
        cache = KeyCache(chain)
        assert cache.status().backend_name == "Secret Service"
        cache.store("v", b"\x01" * 32)
        assert cache.load("v") == b"\x01" * 32
        cache.forget("v")
        assert cache.load("v") is None


def test_the_default_in_tests_is_the_fail_backend() -> None:
    # conftest forces it, so no test ever reaches the developer's real keyring.
    assert not KeyCache().status().usable


def test_a_subclass_of_a_trusted_keyring_is_refused_with_a_reason(trusted_keyring) -> None:
    class LookalikeSecretService(SecretService.Keyring):
        priority = 5

        def set_password(self, service: str, username: str, password: str) -> None:
            raise AssertionError("a look-alike keyring must never be given the key")

    status = KeyCache(LookalikeSecretService()).status()
    assert not status.usable
    assert "LookalikeSecretService" in status.explanation
    assert "modified Secret Service" in status.explanation
    with pytest.raises(KeyringUnavailable):
        KeyCache(LookalikeSecretService()).store("v", b"\x01" * 32)


def test_a_chain_skips_a_subclass_and_finds_the_real_one(trusted_keyring) -> None:
    class LookalikeSecretService(SecretService.Keyring):
        priority = 9

    with chain_of(LookalikeSecretService(), trusted_keyring) as chain:
        cache = KeyCache(chain)
        assert cache.status().backend_name == "Secret Service"
        cache.store("v", b"\x02" * 32)
    assert trusted_keyring.secrets


def test_a_system_keyring_that_cannot_work_here_is_not_used() -> None:
    # No D-Bus session in the test machine: the real class says so by raising.
    assert not KeyCache(SecretService.Keyring()).status().usable
