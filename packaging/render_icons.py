"""Render the app's icon (resources/icons/app.svg) into the sizes each platform asks for, with Qt.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_icons.py

Writes packaging/linux/icons/hicolor/*/apps/APP_ID.{svg,png}, packaging/windows/supervision-app.ico
and packaging/macos/supervision-app.icns. The outputs are committed; run this again when the SVG changes.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from app_identity import APP_ID, ROOT
from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgRenderer

SOURCE = ROOT / "resources" / "icons" / "app.svg"
HICOLOR = ROOT / "packaging" / "linux" / "icons" / "hicolor"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def write(image: QImage, path: Path, image_format: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = QImageWriter(str(path), QByteArray(image_format.encode()))
    if not writer.write(image):
        raise SystemExit(f"render_icons: {path} could not be written ({writer.errorString()})")


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {SOURCE} is not a valid SVG")
    scalable = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable)
    for size in PNG_SIZES:
        write(render(renderer, size), HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png", "png")
    # Windows takes the largest image of an .ico; 256 is the largest an .ico holds.
    write(render(renderer, 256), ROOT / "packaging" / "windows" / "supervision-app.ico", "ico")
    write(render(renderer, 512), ROOT / "packaging" / "macos" / "supervision-app.icns", "icns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
