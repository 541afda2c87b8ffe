"""Worker processes that end with the process that started them, even when it is killed outright."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

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
