"""``supervision-app agreement NAME -o FILE.pdf``, run as a real subprocess on a real vault."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from supervision_app.errors import UsageError
from tests.test_cli import assert_one_plain_line, run


def _text(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "") for page in PdfReader(path).pages).split())


def test_the_agreement_is_signed_once_then_written_as_kept(tmp_path: Path) -> None:
    data = str(tmp_path / "aisha")
    assert run("--data-dir", data, "demo").returncode == 0
    first = tmp_path / "first.pdf"
    written = run("--data-dir", data, "agreement", "Zoë", "-o", str(first))
    assert written.returncode == 0, written.stderr
    assert written.stdout.startswith(f"Wrote {first}: version 1 of the agreement with Zoë Whitfield, dated ")
    assert "signed by you just now, fingerprint " in written.stdout
    printed = _text(first)
    assert "Supervision agreement" in printed and "Zoë Whitfield" in printed and "Aisha Rahman" in printed
    again = tmp_path / "again.pdf"
    kept = run("--data-dir", data, "agreement", "zoe", "-o", str(again))
    assert kept.returncode == 0, kept.stderr
    assert "version 1 of the agreement" in kept.stdout and "just now" not in kept.stdout
    assert again.read_bytes() == first.read_bytes()
    checked = run("--data-dir", data, "verify", str(again))
    assert checked.returncode == 0, checked.stderr
    assert "The supervisor's signature is valid" in checked.stdout
    # What the document is, in the words the supervisor's signature covers.
    assert "words signed with it: Supervisor: this is our supervision agreement" in checked.stdout
    if shutil.which("pdfsig") is not None:
        result = subprocess.run(["pdfsig", "-nocert", str(again)], capture_output=True, text=True, check=False)
        assert result.stdout.count("Signature Validation: Signature is Valid.") == 1, result.stdout


def test_an_unknown_supervisee_is_one_plain_sentence_and_nothing_is_written(tmp_path: Path) -> None:
    data = str(tmp_path / "aisha")
    assert run("--data-dir", data, "demo").returncode == 0
    output = tmp_path / "nobody.pdf"
    refused = run("--data-dir", data, "agreement", "Nobody", "-o", str(output))
    assert refused.returncode == UsageError.exit_code
    assert assert_one_plain_line(refused) == "supervision-app: No supervisee's name contains 'Nobody'."
    assert not output.exists()


@pytest.mark.parametrize("args", [("agreement", "Zoë"), ("agreement", "-o", "x.pdf")])
def test_the_name_and_the_output_are_needed(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = run("--data-dir", str(tmp_path / "v"), *args)
    assert result.returncode == 2 and "required" in result.stderr
