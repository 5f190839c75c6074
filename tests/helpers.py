"""Small helpers shared by tests."""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


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


@contextmanager
def read_only_folder(folder: Path, mount_point: Path) -> Iterator[Path]:
    """Make ``folder`` read-only for this process; yield the path to use.

    An ordinary user gets a folder without write permission. Root ignores
    permissions, so for root the folder is bind-mounted read-only at
    ``mount_point`` (as a read-only drive or share would be). Where the
    machine allows neither, the test is skipped.
    """
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(0o700)
        return
    mount_point.mkdir()
    bound = subprocess.run(["mount", "--bind", str(folder), str(mount_point)],
                           capture_output=True, check=False)
    if bound.returncode != 0:
        pytest.skip("this machine allows neither permissions nor mounts to make a folder read-only")
    try:
        remounted = subprocess.run(["mount", "-o", "remount,ro,bind", str(mount_point)],
                                   capture_output=True, check=False)
        if remounted.returncode != 0:
            pytest.skip("this machine does not allow a read-only bind mount")
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], capture_output=True, check=False)
