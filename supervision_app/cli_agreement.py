"""``supervision-app agreement NAME -o FILE.pdf``: the supervision agreement with a supervisee, as a signed PDF."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from supervision_app.errors import UsageError
from supervision_app.paths import VaultPaths


def add_parser(commands: Any) -> None:
    agreement = commands.add_parser(
        "agreement", help="write the current agreement with a supervisee as a PDF, signed by whoever has signed it "
        "so far (you sign it now if this version is not signed yet)")
    agreement.add_argument("name", metavar="NAME", help="the supervisee (part of the name will do)")
    agreement.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf", help="where to write it")


def agreement(args: argparse.Namespace, paths: VaultPaths) -> int:
    from supervision_app import cli
    from supervision_app.formatting import format_long_date
    from supervision_app.services.agreement_pdf import AgreementService
    from supervision_app.services.people import find_supervisee
    from supervision_app.services.signing import SigningError
    from supervision_app.untrusted import visible

    output = cli._output_path(args.output)
    vault = cli._unlocked(args, paths)
    try:
        person = find_supervisee(vault.store, args.name)
        service = AgreementService(cli._note_service(vault))
        before = len(service.versions(person))
        try:
            signed = service.current_signed(person)
        except SigningError as error:
            raise UsageError(str(error)) from None
        cli._write_output(output, signed.pdf)
    finally:
        vault.lock()
    signed_by = "you and the supervisee" if signed.signatures == 2 else "you"
    now = " just now" if signed.version > before else ""  # a version kept from before, or signed here
    cli.say(f"Wrote {output}: version {signed.version} of the agreement with {visible(person.name)}, "
            f"dated {format_long_date(signed.agreed_on)}, signed by {signed_by}{now}, "
            f"fingerprint {signed.fingerprint}.")
    return 0
