"""Deck quality as a head of sales sees it, in both written formats: the power map (whole names and titles, every tie, few slides) and the financials chart (distinct series)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from conftest import DATA, PLANS, TODAY, kamdoc
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pypdf import PdfReader

from kamdoc.outline.person_card import short_name
from kamdoc.outline.words import chart_format
from kamdoc.standard.model import Person
from kamdoc.standard.plan import Plan
from kamdoc.validate.plan import validate_file

PLANS_SHOWN = {
    "brenner-werke": PLANS / "brenner-werke",
    "halvorsen-logistics": PLANS / "halvorsen-logistics",
    "stress": DATA / "stress",
}


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("power-map")
    run = kamdoc("render", *PLANS_SHOWN.values(), "--to", "pptx,pdf", "--out", out, "--today", TODAY)
    assert run.code == 0, run.err
    return out


def _plan(name: str) -> Plan:
    result = validate_file(PLANS_SHOWN[name] / "plan.yaml", date.fromisoformat(TODAY))
    assert result.plan is not None
    return result.plan


def _flat(text: str) -> str:
    """A box's text as one line: its measured line breaks undone (a line may end in a hyphen of the text or of a broken word)."""
    return re.sub(r"\s+", " ", text).strip()


def _whole(part: str, text: str) -> bool:
    """Whether `part` stands in a box's flattened text, a word broken over two lines with a hyphen counted as whole."""
    return part in text or part in re.sub(r"(\w)- (\w)", r"\1\2", text)


def _power_map_slides(deck: Path) -> list[object]:
    prs = Presentation(str(deck))
    return [
        s
        for s in prs.slides
        if s.shapes.title is not None
        and s.shapes.title.text.startswith(("Power-Map", "Power map"))
        and not any(sh.has_table for sh in s.shapes)
    ]


def _boxes(slide: object) -> list[str]:
    """The text of each person's box (rounded shapes with text)."""
    return [_flat(sh.text_frame.text) for sh in slide.shapes if _person_box(sh) and sh.text_frame.text]  # type: ignore[attr-defined]


def _person_box(shape: object) -> bool:
    """A person's box: a framed shape with text (its own outline with the connection sites the lines glue to), neither a
    placeholder nor a text box."""
    return shape.shape_type == MSO_SHAPE_TYPE.FREEFORM and shape.has_text_frame  # type: ignore[attr-defined]


def _title(person: Person) -> str:
    # A department its title names already ("Leiterin Konzerneinkauf, Konzerneinkauf") is said once.
    department = (
        person.department
        if person.department and person.department.casefold() not in (person.title or "").casefold()
        else None
    )
    return ", ".join(x for x in (person.title, department) if x)


@pytest.mark.parametrize("name", list(PLANS_SHOWN))
def test_every_name_and_title_stands_whole_in_its_box(decks: Path, name: str) -> None:
    plan = _plan(name)
    boxes = [text for slide in _power_map_slides(decks / f"{name}.pptx") for text in _boxes(slide)]
    for person in plan.power_map.people:
        mine = [text for text in boxes if text.startswith(person.name)]
        assert mine, f"{person.name} has no box"
        assert all(_whole(_title(person), text) for text in mine), (person.name, mine)
    assert not any("…" in text for text in boxes)  # nothing cut short: the plans' texts hold no ellipsis


def test_sixty_people_take_at_most_six_slides(decks: Path) -> None:
    assert len(_plan("stress").power_map.people) >= 60
    assert 1 <= len(_power_map_slides(decks / "stress.pptx")) <= 6  # the overview and the branches
    assert (
        len(_power_map_slides(decks / "brenner-werke.pptx")) <= 2
    )  # 13 people in boxes that say all: an overview and one branch slide


