"""The verify dialog's verdict and findings, in the accent and the error colour, read on both palettes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supervision_app.gui import theme
from supervision_app.gui.notes import VerifyDialog
from tests.gui.test_theme import low_contrast, styled  # noqa: F401  (a fixture)

from .conftest import NotesWorld


@pytest.mark.parametrize("scheme", list(theme.Scheme))
def test_a_good_and_a_bad_verdict_read_on_each_palette(qtbot: QtBot, qapp: QApplication, styled: None,  # noqa: F811
                                                       make_dialog, world: NotesWorld, tmp_path: Path,
                                                       scheme: theme.Scheme) -> None:
    theme.apply_theme(qapp, scheme)
    make_dialog().sign_as_supervisor()
    good = tmp_path / "note.pdf"
    good.write_bytes(world.notes.signed_note(world.signed_off.id).pdf)
    bad = tmp_path / "changed.pdf"
    bad.write_bytes(good.read_bytes() + b"%changed\n")
    found = []
    for path in (good, bad):
        dialog = VerifyDialog(world.notes.verify, choose_pdf=lambda _parent, path=path: path)
        qtbot.addWidget(dialog)
        dialog.resize(900, 700)
        dialog.show()
        dialog.choose_button.click()
        measured: Counter[str] = Counter()
        found += low_contrast(dialog, measured)
        assert measured["label"] > 5
    assert found == []
