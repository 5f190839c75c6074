"""The main window opens fitted to the screen's usable area and, after that, where the person left it."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from supervision_app.gui.screens import SCREEN_MARGIN, saved_place
from supervision_app.gui.services import AppServices
from supervision_app.settings import Settings

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
    main.window.setGeometry(20, 30, 740, 560)
    left = main.window.frameGeometry()
    controller.lock()
    assert gui_services.settings.load().window_geometry
    main = open_main(qtbot, controller)
    assert main.window.frameGeometry() == left


def test_a_place_off_this_screen_is_brought_back_onto_it(qtbot: QtBot, make_controller, gui_services: AppServices,
                                                         demo_vault: str) -> None:
    elsewhere = QMainWindow()  # where the window was on a larger screen, now gone
    qtbot.addWidget(elsewhere)
    elsewhere.setGeometry(1500, 1200, 740, 560)
    gui_services.settings.save(Settings(window_geometry=saved_place(elsewhere)))
    main = open_main(qtbot, make_controller(gui_services))
    assert usable().contains(main.window.frameGeometry())
