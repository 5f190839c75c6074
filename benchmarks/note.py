"""Rendering and signing a ~3-page session note, against LibreOffice converting the same note as a filled .docx.

    python benchmarks/note.py [--runs N] [--keep DIR]

Ours: in the running app, one signed-off session is rendered to PDF, given its
two signature fields and certified with the supervisor's key
(``NoteService.sign_as_supervisor``), and, apart, only rendered. The baseline
is what councils do today: the same note, word for word, as a filled Word
template (``note_template.py``, needs python-docx), converted to PDF by
``soffice --headless --convert-to pdf``, a fresh process each time, with its
own profile warmed once. The three are timed alternately in the same run, so
the machine's speed cancels out of the ratio. ``--keep DIR`` keeps the
.docx and both PDFs to look at.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pypdfium2
from sqlalchemy import delete

from supervision_app.content import load_content
from supervision_app.domain.model import SessionStatus, SupervisionSession
from supervision_app.domain.record import (
    Action,
    ActionOwner,
    AgendaItem,
    Confirmation,
    Decision,
    ReviewOutcome,
    Signatory,
    TimeProtection,
)
from supervision_app.logging_setup import quieten_libraries
from supervision_app.paths import VaultPaths, resources_dir
from supervision_app.services.demo import fill_demo
from supervision_app.services.notes import NoteOptions, NoteService
from supervision_app.services.pdf_note import note_fingerprint
from supervision_app.services.sessions import SessionService
from supervision_app.storage import tables
from supervision_app.storage.records import SqlRecordStore
from supervision_app.vault.keyfile import KdfParams
from supervision_app.vault.service import OpenVault, VaultService

TODAY = date(2026, 11, 24)  # fixed, so every run prints the same note
PASSPHRASE = "benchmark passphrase words"
TARGET_PAGES = 3
INSTALL_LIBREOFFICE = ("LibreOffice (soffice) not found, so only our timings are shown; install it with "
                       "'sudo apt-get install libreoffice-writer-nogui' (Debian/Ubuntu), "
                       "'brew install --cask libreoffice' (macOS) or from https://www.libreoffice.org.")
INSTALL_DOCX = ("python-docx not found, so only our timings are shown; the baseline's .docx needs it: "
                "'pip install python-docx' in this environment (it is not an app dependency).")


@dataclass
class Note:
    vault: OpenVault
    notes: NoteService
    session_id: int
    who: str
    written_up: bool  # True if the demo had no ~3-page note, so its draft was written up in full


def pages_and_words(pdf: bytes) -> tuple[int, int]:
    """The number of pages of a PDF and of words on them (to check both notes say the same)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        text = " ".join(page.get_textpage().get_text_range() for page in document)
        return len(document), len(re.findall(r"\w+", text))
    finally:
        document.close()


def prepare_note(folder: Path) -> Note:
    """A throwaway vault with the demo team, and the signed-off session whose note is about 3 pages."""
    vault, _recovery = VaultService(VaultPaths(folder), passphrase_kdf=lambda: KdfParams(1, 1024)).create(PASSPHRASE)
    store = vault.store
    fill_demo(store, TODAY)
    notes = NoteService(store, load_content(resources_dir()), resources_dir() / "fonts")
    options = NoteOptions()
    signed_off = [s for s in store.list_sessions() if s.status is SessionStatus.SIGNED_OFF]
    pages = {s.id: notes.render(s.id, options).page_count for s in signed_off}
    chosen = next((s for s in signed_off if pages[s.id] == TARGET_PAGES), None)
    written_up = chosen is None
    if chosen is None:  # the demo's notes are shorter: finish its half-written session in full
        chosen = write_up_in_full(store)
    supervisee = store.get_person(chosen.supervisee_id).name
    return Note(vault, notes, chosen.id, f"{supervisee}, {chosen.scheduled_start:%d %b %Y}", written_up)


