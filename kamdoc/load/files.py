"""Reading a named file safely: a regular file only, never more than a cap, and, where asked, not through a link.

Apart from the plan's loader so that a process that only prints a deck (and reads its fonts) need not import YAML.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class FileRefused(Exception):
    """A file a plan names cannot be read: the message says why, for the value that names it."""


class FileMissing(FileRefused):
    """A file a plan names, inside the plans repo, that is not there (yet): the one refusal that can be a warning."""


def read_capped(path: Path, cap: int, shown: str, follow: bool = True) -> bytes:
    """A file's bytes, refusing it when larger than `cap` without reading it all (and, without `follow`, when it is a link)."""
    try:
        # Opened without waiting, and checked to be a regular file before reading: a FIFO or a
        # device named like a plan would otherwise block the read for ever.
        no_link = 0 if follow else getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | no_link)
        with open(fd, "rb", closefd=True) as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise FileRefused(f"{shown} is not a regular file")
            data = handle.read(cap + 1)
    except OSError as exc:
        raise FileRefused(f"cannot read {shown}: {exc.strerror}") from None
    if len(data) > cap:
        raise FileRefused(f"{shown} is larger than {cap // (1024 * 1024)} MB")
    return data
