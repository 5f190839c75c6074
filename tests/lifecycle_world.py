"""A supervisor's vault with two supervisees whose records reach every kind of table, for retention and erasure.

Zoë Whitfield is paired with her own install and has a signed-off session
(actions, a flag, discussion, an addendum), a doubly signed note, an agreement
and packs in the exchange log; her records carry :data:`CANARY`. Ben Carter has
a signed-off session and a signed note of his own, which must survive her
erasure untouched.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from supervision_app.domain.agreement import Agreement
from supervision_app.domain.exchange import Preparation, PreparedItem
from supervision_app.domain.model import NewPerson, Person, PersonRole
from supervision_app.domain.record import Action, ActionOwner, AgendaItem, Confirmation, Flag, Signatory
from supervision_app.exchange.pairing import card_from_code, card_to_code
from supervision_app.logging_setup import quieten_libraries
from supervision_app.services.notes import NoteOptions
from supervision_app.services.people import add_supervisee, save_agreement
from tests.exchange.installs import Install, two_installs

CANARY = "QX7-CANARY-Whitfield-only"
NOW = datetime(2026, 11, 20, 17, 30)
SESSION_AT = datetime(2026, 11, 24, 10, 0)


@dataclass
class World:
    aisha: Install
    zoe_app: Install
    zoe: Person
    ben: Person
    zoe_session: int
    ben_session: int


def hold_and_sign(install: Install, person: Person, at: datetime, text: str, session_id: int | None = None) -> int:
    """Hold and sign off a session with ``person`` (booked now, unless given) whose record carries ``text``;
    sign its note."""
    session = install.store.get_session(session_id) if session_id else install.sessions.book(person.id, at)
    _opened, record = install.sessions.open_session(session.id)
    for item in record.agenda:
        item.reached = True
    record.agenda.append(AgendaItem(f"Agenda {text}", notes=f"Discussed {text}", reached=True))
    record.actions = [Action(f"Action {text}", ActionOwner.SUPERVISEE, due=at.date() + timedelta(days=10))]
    record.flags = [Flag("workload_caseload", detail=f"Flag {text}")]
    record.learning = f"Learning {text}"
    record.next_session = at + timedelta(weeks=4)
    install.sessions.confirm(session.id, record, Signatory.SUPERVISOR, Confirmation.AGREED)
    install.sessions.confirm(session.id, record, Signatory.SUPERVISEE, Confirmation.AGREED)
    install.notes.sign_as_supervisor(session.id, NoteOptions())
    return session.id


@contextmanager
def lifecycle_world(tmp_path: Path) -> Iterator[World]:
    quieten_libraries()
    with two_installs(tmp_path, NOW) as (aisha, zoe_app, zoe, clock):
        zoe_card = zoe_app.exchange.my_card(PersonRole.SUPERVISEE)
        aisha.exchange.pair(zoe_card)
        aisha_person, _pin = zoe_app.exchange.pair(
            card_from_code(card_to_code(aisha.exchange.my_card(PersonRole.SUPERVISOR))), name="Aisha Rahman")
        save_agreement(aisha.store, Agreement(zoe.id, place=f"Room {CANARY}", review_date=date(2027, 11, 1)))
        zoe_app.mine.save_preparation(aisha_person.id, Preparation(items=[PreparedItem(f"Prepared {CANARY}")]))
        agenda = zoe_app.exchange.export_agenda(aisha_person.id)
        ben = add_supervisee(aisha.store, NewPerson("Ben Carter", PersonRole.SUPERVISEE, start_date=date(2025, 1, 6)),
                             today=NOW.date())
        booked = aisha.sessions.book(zoe.id, SESSION_AT)
        aisha.exchange.import_pack(agenda)
        clock.now = SESSION_AT
        zoe_session = hold_and_sign(aisha, zoe, SESSION_AT, CANARY, booked.id)
        aisha.sessions.add_addendum(zoe_session, f"Addendum {CANARY}", Signatory.SUPERVISOR)
        ben_session = hold_and_sign(aisha, ben, SESSION_AT + timedelta(hours=3), "for Ben")
        clock.now = SESSION_AT + timedelta(days=1)
        received = zoe_app.exchange.import_pack(aisha.exchange.export_record(zoe_session)).received
        aisha.exchange.import_pack(zoe_app.exchange.countersign(received, Confirmation.AGREED, f"Comment {CANARY}"))
        yield World(aisha, zoe_app, zoe, ben, zoe_session, ben_session)
