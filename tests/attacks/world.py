"""The genuine notes the attacks start from, made once through the real app, and copies of the vaults.

Aisha supervises Zoë and Sam (each on their own install, each paired with
her). Aisha signs off a session with Zoë, certifies the note and sends the
record; Zoë imports it, countersigns and sends it back; Aisha keeps it. The
vault folders are kept, locked, at two moments: when both hold the singly
signed note (``before_countersign``) and at the end (``final``). A test that
may change a vault works on a fresh copy of one of them.
"""

from __future__ import annotations

import base64
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from supervision_app.content import load_content
from supervision_app.domain.exchange import ReceivedKey
from supervision_app.domain.identity import SigningIdentity
from supervision_app.domain.model import PersonRole, SessionStatus
from supervision_app.domain.record import Confirmation, Signatory
from supervision_app.domain.signatures import NamedSigners
from supervision_app.exchange.pairing import card_from_file, card_to_file
from supervision_app.exchange.schemas import RecordPayloadV1
from supervision_app.logging_setup import quieten_libraries
from supervision_app.paths import VaultPaths, resources_dir
from supervision_app.services.my_supervision import Use
from supervision_app.services.notes import NoteOptions
from supervision_app.services.pdf_note import SignatureBox
from supervision_app.services.signing import add_signature_fields
from supervision_app.vault.service import VaultService
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.exchange.installs import Clock, Install, open_install, wrap

NOW = datetime(2026, 11, 20, 17, 30)
SESSION_AT = datetime(2026, 11, 24, 10, 0)
FONTS = resources_dir() / "fonts"


@dataclass(frozen=True)
class Genuine:
    """What the attacks need: the genuine notes, the keys of everyone involved, and the vault templates."""

    single: bytes  # certified by Aisha
    double: bytes  # and countersigned by Zoë
    unsigned: bytes  # the same note with both empty signature fields, before Aisha certified it
    boxes: dict[str, SignatureBox]
    supervisor: SigningIdentity  # Aisha
    supervisee: SigningIdentity  # Zoë
    other_supervisee: SigningIdentity  # Sam, also paired with Aisha
    session_id: int  # Aisha's session
    session_uid: str
    received_key: ReceivedKey
    record_payload: RecordPayloadV1  # what Aisha sent Zoë, to seal again with another note
    templates: dict[str, Path]  # "<moment>/<who>" -> a locked vault folder


def build_genuine(folder: Path) -> Genuine:
    quieten_libraries()
    clock = Clock(NOW)
    content = load_content(resources_dir())
    aisha = open_install(folder / "live" / "aisha", "Aisha Rahman", frozenset({Use.SUPERVISING}), clock, content)
    zoe = open_install(folder / "live" / "zoe", "Zoë Whitfield", frozenset({Use.SUPERVISED}), clock, content)
    sam = open_install(folder / "live" / "sam", "Sam Okafor", frozenset({Use.SUPERVISED}), clock, content)
    try:
        zoe_person, _ = aisha.exchange.pair(card_from_file(card_to_file(zoe.exchange.my_card(PersonRole.SUPERVISEE))))
        aisha.exchange.pair(card_from_file(card_to_file(sam.exchange.my_card(PersonRole.SUPERVISEE))))
        for install in (zoe, sam):
            install.exchange.pair(card_from_file(card_to_file(aisha.exchange.my_card(PersonRole.SUPERVISOR))),
                                  name="Aisha Rahman")

        session = aisha.sessions.book(zoe_person.id, SESSION_AT)
        clock.now = SESSION_AT
        _opened, record = aisha.sessions.open_session(session.id)
        record.next_session = SESSION_AT + timedelta(weeks=4)
        aisha.sessions.confirm(session.id, record, Signatory.SUPERVISOR, Confirmation.AGREED)
        aisha.sessions.confirm(session.id, record, Signatory.SUPERVISEE, Confirmation.AGREED)
        assert aisha.store.get_session(session.id).status is SessionStatus.SIGNED_OFF

        clock.now = SESSION_AT + timedelta(hours=2)
        rendered = aisha.notes.render(session.id, NoteOptions())
        zoe_pin = aisha.store.pairing_for(zoe_person.id)
        assert zoe_pin is not None
        named = NamedSigners("Aisha Rahman", aisha.exchange.identity().fingerprint, zoe_person.name,
                             zoe_pin.fingerprint)
        unsigned = add_signature_fields(rendered.pdf, rendered.signature_boxes, named)
        single = aisha.notes.sign_as_supervisor(session.id, NoteOptions())
        record_pack = aisha.exchange.export_record(session.id)
        _opened_pack, record_payload = zoe.exchange.read_pack(record_pack)
        assert isinstance(record_payload, RecordPayloadV1)
        imported = zoe.exchange.import_pack(record_pack)
        session_uid, received_key = imported.session_uid, imported.received
        assert session_uid is not None and base64.b64decode(record_payload.note_pdf) == single

        templates = {f"before_countersign/{name}": _keep(install, folder / "before_countersign" / name)
                     for name, install in (("aisha", aisha), ("zoe", zoe))}
        aisha, zoe = _reopen(aisha, clock, content), _reopen(zoe, clock, content)

        clock.now = SESSION_AT + timedelta(days=1)
        aisha.exchange.import_pack(zoe.exchange.countersign(received_key, Confirmation.AGREED))
        double = aisha.notes.signed_note(session.id).pdf
        templates |= {f"final/{name}": _keep(install, folder / "final" / name)
                      for name, install in (("aisha", aisha), ("zoe", zoe))}
        aisha, zoe = _reopen(aisha, clock, content), _reopen(zoe, clock, content)
        return Genuine(
            single=single, double=double, unsigned=unsigned, boxes=rendered.signature_boxes,
            supervisor=aisha.exchange.identity(), supervisee=zoe.exchange.identity(),
            other_supervisee=sam.exchange.identity(), session_id=session.id, session_uid=session_uid,
            received_key=received_key,
            record_payload=record_payload, templates=templates)
    finally:
        for install in (aisha, zoe, sam):
            if install.vault.is_open:
                install.vault.lock()


def _keep(install: Install, target: Path) -> Path:
    """Lock the install's vault and copy its folder to ``target`` (a template, never opened itself)."""
    install.vault.lock()
    shutil.copytree(install.paths.data_dir, target)
    return target


def _reopen(install: Install, clock: Clock, content) -> Install:  # type: ignore[no-untyped-def]
    vault = VaultService(install.paths, passphrase_kdf=lambda: FAST_KDF).unlock_with_passphrase(PASSPHRASE)
    return wrap(install.paths, vault, vault.store.own_profile(), clock, content)


def open_copy(template: Path, target: Path, now: datetime | None = None) -> Install:
    """A fresh, unlocked copy of a template vault; the caller locks it."""
    shutil.copytree(template, target)
    paths = VaultPaths(target)
    vault = VaultService(paths, passphrase_kdf=lambda: FAST_KDF).unlock_with_passphrase(PASSPHRASE)
    me = vault.store.own_profile()
    assert me is not None
    return wrap(paths, vault, me, Clock(now or SESSION_AT + timedelta(days=2)), load_content(resources_dir()))
