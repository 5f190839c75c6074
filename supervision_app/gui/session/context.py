"""What every step of the editor shares: the session, its record, the people and the services.

The supervisee's history is read at most once per editor, when a step first needs it (the
previous actions, the sign-off summary), and kept: saving this session's draft changes only
its own record, which the context holds live. Cancelling and signing off book other sessions,
so the editor forgets the history then (:meth:`SessionContext.forget_history`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from supervision_app.content import ToolkitContent
from supervision_app.domain.model import Person, SessionMode, SessionStatus, SupervisionSession
from supervision_app.domain.record import SessionRecord, Signatory
from supervision_app.domain.rules import HeldSession, OpenAction, open_actions
from supervision_app.gui.removal import AskRemove, ask_to_remove
from supervision_app.services.sessions import SessionService


@dataclass
class SessionContext:
    service: SessionService
    content: ToolkitContent
    session: SupervisionSession
    record: SessionRecord  # one object for the editor's lifetime: pages edit it, never replace it
    supervisee: Person
    supervisor: Person | None
    ask_remove: AskRemove = ask_to_remove  # asks before a row with typed text is removed
    # Where the checks' problems may be shown: those found on opening, rows the person has left,
    # and everything once sign-off is tried (gui/session/messages.RevealOnLeave).
    revealed: set[str] = field(default_factory=set)
    _history: list[HeldSession] | None = field(default=None, repr=False)
    _earlier_actions: dict[str, OpenAction] | None = field(default=None, repr=False)

    @classmethod
    def open(cls, service: SessionService, content: ToolkitContent, session_id: int) -> SessionContext:
        """Open the session (a booked one becomes a draft with what carries forward) and gather its people."""
        session, record = service.open_session(session_id)
        store = service.store
        return cls(service, content, session, record, store.get_person(session.supervisee_id), store.own_profile())

    @property
    def session_id(self) -> int:
        return self.session.id

    @property
    def supervisor_name(self) -> str:
        return self.supervisor.name if self.supervisor else "Supervisor"

    def name_of(self, signatory: Signatory) -> str:
        return self.supervisor_name if signatory is Signatory.SUPERVISOR else self.supervisee.name

    @property
    def allowed_names(self) -> list[str]:
        """Names that may appear in free text: the two people in the room."""
        return [self.supervisor_name, self.supervisee.name]

    @property
    def remote(self) -> bool:
        return self.session.mode is not SessionMode.IN_PERSON

    @property
    def editable(self) -> bool:
        return self.session.status in (SessionStatus.SCHEDULED, SessionStatus.DRAFT)

    def history(self) -> list[HeldSession]:
        """The supervisee's sessions with their records, read once (this session's record is :attr:`record`)."""
        if self._history is None:
            self._history = self.service.store.history(self.session.supervisee_id)
        return self._history

    @property
    def earlier_actions(self) -> dict[str, OpenAction]:
        """The actions open when this session began, by id: what its reviews are about."""
        if self._earlier_actions is None:
            self._earlier_actions = {open_action.action.id: open_action
                                     for open_action in open_actions(self.history(), before=self.session)}
        return self._earlier_actions

    def forget_history(self) -> None:
        """Sessions were booked or cancelled: read the history again when it is next needed."""
        self._history = None
        self._earlier_actions = None

    def later_booked(self) -> SupervisionSession | None:
        """The next session already in the diary after this one, if any."""
        later = [s for s in self.service.store.list_sessions(self.session.supervisee_id)
                 if s.scheduled_start > self.session.scheduled_start
                 and s.status in (SessionStatus.SCHEDULED, SessionStatus.DRAFT)]
        return min(later, key=lambda s: (s.scheduled_start, s.id), default=None)
