"""Only the user's own key signs in their name: no vault holds a usable key in someone else's name.

Vaults from before schema 6 may hold a key the supervisor's app made for a
supervisee ("Sign here as the supervisee…"). Migration 6 retires it: the
private key is deleted, the certificate kept and marked retired, and it no
longer counts as known.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text

from supervision_app.content import load_content
from supervision_app.domain.identity import SignedNote, SigningIdentity
from supervision_app.domain.model import Person, SessionStatus
from supervision_app.domain.signatures import NamedSigners
from supervision_app.logging_setup import quieten_libraries
from supervision_app.paths import VaultPaths, resources_dir
from supervision_app.services import demo
from supervision_app.services.demo import fill_demo
from supervision_app.services.notes import NoteOptions, NoteService
from supervision_app.services.signing import SigningError, add_signature_fields, new_signing_identity, sign_note
from supervision_app.storage import summaries
from supervision_app.storage.migrations import MIGRATIONS, latest_version
from supervision_app.vault.service import OpenVault, VaultService
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.exchange.installs import vault_state

BEFORE_RETIREMENT = tuple(m for m in MIGRATIONS if m.version < 6)
ACTIVITY_LOG = next(m for m in MIGRATIONS if m.version == 7)
HANDOVERS = next(m for m in MIGRATIONS if m.description.startswith("handovers of a supervisee's record"))
FONTS = resources_dir() / "fonts"
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


@dataclass
class OldVault:
    """A vault as the app before schema 6 left it: a key in the supervisee's name beside the user's own."""

    paths: VaultPaths
    me: Person
    supervisee: Person
    my_identity: SigningIdentity
    their_identity: SigningIdentity  # made and kept by the supervisor's app
    session_id: int
    pdf: bytes  # signed by both, the supervisee with the key kept here


@pytest.fixture(scope="module", autouse=True)
def _quiet() -> None:
    quieten_libraries()


def notes_for(vault: OpenVault) -> NoteService:
    return NoteService(vault.store, load_content(resources_dir()), FONTS, clock=lambda: NOW)


@pytest.fixture
def old_vault(vault_paths: VaultPaths, monkeypatch: pytest.MonkeyPatch) -> OldVault:
    vault, _code = VaultService(vault_paths, passphrase_kdf=lambda: FAST_KDF,
                                migrations=BEFORE_RETIREMENT).create(PASSPHRASE)
    store = vault.store
    # Today's services log sign-offs in the activity log (migration 7): give them its table while
    # the demo is made, then take it away again, as a version 5 vault has none.
    with store.transaction() as connection:
        ACTIVITY_LOG.apply(connection)
        # Rendering a note asks whether its session was handed over (migration 10's table), so it is
        # there while the note is made too; its widening of pairings can run again on upgrade.
        HANDOVERS.apply(connection)
    with monkeypatch.context() as patched:  # nor did a version 5 app keep summaries or a CPD log
        for hook in ("record_saved", "sessions_changed", "note_saved"):
            patched.setattr(summaries, hook, lambda *_args: None)
        patched.setattr(demo, "_supervisor_cpd", lambda *_args: None)
        patched.setattr(demo, "_issue_15", lambda *_args: None)  # nor its contacts, checklist, agreements
        patched.setattr(demo, "_group_session", lambda *_args: None)  # nor group sessions
        fill_demo(store, date(2026, 11, 24))
        with store.transaction() as connection:
            connection.execute(text("DROP TABLE audit_log"))
            connection.execute(text("DELETE FROM vault_meta WHERE key = 'audit_head'"))
        me = store.own_profile()
        assert me is not None
        session = next(s for s in store.list_sessions() if s.status is SessionStatus.SIGNED_OFF)
        supervisee = store.get_person(session.supervisee_id)
        # The rows the old ensure_identity wrote: one for the user, one in the supervisee's name.
        mine = new_signing_identity(me.name, me.job_title)
        theirs = new_signing_identity(supervisee.name, "Social Worker")
        store.save_signing_identity(me.id, mine)
        store.save_signing_identity(supervisee.id, theirs)
        # And a note the old sign_as_supervisee signed with it.
        rendered = notes_for(vault).render(session.id, NoteOptions())
        named = NamedSigners(me.name, mine.fingerprint, supervisee.name)
        pdf = sign_note(add_signature_fields(rendered.pdf, rendered.signature_boxes, named), mine, "supervisor",
                        fonts_dir=FONTS, when=NOW)
        pdf = sign_note(pdf, theirs, "supervisee", fonts_dir=FONTS, when=NOW)
        store.save_signed_note(SignedNote(session.id, pdf, rendered.fingerprint, 2))
        with store.transaction() as connection:
            connection.execute(text("DROP TABLE handovers"))  # (see HANDOVERS below)
    assert vault.schema_version() == 5
    vault.lock()
    return OldVault(vault_paths, me, supervisee, mine, theirs, session.id, pdf)


@pytest.fixture
def upgraded(old_vault: OldVault):  # type: ignore[no-untyped-def]
    vault = VaultService(old_vault.paths, passphrase_kdf=lambda: FAST_KDF).unlock_with_passphrase(PASSPHRASE)
    yield vault
    if vault.is_open:
        vault.lock()


def vault_state_of(vault: OpenVault) -> dict:
    return vault_state(vault)  # type: ignore[arg-type]  # (it needs only .store)


def identity_rows(vault: OpenVault) -> dict[int, dict]:
    with vault.store.transaction() as connection:
        rows = connection.execute(text("SELECT * FROM signing_identities")).mappings().all()
    return {row["person_id"]: dict(row) for row in rows}


def test_the_upgrade_deletes_the_key_held_in_the_supervisees_name_and_keeps_its_certificate(
        old_vault: OldVault, upgraded: OpenVault) -> None:
    assert upgraded.schema_version() == latest_version()
    assert upgraded.migration_backup is not None
    rows = identity_rows(upgraded)
    theirs, mine = rows[old_vault.supervisee.id], rows[old_vault.me.id]
    assert theirs["certificate"] == old_vault.their_identity.certificate_der
    assert theirs["private_key"] == b"" and theirs["retired_at"]
    assert mine["private_key"] == old_vault.my_identity.private_key_der and mine["retired_at"] is None
    # The key is nowhere in the vault any more, in any table.
    key = old_vault.their_identity.private_key_der
    assert not [cell for table in vault_state_of(upgraded).values() for row in table for cell in row
                if isinstance(cell, bytes) and key in cell]

    store = upgraded.store
    assert store.get_signing_identity(old_vault.supervisee.id) is None
    assert store.get_signing_identity(old_vault.me.id) == old_vault.my_identity
    assert store.retired_keys() == [old_vault.their_identity.public_key_der]
    assert store.known_keys() == [old_vault.my_identity.public_key_der]
    assert store.known_certificates() == [old_vault.my_identity.certificate_der]


def test_a_note_signed_with_the_retired_key_no_longer_verifies_as_the_supervisees(
        old_vault: OldVault, upgraded: OpenVault) -> None:
    report = notes_for(upgraded).verify(old_vault.pdf)
    supervisor, supervisee = report.signatures
    assert supervisor.ok
    assert not supervisee.known_certificate and not report.ok


def test_a_note_signed_with_the_retired_key_is_reported_as_such(old_vault: OldVault, upgraded: OpenVault) -> None:
    report = notes_for(upgraded).verify(old_vault.pdf)
    assert report.ok is False
    assert any(s.retired for s in report.signatures)
    assert any("held in the supervisee's name" in p for p in report.problems)


def test_no_key_is_made_or_read_in_anyone_elses_name(open_vault: OpenVault) -> None:
    fill_demo(open_vault.store, date(2026, 11, 24))
    notes = notes_for(open_vault)
    supervisee = next(p for p in open_vault.store.list_people() if not p.is_self)
    before = vault_state_of(open_vault)
    for ask in (notes.ensure_identity, notes.identity_for):
        with pytest.raises(SigningError, match=f"^Only your own signing key is kept here; {supervisee.name} signs"):
            ask(supervisee)
    assert vault_state_of(open_vault) == before
    assert not hasattr(notes, "sign_as_supervisee")
    me = open_vault.store.own_profile()
    assert me is not None and notes.ensure_identity(me) == notes.identity_for(me) is not None
