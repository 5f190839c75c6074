"""Table definitions for queries. They mirror the latest migration."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Integer, LargeBinary, MetaData, Table, Text

metadata = MetaData()

vault_meta = Table(
    "vault_meta",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

people = Table(
    "people",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("role", Text, nullable=False),
    Column("job_title", Text, nullable=False, default=""),
    Column("team", Text, nullable=False, default=""),
    Column("start_date", Text),
    Column("newly_qualified", Boolean, nullable=False, default=False),
    Column("is_self", Boolean, nullable=False, default=False),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("supervisee_id", Integer, ForeignKey("people.id"), nullable=False),
    Column("scheduled_start", Text, nullable=False),
    Column("duration_minutes", Integer, nullable=False, default=90),
    Column("mode", Text, nullable=False),
    Column("location", Text, nullable=False, default=""),
    Column("status", Text, nullable=False),
    Column("notes", Text, nullable=False, default=""),
    Column("cancellation_reason", Text, nullable=False, default=""),
    Column("record", Text, nullable=False, default=""),
    Column("rebooked_from_id", Integer, ForeignKey("sessions.id")),
    Column("updated_at", Text),
)

session_summaries = Table(
    "session_summaries",
    metadata,
    # What lists and the home page need from each record, kept with every save (storage/summaries.py).
    Column("session_id", Integer, ForeignKey("sessions.id"), primary_key=True),
    Column("added", Text, nullable=False, default="[]"),
    Column("closed", Text, nullable=False, default="[]"),
    Column("urgent_unfollowed", Integer, nullable=False, default=0),
    Column("agenda_received", Text),
    Column("open_after", Integer, nullable=False, default=0),
)

session_history = Table(
    "session_history",
    metadata,
    # What the history and trends show of each record, the visibility rules applied (storage/history_parts.py).
    Column("session_id", Integer, ForeignKey("sessions.id"), primary_key=True),
    Column("protection", Text, nullable=False, default="not_recorded"),
    Column("checkin", Text, nullable=False, default="none"),
    Column("ratings", Text, nullable=False, default="{}"),  # JSON: HSE standard id → 1 to 5
    Column("flags", Text, nullable=False, default="[]"),  # JSON: [category id, level or null (discussed)]
    Column("agreed", Integer, nullable=False, default=0),
    Column("done", Integer, nullable=False, default=0),
    Column("in_progress", Integer, nullable=False, default=0),
    Column("carried_forward", Integer, nullable=False, default=0),
    Column("dropped", Integer, nullable=False, default=0),
)

open_actions = Table(
    "open_actions",
    metadata,
    # Each supervisee's actions open now (storage/summaries.py).
    Column("supervisee_id", Integer, ForeignKey("people.id"), primary_key=True),
    Column("action_id", Text, primary_key=True),
    Column("session_id", Integer, ForeignKey("sessions.id"), nullable=False),
    Column("due", Integer),  # a day number, date.toordinal(): compared as integers, never copied as text
    Column("supervisors", Boolean, nullable=False),
)

supervisee_summaries = Table(
    "supervisee_summaries",
    metadata,
    # Each supervisee's latest signed-off session and notes waiting for a countersignature (storage/summaries.py).
    Column("supervisee_id", Integer, ForeignKey("people.id"), primary_key=True),
    Column("last_signed_off", Integer, ForeignKey("sessions.id")),
    Column("last_signed_off_start", Text),
    Column("waiting_notes", Integer, nullable=False, default=0),
    Column("oldest_waiting", Integer, ForeignKey("sessions.id")),
    Column("oldest_waiting_day", Text),
    Column("oldest_waiting_signed", Text),
)

agreements = Table(
    "agreements",
    metadata,
    Column("supervisee_id", Integer, ForeignKey("people.id"), primary_key=True),
    Column("data", Text, nullable=False),
)

addenda = Table(
    "addenda",
    metadata,
    Column("id", Text, primary_key=True),
    Column("session_id", Integer, ForeignKey("sessions.id"), nullable=False),
    Column("written_at", Text, nullable=False),
    Column("data", Text, nullable=False),
    Column("signed_off", Boolean, nullable=False, default=False),
)

signing_identities = Table(
    "signing_identities",
    metadata,
    Column("person_id", Integer, ForeignKey("people.id"), primary_key=True),
    Column("name", Text, nullable=False),
    Column("role", Text, nullable=False),
    Column("certificate", LargeBinary, nullable=False),
    Column("private_key", LargeBinary, nullable=False),  # empty once retired
    Column("fingerprint", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("retired_at", Text),  # set when the key was someone else's and was deleted (migration 6)
)

signed_notes = Table(
    "signed_notes",
    metadata,
    Column("session_id", Integer, ForeignKey("sessions.id"), primary_key=True),
    Column("pdf", LargeBinary, nullable=False),
    Column("fingerprint", Text, nullable=False),
    Column("signatures", Integer, nullable=False),
    Column("page_size", Text, nullable=False),
    Column("hidden_sections", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
)

pairings = Table(
    "pairings",
    metadata,
    Column("person_id", Integer, ForeignKey("people.id"), primary_key=True),
    Column("their_role", Text, nullable=False),
    Column("public_key", LargeBinary, nullable=False),
    Column("fingerprint", Text, nullable=False, unique=True),
    Column("certificate", LargeBinary),
    Column("paired_at", Text, nullable=False),
)

pack_log = Table(
    "pack_log",
    metadata,
    Column("pack_id", Text, primary_key=True),
    Column("direction", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("peer", Text, nullable=False),
    Column("subject", Text, nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("logged_at", Text, nullable=False),
)

preparations = Table(
    "preparations",
    metadata,
    Column("supervisor_id", Integer, ForeignKey("people.id"), primary_key=True),
    Column("data", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
)

received_records = Table(
    "received_records",
    metadata,
    # Keyed by sender and session id: a session id is chosen by the sender (migration 5).
    Column("supervisor_id", Integer, ForeignKey("people.id"), primary_key=True),
    Column("session_uid", Text, primary_key=True),
    Column("data", Text, nullable=False),
    Column("pdf", LargeBinary, nullable=False),
    Column("signatures", Integer, nullable=False),
    Column("updated_at", Text, nullable=False),
)

handovers = Table(
    "handovers",
    metadata,
    Column("pack_id", Text, primary_key=True),
    Column("direction", Text, nullable=False),
    Column("supervisee_id", Integer, ForeignKey("people.id"), nullable=False),
    Column("peer_name", Text, nullable=False),
    Column("peer_fingerprint", Text, nullable=False),
    Column("handed_over_at", Text, nullable=False),
    Column("signers", Text, nullable=False, default="[]"),
    Column("sessions", Text, nullable=False, default="[]"),
    Column("logged_at", Text, nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", Integer, primary_key=True),
    Column("at", Text, nullable=False),
    Column("action", Text, nullable=False),
    Column("subject", Text, nullable=False),
    Column("detail", Text, nullable=False),
    Column("prev_hash", Text, nullable=False),
    Column("hash", Text, nullable=False),
)

retention = Table(
    "retention",
    metadata,
    # When supervision with a person ended, and why their records are kept past retention
    # (a legal hold, say; "" for no reason recorded): migration 8.
    Column("person_id", Integer, ForeignKey("people.id"), primary_key=True),
    Column("end_date", Text),
    Column("keep_reason", Text, nullable=False, default=""),
    Column("keep_recorded_on", Text),
)

erasures_in_progress = Table(
    "erasures_in_progress",
    metadata,
    # Empty except inside the transaction that erases a person: it lets that one erasure
    # delete the person's signed-off records, which triggers otherwise keep (migration 8).
    Column("person_id", Integer, primary_key=True),
)

access_requests = Table(
    "access_requests",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id"), nullable=False),
    Column("received", Text, nullable=False),
    Column("exported_at", Text),
)

cpd_entries = Table(
    "cpd_entries",
    metadata,
    # The vault owner's own CPD log (migration 13); session_key links a peer reflection to a session.
    Column("id", Integer, primary_key=True),
    Column("cpd_type", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("done_on", Text, nullable=False),
    Column("relevance", Text, nullable=False, default=""),
    Column("learnt", Text, nullable=False, default=""),
    Column("impact_practice", Text, nullable=False, default=""),
    Column("impact_people", Text, nullable=False, default=""),
    Column("peer_reflection", Text, nullable=False, default=""),
    Column("session_key", Text, nullable=False, default=""),
    Column("session_on", Text),
    Column("saved_at", Text, nullable=False),
)

agreement_pdfs = Table(
    "agreement_pdfs",
    metadata,
    # Each signed version of a supervisee's agreement (migration 14): the agreement's JSON and its PDF.
    Column("id", Integer, primary_key=True),
    Column("supervisee_id", Integer, ForeignKey("people.id"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("agreed_on", Text, nullable=False),
    Column("data", Text, nullable=False),
    Column("pdf", LargeBinary, nullable=False),
    Column("fingerprint", Text, nullable=False),
    Column("signatures", Integer, nullable=False),
)

received_agreements = Table(
    "received_agreements",
    metadata,
    # Each agreement version received from one's supervisor (migration 15), and its PDF as signed so far.
    Column("id", Integer, primary_key=True),
    Column("supervisor_id", Integer, ForeignKey("people.id"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("data", Text, nullable=False),
    Column("pdf", LargeBinary, nullable=False),
    Column("signatures", Integer, nullable=False),
)

agreement_reviews = Table(
    "agreement_reviews",
    metadata,
    # A review of an agreement version with the other person (migration 15): both sets of answers, as JSON.
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("data", Text, nullable=False),
)

organisation_contacts = Table(
    "organisation_contacts",
    metadata,
    # The organisation's contacts for support (migration 17); categories: a JSON list of flag category ids.
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("helps_with", Text, nullable=False, default=""),
    Column("phone", Text, nullable=False, default=""),
    Column("email", Text, nullable=False, default=""),
    Column("web", Text, nullable=False, default=""),
    Column("hours", Text, nullable=False, default=""),
    Column("categories", Text, nullable=False, default="[]"),
    Column("position", Integer, nullable=False, default=0),
)

manager_reviews = Table(
    "manager_reviews",
    metadata,
    # The owner's self-reviews against the managers' checklist (migration 17); answers: JSON.
    Column("id", Integer, primary_key=True),
    Column("done_on", Text, nullable=False),
    Column("answers", Text, nullable=False),
    Column("saved_at", Text, nullable=False),
)

groups = Table(
    "groups",
    metadata,
    # Group and peer supervision (migration 16): the booking, and the shared record as JSON (domain/group.py).
    Column("id", Integer, primary_key=True),
    Column("scheduled_start", Text, nullable=False),
    Column("duration_minutes", Integer, nullable=False, default=90),
    Column("mode", Text, nullable=False),
    Column("location", Text, nullable=False, default=""),
    Column("kind", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("shared", Text, nullable=False, default=""),
    Column("updated_at", Text),
)

group_members = Table(
    "group_members",
    metadata,
    # Each member's own part (JSON), and once signed off the one-to-one session that is their record of it.
    Column("group_id", Integer, ForeignKey("groups.id"), primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id"), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("facilitates", Boolean, nullable=False, default=False),  # the member who facilitates a peer-led group
    Column("part", Text, nullable=False, default=""),
    Column("session_id", Integer, ForeignKey("sessions.id")),
)
