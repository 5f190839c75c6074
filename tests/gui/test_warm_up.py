"""Loading the main window's modules while the unlock dialog waits, and the keyring asked after it paints."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backends import fail
from pytestqt.qtbot import QtBot

from supervision_app.gui.main_window import MainWindow
from supervision_app.gui.services import AppServices
from supervision_app.gui.unlock import CHECKING_KEYRING, UnlockDialog
from supervision_app.gui.warm_up import MAIN_WINDOW_MODULES
from supervision_app.vault.keyring_cache import KeyCache
from tests.conftest import PASSPHRASE

# A module of its own, so the test sees which thread imports it (the suite has imported the app's already).
PROBE = "import threading\nIMPORTED_ON = threading.current_thread().name\n"


@pytest.fixture
def probe_module(tmp_path: Path) -> Iterator[str]:
    name = f"warm_up_probe_{tmp_path.name.replace('-', '_')}"
    (tmp_path / f"{name}.py").write_text(PROBE, encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    yield name
    sys.path.remove(str(tmp_path))
    sys.modules.pop(name, None)


def test_the_main_windows_modules_load_on_a_thread_once_the_dialog_has_painted(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str, probe_module: str) -> None:
    controller = make_controller(gui_services, warm_up=(probe_module, *MAIN_WINDOW_MODULES))
    controller.start()
    assert isinstance(controller.dialog, UnlockDialog)
    assert probe_module not in sys.modules  # nothing before the first paint
    qtbot.waitUntil(lambda: controller.warm_up.seconds is not None, timeout=30_000)
    assert sys.modules[probe_module].IMPORTED_ON == "warm-up"
    assert threading.current_thread().name != "warm-up"

    qtbot.keyClicks(controller.dialog.passphrase_edit, PASSPHRASE)
    controller.dialog.unlock_button.click()
    assert isinstance(controller.main_window, MainWindow)


def test_unlock_pressed_before_the_thread_started_waits_for_nothing_and_it_never_starts(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str, probe_module: str) -> None:
    controller = make_controller(gui_services, warm_up=(probe_module,))
    controller.start()
    dialog = controller.dialog
    assert isinstance(dialog, UnlockDialog)
    dialog.passphrase_edit.setText(PASSPHRASE)
    dialog.unlock_button.click()  # before the event loop has run: the dialog has not painted
    assert isinstance(controller.main_window, MainWindow)
    qtbot.wait(50)
    assert probe_module not in sys.modules  # the GUI thread imports from now on; the thread never ran


def test_a_module_that_fails_to_load_is_logged_and_unlocking_still_works(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str,
        caplog: pytest.LogCaptureFixture) -> None:
    controller = make_controller(gui_services, warm_up=("supervision_app.no_such_module",))
    controller.start()
    dialog = controller.dialog
    assert isinstance(dialog, UnlockDialog)
    qtbot.waitUntil(lambda: "no_such_module" in caplog.text, timeout=10_000)
    assert "Loading supervision_app.no_such_module ahead of unlocking failed" in caplog.text
    qtbot.keyClicks(dialog.passphrase_edit, PASSPHRASE)
    dialog.unlock_button.click()
    assert isinstance(controller.main_window, MainWindow)


def test_the_keyring_is_asked_after_the_dialog_has_painted(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[bool] = []

    class SystemKeyCache(KeyCache):
        """Looks the keyring up as the app's does (no backend given); the lookup is recorded."""

        def _choose(self):  # type: ignore[no-untyped-def]
            asked.append(True)
            self._given = fail.Keyring()
            return super()._choose()

    gui_services.key_cache = SystemKeyCache()
    controller = make_controller(gui_services)
    controller.start()
    dialog = controller.dialog
    assert isinstance(dialog, UnlockDialog)
    assert not asked
    assert dialog.keyring_label.text() == CHECKING_KEYRING
    assert not dialog.remember_check.isEnabled()
    qtbot.waitUntil(lambda: dialog.keyring_label.text() != CHECKING_KEYRING)
    assert asked == [True]
    assert dialog.keyring_label.text().endswith("You will type your passphrase each time.")
    assert dialog.remember_check.accessibleDescription() == dialog.keyring_label.text()