@pytest.mark.parametrize("name", ["brenner-werke", "stress"])
def test_every_tie_is_drawn_or_named_and_all_are_in_the_table(decks: Path, name: str) -> None:
    plan = _plan(name)
    names = {p.id: p.name for p in plan.power_map.people}
    named = {p.id: f"{p.name}, {p.title}" if p.title else p.name for p in plan.power_map.people}  # as the table says
    slides = _power_map_slides(decks / f"{name}.pptx")
    prs = Presentation(str(decks / f"{name}.pptx"))
    (table,) = [
        sh.table
        for s in prs.slides
        for sh in s.shapes
        if sh.has_table and len(sh.table.columns) >= 3 and sh.table.rows[0].cells[2].text in ("Mit", "With")
    ]
    rows = {(r.cells[0].text, r.cells[2].text) for r in list(table.rows)[1:]}
    for link in plan.power_map.links:
        assert (named[link.from_], named[link.to]) in rows
        drawn = False
        for slide in slides:
            shown = " ".join(_boxes(slide))
            dashed = [
                sh
                for sh in slide.shapes
                if sh.name.startswith(("Freeform", "Connector")) and sh.line.dash_style is not None
            ]
            both = shown.count(names[link.from_]) and shown.count(names[link.to])
            # A tie to another slide is a tag in the box: "→ A. Kühn · S. 11", "↔ Rivale: A. Kühn · S. 11" (an arrow, for
            # allies and rivals their word, the other's short name, the slide).
            tags = [
                t
                for t in _boxes(slide)
                for one, other in ((link.from_, link.to), (link.to, link.from_))
                if t.startswith(names[one]) and re.search(rf"[→←↔] (\w+: )?{re.escape(short_name(names[other]))} · ", t)
            ]
            drawn = drawn or (both and dashed) or bool(tags)
        assert drawn, f"{names[link.from_]} – {names[link.to]} is neither drawn nor named"


def test_ties_beside_each_other_are_glued_elbows_and_influence_has_an_arrow(decks: Path) -> None:
    plan = _plan("brenner-werke")
    names = {p.id: p.name for p in plan.power_map.people}
    kinds = {(names[link.from_], names[link.to]): link.kind or "influences" for link in plan.power_map.links}
    p = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
    glued = 0
    for slide in _power_map_slides(decks / "brenner-werke.pptx"):
        boxes = {
            sh.shape_id: sh.text_frame.text.split("\n")[0]
            for sh in slide.shapes
            if sh.has_text_frame and sh.text_frame.text
        }
        for line in slide.shapes._spTree.iter(f"{p}cxnSp"):
            dash = line.find(f".//{_A}prstDash")
            if dash is None or dash.get("val") != "dash":
                continue  # a reporting line, or a tie's white halo
            start, end = line.find(f".//{_A}stCxn"), line.find(f".//{_A}endCxn")
            assert line.find(f".//{_A}prstGeom").get("prst").startswith(("bentConnector", "straightConnector"))
            tie = (re.split(r"\s→", boxes[int(start.get("id"))])[0], re.split(r"\s→", boxes[int(end.get("id"))])[0])
            kind = kinds.get(tie) or kinds[tie[::-1]]
            arrow = line.find(f".//{_A}tailEnd")
            assert (arrow is not None and arrow.get("type") == "triangle") == (kind == "influences" and tie in kinds), (
                tie
            )
            glued += 1
    assert glued >= 3  # the example's ties are drawn where both people stand on a slide, glued to both boxes


def test_notes_on_people_go_to_the_speaker_notes_not_the_slide(decks: Path) -> None:
    plan = _plan("brenner-werke")
    noted = [p for p in plan.power_map.people if p.notes]
    assert noted
    for slide in _power_map_slides(decks / "brenner-werke.pptx"):
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        for person in noted:  # each person's notes on every slide that shows them, and only there
            shown = any(text.startswith(person.name) for text in _boxes(slide))
            assert (f"{person.name}: " in notes) == shown, person.name
        assert not any((p.notes or "")[:30] in " ".join(_boxes(slide)) for p in noted)


def test_the_pdf_prints_the_measured_lines_and_powerpoint_wraps_whole_paragraphs(decks: Path) -> None:
    # The PDF prints the outline's measured lines as they are; the PowerPoint box holds each text whole, to wrap itself.
    from kamdoc.outline.deck import Shape
    from kamdoc.outline.plan_deck import build_outline
    from kamdoc.theme.settings import load_theme

    result = validate_file(PLANS_SHOWN["stress"] / "plan.yaml", date.fromisoformat(TODAY))
    assert result.plan is not None and result.doc is not None
    outline = build_outline(result.plan, result.doc, load_theme())
    pdf = PdfReader(str(decks / "stress.pdf"))
    pptx = Presentation(str(decks / "stress.pptx"))
    checked = 0
    for number, slide in enumerate(outline.slides):
        people = [e for e in slide.elements if isinstance(e, Shape) and e.key and e.whole]
        if not people:
            continue
        page = {re.sub(r"\s+", " ", line).strip() for line in (pdf.pages[number].extract_text() or "").splitlines()}
        for person in people:
            for para in person.paras:
                for line in para.text.split("\n"):
                    assert re.sub(r"\s+", " ", line).strip() in page, (number + 1, line)
                    checked += 1
        boxes = [sh for sh in pptx.slides[number].shapes if _person_box(sh)]
        assert not any(next(sh._element.iter(f"{_A}br"), None) is not None for sh in boxes)  # no line break of ours
        assert {sh.text_frame.text for sh in boxes} >= {"\n".join(p.text for p in person.whole) for person in people}
    assert checked > 100


