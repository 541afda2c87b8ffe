"""Line charts and coloured table cells as a person sees them, in the PowerPoint deck and in the PDF."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from decks import seen_rgb
from PIL import Image as PngImage
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.oxml.ns import qn
from pypdf import PdfReader

from kamdoc.outline.deck import Box, Deck, LineChart, Series, Slide, Table, Text
from kamdoc.outline.richtext import Para, Run
from kamdoc.render.pdf import render_pdf
from kamdoc.render.pptx import render_pptx
from kamdoc.render.svg import line_chart
from kamdoc.theme.settings import Theme, load_theme

CREATED = datetime(2026, 11, 22, tzinfo=UTC)
SHARES = (0.31, 0.52, 0.66, 0.75, 0.82, 0.87, 0.91, 0.94, 0.96, 0.98, 0.99, 1.0)
STATUS = ("Red", "Amber", "Green")


def pareto_chart(categories: int = 12, language: str = "en") -> LineChart:
    """A cumulative share of revenue over accounts, with the 80 % cut."""
    shares = SHARES if categories == len(SHARES) else tuple(round((i + 1) / categories, 4) for i in range(categories))
    label = "80 %" if language == "de" else "80%"
    return LineChart(
        Box(36, 96, 620, 380),
        tuple(f"Account {i + 1}" for i in range(categories)),
        (Series("Cumulative share", shares),),
        (0.0, 1.0),
        "0%",
        0.8,
        label,
        "Accounts by revenue",
        "Cumulative share",
    )


def health_table() -> Table:
    """Three plans coloured by nested theme colours ("status.red") and a plain one ("accent"); the last row's fills are short."""
    rows = (("Brenner Werke", "Red"), ("Halvorsen Logistics", "Amber"), ("Nordlicht GmbH", "Green"))
    return Table(
        Box(36, 96, 400, 96),
        (260, 140),
        ("Account", "Status"),
        rows,
        ("left", "left"),
        12.0,
        (24, 24, 24, 24),
        fills=(("status.red", "status.red"), (None, "status.amber"), ("accent",)),
    )


def deck(chart: LineChart | None = None, language: str = "en") -> Deck:
    """A two-slide deck built by hand: a line chart with its 80 % level, and a table with coloured cells."""
    note = Text(Box(680, 96, 240, 60), (Para((Run("Five accounts make 80% of revenue."),)),), 12.0)
    title, footer, number = (
        Box(36, 22, 888, 44),
        Box(36, 508, 755, 14),
        Box(791, 508, 133, 14),
    )  # as the outline places them
    return Deck(
        "Charts",
        "Tester",
        "Charts",
        language,
        "Confidential",
        960,
        540,
        [
            Slide(
                "pareto",
                "Revenue concentration",
                [chart or pareto_chart(language=language), note],
                number=1,
                title_size=28,
                title_box=title,
            ),
            Slide("health", "Plan health", [health_table()], number=2, title_size=28, title_box=title),
        ],
        footer_box=footer,
        number_box=number,
    )


@pytest.fixture(scope="module")
def theme() -> Theme:
    return load_theme()


@pytest.fixture(scope="module")
def prs(theme: Theme) -> object:
    return Presentation(io.BytesIO(render_pptx(deck(), theme, CREATED)))


@pytest.fixture(scope="module")
def pdf_pages(theme: Theme) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(render_pdf(deck(), theme, CREATED))).pages]


def chart_on(slide: object) -> object:
    return next(shape.chart for shape in slide.shapes if shape.has_chart)  # type: ignore[attr-defined]


def test_line_chart_is_native_with_the_values_and_the_level(prs: object, theme: Theme) -> None:
    chart = chart_on(prs.slides[0])  # type: ignore[attr-defined]
    assert chart.chart_type in (XL_CHART_TYPE.LINE, XL_CHART_TYPE.LINE_MARKERS)
    plot = chart.plots[0]
    assert list(plot.categories) == [f"Account {i + 1}" for i in range(12)]
    line, level = plot.series
    assert (line.name, tuple(line.values)) == ("Cumulative share", SHARES)
    assert (level.name, tuple(level.values)) == ("80%", (0.8,) * 12)
    assert level.format.line.dash_style == MSO_LINE_DASH_STYLE.DASH
    assert level.format.line.color.rgb == RGBColor.from_string(theme.colour("accent"))
    assert line.format.line.color.rgb == RGBColor.from_string(theme.get("colour", "series")[0])


