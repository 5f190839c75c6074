"""One genuine pack of every kind, made by the app itself between real installs, for the hostile-input tests.

Each is made only when a test asks for it (``EveryKind.good``), leaving the receiving vault ready to
import it: the supervisor's booked session for an agenda, her signed note for a countersigned one,
version 1 of the agreement signed by her alone for a signed agreement, and so on.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from supervision_app.content import load_content
from supervision_app.domain.model import Person, PersonRole, SupervisionSession
from supervision_app.domain.record import Action, ActionOwner, Confirmation, Signatory
from supervision_app.domain.review import ReviewAnswer
from supervision_app.exchange.agreement import countersign_agreement, export_agreement, export_review, review_service
from supervision_app.exchange.handover import export_handover
from supervision_app.exchange.pairing import card_from_code, card_from_file, card_to_code, card_to_file
from supervision_app.paths import resources_dir
from supervision_app.services.my_supervision import Use
from supervision_app.services.notes import NoteOptions
from supervision_app.services.people import agreement_for, save_agreement
from tests.exchange.installs import Clock, Install, open_install

KINDS = ("agenda", "record", "countersigned", "handover", "agreement", "agreement_signed", "review")


@dataclass(frozen=True)
class Good:
    """A genuine pack of one kind, who sealed it, who imports it, and its payload as JSON."""

    kind: str
    pack: bytes
    sender: Install
    receiver: Install

    def payload(self) -> dict[str, Any]:
        _opened, payload = self.receiver.exchange.read_pack(self.pack)
        document: dict[str, Any] = json.loads(payload.model_dump_json(by_alias=True))
        return document


@dataclass
class EveryKind:
    """Aisha supervises Zoë (paired both ways, a session booked); Ben, another supervisor, joins for a handover."""

    aisha: Install
    zoe_app: Install
    zoe_id: int  # on Aisha's install
    supervisor: Person  # Aisha on Zoë's install
    session: SupervisionSession
    agenda: bytes
    clock: Clock
    folder: Path
    _made: dict[str, Good] = field(default_factory=dict)
    _opened: list[Install] = field(default_factory=list)

    def close(self) -> None:
        for install in self._opened:
            if install.vault.is_open:
                install.vault.lock()

    def good(self, kind: str) -> Good:
        if kind not in self._made:
            makers: dict[str, Callable[[], Good]] = {
                "agenda": lambda: Good("agenda", self.agenda, self.zoe_app, self.aisha),
                "record": self._record, "countersigned": self._countersigned, "handover": self._handover,
                "agreement": self._agreement, "agreement_signed": self._agreement_signed, "review": self._review}
            self._made[kind] = makers[kind]()
        return self._made[kind]

    def pdfs(self, kind: str) -> list[str]:
        """Other PDFs, base64, to put where a pack of ``kind`` carries one: a signed note, a signed agreement,
        one cut short and one that only starts like a PDF."""
        if kind in ("agenda", "review"):
            return []
        self.good(kind)
        self._signed_session()
        note = self.aisha.store.get_signed_note(self.session.id)
        assert note is not None
        agreement = self.good("agreement").payload()["pdf"]
        return [base64_pdf(note.pdf), agreement, base64_pdf(note.pdf[:len(note.pdf) // 2]),
                base64_pdf(b"%PDF-1.7\n<< /Type /Catalog >>\n%%EOF\n")]

    # --- the makers ---------------------------------------------------------------------------------

    def _signed_session(self) -> None:
        """The booked session held and signed off, with an action for Zoë; Aisha signs the note."""
        if self.aisha.notes.signed_note(self.session.id) is not None:
            return
        self.clock.now = self.session.scheduled_start
        _opened, record = self.aisha.sessions.open_session(self.session.id)
        record.actions = [Action("Book the <b>Signs of Safety</b> course", ActionOwner.SUPERVISEE,
                                 due=date(2026, 12, 12))]
        self.aisha.sessions.confirm(self.session.id, record, Signatory.SUPERVISOR, Confirmation.AGREED)
        self.aisha.sessions.confirm(self.session.id, record, Signatory.SUPERVISEE, Confirmation.AGREED)
        self.clock.now += timedelta(hours=2)
        self.aisha.notes.sign_as_supervisor(self.session.id, NoteOptions())

    def _record(self) -> Good:
        self._signed_session()
        return Good("record", self.aisha.exchange.export_record(self.session.id), self.aisha, self.zoe_app)

    def _countersigned(self) -> Good:
        received = self.zoe_app.exchange.import_pack(self.good("record").pack).received
        self.clock.now += timedelta(hours=1)
        pack = self.zoe_app.exchange.countersign(received, Confirmation.SEEN_NOT_AGREED, "Fine, but see the date.")
        return Good("countersigned", pack, self.zoe_app, self.aisha)

    def _handover(self) -> Good:
        self._signed_session()
        ben = open_install(self.folder / "ben", "Ben Carter", frozenset({Use.SUPERVISING}), self.clock,
                           load_content(resources_dir()))
        self._opened.append(ben)
        ben_at_aisha, _ = self.aisha.exchange.pair(card_from_code(card_to_code(
            ben.exchange.my_card(PersonRole.COLLEAGUE))), name="Ben Carter")
        ben.exchange.pair(card_from_file(card_to_file(self.aisha.exchange.my_card(PersonRole.COLLEAGUE))))
        self.clock.now += timedelta(days=1)
        return Good("handover", export_handover(self.aisha.exchange, self.zoe_id, ben_at_aisha.id), self.aisha, ben)

    def _agreement(self) -> Good:
        zoe = self.aisha.store.get_person(self.zoe_id)
        save_agreement(self.aisha.store, replace(agreement_for(self.aisha.store, zoe, self.clock.now.date()),
                                                 place="Room 4, Hale House"))
        return Good("agreement", export_agreement(self.aisha.exchange, self.zoe_id), self.aisha, self.zoe_app)

    def _agreement_signed(self) -> Good:
        self.zoe_app.exchange.import_pack(self.good("agreement").pack)
        self.clock.now += timedelta(hours=1)
        return Good("agreement_signed", countersign_agreement(self.zoe_app.exchange, self.supervisor.id),
                    self.zoe_app, self.aisha)

    def _review(self) -> Good:
        self.aisha.exchange.import_pack(self.good("agreement_signed").pack)
        review_service(self.zoe_app.exchange).save_answers(self.supervisor, {
            "accessible": ReviewAnswer("partly", "Hard to reach between sessions."),
            "timely": ReviewAnswer("mostly")})
        return Good("review", export_review(self.zoe_app.exchange, self.supervisor.id), self.zoe_app, self.aisha)


def base64_pdf(pdf: bytes) -> str:
    return base64.b64encode(pdf).decode("ascii")
