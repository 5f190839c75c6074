"""The installed Qt binding does not lose references (PySide6 6.12.0 on Python 3.11 did).

Run in a subprocess: a binding with the fault aborts the whole process.
"""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
before = [sys.getrefcount(v) for v in (None, True, False)]
for _ in range(50_000):
    label.setText("x")
    label.isVisible()
after = [sys.getrefcount(v) for v in (None, True, False)]
print(*[b - a for b, a in zip(before, after)])
"""


def test_binding_calls_keep_reference_counts() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-500:]
    lost = [int(n) for n in result.stdout.split()]
    # A handful may move with interpreter caches; the faulty build loses 50,000+.
    assert all(abs(n) < 1000 for n in lost), lost
