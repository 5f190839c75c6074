"""A mouse wheel scrolls the page and changes no value unless the field has keyboard focus (gui/wheel.py)."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QSpinBox, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from supervision_app.gui.forms import load_form
from supervision_app.paths import ui_dir
from tests.gui.wheel_helpers import changed_by_wheel, value_of, wheel, wheel_sensitive

APP_INSTALLS_ONE_GUARD = """
from supervision_app.gui.application import create_application
from supervision_app.gui.wheel import WheelGuard, install_wheel_guard
app = create_application()
assert create_application() is app
assert install_wheel_guard(app) is install_wheel_guard(app)
assert sum(isinstance(child, WheelGuard) for child in app.children()) == 1
"""


def test_the_app_installs_the_guard_once() -> None:
    # In a process of its own: the app's theme and style sheet must not leak into the other tests' windows.
    result = subprocess.run([sys.executable, "-c", APP_INSTALLS_ONE_GUARD], capture_output=True, text=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]


def test_no_form_changes_under_the_wheel(qtbot: QtBot) -> None:
    checked = 0
    for path in sorted(ui_dir().glob("*.ui")):
        form = load_form(path.stem)
        qtbot.addWidget(form)
        form.show()
        checked += len(wheel_sensitive(form))
        assert changed_by_wheel(form, fill_empty=True) == [], path.name
    assert checked >= 20  # every spin box, combo box and date or time field in ui/


def test_the_wheel_scrolls_the_page_and_the_focused_field_still_takes_it(qtbot: QtBot) -> None:
    area = QScrollArea()
    qtbot.addWidget(area)
    host = QWidget()
    layout = QVBoxLayout(host)
    spins = [QSpinBox() for _ in range(30)]
    for spin in spins:
        spin.setRange(0, 200)
        spin.setValue(90)
        layout.addWidget(spin)
    area.setWidget(host)
    area.resize(300, 200)
    area.show()
    qtbot.waitExposed(area)
    first = spins[0]
    assert first.focusPolicy() == Qt.FocusPolicy.StrongFocus  # a wheel never gives it focus
    first.clearFocus()
    wheel(first, -2)
    assert first.value() == 90
    assert area.verticalScrollBar().value() > 0
    area.activateWindow()
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    wheel(first, 1)
    assert value_of(first) == "91"
