"""A supervisor whose name (from their pairing card) looks like HTML is shown literally on My supervision."""

from __future__ import annotations

from dataclasses import replace

from pytestqt.qtbot import QtBot

from tests.gui.mysupervision.conftest import World
from tests.gui.test_plain_text import HTML_NAME, assert_shown_literally, labels_showing


def test_a_supervisor_named_in_html_is_shown_as_written(qtbot: QtBot, world: World) -> None:
    world.aisha.store.update_person(replace(world.aisha.me, name=HTML_NAME))
    assert world.pair().name == HTML_NAME
    world.send_record()
    page = world.page(qtbot)
    page.refresh()
    assert_shown_literally(labels_showing(page, HTML_NAME))
    assert page.received_tree.topLevelItem(0).text(1) == f"Signed by {HTML_NAME}"
    dialog = page.open_record()
    assert dialog is not None
    assert dialog.windowTitle().endswith(f"with {HTML_NAME} – Supervision")
    assert_shown_literally(labels_showing(dialog, HTML_NAME))
    dialog.close()
