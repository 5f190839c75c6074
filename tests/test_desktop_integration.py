"""The Linux desktop integration in packaging/linux/: one app id everywhere, valid by the freedesktop tools."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from configparser import ConfigParser
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

from supervision_app.exchange.service import FILE_SUFFIXES
from supervision_app.vault.backup import SUFFIX as BACKUP_SUFFIX
from tests.packaging_scripts import PACKAGING, load

LINUX = PACKAGING / "linux"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


@pytest.fixture(scope="module")
def identity() -> ModuleType:
    return load("app_identity")


def desktop_entry(app_id: str) -> dict[str, str]:
    parser = ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment, method-assign]
    parser.read(LINUX / f"{app_id}.desktop", encoding="utf-8")
    return dict(parser["Desktop Entry"])


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed here (apt-get install desktop-file-utils appstream "
                    "shared-mime-info xdg-utils libfile-mimeinfo-perl)")
    return found


def test_the_app_gives_qt_the_same_id_as_the_desktop_files(identity: ModuleType) -> None:
    # In its own process: create_application styles the one QApplication of the process.
    shown = subprocess.run(
        [sys.executable, "-c", "from supervision_app.gui.application import create_application as c; "
                               "print(c().desktopFileName())"],
        capture_output=True, text=True, check=True, timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    app_id = identity.APP_ID
    assert shown.stdout.strip() == app_id
    assert (LINUX / f"{app_id}.desktop").is_file()
    metainfo = ElementTree.parse(LINUX / f"{app_id}.metainfo.xml").getroot()
    assert metainfo.findtext("id") == app_id
    assert metainfo.findtext("launchable") == f"{app_id}.desktop"
    assert desktop_entry(app_id)["Icon"] == app_id


def test_every_file_the_app_writes_has_its_type_everywhere(identity: ModuleType) -> None:
    written = {suffix.lstrip(".") for suffix in (*FILE_SUFFIXES.values(), BACKUP_SUFFIX)}
    ours = {kind.extension: kind.mime for kind in identity.DOCUMENT_TYPES if kind.extension != "pdf"}
    assert set(ours) == written
    mime_info = ElementTree.parse(LINUX / f"{identity.APP_ID}.mime.xml").getroot()
    globs = {mime_type.get("type"): [glob.get("pattern") for glob in mime_type.iter(f"{MIME_NS}glob")]
             for mime_type in mime_info.iter(f"{MIME_NS}mime-type")}
    assert globs == {mime: [f"*.{extension}"] for extension, mime in ours.items()}
    listed = desktop_entry(identity.APP_ID)["MimeType"].rstrip(";").split(";")
    assert sorted(listed) == sorted(ours.values())
    metainfo = ElementTree.parse(LINUX / f"{identity.APP_ID}.metainfo.xml").getroot()
    assert sorted(node.text or "" for node in metainfo.iter("mediatype")) == sorted(ours.values())


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_the_icons_are_in_the_hicolor_sizes(identity: ModuleType) -> None:
    hicolor = LINUX / "icons" / "hicolor"
    pngs = sorted(hicolor.glob(f"*/apps/{identity.APP_ID}.png"))
    assert {png.parent.parent.name for png in pngs} >= {"16x16", "32x32", "48x48", "64x64", "128x128", "256x256"}
    for png in pngs:
        side = int(png.parent.parent.name.split("x")[0])
        assert png_size(png) == (side, side), png
    assert (hicolor / "scalable" / "apps" / f"{identity.APP_ID}.svg").is_file()


def test_the_screenshots_are_there_at_the_size_the_metainfo_says(identity: ModuleType) -> None:
    metainfo = ElementTree.parse(LINUX / f"{identity.APP_ID}.metainfo.xml").getroot()
    images = list(metainfo.iter("image"))
    assert images
    for image in images:
        local = LINUX / "screenshots" / Path(image.text or "").name
        assert png_size(local) == (int(image.get("width", "0")), int(image.get("height", "0")))


def test_desktop_file_validate_passes(identity: ModuleType) -> None:
    checked = subprocess.run([tool("desktop-file-validate"), str(LINUX / f"{identity.APP_ID}.desktop")],
                             capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "error" not in checked.stdout


def test_appstreamcli_validate_passes(identity: ModuleType) -> None:
    checked = subprocess.run(
        [tool("appstreamcli"), "validate", "--no-net", str(LINUX / f"{identity.APP_ID}.metainfo.xml")],
        capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_installed_entry_opens_a_double_clicked_agenda(identity: ModuleType, tmp_path: Path) -> None:
    """install.sh, then xdg-open on an .svagenda, as a file manager's double-click does."""
    tool("update-mime-database")
    tool("xdg-open")
    tool("mimetype")  # what xdg-mime asks for a file's type outside a desktop (libfile-mimeinfo-perl)
    opened = tmp_path / "opened"
    app = tmp_path / "bundle" / "supervision-app"
    app.parent.mkdir()
    app.write_text(f'#!/bin/sh\necho "$@" > {opened}\n', encoding="utf-8")
    app.chmod(0o755)
    agenda = tmp_path / "From Sam.svagenda"
    agenda.write_text("{}", encoding="utf-8")
    home = tmp_path / "home"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "DISPLAY": ":99",
           "XDG_DATA_HOME": str(home / ".local" / "share"), "XDG_CONFIG_HOME": str(home / ".config")}
    subprocess.run(["sh", str(LINUX / "install.sh"), str(app)], env=env, check=True, capture_output=True,
                   timeout=120)
    data = home / ".local" / "share"
    assert (data / "applications" / f"{identity.APP_ID}.desktop").is_file()
    assert (data / "icons" / "hicolor" / "48x48" / "apps" / f"{identity.APP_ID}.png").is_file()
    filetype = subprocess.run(["xdg-mime", "query", "filetype", str(agenda)], env=env, capture_output=True,
                              text=True, check=True, timeout=60)
    assert filetype.stdout.strip() == "application/x-supervision-agenda"
    subprocess.run(["xdg-open", str(agenda)], env=env, check=True, capture_output=True, timeout=60)
    assert opened.read_text(encoding="utf-8").strip() == str(agenda)
    subprocess.run(["sh", str(LINUX / "install.sh"), "--uninstall"], env=env, check=True, capture_output=True,
                   timeout=120)
    assert not (data / "applications" / f"{identity.APP_ID}.desktop").exists()
    assert not list((data / "icons").rglob(f"{identity.APP_ID}.*"))


