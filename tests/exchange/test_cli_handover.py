"""A handover through the command line: two supervisors pair as colleagues, one hands a supervisee over."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from supervision_app.domain.model import SessionStatus
from supervision_app.paths import VaultPaths
from supervision_app.services.sessions import SessionService
from supervision_app.vault.service import VaultService
from tests.conftest import PASSPHRASE
from tests.exchange.test_cli_round_trip import run


def cancel_drafts(data_dir: Path, name: str) -> None:
    """The supervisor cancels the session left in progress (in the window, say)."""
    vault = VaultService(VaultPaths(data_dir)).unlock_with_passphrase(PASSPHRASE)
    try:
        person = next(p for p in vault.store.list_people() if p.name == name)
        for session in vault.store.list_sessions(person.id):
            if session.status is SessionStatus.DRAFT:
                SessionService(vault.store).cancel(session.id, "Not held: handed over.", None)
    finally:
        vault.lock()


def test_a_supervisor_hands_a_supervisee_over_to_another_by_files(tmp_path: Path) -> None:
    aisha, ben, post = tmp_path / "aisha", tmp_path / "ben", tmp_path / "email"
    post.mkdir()
    run(aisha, "demo", "--today", date.today().isoformat())
    run(ben, "init", "--name", "Ben Carter", "--job-title", "Team Manager")

    # Pair as colleagues: Ben emails his file; Aisha reads her code out.
    run(ben, "pair-export", "--as", "colleague", "-o", str(post / "ben.svpair"))
    assert "Paired with Ben Carter (your colleague)" in run(aisha, "pair-import", str(post / "ben.svpair"))
    code = re.search(r"code \(as colleague\): (\S+)", run(aisha, "pair-export", "--as", "colleague")).group(1)
    run(ben, "pair-import", code, "--name", "Aisha Rahman")

    refused = run(aisha, "handover-export", "Zoë", "--to", "Carl", "-o", str(post / "zoe.svhandover"), expect=2)
    assert "not paired with another supervisor called 'Carl'" in refused
    # The demo's session with Zoë is in progress: it must be signed off or cancelled first.
    unfinished = run(aisha, "handover-export", "Zoë", "--to", "Ben", "-o", str(post / "zoe.svhandover"), expect=2)
    assert "Sign off or cancel the session on" in unfinished and not (post / "zoe.svhandover").exists()
    cancel_drafts(aisha, "Siobhán O'Connell")
    written = run(aisha, "handover-export", "Siobhán", "--to", "Ben", "-o", str(post / "zoe.svhandover"))
    assert "Wrote Siobhán O'Connell's records" in written and "locked to Ben Carter" in written
    assert "you may erase Siobhán O'Connell" in written

    imported = run(ben, "import", str(post / "zoe.svhandover"))
    assert "Siobhán O'Connell's records, handed over by Aisha Rahman" in imported
    assert "already imported" in run(ben, "import", str(post / "zoe.svhandover"), expect=2)

    listing = run(ben, "sessions", "--supervisee", "Siobhán")
    assert "Signed off" in listing and "Siobhán O'Connell: Handed over by Aisha Rahman on " in listing
    session_id = next(line.split()[0] for line in listing.splitlines() if "Signed off" in line)
    assert "Handed over by Aisha Rahman on " in run(ben, "show", session_id)
    assert "Siobhán O'Connell: Handed over to Ben Carter on " in run(aisha, "sessions", "--supervisee", "Siob")

    # Both activity logs hold the fact, by ids only.
    run(ben, "audit", "--verify")
    assert "handover received" in run(ben, "audit")
    sent = [line for line in run(aisha, "audit").splitlines() if "handed over" in line]
    assert len(sent) == 1 and "Siob" not in sent[0] and "Ben" not in sent[0]
