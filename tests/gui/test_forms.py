"""Every form loads, and every control in it can be named by assistive technology."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QPageSize, QPdfWriter
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from supervision_app import __version__
from supervision_app.gui.forms import FormError, load_form
from supervision_app.gui.main_window import MainWindow
from supervision_app.gui.printing import code_lines, paint_recovery_page
from supervision_app.gui.services import AppServices
from supervision_app.gui.small_dialogs import AboutDialog
from supervision_app.paths import ui_dir
from tests.conftest import PASSPHRASE
from tests.gui.names import names_hiding_text, spoken_name

FORM_NAMES = sorted(path.stem for path in ui_dir().glob("*.ui"))
INTERACTIVE = (QAbstractButton, QLineEdit, QAbstractSpinBox, QComboBox, QAbstractItemView,
               QPlainTextEdit, QTextEdit, QProgressBar)
_MNEMONIC = re.compile(r"&[^&]")


def test_the_expected_forms_exist() -> None:
    assert {"main_window", "setup", "unlock", "change_passphrase", "passphrase_fields", "about",
            "auto_lock", "crash"} <= set(FORM_NAMES)


@pytest.mark.parametrize("name", FORM_NAMES)
def test_every_control_has_an_accessible_name(qtbot: QtBot, name: str) -> None:
    form = load_form(name)
    qtbot.addWidget(form)
    unnamed = []
    for widget in form.findChildren(QWidget):
        # A label is read by its text; one the app fills in at run time is checked in the windows it is in.
        interactive = isinstance(widget, INTERACTIVE) or (
            isinstance(widget, QLabel) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.text())
        # Qt's own parts of a control (a spin box's line edit, a view's scroll
        # bars) are named "qt_..." or not at all, and are covered by the control.
        name_of = widget.objectName()
        if interactive and name_of and not name_of.startswith("qt_") and not spoken_name(widget).strip():
            unnamed.append(widget.objectName())
    assert unnamed == []


@pytest.mark.parametrize("name", FORM_NAMES)
def test_labels_with_a_mnemonic_have_a_buddy(qtbot: QtBot, name: str) -> None:
    form = load_form(name)
    qtbot.addWidget(form)
    orphans = [label.objectName() for label in form.findChildren(QLabel)
               if _MNEMONIC.search(label.text()) and label.buddy() is None]
    assert orphans == []
    for action in form.findChildren(QAction):
        if action.objectName():
            assert action.text(), action.objectName()


def test_a_missing_form_is_a_clear_error(qtbot: QtBot) -> None:
    with pytest.raises(FormError, match=r"no_such_form\.ui"):
        load_form("no_such_form")


def test_about_box_shows_the_version_folder_and_keyring(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str) -> None:
    controller = make_controller(gui_services)
    controller.start(PASSPHRASE)
    main = controller.main_window
    assert isinstance(main, MainWindow)
    main.action("actionAbout").trigger()
    dialog = main.window.findChild(AboutDialog)
    assert dialog is not None and dialog.isVisible()
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels["versionLabel"] == f"Version {__version__}"
    assert labels["dataFolderLabel"] == str(gui_services.paths.data_dir)
    assert labels["keyringLabel"] == gui_services.key_cache.status().explanation
    assert "Social Worker Wellbeing and Working Conditions toolkit (2020)" in labels["sourceLabel"]
    assert dialog.windowTitle() == "About Supervision"


def test_recovery_page_prints_to_a_pdf(qtbot: QtBot, tmp_path: Path) -> None:
    code = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789"
    assert code_lines(code) == ["ABCD-EFGH-JKMN-PQRS", "TVWX-YZ01-2345-6789"]
    target = tmp_path / "code.pdf"
    writer = QPdfWriter(str(target))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    paint_recovery_page(writer, code, date(2026, 11, 3))
    del writer
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("name", FORM_NAMES)
def test_no_accessible_name_hides_what_a_sighted_user_reads(qtbot: QtBot, name: str) -> None:
    """A label, button, check box or group box is read by its text, or by a name that contains it."""
    form = load_form(name)
    qtbot.addWidget(form)
    assert names_hiding_text(form) == []
