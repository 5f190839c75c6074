"""Run as a subprocess by test_backup_crash: writes sessions to a vault continuously, as another writer would.

It opens the database with the key directly (the test's own process holds the
vault, as the app does, and takes the backups), and writes batches of one
person and exactly five sessions in one transaction each, so a half-written
batch in a backup would show as a person with fewer than five sessions.
"""

from __future__ import annotations

import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from supervision_app.paths import VaultPaths
from supervision_app.storage import tables
from supervision_app.storage.engine import open_engine
from supervision_app.vault.keyfile import PASSPHRASE_SLOT, KeyFile, passphrase_secret

SESSIONS_PER_BATCH = 5


def main() -> None:
    paths, passphrase = VaultPaths(Path(sys.argv[1])), sys.argv[2]
    key_file = KeyFile.from_bytes(paths.key_file.read_bytes())
    data_key = key_file.unwrap(PASSPHRASE_SLOT, passphrase_secret(passphrase))
    engine = open_engine(paths.database, data_key, key_file.database_salt)
    print("ready", flush=True)
    batch = 0
    while True:
        batch += 1
        with engine.begin() as connection:
            person_id = connection.execute(insert(tables.people).values(
                name=f"Batch {batch}", role="supervisee", team="x" * 300)).inserted_primary_key[0]
            start = datetime(2026, 1, 1, 9)
            for index in range(SESSIONS_PER_BATCH):
                connection.execute(insert(tables.sessions).values(
                    supervisee_id=person_id, mode="video", status="draft",
                    scheduled_start=(start + timedelta(days=index)).isoformat(), notes="n" * 1500))
        time.sleep(0.005)  # as the app's writes are: back to back, yet leaving room for another's


if __name__ == "__main__":
    main()
