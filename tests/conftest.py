"""Shared fixtures. Tests run headless and never touch the user's real data or keyring."""

from __future__ import annotations

import os

# The environment as the suite found it, for subprocesses that need the real
# pip cache (building a fresh virtual environment), before HOME is redirected.
ORIGINAL_ENVIRONMENT = dict(os.environ)

# Before Qt or keyring is imported anywhere: no window on the screen, no real
# keyring, and no real data folder, whatever the developer's environment says.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
os.environ.pop("SUPERVISION_APP_PASSPHRASE", None)

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from keyring.backends import SecretService  # noqa: E402
from keyring.errors import PasswordDeleteError  # noqa: E402

from supervision_app.paths import VaultPaths  # noqa: E402
from supervision_app.vault.keyfile import KdfParams  # noqa: E402
from supervision_app.vault.service import OpenVault, VaultService  # noqa: E402

# Cheap Argon2id settings so the many vaults the suite creates are quick. The
# tests that are about the real cost use calibrate_passphrase_kdf() instead.
FAST_KDF = KdfParams(time_cost=1, memory_cost_kib=1024, parallelism=1)
PASSPHRASE = "plum orchard tiger violin"


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    # Anything that falls back to the default data folder lands in a temp folder.
    monkeypatch.setenv("SUPERVISION_APP_DATA_DIR", str(tmp_path_factory.mktemp("default-data")))
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.delenv("SUPERVISION_APP_PASSPHRASE", raising=False)


@pytest.fixture
def vault_paths(tmp_path: Path) -> VaultPaths:
    return VaultPaths(tmp_path / "vault")


@pytest.fixture
def service(vault_paths: VaultPaths) -> VaultService:
    return VaultService(vault_paths, passphrase_kdf=lambda: FAST_KDF)


@pytest.fixture
def open_vault(service: VaultService) -> Iterator[OpenVault]:
    vault, _code = service.create(PASSPHRASE)
    yield vault
    if vault.is_open:
        vault.lock()


# The ``trusted_keyring`` fixture is an instance of the real Secret Service
# class itself (the app trusts only the exact class), with its storage methods
# replaced on the instance by a dictionary, ``.secrets``, because no Secret
# Service runs in the test machine. Not a subclass: the app refuses those, and
# every subclass of a keyring backend joins keyring's list of backends.
MemorySecretService = SecretService.Keyring


@pytest.fixture
def trusted_keyring() -> Iterator[MemorySecretService]:
    # Without a D-Bus session the real class says it cannot work here (its
    # priority raises, even when read by monkeypatch), so set it by hand.
    real_priority = SecretService.Keyring.__dict__["priority"]
    SecretService.Keyring.priority = 5  # type: ignore[assignment, misc]
    try:
        yield _memory_secret_service()
    finally:
        SecretService.Keyring.priority = real_priority  # type: ignore[misc]


def _memory_secret_service() -> MemorySecretService:
    keyring = SecretService.Keyring()
    secrets: dict[tuple[str, str], str] = {}

    def delete_password(service: str, username: str) -> None:
        if secrets.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")

    keyring.secrets = secrets  # type: ignore[attr-defined]
    keyring.get_password = lambda service, username: secrets.get((service, username))  # type: ignore[method-assign]
    keyring.set_password = lambda service, username, password: secrets.__setitem__(  # type: ignore[method-assign]
        (service, username), password)
    keyring.delete_password = delete_password  # type: ignore[method-assign]
    return keyring  # type: ignore[return-value]
