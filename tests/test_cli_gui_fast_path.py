"""The window's plain launches start without building every command's parser, and mean what they meant."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from supervision_app import cli
from supervision_app.cli import build_parser, command_names, gui_arguments, with_file_as_gui

PLAIN_LAUNCHES: tuple[list[str], ...] = (
    [],
    ["--data-dir", "d"],
    ["--data-dir=d"],
    ["gui"],
    ["--data-dir", "d", "gui"],
    ["gui", "--exit-when-shown"],
    ["--data-dir", "d", "gui", "--exit-when-shown"],
    ["gui", "x.svagenda"],
    ["gui", "x.svagenda", "--exit-when-shown"],
    ["--data-dir", "d", "gui", "--exit-when-shown", "folder/backup"],
    ["note.pdf"],
    ["--data-dir", "d", "note.pdf"],
    ["--data-dir=d", "some/folder/record"],
)

# Everything else goes to the full parser: help, the version, the commands, mistakes and the rarer forms.
FULL_PARSER: tuple[list[str], ...] = (
    ["--help"],
    ["-h"],
    ["--version"],
    ["gui", "--help"],
    ["check"],
    ["--data-dir", "d", "demo"],
    ["--passphrase-file", "p"],
    ["--passphrase-file", "p", "gui"],
    ["--data-dir"],
    ["--data-dir", "--help"],
    ["--data", "d"],
    ["--data-dir", "d", "--data-dir", "e"],
    ["gui", "--data-dir", "d"],
    ["gui", "a.pdf", "b.pdf"],
    ["gui", "--exit-when-shown", "--exit-when-shown"],
    ["gui", "-"],
    ["gui", "--", "a.pdf"],
    ["note.pdf", "--exit-when-shown"],
    ["chekc"],
    ["demo"],
    ["--", "note.pdf"],
)


@pytest.mark.parametrize("argv", PLAIN_LAUNCHES)
def test_a_plain_launch_means_what_the_full_parser_makes_of_it(argv: list[str]) -> None:
    parser = build_parser()
    expected = parser.parse_args(with_file_as_gui(argv, command_names(parser)))
    expected.command = expected.command or "gui"
    fast = gui_arguments(argv)
    assert fast is not None
    for name in ("command", "data_dir", "passphrase_file"):
        assert getattr(fast, name) == getattr(expected, name), name
    assert getattr(fast, "file", None) == getattr(expected, "file", None)
    assert getattr(fast, "exit_when_shown", False) == getattr(expected, "exit_when_shown", False)


@pytest.mark.parametrize("argv", FULL_PARSER)
def test_anything_else_is_left_to_the_full_parser(argv: list[str]) -> None:
    assert gui_arguments(argv) is None


def test_a_bare_name_that_exists_is_left_to_the_full_parser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `supervision-app agenda` with a file called "agenda" here opens it; the full parser's rule decides that.
    (tmp_path / "agenda").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert gui_arguments(["agenda"]) is None


def test_no_command_looks_like_a_file_to_the_fast_path() -> None:
    for name in command_names(build_parser()):
        assert "." not in name and "/" not in name and os.sep not in name, name


def test_the_window_starts_without_building_the_parser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    launched: list[dict[str, Any]] = []

    def no_parser() -> None:
        raise AssertionError("the full parser was built")

    def launch_gui(paths: Any, **options: Any) -> int:
        launched.append({"data_dir": paths.data_dir, **options})
        return 0

    import supervision_app.gui.launch

    monkeypatch.setattr(cli, "build_parser", no_parser)
    monkeypatch.setattr(supervision_app.gui.launch, "launch_gui", launch_gui)
    monkeypatch.delenv(cli.PASSPHRASE_ENV, raising=False)
    note = tmp_path / "note.pdf"
    assert cli.main(["--data-dir", str(tmp_path / "vault"), str(note)]) == 0
    assert cli.main(["--data-dir", str(tmp_path / "vault"), "gui", "--exit-when-shown"]) == 0
    assert launched == [
        {"data_dir": tmp_path / "vault", "passphrase": None, "exit_when_shown": False, "open_path": note},
        {"data_dir": tmp_path / "vault", "passphrase": None, "exit_when_shown": True, "open_path": None},
    ]


def test_help_and_commands_still_use_the_full_parser(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(["--help"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out == build_parser().format_help()
    with pytest.raises(SystemExit) as stopped:
        cli.main(["--data-dir", str(tmp_path), "gui", "--help"])
    assert stopped.value.code == 0
    assert "--exit-when-shown" not in capsys.readouterr().out
    with pytest.raises(SystemExit) as stopped:
        cli.main(["--data-dir", str(tmp_path), "gui", "a.pdf", "b.pdf"])
    assert stopped.value.code == 2
    assert "unrecognized arguments: b.pdf" in capsys.readouterr().err
