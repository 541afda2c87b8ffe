"""Untrusted SVG images (logos): checked by structure and size, then drawn as pixels by resvg.

SVG from a pull request is a program for a renderer: it can nest `<use>` into billions of
shapes, refer to itself, or give sizes no renderer expects. Every such file is refused at
validation with one message; what passes is drawn by resvg, which is made for untrusted SVG,
reads no file and fetches nothing, and needs no system library. Both deck formats show the
pixels resvg draws, so neither PowerPoint's importer nor WeasyPrint ever parses a stranger's SVG.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kamdoc.limits import MAX_PIXELS
from kamdoc.limits import MAX_SVG_DEPTH as MAX_DEPTH
from kamdoc.limits import MAX_SVG_DRAWN as MAX_DRAWN
from kamdoc.limits import MAX_SVG_ELEMENTS as MAX_ELEMENTS

TRIAL_PX = 64
"""The size at which validation draws the image once to be sure resvg can."""

_UNITS = {"": 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}
_LENGTH = re.compile(r"\s*([+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)\s*([a-zA-Z%]*)\s*\Z")
_URL_REF = re.compile(r"url\(\s*['\"]?([^)'\"]*)['\"]?\s*\)")
_SAFE_DATA = ("data:image/png", "data:image/jpeg", "data:image/jpg", "data:image/gif", "data:image/webp")


class SvgRefused(Exception):
    """The SVG cannot be used: the message says why, starting after the file's name."""


@dataclass(frozen=True)
class SvgSize:
    """An SVG image's own size in CSS pixels."""

    width: float
    height: float


def check_svg(data: bytes) -> SvgSize:
    """The size of an SVG that is safe and small enough to draw, or SvgRefused saying what is wrong."""
    root = _parse(data)
    elements = _walk(root)
    ids = {str(e.attrib["id"]): e for e, _ in elements if "id" in e.attrib}
    for element, _ in elements:
        _check_element(element)
    _check_drawn(root, ids)
    size = _size(root)
    if size.width * size.height > MAX_PIXELS:
        raise SvgRefused(
            f"is {size.width:g}×{size.height:g} pixels large; at most {MAX_PIXELS // 1_000_000} megapixels are allowed"
        )
    _trial(data, size)
    return size


def _parse(data: bytes) -> Any:
    import defusedxml.ElementTree as SafeXML
    from defusedxml import DefusedXmlException

    try:
        root = SafeXML.fromstring(data)
    except DefusedXmlException:
        raise SvgRefused("is an SVG with entity or DTD declarations, which are refused") from None
    except Exception:  # expat's errors for broken XML come in several kinds; all mean the same here
        raise SvgRefused("is not well-formed SVG") from None
    if _local(root.tag) != "svg":
        raise SvgRefused("is XML but not an SVG image")
    return root


def _local(name: Any) -> str:
    return str(name).rsplit("}", 1)[-1]


def _walk(root: Any) -> list[tuple[Any, int]]:
    """Every element with its depth, refusing files with too many or too deeply nested elements."""
    found: list[tuple[Any, int]] = []
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise SvgRefused(f"nests elements deeper than {MAX_DEPTH} levels")
        found.append((element, depth))
        if len(found) > MAX_ELEMENTS:
            raise SvgRefused(f"has more than {MAX_ELEMENTS:,} elements")
        stack.extend((child, depth + 1) for child in reversed(list(element)))
    return found


def _check_element(element: Any) -> None:
    name = _local(element.tag)
    if name in ("script", "foreignObject"):
        raise SvgRefused(f"is an SVG with <{name}>, which is refused")
    if name == "style" and ("@import" in (element.text or "") or _outside_refs(element.text or "")):
        raise SvgRefused("is an SVG whose style sheet refers to another file or URL; embed it or remove it")
    for attr, value in element.attrib.items():
        value = str(value)
        if _local(attr) == "href" and not value.startswith("#"):
            if value.lower().startswith("data:image/svg"):
                raise SvgRefused("is an SVG with another SVG embedded in it, which is refused; embed it as PNG")
            if not value.lower().startswith(_SAFE_DATA):
                raise SvgRefused(
                    f"is an SVG that refers to another file or URL ('{value[:80]}'); embed it or remove it"
                )
            _check_embedded(value)
        elif _outside_refs(value):
            raise SvgRefused(f"is an SVG that refers to another file or URL ('{value[:80]}'); embed it or remove it")


def _check_embedded(uri: str) -> None:
    """An image embedded as a data: URI is a picture of its own: it has to be readable and within the pixel cap."""
    import base64
    import binascii
    import io
    import warnings

    from PIL import Image

    head, _, body = uri.partition(",")
    try:
        raw = base64.b64decode(body, validate=False) if head.endswith(";base64") else body.encode()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw)) as picture:
                width, height = picture.size
    except Image.DecompressionBombError:
        raise SvgRefused(
            f"has an embedded image with too many pixels; at most {MAX_PIXELS // 1_000_000} megapixels are allowed"
        ) from None
    except (binascii.Error, ValueError, OSError):
        raise SvgRefused("has an embedded image that is damaged or not a PNG, JPEG, GIF or WebP") from None
    if width * height > MAX_PIXELS:
        raise SvgRefused(
            f"has an embedded image of {width}×{height} pixels; at most {MAX_PIXELS // 1_000_000} megapixels are allowed"
        )


