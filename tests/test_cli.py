"""The command line, run as a real subprocess: outputs, exit codes, one-line failures."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from supervision_app.errors import (
    KeyFileError,
    ReadOnlyLocation,
    UsageError,
    VaultDamaged,
    VaultInUse,
    WrongPassphrase,
)
from supervision_app.paths import VaultPaths
from supervision_app.vault.service import VaultService
from tests.conftest import PASSPHRASE
from tests.helpers import flip_byte, read_only_folder, snapshot


def run(
    *args: str, passphrase: str | None = PASSPHRASE, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != "SUPERVISION_APP_PASSPHRASE"}
    if passphrase is not None:
        environment["SUPERVISION_APP_PASSPHRASE"] = passphrase
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "supervision_app", *args],
        capture_output=True, text=True, env=environment, stdin=subprocess.DEVNULL, timeout=120,
        check=False,
    )


def assert_one_plain_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("cli") / "data"
    result = run("--data-dir", str(data_dir), "demo")
    assert result.returncode == 0, result.stderr
    assert "3 supervisees" in result.stdout
    return data_dir


def copy_of(demo_vault: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy"
    shutil.copytree(demo_vault, target)
    return target


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("supervision-app ")


def test_demo_then_check(demo_vault: Path) -> None:
    result = run("--data-dir", str(demo_vault), "check")
    assert result.returncode == 0, result.stderr
    assert "intact" in result.stdout
    assert "People: 4 (3 supervisees)" in result.stdout
    assert "Sessions:" in result.stdout
    assert "Keyring:" in result.stdout


def test_data_dir_from_the_environment(demo_vault: Path) -> None:
    result = run("check", env={"SUPERVISION_APP_DATA_DIR": str(demo_vault)})
    assert result.returncode == 0, result.stderr


def test_init_prints_a_recovery_code_that_works(tmp_path: Path) -> None:
    result = run("--data-dir", str(tmp_path / "d"), "init")
    assert result.returncode == 0, result.stderr
    code = next(line.strip() for line in result.stdout.splitlines() if line.strip().count("-") == 7)
    VaultService(VaultPaths(tmp_path / "d")).unlock_with_recovery_code(code).lock()


def test_passphrase_file(demo_vault: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    result = run("--data-dir", str(demo_vault), "--passphrase-file", str(secret), "check", passphrase=None)
    assert result.returncode == 0, result.stderr


def test_weak_passphrase_is_refused_at_init(tmp_path: Path) -> None:
    result = run("--data-dir", str(tmp_path / "d"), "init", passphrase="password")
    assert result.returncode == UsageError.exit_code
    assert "too easy to guess" in assert_one_plain_line(result)
    assert not (tmp_path / "d" / "vault.key").exists()


def test_no_passphrase_and_no_terminal(demo_vault: Path) -> None:
    result = run("--data-dir", str(demo_vault), "check", passphrase=None)
    assert result.returncode == UsageError.exit_code
    assert "SUPERVISION_APP_PASSPHRASE" in assert_one_plain_line(result)


def test_usage_error_is_one_line() -> None:
    result = run("--no-such-option")
    assert result.returncode == 2
    assert_one_plain_line(result)


def test_wrong_passphrase(demo_vault: Path) -> None:
    before = snapshot(demo_vault)
    result = run("--data-dir", str(demo_vault), "check", passphrase="plum orchard tiger viola")
    assert result.returncode == WrongPassphrase.exit_code
    assert "passphrase is not right" in assert_one_plain_line(result)
    assert snapshot(demo_vault) == before


def test_vault_open_elsewhere(demo_vault: Path, tmp_path: Path) -> None:
    data_dir = copy_of(demo_vault, tmp_path)
    vault = VaultService(VaultPaths(data_dir)).unlock_with_passphrase(PASSPHRASE)
    try:
        result = run("--data-dir", str(data_dir), "check")
    finally:
        vault.lock()
    assert result.returncode == VaultInUse.exit_code
    assert "already open" in assert_one_plain_line(result)


def test_damaged_vault(demo_vault: Path, tmp_path: Path) -> None:
    data_dir = copy_of(demo_vault, tmp_path)
    flip_byte(data_dir / "vault.db", 4096 + 1000)
    before = snapshot(data_dir)
    result = run("--data-dir", str(data_dir), "check")
    assert result.returncode == VaultDamaged.exit_code
    assert "damaged" in assert_one_plain_line(result)
    assert snapshot(data_dir) == before


def test_missing_key_file(demo_vault: Path, tmp_path: Path) -> None:
    data_dir = copy_of(demo_vault, tmp_path)
    (data_dir / "vault.key").unlink()
    result = run("--data-dir", str(data_dir), "check")
    assert result.returncode == KeyFileError.exit_code
    assert "key file" in assert_one_plain_line(result)


def test_no_vault_yet(tmp_path: Path) -> None:
    result = run("--data-dir", str(tmp_path / "empty"), "check")
    assert result.returncode == 10
    assert "no vault" in assert_one_plain_line(result).lower()


def test_read_only_location(demo_vault: Path, tmp_path: Path) -> None:
    data_dir = copy_of(demo_vault, tmp_path)
    before = snapshot(data_dir)
    with read_only_folder(data_dir, tmp_path / "mounted") as read_only:
        result = run("--data-dir", str(read_only), "check")
    assert result.returncode == ReadOnlyLocation.exit_code, result.stderr
    assert "cannot be written" in assert_one_plain_line(result)
    assert snapshot(data_dir) == before


def test_gui_without_a_display_says_so_in_one_sentence(tmp_path: Path) -> None:
    env = {key: "" for key in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = run("--data-dir", str(tmp_path / "d"), passphrase=None, env=env)
    assert result.returncode == 13
    assert "no display" in assert_one_plain_line(result)


def test_sessions_lists_every_session_with_status_and_open_actions(demo_vault: Path) -> None:
    result = run("--data-dir", str(demo_vault), "sessions")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "Date", "Supervisee", "Status", "Open", "actions"]
    assert any("Cancelled" in line and "Daniel Atić-Lee" in line for line in lines)
    assert any("Signed off" in line for line in lines)
    assert any("Booked" in line for line in lines)
    only = run("--data-dir", str(demo_vault), "sessions", "--supervisee", "siobhan")
    table, _heading, groups = only.stdout.partition("Group sessions:\n")  # the sessions, then her group's
    names = {line.split("  ")[2].strip() for line in table.splitlines()[1:]}
    assert names == {"Siobhán O'Connell"}
    assert groups.startswith("G1  ") and "Members: Siobhán O'Connell (session " in groups
    unknown = run("--data-dir", str(demo_vault), "sessions", "--supervisee", "nobody")
    assert unknown.returncode == UsageError.exit_code
    assert_one_plain_line(unknown)


def test_show_prints_the_record_and_never_private_items(demo_vault: Path) -> None:
    from supervision_app.domain.record import Visibility
    from supervision_app.services.note import note_for_session, render_text

    vault = VaultService(VaultPaths(demo_vault)).unlock_with_passphrase(PASSPHRASE)
    try:
        sessions = vault.store.list_sessions()
        hidden = {flag.detail for s in sessions for flag in vault.store.load_record(s.id).flags
                  if flag.visibility is not Visibility.ON_RECORD}
        texts = {s.id: render_text(note_for_session(vault.store, s.id)) for s in sessions}
    finally:
        vault.lock()
    assert len(hidden) >= 4
    for text in texts.values():
        for detail in hidden:
            assert detail not in text
    signed = next(s for s in sessions if s.status.label == "Signed off")
    result = run("--data-dir", str(demo_vault), "show", str(signed.id))
    assert result.returncode == 0, result.stderr
    assert result.stdout == texts[signed.id]
    for heading in ("Who, where and when", "Agenda and discussion", "Agreed actions", "Sign-off"):
        assert heading in result.stdout


def test_show_an_unknown_session(demo_vault: Path) -> None:
    result = run("--data-dir", str(demo_vault), "show", "9999")
    assert result.returncode == UsageError.exit_code
    assert "no session with id 9999" in assert_one_plain_line(result)


def test_note_then_verify_and_tampering_fails(demo_vault: Path, tmp_path: Path) -> None:
    data_dir = copy_of(demo_vault, tmp_path)
    sessions = run("--data-dir", str(data_dir), "sessions").stdout.splitlines()[1:]
    signed_off = next(line.split()[0] for line in sessions if "Signed off" in line)
    draft = next(line.split()[0] for line in sessions if "In progress" in line)
    out = tmp_path / "note.pdf"
    written = run("--data-dir", str(data_dir), "note", signed_off, "-o", str(out), "--letter")
    assert written.returncode == 0, written.stderr
    assert out.read_bytes().startswith(b"%PDF")
    verified = run("--data-dir", str(data_dir), "verify", str(out))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "signed by Aisha Rahman" in verified.stdout
    assert "known to this vault: yes" in verified.stdout
    assert "SupervisorSignature" not in verified.stdout and "(none)" not in verified.stdout  # plain words
    assert "The supervisee's signature: not signed." in verified.stdout

    damaged = tmp_path / "damaged.pdf"
    data = bytearray(out.read_bytes())
    data[len(data) // 3] ^= 0x01
    damaged.write_bytes(bytes(data))
    assert run("--data-dir", str(data_dir), "verify", str(damaged)).returncode == 14

    # Anyone without this vault sees the signature but cannot recognise the signer.
    stranger = run("--data-dir", str(tmp_path / "elsewhere"), "verify", str(out), passphrase=None)
    assert stranger.returncode == 14
    assert "No vault here, so no signer can be recognised." in stranger.stdout

    refused = run("--data-dir", str(data_dir), "note", draft, "-o", str(tmp_path / "draft.pdf"))
    assert refused.returncode == UsageError.exit_code
    assert "Sign off the session first" in assert_one_plain_line(refused)
    assert not (tmp_path / "draft.pdf").exists()
    unknown_section = run("--data-dir", str(data_dir), "note", signed_off, "-o", str(out), "--exclude", "everything")
    assert unknown_section.returncode == UsageError.exit_code
    assert_one_plain_line(unknown_section)


def test_verify_refuses_what_is_not_a_note(tmp_path: Path) -> None:
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"%PDF-1.7\nthis is not a real PDF\n")
    result = run("--data-dir", str(tmp_path / "none"), "verify", str(fake), passphrase=None)
    assert result.returncode == 14
    assert_one_plain_line(result)
    missing = run("--data-dir", str(tmp_path / "none"), "verify", str(tmp_path / "absent.pdf"), passphrase=None)
    assert missing.returncode == UsageError.exit_code


HOSTILE = "Zoë\x1b[2J\x1b[1;1H\u202eFake\nVerified: all good\u200b"


def test_text_from_outside_is_printed_with_its_hidden_characters_shown(demo_vault: Path, tmp_path: Path) -> None:
    """Names and titles can paint nothing on the terminal: escapes, bidi, new lines show as <U+XXXX>."""
    from datetime import datetime

    from supervision_app.domain.model import NewPerson, NewSession, PersonRole, SessionStatus
    from supervision_app.domain.record import AgendaItem

    data_dir = copy_of(demo_vault, tmp_path)
    vault = VaultService(VaultPaths(data_dir)).unlock_with_passphrase(PASSPHRASE)
    try:
        person = vault.store.add_person(NewPerson(HOSTILE, PersonRole.SUPERVISEE))
        session = vault.store.add_session(NewSession(person.id, datetime(2026, 12, 1, 10)))
        record = vault.store.load_record(session.id)
        record.agenda.append(AgendaItem(title=f"Item {HOSTILE}"))
        vault.store.save_record(session.id, record, status=SessionStatus.DRAFT)
    finally:
        vault.lock()
    shown = "Zoë<U+001B>[2J<U+001B>[1;1H<U+202E>Fake<U+000A>Verified: all good<U+200B>"
    listed = run("--data-dir", str(data_dir), "sessions", "--supervisee", "fake")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines()[1].split("  ")[2].strip() == shown
    printed = run("--data-dir", str(data_dir), "show", str(session.id))
    assert printed.returncode == 0, printed.stderr
    assert f"Item {shown}" in printed.stdout and "\nVerified" not in printed.stdout
    refused = run("--data-dir", str(data_dir), "sessions", "--supervisee", HOSTILE + " Smith")
    assert refused.returncode == UsageError.exit_code and "<U+001B>[2J" in assert_one_plain_line(refused)
    for result in (listed, printed, refused):
        assert not {"\x1b", "\u202e", "\u200b"} & set(result.stdout + result.stderr)


def test_the_organisation_sets_and_clears_a_time_stamping_service(tmp_path: Path) -> None:
    data_dir = str(tmp_path / "data")
    assert run("--data-dir", data_dir, "init", "--name", "Aisha Rahman").returncode == 0
    shown = run("--data-dir", data_dir, "timestamp-service")
    assert shown.returncode == 0 and "No time-stamping service is set" in shown.stdout
    bad = run("--data-dir", data_dir, "timestamp-service", "tsa.example")
    assert bad.returncode == UsageError.exit_code
    assert "full address" in assert_one_plain_line(bad)
    set_ = run("--data-dir", data_dir, "timestamp-service", "https://tsa.example/rfc3161")
    assert set_.returncode == 0 and "https://tsa.example/rfc3161" in set_.stdout
    cleared = run("--data-dir", data_dir, "timestamp-service", "--off")
    assert cleared.returncode == 0 and "No time-stamping service is set" in cleared.stdout
