"""The wheel carries the forms and resources, and the app starts from a fresh install."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ORIGINAL_ENVIRONMENT, PASSPHRASE

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)],
                   cwd=ROOT, check=True, capture_output=True)
    (built,) = out.glob("supervision_app-*.whl")
    return built


def test_the_wheel_carries_every_form_and_resource(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("ui", "resources"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file():
                assert f"supervision_app/{path.relative_to(ROOT).as_posix()}" in names, path


@pytest.mark.slow
def test_the_app_starts_from_a_fresh_virtual_environment(wheel: Path, tmp_path: Path) -> None:
    environment = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(environment)
    bin_dir = environment / ("Scripts" if os.name == "nt" else "bin")
    # The real pip cache (the suite points HOME elsewhere), so that a second
    # run does not download Qt again.
    env = {**ORIGINAL_ENVIRONMENT, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
                   check=True, env=env, cwd=tmp_path, timeout=1800)

    data_dir = tmp_path / "data"
    app_env = {**env, "SUPERVISION_APP_PASSPHRASE": PASSPHRASE, "QT_QPA_PLATFORM": "offscreen",
               "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "HOME": str(tmp_path)}
    app = str(bin_dir / "supervision-app")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([app, "--data-dir", str(data_dir), *args], capture_output=True, text=True,
                              env=app_env, cwd=tmp_path, timeout=300, check=False)

    assert run("demo").returncode == 0
    checked = run("check")
    assert checked.returncode == 0, checked.stderr
    shown = run("gui", "--exit-when-shown")
    assert shown.returncode == 0, shown.stderr
    assert "Supervision" in shown.stdout
    # It ran from the fresh environment, not from this checkout.
    located = subprocess.run([str(bin_dir / "python"), "-c",
                              "import supervision_app.paths as p; print(p.ui_dir()); print(p.resources_dir())"],
                             capture_output=True, text=True, check=True, cwd=tmp_path, env=app_env)
    assert str(ROOT) not in located.stdout
    assert str(environment) in located.stdout
