"""``supervision-app cpd`` and ``cpd-add``, run as real subprocesses on a real vault."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pypdf import PdfReader

from supervision_app.errors import UsageError
from tests.test_cli import assert_one_plain_line, run


def test_cpd_on_the_demo_supervisees_vault_as_text_and_pdf(tmp_path: Path) -> None:
    data = str(tmp_path / "zoe")
    made = run("--data-dir", data, "demo", "--supervisee", "--today", "2026-11-01")
    assert made.returncode == 0, made.stderr
    assert "newly qualified social worker" in made.stdout
    text = run("--data-dir", data, "cpd", "--year", "2026", "--text")
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0] == "CPD for Social Work England: 1 December 2025 to 30 November 2026"
    assert lines[1].startswith("1 piece of CPD recorded for the registration year ending 30 November 2026, "
                               "one with peer reflection") and lines[1].endswith(": one more piece.")
    assert "Type of CPD:\nSupervision or reflective discussion\n" in text.stdout
    assert "Peer reflection:\nTalking it through in supervision with Aisha Rahman" in text.stdout
    pdf = tmp_path / "cpd.pdf"
    written = run("--data-dir", data, "cpd", "--year", "2026", "-o", str(pdf))
    assert written.returncode == 0, written.stderr
    assert written.stdout.startswith(f"Wrote {pdf}: 1 entry.")
    content = " ".join((page.extract_text() or "") for page in PdfReader(pdf).pages)
    assert "Entry 1 of 1" in " ".join(content.split())


def test_cpd_add_then_the_year_it_falls_in(tmp_path: Path) -> None:
    data = str(tmp_path / "me")
    assert run("--data-dir", data, "init").returncode == 0
    added = run("--data-dir", data, "cpd-add", "--type", "reading", "--date", "2025-11-30", "--title",
                "Ferguson on home visits", "--learnt", "Notice the child", "--peer-reflection", "With Siobhán")
    assert added.returncode == 0, added.stderr
    assert "registration year ending 30 November 2025" in added.stdout
    assert "Ferguson" in run("--data-dir", data, "cpd", "--year", "2025", "--text").stdout
    assert "Ferguson" not in run("--data-dir", data, "cpd", "--year", "2026", "--text").stdout
    tomorrow = date.fromordinal(date.today().toordinal() + 1).isoformat()
    refused = run("--data-dir", data, "cpd-add", "--type", "course", "--date", tomorrow, "--title", "x",
                  "--learnt", "y")
    assert refused.returncode == UsageError.exit_code
    assert assert_one_plain_line(refused) == ("supervision-app: The date cannot be after today: record CPD once "
                                              "you have done it.")


def test_cpd_help_names_the_year_by_its_end_and_needs_an_output(tmp_path: Path) -> None:
    helped = run("cpd", "--help")
    assert "the registration year, named by the year it ends in" in " ".join(helped.stdout.split())
    missing = run("--data-dir", str(tmp_path), "cpd")
    assert missing.returncode == UsageError.exit_code and "one of the arguments -o/--output --text" in missing.stderr
