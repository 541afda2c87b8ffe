"""The files a preview page may load (the theme's fonts, a plan's checked images), each under a name that says nothing of where it lies."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

from kamdoc.errors import KamdocError
from kamdoc.limits import MAX_PREVIEW_FILES, MAX_PREVIEW_KEPT_BYTES, MAX_THEME_FONT_BYTES
from kamdoc.load.document import find_repo, read_in_tree
from kamdoc.load.files import FileRefused, read_capped
from kamdoc.render.html import MEDIA_TYPES
from kamdoc.render.pdf import Fetcher

FONT_SIGNATURES = (b"\x00\x01\x00\x00", b"true", b"OTTO", b"ttcf", b"wOFF", b"wOF2")
"""How a TrueType, OpenType, collection, WOFF or WOFF2 file begins: anything else is served as no font."""


class Served(Fetcher):
    """Hands the deck's templates a server address for each file kamdoc chose, and serves only those.

    Every file is read once, when the deck is made, and the page is served those very bytes under a digest of
    them: a file that becomes a link, a FIFO or a huge file after a checkout is never read on a page's request,
    and a page asks for nothing else by guessing.
    """

    def __init__(self, prefix: str, trees: tuple[Path, ...] = ()) -> None:
        super().__init__()
        self.prefix = prefix
        self.trees = trees  # work trees whose files come from strangers (a theme folder's): nothing is read through a link out of them
        self._kept: dict[str, bytes] = {}
        self._bytes = 0
        self._lock = threading.Lock()

    def url_for(self, path: Path) -> str:
        """The address of a font the theme chose, read now (a KamdocError says why it cannot be)."""
        return self.url_for_bytes(path.name, read_font(path, self.trees))

    def url_for_bytes(self, name: str, data: bytes) -> str:
        """The address of bytes kamdoc holds: an image validation checked, or one drawn as pixels."""
        return self._keep(hashlib.sha256(data).hexdigest()[:24] + Path(name).suffix.lower(), data)

    def _keep(self, key: str, data: bytes) -> str:
        """Keep the bytes under their key (the oldest drop out beyond the caps) and give their address."""
        with self._lock:
            self._bytes -= len(self._kept.pop(key, b""))  # used again: the newest, last to drop out
            self._kept[key] = data
            self._bytes += len(data)
            while len(self._kept) > 1 and (len(self._kept) > MAX_PREVIEW_FILES or self._bytes > MAX_PREVIEW_KEPT_BYTES):
                self._bytes -= len(self._kept.pop(next(iter(self._kept))))
        return f"{self.prefix}/file/{key}"

    def get(self, key: str) -> tuple[bytes, str] | None:
        """The bytes and media type of a file a page was given, or None for any other name; no file is read."""
        with self._lock:
            data = self._kept.get(key)
        if data is None:
            return None
        return data, MEDIA_TYPES.get(Path(key).suffix, "application/octet-stream")


def theme_trees(theme_dir: Path | None) -> tuple[Path, ...]:
    """The work tree a theme folder lies in (the nearest folder up holding kamdoc.yaml or .git, else the folder): its files are strangers'."""
    return () if theme_dir is None else (find_repo(theme_dir / "theme.yaml"),)


def read_font(path: Path, trees: tuple[Path, ...]) -> bytes:
    """A font file's bytes, within the cap, from a regular file, never through a link out of a stranger's tree."""
    shown = f"the font file {path}"
    tree = next((t for t in trees if _below(path, t)), None)
    try:
        # kamdoc's own and the system's fonts may be links (font packages use them); a theme folder's may not lead out.
        data = (
            read_capped(path, MAX_THEME_FONT_BYTES, shown)
            if tree is None
            else read_in_tree(path, tree, MAX_THEME_FONT_BYTES, shown)
        )
    except FileRefused as exc:
        raise KamdocError(f"{exc}; the preview cannot show this deck's text in the theme's font") from None
    if not data.startswith(FONT_SIGNATURES):
        raise KamdocError(f"{shown} is not a TrueType, OpenType or WOFF font; put a font file there")
    return data


def _below(path: Path, folder: Path) -> bool:
    """Whether `path`, as written (its own links not followed), lies in `folder` (as written, or where its links lead)."""
    here = os.path.normpath(path.absolute())
    # The theme hands over its fonts' real paths: a folder reached through a link (/tmp on macOS) is compared as it really is.
    tops = {os.path.normpath(folder.absolute()), os.path.realpath(folder)}
    return any(here == top or here.startswith(top.rstrip(os.sep) + os.sep) for top in tops)
