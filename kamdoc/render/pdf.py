"""The PDF renderer: the outline's slides as HTML pages (Jinja2, theme templates) made into a PDF by WeasyPrint."""

from __future__ import annotations

import functools
import gc
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from kamdoc.errors import KamdocError
from kamdoc.outline.deck import (
    BubbleChart,
    ColumnChart,
    Connector,
    Deck,
    Image,
    LineChart,
    Shape,
    Table,
    Text,
)
from kamdoc.outline.layout import CELL_PAD_X, CELL_PAD_Y, INSET, PARA_GAP, ROW_EXTRA, indent, row_height
from kamdoc.render import html_tree, svg
from kamdoc.render.shared_styles import share_styles
from kamdoc.theme.fonts import font_bytes
from kamdoc.theme.settings import Theme

_BODY = re.compile(r"<body\b[^>]*>")
_EMPTY_PAGE = "<!DOCTYPE html><html><head></head><body></body></html>"
_NEVER_ON_SLIDES = re.compile(
    r"^(?:::(?:marker|footnote-call|footnote-marker|note-call|note-marker|note-callback)"
    r"|[ \t]+@(?:footnote|note-area|(?:top|bottom|left|right)-[a-z-]+))\s*\{[^{}]*\}[ \t]*\n?",
    re.MULTILINE,
)
"""WeasyPrint's default rules for what slides do not have: the pseudo-elements of list items, footnotes and notes, and
the areas of a page's margin (slides' pages have none) and of its footnotes and notes."""


def _flat_colours(theme: Theme) -> dict[str, str]:
    """Theme colours as CSS variable names: attitude.mentor becomes attitude-mentor."""
    out: dict[str, str] = {}
    for name, value in theme.get("colour").items():
        if isinstance(value, dict):
            out.update({f"{name}-{key}": str(v) for key, v in value.items()})
        elif isinstance(value, str):
            out[name] = value
    return out


class NoSplit(Exception):
    """This deck cannot be laid out in parts; it is laid out whole instead."""


@dataclass
class Fetcher:
    """Serves WeasyPrint the few files kamdoc itself chose (fonts, the bytes of checked images) and nothing else.

    Plans come from pull requests: no other file, no URL, no redirect is ever read. Anything else
    asked for is a bug or an attack, and fails the render instead of leaving a hole.
    """

    allowed: dict[str, bytes] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)

    def url_for(self, path: Path) -> str:
        """A URL for a font file the theme chose, read now and within the cap: what is served is what was read."""
        url = path.resolve().as_uri()
        self.allowed[url] = font_bytes(path)
        return url

    def url_for_bytes(self, name: str, data: bytes) -> str:
        """A URL for bytes kamdoc holds: a logo validation checked, or one drawn as pixels."""
        url = f"kamdoc:/made/{len(self.allowed)}/{name}"
        self.allowed[url] = data
        return url

    def make(self) -> Any:
        from weasyprint.urls import (
            FatalURLFetchingError,
            URLFetcher,
            URLFetcherResponse,
        )

        outer = self

        class RepoFetcher(URLFetcher):  # type: ignore[misc]
            def __init__(self) -> None:
                super().__init__(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=True)

            def fetch(self, url: str, headers: object = None) -> Any:
                path = outer.allowed.get(url)
                if path is None:
                    outer.refused.append(url)
                    raise FatalURLFetchingError(f"refused to fetch {url}")
                return URLFetcherResponse(url, path, {})

        return RepoFetcher()


