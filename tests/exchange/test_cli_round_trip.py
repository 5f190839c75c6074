"""The whole exchange through the command line, as two people on two computers would run it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from tests.conftest import PASSPHRASE


def run(data_dir: Path, *args: str, expect: int = 0) -> str:
    env = {**os.environ, "SUPERVISION_APP_PASSPHRASE": PASSPHRASE}
    result = subprocess.run([sys.executable, "-m", "supervision_app", "--data-dir", str(data_dir), *args],
                            capture_output=True, text=True, env=env, check=False, timeout=120)
    assert result.returncode == expect, (args, result.stdout, result.stderr)
    return result.stdout + result.stderr


def test_two_people_pair_prepare_sign_and_countersign_by_files(tmp_path: Path) -> None:
    aisha, zoe, post = tmp_path / "aisha", tmp_path / "zoe", tmp_path / "email"
    post.mkdir()
    run(aisha, "demo", "--today", date.today().isoformat())
    run(zoe, "init", "--name", "Zoë Whitfield", "--job-title", "Social Worker (ASYE)", "--uses", "supervised")

    # Pair: Zoë emails her file; Aisha reads her code out over the phone.
    run(zoe, "pair-export", "-o", str(post / "zoe.svpair"))
    paired = run(aisha, "pair-import", str(post / "zoe.svpair"))
    assert "Paired with Zoë Whitfield (your supervisee)" in paired
    shown = run(aisha, "pair-export", "--as", "supervisor")
    code = re.search(r"code \(as supervisor\): (\S+)", shown).group(1)
    aisha_fingerprint = re.search(r"Your fingerprint: (.+)", shown).group(1)
    paired = run(zoe, "pair-import", code, "--name", "Aisha Rahman")
    assert aisha_fingerprint in paired

    # Zoë prepares and sends her agenda; Aisha imports it into the booked session.
    run(zoe, "export-agenda", "--item", "Caseload after the restructure", "-o", str(post / "agenda.svagenda"))
    imported = run(aisha, "import", str(post / "agenda.svagenda"))
    assert "Agenda from Zoë Whitfield" in imported and "1 new agenda item" in imported
    again = run(aisha, "import", str(post / "agenda.svagenda"), expect=2)
    assert "already imported" in again

    # Aisha sends the record of Zoë's latest signed-off session.
    listing = run(aisha, "sessions", "--supervisee", "Zoë")
    session_id = next(line.split()[0] for line in listing.splitlines() if "Signed off" in line)
    run(aisha, "export-record", session_id, "-o", str(post / "record.svrecord"))

    # Zoë countersigns with a comment and sends it back; Aisha imports it.
    signed = run(zoe, "countersign", str(post / "record.svrecord"), "--disagree", "--comment",
                 "Workload is understated.", "-o", str(post / "signed.svsigned"))
    assert "Record of the session" in signed and "seen, not agreed" in signed
    final = run(aisha, "import", str(post / "signed.svsigned"))
    assert "Both signatures are verified" in final and "Workload is understated." in final

    # Aisha's kept note now carries both signatures; anyone can verify it.
    run(aisha, "note", session_id, "-o", str(tmp_path / "final.pdf"))
    verified = run(aisha, "verify", str(tmp_path / "final.pdf"))
    assert verified.count("known to this vault: yes") == 2
    verified = run(zoe, "verify", str(tmp_path / "final.pdf"))
    assert "Verified" in verified
    if shutil.which("pdfsig"):
        result = subprocess.run(["pdfsig", str(tmp_path / "final.pdf")], capture_output=True, text=True, check=False)
        assert result.stdout.count("Signature is Valid.") == 2, result.stdout


def test_exchange_commands_explain_what_is_missing(tmp_path: Path) -> None:
    zoe = tmp_path / "zoe"
    run(zoe, "init", "--name", "Zoë Whitfield", "--uses", "supervised")
    out = run(zoe, "export-agenda", "-o", str(tmp_path / "a.svagenda"), expect=2)
    assert "pair with them first" in out
    out = run(zoe, "pair-import", "NOT-A-CODE", "--name", "Aisha Rahman", expect=2)
    assert "pairing code is not right" in out
    junk = tmp_path / "junk.svrecord"
    junk.write_bytes(b"\x00" * 100)
    out = run(zoe, "import", str(junk), expect=2)
    assert "not a supervision pack" in out
    assert not (tmp_path / "a.svagenda").exists()
