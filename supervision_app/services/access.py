"""Access requests: keep when each was received, and export everything about the person as a folder.

The folder holds a readable PDF (``all-records.pdf``), the same as JSON
(``all-records.json``, described by the schema copied beside it and by
docs/ACCESS.md), and each signed note exactly as the vault keeps it. It is
written to a hidden folder beside its final place and renamed once complete, in
the same transaction that marks the request answered and logs the export (ids
only), so a failure leaves neither a folder under the final name nor a record
of an export that did not happen.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from supervision_app.content import ToolkitContent
from supervision_app.domain.access import AccessRequest, reply_by, request_problem
from supervision_app.domain.audit import AuditAction, session_subject, supervisee_subject
from supervision_app.domain.model import Person, PersonRole
from supervision_app.errors import ExportFolderExists, ReadOnlyLocation, UsageError, error_from_os_error
from supervision_app.fileio import atomic_write_bytes, fsync_folder
from supervision_app.paths import resources_dir
from supervision_app.services import people
from supervision_app.services.access_agreements import agreement_file, held_agreements
from supervision_app.services.access_document import (
    MARKING,
    SCHEMA_FILE,
    TITLE,
    PersonRecords,
    export_json,
    header_rows,
    note_file,
    sections,
)
from supervision_app.services.access_groups import groups_in_progress
from supervision_app.services.working_days import DEFAULT_NATION, Nation, is_working_day
from supervision_app.storage import access, audit
from supervision_app.storage.records import SqlRecordStore

PDF_FILE = "all-records.pdf"
JSON_FILE = "all-records.json"


def schema_path() -> Path:
    """The JSON Schema that every export's all-records.json follows."""
    return resources_dir() / "schemas" / SCHEMA_FILE


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    request: AccessRequest
    reply_by: date
    sessions: int
    signed_notes: int


