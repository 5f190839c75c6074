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


class MemorySecretService(SecretService.Keyring):
    """Stands in for the desktop's Secret Service, which cannot run in the test machine.

    It is the real backend class as far as the app's trust check goes; only its
    storage is replaced, by a dictionary in memory.
    """

    priority = 5

    def __init__(self) -> None:
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


@pytest.fixture
def trusted_keyring() -> MemorySecretService:
    return MemorySecretService()
