"""Light and dark: text on every page contrasts with its background (WCAG 2.2 AA) on both palettes.

Pages are rendered with the app's style sheet and each palette; the contrast of each
label's text is measured from the pixels drawn (its most common colour is the
background, the colour furthest from it the text), and outlines of check boxes and
radio buttons the same way around their indicator.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QStyle,
    QStyleOption,
    QStyleOptionButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from supervision_app.content import ToolkitContent, load_content
from supervision_app.gui import theme
from supervision_app.gui.app_events import app_events
from supervision_app.gui.people import AgreementDialog
from supervision_app.gui.session import SessionEditor
from supervision_app.paths import resources_dir, ui_dir
from supervision_app.vault.service import OpenVault
from tests.gui.session.conftest import make_world
from tests.gui.session.test_accessibility import with_every_kind_of_row

Role = QPalette.ColorRole
SCHEMES = list(theme.Scheme)


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(first: QColor, second: QColor) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def drawn_contrast(image: QImage, rect: QRect) -> float:
    """Contrast between the commonest colour in ``rect`` (the background) and the colour furthest from it."""
    crop = image.copy(rect).convertToFormat(QImage.Format.Format_RGB32)
    data = bytes(crop.constBits())
    counts = Counter(data[i:i + 3] for i in range(0, len(data), 4))
    if len(counts) < 2:
        return 0.0
    def colour(bgr: bytes) -> QColor:
        return QColor(bgr[2], bgr[1], bgr[0])
    background = colour(counts.most_common(1)[0][0])
    return max(contrast(background, colour(bgr)) for bgr in counts)


@pytest.fixture
def styled(qapp: QApplication) -> Iterator[None]:
    """The app's style sheet on; the application's style, palette and sheet put back afterwards."""
    style_name, palette, sheet = qapp.style().name(), qapp.palette(), qapp.styleSheet()
    qapp.setStyleSheet((resources_dir() / "style.qss").read_text(encoding="utf-8"))
    yield
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style_name)
    qapp.setPalette(palette)


# Pairs of palette roles: (foreground, background, the least contrast allowed).
PAIRS = [
    (Role.WindowText, Role.Window, 4.5), (Role.Text, Role.Base, 4.5), (Role.ButtonText, Role.Button, 4.5),
    (Role.PlaceholderText, Role.Base, 4.5), (Role.PlaceholderText, Role.Window, 4.5),
    (Role.Link, Role.Window, 4.5), (Role.Link, Role.Base, 4.5), (Role.LinkVisited, Role.Window, 4.5),
    (Role.BrightText, Role.Window, 4.5), (Role.BrightText, Role.Base, 4.5),
    (Role.HighlightedText, Role.Highlight, 4.5), (Role.ToolTipText, Role.ToolTipBase, 4.5),
    (Role.WindowText, Role.AlternateBase, 4.5), (Role.Link, Role.AlternateBase, 4.5),
    (Role.Dark, Role.Base, 3.0), (Role.Dark, Role.Window, 3.0),  # borders and outlines
    (Role.Highlight, Role.Base, 3.0), (Role.Highlight, Role.Window, 3.0),  # focus rings
    (Role.Highlight, Role.AlternateBase, 3.0),  # a focused check box
]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_pair_of_colours_meets_aa(scheme: theme.Scheme) -> None:
    palette = theme.palette_for(scheme)
    low = [f"{fg.name} on {bg.name}: {contrast(palette.color(fg), palette.color(bg)):.2f}"
           for fg, bg, least in PAIRS if contrast(palette.color(fg), palette.color(bg)) < least]
    assert low == []


def test_the_app_follows_the_systems_mode_at_start(qapp: QApplication, styled: None,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    assert theme.scheme_for(Qt.ColorScheme.Dark) is theme.Scheme.DARK
    assert theme.scheme_for(Qt.ColorScheme.Light) is theme.Scheme.LIGHT
    assert theme.scheme_for(Qt.ColorScheme.Unknown) is theme.Scheme.LIGHT
    assert theme.system_scheme() is theme.scheme_for(QGuiApplication.styleHints().colorScheme())
    for scheme in SCHEMES:
        monkeypatch.setattr(theme, "system_scheme", lambda scheme=scheme: scheme)
        assert theme.apply_theme(qapp) is scheme
        assert qapp.palette().color(Role.Window) == theme.palette_for(scheme).color(Role.Window)


def low_contrast(root: QWidget, measured: Counter[str]) -> list[str]:
    """Labels and placeholders whose drawn text, check boxes and radio buttons whose outline, contrast too little."""
    QApplication.processEvents()
    image = root.grab().toImage()
    found = []
    for label in root.findChildren(QLabel):
        if not label.isVisible() or not label.text().strip() or (label.pixmap() and not label.pixmap().isNull()):
            continue
        if label.visibleRegion().boundingRect() != label.rect():
            continue  # (scrolled partly out of view)
        rect = QRect(label.mapTo(root, QPoint(0, 0)), label.size())
        measured["label"] += 1
        if (ratio := drawn_contrast(image, rect)) < 4.5:
            found.append(f"label {label.objectName()} {label.text()[:30]!r}: {ratio:.2f}")
    for edit in root.findChildren(QLineEdit):
        if edit.isVisible() and not edit.text() and edit.placeholderText() and \
                edit.visibleRegion().boundingRect() == edit.rect() and not edit.hasFocus():
            rect = QRect(edit.mapTo(root, QPoint(0, 0)), edit.size()).adjusted(4, 4, -4, -4)  # inside the border
            measured["placeholder"] += 1
            if (ratio := drawn_contrast(image, rect)) < 4.5:
                found.append(f"placeholder {edit.objectName()} {edit.placeholderText()[:30]!r}: {ratio:.2f}")
    for box in root.findChildren(QCheckBox) + root.findChildren(QRadioButton):
        if not box.isVisible() or not box.isEnabled():
            continue
        option = QStyleOptionButton()
        option.initFrom(box)
        element = (QStyle.SubElement.SE_CheckBoxIndicator if isinstance(box, QCheckBox)
                   else QStyle.SubElement.SE_RadioButtonIndicator)
        indicator = box.style().subElementRect(element, option, box).adjusted(-2, -2, 2, 2)
        rect = QRect(box.mapTo(root, indicator.topLeft()), indicator.size())
        if box.visibleRegion().boundingRect() != box.rect():
            continue
        measured[type(box).__name__] += 1
        if (ratio := drawn_contrast(image, rect)) < 3.0:
            found.append(f"{type(box).__name__} {box.objectName()}: outline {ratio:.2f}")
    return found


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_step_of_a_session_reads_on_each_palette(
        qtbot: QtBot, qapp: QApplication, styled: None, open_vault: OpenVault, scheme: theme.Scheme,
        tmp_path: Path) -> None:
    theme.apply_theme(qapp, scheme)
    world = make_world(open_vault)
    content: ToolkitContent = load_content(resources_dir())
    editor = SessionEditor(world.service, content, world.session.id, autosave_ms=50)
    qtbot.addWidget(editor)
    editor.resize(1366, 768)
    editor.show()
    with_every_kind_of_row(qtbot, editor)
    found = []
    measured: Counter[str] = Counter()
    for index, page in enumerate(editor.pages):
        editor.go_to(index)
        found += [f"{page.title}: {problem}" for problem in low_contrast(editor, measured)]
    dialog = AgreementDialog(world.vault.store, content, world.supervisee, today=world.clock().date(),
                             parent=editor)
    dialog.show()
    found += [f"agreement: {problem}" for problem in low_contrast(dialog, measured)]
    editor.grab().save(str(tmp_path / f"editor-{scheme.value}.png"))
    dialog.reject()
    assert found == []
    assert measured["label"] > 100 and measured["placeholder"] > 3, measured
    assert measured["QCheckBox"] > 3 and measured["QRadioButton"] > 3, measured


def test_colours_are_named_only_in_the_theme() -> None:
    """Style sheets, forms and widgets name palette roles, so nothing stays dark on a dark palette."""
    colour = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|\bQColor\(|\brgba?\(|\bQt\.GlobalColor\b")
    gui = Path(theme.__file__).parent
    files = [*sorted(gui.rglob("*.py")), *sorted(ui_dir().glob("*.ui")), resources_dir() / "style.qss"]
    offenders = [f"{path.name}:{number}" for path in files if path.name != "theme.py"
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if colour.search(line.split("/*")[0] if path.suffix == ".qss" else line)]
    assert offenders == []


def test_only_check_boxes_and_radio_buttons_are_drawn_through_python(
        qtbot: QtBot, qapp: QApplication, styled: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The outlines are drawn by a style written in Python; every other widget (a table's every cell)
    is drawn by Qt's own Fusion, without a call into Python for each part it paints."""
    drawn: Counter[str] = Counter()

    class Counted(theme.OutlinedIndicators):
        def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter,
                          widget: QWidget | None = None) -> None:
            drawn[type(widget).__name__] += 1
            super().drawPrimitive(element, option, painter, widget)
    monkeypatch.setattr(theme, "OutlinedIndicators", Counted)
    earlier = [child for child in qapp.children() if type(child).__name__ == "IndicatorOutliner"]
    events = app_events(qapp)
    for outliner in earlier:  # (made by earlier tests with the real style: set aside, put back after)
        events.unwatch(outliner)
        outliner.setParent(None)
    try:
        theme.apply_theme(qapp, theme.Scheme.LIGHT)
        root = QWidget()
        layout = QVBoxLayout(root)
        table = QTableWidget(20, 4)
        for row in range(20):
            for column in range(4):
                table.setItem(row, column, QTableWidgetItem(f"Tue {row + 1} Oct 2026"))
        for widget in (table, QCheckBox("Remember on this computer"), QRadioButton("In person"),
                       QLineEdit("text")):
            layout.addWidget(widget)
        qtbot.addWidget(root)
        root.resize(600, 700)
        root.show()
        qtbot.waitExposed(root)
        root.grab()
        assert drawn["QCheckBox"] and drawn["QRadioButton"], drawn
        assert set(drawn) == {"QCheckBox", "QRadioButton"}, drawn
    finally:
        for made in [child for child in qapp.children() if type(child).__name__ == "IndicatorOutliner"]:
            events.unwatch(made)  # (kept as the app's child: check boxes made here use its style)
        for outliner in earlier:
            outliner.setParent(qapp)
            events.watch(outliner, (QEvent.Type.Polish,))
