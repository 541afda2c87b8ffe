"""Files a plan names (logos, Markdown images, sidecar Markdown), checked by what they contain."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kamdoc.findings import quoted
from kamdoc.load import FileRefused, read_capped, resolve_ref

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 25_000_000

_SVG_LENGTH = re.compile(r"\s*([0-9.]+)\s*(px)?\s*\Z")


@dataclass(frozen=True)
class Image:
    """An image file that passed the checks."""

    path: Path
    kind: str  # "png", "jpeg" or "svg"
    width: float
    height: float


def check_image(ref: str, base: Path, repo: Path) -> Image:
    """The image `ref` names, if it is a PNG, JPEG or SVG inside the repo within the size caps."""
    path = resolve_ref(ref, base, repo)
    data = read_capped(path, MAX_IMAGE_BYTES, quoted(ref))
    if data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff"):
        return _raster(ref, path, data)
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in data[:4096]:
        return _svg(ref, path, data)
    return _refuse_kind(ref, data)


def _refuse_kind(ref: str, data: bytes) -> Image:
    what = "text" if _looks_like_text(data) else "not an image kamdoc knows"
    raise FileRefused(f"{quoted(ref)} is not a PNG, JPEG or SVG image (its content is {what}); images are checked by content, not by name")


def _looks_like_text(data: bytes) -> bool:
    try:
        data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in data[:4096]


def _raster(ref: str, path: Path, data: bytes) -> Image:
    import io
    import warnings

    from PIL import Image as PILImage

    try:
        with warnings.catch_warnings():
            # Pillow warns on large images; we apply our own, lower cap below.
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            with PILImage.open(io.BytesIO(data)) as img:
                width, height = img.size
                kind = (img.format or "").lower()
                if width * height > MAX_PIXELS:
                    raise FileRefused(f"{quoted(ref)} has {width}×{height} pixels; at most {MAX_PIXELS // 1_000_000} megapixels are allowed")
                img.verify()
    except FileRefused:
        raise
    except PILImage.DecompressionBombError:
        raise FileRefused(f"{quoted(ref)} has too many pixels; at most {MAX_PIXELS // 1_000_000} megapixels are allowed") from None
    except Exception:  # Pillow raises many kinds for broken files; all mean the same to the user
        raise FileRefused(f"{quoted(ref)} is a damaged image file") from None
    if kind not in ("png", "jpeg"):
        raise FileRefused(f"{quoted(ref)} is not a PNG, JPEG or SVG image")
    return Image(path, kind, width, height)


def _svg(ref: str, path: Path, data: bytes) -> Image:
    import defusedxml.ElementTree as SafeXML
    from defusedxml import DefusedXmlException

    try:
        root = SafeXML.fromstring(data)
    except DefusedXmlException:
        raise FileRefused(f"{quoted(ref)} is an SVG with entity or DTD declarations, which are refused") from None
    except Exception:
        raise FileRefused(f"{quoted(ref)} is not well-formed SVG") from None
    if root.tag not in ("svg", "{http://www.w3.org/2000/svg}svg"):
        raise FileRefused(f"{quoted(ref)} is XML but not an SVG image")
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] in ("script", "foreignObject"):
            raise FileRefused(f"{quoted(ref)} is an SVG with <{element.tag.rsplit('}', 1)[-1]}>, which is refused")
        for name, value in element.attrib.items():
            if name.rsplit("}", 1)[-1] == "href" and not value.startswith(("#", "data:image/")):
                raise FileRefused(f"{quoted(ref)} is an SVG that refers to another file or URL ({quoted(value)}); embed it or remove it")
    width, height = _svg_size(root)
    if width * height > MAX_PIXELS:
        raise FileRefused(f"{quoted(ref)} is {width:g}×{height:g} pixels large; at most {MAX_PIXELS // 1_000_000} megapixels are allowed")
    return Image(path, "svg", width, height)


def _svg_size(root: object) -> tuple[float, float]:
    attrib = getattr(root, "attrib", {})
    width = _SVG_LENGTH.match(attrib.get("width", ""))
    height = _SVG_LENGTH.match(attrib.get("height", ""))
    if width and height:
        return float(width.group(1)), float(height.group(1))
    box = attrib.get("viewBox", "").replace(",", " ").split()
    if len(box) == 4:
        try:
            return abs(float(box[2])), abs(float(box[3]))
        except ValueError:
            pass
    return 300.0, 150.0  # the CSS default size of a replaced element without one


def markdown_images(text: str) -> list[tuple[str, int, int]]:
    """Each image a Markdown text shows: its source and the 0-based line and column where it is written."""
    if "![" not in text:
        return []  # parsing is the slow part of validation; most texts have no image
    import bisect
    from urllib.parse import unquote

    from markdown_it import MarkdownIt

    line_starts = [0]
    for source_line in text.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(source_line))
    found = []
    offset = 0
    for token in MarkdownIt("commonmark", {"html": False}).parse(text):
        images = [child for child in token.children or () if child.type == "image"]
        if not images:
            continue
        offset = max(offset, line_starts[token.map[0]] if token.map else 0)
        for image in images:
            # Images come in document order, so the next "![" from here is this one's.
            at = text.find("![", offset)
            offset = at + 2 if at >= 0 else offset
            line = max(0, bisect.bisect_right(line_starts, at) - 1)
            found.append((unquote(str(image.attrs.get("src", ""))), line, max(0, at - line_starts[line])))
    return found


def svg_to_png(path: Path, width_px: int) -> bytes:
    """An SVG (already checked by `check_image`) as PNG pixels, for formats that cannot show SVG."""
    from cairosvg.surface import PNGSurface

    def refuse(url: str, *args: object, **kwargs: object) -> object:
        # Checked SVGs refer to nothing outside; should one still try, nothing is fetched or read.
        raise FileRefused(f"the SVG refers to {url}, which is not read")

    return PNGSurface.convert(bytestring=path.read_bytes(), output_width=width_px, url_fetcher=refuse)  # type: ignore[no-any-return]
