"""retention, end-supervision, keep-longer and erase-person on the command line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from supervision_app import cli
from supervision_app.errors import ErasureRefused, RetentionRuleBroken, UsageError
from supervision_app.paths import VaultPaths
from supervision_app.services import retention
from supervision_app.services.demo import fill_demo
from supervision_app.vault.service import VaultService
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.helpers import snapshot
from tests.test_cli_backup import one_line, run


@pytest.fixture
def demo(vault_paths: VaultPaths) -> Path:
    vault, _code = VaultService(vault_paths, passphrase_kdf=lambda: FAST_KDF).create(PASSPHRASE)
    fill_demo(vault.store, date(2026, 11, 24))
    vault.lock()
    return vault_paths.data_dir


def test_end_dates_and_reasons_make_the_review_list(demo: Path) -> None:
    empty = run(demo, "retention")
    assert empty.returncode == 0, empty.stderr
    assert "kept 6 years after supervision ends" in empty.stdout and "Nobody's records" in empty.stdout
    ended = run(demo, "end-supervision", "Siobhan", "2019-05-31")
    assert ended.returncode == 0, ended.stderr
    assert "ended on 31 May 2019; their records are kept to 31 May 2025" in ended.stdout
    assert run(demo, "end-supervision", "Daniel", "2023-01-15").returncode == 0  # kept to 2029
    listed = run(demo, "retention").stdout.splitlines()
    assert listed[1].split() == ["Name", "Supervision", "ended", "Past", "retention", "since", "Kept", "because"]
    assert listed[2].split()[2:] == ["31", "May", "2019", "1", "Jun", "2025"]
    assert not any("Daniel" in line for line in listed)
    assert run(demo, "keep-longer", "Siobhan", "Legal hold: tribunal claim").returncode == 0
    assert "Legal hold: tribunal claim (recorded " in run(demo, "retention").stdout.splitlines()[2]
    assert run(demo, "keep-longer", "Siobhan", "--clear").returncode == 0
    assert "Legal hold" not in run(demo, "retention").stdout
    assert run(demo, "end-supervision", "Siobhan", "--clear").returncode == 0
    assert "Nobody's records" in run(demo, "retention").stdout


@pytest.mark.parametrize("args", [("end-supervision", "Zoë"), ("end-supervision", "Zoë", "2019-01-01", "--clear"),
                                  ("keep-longer", "Zoë"), ("keep-longer", "Zoë", "   ")])
def test_a_missing_or_empty_value_is_refused(demo: Path, args: tuple[str, ...]) -> None:
    before = snapshot(demo)
    result = run(demo, *args)
    assert result.returncode == UsageError.exit_code and one_line(result).endswith(".")
    assert snapshot(demo) == before


def test_erase_person_asks_first_and_refuses_the_owner(demo: Path) -> None:
    before = snapshot(demo)
    unconfirmed = run(demo, "erase-person", "Zoë")
    assert unconfirmed.returncode == ErasureRefused.exit_code
    assert "add --yes; nothing was erased" in one_line(unconfirmed)
    assert snapshot(demo) == before
    sessions = run(demo, "sessions").stdout
    owner = run(demo, "erase-person", "Aisha", "--yes")
    assert owner.returncode == ErasureRefused.exit_code
    assert one_line(owner).startswith("supervision-app: You cannot erase yourself")
    assert run(demo, "sessions").stdout == sessions and "person erased" not in run(demo, "audit").stdout


def test_erase_person_erases_and_names_the_older_backups(demo: Path, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    assert run(demo, "backup", "--folder", str(usb)).returncode == 0
    (old,) = usb.iterdir()
    erased = run(demo, "erase-person", "zoe", "--yes")
    assert erased.returncode == 0, erased.stderr
    lines = erased.stdout.splitlines()
    assert lines[0].startswith("Erased Zoë Whitfield: ") and lines[0].endswith(" sessions.")
    assert f"    {old}" in lines and old.exists()
    assert "Zoë" not in run(demo, "sessions").stdout
    log = run(demo, "audit").stdout.splitlines()
    (entry,) = [line for line in log if "person erased" in line]
    assert "person erased  supervisee " in entry and "sessions " in entry and "Zoë" not in entry
    again = run(demo, "erase-person", "Siobhán", "--yes", "--replace-backups")
    assert again.returncode == 0, again.stderr
    assert "Deleted 1 older backup that still held them." in again.stdout
    assert not old.exists() and len(list(usb.iterdir())) == 1


def test_a_broken_rule_file_is_one_sentence(demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "retention.toml"
    broken.write_text("years_after_supervision_ends = -1\n", encoding="utf-8")
    monkeypatch.setattr(retention, "rule_path", lambda: broken)
    monkeypatch.setenv("SUPERVISION_APP_PASSPHRASE", PASSPHRASE)
    assert cli.main(["--data-dir", str(demo), "retention"]) == RetentionRuleBroken.exit_code
    message = capsys.readouterr().err.strip()
    assert message == (f"supervision-app: The organisation's retention rule ({broken}) cannot be used: "
                       "years_after_supervision_ends must be a whole number from 1 to 100.")