class _Problems(logging.Handler):
    """Collects what WeasyPrint warns about while rendering: each one fails the render."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        # Notes about WeasyPrint's own set-up (which font subsetter it uses) are not problems of the deck.
        if record.levelno >= logging.ERROR or any(
            word in message.lower() for word in ("failed", "error", "unable", "cannot", "refused")
        ):
            self.messages.append(message)


def _view(
    deck: Deck, theme: Theme, fetcher: Fetcher, seen_before: frozenset[str] = frozenset()
) -> list[SimpleNamespace]:
    """The slides as the templates see them: each element with a `kind`, charts and lines as SVG.

    `seen_before` names the sections begun on earlier pages (when this is the second part of a deck).
    """
    slides = []
    starts = _anchors(deck, seen_before)
    for index, slide in enumerate(deck.slides):
        elements = []
        lines = []
        for e in slide.elements:
            if isinstance(e, Text):
                elements.append(SimpleNamespace(kind="text", **{**vars(e), "paras": e.measured()}))
            elif isinstance(e, Table):
                # A filled cell names its theme colour as the CSS variable the deck's style defines (status.red -> status-red).
                # Every body cell gets an entry (rows of `fills` may be short), so the template can index any cell.
                fills = tuple(
                    tuple((e.fill(r, c) or "").replace(".", "-") for c in range(len(row)))
                    for r, row in enumerate(e.rows)
                )
                elements.append(
                    SimpleNamespace(
                        kind="table", has_header=e.has_header, **{**vars(e), "fills": fills, "heights": _set_heights(e)}
                    )
                )
            elif isinstance(e, Shape):
                elements.append(SimpleNamespace(kind="shape", **vars(e), text_top=e.text_top()))
            elif isinstance(e, Image):
                elements.append(SimpleNamespace(kind="image", box=e.box, alt=e.alt, url=_image_url(e, theme, fetcher)))
            elif isinstance(e, ColumnChart):
                elements.append(SimpleNamespace(kind="chart", box=e.box, svg=svg.column_chart(e, theme, deck.language)))
            elif isinstance(e, LineChart):
                elements.append(SimpleNamespace(kind="chart", box=e.box, svg=svg.line_chart(e, theme, deck.language)))
            elif isinstance(e, BubbleChart):
                elements.append(SimpleNamespace(kind="chart", box=e.box, svg=svg.bubble_chart(e, theme, deck.language)))
            elif isinstance(e, Connector):
                lines.append(e)
            else:
                raise TypeError(f"the PDF renderer cannot draw a {type(e).__name__}")
        anchor, *more = starts.get(index, [""])  # thin entries put on one slide: one anchor each
        bookmark = slide.bookmark if anchor and slide.bookmark else slide.title
        slides.append(
            SimpleNamespace(
                kind=slide.kind,
                title=slide.title,
                title_size=slide.title_size,
                title_box=slide.title_box,
                number=slide.number,
                anchor=anchor,
                more_anchors=more,
                bookmark=bookmark,
                elements=elements,
                lines=svg.connectors(lines, theme, deck.width, deck.height) if lines else "",
            )
        )
    return slides


def _anchors(deck: Deck, seen_before: frozenset[str]) -> dict[int, list[str]]:
    """Each slide's link targets by its index: the agenda entries beginning there (thin ones may share a slide)."""
    starts: dict[int, list[str]] = {}
    for name, index in deck.section_starts().items():
        if name not in seen_before:
            starts.setdefault(index, []).append(name)
    return starts


def _set_heights(table: Table) -> tuple[float | None, ...]:
    """Each row's height for the template to set, or None where the row's lines and the cells' padding make it anyway.

    Rows without a height of their own share WeasyPrint's computed styles with each other, which makes big tables cheaper.
    """
    if not table.lines:
        return table.row_heights
    natural = [row_height(max((len(cell) for cell in row), default=1), table.size) for row in table.lines]
    if not table.has_header:
        natural.insert(0, 0.0)
    return tuple(
        None if r < len(natural) and abs(h - natural[r]) < 1e-6 else h for r, h in enumerate(table.row_heights)
    )


