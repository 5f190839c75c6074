"""PySide6's check of each imported module reads no source file once the app has replaced it."""

from __future__ import annotations

import importlib
import linecache
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from supervision_app.gui import source_check
from supervision_app.gui.source_check import check_names_not_source, uses_pyside


@pytest.fixture
def module_dir(tmp_path: Path) -> Iterator[Path]:
    sys.path.insert(0, str(tmp_path))
    yield tmp_path
    sys.path.remove(str(tmp_path))


def test_after_the_swap_an_imported_module_leaves_no_source_in_linecache(module_dir: Path) -> None:
    assert check_names_not_source()
    name = f"source_check_probe_{module_dir.name.replace('-', '_')}"
    path = module_dir / f"{name}.py"
    path.write_text("from PySide6.QtCore import QObject\nVALUE = 1\n", encoding="utf-8")
    try:
        __import__(name)  # the import statement, which is what PySide6 hooks
        assert str(path) not in linecache.cache
        feature = importlib.import_module(source_check.FEATURE_MODULE)
        assert feature.pyside_feature_dict[name] == 0  # still known to use PySide6
    finally:
        sys.modules.pop(name, None)


def test_a_module_uses_pyside_when_it_holds_something_from_pyside6() -> None:
    from PySide6 import QtCore
    from PySide6.QtCore import QObject

    with_module, with_class, with_object, without = (ModuleType(n) for n in ("a", "b", "c", "d"))
    with_module.QtCore = QtCore  # type: ignore[attr-defined]
    with_class.QObject = QObject  # type: ignore[attr-defined]
    with_object.size = QtCore.QSize(1, 2)  # type: ignore[attr-defined]
    without.path = Path("x")  # type: ignore[attr-defined]
    assert [uses_pyside(m) for m in (with_module, with_class, with_object, without)] == [True, True, True, False]


def test_without_the_check_to_replace_nothing_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source_check, "FEATURE_MODULE", "no.such.module")
    assert not check_names_not_source()
