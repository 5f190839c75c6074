"""Run as a subprocess by test_journal_damage: commits a set number of records, then waits to be killed.

With ``--hold``, it then starts one more transaction, writes a lot in it, and
waits inside it, so the kill leaves that transaction unfinished.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from sqlalchemy import insert

from supervision_app.paths import VaultPaths
from supervision_app.storage import tables
from supervision_app.vault.service import VaultService


def main() -> None:
    data_dir, passphrase, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    vault = VaultService(VaultPaths(data_dir)).unlock_with_passphrase(passphrase)
    for index in range(count):
        with vault.store.transaction() as connection:
            connection.execute(insert(tables.people).values(
                name=f"Committed {index}", role="supervisee", team="t" * 3000))
    if "--hold" in sys.argv:
        with vault.store.transaction() as connection:
            for index in range(400):
                connection.execute(insert(tables.people).values(
                    name=f"Unfinished {index}", role="supervisee", team="u" * 3000))
            print("holding", flush=True)
            time.sleep(600)
    print("committed", flush=True)
    time.sleep(600)


if __name__ == "__main__":
    main()
