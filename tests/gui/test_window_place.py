"""The main window opens fitted to the screen's usable area and, after that, where the person left it."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from supervision_app.gui.screens import SCREEN_MARGIN
from supervision_app.gui.services import AppServices

from .test_lock import open_main


def usable() -> QRect:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    return screen.availableGeometry()


def test_opens_fitted_to_the_screen(qtbot: QtBot, make_controller, gui_services: AppServices,
                                    demo_vault: str) -> None:
    main = open_main(qtbot, make_controller(gui_services))
    area, frame = usable(), main.window.frameGeometry()
    assert area.contains(frame)
    assert frame.width() >= area.width() - SCREEN_MARGIN and frame.height() >= area.height() - SCREEN_MARGIN


def test_remembers_its_size_and_place(qtbot: QtBot, make_controller, gui_services: AppServices,
                                      demo_vault: str) -> None:
    controller = make_controller(gui_services)
    main = open_main(qtbot, controller)
    main.window.setGeometry(60, 50, 700, 500)
    left = main.window.frameGeometry()
    controller.lock()
    assert gui_services.settings.load().window_geometry
    main = open_main(qtbot, controller)
    assert main.window.frameGeometry() == left
