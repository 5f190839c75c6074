"""The plain-Python helpers the GUI uses: en-GB formatting and the settings file."""

from __future__ import annotations

import json
import logging
import stat
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path

import pytest

from supervision_app.formatting import format_date, format_datetime, format_minutes, format_time
from supervision_app.settings import Settings, SettingsStore


def test_dates_are_british_with_no_leading_zero() -> None:
    assert format_date(date(2026, 11, 3)) == "3 Nov 2026"
    assert format_date(date(2027, 1, 31)) == "31 Jan 2027"
    assert format_datetime(datetime(2026, 11, 3, 10, 0)) == "Tue 3 Nov 2026, 10:00"
    assert format_datetime(datetime(2026, 9, 6, 9, 5)) == "Sun 6 Sep 2026, 09:05"
    assert format_time(time(14, 30)) == "14:30"
    assert format_minutes(90) == "90 min"


def test_formatting_ignores_the_system_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    import locale

    try:
        locale.setlocale(locale.LC_TIME, "de_DE.UTF-8")
    except locale.Error:
        pytest.skip("no German locale on this machine")
    try:
        assert format_datetime(datetime(2026, 12, 1, 8, 0)) == "Tue 1 Dec 2026, 08:00"
    finally:
        locale.setlocale(locale.LC_TIME, "C")


@pytest.fixture
def warnings_logged() -> Iterator[list[str]]:
    # A handler on the module's own logger: the app's log setup may have
    # stopped records reaching the root logger, where caplog listens.
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    logger = logging.getLogger("supervision_app.settings")
    handler = Collect(logging.WARNING)
    logger.addHandler(handler)
    yield messages
    logger.removeHandler(handler)


def test_missing_settings_file_means_defaults(tmp_path: Path, warnings_logged: list[str]) -> None:
    assert SettingsStore(tmp_path / "none" / "settings.json").load() == Settings(10, False)
    assert warnings_logged == []


def test_settings_round_trip_privately(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "data" / "settings.json")
    store.save(Settings(idle_lock_minutes=25, remember_key=True))
    assert store.load() == Settings(idle_lock_minutes=25, remember_key=True)
    assert json.loads(store.path.read_text()) == {"idle_lock_minutes": 25, "remember_key": True,
                                                  "window_geometry": ""}
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert [p.name for p in store.path.parent.iterdir()] == ["settings.json"]  # no temp file left


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe", b"[1, 2]", b"null"])
def test_damaged_settings_file_falls_back_to_defaults(tmp_path: Path, content: bytes,
                                                      warnings_logged: list[str]) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    assert SettingsStore(path).load() == Settings()
    assert warnings_logged


@pytest.mark.parametrize("minutes", [0, 121, -5, "10", True, 2.5])
def test_bad_values_are_replaced_one_by_one(tmp_path: Path, minutes: object,
                                            warnings_logged: list[str]) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"idle_lock_minutes": minutes, "remember_key": True}))
    assert SettingsStore(path).load() == Settings(idle_lock_minutes=10, remember_key=True)
    assert warnings_logged


@pytest.mark.parametrize("geometry", [7, "not base64!", "A" * 5000])
def test_a_bad_window_place_is_dropped_alone(tmp_path: Path, geometry: object, warnings_logged: list[str]) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"idle_lock_minutes": 25, "window_geometry": geometry}))
    assert SettingsStore(path).load() == Settings(idle_lock_minutes=25, window_geometry="")
    assert warnings_logged


def test_settings_reject_out_of_range_minutes() -> None:
    with pytest.raises(ValueError):
        Settings(idle_lock_minutes=0)
    assert Settings(idle_lock_minutes=120).idle_lock_minutes == 120
