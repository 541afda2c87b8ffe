"""The PDF's HTML built as a tree at once: the same tree as WeasyPrint's parser for every deck and every generated page."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from xml.etree.ElementTree import Element

import pytest
import tinyhtml5
from conftest import DATA, PLANS, TODAY
from hypothesis import given, settings
from hypothesis import strategies as st

from kamdoc.render.html_tree import parse

FRAME = '<!DOCTYPE html>\n<html lang="de">\n<head>\n<meta charset="utf-8">\n<title>A &amp; B</title>\n<style>p { margin: 0 }</style>\n</head>\n<body>{}</body>\n</html>\n'


def page(body: str) -> str:
    return FRAME.replace("{}", body)


def difference(ours: Element, theirs: Element, where: str = "html") -> str | None:
    """Where two trees differ (tag, attributes, text, tail or children), or None when they are the same."""
    mine = (ours.tag, dict(ours.attrib), ours.text or None, ours.tail or None, len(ours))
    other = (theirs.tag, dict(theirs.attrib), theirs.text or None, theirs.tail or None, len(theirs))
    if mine != other:
        return f"{where}: {mine} != {other}"
    for index, (a, b) in enumerate(zip(ours, theirs, strict=True)):
        if (found := difference(a, b, f"{where}/{index}:{a.tag}")) is not None:
            return found
    return None


def same_as_the_standard(html: str) -> Element | None:
    """Our tree of `html` after checking it is tinyhtml5's (or None, for a page left to tinyhtml5)."""
    ours = parse(html)
    if ours is not None:
        assert difference(ours, tinyhtml5.parse(html, namespace_html_elements=False)) is None
    return ours


def test_a_small_page_is_built_as_written() -> None:
    html = page(
        '\n<section class="slide" id="s1"><h1 class="title s0">Ziele &amp; &#8222;Wege&#8220;</h1>\n'
        '<div class="text"><p>Eins <strong>zwei</strong> <a href="#s1">drei</a><br></p></div>\n'
        '<div class="table"><table><colgroup><col style="width: 10pt"></colgroup><thead><tr><th>K</th></tr></thead>'
        '<tbody>\n<tr class="odd"><td class="align-right">1.000 €</td></tr></tbody></table></div>\n'
        '<div class="chart"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><title>a &lt; b</title>'
        '<rect x="1" y="2"/><text x="0">2027</text></svg></div></section>\n'
    )
    tree = same_as_the_standard(html)
    assert tree is not None
    assert [e.tag for e in tree] == ["head", "body"] and tree[0].tail == "\n"
    assert tree.find("body/section/h1").text == "Ziele & „Wege“"  # type: ignore[union-attr]
    svg = tree.find("body/section/div/{http://www.w3.org/2000/svg}svg")
    assert svg is not None and svg.get("viewBox") == "0 0 1 1"
    assert svg.get("{http://www.w3.org/2000/xmlns/}xmlns") == "http://www.w3.org/2000/svg"


@pytest.mark.parametrize(
    "body",
    [
        "<p>a<div>b</div></p>",  # a paragraph closed by a block
        "<table><tr><td>a</td></tr></table>",  # a row without its row group
        "<table>a<tbody></tbody></table>",  # text moved before the table
        "<div>a</span></div>",  # closed out of order
        "<div>a",  # never closed
        "<!-- a -->",
        "a&nbsp;b",  # an entity other than the five escapes
        "a & b",
        "&#128;",  # a reference the parser maps to another character
        "<DIV>a</DIV>",
        "<div class='a'>b</div>",
        "<div class=a>b</div>",
        "a < b",
        "<div/>",
        "<a href='#'>a<a>b</a></a>",
        "<h1>a<h2>b</h2></h1>",
        "<svg><span>a</span></svg>",  # markup that leaves the picture
        "<svg><svg></svg></svg>",
        "<svg><title><b>a</b></title></svg>",
        '<svg><rect xlink:href="x"/></svg>',
        '<svg><rect textlength="1"/></svg>',  # an attribute the parser renames
        '<div viewBox="0 0 1 1"></div>',
        '<div id="a" id="b"></div>',
        "<style>p { }</style>",
        "<script>a</script>",
        "a\r\nb",
        "a\x00b",
        "<li>a</li>",
        "</p>",
        "</br>",
    ],
)
def test_a_page_the_parser_would_repair_is_left_to_it(body: str) -> None:
    assert parse(page(body)) is None


