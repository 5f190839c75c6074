"""Fixtures for the GUI tests: real vaults in temp folders, stand-in printer and keyrings."""

from __future__ import annotations

import gc
import hashlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, Qt
from PySide6.QtGui import QScreen
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QMessageBox, QWidget

from supervision_app.gui.controller import AppController
from supervision_app.gui.plain import is_marked_rich
from supervision_app.gui.services import AppServices
from supervision_app.gui.wheel import install_wheel_guard
from supervision_app.logging_setup import configure_logging
from supervision_app.paths import VaultPaths
from supervision_app.services.demo import DEMO_SUPERVISEES, DEMO_SUPERVISOR, fill_demo
from supervision_app.settings import SettingsStore
from supervision_app.vault.keyring_cache import KeyCache
from supervision_app.vault.service import VaultService
from tests.conftest import PASSPHRASE
from tests.gui.names import hides_its_text, hiding

DEMO_TODAY = date(2026, 11, 24)
DEMO_NAMES = (DEMO_SUPERVISOR.name, *(person.name for person in DEMO_SUPERVISEES))


@dataclass
class FakePrinter:
    printed: list[str] = field(default_factory=list)
    accept: bool = True

    def print_recovery_code(self, code: str, parent: QWidget | None) -> bool:
        self.printed.append(code)
        return self.accept


def make_services(service: VaultService, backend: KeyringBackend | None = None) -> AppServices:
    return AppServices(
        vault_service=service,
        key_cache=KeyCache(backend if backend is not None else fail.Keyring()),
        settings=SettingsStore(service.paths.settings_file),
        printer=FakePrinter(),
    )


@pytest.fixture
def gui_services(service: VaultService) -> AppServices:
    return make_services(service)


@pytest.fixture
def demo_vault(service: VaultService) -> str:
    """A locked vault holding the demo team; returns its recovery code."""
    vault, code = service.create(PASSPHRASE)
    fill_demo(vault.store, DEMO_TODAY)
    vault.lock()
    return code


@pytest.fixture(autouse=True)
def _wheel_guard(qapp: QApplication) -> None:
    """The application the tests share has the guard the app's own gets (``gui/application.py``)."""
    install_wheel_guard(qapp)


@pytest.fixture(autouse=True)
def _windows_go_with_their_test(qapp: QApplication) -> Iterator[None]:
    """The windows a test closed are deleted before the next test starts, and their wrappers collected.

    pytest-qt closes each test's widgets with ``deleteLater()``, which runs only at the
    next event loop: without this, windows of many tests piled up and went all at once,
    in the middle of a later test's ``processEvents()`` (after a style change there, a
    segfault). Deleting them here makes a crash in a window's teardown point at its own test.
    """
    yield
    flush_deletes()
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def _no_window_holds_a_screen(qapp: QApplication) -> Iterator[None]:
    """No window may keep a screen: PySide6 would delete it when collecting the window (a crash later).

    A screen fetched through a widget's own method (``widget.screen()``) becomes
    that widget's child on the Python side; ``supervision_app.gui.screens``
    asks the application instead.
    """
    yield
    holding = [widget.objectName() or type(widget).__name__ for widget in qapp.topLevelWidgets()
               if any(isinstance(referent, QScreen) for referent in gc.get_referents(widget))]
    assert holding == [], f"these windows keep a reference to a screen: {holding}"


def rich_text_widgets() -> list[str]:
    """Every label and message box alive now that would take text for HTML (a form may mark a label rich)."""
    found: list[str] = []
    # From the live windows down: QApplication.allWidgets() also hands out widgets half-way through
    # their destruction, and touching one of those crashes.
    widgets: list[QWidget] = []
    for window in QApplication.topLevelWidgets():
        widgets += [window, *window.findChildren(QWidget)]
    for widget in widgets:
        if isinstance(widget, QMessageBox | QLabel) and widget.textFormat() is not Qt.TextFormat.PlainText \
                and not (isinstance(widget, QLabel) and is_marked_rich(widget)):
            found.append(f"{type(widget).__name__} {widget.objectName()!r}: {widget.text()[:40]!r}")
    return found


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> object:
    """After every GUI test, while its windows still exist: no label or message box interprets rich text,
    and no accessible name in an open window hides the text a label, button, check box, group box or a
    field's label shows.

    Names, titles and comments from files, packs and pairing cards reach labels
    and message boxes; ``gui/plain.py`` makes them all plain text. This walks
    every widget every GUI test built (each form, dialog and window the app makes).
    """
    result = yield
    found = rich_text_widgets()
    assert found == [], f"these would interpret rich text (see gui/plain.py): {found}"
    hidden = [hiding(widget) for widget in QApplication.allWidgets()
              if widget.window().isVisible() and hides_its_text(widget)]
    assert hidden == [], f"these accessible names hide what the widget shows (see tests/gui/names.py): {hidden}"
    return result


def flush_deletes() -> None:
    """Let closed windows go: zero-time timers first, then Qt's deferred deletes."""
    QTest.qWait(1)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def make_controller(qapp: QApplication) -> Iterator[Callable[..., AppController]]:
    made: list[AppController] = []

    def make(services: AppServices, **options: object) -> AppController:
        controller = AppController(services, **options)  # type: ignore[arg-type]
        made.append(controller)
        return controller

    yield make
    for controller in made:
        controller.shutdown()
    made.clear()
    flush_deletes()


def vault_file_hashes(paths: VaultPaths) -> dict[str, str]:
    """Every file in the data folder (logs aside) mapped to its SHA-256."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(paths.data_dir.iterdir())
        if path.is_file()
    }


def visible_texts() -> list[str]:
    """Every piece of text a visible window shows or gives to assistive technology."""
    texts: list[str] = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        for widget in [top, *top.findChildren(QWidget)]:
            texts += [widget.windowTitle(), widget.toolTip(), widget.accessibleName(),
                      widget.accessibleDescription(), widget.statusTip()]
            for getter in ("text", "toPlainText", "placeholderText", "currentText"):
                method = getattr(widget, getter, None)
                if callable(method):
                    value = method()
                    if isinstance(value, str):
                        texts.append(value)
            if isinstance(widget, QAbstractItemView) and widget.model() is not None:
                model = widget.model()
                for row in range(model.rowCount(QModelIndex())):
                    column = 0
                    # (A list model's columnCount is private in PySide; walk until invalid.)
                    while (index := model.index(row, column)).isValid():
                        texts.append(str(index.data()))
                        column += 1
    return [text for text in texts if text]


@pytest.fixture
def app_log(tmp_path: Path) -> Iterator[Path]:
    """The app's log configured into a temp folder, undone afterwards."""
    log_file = configure_logging(tmp_path / "logs")
    assert log_file is not None
    yield log_file
    root = logging.getLogger("supervision_app")
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    root.propagate = True
    root.setLevel(logging.NOTSET)
