"""Worker processes that end with the process that started them, even when it is killed outright, and the
messages they send each other through pipes."""

from __future__ import annotations

import os
import signal
import struct
import sys
import threading
import time
from typing import IO

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Make this (worker) process end when its parent does: the kernel tells it on Linux, a watcher elsewhere.

    Without it, a `kamdoc build` killed with SIGKILL (a cancelled CI job) leaves its workers waiting for work for ever.
    """
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # the parent died before the signal was asked for
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass  # no libc to ask: the watcher below does it
    threading.Thread(target=_watch, args=(parent,), name="kamdoc-parent-watch", daemon=True).start()


def _watch(parent: int) -> None:
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(1)


_COUNT = struct.Struct(">I")
_LENGTH = struct.Struct(">Q")


def send_blobs(out: IO[bytes], *blobs: bytes) -> None:
    """One message to another process through a pipe: how many blobs, then each with its length."""
    out.write(_COUNT.pack(len(blobs)) + b"".join(_LENGTH.pack(len(b)) + b for b in blobs))
    out.flush()


def receive_blobs(pipe: IO[bytes]) -> list[bytes] | None:
    """The next message `send_blobs` wrote, or None when the other side closed its end (or died) before all of it."""
    head = pipe.read(_COUNT.size)
    if len(head) < _COUNT.size:
        return None
    blobs = []
    for _ in range(_COUNT.unpack(head)[0]):
        size = pipe.read(_LENGTH.size)
        if len(size) < _LENGTH.size:
            return None
        blob = pipe.read(_LENGTH.unpack(size)[0])
        blobs.append(blob)
    return blobs