@pytest.mark.parametrize(
    "html",
    [
        "<html><head></head><body></body></html>",  # no doctype: quirks mode
        "<!DOCTYPE html><html><head></head><body></body></html><p>",
        "<!DOCTYPE html><html><head><link rel=stylesheet></head><body></body></html>",
        "<!DOCTYPE html>x<html><head></head><body></body></html>",
        "<!DOCTYPE html><html><head></head>x<body></body></html>",
        "<!DOCTYPE html><html><head><title>a</TITLE></title></head><body></body></html>",
        "<!DOCTYPE html><html><head><style>a</style ></head><body></body></html>",
        "\ufeff<!DOCTYPE html><html><head></head><body></body></html>",
    ],
)
def test_a_page_whose_frame_the_parser_would_repair_is_left_to_it(html: str) -> None:
    assert parse(html) is None


def test_white_space_around_the_frame_lands_where_the_parser_puts_it() -> None:
    html = "\n <!doctype HTML>\n <html>\n <head> <title>t</title> </head> \n<body>a</body> \n</html>\n\n"
    assert same_as_the_standard(html) is not None


def test_a_style_sheet_ends_where_the_parser_ends_it() -> None:
    tree = same_as_the_standard("<!DOCTYPE html><html><head><style>a</style</style></head><body></body></html>")
    assert tree is not None and tree[0][0].text == "a</style"


def _deck_pages(plan: Path, audience: str) -> list[str]:
    from kamdoc.outline.plan_deck import build_outline
    from kamdoc.render.pdf import pdf_source
    from kamdoc.render.split import cut_in_halves
    from kamdoc.theme.settings import load_theme
    from kamdoc.validate.plan import validate_file

    result = validate_file(plan / "plan.yaml", date.fromisoformat(TODAY))
    assert result.plan is not None and result.doc is not None
    theme = load_theme()
    deck = build_outline(result.plan, result.doc, theme, audience=audience)
    created = datetime(2026, 12, 7)
    halves = cut_in_halves(deck, theme, created)
    parts = halves.written_ahead().written if halves else None
    return [pdf_source(deck, theme, created).html, *(part.html for part in parts or ())]


@pytest.mark.parametrize(
    ("plan", "audience"),
    [
        (PLANS / "brenner-werke", "internal"),
        (PLANS / "brenner-werke", "customer"),
        (PLANS / "halvorsen-logistics", "internal"),
        (DATA / "stress", "internal"),
        (DATA / "required", "internal"),
        (DATA / "markdown-attack", "internal"),
    ],
    ids=["german", "german-customer", "english", "stress", "required", "markdown-attack"],
)
def test_every_deck_and_each_half_is_built_here_as_the_parser_builds_it(plan: Path, audience: str) -> None:
    for html in _deck_pages(plan, audience):
        assert same_as_the_standard(html) is not None


TEXTS = ["x", " ", "\n", "Ä &amp; b", "&lt;&gt;", "&#39;&#x201E;", "&quot;", "&nbsp;", "\t", "a<", "&#0;"]
TAGS = "div p span strong em a h1 h2 section table thead tbody tr td th colgroup col br img svg rect text title li b caption"
ATTRIBUTES = [
    "",
    ' class="c"',
    ' style="top: 1pt; color: #000"',
    ' viewBox="0 0 1 1"',
    ' xmlns="http://www.w3.org/2000/svg"',
    " x='1'",
    ' id="a" id="b"',
    ' ID="b"',
    ' href="#a&amp;b"',
    ' x="1"',
]


def _element(tag: str, attributes: str, children: list[str], ending: str) -> str:
    inner = "".join(children)
    if ending == "void":
        return f"<{tag}{attributes}>"
    if ending == "slash":
        return f"<{tag}{attributes}/>"
    if ending == "open":
        return f"<{tag}{attributes}>{inner}"
    return f"<{tag}{attributes}>{inner}</{tag}>"


