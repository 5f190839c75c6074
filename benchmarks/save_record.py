"""Saving a session record (what the editor does two seconds after typing), by journal design.

    python benchmarks/save_record.py [--runs N]

The demo vault is filled once per design; then one draft session's record is
saved ``--runs`` times (``SqlRecordStore.save_record``, one transaction each,
synced to disk), alternating between the designs so that background load
affects each alike. The baseline is the WAL design the app used before (WAL,
synchronous=FULL); the app's design is a rollback journal (DELETE,
synchronous=EXTRA), which keeps every committed page in vault.db. Two other
rollback-journal settings are timed for comparison.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from supervision_app.domain.model import SessionStatus
from supervision_app.paths import VaultPaths
from supervision_app.services.demo import fill_demo
from supervision_app.storage import engine as storage_engine
from supervision_app.vault.keyfile import KdfParams
from supervision_app.vault.service import OpenVault, VaultService

DESIGNS = {
    "WAL, synchronous=FULL (before)": ("journal_mode = WAL", "synchronous = FULL"),
    "DELETE, synchronous=EXTRA (now)": storage_engine.JOURNAL_PRAGMAS,
    "TRUNCATE, synchronous=FULL": ("journal_mode = TRUNCATE", "synchronous = FULL"),
    "DELETE, synchronous=FULL": ("journal_mode = DELETE", "synchronous = FULL"),
}


def open_with(journal: tuple[str, ...], folder: Path) -> OpenVault:
    storage_engine._CONNECTION_PRAGMAS = tuple(  # type: ignore[attr-defined]
        p for p in storage_engine._CONNECTION_PRAGMAS  # type: ignore[attr-defined]
        if not p.startswith(("journal_mode", "synchronous"))) + journal
    service = VaultService(VaultPaths(folder), passphrase_kdf=lambda: KdfParams(1, 1024, 1))
    vault, _ = service.create("benchmark passphrase words")
    fill_demo(vault.store, date(2026, 11, 24))
    return vault


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        vaults = {}
        for index, (name, journal) in enumerate(DESIGNS.items()):
            vault = open_with(journal, Path(temp) / str(index))
            session = next(s for s in vault.store.list_sessions() if s.status is not SessionStatus.SIGNED_OFF)
            vaults[name] = (vault, session.id, vault.store.load_record(session.id), session.status)
        timings: dict[str, list[float]] = {name: [] for name in DESIGNS}
        for run in range(args.runs):
            for name, (vault, session_id, record, status) in vaults.items():
                record.learning = f"Run {run}: " + "reflection " * 300
                started = time.perf_counter()
                vault.store.save_record(session_id, record, status=status)
                timings[name].append(time.perf_counter() - started)
        for vault, *_ in vaults.values():
            vault.lock()
    baseline = statistics.median(next(iter(timings.values())))
    for name, values in timings.items():
        median = statistics.median(values)
        print(f"{name:34} median {median * 1000:6.2f} ms, 95th percentile "
              f"{statistics.quantiles(values, n=20)[-1] * 1000:6.2f} ms, ratio {median / baseline:.2f}")


if __name__ == "__main__":
    main()
