"""The ``supervision-app`` command: the GUI by default, and headless subcommands.

Every failure ends with one plain sentence on standard error and a distinct
exit code (see :mod:`supervision_app.errors`), never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from collections.abc import Callable, Collection, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from supervision_app import __version__, cli_home
from supervision_app.cli_access import export_person, received_date
from supervision_app.cli_handover import handover_export
from supervision_app.errors import UsageError, VaultError
from supervision_app.logging_setup import configure_logging, describe_exception
from supervision_app.paths import VaultPaths, default_data_dir
from supervision_app.untrusted import visible
from supervision_app.vault.passphrase_policy import assess_passphrase

if TYPE_CHECKING:  # the commands import these lazily, so that --help and the window start fast
    from supervision_app.exchange.service import ExchangeService
    from supervision_app.services.notes import NoteService
    from supervision_app.vault.service import OpenVault, VaultService

PASSPHRASE_ENV = "SUPERVISION_APP_PASSPHRASE"
EXIT_CANCELLED = 130
EXIT_BUG = 70

log = logging.getLogger(__name__)


def say(text: str = "", *, error: bool = False) -> None:
    """Print one line, to standard error if ``error``: the commands print through here.

    Lines carry names, titles, comments and file paths that came from outside the app,
    so hidden characters (terminal escape codes, bidi overrides, new lines) are shown as
    ``<U+XXXX>`` instead of acting on the terminal.
    """
    print(visible(text), file=sys.stderr if error else sys.stdout)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, not argparse's usage block.
        self.exit(2, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="supervision-app",
        description="Reflective supervision records in a local encrypted vault. "
        "With no command, the app's window opens.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data-dir", type=Path, metavar="DIR",
                        help=f"the data folder (default: ${'SUPERVISION_APP_DATA_DIR'} or {default_data_dir()})")
    parser.add_argument("--passphrase-file", type=Path, metavar="FILE",
                        help=f"read the passphrase from FILE (otherwise ${PASSPHRASE_ENV}, or a prompt)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    init = commands.add_parser("init", help="create a new, empty vault")
    init.add_argument("--name", help="your name (otherwise the app asks when it first opens)")
    init.add_argument("--job-title", default="", help="your job title")
    init.add_argument("--organisation", default="", help="the organisation that owns the records")
    init.add_argument("--uses", choices=("supervising", "supervised", "both"), default="supervising",
                      help="supervising others, being supervised (preparing your own supervision), or both")
    demo = commands.add_parser("demo", help="create a vault filled with a fictional team to explore")
    demo.add_argument("--today", type=date.fromisoformat, help=argparse.SUPPRESS)
    demo.add_argument("--supervisee", action="store_true",
                      help="the newly qualified supervisee's own vault instead, with her CPD log")
    commands.add_parser("check", help="unlock the vault, check its integrity and print counts")
    commands.add_parser("new-recovery-code", help="make a new recovery code (the old one stops working)")
    sessions = commands.add_parser("sessions", help="list sessions: id, date, supervisee, status, open actions")
    sessions.add_argument("--supervisee", metavar="NAME", help="only this supervisee (part of the name will do)")
    show = commands.add_parser("show", help="print one session's record as it stands on the record")
    show.add_argument("session", type=int, metavar="SESSION", help="the session's id (see 'sessions')")
    note = commands.add_parser("note", help="write a signed-off session's note as a PDF signed by you")
    note.add_argument("session", type=int, metavar="SESSION", help="the session's id (see 'sessions')")
    note.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf", help="where to write it")
    note.add_argument("--letter", action="store_true", help="US Letter paper instead of A4")
    note.add_argument("--include", action="append", default=[], metavar="SECTION",
                      help="include an optional section that is off by default (e.g. wellbeing)")
    note.add_argument("--exclude", action="append", default=[], metavar="SECTION",
                      help="leave out an optional section")
    stamping = commands.add_parser("timestamp-service", help="set (or with --off, clear) the organisation's "
                                   "RFC 3161 time-stamping service, so signatures carry a trusted time")
    stamping.add_argument("url", nargs="?", default=None, metavar="URL", help="the service's address")
    stamping.add_argument("--off", action="store_true", help="sign without a trusted time")
    verify = commands.add_parser("verify", help="check the signatures on a note; exits non-zero on any failure")
    verify.add_argument("file", type=Path, metavar="FILE.pdf")
    pair_export = commands.add_parser("pair-export", help="show your pairing code and fingerprint; "
                                      "write your pairing file with -o")
    pair_export.add_argument("--as", dest="as_role", choices=("supervisor", "supervisee", "colleague"),
                             help="your role with the person you are pairing with (needed if you are both); "
                             "colleague: with another supervisor, to hand records over")
    pair_export.add_argument("-o", "--output", type=Path, metavar="FILE.svpair", help="write the pairing file here")
    pair_import = commands.add_parser("pair-import", help="pair with someone from their pairing file or code")
    pair_import.add_argument("source", metavar="FILE_OR_CODE", help="their .svpair file, or the code they read out")
    pair_import.add_argument("--name", help="their name (needed with a code; otherwise the file's name is used)")
    pair_import.add_argument("--replace", action="store_true",
                             help="replace the key already paired with this person (a new computer)")
    export_agenda = commands.add_parser("export-agenda", help="write your prepared agenda, locked to your supervisor")
    export_agenda.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.svagenda")
    export_agenda.add_argument("--supervisor", metavar="NAME", help="which supervisor (if you have more than one)")
    export_agenda.add_argument("--item", action="append", default=[], metavar="TITLE",
                               help="add an item to your prepared agenda first (repeat for more)")
    import_file = commands.add_parser("import", help="import an agenda, record, signed note or handover from "
                                      "the other person")
    import_file.add_argument("file", type=Path, metavar="FILE")
    export_record = commands.add_parser("export-record", help="write a signed-off session's signed note and "
                                        "actions, locked to the supervisee")
    export_record.add_argument("session", type=int, metavar="SESSION", help="the session's id (see 'sessions')")
    export_record.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.svrecord")
    countersign = commands.add_parser("countersign", help="sign a record your supervisor sent, and write the "
                                      "signed note back for them")
    countersign.add_argument("file", type=Path, metavar="FILE.svrecord")
    countersign.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.svsigned")
    countersign.add_argument("--disagree", action="store_true",
                             help="sign as 'seen, not agreed' rather than 'agreed record'")
    countersign.add_argument("--comment", default="", help="your comment, signed with the note")
    backup = commands.add_parser("backup", help="write an encrypted backup of the whole vault, verified after "
                                 "writing (to the backup folder, or to FILE with -o)")
    backup.add_argument("-o", "--output", type=Path, metavar="FILE.svbackup", help="write the backup here")
    backup.add_argument("--folder", type=Path, metavar="DIR",
                        help="choose DIR as the backup folder (kept for automatic backups), and back up there")
    restore = commands.add_parser("restore", help="restore the vault from a backup file")
    restore.add_argument("file", type=Path, metavar="FILE.svbackup")
    restore.add_argument("--replace", action="store_true",
                         help="replace the vault here (it is kept in the data folder's backups folder)")
    restore.add_argument("--recovery-code", action="store_true",
                         help="open the backup with its recovery code (read where a passphrase would be)")
    handover = commands.add_parser("handover-export", help="write a supervisee's whole record for another "
                                   "supervisor you are paired with, locked to them")
    handover.add_argument("supervisee", metavar="NAME", help="the supervisee (part of the name will do)")
    handover.add_argument("--to", required=True, metavar="NAME", help="the supervisor taking them over")
    handover.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.svhandover")
    audit = commands.add_parser("audit", help="print the activity log: what was done and when")
    audit.add_argument("--verify", action="store_true",
                       help="check that no entry was deleted or changed; exits 18 naming the first that was")
    from supervision_app import cli_search

    cli_search.add_parser(commands)
    nation = commands.add_parser("nation", help="show (or set) the nation whose bank holidays the organisation "
                                 "keeps, so sessions are never suggested on one")
    nation.add_argument("nation", nargs="?", default=None, choices=cli_home.NATION_NAMES, metavar="NATION",
                        help="england-and-wales (the default), scotland or northern-ireland")
    from supervision_app import cli_cpd, cli_lifecycle

    cli_lifecycle.add_parsers(commands)
    cli_cpd.add_parsers(commands)
    from supervision_app import cli_agreement

    cli_agreement.add_parser(commands)
    from supervision_app import cli_group

    cli_group.add_parsers(commands)
    export_person = commands.add_parser("export-person", help="write everything about a supervisee to a new "
                                        "folder in DIR, for their access request: a PDF to read and the same as JSON")
    export_person.add_argument("name", metavar="NAME", help="the supervisee (part of the name will do)")
    export_person.add_argument("-o", "--output", type=Path, required=True, metavar="DIR",
                               help="the folder to write the export's folder in")
    export_person.add_argument("--received", type=received_date, metavar="YYYY-MM-DD",
                               help="the day the request was received (default: today)")
    gui = commands.add_parser("gui", help="open the app's window (the default)")
    gui.add_argument("--exit-when-shown", action="store_true", help=argparse.SUPPRESS)
    gui.add_argument("file", nargs="?", type=Path, metavar="FILE",
                     help="a file to open: a pairing file, agenda, record, signed note, handover, PDF note "
                     "or backup (also as 'supervision-app FILE'); an app already open is given it")
    return parser


GLOBAL_OPTIONS_WITH_VALUE = ("--data-dir", "--passphrase-file")


def with_file_as_gui(argv: Sequence[str], commands: Collection[str]) -> list[str]:
    """``supervision-app [options] FILE`` is ``supervision-app [options] gui FILE``.

    Only a first argument that is not a command and looks like a file (it exists, or names a folder
    or a suffix) is taken so; a mistyped command is still a usage error.
    """
    args = list(argv)
    index = 0
    while index < len(args) and args[index].startswith("-") and args[index] != "-":
        index += 2 if args[index] in GLOBAL_OPTIONS_WITH_VALUE else 1
    if index >= len(args) or args[index] in commands:
        return args
    candidate = args[index]
    if Path(candidate).exists() or looks_like_a_file(candidate):
        return [*args[:index], "gui", *args[index:]]
    return args


def looks_like_a_file(candidate: str) -> bool:
    """A first argument taken as a file: no command has a path separator or a suffix in its name."""
    return os.sep in candidate or "/" in candidate or bool(Path(candidate).suffix)


def gui_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The window's plain launches, read without building every command's parser (tens of milliseconds
    before the unlock dialog): ``[--data-dir DIR] [gui [--exit-when-shown] [FILE]]`` and ``[--data-dir DIR]
    FILE`` (a path or a name with a suffix). Anything else, ``None``: the full parser reads it as always."""
    args = list(argv)
    data_dir: Path | None = None
    if args and args[0].startswith("--data-dir="):
        data_dir, args = Path(args[0].removeprefix("--data-dir=")), args[1:]
    elif args[:1] == ["--data-dir"] and len(args) > 1 and not args[1].startswith("-"):
        data_dir, args = Path(args[1]), args[2:]
    file: Path | None = None
    exit_when_shown = False
    if args[:1] == ["gui"]:
        for arg in args[1:]:
            if arg == "--exit-when-shown" and not exit_when_shown:
                exit_when_shown = True
            elif not arg.startswith("-") and file is None:
                file = Path(arg)
            else:
                return None
    elif len(args) == 1 and not args[0].startswith("-") and looks_like_a_file(args[0]):
        file = Path(args[0])
    elif args:
        return None
    return argparse.Namespace(data_dir=data_dir, passphrase_file=None, command="gui", exit_when_shown=exit_when_shown,
                              file=file)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    args = gui_arguments(arguments)
    if args is None:
        parser = build_parser()
        args = parser.parse_args(with_file_as_gui(arguments, command_names(parser)))
    data_dir = (args.data_dir or default_data_dir()).expanduser().absolute()
    paths = VaultPaths(data_dir)
    command = args.command or "gui"
    if data_dir.exists() and not data_dir.is_dir():
        say(f"supervision-app: {data_dir} is a file, not a folder; choose a folder for --data-dir.", error=True)
        return UsageError.exit_code
    configure_logging(paths.log_dir)
    if command == "gui":  # the window: none of the other commands' modules (the domain model, retention rules)
        return _guarded(command, _gui, args, paths)
    from supervision_app import cli_agreement, cli_cpd, cli_group, cli_lifecycle, cli_search

    handlers: dict[str, Callable[[argparse.Namespace, VaultPaths], int]] = {
        "init": _init,
        "demo": _demo,
        "check": _check,
        "new-recovery-code": _new_recovery_code,
        "sessions": _sessions,
        "show": _show,
        "note": _note,
        "timestamp-service": _timestamp_service,
        "verify": _verify,
        "pair-export": _pair_export,
        "pair-import": _pair_import,
        "export-agenda": _export_agenda,
        "import": _import,
        "export-record": _export_record,
        "countersign": _countersign,
        "backup": _backup,
        "restore": _restore,
        "handover-export": handover_export,
        "audit": _audit,
        "search": cli_search.search,
        "nation": cli_home.nation,
        "retention": cli_lifecycle.retention,
        "end-supervision": cli_lifecycle.end_supervision,
        "keep-longer": cli_lifecycle.keep_longer,
        "erase-person": cli_lifecycle.erase_person,
        "export-person": export_person,
        "cpd": cli_cpd.cpd,
        "cpd-add": cli_cpd.cpd_add,
        "agreement": cli_agreement.agreement,
        "group-show": cli_group.group_show,
        "group-note": cli_group.group_note,
        "gui": _gui,
    }
    return _guarded(command, handlers[command], args, paths)


