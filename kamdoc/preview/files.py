"""The files a preview page may load (the theme's fonts, a plan's checked logo), each under a name that says nothing of where it lies."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

from kamdoc.render.pdf import Fetcher

TYPES = {".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2",
         ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
MAX_KEPT = 256
"""How many files the store remembers: every deck of a version needs a few; older ones drop out."""


class Served(Fetcher):
    """Hands the deck's templates a server address for each file kamdoc chose, and serves only those.

    The address is a digest of the file's place and time stamp (or of the bytes kamdoc made), so a page
    asks for nothing else by guessing, and an unchanged font keeps its address from one save to the next.
    """

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix
        self._kept: dict[str, Path | bytes] = {}
        self._lock = threading.Lock()

    def url_for(self, path: Path) -> str:
        real = path.resolve()
        stat = real.stat()
        digest = hashlib.sha256(f"{real}\0{stat.st_mtime_ns}\0{stat.st_size}".encode()).hexdigest()[:24]
        return self._keep(digest + real.suffix.lower(), real)

    def url_for_bytes(self, name: str, data: bytes) -> str:
        return self._keep(hashlib.sha256(data).hexdigest()[:24] + Path(name).suffix.lower(), data)

    def _keep(self, key: str, value: Path | bytes) -> str:
        with self._lock:
            self._kept.pop(key, None)  # used again: the newest, last to drop out
            self._kept[key] = value
            while len(self._kept) > MAX_KEPT:
                del self._kept[next(iter(self._kept))]
        return f"{self.prefix}/file/{key}"

    def get(self, key: str) -> tuple[bytes, str] | None:
        """The bytes and media type of a file a page was given, or None for any other name."""
        with self._lock:
            value = self._kept.get(key)
        if value is None:
            return None
        try:
            data = value if isinstance(value, bytes) else value.read_bytes()
        except OSError:
            return None  # gone since the deck was made: the next save gives the page a new address
        return data, TYPES.get(Path(key).suffix, "application/octet-stream")
