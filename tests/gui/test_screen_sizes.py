"""Every window and dialog fits a 1280x720 screen, and a 1920x1080 screen at 200% scaling.

Qt reads the screen when the application starts, so each screen gets a
subprocess running tests/gui/walk_screens.py. The offscreen platform takes its
screens from a JSON file (``QT_QPA_PLATFORM=offscreen:configfile=FILE``);
``QT_SCALE_FACTOR=2`` makes a 1920x1080 screen one of 960x540 device-independent
pixels at a device pixel ratio of 2, as 200% scaling does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ORIGINAL_ENVIRONMENT

ROOT = Path(__file__).resolve().parents[2]
WALK = Path(__file__).with_name("walk_screens.py")


def screen_environment(tmp_path: Path, width: int, height: int, scale: int) -> dict[str, str]:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "Screen", "x": 0, "y": 0, "width": width, "height": height,
                                              "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    environment = {key: value for key, value in os.environ.items() if not key.startswith("QT_")}
    environment.update(QT_QPA_PLATFORM=f"offscreen:configfile={config}", QT_SCALE_FACTOR=str(scale),
                       HOME=ORIGINAL_ENVIRONMENT.get("HOME", str(tmp_path)))
    return environment


@pytest.mark.slow
@pytest.mark.parametrize(("width", "height", "scale"), [(1280, 720, 1), (1920, 1080, 2)],
                         ids=["1280x720", "1920x1080-at-200%"])
def test_every_window_fits_the_screen(tmp_path: Path, width: int, height: int, scale: int) -> None:
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", str(WALK)],
                            cwd=ROOT, env=screen_environment(tmp_path, width, height, scale),
                            capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout[-12000:] + result.stderr[-2000:]


def test_the_screen_is_the_one_asked_for(tmp_path: Path) -> None:
    code = ("from PySide6.QtWidgets import QApplication; app = QApplication([]); s = app.primaryScreen(); "
            "g = s.geometry(); print(g.width(), g.height(), s.devicePixelRatio())")
    result = subprocess.run([sys.executable, "-c", code], env=screen_environment(tmp_path, 1920, 1080, 2),
                            capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.split() == ["960", "540", "2.0"]
