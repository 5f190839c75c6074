"""A member's note of a group session goes through the exchange exactly as a one-to-one note: sent, read and
countersigned on the member's own install, with nothing of another member's part in what they receive."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

from supervision_app.domain.model import NewPerson, PersonRole
from supervision_app.domain.record import Action, AgendaItem, Confirmation, Visibility
from supervision_app.exchange.pairing import card_from_file, card_to_file
from supervision_app.logging_setup import quieten_libraries
from supervision_app.services.group_note import sign_member_notes
from supervision_app.services.groups import GroupService
from supervision_app.services.people import add_supervisee
from tests.exchange.installs import two_installs

NOW = datetime(2026, 11, 20, 17, 30)
HELD_AT = datetime(2026, 11, 24, 14, 0)


def test_a_member_receives_and_countersigns_their_note_of_a_group(tmp_path: Path) -> None:
    quieten_libraries()
    with two_installs(tmp_path, NOW) as (aisha, zoe_app, zoe, clock):
        zoe_card = card_from_file(card_to_file(zoe_app.exchange.my_card(PersonRole.SUPERVISEE)))
        aisha.exchange.pair(zoe_card)
        aisha_person, _pin = zoe_app.exchange.pair(
            card_from_file(card_to_file(aisha.exchange.my_card(PersonRole.SUPERVISOR))), name="Aisha Rahman")
        ravi = add_supervisee(aisha.store, NewPerson("Ravi Patel", PersonRole.SUPERVISEE))
        groups = GroupService(aisha.store, clock)
        group = groups.create(HELD_AT, (zoe.id, ravi.id))
        _group, record = groups.open(group.id)
        record.agenda.append(AgendaItem("Working with interpreters", reached=True))
        record.part_of(zoe.id).actions = [Action("Book an interpreter early", due=date(2026, 12, 11))]
        ravi_part = record.part_of(ravi.id)
        ravi_part.agenda = [AgendaItem("Ravi's grandmother's illness", visibility=Visibility.PRIVATE),
                            AgendaItem("Ravi's own placement worry")]
        ravi_part.actions = [Action("Ravi to read the kinship guidance")]
        clock.now = HELD_AT + timedelta(hours=1)
        for person_id in (zoe.id, ravi.id, None):
            group = groups.confirm(group.id, record, person_id, Confirmation.AGREED)
        sign_member_notes(aisha.notes, groups, group.id)
        session_id = group.session_of(zoe.id)
        assert session_id is not None

        outcome = zoe_app.exchange.import_pack(aisha.exchange.export_record(session_id))
        assert outcome.kind == "record" and "1 open action" in outcome.message
        _received, pdf, _signatures = zoe_app.mine.received_note(outcome.received)
        printed = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(BytesIO(pdf)).pages)
        assert "Working with interpreters" in printed and "Zoë Whitfield and Ravi Patel" in printed
        for words in ("grandmother", "placement worry", "kinship"):
            assert words not in printed
        assert [a.text for a in zoe_app.mine.overview(aisha_person.id).open_actions] == ["Book an interpreter early"]
        countersigned = zoe_app.exchange.countersign(outcome.received, Confirmation.AGREED, "")
        assert aisha.exchange.import_pack(countersigned).kind == "countersigned"
        kept = aisha.notes.signed_note(session_id)
        assert kept is not None and kept.signatures == 2
        report = aisha.notes.verify(kept.pdf)
        assert report.ok and [s.signer for s in report.signatures] == ["Aisha Rahman", "Zoë Whitfield"]