def _table(cells: list[str]) -> str:
    rows = "".join(f'<tr class="odd"><td>{cell}</td></tr>\n' for cell in cells)
    head = '<colgroup><col style="width: 1pt"></colgroup><thead><tr><th>H</th></tr></thead>'
    return f"<table>{head}<tbody>{rows}</tbody></table>"


PHRASES = st.recursive(
    st.sampled_from(TEXTS),
    lambda children: st.builds(
        _element,
        st.sampled_from("span strong em a br img".split()),
        st.sampled_from(ATTRIBUTES),
        st.lists(children, max_size=3),
        st.sampled_from(["close", "close", "close", "void", "slash"]),
    ),
    max_leaves=8,
)
PICTURE_PARTS = st.one_of(
    st.sampled_from(['<rect x="1" y="2"/>', "\n", '<rect x="1" fill="#000"></rect>', "<circle/>", "<g>", "</g>"]),
    st.builds(
        lambda tag, text: f'<{tag} x="1">{text}</{tag}>', st.sampled_from(["text", "title"]), st.sampled_from(TEXTS)
    ),
)


def _picture(parts: list[str], attributes: str) -> str:
    return f'<svg{attributes} viewBox="0 0 1 1">{"".join(parts)}</svg>'


BODIES = st.recursive(
    st.sampled_from(TEXTS),
    lambda children: st.one_of(
        st.builds(
            _element,
            st.sampled_from(TAGS.split()),
            st.sampled_from(ATTRIBUTES),
            st.lists(children, max_size=4),
            st.sampled_from(["close", "close", "close", "close", "void", "slash", "open"]),
        ),
        st.builds(_table, st.lists(children, min_size=1, max_size=3)),
        st.builds(lambda inner: f'<p style="top: 1pt">{"".join(inner)}</p>', st.lists(PHRASES, max_size=4)),
        st.builds(_picture, st.lists(PICTURE_PARTS, max_size=5), st.sampled_from(ATTRIBUTES)),
    ),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(st.lists(BODIES, max_size=5), st.sampled_from(["", "\n", " x"]))
def test_any_page_built_here_is_the_tree_the_parser_builds(bodies: list[str], after: str) -> None:
    same_as_the_standard(page("".join(bodies)) + after)


def test_generated_pages_are_often_plain_enough_to_be_built_here() -> None:
    """The property above tests something: many of the generated pages are built here, not left to tinyhtml5."""
    built = 0

    @settings(max_examples=300, deadline=None, database=None)
    @given(st.lists(BODIES, min_size=1, max_size=3))
    def count(bodies: list[str]) -> None:
        nonlocal built
        built += same_as_the_standard(page("".join(bodies))) is not None

    count()
    assert built >= 30


def test_weasyprint_prints_the_tree_built_here_as_it_prints_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    import pdfplumber

    from kamdoc.outline.plan_deck import build_outline
    from kamdoc.render import html_tree, pdf
    from kamdoc.theme.settings import load_theme
    from kamdoc.validate.plan import validate_file

    result = validate_file(DATA / "contracts" / "plan.yaml", date.fromisoformat(TODAY))
    assert result.plan is not None and result.doc is not None
    theme = load_theme()
    deck = build_outline(result.plan, result.doc, theme)
    built: list[bool] = []
    parse_here = html_tree.parse

    def spy(html: str) -> Element | None:
        tree = parse_here(html)
        built.append(tree is not None)
        return tree

    monkeypatch.setattr(html_tree, "parse", spy)

    def words(data: bytes) -> list[list[tuple[str, float, float]]]:
        with pdfplumber.open(io.BytesIO(data)) as read:
            return [[(w["text"], round(w["x0"], 1), round(w["top"], 1)) for w in p.extract_words()] for p in read.pages]

    here = pdf.render_pdf(deck, theme, datetime(2026, 12, 7))
    assert built == [True]
    monkeypatch.setattr(html_tree, "parse", lambda html: None)
    theirs = pdf.render_pdf(deck, theme, datetime(2026, 12, 7))
    assert sum(map(len, words(here))) > 300 and words(here) == words(theirs)
