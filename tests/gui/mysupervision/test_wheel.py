"""The supervisee's preparation (the stressor impacts too) does not change under a mouse wheel."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.gui.mysupervision.conftest import World
from tests.gui.mysupervision.test_page import fill_in
from tests.gui.wheel_helpers import changed_by_wheel, wheel_sensitive


def test_no_field_of_my_supervision_changes_under_the_wheel(qtbot: QtBot, world: World) -> None:
    world.pair()
    page = world.page(qtbot)
    page.show()
    fill_in(qtbot, page)
    page.save_now()
    assert len(wheel_sensitive(page)) >= 10  # the stressor impacts
    assert changed_by_wheel(page) == []
    assert not page.dirty
