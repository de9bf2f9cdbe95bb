"""One writer at a time: an exclusive, non-blocking OS lock on ``<store>/.lock``.

The lock is an ``fcntl.flock`` lock, so the kernel drops it when the process ends in any
way — exit, exception, Ctrl-C or ``kill -9``: a crashed build never leaves a stale lock
behind. A ``flock`` lock belongs to the open file, which forked children (the extraction
workers) inherit; children close their copy right after the fork, so workers outliving a
killed build do not keep the store locked. The file holds the writer's pid, for the
message only.

>>> import tempfile
>>> folder = tempfile.mkdtemp()
>>> with StoreLock(folder):
...     try:
...         StoreLock(folder).acquire()
...     except LockedError as err:
...         print("refused")
refused
"""
from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import Any

LOCK_NAME = ".lock"
_HELD: set[int] = set()  # lock file descriptors held by this process


def _close_in_child() -> None:
    for fd in list(_HELD):
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD.clear()


os.register_at_fork(after_in_child=_close_in_child)


class LockedError(Exception):
    """Another process is writing to the store; the message says which."""


class StoreLock:
    def __init__(self, folder: Path | str):
        self.path = Path(folder) / LOCK_NAME
        self.fd: int | None = None

    def acquire(self) -> StoreLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            raise LockedError(f"{self.path.parent}: another kg build (pid {holder}) is writing to this store; "
                              "wait for it to finish (the store it replaces stays readable)") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        self.fd = fd
        _HELD.add(fd)
        return self

    def release(self) -> None:
        if self.fd is not None:
            _HELD.discard(self.fd)
            os.close(self.fd)  # closing drops the lock
            self.fd = None

    def __enter__(self) -> StoreLock:
        return self.acquire()

    def __exit__(self, *exc: Any) -> None:
        self.release()