def test_the_financials_chart_has_at_most_eight_series_each_in_its_own_colour(decks: Path) -> None:
    prs = Presentation(str(decks / "stress.pptx"))
    charts = [
        sh.chart
        for s in prs.slides
        for sh in s.shapes
        if sh.has_chart and s.shapes.title is not None and s.shapes.title.text.startswith("Umsatz mit")
    ]
    (chart,) = charts
    series = list(chart.plots[0].series)
    assert len(series) == 8
    assert series[-1].name.startswith("Sonstige (")  # the smallest products summed, the table lists them all
    colours = [str(s.format.fill.fore_color.rgb) for s in series]
    assert len(set(colours)) == len(colours), colours


def test_chart_numbers_read_in_the_plan_s_language_on_any_computer(decks: Path) -> None:
    def axis_format(name: str) -> str:
        prs = Presentation(str(decks / f"{name}.pptx"))
        (chart,) = [
            sh.chart
            for s in prs.slides
            for sh in s.shapes
            if sh.has_chart and sh.chart.chart_type is not None and "COLUMN" in str(sh.chart.chart_type)
        ]
        return str(chart.value_axis.tick_labels.number_format)

    # German separators by the German locale's tag ("14,0"), not left to the viewer's settings ("14.0"); whole
    # numbers have theirs written into the code itself ("14.000")
    assert axis_format("brenner-werke") == "[$-407]#,##0.0"
    assert axis_format("halvorsen-logistics") == "#,##0.0"
    assert chart_format("#,##0", "de") == "[>=1000000]#\\.###\\.###;[>=1000]#\\.###;0"


_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.mark.parametrize("name", list(PLANS_SHOWN))
def test_every_slide_has_its_title_in_a_title_placeholder_on_a_16_9_master(decks: Path, name: str) -> None:
    prs = Presentation(str(decks / f"{name}.pptx"))
    size = prs.part._element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}sldSz")
    assert (int(size.get("cx")) * 9 == int(size.get("cy")) * 16) and size.get("type") is None  # 16:9, not "screen4x3"
    assert {"Title Slide", "Title and Content", "Section Header", "Title Only"} <= {
        layout.name for layout in prs.slide_layouts
    }
    for number, slide in enumerate(prs.slides, 1):
        assert slide.shapes.title is not None and slide.shapes.title.text.strip(), (
            number
        )  # outline view and screen readers see it
    # The theme's face and colours live in the master's theme; runs in text boxes inherit them instead of repeating them.
    theme = etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)
    assert {f.get("typeface") for f in theme.iter(f"{_A}latin")} == {"Arial"}
    assert theme.find(f".//{_A}dk2/{_A}srgbClr").get("val") == "1F3A5F"
    runs = [r for slide in prs.slides for sh in slide.shapes if sh.has_text_frame for r in sh._element.iter(f"{_A}rPr")]
    assert runs and not any(r.find(f"{_A}latin") is not None for r in runs)
    assert any(r.find(f"{_A}solidFill/{_A}schemeClr") is not None for r in runs)


def test_agenda_entries_jump_to_their_slides(decks: Path) -> None:
    prs = Presentation(str(decks / "brenner-werke.pptx"))
    agenda = prs.slides[2]  # after the cover and the account on a page
    jumps = [link for sh in agenda.shapes if sh.has_text_frame for link in sh._element.iter(f"{_A}hlinkClick")]
    assert len(jumps) >= 10 and all(link.get("action") == "ppaction://hlinksldjump" for link in jumps)
    targets = [agenda.part.related_part(link.get(f"{{{_R}}}id")) for link in jumps]
    titles = [next(s for s in prs.slides if s.part is target).shapes.title.text for target in targets]
    assert titles[0] == "Kurzprofil" and titles[4].startswith("Power-Map")


