"""The HTML renderer: the PDF's deck as one self-contained web page — fonts and pictures inside it, nothing fetched."""

from __future__ import annotations

import base64
import re
from datetime import datetime
from pathlib import Path

from kamdoc.errors import KamdocError
from kamdoc.outline.deck import Deck
from kamdoc.render.pdf import Fetcher, deck_html
from kamdoc.theme.fonts import font_bytes
from kamdoc.theme.settings import Theme

MEDIA_TYPES = {
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
"""The media type of each kind of file a deck's page embeds or the preview serves, by its suffix."""
_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; base-uri 'none'; form-action 'none'"
)
"""The page may use its own styles, fonts and pictures and nothing else: no script runs, nothing is fetched."""
_SCREEN = """
@media screen {
  html { background: #E5E7EB; }
  body { padding: 24pt 0; }
  .slide { margin: 0 auto 24pt; box-shadow: 0 2pt 10pt rgba(0, 0, 0, 0.18); }
}
"""
"""On a screen, the slides one under the other, each a card; printed, the page is the PDF's."""


class _Inline(Fetcher):
    """Gives each file kamdoc chose as a data: URL inside the page, so that the page reads no file and no network.

    Fonts are cut down to the characters the deck uses (fontTools' subsetter): a deck's page stays small.
    """

    def __init__(self, characters: str) -> None:
        super().__init__()
        self.characters = characters

    def url_for(self, path: Path) -> str:
        kind = MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream")
        data = _subset(font_bytes(path), self.characters)  # only fonts come by path
        return f"data:{kind};base64,{base64.b64encode(data).decode()}"

    def url_for_bytes(self, name: str, data: bytes) -> str:
        kind = MEDIA_TYPES.get(Path(name).suffix.lower(), "application/octet-stream")
        return f"data:{kind};base64,{base64.b64encode(data).decode()}"


def _subset(font: bytes, characters: str) -> bytes:
    """A font file with only the glyphs these characters need."""
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = ["*"]  # kerning and ligatures as the full font has them
    options.drop_tables += ["FFTM"]  # FontForge's time stamp: no glyphs in it, and fontTools would say it dropped it
    face = TTFont(io.BytesIO(font), recalcTimestamp=False)  # the font's own date, not the time of the render
    cutter = subset.Subsetter(options)
    cutter.populate(text=characters)
    cutter.subset(face)
    out = io.BytesIO()
    face.save(out)
    return out.getvalue()


def _characters(deck: Deck) -> str:
    """Every character the page may show: the slides' texts, titles, tables and footers, and what charts print."""
    seen = set("0123456789.,:;%+-−–—()/ €$#·…→↔●○▲▼ \u00a0\u202f") | set(deck.footer) | set(deck.title)
    for slide in deck.slides:
        seen |= set(slide.title) | set(str(slide.number))
        for element in slide.elements:
            seen |= set(repr(element))  # every string an element holds, names and labels included
    return "".join(sorted(seen))


def render_html(deck: Deck, theme: Theme, created: datetime) -> bytes:
    """The deck as one HTML file: the PDF's templates and escaping, its fonts and logo embedded, a policy that allows nothing else."""
    page = deck_html(deck, theme, created, _Inline(_characters(deck)))
    policy = f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">'
    page = page.replace("<head>", f"<head>\n{policy}", 1).replace("</style>", f"{_SCREEN}</style>", 1)
    return page.encode("utf-8")


_STYLES = re.compile(r"<style\b[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)
_BODY = re.compile(r"<body\b[^>]*>(.*)</body>", re.DOTALL | re.IGNORECASE)


def deck_parts(deck: Deck, theme: Theme, created: datetime, fetcher: Fetcher) -> tuple[str, str]:
    """The deck's stylesheet and its slides, for a page that shows them in its own frame (the live preview).

    They come from the PDF's templates as they are: plan text is escaped there, so it cannot end the
    style or the body early.
    """
    page = deck_html(deck, theme, created, fetcher)
    body = _BODY.search(page)
    if body is None:
        raise KamdocError("the theme's deck.html.j2 has no <body>…</body>: the preview cannot find its slides")
    head = page[: body.start()]
    return "\n".join(_STYLES.findall(head)), body.group(1)
