"""Reading a vault's files as plaintext, page by page, to prove what is and is not in them.

SQLCipher 4 (as the app sets it up) encrypts each 4096-byte page with
AES-256-CBC under the raw data key, with the page's IV and HMAC in the last 80
bytes (the first page starts with the 16-byte salt). Decrypting every page,
free ones included, shows bytes that SQL cannot: rows deleted but not yet
overwritten.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from supervision_app.vault.database_file import PAGE_SIZE
from supervision_app.vault.keyfile import PASSPHRASE_SLOT, KeyFile, passphrase_secret

RESERVE = 16 + 64  # the IV, then HMAC-SHA512


def data_key(key_file: Path, passphrase: str) -> tuple[bytes, bytes]:
    """The vault's data key and database salt, unwrapped with the passphrase."""
    keys = KeyFile.from_bytes(key_file.read_bytes())
    return keys.unwrap(PASSPHRASE_SLOT, passphrase_secret(passphrase)), keys.database_salt


def decrypted_pages(data: bytes, key: bytes) -> bytes:
    """Every whole page of ``data`` decrypted (the first page's salt left out)."""
    plain = []
    for start in range(0, len(data) - PAGE_SIZE + 1, PAGE_SIZE):
        page = data[start:start + PAGE_SIZE]
        begin = 16 if start == 0 else 0
        iv = page[PAGE_SIZE - RESERVE:PAGE_SIZE - RESERVE + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        plain.append(decryptor.update(page[begin:PAGE_SIZE - RESERVE]) + decryptor.finalize())
    return b"".join(plain)


def files_holding(folder: Path, needle: bytes, key: bytes, *, skip: tuple[str, ...] = ()) -> list[Path]:
    """The files under ``folder`` that hold ``needle`` as they are, or in pages decrypted with ``key``."""
    found = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.relative_to(folder).parts[0] in skip:
            continue
        data = path.read_bytes()
        if needle in data or needle in decrypted_pages(data, key):
            found.append(path)
    return found
