"""Each member's note of a group session: the shared parts, the names of those present, and their own part.

Once the group is signed off, a member's note is the note of the session that is their record of it, made by
``services/note.py``, drawn by ``pdf_note.py``, signed by the supervisor through ``NoteService`` and
countersigned by the member through the exchange, exactly as a one-to-one note. Before sign-off,
:func:`preview` shows what it will say. No other member's contributions appear in it, whatever their
visibility: the shared agenda and discussion are the group's, the rest is each member's own.
"""

from __future__ import annotations

from supervision_app.content import ToolkitContent
from supervision_app.domain.model import SupervisionSession
from supervision_app.services.groups import GroupService
from supervision_app.services.note import NoteDocument, build_note, note_for_session
from supervision_app.services.notes import NoteOptions, NoteService


def preview(service: GroupService, group_id: int, person_id: int, content: ToolkitContent) -> NoteDocument:
    """The note ``person_id`` will have of this group session, as the record stands now."""
    group, record = service.open(group_id)
    session_id = group.session_of(person_id)
    if session_id is not None:
        return note_for_session(service.store, session_id, content)
    store = service.store
    member = service.member_records(group, record)[person_id]
    person = store.get_person(person_id)
    session = SupervisionSession(
        supervisee_id=person_id, scheduled_start=group.scheduled_start, duration_minutes=group.duration_minutes,
        mode=group.mode, location=group.location, status=group.status, id=0)
    return build_note(session, member, person, store.own_profile(), store.get_agreement(person_id),
                      store.history(person_id), content)


def sign_member_notes(notes: NoteService, service: GroupService, group_id: int,
                      options: NoteOptions | None = None) -> dict[int, bytes]:
    """Sign, as supervisor, the note of every member of a signed-off group whose note is not signed yet."""
    group = service.get(group_id)
    signed: dict[int, bytes] = {}
    for person_id, session_id in group.member_sessions:
        if notes.signed_note(session_id) is None:
            signed[person_id] = notes.sign_as_supervisor(session_id, options or NoteOptions())
    return signed


__all__ = ["preview", "sign_member_notes"]