def write_up_in_full(store: SqlRecordStore) -> SupervisionSession:
    """Complete and sign off the demo's draft for Zoë with a full write-up, through the session service."""
    draft = next(s for s in store.list_sessions() if s.status is SessionStatus.DRAFT
                 and store.get_person(s.supervisee_id).name.startswith("Zoë"))
    end = draft.scheduled_start + timedelta(minutes=90)
    sessions = SessionService(store, clock=lambda: end)
    _session, record = sessions.open_session(draft.id)
    setting = record.setting
    setting.ended_at, setting.time_protection = end, TimeProtection.PROTECTED
    for review, (outcome, note) in zip(record.reviews, (
            (ReviewOutcome.DONE, "Booked for January; the team manager agreed the study leave."),
            (ReviewOutcome.IN_PROGRESS, "First EAP call made; a second is booked for next week.")), strict=False):
        review.outcome, review.note = outcome, note
    ofsted = record.agenda[0]
    ofsted.wanted_outcome = "Know what to expect and feel ready to talk about my practice"
    ofsted.reached = True
    ofsted.notes = (
        "Talked through the focused visit: inspectors may sample cases, speak to practitioners and look at "
        "supervision records. Zoë was worried about being asked about a case she has only just picked up. "
        "We agreed she can say what she knows, what she has done and what she plans next, and that it is fine "
        "to say she would need to check the file.")
    ofsted.went_well = "Her recent chronologies are clear and up to date; she knows her children well."
    ofsted.difficult = "Feeling she has to have every answer, and worry about letting the team down."
    ofsted.learned = "Practise explaining the plan for one child in two minutes: the worry, the plan, the next step."
    ofsted.cpd = True
    ofsted.decisions = [Decision("Zoë to join the team's mock case discussion on 4 November",
                                 "A safe rehearsal before the visit, with peers")]
    record.agenda += [
        AgendaItem(
            "Case discussion: neglect and school attendance", "A second view on whether to escalate",
            reached=True, case_reference="G.H.",
            notes=("Three children, aged 4, 7 and 11. Attendance for the older two has fallen to about 70 per "
                   "cent this term and the school reports the 7-year-old arriving hungry. Mother engages at "
                   "visits but agreed actions from the child in need plan are not happening. We used the "
                   "neglect toolkit together: home conditions and supervision score in the middle range, "
                   "health and education at the higher end. We talked about cumulative harm and about avoiding "
                   "start-again syndrome: the plan has been reviewed three times with the same actions."),
            went_well="Good relationship with the 11-year-old, who is able to talk about home with Zoë.",
            difficult="Mother's own mental health; Zoë feels escalation would be a betrayal of the work so far.",
            learned="Escalation can be part of helping the family; name the worry to mother before the meeting.",
            decisions=[Decision("Hold a strategy discussion about threshold within two weeks",
                                "Plan unchanged across three reviews; cumulative neglect")]),
        AgendaItem(
            "ASYE midpoint review", "Agree the evidence still needed", reached=True,
            notes=("Reviewed the ASYE portfolio against the Knowledge and Skills Statement. Two direct "
                   "observations done, one left; reflective logs are up to date apart from entry 5. Feedback "
                   "from the practice educator is positive about relationship-based work and asks for more "
                   "explicit analysis in assessments. Protected development time has slipped on two duty weeks."),
            learned="Use the analysis prompts in the assessment template rather than a summary paragraph.",
            cpd=True,
            decisions=[Decision("Protected development time moved to Friday mornings, outside duty weeks",
                                "It slipped twice when it fell on a duty day")]),
    ]
    record.actions = [
        Action("Book a strategy discussion for the G.H. children", ActionOwner.SUPERVISOR,
               due=end.date() + timedelta(days=14), source_id=record.agenda[1].id),
        Action("Write ASYE reflective log entry 5 on the G.H. escalation", due=end.date() + timedelta(days=21),
               source_id=record.agenda[2].id),
        Action("Prepare a two-minute summary of one case for the mock discussion", due=end.date() + timedelta(days=7),
               source_id=record.agenda[0].id),
        Action("Move protected development time to Fridays in the team calendar", ActionOwner.OTHER,
               "Team administrator", due=end.date() + timedelta(days=3), source_id=record.agenda[2].id),
    ]
    record.learning = ("Read the Child Safeguarding Practice Review Panel's report on neglect and the section on "
                       "cumulative harm; bring two points from it to the next session.")
    record.learning_cpd = True
    record.supervisee_comment = ("Helpful session. I feel clearer about escalating the G.H. case and about what "
                                 "the inspectors might ask. I would like the mock case discussion to happen "
                                 "before my next duty week if possible.")
    record.next_session = draft.scheduled_start + timedelta(weeks=4)
    sessions.save_draft(draft.id, record)
    sessions.confirm(draft.id, record, Signatory.SUPERVISOR, Confirmation.AGREED)
    sessions.confirm(draft.id, record, Signatory.SUPERVISEE, Confirmation.AGREED)
    return store.get_session(draft.id)


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        if found := shutil.which(name):
            return found
    mac = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")
    return str(mac) if mac.exists() else None


