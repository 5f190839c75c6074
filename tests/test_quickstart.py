"""packaging/quickstart.py on a fresh machine: no python3-venv, a broken .venv, and a start with no network."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from tests.packaging_scripts import load

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "packaging" / "quickstart.py"


@pytest.fixture
def quickstart() -> ModuleType:
    return load("quickstart")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the repository's quick start and pyproject.toml, so no test touches the real .venv."""
    root = tmp_path / "project"
    (root / "packaging").mkdir(parents=True)
    shutil.copy(SCRIPT, root / "packaging" / "quickstart.py")
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


@pytest.fixture(scope="module")
def healthy_venv(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    venv = tmp_path_factory.mktemp("venv") / ".venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=600)
    yield venv


def test_without_python3_venv_it_names_the_package_and_leaves_no_venv(project: Path, tmp_path: Path) -> None:
    # Debian's python3 without python3-venv: "-m venv" makes a venv without pip, then fails.
    fake = tmp_path / "python-without-venv"
    fake.write_text('#!/bin/sh\nmkdir -p "$3/bin" && touch "$3/pyvenv.cfg"\n'
                    'echo "The virtual environment was not created successfully because ensurepip is not available."\n'
                    "exit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "SUPERVISION_QUICKSTART_PYTHON": str(fake)}
    ran = subprocess.run([sys.executable, str(project / "packaging" / "quickstart.py"), "start"],
                         capture_output=True, text=True, env=env, timeout=120, check=False)
    assert ran.returncode == 1
    assert "python3-venv" in ran.stderr
    assert len(ran.stderr.strip().splitlines()) == 1  # one sentence
    assert not (project / ".venv").exists()


def test_a_healthy_venv_is_kept(quickstart: ModuleType, healthy_venv: Path) -> None:
    assert quickstart.venv_is_healthy(healthy_venv)


def test_a_venv_whose_python_has_gone_is_broken(quickstart: ModuleType, tmp_path: Path) -> None:
    venv = tmp_path / ".venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "pyvenv.cfg").write_text("home = /gone\n", encoding="utf-8")
    (venv / "bin" / "python").symlink_to(tmp_path / "gone" / "python3")
    assert not quickstart.venv_is_healthy(venv)


def test_a_venv_without_pip_is_made_again(quickstart: ModuleType, tmp_path: Path) -> None:
    venv = tmp_path / ".venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=300)
    assert not quickstart.venv_is_healthy(venv)
    python = quickstart.ensure_venv(venv)
    assert quickstart.venv_is_healthy(venv)
    assert python == quickstart.venv_python(venv)


def test_it_reinstalls_only_when_pyproject_changes(quickstart: ModuleType, project: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    venv = tmp_path / ".venv"
    venv.mkdir()
    installs: list[str] = []
    monkeypatch.setattr(quickstart, "pip_install", lambda _python, target: installs.append(target))

    def run(extras: set[str]) -> None:
        quickstart.ensure_installed(venv / "bin" / "python", venv, project, extras)

    run(set())
    run(set())
    assert installs == ["."]
    run({"test"})
    run({"test"})
    run(set())  # the test tools' install includes the app
    assert installs == [".", ".[test]"]
    with (project / "pyproject.toml").open("a", encoding="utf-8") as pyproject:
        pyproject.write("\n# changed\n")
    run(set())
    run({"test"})
    assert installs == [".", ".[test]", ".", ".[test]"]


def test_an_install_cut_short_is_redone(quickstart: ModuleType, project: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    venv = tmp_path / ".venv"
    venv.mkdir()
    monkeypatch.setattr(quickstart, "pip_install", lambda *_: None)
    quickstart.ensure_installed(venv / "bin" / "python", venv, project, set())
    with (project / "pyproject.toml").open("a", encoding="utf-8") as pyproject:
        pyproject.write("\n# changed\n")

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(quickstart, "pip_install", interrupted)
    with pytest.raises(KeyboardInterrupt):
        quickstart.ensure_installed(venv / "bin" / "python", venv, project, set())
    assert not quickstart.is_installed(venv, project, set())


def test_start_runs_the_installed_app_without_pip(quickstart: ModuleType, project: Path, healthy_venv: Path,
                                                 tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The installed app, stood in for by a package on the venv's path that reports how it was started.
    app = tmp_path / "app" / "supervision_app"
    app.mkdir(parents=True)
    (app / "__init__.py").write_text("", encoding="utf-8")
    (app / "__main__.py").write_text("import sys\nprint('started', *sys.argv[1:])\nsys.exit(7)\n", encoding="utf-8")
    site_packages = Path(subprocess.run(
        [str(quickstart.venv_python(healthy_venv)), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True, text=True, check=True).stdout.strip())
    assert site_packages.is_relative_to(healthy_venv), sysconfig.get_path("purelib")
    (site_packages / "stand_in_app.pth").write_text(str(app.parent) + "\n", encoding="utf-8")
    (healthy_venv / quickstart.STAMP_NAME).write_text(
        json.dumps({"pyproject": quickstart.project_hash(project), "extras": []}), encoding="utf-8")

    def no_network(*_: object) -> None:
        raise AssertionError("pip was run although the app is installed")

    monkeypatch.setattr(quickstart, "pip_install", no_network)
    monkeypatch.setattr(quickstart, "VENV", healthy_venv)
    monkeypatch.setattr(quickstart, "ROOT", project)
    monkeypatch.chdir(tmp_path)  # not the checkout, whose supervision_app "-m" would find first
    assert quickstart.main(["start", "--version"]) == 7
