"""Font files by name: in a theme's fonts/ folders first, then among the system's fonts; and checked before use."""

from __future__ import annotations

import functools
import io
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kamdoc.errors import KamdocError
from kamdoc.limits import MAX_THEME_FONT_BYTES

_FONT_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".fonts",
    Path.home() / ".local/share/fonts",
    Path("/Library/Fonts"),
    Path("/System/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)

_NEEDED = ("head", "hhea", "hmtx", "cmap")
"""The tables text is measured with: units per em, advance widths, and which glyph each character has."""
_UNITS_PER_EM = (16, 16384)
"""The units per em the OpenType specification allows (head.unitsPerEm)."""


def find_font(name: str, folders: tuple[Path, ...]) -> Path | None:
    """A font file by its name: in a theme folder's fonts/ first, then among the system's fonts."""
    if any(c in name for c in "/\\*?[") or name.startswith("."):
        return None  # a plain name, no path or pattern: nothing outside the font folders is read
    for folder in folders:
        found = folder / "fonts" / name
        if found.is_file() or found.is_symlink():  # a link is found, so that the check can say where it points
            return found
    for root in _FONT_DIRS:
        if root.is_dir():
            system = next(root.rglob(name), None)
            if system:
                return system
    return None


def font_problem(path: Path, folders: tuple[Path, ...]) -> str | None:
    """What keeps a font file from being used (outside the theme's work tree, too large, not a font), or None."""
    from kamdoc.load.document import find_repo, in_git_folder, inside
    from kamdoc.load.files import FileRefused, read_capped

    for folder in folders:  # a theme's own font comes from a stranger: it must stay inside the theme's work tree
        if inside(path, folder, real=False):
            tree = find_repo(folder / "theme.yaml")
            if in_git_folder(path, tree) or not inside(path, tree):
                return f"it is a link to a file outside the theme's work tree ({tree}); put the font file itself in {folder / 'fonts'}"
    try:
        stat = os.stat(path)
    except OSError as exc:
        return f"cannot read the font file: {exc.strerror}"
    key = (os.path.realpath(path), stat.st_size, stat.st_mtime_ns)
    if key not in _CHECKED:
        try:
            _CHECKED[key] = _bytes_problem(read_capped(path, MAX_THEME_FONT_BYTES, "the font file"))
        except FileRefused as exc:
            return str(exc)
        if len(_CHECKED) > _CHECKED_MAX:  # bounded: a long watch over changing fonts keeps only the latest
            del _CHECKED[next(iter(_CHECKED))]
    return _CHECKED[key]


def font_bytes(path: Path) -> bytes:
    """A checked font file's bytes, within the cap fonts are checked against; a file that changed into a link, FIFO or giant is one message."""
    from kamdoc.load.files import FileRefused, read_capped

    try:
        return read_capped(Path(os.path.realpath(path)), MAX_THEME_FONT_BYTES, f"the font file {path}", follow=False)
    except FileRefused as exc:
        raise KamdocError(str(exc)) from None


@functools.lru_cache(maxsize=16)
def vertical_metrics(path: Path) -> tuple[float, float]:
    """A checked font's ascent and descent in em, from its hhea table: where Pango (and so WeasyPrint) and browsers
    set a line's baseline between them."""
    from fontTools.ttLib import TTFont

    data = font_bytes(path)
    try:
        with quiet_fonttools():
            font = TTFont(io.BytesIO(data), lazy=True)
            per_em = font["head"].unitsPerEm
            return font["hhea"].ascent / per_em, -font["hhea"].descent / per_em
    except Exception:  # noqa: BLE001 - checked when the theme was loaded: the file has changed since
        raise KamdocError(f"the font file {path} changed while the deck was drawn; render again") from None


_CHECKED: dict[tuple[str, int, int], str | None] = {}
"""Each version of a font file checked so far (a watch or a build checks the same fonts again and again)."""
_CHECKED_MAX = 64


@contextmanager
def quiet_fonttools() -> Iterator[None]:
    """fontTools' warnings about a damaged font held back: the check says what is wrong in one message, or the font serves."""
    logger = logging.getLogger("fontTools")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _bytes_problem(data: bytes) -> str | None:
    """What keeps a font file's bytes from measuring text, as fontTools reads them, or None."""
    from fontTools.ttLib import TTFont

    if not data:
        return "the file is empty"
    try:
        with quiet_fonttools():
            return _tables_problem(TTFont(io.BytesIO(data), lazy=True))
    except Exception as exc:  # noqa: BLE001 - fontTools meets a stranger's damaged tables with many kinds of error
        return f"it is not a TrueType or OpenType font fontTools can read ({type(exc).__name__}: {str(exc)[:120]})"


def _tables_problem(font: Any) -> str | None:
    """What is missing or wrong in the tables kamdoc measures text with, or None; fontTools may raise on damaged ones."""
    missing = [tag for tag in _NEEDED if tag not in font]
    if missing:
        return f"it has no {', '.join(missing)} table, which kamdoc measures text with"
    per_em = font["head"].unitsPerEm
    if not _UNITS_PER_EM[0] <= per_em <= _UNITS_PER_EM[1]:
        return f"its head table gives {per_em} units per em; a font has {_UNITS_PER_EM[0]} to {_UNITS_PER_EM[1]}"
    cmap = font.getBestCmap()
    metrics = font["hmtx"].metrics
    font["hhea"].ascent  # noqa: B018 - read now, so that a damaged table is found here and not while a deck is drawn
    if not cmap or not any(glyph in metrics for glyph in cmap.values()):
        return "its cmap table gives no character a glyph with a width"
    return None
