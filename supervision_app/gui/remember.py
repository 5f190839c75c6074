"""Remembering the vault's key in the keyring, or forgetting it, as the user chose."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from supervision_app.errors import VaultError
from supervision_app.gui.services import AppServices

if TYPE_CHECKING:  # the unlock dialog's controller imports this before any vault is open
    from supervision_app.vault.service import OpenVault


def apply_remember_choice(services: AppServices, vault: OpenVault, remember: bool) -> str | None:
    """Store or forget the key and save the choice; return a sentence if that failed."""
    store = services.settings
    settings = store.load()
    try:
        if remember:
            vault.remember_key(services.key_cache)
        elif settings.remember_key:
            # Only touch the keyring if a key may be there: reading it can make
            # the desktop ask to unlock its keyring.
            services.key_cache.forget(vault.vault_id)
    except VaultError as error:
        store_problem: str | None = error.message
        remember = False
    else:
        store_problem = None
    try:
        store.save(dataclasses.replace(settings, remember_key=remember))
    except VaultError as error:
        return store_problem or error.message
    return store_problem
