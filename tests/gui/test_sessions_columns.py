"""The sessions list's columns fit their texts without asking the model for every cell again and again."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supervision_app.domain.model import NewPerson, PersonRole, SessionMode, SessionStatus, SupervisionSession
from supervision_app.gui.models import SessionsModel
from supervision_app.gui.services import AppServices
from supervision_app.services.sessions import SessionService
from tests.conftest import PASSPHRASE

ROWS = 150


def test_a_long_list_is_sized_from_each_text_once(qtbot: QtBot, make_controller, gui_services: AppServices,
                                                   demo_vault: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    controller = make_controller(gui_services)
    controller.start(passphrase=PASSPHRASE)
    main = controller.main_window
    person = main.store.add_person(NewPerson("Oisín Byrne", PersonRole.SUPERVISEE))
    sessions = SessionService(main.store)
    for week in range(ROWS):
        sessions.book(person.id, datetime.combine(datetime(2024, 1, 1) + timedelta(weeks=week), time(10)))
    main.refresh()
    calls = []
    data = SessionsModel.data
    monkeypatch.setattr(SessionsModel, "data", lambda self, *args: calls.append(1) or data(self, *args))
    main.select_person(person.id)
    qtbot.wait(10)  # the paint that follows
    assert main.supervising.sessions_model is not None and main.supervising.sessions_model.rowCount() == ROWS
    # Old: every cell of four columns measured (about 19 calls each, 11,000 in all) before the paint.
    assert len(calls) < 20 * ROWS, len(calls)
    table, header = main.supervising.sessions_table, main.supervising.sessions_table.horizontalHeader()
    for column in range(SessionsModel.COLUMNS.index("Location")):
        # As wide as Qt's own measure of every cell, and of the heading: no text is cut short.
        assert header.sectionSize(column) >= table.sizeHintForColumn(column), column
        assert header.sectionSize(column) >= header.sectionSizeHint(column), column


def test_each_column_lists_every_text_of_its_own_shape_once_with_its_first_row(qtbot: QtBot) -> None:
    start = datetime(2026, 3, 2, 10)
    sessions = [SupervisionSession(id=index + 1, supervisee_id=1, scheduled_start=start + timedelta(days=index % 3),
                                   duration_minutes=(60, 90)[index % 2],
                                   mode=(SessionMode.VIDEO, SessionMode.IN_PERSON)[index % 2],
                                   location="", status=(SessionStatus.SIGNED_OFF, SessionStatus.SCHEDULED)[index % 2])
                for index in range(7)]
    model = SessionsModel(sessions)
    for column in range(len(SessionsModel.COLUMNS)):
        shown: dict[str, int] = {}
        for row in range(model.rowCount()):
            shown.setdefault(model.data(model.index(row, column)), row)
        assert model.texts(column) == shown, column  # each date here has its own weekday


def test_dates_are_put_in_words_once_a_shape_and_the_widest_is_among_them(qtbot: QtBot) -> None:
    """Two years of weekly sessions on Mondays: one date text for each month and one- or two-digit day (24),
    not one a row (104); the widest of them is as wide as the widest of all."""
    start = datetime(2025, 1, 6, 9, 30)
    sessions = [SupervisionSession(id=week + 1, supervisee_id=1, scheduled_start=start + timedelta(weeks=week),
                                   duration_minutes=90, mode=SessionMode.IN_PERSON, location="",
                                   status=SessionStatus.SIGNED_OFF) for week in range(104)]
    model = SessionsModel(sessions)
    dates = model.texts(0)
    assert len(dates) == 24, len(dates)
    metrics = QFontMetrics(QApplication.font())
    every = [model.data(model.index(row, 0)) for row in range(model.rowCount())]
    assert max(map(metrics.horizontalAdvance, dates)) == max(map(metrics.horizontalAdvance, every))
