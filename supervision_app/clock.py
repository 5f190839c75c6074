"""A clock that can be set: for making demo histories, and for tests.

Services take any ``Callable[[], datetime]`` as their clock; the app passes
``datetime.now``.
"""

from __future__ import annotations

from datetime import datetime


class SettableClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now