def test_the_windows_installer_associates_every_file_type(identity: ModuleType) -> None:
    script = (PACKAGING / "windows" / "supervision-app.iss").read_text(encoding="utf-8")
    assert f'#define AppId "{identity.APP_ID}"' in script
    for kind in identity.DOCUMENT_TYPES:
        assert f'Subkey: "Software\\Classes\\.{kind.extension}\\OpenWithProgids"' in script, kind.extension
        supported = (f'Subkey: "Software\\Classes\\Applications\\{{#WindowedExe}}\\SupportedTypes"; '
                     f'ValueType: string; ValueName: ".{kind.extension}"')
        assert supported in script, kind.extension
    # Inno Setup's SignTool names a tool defined on the compiler's command line; a command here is invalid.
    sign_tools = [line.split("=", 1)[1] for line in script.splitlines() if line.startswith("SignTool=")]
    assert sign_tools == ["orgsign"]


def test_the_macos_app_declares_every_file_type(identity: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    """The spec's BUNDLE step, run as on a Mac with PyInstaller's build steps recorded instead of run."""
    made: dict[str, dict[str, object]] = {}

    def step(name: str) -> object:
        def record(*_args: object, **kwargs: object) -> SimpleNamespace:
            made[name] = kwargs
            return SimpleNamespace(binaries=[], datas=[], pure=[], scripts=[])
        return record

    hooks = ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files = lambda _package: []  # type: ignore[attr-defined]
    hooks.copy_metadata = lambda _distribution: []  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(sys, "path", list(sys.path))  # the spec puts packaging/ first
    spec = PACKAGING / "supervision-app.spec"
    steps = {name: step(name) for name in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")}
    exec(compile(spec.read_text(encoding="utf-8"), str(spec), "exec"), {"SPECPATH": str(PACKAGING), **steps})
    bundle = made["BUNDLE"]
    assert bundle["bundle_identifier"] == identity.APP_ID
    plist = bundle["info_plist"]
    assert isinstance(plist, dict)
    assert plist["CFBundleVersion"] == plist["CFBundleShortVersionString"] == identity.version()
    handled = [uti for kind in plist["CFBundleDocumentTypes"] for uti in kind["LSItemContentTypes"]]
    assert sorted(handled) == sorted(kind.uti for kind in identity.DOCUMENT_TYPES)
    exported = {declared["UTTypeIdentifier"]: declared["UTTypeTagSpecification"]
                for declared in plist["UTExportedTypeDeclarations"]}
    assert exported == {kind.uti: {"public.filename-extension": [kind.extension], "public.mime-type": kind.mime}
                        for kind in identity.DOCUMENT_TYPES if kind.extension != "pdf"}
    assert made["EXE"].get("argv_emulation") in (None, False)  # files arrive as QFileOpenEvent