def _guarded(command: str, handler: Callable[[argparse.Namespace, VaultPaths], int], args: argparse.Namespace,
             paths: VaultPaths) -> int:
    """Run a command; what stops it becomes one plain sentence on standard error and an exit code."""
    try:
        return handler(args, paths)
    except VaultError as error:
        log.info("Command %s stopped: %s", command, type(error).__name__)
        say(f"supervision-app: {error}", error=True)
        return error.exit_code
    except KeyboardInterrupt:
        say("supervision-app: cancelled.", error=True)
        return EXIT_CANCELLED
    except BrokenPipeError:
        # The reader went away (for example `| head`): nothing more to say.
        sys.stderr.close()
        return 0
    except OSError as error:
        # A path the user gave that cannot be used: theirs to fix, not a bug.
        where = f" ({error.filename})" if error.filename else ""
        say(f"supervision-app: {error.strerror or 'a file could not be used'}{where}.", error=True)
        return UsageError.exit_code
    except Exception as error:  # noqa: BLE001 - a bug: log it privately, tell the user plainly
        log.error("Unexpected error in %s:\n%s", command, describe_exception(error))
        say(f"supervision-app: something went wrong inside the app; details are in {paths.log_dir}.", error=True)
        return EXIT_BUG


def read_passphrase(args: argparse.Namespace, *, new: bool) -> str:
    """The passphrase from the environment, a file, or a prompt, in that order."""
    from_env = os.environ.get(PASSPHRASE_ENV)
    if from_env:
        passphrase = from_env
    elif args.passphrase_file is not None:
        try:
            passphrase = args.passphrase_file.read_text(encoding="utf-8").rstrip("\r\n")
        except (OSError, UnicodeDecodeError):
            raise UsageError(f"The passphrase file {args.passphrase_file} could not be read.") from None
        if not passphrase:
            raise UsageError(f"The passphrase file {args.passphrase_file} is empty.")
    elif sys.stdin.isatty():
        passphrase = getpass.getpass("New passphrase: " if new else "Passphrase: ")
        if new and getpass.getpass("Type it again: ") != passphrase:
            raise UsageError("The two passphrases were different; nothing was created.")
    else:
        raise UsageError(
            f"No passphrase given: set {PASSPHRASE_ENV}, use --passphrase-file, or run in a terminal."
        )
    if new:
        assessment = assess_passphrase(passphrase)
        if not assessment.acceptable:
            raise UsageError(f"That passphrase is too easy to guess. {assessment.advice}")
    return passphrase


