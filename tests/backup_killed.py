"""Run as a subprocess by test_backup_crash: takes backups one after another into a folder until killed."""

from __future__ import annotations

import sys
from itertools import count
from pathlib import Path

from supervision_app.paths import VaultPaths
from supervision_app.vault.service import VaultService


def main() -> None:
    data_dir, passphrase, folder, run = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), sys.argv[4]
    vault = VaultService(VaultPaths(data_dir)).unlock_with_passphrase(passphrase)
    print("ready", flush=True)
    for number in count(1):
        vault.back_up(folder / f"run{run}-{number}.svbackup")


if __name__ == "__main__":
    main()
