"""``sessions`` lists group sessions with every member; ``group-show`` and ``group-note`` give one member's
record and signed note, run as real subprocesses on a real vault."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from supervision_app.paths import VaultPaths
from supervision_app.vault.service import VaultService
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.group_world import OWN, PRIVATE, SHARED, group_world
from tests.test_cli import assert_one_plain_line, run


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    vault, _code = VaultService(VaultPaths(folder), passphrase_kdf=lambda: FAST_KDF).create(PASSPHRASE)
    try:
        group_world(vault.store)
    finally:
        vault.lock()
    return folder


def test_sessions_lists_the_group_with_every_members_name(data_dir: Path) -> None:
    listed = run("--data-dir", str(data_dir), "sessions")
    assert listed.returncode == 0, listed.stderr
    line = next(line for line in listed.stdout.splitlines() if line.startswith("G1 "))
    assert "Group supervision" in line and "Signed off" in line
    assert "Sam Okafor (session " in line and "Priya Shah (session " in line and "Tom Byrne (session " in line
    only = run("--data-dir", str(data_dir), "sessions", "--supervisee", "Priya")
    assert "G1 " in only.stdout and only.stdout.count("Priya Shah") >= 2


def test_group_show_and_group_note_give_one_members_record(data_dir: Path, tmp_path: Path) -> None:
    shown = run("--data-dir", str(data_dir), "group-show", "G1", "--member", "Sam")
    assert shown.returncode == 0, shown.stderr
    assert SHARED in shown.stdout and OWN["Sam"] in shown.stdout
    assert not any(words in shown.stdout for words in (*PRIVATE.values(), OWN["Priya"], OWN["Tom"]))
    output = tmp_path / "sam.pdf"
    written = run("--data-dir", str(data_dir), "group-note", "g1", "--member", "sam", "-o", str(output))
    assert written.returncode == 0, written.stderr
    assert written.stdout.startswith(f"Wrote {output}: the note of session ")
    printed = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(output).pages)
    assert OWN["Sam"] in printed and PRIVATE["Sam"] not in printed and OWN["Tom"] not in printed
    checked = run("--data-dir", str(data_dir), "verify", str(output))
    assert checked.returncode == 0, checked.stderr


@pytest.mark.parametrize(("args", "message"), [
    (("group-show", "G9", "--member", "Sam"), "There is no group session with id G9"),
    (("group-show", "X", "--member", "Sam"), "is not a group session's id"),
    (("group-note", "G1", "--member", "Nobody", "-o", "out.pdf"), "No supervisee's name contains 'Nobody'"),
])
def test_wrong_group_or_member_is_one_plain_sentence(data_dir: Path, tmp_path: Path, args: tuple[str, ...],
                                                     message: str) -> None:
    result = run("--data-dir", str(data_dir), *args)
    assert result.returncode != 0
    assert message in assert_one_plain_line(result)
    assert not (Path.cwd() / "out.pdf").exists()