def _service(paths: VaultPaths) -> VaultService:
    from supervision_app.vault.service import VaultService

    return VaultService(paths)


def _print_recovery_code(code: str) -> None:
    say()
    say("Your recovery code (shown only now; write it down or print it, and keep it")
    say("somewhere safe and separate from this computer):")
    say()
    say(f"    {code}")
    say()
    say("It unlocks the vault if the passphrase is forgotten.")


def _init(args: argparse.Namespace, paths: VaultPaths) -> int:
    from supervision_app.services.my_supervision import Use, set_app_uses
    from supervision_app.services.people import InvalidEntry, check_profile, save_profile

    if args.name is not None:
        problems = check_profile(args.name, args.job_title, "", args.organisation)
        if problems:
            raise UsageError(problems[0].message)
    vault, code = _service(paths).create(read_passphrase(args, new=True))
    try:
        if args.name is not None:
            save_profile(vault.store, args.name, args.job_title, "", args.organisation)
        uses = {"supervising": {Use.SUPERVISING}, "supervised": {Use.SUPERVISED},
                "both": {Use.SUPERVISING, Use.SUPERVISED}}[args.uses]
        set_app_uses(vault.store, frozenset(uses))
    except InvalidEntry as error:
        raise UsageError(str(error)) from None
    finally:
        vault.lock()
    say(f"A new vault was created in {paths.data_dir}.")
    _print_recovery_code(code)
    return 0