def _outside_refs(text: str) -> bool:
    return any(
        not ref.strip().startswith("#") and not ref.strip().lower().startswith(_SAFE_DATA)
        for ref in _URL_REF.findall(text)
    )


def _refs(element: Any) -> Iterable[str]:
    """The ids an element draws from: `<use href="#a">`, `fill="url(#p)"`, and the like in its style."""
    for attr, value in element.attrib.items():
        value = str(value)
        if _local(attr) == "href" and value.startswith("#"):
            yield value[1:]
        else:
            for ref in _URL_REF.findall(value):
                if ref.strip().startswith("#"):
                    yield ref.strip()[1:]


def _check_drawn(root: Any, ids: dict[str, Any]) -> None:
    """Refuse references that lead back to themselves, and files whose references multiply what is drawn.

    The cost of an element is itself, its children and everything it refers to; each id's cost is
    worked out once (depth-first, without recursion), so a 1 KB `<use>` bomb is measured, not drawn.
    """
    cost: dict[int, int] = {}
    neighbours: dict[int, list[Any]] = {}  # each element's children and references, found once
    on_path: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        element, done = stack.pop()
        key = id(element)
        if done:
            on_path.discard(key)
            total = 1 + sum(cost[id(n)] for n in neighbours[key])
            if total > MAX_DRAWN:
                raise SvgRefused(
                    f"would draw more than {MAX_DRAWN:,} elements once its <use> references are followed; "
                    "simplify the image or save it as PNG"
                )
            cost[key] = total
            continue
        if key in cost:
            continue
        on_path.add(key)
        stack.append((element, True))
        neighbours[key] = _next(element, ids)
        for neighbour in neighbours[key]:
            if id(neighbour) in on_path:
                raise SvgRefused(
                    f"is an SVG that refers to itself (through '#{neighbour.attrib.get('id', '')}'), which no renderer can draw"
                )
            if id(neighbour) not in cost:
                stack.append((neighbour, False))


def _next(element: Any, ids: dict[str, Any]) -> list[Any]:
    return [*element, *(ids[ref] for ref in _refs(element) if ref in ids)]


def _size(root: Any) -> SvgSize:
    """The image's own size: its width and height, else its viewBox."""
    box = _view_box(root.attrib.get("viewBox"))
    width, height = (_length(root.attrib.get(name), name) for name in ("width", "height"))
    if width is not None and height is not None:
        return SvgSize(width, height)
    if box is not None:
        w, h = box
        # One of width and height given: the other follows the viewBox's proportions.
        if width is not None:
            return SvgSize(width, width * h / w)
        if height is not None:
            return SvgSize(height * w / h, height)
        return SvgSize(w, h)
    raise SvgRefused(
        'has neither a width and height nor a viewBox, so it has no size to show it at; add viewBox="0 0 W H"'
    )


def _length(value: str | None, name: str) -> float | None:
    if value is None:
        return None
    match = _LENGTH.match(value)
    if match is None:
        raise SvgRefused(
            f"has a {name} of '{value[:40]}', which is not a length (a number, optionally with px, pt, mm, cm or in)"
        )
    number, unit = float(match.group(1)), match.group(2).lower()
    if unit == "%":
        raise SvgRefused(
            f"gives its {name} in percent ('{value[:40]}'); give it in pixels, or leave it out and give a viewBox"
        )
    if unit not in _UNITS:
        raise SvgRefused(f"has a {name} of '{value[:40]}': use px, pt, mm, cm or in")
    pixels = number * _UNITS[unit]
    if not math.isfinite(pixels) or pixels <= 0:
        raise SvgRefused(f"has a {name} of '{value[:40]}'; it must be more than 0")
    return pixels


def _view_box(value: str | None) -> tuple[float, float] | None:
    if value is None:
        return None
    parts = value.replace(",", " ").split()
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        numbers = []
    if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers) or numbers[2] <= 0 or numbers[3] <= 0:
        raise SvgRefused(
            f"has a viewBox of '{value[:60]}'; it must be four numbers: x, y and a width and height more than 0"
        )
    return numbers[2], numbers[3]


def _trial(data: bytes, size: SvgSize) -> None:
    """Draw the image once, small, so that what resvg cannot draw is refused now and not in the middle of a build."""
    try:
        to_png(data, *fit(size, TRIAL_PX, TRIAL_PX), fonts=())
    except ValueError as exc:
        raise SvgRefused(f"cannot be drawn ({exc}); save it again from a drawing program, or as PNG") from None


def fit(size: SvgSize, width: float, height: float) -> tuple[int, int]:
    """Whole pixels for the image inside `width` × `height`, keeping its proportions."""
    scale = min(width / size.width, height / size.height)
    return max(1, round(size.width * scale)), max(1, round(size.height * scale))


def to_png(data: bytes, width_px: int, height_px: int, fonts: Sequence[Path]) -> bytes:
    """The SVG (checked by `check_svg`) as PNG pixels of exactly this size, its text in the given font files."""
    import resvg_py

    # System fonts are not loaded: scanning them costs more than the drawing, and a logo's text then
    # looks the same on every machine (in the deck's own fonts when the one it names is missing).
    return bytes(
        resvg_py.svg_to_bytes(
            svg_string=data.decode("utf-8", errors="replace"),
            width=width_px,
            height=height_px,
            skip_system_fonts=True,
            font_files=[str(f) for f in fonts] or None,
        )
    )
