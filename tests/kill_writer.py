"""Run as a subprocess by test_crash_safety: writes batches to a vault until killed.

Each batch is one person and exactly five sessions, in one transaction, so a
half-written batch would show as a person with fewer than five sessions.
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from supervision_app.paths import VaultPaths
from supervision_app.storage import tables
from supervision_app.vault.service import VaultService

SESSIONS_PER_BATCH = 5


def main() -> None:
    data_dir, passphrase = Path(sys.argv[1]), sys.argv[2]
    vault = VaultService(VaultPaths(data_dir)).unlock_with_passphrase(passphrase)
    print("ready", flush=True)
    batch = 0
    while True:
        batch += 1
        with vault.store.transaction() as connection:
            person_id = connection.execute(insert(tables.people).values(
                name=f"Batch {batch}", role="supervisee", team="x" * 500,
            )).inserted_primary_key[0]
            start = datetime(2026, 1, 1, 9)
            for index in range(SESSIONS_PER_BATCH):
                connection.execute(insert(tables.sessions).values(
                    supervisee_id=person_id, mode="video", status="draft",
                    scheduled_start=(start + timedelta(days=index)).isoformat(),
                    notes="n" * 2000,
                ))


if __name__ == "__main__":
    main()
