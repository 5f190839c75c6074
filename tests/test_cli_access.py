"""``supervision-app export-person``, run as a real subprocess on a real vault."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema

from supervision_app.domain.model import PersonRole
from supervision_app.paths import VaultPaths
from supervision_app.services.access import JSON_FILE, PDF_FILE, schema_path
from supervision_app.services.demo import fill_demo
from supervision_app.storage import audit
from supervision_app.vault.service import VaultService
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.test_cli import assert_one_plain_line, run


def test_export_person_writes_the_folder_and_says_the_copy_is_readable(tmp_path: Path) -> None:
    paths = VaultPaths(tmp_path / "data")
    vault, _code = VaultService(paths, passphrase_kdf=lambda: FAST_KDF).create(PASSPHRASE)
    fill_demo(vault.store, date.today())
    person = next(p for p in vault.store.list_people() if p.role is PersonRole.SUPERVISEE)
    vault.lock()
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    first_name = person.name.split()[0]
    result = run("--data-dir", str(paths.data_dir), "export-person", first_name, "-o", str(chosen),
                 "--received", date.today().isoformat())
    assert result.returncode == 0, result.stderr
    assert "not encrypted" in result.stdout and "the reply is due by" in result.stdout
    [folder] = chosen.iterdir()
    assert (folder / PDF_FILE).is_file()
    exported = json.loads((folder / JSON_FILE).read_text(encoding="utf-8"))
    jsonschema.validate(exported, json.loads(schema_path().read_text(encoding="utf-8")))
    assert exported["person"]["name"] == person.name

    vault = VaultService(paths).unlock_with_passphrase(PASSPHRASE)
    try:
        [entry] = [e for e in audit.entries(vault.store) if e.action == "access request exported"]
    finally:
        vault.lock()
    assert entry.subject == f"supervisee {person.id}" and first_name not in entry.line()

    for refused in (("export-person", first_name, "-o", str(tmp_path / "missing")),
                    ("export-person", first_name, "-o", str(chosen), "--received", "20/11/2026"),
                    ("export-person", "Nobody Here", "-o", str(chosen))):
        failed = run("--data-dir", str(paths.data_dir), *refused)
        assert failed.returncode == 2
        assert_one_plain_line(failed)
    assert [p.name for p in chosen.iterdir()] == [folder.name]