class AccessService:
    def __init__(self, store: SqlRecordStore, content: ToolkitContent, fonts_dir: Path,
                 clock: Callable[[], datetime] = datetime.now, nation: Nation = DEFAULT_NATION) -> None:
        self.store = store
        self.content = content
        self.fonts_dir = fonts_dir
        self._clock = clock
        self.nation = nation

    def now(self) -> datetime:
        return self._clock().replace(microsecond=0)

    def reply_by(self, received: date) -> date:
        """When the reply to a request received that day is due (UK GDPR: one month; ICO guidance)."""
        return reply_by(received, lambda day: is_working_day(day, self.nation))

    def requests(self, person_id: int) -> list[AccessRequest]:
        return access.requests_for(self.store, person_id)

    def record_request(self, person_id: int, received: date) -> AccessRequest:
        """Keep the date a request came in (before it is answered), so its deadline shows.

        A request already waiting with that date is returned rather than kept twice.
        """
        self._supervisee(person_id)
        self._check_date(received)
        with self.store.transaction():
            return self._open_request(person_id, received)

    def gather(self, person_id: int) -> PersonRecords:
        """Everything the vault holds about the person, read in one transaction."""
        with self.store.transaction():
            person = self.store.get_person(person_id)
            history = self.store.history(person_id)
            notes = [note for held in history if (note := self.store.get_signed_note(held.session.id)) is not None]
            pairing = self.store.pairing_for(person_id)
            subjects = {supervisee_subject(person_id), f"supervisor {person_id}",
                        *(session_subject(held.session.id) for held in history)}
            return PersonRecords(
                person=person, me=self.store.own_profile(),
                organisation=self.store.get_meta(people.ORGANISATION_KEY) or "",
                agreement=self.store.get_agreement(person_id), history=history, signed_notes=notes,
                pairing=pairing, keys=access.key_facts(self.store, person_id),
                packs=access.packs_with(self.store, pairing.fingerprint) if pairing else [],
                activity=[entry for entry in audit.entries(self.store) if entry.subject in subjects],
                requests=access.requests_for(self.store, person_id), reply_by=self.reply_by,
                agreements=held_agreements(self.store, person_id), groups=groups_in_progress(self.store, person_id))

    def folder_name(self, person_id: int, at: datetime) -> str:
        """The export's folder: no name in it (a file list shows it to anyone), the person's id and the time."""
        return f"access-request-person-{person_id}-{at:%Y-%m-%d-%H%M%S}"

    def export(self, person_id: int, received: date, parent: Path) -> ExportResult:
        """Write everything about the person to a new folder in ``parent``; mark the request answered.

        The request received on ``received`` that has not been answered yet is
        the one answered; if there is none, it is recorded now.
        """
        person = self._supervisee(person_id)
        self._check_date(received)
        parent = Path(parent)
        if not parent.is_dir():
            raise UsageError(f"{parent} is not a folder.")
        now = self.now()
        target = parent / self.folder_name(person.id, now)
        if target.exists():
            raise ExportFolderExists(f"A folder named {target.name} is already in {parent}; nothing was written.")
        staging: Path | None = None
        moved = False
        try:
            with self.store.transaction():
                request = self._open_request(person.id, received)
                access.mark_exported(self.store, request.id, now)
                request = replace(request, exported_at=now)
                audit.record(self.store, AuditAction.ACCESS_EXPORTED, supervisee_subject(person.id),
                             f"request {request.id}")
                data = self.gather(person.id)
                staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".partial", dir=parent))
                self._write_files(staging, data, request, now)
                if target.exists():
                    raise ExportFolderExists(f"A folder named {target.name} is already in {parent}; "
                                             "nothing was written.")
                os.rename(staging, target)
                moved = True
                fsync_folder(parent)
        except OSError as error:
            self._clean_up(staging, target if moved else None)
            translated = error_from_os_error(error)
            if isinstance(translated, ReadOnlyLocation):
                raise ReadOnlyLocation(f"{parent} cannot be written to; choose a folder you can write to.") from error
            if translated is not None:
                raise translated from error
            raise
        except BaseException:
            self._clean_up(staging, target if moved else None)
            raise
        return ExportResult(target, request, self.reply_by(request.received), len(data.history),
                            len(data.signed_notes))

    # --- inside -----------------------------------------------------------------------------------

    def _supervisee(self, person_id: int) -> Person:
        person = self.store.get_person(person_id)
        if person.is_self or person.role is not PersonRole.SUPERVISEE:
            raise UsageError("Only a supervisee's records can be exported here.")
        return person

    def _check_date(self, received: date) -> None:
        problem = request_problem(received, self.now().date())
        if problem:
            raise UsageError(problem)

    def _open_request(self, person_id: int, received: date) -> AccessRequest:
        waiting = [r for r in access.requests_for(self.store, person_id)
                   if r.received == received and r.exported_at is None]
        return waiting[0] if waiting else access.add_request(self.store, person_id, received)

    def _write_files(self, staging: Path, data: PersonRecords, request: AccessRequest, now: datetime) -> None:
        from supervision_app.services.access_pdf import render_export_pdf  # reportlab, only when exporting

        as_json = json.dumps(export_json(data, request, now), indent=2, ensure_ascii=False).encode("utf-8") + b"\n"
        fingerprint = hashlib.sha256(as_json).hexdigest()[:16].upper()
        pdf = render_export_pdf(TITLE, MARKING, header_rows(data, request, now), sections(data, self.content),
                                fingerprint=" ".join(fingerprint[i:i + 4] for i in range(0, 16, 4)),
                                fonts_dir=self.fonts_dir)
        atomic_write_bytes(staging / PDF_FILE, pdf)
        atomic_write_bytes(staging / JSON_FILE, as_json)
        atomic_write_bytes(staging / SCHEMA_FILE, schema_path().read_bytes())
        if data.signed_notes:
            (staging / note_file(0)).parent.mkdir(mode=0o700)
        for note in data.signed_notes:
            atomic_write_bytes(staging / note_file(note.session_id), note.pdf)
        if data.agreements.versions:
            (staging / agreement_file(0)).parent.mkdir(mode=0o700)
        for signed in data.agreements.versions:
            atomic_write_bytes(staging / agreement_file(signed.version), signed.pdf)

    @staticmethod
    def _clean_up(staging: Path | None, moved: Path | None) -> None:
        for folder in (staging, moved):
            if folder is not None and folder.exists():
                shutil.rmtree(folder)
