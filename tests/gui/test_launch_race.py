"""Two first launches at the same moment: one becomes the app, the other hands its file over to it."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from supervision_app.gui.single_instance import server_name

LAUNCH = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QTimer
from supervision_app.gui.single_instance import claim_or_hand_over

app = QCoreApplication([])
name, start_at, path = sys.argv[1], float(sys.argv[2]), Path(sys.argv[3])
while time.time() < start_at:  # both launches claim the name in the same millisecond
    pass
server = claim_or_hand_over(name, path)
if server is None:
    print("handed over", flush=True)
    sys.exit(0)
received = []
server.open_requested.connect(lambda opened: (received.append(opened.name), app.quit()))
QTimer.singleShot(20_000, app.quit)
app.exec()
print("server", server.listening, *received, flush=True)
server.close()
"""


@pytest.mark.slow
@pytest.mark.parametrize("round_", range(4))
def test_two_first_launches_at_once_end_as_one_app_given_both_files(tmp_path: Path, round_: int) -> None:
    name = server_name(tmp_path / f"data-{round_}")
    start_at = time.time() + 4  # after both have imported Qt
    launches = [subprocess.Popen([sys.executable, "-c", LAUNCH, name, str(start_at), str(tmp_path / f"{who}.svagenda")],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for who in ("first", "second")]
    said = []
    for launch in launches:
        out, err = launch.communicate(timeout=60)
        assert launch.returncode == 0, err
        said.append(out.strip())
    servers = [line for line in said if line.startswith("server")]
    assert len(servers) == 1 and said.count("handed over") == 1, said
    (server,) = servers
    other = "second" if said.index(server) == 0 else "first"
    assert server == f"server True {other}.svagenda", said  # listening, and given the other launch's file
