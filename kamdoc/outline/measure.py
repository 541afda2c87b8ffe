"""Text metrics from the theme's real fonts: how wide a text is and how it wraps into a box."""

from __future__ import annotations

import hashlib
import json
import os
import re
from functools import cache
from pathlib import Path

import regex

from kamdoc.errors import KamdocError
from kamdoc.outline.memo import Memo

LINE_SPACING = 1.2
"""Line height as a multiple of the font size, as both renderers set it."""


def _cache_file(font_file: Path, folder: Path) -> Path | None:
    """Where in `folder` the advance widths of a font file are kept between runs (they only change with the file)."""
    try:
        stat = font_file.stat()
    except OSError:
        return None
    key = hashlib.sha256(f"{font_file.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:24]
    return folder / f"metrics-{key}.json"


def _read_cache(cached: Path) -> tuple[dict[int, float], float] | None:
    """The widths kept in a cache file, or None when it is missing, unreadable or damaged (then the font is read)."""
    try:
        data = json.loads(cached.read_text(encoding="utf-8"))
        return {int(code): float(width) for code, width in data["widths"].items()}, float(data["fallback"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _write_cache(cached: Path, widths: dict[int, float], fallback: float) -> None:
    """Keep the widths for the next run; where that cannot be (a read-only home, a full disk), silently not: a cache only saves time."""
    tmp = cached.with_suffix(f".{os.getpid()}.tmp")
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps({"widths": widths, "fallback": fallback}), encoding="utf-8")
        os.replace(tmp, cached)
    except OSError:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass  # nothing of ours could be written there, so nothing is left behind


@cache
def _advances(font_file: Path, cache_folder: Path | None) -> tuple[dict[int, float], float]:
    """Advance widths per code point in em, and the width used for characters the font lacks.

    With a `cache_folder`, they are kept there between runs; without one, nothing is written.
    """
    cached = _cache_file(font_file, cache_folder) if cache_folder is not None else None
    kept = _read_cache(cached) if cached is not None else None
    if kept is not None:
        return kept
    from fontTools.ttLib import TTFont

    from kamdoc.theme.fonts import quiet_fonttools

    try:
        with quiet_fonttools():  # load_theme checked a theme's own font; its warnings would say it again
            font = TTFont(str(font_file), lazy=True)
            per_em = font["head"].unitsPerEm
            metrics = font["hmtx"].metrics
            # A glyph the cmap names but hmtx lacks is measured as an unknown character.
            widths = {
                code: metrics[glyph][0] / per_em for code, glyph in font.getBestCmap().items() if glyph in metrics
            }
            font.close()
    except Exception as exc:  # noqa: BLE001 - a machine's damaged font (not checked as a theme's are) fails in many ways
        raise KamdocError(
            f"{font_file}: error: the font file cannot be read ({type(exc).__name__}: {str(exc)[:120]}); "
            "install the font again, or name another in the theme's font settings"
        ) from None
    fallback = max(widths.get(ord("M"), 0.8), 0.8)  # wide, so that an unknown glyph never overflows
    if cached is not None:
        _write_cache(cached, widths, fallback)
    return widths, fallback


_SEEN_MAX = 200_000
"""Texts whose width a Metrics remembers."""


class Metrics:
    """Measures text in points with one font file; its widths are kept in `cache_folder` between runs when one is given."""

    def __init__(self, font_file: Path, cache_folder: Path | None = None) -> None:
        self.widths, self.fallback = _advances(font_file, cache_folder)
        self._seen: dict[
            str, float
        ] = {}  # text -> width at 1 pt: layouts try several sizes and widths with the same texts
        self._wraps: Memo[tuple[str, float, float], tuple[str, ...]] = Memo()
        self._breaks: Memo[tuple[tuple[tuple[str, bool], ...], float, float, Metrics], tuple[int, ...]] = Memo()

    def width(self, text: str, size: float) -> float:
        unit = self._seen.get(text)
        if unit is None:
            get, fallback = self.widths.get, self.fallback
            unit = sum([get(code, fallback) for code in map(ord, text)])
            if len(self._seen) < _SEEN_MAX:  # bounded: a stranger's plan cannot grow it without end
                self._seen[text] = unit
        return unit * size

    def wrap(self, text: str, size: float, width: float) -> list[str]:
        """The lines `text` takes in a box `width` points wide: greedy word wrap, as PowerPoint wraps (also after a
        word's hyphen or dash); words too long are broken."""
        # Boxes and cells are measured at each size and width tried, often more than once.
        return list(
            self._wraps.recall((text, size, width), lambda: (tuple(self._wrap(text, size, width)), 2 * len(text)))
        )

    def _wrap(self, text: str, size: float, width: float) -> list[str]:
        """`wrap`'s lines, worked out."""
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line = ""
            for word in paragraph.split(" "):
                for k, piece in enumerate(pieces_of(word)):
                    candidate = f"{line} {piece}" if line and not k else line + piece
                    if self.width(candidate, size) <= width:
                        line = candidate
                        continue
                    if line:
                        lines.append(line)
                    line = piece
                    while True:  # a word longer than the line is broken; each piece is measured once
                        cut = self.chars_fitting(line, size, width)
                        if cut >= len(line):
                            break
                        lines.append(line[:cut])
                        line = line[cut:]
            lines.append(line)
        return lines

    def chars_fitting(self, word: str, size: float, width: float) -> int:
        """How many of the word's first characters fit `width` points (at least one character cluster), measured in one pass.

        The count ends between grapheme clusters: a Thai vowel sign stays with its consonant, an emoji sequence whole.
        """
        total = 0.0
        get, fallback = self.widths.get, self.fallback
        taken = 0
        for cluster in clusters(word):
            total += sum([get(code, fallback) for code in map(ord, cluster)]) * size
            if total > width:
                return taken or len(cluster)
            taken += len(cluster)
        return len(word)

    def lines_of_runs(self, runs: list[tuple[str, bool]], size: float, width: float, bold: Metrics) -> int:
        """How many lines styled runs ((text, is_bold), …) take in a box `width` points wide."""
        forced = sum(text.count("\n") for text, _ in runs)
        return 1 + forced + len(self.break_runs(runs, size, width, bold))

    def break_runs(self, runs: list[tuple[str, bool]], size: float, width: float, bold: Metrics) -> list[int]:
        """Where styled runs wrap in a box `width` points wide: the offsets, in their joined text, at which lines begin.

        Greedy, like both renderers: a line takes words while they fit; a word longer than a line is
        broken between characters. Forced breaks ("\n") start lines too but are not listed.
        """
        # A paragraph's height is asked for at each size and box tried, often again.
        kept = self._breaks.recall(
            (tuple(runs), size, width, bold),
            lambda: (tuple(self._break_runs(runs, size, width, bold)), sum(len(t) for t, _ in runs)),
        )
        return list(kept)

    def _break_runs(self, runs: list[tuple[str, bool]], size: float, width: float, bold: Metrics) -> list[int]:
        """`break_runs`'s offsets, worked out."""
        breaks: list[int] = []
        used = 0.0
        for start, word, pieces, space in _words(runs, size, bold, self):
            if used and used + word > width:
                breaks.append(start)
                used = 0.0
            if word > width:
                word = _break_word(pieces, size, width, start, breaks)
            used = 0.0 if space < 0 else used + word + space
        return breaks


_SEPARATOR = re.compile(r"([ \n])")


BREAK_AFTER = re.compile(r"(?<=[^\s\-–]–)(?=\S)|(?<=[^\s\-–]-)(?=[^\W\d_])")
"""Where a word may wrap besides its spaces, as PowerPoint and LibreOffice wrap it: after a dash ("2027–" "2029"), and
after a hyphen before a letter ("e-" "commerce"; never "-5" or "2027-2029", a number's)."""


def pieces_of(word: str) -> list[str]:
    """A word's pieces a line may end after: at its dashes and hyphens, but a web address whole (as both renderers
    keep it)."""
    if "-" not in word and "–" not in word or "://" in word or word.startswith("www."):
        return [word]
    return BREAK_AFTER.split(word)


_Pieces = list[tuple[str, "Metrics"]]
"""A word's parts, each with the font it is set in (a word may be partly bold)."""


def _words(
    runs: list[tuple[str, bool]], size: float, bold: Metrics, regular: Metrics
) -> list[tuple[int, float, _Pieces, float]]:
    """The words of styled runs: where each starts, its width, its parts, and the width of the space after it (-1: a forced break).

    Each part is measured whole, so a word met before (in another layout tried) costs a look-up, not a sum.
    """
    words: list[tuple[int, float, _Pieces, float]] = []
    start = offset = 0
    width = 0.0
    pieces: _Pieces = []
    for text, is_bold in runs:
        metrics = bold if is_bold else regular
        for part in _SEPARATOR.split(text):
            if part == " " or part == "\n":
                words.append((start, width, pieces, -1.0 if part == "\n" else metrics.widths.get(32, 0.28) * size))
                width, pieces = 0.0, []
                offset += 1
                start = offset
            elif part:
                if "-" not in part and "–" not in part:  # most words: one piece, as `pieces_of` gives it
                    width += metrics.width(part, size)
                    pieces.append((part, metrics))
                    offset += len(part)
                    continue
                subs = pieces_of(part)
                for k, sub in enumerate(subs):
                    width += metrics.width(sub, size)
                    pieces.append((sub, metrics))
                    offset += len(sub)
                    if k < len(subs) - 1:  # a hyphen or dash the line may end after: a word of its own, no space
                        words.append((start, width, pieces, 0.0))
                        width, pieces = 0.0, []
                        start = offset
    words.append((start, width, pieces, 0.0))
    return words


def _break_word(pieces: _Pieces, size: float, width: float, start: int, breaks: list[int]) -> float:
    """A word wider than the line, broken between grapheme clusters (the offsets added to `breaks`); the width of its last line."""
    used, k = 0.0, start
    for part, metrics in pieces:
        get, fallback = metrics.widths.get, metrics.fallback
        for cluster in clusters(part):
            wide = sum([get(code, fallback) for code in map(ord, cluster)]) * size
            if used and used + wide > width:
                breaks.append(k)
                used = 0.0
            used += wide
            k += len(cluster)
    return used


_CLUSTER = regex.compile(r"\X")


def clusters(text: str) -> list[str]:
    """The text's extended grapheme clusters (Unicode's user-perceived characters): the only places a word may be broken."""
    return _CLUSTER.findall(text)
