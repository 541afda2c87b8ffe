"""The PDF's HTML with each distinct inline style written once: tiny pages with exact answers, and a deck that looks the same."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from conftest import DATA, TODAY

from kamdoc.render.shared_styles import share_styles

HEAD = "<html><head><style>p { margin: 0 }</style></head>\n"


def test_elements_of_one_style_share_one_class_rule_after_the_themes_rules() -> None:
    page = (
        HEAD + '<body><div class="text" style="left: 1pt; top: 2pt;"><p style="font-size: 12pt;">a</p>'
        '<p style="font-size: 12pt;">b</p></div><div class="text" style="left: 1pt; top: 2pt;"></div></body></html>'
    )
    assert share_styles(page) == (
        "<html><head><style>p { margin: 0 }</style><style>\n"
        ".s0.s0.s0.s0 { left: 1pt; top: 2pt; }\n"
        ".s1.s1.s1.s1 { font-size: 12pt; }\n"
        "</style>\n</head>\n"
        '<body><div class="text s0"><p class="s1">a</p><p class="s1">b</p></div><div class="text s0"></div></body></html>'
    )


def test_a_style_written_once_stays_inline() -> None:
    page = (
        HEAD + '<body><div style="top: 1pt;"><p style="top: 2pt;">a</p><p style="top: 2pt;">b</p></div></body></html>'
    )
    assert share_styles(page) == (
        "<html><head><style>p { margin: 0 }</style><style>\n.s0.s0.s0.s0 { top: 2pt; }\n</style>\n</head>\n"
        '<body><div style="top: 1pt;"><p class="s0">a</p><p class="s0">b</p></div></body></html>'
    )
    assert share_styles(HEAD + '<body><p style="top: 2pt;">a</p></body></html>') == (
        HEAD + '<body><p style="top: 2pt;">a</p></body></html>'
    )


def test_pictures_svg_keeps_its_own_styles() -> None:
    page = (
        HEAD + '<body><div style="top: 1pt;"><svg><rect style="top: 1pt;"/><rect style="top: 1pt;"/></svg></div>'
        '<div style="top: 1pt;"></div></body></html>'
    )
    shared = share_styles(page)
    assert '<svg><rect style="top: 1pt;"/><rect style="top: 1pt;"/></svg>' in shared
    assert shared.count('<div class="s0">') == 2


@pytest.mark.parametrize(
    "style",
    ["font-family: &quot;x&quot;", "color: red } p { color: blue", "background: url(x)/y", "content: '<'"],
    ids=["entity", "brace", "slash", "quote"],
)
def test_a_style_a_style_sheet_could_read_otherwise_stays_inline(style: str) -> None:
    page = HEAD + f'<body><div style="{style}">x</div><div style="{style}">x</div>'
    page += '<p style="top: 1pt;">y</p><p style="top: 1pt;">y</p></body></html>'
    shared = share_styles(page)
    assert shared.count(f'<div style="{style}">x</div>') == 2 and shared.count('<p class="s0">y</p>') == 2


@pytest.mark.parametrize(
    "inside", ["<!-- <p style='a'> -->", "<style>p { top: 0 }</style>", "<script>x</script>", "<textarea>t</textarea>"]
)
def test_a_page_whose_body_holds_raw_text_is_left_as_it_is(inside: str) -> None:
    page = HEAD + f'<body><div style="top: 1pt;">{inside}</div><div style="top: 1pt;"></div></body></html>'
    assert share_styles(page) == page


def test_a_tag_written_otherwise_than_kamdocs_templates_write_them_is_left_as_it_is() -> None:
    page = HEAD + "<body><div style='top: 1pt;' data-x=y>a</div>"
    page += '<p style="top: 1pt;">b</p><p style="top: 1pt;">c</p></body></html>'
    assert share_styles(page) == (
        "<html><head><style>p { margin: 0 }</style><style>\n.s0.s0.s0.s0 { top: 1pt; }\n</style>\n</head>\n"
        '<body><div style=\'top: 1pt;\' data-x=y>a</div><p class="s0">b</p><p class="s0">c</p></body></html>'
    )


def test_the_deck_prints_the_same_words_in_the_same_places(monkeypatch: pytest.MonkeyPatch) -> None:
    import pdfplumber

    from kamdoc.outline.plan_deck import build_outline
    from kamdoc.render import pdf
    from kamdoc.theme.settings import load_theme
    from kamdoc.validate.plan import validate_file

    result = validate_file(DATA / "contracts" / "plan.yaml", date.fromisoformat(TODAY))
    assert result.plan is not None and result.doc is not None
    theme = load_theme()
    deck = build_outline(result.plan, result.doc, theme)

    def words(data: bytes) -> list[list[tuple[str, float, float, float, float]]]:
        with pdfplumber.open(io.BytesIO(data)) as read:
            return [
                [(w["text"], *(round(w[k], 1) for k in ("x0", "top", "x1", "bottom"))) for w in page.extract_words()]
                for page in read.pages
            ]

    shared = pdf.render_pdf(deck, theme, datetime(2026, 12, 7))
    monkeypatch.setattr(pdf, "share_styles", lambda html: html)
    inline = pdf.render_pdf(deck, theme, datetime(2026, 12, 7))
    assert len(words(shared)) > 5 and sum(map(len, words(shared))) > 300
    assert words(shared) == words(inline)


@pytest.mark.parametrize("picture", ["<svg><svg><rect/></svg></svg>", "<svg><rect/>"], ids=["nested", "unclosed"])
def test_a_picture_that_could_be_read_as_markup_leaves_the_page_as_it_is(picture: str) -> None:
    page = HEAD + f'<body><div style="top: 1pt;">{picture}</div><div style="top: 1pt;"></div></body></html>'
    assert share_styles(page) == page
