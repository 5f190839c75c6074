"""Small helpers shared by tests."""

from __future__ import annotations

import hashlib
from pathlib import Path


def snapshot(folder: Path, *, skip: tuple[str, ...] = ("logs",)) -> dict[str, str]:
    """Every file below ``folder`` (except ``skip`` folders) mapped to its SHA-256."""
    result: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and relative.parts[0] not in skip:
            result[str(relative)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return result


def flip_byte(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x5A
    path.write_bytes(bytes(data))


def files_containing(folder: Path, needle: bytes) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file() and needle in path.read_bytes()]