def _demo(args: argparse.Namespace, paths: VaultPaths) -> int:
    from supervision_app.services.demo import fill_demo, fill_demo_supervisee

    vault, code = _service(paths).create(read_passphrase(args, new=True))
    try:
        (fill_demo_supervisee if args.supervisee else fill_demo)(vault.store, args.today or date.today())
        counts = vault.store.counts()
    finally:
        vault.lock()
    if args.supervisee:
        say(f"A demo vault of a fictional newly qualified social worker was created in {paths.data_dir}.")
    else:
        say(f"A demo vault with fictional people was created in {paths.data_dir}: "
            f"{counts.supervisees} supervisees and {counts.sessions} sessions.")
    _print_recovery_code(code)
    return 0


def _check(args: argparse.Namespace, paths: VaultPaths) -> int:
    from supervision_app.errors import RecoverySlotMissing
    from supervision_app.vault.keyring_cache import KeyCache

    service = _service(paths)
    service.read_key_file()  # report a missing vault before asking for a passphrase
    # The whole-file check runs once, before anything is written (VaultDamaged if it fails).
    vault = service.unlock_with_passphrase(read_passphrase(args, new=False), full_check=True)
    try:
        counts = vault.store.counts()
        version = vault.schema_version()
        recovery_missing = vault.recovery_slot_missing
    finally:
        vault.lock()
    say(f"Vault in {paths.data_dir} is intact (encryption and structure checked).")
    say(f"Schema version {version}.")
    say(f"People: {counts.people} ({counts.supervisees} supervisees). Sessions: {counts.sessions}.")
    say(f"Keyring: {KeyCache().status().explanation}")
    if recovery_missing:
        raise RecoverySlotMissing()
    return 0


