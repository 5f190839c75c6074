"""Building the QApplication and running the app until it ends (imported after preflight)."""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import QApplication, QWidget

from supervision_app import __version__
from supervision_app.errors import VaultError
from supervision_app.gui.app_events import app_events
from supervision_app.gui.controller import AppController
from supervision_app.gui.crash import ExceptionHook
from supervision_app.gui.screens import keep_windows_on_screen
from supervision_app.gui.services import AppServices, default_services
from supervision_app.gui.single_instance import claim_or_hand_over, server_name
from supervision_app.gui.source_check import check_names_not_source
from supervision_app.gui.theme import apply_theme
from supervision_app.gui.warm_up import MAIN_WINDOW_MODULES
from supervision_app.gui.wheel import install_wheel_guard
from supervision_app.paths import VaultPaths, resources_dir

APP_NAME = "Supervision"
ORGANISATION_NAME = "supervision-app"


def create_application() -> QApplication:
    """The QApplication, named and styled; an existing one (in tests) is reused."""
    check_names_not_source()  # the modules imported from now on are not read as text by PySide6
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(ORGANISATION_NAME)
    app.setDesktopFileName("uk.org.supervisionapp.SupervisionApp")  # packaging/linux/, app_identity.APP_ID
    # The controller decides when the app ends: locking closes the main
    # window before the unlock dialog appears.
    app.setQuitOnLastWindowClosed(False)
    install_wheel_guard(app)  # a wheel scrolls the page; values change only in the focused field
    keep_windows_on_screen(app)  # every window opens at its content's size, on the usable screen
    try:
        resources = resources_dir()
    except FileNotFoundError:
        return app
    icon = resources / "icons" / "app.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    apply_theme(app)  # the system's light or dark mode, before the style sheet that follows it
    style = resources / "style.qss"
    if style.is_file():
        with contextlib.suppress(OSError, UnicodeDecodeError):  # the app works unstyled
            app.setStyleSheet(style.read_text(encoding="utf-8"))
    return app


class FirstPaintReporter(QObject):
    """Once the first window has painted, print its title and end the app (smoke tests)."""

    def __init__(self, on_shown: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_shown = on_shown
        self.title: str | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (self.title is None and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget)
                and watched.window().isVisible()):
            self.title = watched.window().windowTitle()
            self._on_shown(self.title)
        return False


class FileOpenEvents(QObject):
    """macOS's file-open event (a double-clicked file, or one dropped on the Dock icon), to ``on_file``."""

    def __init__(self, on_file: Callable[[Path], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_file = on_file

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            name = event.file() or event.url().toLocalFile()
            if name:
                self._on_file(Path(name))
                return True
        return False


def run_app(paths: VaultPaths, *, passphrase: str | None = None, exit_when_shown: bool = False,
            services: AppServices | None = None, open_path: Path | None = None) -> int:
    """Run the app; or, when it is already running on this data folder, give it ``open_path`` and end."""
    app = create_application()
    server = claim_or_hand_over(server_name(paths.data_dir), open_path)
    if server is None:
        print("supervision-app: the app was already open, so the file was opened there."
              if open_path is not None else "supervision-app: the app was already open; it is in front now.")
        return 0
    services = services or default_services(paths)
    hook = ExceptionHook(services.log_file)
    hook.install()
    # Exiting once painted (smoke tests, benchmarks) loads nothing ahead: the process ends at once.
    controller = AppController(services, warm_up=() if exit_when_shown else MAIN_WINDOW_MODULES)
    controller.quit_requested.connect(app.quit)
    app.aboutToQuit.connect(controller.shutdown)

    def open_file(path: Path) -> None:
        controller.raise_window()
        controller.open_file(path)

    server.open_requested.connect(open_file)
    server.raise_requested.connect(controller.raise_window)
    file_events = FileOpenEvents(open_file)
    app_events(app).watch(file_events, (QEvent.Type.FileOpen,))
    reporter: FirstPaintReporter | None = None
    if exit_when_shown:
        def shown(title: str) -> None:
            print(title, flush=True)
            QTimer.singleShot(0, controller.quit)

        reporter = FirstPaintReporter(shown)
        app.installEventFilter(reporter)
    # Ctrl+C in the terminal locks and quits; the timer lets Python see the signal.
    previous_sigint = signal.signal(signal.SIGINT, lambda *_: controller.quit())
    wake = QTimer()
    wake.timeout.connect(lambda: None)
    wake.start(300)
    try:
        try:
            controller.start(passphrase)
        except VaultError as error:
            print(f"supervision-app: {error.message}", file=sys.stderr)
            return error.exit_code
        if open_path is not None:
            QTimer.singleShot(0, lambda: controller.open_file(open_path))
        return app.exec()
    finally:
        server.close()
        app.removeEventFilter(file_events)
        wake.stop()
        signal.signal(signal.SIGINT, previous_sigint)
        if reporter is not None:
            app.removeEventFilter(reporter)
        controller.shutdown()
        hook.uninstall()
