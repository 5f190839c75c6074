"""``supervision-app FILE`` is ``supervision-app gui FILE``; every command keeps its meaning."""

from __future__ import annotations

from pathlib import Path

import pytest

from supervision_app.cli import build_parser, command_names, main, with_file_as_gui


@pytest.fixture
def commands() -> frozenset[str]:
    return command_names(build_parser())


def test_a_bare_file_opens_in_the_window(commands: frozenset[str], tmp_path: Path) -> None:
    agenda = tmp_path / "agenda.svagenda"
    assert with_file_as_gui([str(agenda)], commands) == ["gui", str(agenda)]
    assert with_file_as_gui(["--data-dir", "d", "note.pdf"], commands) == ["--data-dir", "d", "gui", "note.pdf"]
    assert with_file_as_gui(["--data-dir=d", "--passphrase-file", "p", "x.svpair"], commands) == [
        "--data-dir=d", "--passphrase-file", "p", "gui", "x.svpair"]
    args = build_parser().parse_args(with_file_as_gui([str(agenda)], commands))
    assert (args.command, args.file) == ("gui", agenda)


def test_commands_and_mistyped_commands_are_unchanged(commands: frozenset[str]) -> None:
    assert {"import", "verify", "gui", "check", "pair-import"} <= commands
    for argv in (["verify", "note.pdf"], ["import", "a.svagenda"], ["check"], ["gui", "--exit-when-shown"],
                 ["--version"], [], ["chekc"]):
        assert with_file_as_gui(argv, commands) == argv


def test_a_mistyped_command_is_still_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--data-dir", str(tmp_path), "chekc"])
    assert stopped.value.code == 2
    assert "invalid choice: 'chekc'" in capsys.readouterr().err
