"""SVG logos from strangers: each hostile one is one validation error within 2 s; good ones draw without system libraries."""

from __future__ import annotations

import base64
import builtins
import shutil
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, TODAY, kamdoc, within
from pptx import Presentation

SVG = DATA / "svg"

# Each file's one message, after "plan.yaml:10:9: error: cover.logo: 'logo.svg' ".
REFUSED = {
    "nan-viewbox.svg": "has a viewBox of '0 0 NaN NaN'; it must be four numbers",
    "zero-viewbox.svg": "has a viewBox of '0 0 0 0'; it must be four numbers",
    "percent-size.svg": "gives its width in percent ('100%')",
    "bad-width.svg": "has a width of '1.2.3', which is not a length",
    "zero-size.svg": "has a width of '0'; it must be more than 0",
    "no-size.svg": "has neither a width and height nor a viewBox",
    "huge-size.svg": "is 1e+08×1e+08 pixels large; at most 25 megapixels are allowed",
    "self-pattern.svg": "is an SVG that refers to itself (through '#p')",
    "self-use.svg": "is an SVG that refers to itself (through '#g')",
    "use-bomb.svg": "would draw more than 50,000 elements once its <use> references are followed",
    "embedded-svg.svg": "is an SVG with another SVG embedded in it, which is refused",
    "style-import.svg": "is an SVG whose style sheet refers to another file or URL",
    "css-url.svg": "is an SVG that refers to another file or URL ('fill: url(http://127.0.0.1:9/a.svg#x)')",
}


def _plan_with_logo(where: Path, svg: bytes) -> Path:
    shutil.copytree(DATA / "base", where)
    plan = where / "plan.yaml"
    plan.write_text(plan.read_text().replace("logo: logo.png", "logo: logo.svg"))
    (where / "logo.svg").write_bytes(svg)
    return plan


def _one_logo_error(in_tmp: Path, svg: bytes) -> str:
    _plan_with_logo(in_tmp / "p", svg)
    run = within(lambda: kamdoc("validate", "p", "--today", TODAY))
    assert run.code == 1, run.out
    errors = [line for line in run.out.splitlines() if ": error: " in line]
    assert len(errors) == 1, run.out
    assert errors[0].startswith("p/plan.yaml:10:9: error: cover.logo: 'logo.svg' "), errors[0]
    return errors[0].split("'logo.svg' ", 1)[1]


def test_every_refused_svg_file_has_an_expectation() -> None:
    assert sorted(REFUSED) == sorted(p.name for p in SVG.glob("*.svg") if not p.name.startswith("good-"))


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_hostile_svg_is_one_error_at_the_logo(in_tmp: Path, name: str) -> None:
    assert _one_logo_error(in_tmp, (SVG / name).read_bytes()).startswith(REFUSED[name])


def _depth_bomb() -> bytes:
    return (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">' + b"<g>" * 5000 + b"</g>" * 5000 + b"</svg>"
    )


def _element_bomb() -> bytes:
    return b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">' + b"<g/>" * 100_000 + b"</svg>"


def _png_header(width: int, height: int) -> bytes:
    """A PNG that claims a size: its header alone, enough for a reader to believe it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IEND", b"")
    )


def _embedded_png(width: int, height: int) -> bytes:
    uri = "data:image/png;base64," + base64.b64encode(_png_header(width, height)).decode()
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image width="10" height="10" href="{uri}"/></svg>'.encode()


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (_depth_bomb, "nests elements deeper than 64 levels"),
        (_element_bomb, "has more than 10,000 elements"),
        (
            lambda: _embedded_png(6_000, 6_000),
            "has an embedded image of 6000×6000 pixels; at most 25 megapixels are allowed",
        ),
        (
            lambda: _embedded_png(60_000, 60_000),
            "has an embedded image with too many pixels; at most 25 megapixels are allowed",
        ),
    ],
    ids=["depth-bomb", "element-bomb", "embedded-36-megapixels", "embedded-pixel-bomb"],
)
def test_svg_bombs_are_one_error_at_the_logo(in_tmp: Path, make: Any, expected: str) -> None:
    assert _one_logo_error(in_tmp, make()).startswith(expected)


@pytest.fixture
def no_cairo(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a machine without the cairo library: importing anything that needs it fails as it would there."""
    real_import = builtins.__import__

    def guarded(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] in ("cairosvg", "cairocffi"):
            raise OSError('no library called "cairo-2" was found')
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", guarded)


@pytest.mark.parametrize("name", sorted(p.name for p in SVG.glob("good-*.svg")))
def test_good_svg_logo_renders_in_both_formats_without_cairo(in_tmp: Path, name: str, no_cairo: None) -> None:
    _plan_with_logo(in_tmp / "p", (SVG / name).read_bytes())
    run = kamdoc("render", "p", "--to", "pptx,pdf", "--out", "out", "--today", TODAY)
    assert run.code == 0, run.out + run.err
    cover = Presentation(str(in_tmp / "out" / "p.pptx")).slides[0]
    pictures = [shape for shape in cover.shapes if shape.shape_type == 13]
    assert len(pictures) == 1
    assert pictures[0].image.content_type == "image/png"
    from pypdf import PdfReader

    page = PdfReader(str(in_tmp / "out" / "p.pdf")).pages[0]
    images = list(page.images)
    assert len(images) == 1 and images[0].image is not None
    assert images[0].image.width >= 2 * pictures[0].width / 12700  # drawn sharper than one pixel per point
