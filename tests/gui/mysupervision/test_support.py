"""My supervision shows where to get support: the organisation's contacts kept in this vault, as written
(markup shown literally), or the national signposts until the organisation has added some."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from supervision_app.domain.contacts import OrganisationContact
from supervision_app.services.contacts import ContactsService
from tests.gui.mysupervision.conftest import World
from tests.gui.test_plain_text import HTML_NAME, assert_shown_literally, labels_showing


def shown(page_support: object) -> str:
    from PySide6.QtWidgets import QLabel, QWidget

    assert isinstance(page_support, QWidget)
    return "\n".join(label.text() for label in page_support.findChildren(QLabel))


def test_the_national_signposts_until_the_organisation_adds_its_own(qtbot: QtBot, world: World) -> None:
    page = world.page(qtbot)
    text = shown(page.support)
    assert page.support.title() == "Where to get support"
    assert all(service.name in text for service in world.services.content.support_directory.services)
    ContactsService(world.zoe_app.store, world.services.content).save(OrganisationContact(
        HTML_NAME, "Counselling, any time.", phone="0800 000 0000", hours="24 hours a day"))
    page.refresh()
    text = shown(page.support)
    assert f"{HTML_NAME}\nCounselling, any time.\n0800 000 0000 · 24 hours a day" in text
    assert "Occupational Health" not in text
    assert_shown_literally(labels_showing(page, HTML_NAME))
