"""Run as a subprocess by test_killed: types into a session until it is killed.

Arguments: the data folder, the passphrase and the session id. Prints "saved"
once the first text has been saved by the autosave timer, then keeps typing.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from supervision_app.content import load_content
from supervision_app.gui.session import SessionEditor
from supervision_app.paths import VaultPaths, resources_dir
from supervision_app.services.sessions import SessionService
from supervision_app.vault.service import VaultService

FIRST_TEXT = "Reflected on the visit"
MORE_TEXT = " and then some more"


def main() -> None:
    data_dir, passphrase, session_id = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    app = QApplication([sys.argv[0]])
    vault = VaultService(VaultPaths(data_dir)).unlock_with_passphrase(passphrase)
    editor = SessionEditor(SessionService(vault.store), load_content(resources_dir()), session_id, autosave_ms=50)
    editor.show()
    editor.go_to(editor.page_index(editor.learning_page))
    edit = editor.learning_page.learning_edit
    saves: list[None] = []
    editor.saved.connect(lambda: saves.append(None))
    saves.clear()
    QTest.keyClicks(edit, FIRST_TEXT)
    while not saves:
        app.processEvents()
    print("saved", flush=True)
    while True:  # until killed
        QTest.keyClicks(edit, MORE_TEXT)
        app.processEvents()


if __name__ == "__main__":
    main()