def _image_url(image: Image, theme: Theme, fetcher: Fetcher) -> str:
    """The URL WeasyPrint reads an image's checked bytes from: SVG as pixels drawn by resvg (4 per point, sharp in print)."""
    if image.kind != "svg":
        return fetcher.url_for_bytes("logo.jpg" if image.kind == "jpeg" else "logo.png", image.data)
    from kamdoc.validate.images import svg_to_png

    fonts = (theme.font_file("regular"), theme.font_file("bold"))
    pixels = svg_to_png(image.data, max(1, round(image.box.w * 4)), max(1, round(image.box.h * 4)), fonts)
    return fetcher.url_for_bytes("logo.png", pixels)


def deck_html(
    deck: Deck, theme: Theme, created: datetime, fetcher: Fetcher, seen_before: frozenset[str] = frozenset()
) -> str:
    """The deck as one HTML document, from the theme's templates (a user's theme folder first)."""
    from jinja2 import TemplateError

    from kamdoc.render.sandbox import render, shared_environment
    from kamdoc.theme.settings import DEFAULT_DIR

    env = shared_environment(tuple(theme.folders), DEFAULT_DIR)
    colours = _flat_colours(theme)
    env.globals.update(indent=indent, para_gap=PARA_GAP)
    # The few numbers the stylesheet needs, from the outline's own constants: deck.css copies none of them.
    layout = SimpleNamespace(inset=INSET, cell_pad_x=CELL_PAD_X, cell_pad_y=CELL_PAD_Y, row_extra=ROW_EXTRA)
    fonts = SimpleNamespace(
        **{face: fetcher.url_for(theme.font_file(face)) for face in ("regular", "bold", "italic", "bold_italic")}
    )
    slides = _view(deck, theme, fetcher, seen_before)
    try:
        return render(
            env,
            "deck.html.j2",
            deck=deck,
            slides=slides,
            colours=colours,
            layout=layout,
            fonts=fonts,
            colour=_colour_of(colours),
            created=created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        )
    except RecursionError:
        raise KamdocError(
            "the theme's PDF templates cannot be used: a macro or include calls itself without end"
        ) from None
    except (TemplateError, ArithmeticError, TypeError, ValueError, LookupError, AttributeError) as exc:
        # A theme is someone's code: what goes wrong in it is their mistake to fix, told as one message.
        raise KamdocError(f"the theme's PDF templates cannot be used: {type(exc).__name__}: {exc}") from None


def _colour_of(colours: dict[str, str]) -> Any:
    """The templates' colour("attitude.mentor"): a theme colour as its CSS value (#RRGGBB), by its dotted or flat name."""

    def colour(name: str) -> str:
        value = colours.get(str(name).replace(".", "-"))
        if value is None:
            raise KamdocError(f"the theme has no colour named {name!r}")
        return f"#{value}"

    return colour


@dataclass(frozen=True)
class PdfSource:
    """A deck, or a part of one, ready for WeasyPrint: its HTML and the only files it may read.

    Made without WeasyPrint, so that one process can write it while another imports WeasyPrint to print it.
    """

    html: str
    fetcher: Fetcher
    first_slide: int = 0  # where this part starts in the whole deck


def pdf_source(
    deck: Deck,
    theme: Theme,
    created: datetime,
    seen_before: frozenset[str] = frozenset(),
    anchors_elsewhere: tuple[str, ...] = (),
    first_slide: int = 0,
) -> PdfSource:
    """The deck's HTML for WeasyPrint. For a part of a deck (see render/split.py): `seen_before` are the sections
    begun on earlier pages, `anchors_elsewhere` the link targets on the other part's pages."""
    fetcher = Fetcher()
    html = deck_html(deck, theme, created, fetcher, seen_before)
    if anchors_elsewhere:
        if not _BODY.search(html):
            raise NoSplit("the theme's deck.html.j2 has no <body> tag")
        # Targets on the other part's pages, so that this part's links keep their names; the joined
        # file's destinations then point each name at its real page.
        stand_ins = "".join(f'<div id="{name}"></div>' for name in anchors_elsewhere)
        html = _BODY.sub(
            lambda m: (
                f'{m.group(0)}<div style="position: absolute; left: 0; top: 0; width: 0; height: 0; overflow: hidden">{stand_ins}</div>'
            ),
            html,
            count=1,
        )
    return PdfSource(share_styles(html), fetcher, first_slide)


