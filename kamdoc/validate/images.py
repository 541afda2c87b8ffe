"""Files a plan names (logos, Markdown images, sidecar Markdown), checked by what they contain."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kamdoc.findings import quoted
from kamdoc.limits import MAX_IMAGE_BYTES, MAX_PIXELS
from kamdoc.load.document import Path_, resolve_ref
from kamdoc.load.files import FileRefused, read_capped


@dataclass(frozen=True)
class Image:
    """An image file that passed the checks, with the very bytes that passed them."""

    path: Path
    kind: str  # "png", "jpeg" or "svg"
    width: float
    height: float
    # Decks draw these bytes: a file read again later could have changed since it was checked.
    data: bytes = field(repr=False)


Named = tuple[Path_, str]
"""Where a plan names a file: the path of the value that names it, and the reference written there."""

LOGO: Path_ = ("cover", "logo")
"""Where a plan names its logo."""


def check_image(ref: str, base: Path, repo: Path, known: Mapping[Path, Image] | None = None) -> Image:
    """The image `ref` names, if it is a PNG, JPEG or SVG inside the repo within the size caps.

    A file already in `known` (checked before, by its real path) is not read again.
    """
    path = resolve_ref(ref, base, repo)
    if known is not None and path in known:
        return known[path]
    return image_of(ref, path, read_capped(path, MAX_IMAGE_BYTES, quoted(ref)))


def image_of(ref: str, path: Path, data: bytes) -> Image:
    """The image in `data` (read from `path`, or from a commit), if it is a PNG, JPEG or SVG within the caps."""
    if len(data) > MAX_IMAGE_BYTES:
        raise FileRefused(f"{quoted(ref)} is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB")
    if data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff"):
        return _raster(ref, path, data)
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in data[:4096]:
        return _svg(ref, path, data)
    return _refuse_kind(ref, data)


def _refuse_kind(ref: str, data: bytes) -> Image:
    what = "text" if _looks_like_text(data) else "not an image kamdoc knows"
    raise FileRefused(
        f"{quoted(ref)} is not a PNG, JPEG or SVG image (its content is {what}); images are checked by content, not by name"
    )


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
                    raise FileRefused(
                        f"{quoted(ref)} has {width}×{height} pixels; at most {MAX_PIXELS // 1_000_000} megapixels are allowed"
                    )
                img.verify()
    except FileRefused:
        raise
    except PILImage.DecompressionBombError:
        raise FileRefused(
            f"{quoted(ref)} has too many pixels; at most {MAX_PIXELS // 1_000_000} megapixels are allowed"
        ) from None
    except Exception:  # Pillow raises many kinds for broken files; all mean the same to the user
        raise FileRefused(f"{quoted(ref)} is a damaged image file") from None
    if kind not in ("png", "jpeg"):
        raise FileRefused(f"{quoted(ref)} is not a PNG, JPEG or SVG image")
    return Image(path, kind, width, height, data)


def _svg(ref: str, path: Path, data: bytes) -> Image:
    from kamdoc.validate.svg import SvgRefused, check_svg

    try:
        size = check_svg(data)
    except SvgRefused as exc:
        raise FileRefused(f"{quoted(ref)} {exc}") from None
    return Image(path, "svg", size.width, size.height, data)


def markdown_images(text: str) -> list[tuple[str, int, int]]:
    """Each image a Markdown text shows: its source and the 0-based line and column where it is written."""
    if "![" not in text:
        return []  # parsing is the slow part of validation; most texts have no image
    import bisect
    from urllib.parse import unquote

    from kamdoc.validate.markdown import parser

    line_starts = [0]
    for source_line in text.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(source_line))
    found = []
    offset = 0
    for token in parser().parse(text):
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


def svg_to_png(data: bytes, width_px: int, height_px: int, fonts: tuple[Path, ...]) -> bytes:
    """An SVG's bytes (already checked by `check_image`) as PNG pixels, for decks: neither format is handed a stranger's SVG."""
    from kamdoc.validate.svg import to_png

    return to_png(data, width_px, height_px, fonts)
