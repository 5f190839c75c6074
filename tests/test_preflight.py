"""Before Qt starts: a missing system library is named in one sentence, with its package."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from supervision_app.gui.preflight import display_problem, missing_libraries, missing_library_sentence


@pytest.mark.skipif(shutil.which("ldd") is None or shutil.which("gcc") is None, reason="needs ldd and gcc")
def test_a_library_that_ldd_cannot_find_is_named_with_its_package(tmp_path: Path) -> None:
    # A real shared object linked against a library that is then taken away,
    # so ldd reports it as it would a missing libxcb-cursor (which this machine has).
    (tmp_path / "dep.c").write_text("int dep(void) { return 1; }\n")
    (tmp_path / "main.c").write_text("int dep(void); int use(void) { return dep(); }\n")
    subprocess.run(["gcc", "-shared", "-fPIC", "-o", str(tmp_path / "libsv-absent.so.0"), str(tmp_path / "dep.c"),
                    "-Wl,-soname,libsv-absent.so.0"], check=True)
    subprocess.run(["gcc", "-shared", "-fPIC", "-o", str(tmp_path / "libplugin.so"), str(tmp_path / "main.c"),
                    "-L", str(tmp_path), "-l:libsv-absent.so.0"], check=True)
    (tmp_path / "libsv-absent.so.0").unlink()
    output = subprocess.run(["ldd", str(tmp_path / "libplugin.so")], capture_output=True, text=True).stdout
    assert missing_libraries(output) == ["libsv-absent.so.0"]
    sentence = missing_library_sentence(missing_libraries(output))
    assert sentence == ("The app cannot open a window because the system package libsv-absent.so.0 is missing: "
                        "install with 'sudo apt install libsv-absent.so.0'.")


def test_known_libraries_are_named_by_their_debian_package() -> None:
    assert missing_library_sentence(["libxcb-cursor.so.0"]) == (
        "The app cannot open a window because the system package libxcb-cursor0 is missing: "
        "install with 'sudo apt install libxcb-cursor0'.")


def test_several_missing_libraries_make_one_sentence() -> None:
    sentence = missing_library_sentence(["libxcb-cursor.so.0", "libxkbcommon-x11.so.0", "libunknown.so.3"])
    assert "libxcb-cursor0 libxkbcommon-x11-0 libunknown.so.3 are missing" in sentence


def test_no_display_and_offscreen() -> None:
    assert "no display" in (display_problem({}) or "")
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}) is None
