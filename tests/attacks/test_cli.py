"""`supervision-app verify` on a few representative attacked notes and on the spoofing ones, as a subprocess.

It must exit 14 and print nothing that a terminal would act on (escape codes,
carriage returns, bidirectional controls), and no line claiming "Verified".
The runs are few and start together, each with its own copy of the vault
(the vault allows one process at a time).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from tests.attacks.corpus import Makings, by_id
from tests.attacks.world import Genuine
from tests.conftest import PASSPHRASE

EXIT_NOT_VERIFIED = 14
REPRESENTATIVE = by_id(
    "shadow-hide_and_replace@double", "incremental-annotation_freetext@double",
    "active-javascript_before_certifying@single", "wrong_key-supervisee_field_by_supervisor@double")
SPOOFING = by_id("spoofing-field_name_escape_codes@double", "spoofing-common_name_bidi_escape@double")
TERMINAL_CONTROLS = re.compile("[\x1b\r\u202a-\u202e\u2066-\u2069]")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def outputs(genuine: Genuine, makings: Makings, tmp_path_factory: pytest.TempPathFactory,
            ) -> dict[str, tuple[int, str]]:
    """Exit code and stdout+stderr (bytes decoded as they are, no newline translation) of each run."""
    folder = tmp_path_factory.mktemp("cli-verify")
    notes = {"genuine": genuine.double} | {a.id: makings.pdf(a) for a in REPRESENTATIVE + SPOOFING}
    environment = {key: value for key, value in os.environ.items() if key != "SUPERVISION_APP_PASSPHRASE"}
    environment["SUPERVISION_APP_PASSPHRASE"] = PASSPHRASE
    running = {}
    for index, (name, pdf) in enumerate(notes.items()):
        data_dir = folder / f"vault-{index}"
        shutil.copytree(genuine.templates["final/aisha"], data_dir)
        note = folder / f"note-{index}.pdf"
        note.write_bytes(pdf)
        running[name] = subprocess.Popen(
            [sys.executable, "-m", "supervision_app", "--data-dir", str(data_dir), "verify", str(note)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=environment)
    results = {}
    for name, process in running.items():
        stdout, stderr = process.communicate(timeout=180)
        results[name] = (process.returncode, (stdout + stderr).decode("utf-8", errors="replace"))
    return results


def test_the_genuine_note_verifies_on_the_command_line(outputs: dict[str, tuple[int, str]]) -> None:
    code, text = outputs["genuine"]
    assert code == 0, text
    assert any(line.startswith("Verified") for line in text.splitlines())


@pytest.mark.parametrize("name", [a.id for a in REPRESENTATIVE + SPOOFING])
def test_verify_on_the_command_line_refuses_and_prints_plainly(outputs: dict[str, tuple[int, str]],
                                                                 name: str) -> None:
    code, text = outputs[name]
    assert not TERMINAL_CONTROLS.search(text), ascii(text)
    assert not any(line.startswith("Verified") for line in re.split(r"[\r\n]", text)), ascii(text)
    assert "Traceback" not in text
    assert code == EXIT_NOT_VERIFIED, text