def _new_recovery_code(args: argparse.Namespace, paths: VaultPaths) -> int:
    vault = _unlocked(args, paths)
    try:
        code = vault.new_recovery_code()
    finally:
        vault.lock()
    say("A new recovery code was made; the old one no longer unlocks the vault.")
    _print_recovery_code(code)
    return 0


def _unlocked(args: argparse.Namespace, paths: VaultPaths) -> OpenVault:
    service = _service(paths)
    service.read_key_file()  # report a missing vault before asking for a passphrase
    return service.unlock_with_passphrase(read_passphrase(args, new=False))


def _sessions(args: argparse.Namespace, paths: VaultPaths) -> int:
    from supervision_app.cli_handover import provenance_lines
    from supervision_app.formatting import format_datetime
    from supervision_app.services.people import find_supervisee
    from supervision_app.services.sessions import SessionService

    vault = _unlocked(args, paths)
    try:
        service = SessionService(vault.store)
        person = find_supervisee(vault.store, args.supervisee) if args.supervisee else None
        summaries = service.summaries(person)
        handed_over = provenance_lines(vault.store, {s.supervisee.id for s in summaries})
        from supervision_app.cli_group import group_lines

        groups = group_lines(vault.store, person)
    finally:
        vault.lock()
    rows = [("ID", "Date", "Supervisee", "Status", "Open actions")]
    rows += [(str(s.session.id), format_datetime(s.session.scheduled_start), visible(s.supervisee.name),
              s.session.status.label, str(s.open_actions)) for s in summaries]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        say("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    if not summaries:
        say("No sessions yet.")
    for line in [*groups, *handed_over]:
        say(visible(line))
    return 0


def _show(args: argparse.Namespace, paths: VaultPaths) -> int:
    from supervision_app.services.handovers import session_provenance
    from supervision_app.services.note import note_for_session, render_text

    vault = _unlocked(args, paths)
    try:
        note = note_for_session(vault.store, args.session)
        handed_over = session_provenance(vault.store, args.session)
    finally:
        vault.lock()
    sys.stdout.write(render_text(note))  # shows hidden characters as <U+XXXX> itself
    if handed_over:
        say(visible(handed_over))
    return 0


EXIT_NOT_VERIFIED = 14
MAX_PDF_BYTES = 50 * 1024 * 1024


def _note_service(vault: OpenVault) -> NoteService:
    from supervision_app.content import load_content
    from supervision_app.paths import resources_dir
    from supervision_app.services.notes import NoteService

    return NoteService(vault.store, load_content(resources_dir()), resources_dir() / "fonts")


def _timestamp_service(args: argparse.Namespace, paths: VaultPaths) -> int:
    if args.off == (args.url is not None) and args.url is not None:
        raise UsageError("Give the service's address or --off, not both.")
    vault = _unlocked(args, paths)
    try:
        notes = _note_service(vault)
        if args.off or args.url is not None:
            try:
                notes.set_timestamp_url("" if args.off else args.url)
            except ValueError as error:
                raise UsageError(str(error)) from None
        url = notes.timestamp_url()
    finally:
        vault.lock()
    say(f"Signatures ask {url} for a trusted time (PAdES B-T)." if url
        else "No time-stamping service is set: signatures carry the signer's own clock (PAdES B-B).")
    return 0


def _note(args: argparse.Namespace, paths: VaultPaths) -> int:
    from supervision_app.services.note import OPTIONAL_SECTIONS
    from supervision_app.services.notes import DEFAULT_HIDDEN, NoteOptions
    from supervision_app.services.signing import SigningError

    unknown = (set(args.include) | set(args.exclude)) - set(OPTIONAL_SECTIONS)
    if unknown:
        raise UsageError(f"There is no optional section called {', '.join(sorted(unknown))}; "
                         f"choose from {', '.join(OPTIONAL_SECTIONS)}.")
    options = NoteOptions(page_size="Letter" if args.letter else "A4",
                          hidden_sections=(DEFAULT_HIDDEN - set(args.include)) | set(args.exclude))
    output = _output_path(args.output)
    vault = _unlocked(args, paths)
    try:
        notes = _note_service(vault)
        from supervision_app.services.sessions import find_session

        find_session(vault.store, args.session)  # a clear error for an unknown id
        kept = notes.signed_note(args.session)
        if kept is None:
            try:
                notes.sign_as_supervisor(args.session, options)
            except SigningError as error:
                raise UsageError(str(error)) from None
            kept = notes.signed_note(args.session)
            assert kept is not None
            first_time = True
        else:
            first_time = False
        _write_output(output, kept.pdf)
        notes.record_export(args.session, "saved as PDF")
    finally:
        vault.lock()
    if first_time:
        say(f"Wrote {output}: signed by you, fingerprint {kept.fingerprint}.")
        say("The supervisee can add their signature in the app, or on their own computer.")
    else:
        signed_by = "you and the supervisee" if kept.signatures == 2 else "you"
        say(f"Wrote the kept note to {output}: signed by {signed_by}, fingerprint {kept.fingerprint}. "
              "(It was signed before, so the section options were not applied again.)")
    return 0


def _output_path(given: Path) -> Path:
    output = given.expanduser().absolute()
    if not output.parent.is_dir() or output.is_dir():
        raise UsageError(f"{given} is not a file in an existing folder.")
    return output


def _write_output(output: Path, data: bytes) -> None:
    from supervision_app.errors import ReadOnlyLocation
    from supervision_app.fileio import atomic_write_bytes

    try:
        atomic_write_bytes(output, data, mode=0o600)
    except ReadOnlyLocation:
        raise UsageError(f"{output} cannot be written: that folder is read-only or not yours.") from None
    except OSError as error:
        raise UsageError(f"{output} could not be written ({error.strerror or 'error'}).") from None


def _read_input(given: Path, limit: int) -> bytes:
    try:
        if given.stat().st_size > limit:
            raise UsageError(f"{given} is larger than any file this app makes.")
        return given.read_bytes()
    except OSError:
        raise UsageError(f"{given} could not be read.") from None


def _verify(args: argparse.Namespace, paths: VaultPaths) -> int:
    from supervision_app.domain.signatures import KnownSigner
    from supervision_app.services.signers import known_signers
    from supervision_app.services.verification import report_lines, verdict, verify_note

    pdf = _read_input(args.file, MAX_PDF_BYTES)
    known: dict[str, KnownSigner] = {}
    certificates: list[bytes] = []
    if paths.key_file.exists():
        vault = _unlocked(args, paths)
        try:
            known, certificates = known_signers(vault.store), vault.store.known_certificates()
        finally:
            vault.lock()
    report = verify_note(pdf, known, certificates)
    if report.problem:
        say(f"supervision-app: {report.problem}", error=True)
        return EXIT_NOT_VERIFIED
    for line in report_lines(report, vault=paths.key_file.exists()):
        say(line)
    if report.ok:
        say(f"Verified: {verdict(report)}")
        return 0
    say(f"supervision-app: the {report.document} did not verify: {verdict(report)}", error=True)
    return EXIT_NOT_VERIFIED


# --- exchange between installs -------------------------------------------------------------


def _exchange_service(vault: OpenVault) -> ExchangeService:
    from supervision_app.exchange.service import ExchangeService

    notes = _note_service(vault)
    return ExchangeService(vault.store, notes, notes.content)


def _exchanging(command: Callable[..., int]) -> Callable[[argparse.Namespace, VaultPaths], int]:
    """Run ``command(args, exchange)`` on the unlocked vault; a refused exchange is one sentence, exit 2."""

    def run(args: argparse.Namespace, paths: VaultPaths) -> int:
        from supervision_app.exchange.envelope import ExchangeError
        from supervision_app.services.people import InvalidEntry

        vault = _unlocked(args, paths)
        try:
            return command(args, _exchange_service(vault))
        except (ExchangeError, InvalidEntry) as error:
            raise UsageError(str(error)) from None
        finally:
            vault.lock()

    return run


@_exchanging
def _pair_export(args: argparse.Namespace, exchange: ExchangeService) -> int:
    from supervision_app.domain.model import PersonRole
    from supervision_app.exchange.pairing import card_to_code, card_to_file
    from supervision_app.services.my_supervision import Use, app_uses

    if args.as_role:
        role = PersonRole(args.as_role)
    else:
        uses = app_uses(exchange.store)
        if len(uses) > 1:
            raise UsageError("You both supervise and are supervised here; say which with --as supervisor "
                             "or --as supervisee.")
        role = PersonRole.SUPERVISOR if Use.SUPERVISING in uses else PersonRole.SUPERVISEE
    card = exchange.my_card(role)
    if args.output:
        _write_output(_output_path(args.output), card_to_file(card))
        say(f"Wrote your pairing file to {args.output}.")
    say(f"Your pairing code (as {role.value}): {card_to_code(card)}")
    say(f"Your fingerprint: {card.fingerprint}")
    say("Compare the fingerprint with the one the other person's app shows before you exchange files.")
    return 0


@_exchanging
def _pair_import(args: argparse.Namespace, exchange: ExchangeService) -> int:
    from supervision_app.exchange.envelope import MAX_PACK_BYTES
    from supervision_app.exchange.pairing import card_from_code, card_from_file

    source = Path(args.source).expanduser()
    card = card_from_file(_read_input(source, MAX_PACK_BYTES)) if source.is_file() else card_from_code(args.source)
    person, pairing = exchange.pair(card, name=args.name or "", replace_key=args.replace)
    say(f"Paired with {person.name} (your {pairing.their_role.value}).")
    say(f"Their fingerprint: {pairing.fingerprint}")
    say("Check it matches the fingerprint their app shows; if it does not, pair again.")
    return 0


@_exchanging
def _export_agenda(args: argparse.Namespace, exchange: ExchangeService) -> int:
    from supervision_app.domain.exchange import Preparation
    from supervision_app.services.people import same_name

    supervisors = exchange.my_supervisors()
    if args.supervisor:
        supervisors = [p for p in supervisors if same_name(p.name, args.supervisor)]
    if not supervisors:
        raise UsageError("You have no supervisor here yet; pair with them first (pair-import).")
    if len(supervisors) > 1:
        raise UsageError("You have more than one supervisor; say which with --supervisor NAME.")
    output = _output_path(args.output)
    if args.item:
        from supervision_app.domain.exchange import PreparedItem

        preparation = exchange.store.get_preparation(supervisors[0].id) or Preparation()
        preparation.items += [PreparedItem(title.strip()) for title in args.item if title.strip()]
        exchange.store.save_preparation(supervisors[0].id, preparation)
    _write_output(output, exchange.export_agenda(supervisors[0].id))
    say(f"Wrote your agenda for {supervisors[0].name} to {output}. Only they can open it.")
    return 0


@_exchanging
def _import(args: argparse.Namespace, exchange: ExchangeService) -> int:
    from supervision_app.exchange.envelope import MAX_PACK_BYTES

    say(exchange.import_pack(_read_input(args.file, MAX_PACK_BYTES)).message)
    return 0


@_exchanging
def _export_record(args: argparse.Namespace, exchange: ExchangeService) -> int:
    from supervision_app.services.sessions import find_session

    session = find_session(exchange.store, args.session)
    output = _output_path(args.output)
    _write_output(output, exchange.export_record(session.id))
    supervisee = exchange.store.get_person(session.supervisee_id)
    say(f"Wrote the signed record to {output}. Only {supervisee.name} can open it; send it to them.")
    return 0


@_exchanging
def _countersign(args: argparse.Namespace, exchange: ExchangeService) -> int:
    from supervision_app.domain.exchange import ReceivedKey
    from supervision_app.domain.record import Confirmation
    from supervision_app.exchange.envelope import MAX_PACK_BYTES
    from supervision_app.exchange.schemas import RecordPayloadV1

    output = _output_path(args.output)
    data = _read_input(args.file, MAX_PACK_BYTES)
    opened, payload = exchange.read_pack(data)
    if not isinstance(payload, RecordPayloadV1):
        raise UsageError(f"{args.file} is not a session record from your supervisor.")
    if not exchange.store.pack_seen(opened.pack_id):
        say(exchange.import_pack(data).message)
    # Kept per sender: the session id alone could be another supervisor's.
    key = ReceivedKey(exchange.sender_of(opened).id, payload.session_uid)
    held = exchange.store.received_note(key)
    if held is not None and held[2] >= 2:
        pack = exchange.resend_countersigned(key)
        say("You signed this note before; the signed copy was written again.")
    else:
        confirmation = Confirmation.SEEN_NOT_AGREED if args.disagree else Confirmation.AGREED
        pack = exchange.countersign(key, confirmation, args.comment)
        say(f"Signed the note ({confirmation.label.lower()}).")
    _write_output(output, pack)
    say(f"Wrote the signed note to {output}; send it to your supervisor.")
    return 0


# --- backups and the activity log -----------------------------------------------------------


def _backup(args: argparse.Namespace, paths: VaultPaths) -> int:
    from supervision_app.formatting import format_datetime
    from supervision_app.services.backups import BackupService

    if args.output is not None and args.folder is not None:
        raise UsageError("Give a file with -o or a folder with --folder, not both.")
    output = _output_path(args.output) if args.output is not None else None
    if args.folder is not None and not args.folder.expanduser().is_dir():
        raise UsageError(f"{args.folder} is not a folder.")
    vault = _unlocked(args, paths)
    try:
        backups = BackupService(vault)
        if args.folder is not None:
            backups.set_folder(args.folder)
        if output is None and backups.folder() is None:
            raise UsageError("No backup folder is set: give one with --folder DIR, or a file with -o FILE.")
        report = backups.back_up(output)
    finally:
        vault.lock()
    say(f"Backup written and verified: {report.path} ({format_datetime(report.made_at)}, "
        f"fingerprint {report.fingerprint}).")
    say("It opens with your passphrase or recovery code as they are now.")
    return 0


def _restore(args: argparse.Namespace, paths: VaultPaths) -> int:
    from supervision_app.errors import VaultExists
    from supervision_app.vault.keyfile import PASSPHRASE_SLOT, RECOVERY_SLOT
    from supervision_app.vault.restore import MAX_BACKUP_BYTES, restore_backup

    data = _read_input(args.file, MAX_BACKUP_BYTES)
    secret = read_passphrase(args, new=False)
    try:
        restored = restore_backup(_service(paths), data, secret, replace=args.replace,
                                  slot=RECOVERY_SLOT if args.recovery_code else PASSPHRASE_SLOT)
    except VaultExists:
        raise VaultExists("A vault already exists in this data folder; add --replace to restore over it "
                          "(the vault here is then kept in its backups folder).") from None
    try:
        counts = restored.vault.store.counts()
    finally:
        restored.vault.lock()
    say(f"Restored the vault in {paths.data_dir} from the backup made {restored.made_at}: "
        f"{counts.people} people, {counts.sessions} sessions.")
    if restored.previous_vault is not None:
        say(f"The vault that was here is kept in {restored.previous_vault}.")
    return 0


def _audit(args: argparse.Namespace, paths: VaultPaths) -> int:
    from supervision_app.errors import AuditLogBroken
    from supervision_app.storage import audit

    vault = _unlocked(args, paths)
    try:
        entries = audit.entries(vault.store)
        broken = audit.verify(vault.store)
    finally:
        vault.lock()
    if not args.verify:
        for entry in entries:
            say(entry.line())
    if broken is not None:
        raise AuditLogBroken(broken.sentence)
    if args.verify:
        say(f"The activity log is whole: {len(entries)} entries, none deleted or changed.")
    return 0


def command_names(parser: argparse.ArgumentParser) -> frozenset[str]:
    return frozenset(name for action in parser._actions
                     if isinstance(action, argparse._SubParsersAction) for name in action.choices)


def _gui(args: argparse.Namespace, paths: VaultPaths) -> int:
    from supervision_app.gui.launch import launch_gui

    passphrase = None
    if os.environ.get(PASSPHRASE_ENV) or args.passphrase_file is not None:
        passphrase = read_passphrase(args, new=False)
    file: Path | None = getattr(args, "file", None)
    return launch_gui(paths, passphrase=passphrase, exit_when_shown=getattr(args, "exit_when_shown", False),
                      open_path=file.expanduser().absolute() if file is not None else None)


if __name__ == "__main__":
    sys.exit(main())
