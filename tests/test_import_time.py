"""What is loaded before the unlock dialog, with the main window, and by the quick commands, each in a fresh process.

A fresh interpreter, because in the suite's own process other tests have long
imported everything. The heavy libraries (PDF drawing and signing, pdfium,
calendars, passphrase dictionaries, HTTP clients) are loaded only where they
are used: when a note is drawn, signed or checked, and by the commands that
need them. The unlock dialog paints before the database side (SQLAlchemy,
SQLCipher, pydantic), Argon2 and the keyring are loaded (docs/ARCHITECTURE.md,
"What is loaded when").
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from supervision_app.domain.model import NewPerson, PersonRole
from supervision_app.services.people import save_profile
from supervision_app.services.sessions import SessionService
from supervision_app.vault.service import OpenVault
from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("reportlab", "pyhanko", "pypdfium2", "icalendar", "zxcvbn", "aiohttp", "requests")
DATABASE = ("sqlalchemy", "sqlcipher3", "pydantic", "argon2", "keyring")
PDF_SIGNING = ("reportlab", "pyhanko", "aiohttp", "requests")
# Runs the given code, then prints which top-level packages of HEAVY it loaded.
PROBE = """
import json, sys
{code}
print(json.dumps(sorted(name for name in {heavy!r} if name in sys.modules)))
"""


def loaded_by(code: str, env: dict[str, str] | None = None, heavy: tuple[str, ...] = HEAVY) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(code=code, heavy=heavy)], cwd=ROOT, env={**os.environ, **(env or {})},
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    loaded: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    return loaded


def test_the_unlock_dialog_and_the_app_that_shows_it_load_none_of_the_heavy_libraries() -> None:
    assert loaded_by("import supervision_app.gui.application, supervision_app.gui.unlock") == []


def test_the_unlock_dialog_and_the_app_that_shows_it_load_no_database_library_argon2_or_keyring() -> None:
    assert loaded_by("import supervision_app.gui.application, supervision_app.gui.unlock", heavy=DATABASE) == []


def test_the_unlock_dialog_paints_before_the_database_side_is_loaded(open_vault: OpenVault) -> None:
    data_dir = open_vault.paths.data_dir
    open_vault.lock()
    # As `supervision-app gui --exit-when-shown`: the key file is read and checked, the dialog painted.
    code = ("from pathlib import Path\nfrom supervision_app.gui.launch import launch_gui\n"
            "from supervision_app.paths import VaultPaths\n"
            f"assert launch_gui(VaultPaths(Path({str(data_dir)!r})), exit_when_shown=True) == 0")
    loaded = loaded_by(code, {"QT_QPA_PLATFORM": "offscreen"}, heavy=(*HEAVY, *DATABASE))
    assert set(loaded) <= {"keyring"}  # asked for after the first paint, which may come before the app quits


def test_the_main_window_loads_no_pdf_drawing_signing_pdfium_or_calendars() -> None:
    assert loaded_by("import supervision_app.gui.main_window") == []


def test_the_command_line_itself_loads_none_of_them() -> None:
    assert loaded_by("import supervision_app.cli") == []


def test_listing_and_showing_sessions_load_no_pdf_signing(open_vault: OpenVault) -> None:
    store = open_vault.store
    save_profile(store, "Aisha Rahman", "Team Manager", "")
    person = store.add_person(NewPerson("Zoë Whitfield", PersonRole.SUPERVISEE))
    session = SessionService(store, lambda: datetime(2026, 1, 5, 9)).book(person.id, datetime(2026, 1, 5, 10))
    data_dir = open_vault.paths.data_dir
    open_vault.lock()
    env = {"SUPERVISION_APP_PASSPHRASE": PASSPHRASE}
    for command in (["sessions"], ["show", str(session.id)]):
        code = f"from supervision_app.cli import main\nassert main({['--data-dir', str(data_dir), *command]!r}) == 0"
        assert set(loaded_by(code, env)).isdisjoint(PDF_SIGNING), command


QT_QUICK_LIBRARIES = ("libQt6Quick", "libQt6Qml", "libQt6Designer")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/maps")
def test_loading_a_form_loads_no_designer_plugins_and_so_no_qt_quick() -> None:
    # Qt Designer's plugins (the Qt Quick widget's among them) bring Qt Quick, QML and Designer's
    # libraries, about 7 MiB and tens of milliseconds before the unlock dialog; no form uses them.
    code = ("from PySide6.QtWidgets import QApplication\napp = QApplication([])\n"
            "from supervision_app.gui.forms import load_form\nload_form('unlock')\nload_form('main_window')\n"
            "maps = open('/proc/self/maps').read()\n"
            f"loaded = [name for name in {QT_QUICK_LIBRARIES!r} if name in maps]\n"
            "assert not loaded, loaded")
    loaded_by(code, {"QT_QPA_PLATFORM": "offscreen"}, heavy=())  # fails on the assertion's message


def test_bank_holidays_load_the_united_kingdoms_holidays_not_every_countrys() -> None:
    # `holidays.country_holidays("GB")` imports every country's module (about 250, 10 MiB on the home page).
    code = ("from datetime import date\nfrom supervision_app.services.working_days import bank_holiday\n"
            "assert bank_holiday(date(2026, 12, 25)) == 'Christmas Day'\n"
            "countries = [name for name in sys.modules if name.startswith('holidays.countries.')]\n"
            "assert len(countries) < 5, countries[:5]")
    loaded_by(code, heavy=())
