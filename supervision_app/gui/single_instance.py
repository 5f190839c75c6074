"""One window per data folder: a second launch hands its file to the running app over a local socket.

The first instance listens on a ``QLocalServer`` whose name is a hash of the user and the data folder
(only this user may connect). A later launch connects, sends one line, ``open <absolute path>`` or
``raise`` (UTF-8, at most ``MAX_MESSAGE`` bytes), waits for ``ok`` and ends. Only the launch holding a
lock file (``QLockFile``) listens, so two launches at the same moment end as one app and one hand-over;
a name left behind by a crashed instance answers no one, so it is removed before listening.
What arrives is untrusted text: the controller checks it like any file the user names.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import time
from pathlib import Path

from PySide6.QtCore import QDir, QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

MAX_MESSAGE = 8192
ACK = b"ok\n"
TIMEOUT_MS = 3000
WAIT_FOR_WINNER_MS = 15_000


def server_name(data_dir: Path) -> str:
    """The socket's name for this user and data folder (short enough for any platform)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        user = str(Path.home())
    digest = hashlib.sha256(f"{user}\0{data_dir.expanduser().absolute()}".encode()).hexdigest()
    return f"supervision-app-{digest[:32]}"


def encode(path: Path | None) -> bytes | None:
    """The message for ``path`` (or for raising the window), or ``None`` if it is too long to send."""
    message = b"raise\n" if path is None else f"open {path.absolute()}\n".encode("utf-8", "surrogateescape")
    return message if len(message) <= MAX_MESSAGE else None


def decode(message: bytes) -> Path | bool | None:
    """``Path`` to open, ``None`` to raise the window, ``False`` for anything else."""
    if message == b"raise\n":
        return None
    if not message.startswith(b"open ") or not message.endswith(b"\n"):
        return False
    try:
        text = message[5:-1].decode("utf-8")
    except UnicodeDecodeError:
        return False
    if not text or "\0" in text or "\n" in text or not Path(text).is_absolute():
        return False
    return Path(text)


def hand_over(name: str, path: Path | None, timeout_ms: int = TIMEOUT_MS) -> bool:
    """Give ``path`` (or a request to raise the window) to a running instance; ``True`` once it said so."""
    message = encode(path)
    if message is None:
        return False
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    try:
        socket.write(message)
        if not socket.waitForBytesWritten(timeout_ms):
            return False
        reply = b""
        while len(reply) < len(ACK) and socket.waitForReadyRead(timeout_ms):
            reply += bytes(socket.readAll().data())
        return reply == ACK
    finally:
        socket.abort()


def claim_or_hand_over(name: str, path: Path | None, wait_ms: int = WAIT_FOR_WINNER_MS) -> InstanceServer | None:
    """This launch's listening server if it is the first on ``name``; ``None`` once it gave ``path`` to that one.

    Two first launches at the same moment both find no one to hand over to; the lock file lets only one
    of them listen, and the other waits for it to answer. If it never does (it hung before listening),
    the server returned is not listening and the vault's own lock decides, as without this.
    """
    deadline = time.monotonic() + wait_ms / 1000
    server = InstanceServer(name)
    while True:
        remaining_ms = max(int((deadline - time.monotonic()) * 1000), 1)
        if hand_over(name, path, timeout_ms=remaining_ms):
            server.close()
            return None
        if server.listen() or server.claimed:  # claimed but not listening: no one else will either
            return server
        if time.monotonic() >= deadline:
            log.warning("Another launch of the app holds its lock but did not answer; running without it")
            return server
        time.sleep(0.1)


class InstanceServer(QObject):
    """Listens for later launches. ``open_requested(Path)``, ``raise_requested()``."""

    open_requested = Signal(object)
    raise_requested = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}
        self._lock: QLockFile | None = None

    def listen(self) -> bool:
        """Start listening, replacing a name no running instance answers on; ``False`` if one holds it.

        The lock file beside the socket is held for as long as this instance listens, so of two
        launches at the same moment only one listens: with ``UserAccessOption`` Qt renames its socket
        over any file of the same name, so listening alone would take the name from a live instance.
        A lock left by a crashed instance is stale (its process is gone) and taken over.
        """
        if self._lock is None:
            lock = QLockFile(str(Path(QDir.tempPath()) / f"{self.name}.lock"))
            lock.setStaleLockTime(0)  # stale only when its process is gone, however long it has run
            if not lock.tryLock(0):
                return False
            self._lock = lock
        QLocalServer.removeServer(self.name)  # a name left by a crashed instance; nothing if there is none
        if self._server.listen(self.name):
            log.info("Listening for later launches")
            return True
        log.warning("Could not listen for later launches: %s", self._server.errorString())
        return False

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    @property
    def claimed(self) -> bool:
        """This instance holds the name's lock file (it is the one app on its data folder)."""
        return self._lock is not None

    def close(self) -> None:
        self._server.close()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda socket=socket: self._read(socket))
            socket.disconnected.connect(lambda socket=socket: self._forget(socket))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if len(data) > MAX_MESSAGE:
            log.info("Ignored an over-long message from another launch")
            self._forget(socket)
            socket.abort()
            return
        if not data.endswith(b"\n"):
            self._buffers[socket] = data
            return
        self._forget(socket)
        request = decode(data)
        if request is False:
            log.info("Ignored a message from another launch that is not a request")
            socket.abort()
            return
        socket.write(ACK)
        socket.flush()
        socket.disconnectFromServer()
        if request is None:
            self.raise_requested.emit()
        else:
            assert isinstance(request, Path)
            self.open_requested.emit(request)

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