def test_the_level_is_named_at_its_end(prs: object, theme: Theme) -> None:
    level = chart_on(prs.slides[0]).plots[0].series[-1]  # type: ignore[attr-defined]
    label = level.points[11].data_label
    assert label.has_text_frame and label.text_frame.text == "80%"
    assert label.text_frame.paragraphs[0].runs[0].font.color.rgb == RGBColor.from_string(theme.colour("accent"))


def test_line_chart_axes_show_percentages_and_titles_and_a_legend(prs: object) -> None:
    chart = chart_on(prs.slides[0])  # type: ignore[attr-defined]
    axis = chart.value_axis
    assert (axis.minimum_scale, axis.maximum_scale) == (0.0, 1.0)
    assert axis.tick_labels.number_format == "0%" and not axis.tick_labels.number_format_is_linked
    assert axis.axis_title.text_frame.text == "Cumulative share"
    assert chart.category_axis.axis_title.text_frame.text == "Accounts by revenue"
    assert chart.has_legend  # two lines: the share and the level


def test_one_line_without_a_level_needs_no_legend(theme: Theme) -> None:
    chart = LineChart(Box(36, 96, 620, 380), ("2024", "2025", "2026"), (Series("Share", (0.2, None, 0.4)),), (0.0, 1.0))
    shown = chart_on(Presentation(io.BytesIO(render_pptx(deck(chart), theme, CREATED))).slides[0])
    assert not shown.has_legend
    assert tuple(shown.plots[0].series[0].values) == (0.2, None, 0.4)  # a gap stays a gap


def test_many_categories_show_at_most_about_twenty_labels(theme: Theme) -> None:
    chart = chart_on(Presentation(io.BytesIO(render_pptx(deck(pareto_chart(200)), theme, CREATED))).slides[0])
    axis = chart.category_axis._element
    skip = axis.find(qn("c:tickLblSkip"))
    assert skip is not None and 200 / int(skip.get("val")) <= 20
    assert len(chart.plots[0].series[0].values) == 200


def test_filled_cells_take_the_theme_colour_and_keep_the_stripes_elsewhere(prs: object, theme: Theme) -> None:
    table = next(shape.table for shape in prs.slides[1].shapes if shape.has_table)  # type: ignore[attr-defined]

    def fill(row: int, column: int) -> str:
        return seen_rgb(table.cell(row, column).fill.fore_color, prs)

    assert [table.cell(r, 1).text for r in (1, 2, 3)] == list(STATUS)
    assert fill(1, 0) == fill(1, 1) == RGBColor.from_string(theme.colour("status", "red"))
    assert fill(2, 1) == RGBColor.from_string(theme.colour("status", "amber"))
    assert fill(2, 0) == RGBColor.from_string(theme.colour("table_stripe"))  # the stripe of an unfilled cell
    assert fill(3, 0) == RGBColor.from_string(theme.colour("accent"))
    assert fill(3, 1) == RGBColor.from_string(theme.colour("background"))
    assert fill(0, 1) == RGBColor.from_string(theme.colour("primary"))  # the header keeps its colour


def test_pdf_shows_the_level_the_axes_and_the_table(pdf_pages: list[str]) -> None:
    chart, table = (" ".join(page.split()) for page in pdf_pages)  # labels may wrap onto two lines
    for text in ("Revenue concentration", "80%", "0%", "100%", "Accounts by revenue", "Cumulative share", "Account 1"):
        assert text in chart, text
    for text in ("Plan health", "Brenner Werke", *STATUS):
        assert text in table, text


def test_pdf_ticks_follow_the_language(theme: Theme) -> None:
    page = PdfReader(io.BytesIO(render_pdf(deck(language="de"), theme, CREATED))).pages[0].extract_text()
    assert "80 %" in page and "100 %" in page


