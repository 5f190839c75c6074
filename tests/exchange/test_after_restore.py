"""After a restore from a backup, sequence numbers still count upwards: the pairing works, replays are refused."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from supervision_app.content import load_content
from supervision_app.domain.exchange import Preparation, PreparedItem
from supervision_app.logging_setup import quieten_libraries
from supervision_app.paths import VaultPaths, resources_dir
from supervision_app.storage import audit
from supervision_app.vault.restore import restore_backup
from supervision_app.vault.service import VaultService
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.exchange.installs import pair_both_ways, refused_without_change, two_installs, wrap

NOW = datetime(2026, 11, 20, 17, 30)


def test_a_restored_install_sends_packs_its_pair_accepts_and_old_ones_stay_refused(tmp_path: Path) -> None:
    quieten_libraries()
    with two_installs(tmp_path, NOW) as (aisha, zoe_app, zoe, clock):
        aisha_person = pair_both_ways(aisha, zoe_app)
        aisha.sessions.book(zoe.id, NOW + timedelta(days=4))

        def agenda(title: str) -> bytes:
            zoe_app.mine.save_preparation(aisha_person.id, Preparation(items=[PreparedItem(title)]))
            return zoe_app.exchange.export_agenda(aisha_person.id)

        aisha.exchange.import_pack(agenda("Before the backup"))
        zoe_app.vault.back_up(tmp_path / "zoe.svbackup")
        clock.now = NOW + timedelta(minutes=5)
        after_backup = agenda("After the backup")
        aisha.exchange.import_pack(after_backup)

        # Zoë's laptop is lost; she restores onto a new one, later that day.
        zoe_app.vault.lock()
        clock.now = NOW + timedelta(hours=3)
        restored = restore_backup(VaultService(VaultPaths(tmp_path / "zoe-new"), passphrase_kdf=lambda: FAST_KDF),
                                  (tmp_path / "zoe.svbackup").read_bytes(), PASSPHRASE).vault
        try:
            me = restored.store.own_profile()
            assert me is not None
            zoe_new = wrap(VaultPaths(tmp_path / "zoe-new"), restored, me, clock, load_content(resources_dir()))
            zoe_new.mine.save_preparation(aisha_person.id, Preparation(items=[PreparedItem("After the restore")]))
            outcome = aisha.exchange.import_pack(zoe_new.exchange.export_agenda(aisha_person.id))
            assert outcome.kind == "agenda"
            # The pack sent before the restore is still not accepted twice.
            refused_without_change(aisha, after_backup, "already imported")
            # Both sides' activity logs name the packs by kind and the other person by id, never by name.
            actions = [(e.action, e.subject, e.detail) for e in audit.entries(aisha.store)]
            assert ("pack imported", f"supervisee {zoe.id}", "agenda") in actions
            assert ("restore" in [e.action for e in audit.entries(restored.store)])
        finally:
            restored.lock()
