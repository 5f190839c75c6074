"""A supervisee paired with two supervisors: each one's records are kept apart, whatever session ids they use."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from supervision_app.content import load_content
from supervision_app.domain.exchange import ReceivedKey
from supervision_app.domain.model import NewPerson, Person, PersonRole
from supervision_app.domain.record import Action, ActionOwner, Confirmation, Signatory
from supervision_app.exchange.pairing import card_from_file, card_to_file
from supervision_app.exchange.service import EXCHANGE_ID_KEY
from supervision_app.logging_setup import quieten_libraries
from supervision_app.paths import resources_dir
from supervision_app.services.my_supervision import Use
from supervision_app.services.notes import NoteOptions
from supervision_app.services.people import add_supervisee
from tests.exchange.installs import Install, open_install, two_installs

NOW = datetime(2026, 11, 20, 17, 30)
SESSION_AT = datetime(2026, 11, 24, 10, 0)


def _pair(supervisor: Install, supervisee: Install) -> Person:
    """Pair both ways; returns the supervisor as the supervisee's vault knows them."""
    supervisor.exchange.pair(card_from_file(card_to_file(supervisee.exchange.my_card(PersonRole.SUPERVISEE))))
    person, _ = supervisee.exchange.pair(card_from_file(card_to_file(
        supervisor.exchange.my_card(PersonRole.SUPERVISOR))))
    return person


def _signed_record(supervisor: Install, supervisee_id: int, action: str, clock) -> bytes:  # type: ignore[no-untyped-def]
    clock.now = NOW
    session = supervisor.sessions.book(supervisee_id, SESSION_AT)
    clock.now = SESSION_AT
    _opened, record = supervisor.sessions.open_session(session.id)
    record.actions = [Action(action, ActionOwner.SUPERVISEE, due=date(2026, 12, 12))]
    supervisor.sessions.confirm(session.id, record, Signatory.SUPERVISOR, Confirmation.AGREED)
    supervisor.sessions.confirm(session.id, record, Signatory.SUPERVISEE, Confirmation.AGREED)
    clock.now = SESSION_AT + timedelta(hours=2)
    supervisor.notes.sign_as_supervisor(session.id, NoteOptions())
    return supervisor.exchange.export_record(session.id)


def test_a_record_under_another_supervisors_session_id_does_not_block_the_genuine_one(tmp_path: Path) -> None:
    quieten_libraries()
    with two_installs(tmp_path, NOW) as (aisha, zoe_app, zoe, clock):
        ben = open_install(tmp_path / "ben", "Ben Carter", frozenset({Use.SUPERVISING}), clock,
                           load_content(resources_dir()))
        try:
            zoe_at_ben = add_supervisee(ben.store, NewPerson("Zoë Whitfield", PersonRole.SUPERVISEE))
            aisha_person, ben_person = _pair(aisha, zoe_app), _pair(ben, zoe_app)
            # Ben's app files his record under Aisha's session id (a tampered app, or a collision).
            ben.store.set_meta(EXCHANGE_ID_KEY, aisha.exchange.exchange_id())
            bens = _signed_record(ben, zoe_at_ben.id, "Ben's action", clock)
            aishas = _signed_record(aisha, zoe.id, "Aisha's action", clock)

            first = zoe_app.exchange.import_pack(bens)
            genuine = zoe_app.exchange.import_pack(aishas)
            assert first.session_uid == genuine.session_uid
            assert (first.person_id, genuine.person_id) == (ben_person.id, aisha_person.id)

            # Each record stays with its sender.
            assert [a.text for a in zoe_app.mine.overview(aisha_person.id).open_actions] == ["Aisha's action"]
            assert [a.text for a in zoe_app.mine.overview(ben_person.id).open_actions] == ["Ben's action"]

            # Zoë countersigns Aisha's record; Aisha keeps it as final; Ben's stays unsigned and apart.
            clock.now = SESSION_AT + timedelta(days=1)
            signed = zoe_app.exchange.countersign(genuine.received, Confirmation.AGREED, "Thank you.")
            assert aisha.exchange.import_pack(signed).kind == "countersigned"
            _, _, aisha_signatures = zoe_app.mine.received_note(genuine.received)
            _, _, ben_signatures = zoe_app.mine.received_note(ReceivedKey(ben_person.id, genuine.session_uid))
            assert (aisha_signatures, ben_signatures) == (2, 1)
            # Ben's record cannot be countersigned for Aisha: it is Ben's, and a countersigned file goes to him.
            to_ben = zoe_app.exchange.countersign(first.received, Confirmation.SEEN_NOT_AGREED)
            assert ben.exchange.import_pack(to_ben).kind == "countersigned"
        finally:
            ben.vault.lock()