def test_pdf_cells_take_the_theme_colour(theme: Theme, tmp_path: Path) -> None:
    pdf = tmp_path / "deck.pdf"
    pdf.write_bytes(render_pdf(deck(), theme, CREATED))
    # At 72 dpi a pixel is a point: the middle of each cell of the table's body rows, drawn as on the slide.
    subprocess.run(
        ["pdftoppm", "-r", "72", "-f", "2", "-l", "2", "-png", "-singlefile", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    page = PngImage.open(tmp_path / "page.png").convert("RGB")

    def colour(row: int, column: int) -> str:
        x = 36 + (130 if column == 0 else 330)
        return "".join(f"{c:02X}" for c in page.getpixel((x, 96 + 24 * row + 20)))

    assert colour(1, 0) == colour(1, 1) == theme.colour("status", "red")
    assert colour(2, 1) == theme.colour("status", "amber")
    assert colour(2, 0) == theme.colour("table_stripe")
    assert colour(3, 0) == theme.colour("accent")
    assert colour(3, 1) == theme.colour("background")


def test_pdf_shows_about_twenty_category_labels_of_two_hundred(theme: Theme) -> None:
    page = PdfReader(io.BytesIO(render_pdf(deck(pareto_chart(200)), theme, CREATED))).pages[0].extract_text()
    shown = [int(n) for n in re.findall(r"Account\s+(\d+)\b", page)]
    assert shown[:3] == [1, 21, 41] and len(shown) <= 20


def test_pdf_breaks_a_line_where_a_value_is_missing(theme: Theme) -> None:
    chart = LineChart(
        Box(36, 96, 620, 380), tuple("ABCDEF"), (Series("Share", (0.1, 0.2, None, 0.4, 0.5, 0.6)),), (0.0, 1.0)
    )
    drawn = str(line_chart(chart, theme, "en"))
    assert drawn.count("<polyline") == 2  # A–B and D–F, nothing across C
    assert "stroke-dasharray" not in drawn and "<line x1" in drawn  # no level, yet gridlines


@pytest.mark.parametrize(
    ("anchor", "bold", "rotate"),
    [("start", False, False), ("middle", True, False), ("end", False, False), ("middle", True, True)],
)
def test_a_chart_label_is_drawn_where_svg_would_draw_it_as_one_run_of_text(
    theme: Theme, anchor: str, bold: bool, rotate: bool
) -> None:
    import pdfplumber
    import weasyprint

    from kamdoc.render.svg import _Label, _label

    label = _Label(150.0, 80.0, "Spindelantriebe und 12,5 Mio. €", anchor, bold=bold, rotate=rotate)
    font = theme.font_file("bold" if bold else "regular").as_uri()
    weight = ' font-weight="bold"' if bold else ""
    turn = ' transform="rotate(-90 150.0 80.0)"' if rotate else ""

    def drawn(picture: str) -> list[tuple[str, float, float]]:
        html = (
            f'<!DOCTYPE html><html><head><style>@font-face {{ font-family: kamdoc; src: url("{font}"); }} '
            "@page { size: 300pt 200pt; margin: 0 } body { margin: 0; font-family: kamdoc }</style></head><body>"
            f'<div style="position: absolute; left: 0; top: 0; width: 300pt; height: 200pt">{picture}</div></body></html>'
        )
        with pdfplumber.open(io.BytesIO(weasyprint.HTML(string=html).write_pdf())) as read:
            return [(c["text"], round(c["matrix"][4], 1), round(c["matrix"][5], 1)) for c in read.pages[0].chars]

    svg = drawn(
        '<svg xmlns="http://www.w3.org/2000/svg" font-family="kamdoc" width="300pt" height="200pt" viewBox="0 0 300 200">'
        f'<text x="150.0" y="80.0" font-size="10.0" text-anchor="{anchor}"{weight}{turn}>{label.content}</text></svg>'
    )
    html = drawn(_label(label, 300.0, theme))
    # The same letters at the same origins, to a fifth of a point (SVG places each letter alone, HTML shapes the run); SVG
    # draws no spaces, the HTML line has them, so a reader finds the words.
    letters = [c for c in html if c[0] != " "]
    assert [c[0] for c in letters] == [c[0] for c in svg] and len(svg) > 20
    assert all(abs(a[1] - b[1]) <= 0.2 and abs(a[2] - b[2]) <= 0.2 for a, b in zip(letters, svg, strict=True))
    assert "".join(c[0] for c in html) == label.content


def test_pdf_chart_labels_read_as_words(theme: Theme) -> None:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(render_pdf(deck(), theme, CREATED))) as read:
        text = read.pages[0].extract_text()
    assert "Accounts by revenue" in text and "Cumulative share" in text  # the axis title and the legend, spaces kept
