"""Errors the user can meet and act on.

Every :class:`VaultError` is an *environment* problem (a wrong passphrase, a full
disk, a damaged file), never a bug. Each carries one plain sentence for the
user and a distinct exit code for the command line. Anything that is not a
:class:`VaultError` is a bug and goes to the crash handler.

None of the operations that raise these errors changes a file before raising.
"""

from __future__ import annotations

import errno


class VaultError(Exception):
    """Base class: ``str(error)`` is the sentence shown to the user."""

    exit_code = 1
    default_message = "The vault could not be opened."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)

    @property
    def message(self) -> str:
        return str(self)


class UsageError(VaultError):
    exit_code = 2
    default_message = "The command was not used correctly."


class WrongPassphrase(VaultError):
    exit_code = 3
    default_message = "That passphrase is not right. Check Caps Lock and try again."


class WrongRecoveryCode(WrongPassphrase):
    default_message = "That recovery code is not right. Check each group and try again."


class KeyFileError(VaultError):
    exit_code = 4
    default_message = "The vault's key file is missing or damaged, so the vault cannot be unlocked."


class KeyFileMissing(KeyFileError):
    default_message = "The vault's key file is missing, so the vault cannot be unlocked."


class KeyFileDamaged(KeyFileError):
    default_message = (
        "The vault's key file (vault.key) is damaged or was edited, so the vault cannot be unlocked; "
        "restore it from a backup."
    )


class KeyFileMismatch(KeyFileError):
    default_message = "The key file belongs to a different vault than the database beside it."


class RecoverySlotMissing(VaultError):
    """The key file has lost its recovery slot; the passphrase still opens the vault."""

    exit_code = 15
    default_message = (
        "The vault's key file no longer holds a recovery code, so none can unlock it; unlock with "
        "your passphrase and make a new recovery code (supervision-app new-recovery-code)."
    )


class VaultDamaged(VaultError):
    exit_code = 5
    default_message = (
        "The vault's database is damaged and cannot be read safely. "
        "Restore it from a backup."
    )


class VaultTruncated(VaultDamaged):
    default_message = (
        "The vault's database is incomplete (the file was cut short) and cannot be read safely. "
        "Restore it from a backup."
    )


class VaultInUse(VaultError):
    exit_code = 6
    default_message = "The vault is already open in another window of the app. Close it there first."


class DiskFull(VaultError):
    exit_code = 7
    default_message = "The disk is full, so nothing was saved. Free some space and try again."


class ReadOnlyLocation(VaultError):
    exit_code = 8
    default_message = "The data folder cannot be written to. Choose a folder you can write to."


class DiskError(VaultError):
    exit_code = 16
    default_message = (
        "The disk reported an error while reading or writing the vault; check the disk or drive and try again."
    )


class VaultTooNew(VaultError):
    exit_code = 9
    default_message = (
        "This vault was written by a newer version of the app. Update the app to open it."
    )


class NoVault(VaultError):
    exit_code = 10
    default_message = "There is no vault in this data folder yet. Set one up first."


class VaultExists(VaultError):
    exit_code = 11
    default_message = "A vault already exists in this data folder."


class KeyringUnavailable(VaultError):
    """The OS keyring cannot be used; the user falls back to the passphrase."""

    exit_code = 12
    default_message = "No trusted keyring is available on this computer."


class BackupRefused(VaultError):
    """A file given to restore is not a whole, unaltered backup that opens here. Nothing was written."""

    exit_code = 17
    default_message = "This file is not a backup made by this app, or it is damaged; nothing was restored."


class AuditLogBroken(VaultError):
    """The activity log's hash chain does not hold: an entry was deleted or changed."""

    exit_code = 18
    default_message = "The activity log has been tampered with."


class RetentionRuleBroken(VaultError):
    """The organisation's retention rule (resources/retention.toml) is missing or cannot be used."""

    exit_code = 21
    default_message = "The organisation's retention rule could not be read."


class ErasureRefused(VaultError):
    """A person was not erased: it was not confirmed, or they are the vault's owner. Nothing was changed."""

    exit_code = 22
    default_message = "Nothing was erased."
class ExportFolderExists(VaultError):
    """The folder an access request export would take is already there; nothing was written."""

    exit_code = 23
    default_message = "A folder with the export's name is already there, so nothing was written."


def error_from_os_error(error: OSError) -> VaultError | None:
    """Translate an ``OSError`` about the environment into a :class:`VaultError`."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFull()
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnlyLocation()
    return None
