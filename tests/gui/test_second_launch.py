"""A second launch hands its file to the app already running on the data folder, over a local socket."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDir
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supervision_app.gui.single_instance import MAX_MESSAGE, InstanceServer, decode, encode, hand_over, server_name
from supervision_app.logging_setup import LOG_FILE_NAME
from supervision_app.paths import VaultPaths
from tests.conftest import PASSPHRASE
from tests.gui.test_launch import run_app


def environment(passphrase: str | None) -> dict[str, str]:
    environ = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    environ.pop("SUPERVISION_APP_PASSPHRASE", None)
    if passphrase is not None:
        environ["SUPERVISION_APP_PASSPHRASE"] = passphrase
    return environ


def wait_for_line(log_file: Path, line: str, process: subprocess.Popen[str] | None = None,
                  timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log_file.is_file() and line in log_file.read_text(encoding="utf-8"):
            return
        assert process is None or process.poll() is None, process.communicate() if process else None
        time.sleep(0.1)
    raise AssertionError(f"{line!r} never appeared in the log")


@pytest.fixture
def running_app(demo_vault: str, vault_paths: VaultPaths) -> Iterator[Path]:
    """The app running on the demo vault, unlocked, in its own process; yields its log file."""
    first = subprocess.Popen([sys.executable, "-m", "supervision_app", "--data-dir", str(vault_paths.data_dir)],
                             env=environment(PASSPHRASE), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    log_file = vault_paths.log_dir / LOG_FILE_NAME
    try:
        wait_for_line(log_file, "Listening for later launches", first)
        yield log_file
        assert first.poll() is None  # the second launch did not end it
    finally:
        first.send_signal(signal.SIGINT)  # locks and quits
        try:
            first.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            first.kill()
            first.communicate()


def test_a_second_launch_with_a_file_hands_it_over(running_app: Path, vault_paths: VaultPaths,
                                                   tmp_path: Path) -> None:
    pdf = tmp_path / "note.pdf"
    pdf.write_bytes(b"%PDF-1.7 not really")
    second = run_app(vault_paths.data_dir, str(pdf))  # no passphrase: it never needs to unlock
    assert second.returncode == 0, second.stderr
    assert "the file was opened there" in second.stdout
    wait_for_line(running_app, "Opened a file given to the app: verify")  # verifying loads pyHanko first
    assert "Bringing the window to the front" in running_app.read_text(encoding="utf-8")

    again = run_app(vault_paths.data_dir)  # no file: the running window comes to the front
    assert again.returncode == 0, again.stderr
    assert running_app.read_text(encoding="utf-8").count("Bringing the window to the front") == 2


def test_a_stale_name_left_by_a_crash_is_replaced(qapp: QApplication, qtbot: QtBot, tmp_path: Path) -> None:
    name = server_name(tmp_path / "data")
    path = Path(QDir.tempPath()) / name
    crashed = socket.socket(socket.AF_UNIX)
    crashed.bind(str(path))  # bound and never unlinked: what a killed instance leaves
    crashed.close()
    assert path.exists()
    assert not hand_over(name, tmp_path / "a.svagenda", timeout_ms=500)

    server = InstanceServer(name)
    assert server.listen()
    second = InstanceServer(name)
    assert not second.listen()  # a live instance is never replaced
    received: list[Path] = []
    server.open_requested.connect(received.append)
    assert hand_over_while_serving(qtbot, name, tmp_path / "a.svagenda")
    assert received == [tmp_path / "a.svagenda"]
    server.close()
    second.close()


def hand_over_while_serving(qtbot: QtBot, name: str, path: Path) -> bool:
    """``hand_over`` blocks, so here (one thread with the server) it runs in a child process."""
    code = ("import sys; from pathlib import Path; from PySide6.QtCore import QCoreApplication; "
            "from supervision_app.gui.single_instance import hand_over; app = QCoreApplication([]); "
            "sys.exit(0 if hand_over(sys.argv[1], Path(sys.argv[2])) else 1)")
    child = subprocess.Popen([sys.executable, "-c", code, name, str(path)])
    qtbot.waitUntil(lambda: child.poll() is not None, timeout=20_000)
    return child.returncode == 0


def test_what_arrives_is_checked_as_untrusted_text(tmp_path: Path) -> None:
    assert decode(encode(tmp_path / "a b.svagenda") or b"") == tmp_path / "a b.svagenda"
    assert decode(b"raise\n") is None
    for bad in (b"open relative.pdf\n", b"open /a\xff.pdf\n", b"open /a\0b.pdf\n", b"open \n", b"delete /\n",
                b"open /a.pdf"):
        assert decode(bad) is False, bad
    assert encode(Path("/" + "a" * MAX_MESSAGE)) is None
    assert server_name(tmp_path / "one") != server_name(tmp_path / "two")