_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@pytest.mark.parametrize("name", list(PLANS_SHOWN))
def test_no_two_lines_of_the_pdf_print_over_each_other(decks: Path, name: str) -> None:
    with pdfplumber.open(decks / f"{name}.pdf") as pdf:
        for number, page in enumerate(pdf.pages, 1):
            words = sorted(page.extract_words(), key=lambda w: w["x0"])
            active: list[dict[str, float]] = []
            for word in words:  # a sweep from left to right: each word is held against those it may touch
                active = [a for a in active if a["x1"] > word["x0"]]
                for other in active:
                    across = min(other["x1"], word["x1"]) - max(other["x0"], word["x0"])
                    down = min(other["bottom"], word["bottom"]) - max(other["top"], word["top"])
                    assert across <= 1 or down <= 1, (number, other["text"], word["text"])
                active.append(word)


def _slide_characters(slide: object, charts: list[tuple[float, float, float, float]]) -> Counter[str]:
    """The characters a person sees on a slide, list markers included; charts aside, with what stands on them (totals)."""
    seen: Counter[str] = Counter()
    for shape in slide.shapes:  # type: ignore[attr-defined]
        x0, top, x1, bottom = (
            shape.left / 12700,
            shape.top / 12700,
            (shape.left + shape.width) / 12700,
            (shape.top + shape.height) / 12700,
        )
        if any(a <= x0 and x1 <= c and b <= top and bottom <= d for a, b, c, d in charts):
            continue
        if shape.has_table:
            seen.update(ch for row in shape.table.rows for cell in row.cells for ch in cell.text if not ch.isspace())
        if not shape.has_text_frame:
            continue
        for para in shape._element.iter(f"{_A}p"):
            text = "".join(t.text or "" for t in para.iter(f"{_A}t"))
            marker = para.find(f"{_A}pPr/{_A}buChar")
            number = para.find(f"{_A}pPr/{_A}buAutoNum")
            if marker is not None:
                text += marker.get("char")
            elif number is not None:
                text += f"{number.get('startAt', '1')}."
            seen.update(ch for ch in text if not ch.isspace())
    return seen


@pytest.mark.parametrize("name", list(PLANS_SHOWN))
def test_each_pdf_page_shows_the_same_text_as_its_slide(decks: Path, name: str) -> None:
    # Characters, not lines: each format wraps for itself; but nothing may be missing, added or doubled.
    prs = Presentation(str(decks / f"{name}.pptx"))
    with pdfplumber.open(decks / f"{name}.pdf") as pdf:
        assert len(pdf.pages) == len(prs.slides)
        for number, (slide, page) in enumerate(zip(prs.slides, pdf.pages), 1):
            charts = [
                (sh.left / 12700, sh.top / 12700, (sh.left + sh.width) / 12700, (sh.top + sh.height) / 12700)
                for sh in slide.shapes
                if sh.has_chart
            ]
            shown = Counter(
                c["text"]
                for c in page.chars
                if not c["text"].isspace()
                and not any(
                    x0 <= c["x0"] and c["x1"] <= x1 and top <= c["top"] and c["bottom"] <= bottom
                    for x0, top, x1, bottom in charts
                )
            )
            expected = _slide_characters(slide, charts)
            # A word broken in a narrow box gets a hyphen in the PDF's measured lines; PowerPoint breaks it itself.
            assert shown["-"] >= expected["-"], number
            shown["-"] = expected["-"] = 0
            assert +shown == +expected, (number, shown - expected, expected - shown)


@pytest.mark.parametrize("name", list(PLANS_SHOWN))
def test_no_ellipsis_the_plan_does_not_write_itself(decks: Path, name: str) -> None:
    written = "".join(
        f.read_text(encoding="utf-8") for f in PLANS_SHOWN[name].iterdir() if f.suffix in (".yaml", ".md")
    )
    allowed = written.count("…")
    prs = Presentation(str(decks / f"{name}.pptx"))
    for number, slide in enumerate(prs.slides, 1):
        shown = "".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
        shown += "".join(
            cell.text for sh in slide.shapes if sh.has_table for row in sh.table.rows for cell in row.cells
        )
        assert shown.count("…") <= allowed, (number, shown[:200])
    with pdfplumber.open(decks / f"{name}.pdf") as pdf:
        for number, page in enumerate(pdf.pages, 1):
            assert (page.extract_text() or "").count("…") <= allowed, number