@functools.cache
def deck_document() -> Any:
    """WeasyPrint's HTML document, its default styles less the rules for what slides do not have (`_NEVER_ON_SLIDES`),
    reading a page our templates wrote as the tree `html_tree` builds of it (the same tree, 6–9 % less printing).

    The pseudo-elements' rules select every element, so WeasyPrint would style six pseudo-elements for each box, cell
    and line of a slide (seven styles where one is used; 6.5 % of the German example's printing), and the page areas'
    rules give each page eighteen styles more (4.1 % more). A theme that draws footnotes, list markers or a page's margin boxes
    styles them in its own deck.css. Should WeasyPrint keep its defaults elsewhere, they stay as they are.
    """
    import cssselect2
    import weasyprint
    from weasyprint import html

    default = getattr(html, "UA_STYLESHEET", None)
    text = getattr(html, "UA", None)
    if default is None or not isinstance(text, str):
        return weasyprint.HTML
    lean = weasyprint.CSS(string=_NEVER_ON_SLIDES.sub("", text), counter_style=html.UA_COUNTER_STYLE)

    class DeckDocument(weasyprint.HTML):  # type: ignore[misc]
        def __init__(self, string: str, **options: Any) -> None:
            # A page as our templates write it is built as a tree here (render/html_tree.py) and WeasyPrint is
            # given an empty page to parse instead; any other page is parsed by WeasyPrint's own parser.
            tree = html_tree.parse(string)
            super().__init__(string=string if tree is None else _EMPTY_PAGE, **options)
            if tree is not None and hasattr(self, "wrapper_element"):
                self.wrapper_element = cssselect2.ElementWrapper.from_html_root(tree, content_language=None)
                self.etree_element = self.wrapper_element.etree_element
            elif tree is not None:  # a WeasyPrint that keeps its tree elsewhere: its own parser, as before
                super().__init__(string=string, **options)

        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [lean if sheet is default else sheet for sheet in super()._ua_stylesheets(forms)]

    return DeckDocument


def print_pdf(source: PdfSource, variant: str | None = None) -> bytes:
    """The PDF bytes of a source: fonts embedded, a bookmark per section, identical for identical input."""
    from kamdoc.stack import with_stack_room

    return with_stack_room(_print_pdf, source, variant)  # WeasyPrint's layout nests deeply (see kamdoc/stack.py)


def _print_pdf(source: PdfSource, variant: str | None) -> bytes:
    from kamdoc.render.system import weasyprint as load_weasyprint

    load_weasyprint()  # a missing Pango is a message, not a traceback
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError

    fetcher = source.fetcher
    problems = _Problems()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(problems)
    # Printing makes some hundred thousand objects and next to no cycles (68 found in the stress plan's deck by
    # collections that each walked 50,000 objects): the collector waits until the PDF is written.
    collecting = gc.isenabled()
    gc.disable()
    try:
        document = deck_document()(string=source.html, base_url="kamdoc:/", url_fetcher=fetcher.make())
        options: dict[str, Any] = {"font_config": FontConfiguration()}
        if variant:
            options["pdf_variant"] = variant
        data = document.write_pdf(**options)
    except FatalURLFetchingError:
        raise KamdocError(f"the PDF would need files kamdoc does not serve: {', '.join(fetcher.refused)}") from None
    finally:
        logger.removeHandler(problems)
        if collecting:
            gc.enable()
    if fetcher.refused or problems.messages:
        what = "; ".join([*(f"refused {u}" for u in fetcher.refused), *problems.messages][:5])
        raise KamdocError(f"WeasyPrint could not render the deck cleanly: {what}")
    return bytes(data)


def render_pdf(deck: Deck, theme: Theme, created: datetime, variant: str | None = None) -> bytes:
    """The deck as PDF bytes, in this process."""
    return print_pdf(pdf_source(deck, theme, created), variant)
