"""Hostile themes for the fuzzer and the theme tests: broken font files and odd slide sizes, each made from a random.Random."""

from __future__ import annotations

import io
import random
from collections.abc import Callable

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

_CHARS = " ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.,:;-–%€()/&'\"?!äöüßÄÖÜ→↗↘·•"


def good_font(rng: random.Random) -> bytes:
    """A small TrueType font that maps the characters a deck uses, each glyph a box of a random width."""
    names = [".notdef", *(f"g{i}" for i in range(len(_CHARS)))]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): f"g{i}" for i, c in enumerate(_CHARS)})
    pen = TTGlyphPen(None)
    pen.moveTo((50, 0))
    pen.lineTo((50, 700))
    pen.lineTo((450, 700))
    pen.closePath()
    glyph = pen.glyph()
    builder.setupGlyf({name: glyph for name in names})
    builder.setupHorizontalMetrics({name: (rng.randint(250, 900), 50) for name in names})
    builder.setupHorizontalHeader(ascent=900, descent=-200)
    builder.setupNameTable({"familyName": "Fuzz Sans", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=900, sTypoDescender=-200, usWinAscent=900, usWinDescent=200)
    builder.setupPost()
    out = io.BytesIO()
    builder.save(out)
    return out.getvalue()


def _rebuilt(data: bytes, change: Callable[[TTFont], None]) -> bytes:
    """A font's bytes after `change` was made to its tables."""
    font = TTFont(io.BytesIO(data))
    change(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _no_table(tag: str) -> Callable[[TTFont], None]:
    """A change that takes one table out of a font."""

    def change(font: TTFont) -> None:
        del font[tag]

    return change


def _units_per_em(value: int) -> Callable[[TTFont], None]:
    """A change that gives a font's head table other units per em."""

    def change(font: TTFont) -> None:
        font["head"].unitsPerEm = value

    return change


def _empty_cmap(font: TTFont) -> None:
    """Every cmap subtable emptied: the font maps no character."""
    for table in font["cmap"].tables:
        table.cmap = {}


BROKEN_FONTS = (
    "garbage",
    "empty",
    "truncated",
    "units_per_em_0",
    "no_cmap",
    "empty_cmap",
    "no_hmtx",
    "no_hhea",
    "no_head",
    "flipped_bytes",
)
"""The kinds of broken font `broken_font` makes; each must end in one message at the font or its theme.yaml line."""


def broken_font(rng: random.Random, kind: str | None = None) -> tuple[str, bytes]:
    """A broken font file: its kind (one of BROKEN_FONTS, chosen at random unless given) and its bytes."""
    kind = kind or rng.choice(BROKEN_FONTS)
    good = good_font(rng)
    if kind == "garbage":
        return kind, rng.randbytes(rng.randint(1, 4096))
    if kind == "empty":
        return kind, b""
    if kind == "truncated":
        return kind, good[: rng.randint(12, len(good) // 2)]
    if kind == "flipped_bytes":  # the table directory kept, the tables' bytes scrambled
        data = bytearray(good)
        for _ in range(rng.randint(20, 200)):
            data[rng.randrange(100, len(data))] = rng.randrange(256)
        return kind, bytes(data)
    change = {
        "units_per_em_0": _units_per_em(0),
        "no_cmap": _no_table("cmap"),
        "empty_cmap": _empty_cmap,
        "no_hmtx": _no_table("hmtx"),
        "no_hhea": _no_table("hhea"),
        "no_head": _no_table("head"),
    }[kind]
    return kind, _rebuilt(good, change)


def odd_slide(rng: random.Random) -> dict[str, float]:
    """A theme's slide setting at or beyond the edges of what renders: tiny, huge, thin slides and wide margins."""
    sides = (0.5, 1.0, 2.0, 3.99, 4.0, 5.0, 13.333333, 55.9, 56.0, 56.1, 1e9)
    width, height = rng.choice(sides), rng.choice(sides)
    margin = rng.choice((0.0, 0.1, 0.5, 0.8, 1.5, 2.5, 5.0, 5.1, -1.0))
    return {"width_in": width, "height_in": height, "margin_in": margin}


def odd_sizes(rng: random.Random) -> dict[str, float]:
    """Text sizes at or beyond the edges of what a theme may set."""
    return {
        name: rng.choice((3.9, 4.0, 10.0, 28.0, 72.0, 72.1, 200.0))
        for name in ("title", "subtitle", "body", "small", "footer", "minimum")
    }


def theme_yaml(rng: random.Random) -> str:
    """A theme.yaml with an odd slide and odd text sizes."""
    slide, sizes = odd_slide(rng), odd_sizes(rng)
    lines = [
        "slide:",
        *(f"  {k}: {v!r}" for k, v in slide.items()),
        "size:",
        *(f"  {k}: {v!r}" for k, v in sizes.items()),
    ]
    return "\n".join(lines) + "\n"
