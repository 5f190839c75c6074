"""The activity log: what was done and when, as a hash chain.

Each entry carries the hash of the one before it, so an entry deleted or
changed later breaks the chain at that point. Entries hold no record content,
no health detail and no names: only an action, a subject such as a
supervisee's or session's id, and a short fixed detail (how the vault was
unlocked, which kind of pack).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

GENESIS = "0" * 64
"""The 'previous hash' of the first entry."""


class AuditAction(StrEnum):
    UNLOCK = "unlock"
    SIGN_OFF = "sign-off"
    NOTE_SIGNED = "note signed"
    NOTE_EXPORTED = "note exported"
    PACK_EXPORTED = "pack exported"
    PACK_IMPORTED = "pack imported"
    BACKUP = "backup"
    RESTORE = "restore"
    PASSPHRASE_CHANGED = "passphrase changed"
    RECOVERY_CODE_CHANGED = "recovery code changed"
    PERSON_ERASED = "person erased"
    KEPT_PAST_RETENTION = "kept past retention"
    ACCESS_EXPORTED = "access request exported"
    HANDED_OVER = "handed over"  # a supervisee's record sent to another supervisor
    HANDOVER_RECEIVED = "handover received"  # a supervisee's record received from another supervisor
    INTEGRITY_CHECK = "integrity check"


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str  # ISO 8601, local time, seconds
    action: str
    subject: str
    detail: str
    prev_hash: str
    hash: str

    def line(self) -> str:
        parts = [f"{self.seq:>5}  {self.at}  {self.action}"]
        parts += [part for part in (self.subject, self.detail) if part]
        return "  ".join(parts)


def supervisee_subject(person_id: int) -> str:
    return f"supervisee {person_id}"


def person_subject(person_id: int) -> str:
    return f"person {person_id}"


def session_subject(session_id: int) -> str:
    return f"session {session_id}"


def entry_hash(prev_hash: str, seq: int, at: str, action: str, subject: str, detail: str) -> str:
    """SHA-256 over the previous hash and this entry's fields, in a canonical form."""
    body = json.dumps([prev_hash, seq, at, action, subject, detail], ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(body.encode("ascii")).hexdigest()


def next_entry(previous: AuditEntry | tuple[int, str] | None, at: str, action: str, subject: str = "",
               detail: str = "") -> AuditEntry:
    """The entry after ``previous`` (an entry, or the (number, hash) of the head as recorded)."""
    if isinstance(previous, AuditEntry):
        previous = (previous.seq, previous.hash)
    seq, prev = (previous[0] + 1, previous[1]) if previous is not None else (1, GENESIS)
    return AuditEntry(seq, at, action, subject, detail, prev, entry_hash(prev, seq, at, action, subject, detail))


@dataclass(frozen=True)
class ChainBreak:
    """Where the chain first fails: the entry to look at, and what is wrong with it."""

    seq: int
    problem: str

    @property
    def sentence(self) -> str:
        return f"The activity log has been tampered with: entry {self.seq} {self.problem}."


def first_break(entries: Sequence[AuditEntry], head: tuple[int, str] | None) -> ChainBreak | None:
    """Check the chain from the first entry; ``head`` is the last (seq, hash) recorded beside it.

    Returns ``None`` when every entry follows the one before it, in order, and the
    last one is the head recorded when it was written.
    """
    previous_hash, expected_seq = GENESIS, 1
    for entry in entries:
        if entry.seq != expected_seq:
            return ChainBreak(expected_seq, "is missing")
        if entry.prev_hash != previous_hash:
            return ChainBreak(entry.seq - 1 if entry.seq > 1 else 1, "was changed or removed")
        if entry.hash != entry_hash(entry.prev_hash, entry.seq, entry.at, entry.action, entry.subject, entry.detail):
            return ChainBreak(entry.seq, "was changed")
        previous_hash, expected_seq = entry.hash, expected_seq + 1
    if head is not None:
        head_seq, head_hash = head
        if head_seq >= expected_seq:
            return ChainBreak(expected_seq, "is missing")
        if entries and (head_seq != entries[-1].seq or head_hash != entries[-1].hash):
            return ChainBreak(head_seq if head_seq >= 1 else entries[-1].seq, "was changed")
    return None
