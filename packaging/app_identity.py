"""The app's identity for installers and desktops: one app id and the file types it opens.

Read by the PyInstaller spec, packaging/build.py and the tests, so the .desktop file, the AppStream
metainfo, the shared-mime-info XML, the Windows installer and macOS's Info.plist agree with each
other and with the id the app gives Qt (``setDesktopFileName`` in supervision_app/gui/application.py).
Standard library only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Reverse-DNS, as the freedesktop and Apple conventions ask; the same string everywhere.
APP_ID = "uk.org.supervisionapp.SupervisionApp"


@dataclass(frozen=True)
class DocumentType:
    extension: str  # without the dot
    mime: str
    description: str
    uti: str  # macOS Uniform Type Identifier


DOCUMENT_TYPES = (
    DocumentType("svpair", "application/x-supervision-pairing", "Supervision pairing card",
                 f"{APP_ID}.pairing"),
    DocumentType("svagenda", "application/x-supervision-agenda", "Supervision agenda",
                 f"{APP_ID}.agenda"),
    DocumentType("svrecord", "application/x-supervision-record", "Supervision record",
                 f"{APP_ID}.record"),
    DocumentType("svsigned", "application/x-supervision-signed", "Countersigned supervision note",
                 f"{APP_ID}.signed"),
    DocumentType("svhandover", "application/x-supervision-handover", "Supervision handover",
                 f"{APP_ID}.handover"),
    DocumentType("svbackup", "application/x-supervision-backup", "Supervision backup",
                 f"{APP_ID}.backup"),
    DocumentType("pdf", "application/pdf", "PDF document (a signed note to verify)", "com.adobe.pdf"),
)


def version() -> str:
    """The app's version, read from supervision_app/__init__.py without importing it."""
    text = (ROOT / "supervision_app" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"$', text, re.MULTILINE)
    if found is None:
        raise RuntimeError("supervision_app/__init__.py has no __version__")
    return found.group(1)