def convert(command: list[str], output: Path) -> float:
    output.unlink(missing_ok=True)
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    elapsed = time.perf_counter() - started
    if result.returncode != 0 or not output.exists():
        raise SystemExit(f"LibreOffice did not convert the .docx: {(result.stderr or result.stdout).strip()}")
    return elapsed


def timed(call) -> tuple[float, bytes]:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--keep", type=Path, help="a folder to keep the .docx and both PDFs in")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    quieten_libraries()
    soffice = find_soffice()
    try:
        import note_template
    except ImportError:  # python-docx is missing
        note_template = None
    with tempfile.TemporaryDirectory(prefix="note-benchmark-") as temp:
        folder = Path(temp)
        note = prepare_note(folder / "vault")  # the vault and the demo team: not timed
        options = NoteOptions()

        def sign() -> bytes:
            return note.notes.sign_as_supervisor(note.session_id, options)

        def forget_signed_note() -> None:
            # The app refuses to sign a session twice (it keeps the signed note), so each run,
            # and the warm-up, deletes the kept note before the next one, untimed.
            with note.vault.store.transaction() as connection:
                kept = tables.signed_notes
                connection.execute(delete(kept).where(kept.c.session_id == note.session_id))

        def render() -> bytes:
            return note.notes.render(note.session_id, options).pdf

        sign()  # warm: registers the fonts and makes the supervisor's signing key
        forget_signed_note()
        lo_command: list[str] = []
        if soffice and note_template:
            document = note.notes.document(note.session_id, options)
            docx = folder / "session-note.docx"
            note_template.write_docx(document, note_fingerprint(document), docx)
            lo_pdf = folder / "out" / "session-note.pdf"
            profile = f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}"
            lo_command = [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(lo_pdf.parent),
                          str(docx)]
            convert(lo_command, lo_pdf)  # warm: creates the private profile and fills the file cache
            version = subprocess.run([soffice, profile, "--version"], capture_output=True, text=True,
                                     check=False).stdout.split()
            lo_name = " ".join(version[:2]) or "LibreOffice"
        render_times, sign_times, lo_times = [], [], []
        for _ in range(args.runs):
            if lo_command:
                lo_times.append(convert(lo_command, lo_pdf))
            elapsed, _pdf = timed(render)
            render_times.append(elapsed)
            elapsed, signed = timed(sign)
            sign_times.append(elapsed)
            forget_signed_note()
        ours = pages_and_words(signed)
        theirs = pages_and_words(lo_pdf.read_bytes()) if lo_command else (0, 0)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            (args.keep / "session-note-signed.pdf").write_bytes(signed)
            if lo_command:
                shutil.copy2(docx, args.keep)
                shutil.copy2(lo_pdf, args.keep / "session-note-libreoffice.pdf")
        note.vault.lock()

    render_median, sign_median = statistics.median(render_times), statistics.median(sign_times)
    written = " (the demo's draft, written up in full)" if note.written_up else ""
    print(f"session note of {note.who}{written}, A4, median of {args.runs} runs,")
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}:")
    print(f"  {'':50} {'time':>9}  pages  words")
    print(f"  {'supervision-app: render only':50} {render_median:7.3f} s  {ours[0]:5}  {ours[1]:5}")
    print(f"  {'supervision-app: render, fields, certify':50} {sign_median:7.3f} s  {ours[0]:5}  {ours[1]:5}")
    if not soffice:
        print(INSTALL_LIBREOFFICE)
        return 0
    if not note_template:
        print(INSTALL_DOCX)
        return 0
    lo_median = statistics.median(lo_times)
    print(f"  {lo_name + ': .docx to PDF, fresh process':50} {lo_median:7.3f} s  {theirs[0]:5}  {theirs[1]:5}")
    print(f"  {'ratio LibreOffice / render and certify':50} {lo_median / sign_median:7.1f}x")
    print(f"  {'ratio LibreOffice / render only':50} {lo_median / render_median:7.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
