"""The PowerPoint decks as a person sees them: titles, texts, tables, charts, notes, and nothing off the slide."""

from __future__ import annotations

import hashlib
import io
import itertools
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import DATA, PLANS, TODAY, kamdoc
from decks import texts, titles
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from pptx.util import Emu

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def render(tmp_path: Path, *args: str | Path) -> Path:
    run = kamdoc("render", *args, "--out", tmp_path, "--today", TODAY)
    assert run.code == 0, run.err
    return tmp_path


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("decks")
    run = kamdoc("render", PLANS, DATA / "stress", "--out", out, "--today", TODAY)
    assert run.code == 0, run.err
    return out


def test_render_prints_the_paths_and_writes_16_9_decks(decks: Path) -> None:
    for name in ("brenner-werke", "halvorsen-logistics", "stress"):
        prs = Presentation(str(decks / f"{name}.pptx"))
        assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000))


def test_sections_in_the_standards_order_in_the_plans_language(decks: Path) -> None:
    shown = titles(decks / "brenner-werke.pptx")
    expected = [
        "Brenner Werke AG",
        "Agenda",
        "Kurzprofil",  # with the key figures under it
        "Ziele und Projekte des Kunden",
        "Marktumfeld",
        "Einkaufsstrategie",
        "Power-Map",
        "SWOT des Kunden",
        "Gewonnene und verlorene Projekte",
        "Potenzial-Portfolio",
        "Unsere SWOT",
        "Mission",
        "Top-5-Ziele",
        "Finanzplanung",
        "Schlüsselprojekte",
        "Account-Team",
        "Beziehungsmanagement",
        "Key-Account-Marketing",
    ]
    positions = [next(i for i, t in enumerate(shown) if t.startswith(title)) for title in expected]
    assert positions == sorted(positions)


def test_key_texts_and_labels(decks: Path) -> None:
    prs = Presentation(str(decks / "brenner-werke.pptx"))
    everything = "\n".join(texts(s) for s in prs.slides)
    for text in (
        "Jana Schmidt",
        "Werkzeugmaschinen",
        "Martina Müller",
        "Entscheider",
        "15.11.2026",
        "T€",
        "Freigegeben",
    ):
        assert text in everything, text
    english = "\n".join(texts(s) for s in Presentation(str(decks / "halvorsen-logistics.pptx")).slides)
    for text in ("Daniel Okafor", "Decision-maker", "2 Nov 2026", "Customer profile", "Power map"):
        assert text in english, text


def test_financials_are_a_native_chart_with_products_and_years(decks: Path) -> None:
    prs = Presentation(str(decks / "brenner-werke.pptx"))
    charts = [
        shape.chart
        for slide in prs.slides
        if texts(slide).startswith("Umsatz mit Brenner Werke wächst")  # the chart's title says where revenue goes
        for shape in slide.shapes
        if shape.has_chart
    ]
    chart = charts[0]
    plot = chart.plots[0]
    assert list(plot.categories) == ["2023", "2024", "2025", "2026", "2027", "2028"]  # "Plan" is a band above
    names = [s.name for s in plot.series]
    assert names[0] == "Servoantriebe (Achsantriebe)" and len(names) == 6
    assert list(plot.series[0].values) == [3.85, 3.42, 3.61, 3.9, 4.35, 4.8]  # in Mio. €, as the axis says
    fills = {str(s.format.fill.fore_color.rgb) for s in plot.series}
    assert len(fills) == 6  # one full colour per product, planned years too: no tints per point
    assert not any(point.get("idx") for s in plot.series for point in s._element.findall(qn("c:dPt")))


def test_the_totals_are_a_series_summed_in_the_charts_workbook_and_labelled_not_in_the_legend(decks: Path) -> None:
    prs = Presentation(str(decks / "brenner-werke.pptx"))
    (chart,) = [
        shape.chart
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_chart and "COLUMN" in str(shape.chart.chart_type)
    ]
    totals = [s for plot in chart.plots for s in plot.series if s.name == "Summe"]
    (total,) = totals
    columns = chart.plots[0].series
    assert list(total.values) == pytest.approx([sum(s.values[i] for s in columns) for i in range(6)])
    labels = total._element.find(qn("c:dLbls"))
    assert labels.find(qn("c:showVal")).get("val") == "1" and labels.find(qn("c:dLblPos")).get("val") == "t"
    assert total._element.find(qn("c:spPr")).find(qn("a:ln")).find(qn("a:noFill")) is not None  # no line drawn
    legend = chart.legend._element
    hidden = [e.find(qn("c:idx")).get("val") for e in legend.findall(qn("c:legendEntry"))]
    assert hidden == [total._element.find(qn("c:idx")).get("val")]
    # Edit a product's number in PowerPoint and its year's total follows: the workbook sums, it does not copy.
    with zipfile.ZipFile(io.BytesIO(chart.part.chart_workbook.xlsx_part.blob)) as book:
        sheet = etree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    formulas = [f.text for f in sheet.iter(f"{main}f")]
    assert formulas == [f"SUM(B{row}:G{row})" for row in range(2, 8)]


def test_financials_table_has_totals_and_growth_right_aligned(decks: Path) -> None:
    prs = Presentation(str(decks / "brenner-werke.pptx"))
    tables = [
        shape.table
        for slide in prs.slides
        if texts(slide).startswith("Finanzplanung")
        for shape in slide.shapes
        if shape.has_table
    ]
    table = tables[0]
    first_column = [row.cells[0].text for row in table.rows]
    assert first_column[-2:] == ["Wachstum", "Summe"]
    assert table.rows[1].cells[1].text_frame.paragraphs[0].alignment == 3  # PP_ALIGN.RIGHT


def test_speaker_notes_are_the_presenters_never_file_paths(decks: Path) -> None:
    prs = Presentation(str(decks / "brenner-werke.pptx"))
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide]
    assert not any(re.search(r"\.(yaml|md):\d+", n) for n in notes)  # where a plan is edited is the preview's to show
    assert any("Familienholding" in n for n in notes)  # a person's notes, on the slide that shows them


def test_the_plans_own_speaker_notes_open_the_notes_of_their_parts_first_slide(decks: Path, tmp_path: Path) -> None:
    prs = Presentation(str(decks / "brenner-werke.pptx"))
    notes = {i: s.notes_slide.notes_text_frame.text for i, s in enumerate(prs.slides, 1) if s.has_notes_slide}
    said = [i for i, n in notes.items() if "Mit Jürgen Weiß beginnen" in n]
    assert len(said) == 1 and notes[said[0]].startswith(
        "Mit Jürgen Weiß beginnen"
    )  # before kamdoc's notes on the people
    assert prs.slides[said[0] - 1].shapes.title.text_frame.text.startswith("Power-Map")
    customer = render(tmp_path, PLANS / "brenner-werke", "--audience", "customer", "--to", "pptx")
    shown = Presentation(str(next(customer.glob("*.pptx"))))
    assert not any(
        "Jürgen Weiß beginnen" in s.notes_slide.notes_text_frame.text for s in shown.slides if s.has_notes_slide
    )


@pytest.mark.parametrize("name", ["brenner-werke", "halvorsen-logistics", "stress"])
def test_every_shape_inside_the_slide_and_none_overlapping(decks: Path, name: str) -> None:
    prs = Presentation(str(decks / f"{name}.pptx"))
    for number, slide in enumerate(prs.slides, 1):
        boxes = []
        for shape in slide.shapes:
            box = (shape.left, shape.top, shape.left + shape.width, shape.top + shape.height)
            if shape.rotation % 180 == 90:  # a connector turned a quarter: its frame lies across its centre
                cx, cy, half_w, half_h = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2, shape.height / 2, shape.width / 2
                box = (cx - half_w, cy - half_h, cx + half_w, cy + half_h)
            assert box[0] >= 0 and box[1] >= 0 and box[2] <= prs.slide_width and box[3] <= prs.slide_height, (
                number,
                shape.name,
            )
            if not shape.name.startswith(("Connector", "Freeform")):  # lines join boxes; they may touch them
                boxes.append((shape.name, box))
        charts = [
            box
            for shape, (_, box) in zip(
                [s for s in slide.shapes if not s.name.startswith(("Connector", "Freeform"))], boxes
            )
            if shape.has_chart
        ]

        def on_chart(box: tuple[int, int, int, int]) -> bool:  # a column's total, over the plot's empty top
            return any(
                c[0] <= box[0] and box[2] <= c[2] and c[1] <= box[1] and box[3] <= c[3] and c != box for c in charts
            )

        boxes = [(n, box) for n, box in boxes if not on_chart(box)]
        for (a, p), (b, q) in itertools.combinations(boxes, 2):
            assert not (p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]), (
                f"slide {number}: {a} overlaps {b}"
            )


def test_footer_on_every_slide_but_the_cover(decks: Path) -> None:
    prs = Presentation(str(decks / "halvorsen-logistics.pptx"))
    for number, slide in enumerate(prs.slides, 1):
        footer = "Halvorsen Logistics · Version 2 Nov 2026 · Confidential" in texts(slide)  # short: the cover has all
        assert footer == (number > 1), number


def person_boxes(slide: object) -> dict[str, object]:
    """The power map's person boxes on a slide, by the name on their first line."""
    # The overview's boxes carry "→ S. 12" after the name, a branch slide's "(Team: S. 11)": the name is what comes before.
    # A box is drawn as its own outline (with the sites lines glue to): python-pptx calls it a freeform.
    return {
        re.split(r"\s→|\s\(Team", shape.text_frame.paragraphs[0].text)[0]: shape
        for shape in slide.shapes  # type: ignore[attr-defined]
        if shape.shape_type in (MSO_SHAPE_TYPE.AUTO_SHAPE, MSO_SHAPE_TYPE.FREEFORM)
        and shape.has_text_frame
        and shape.text_frame.text
        and shape.width > Emu(500000)
    }


def test_power_map_is_an_org_chart_of_shapes_and_connectors(decks: Path) -> None:
    prs = Presentation(str(decks / "brenner-werke.pptx"))
    slides = [s for s in prs.slides if texts(s).startswith("Power-Map")]
    # The overview, then the branches; the first says what the map shows.
    assert texts(slides[0]).startswith("Power-Map: 7 von 13 Personen positiv, 3 gegen uns") and len(slides) == 2
    boxes = {name: box for slide in slides for name, box in person_boxes(slide).items()}
    assert len(boxes) == 13 and "Martina Müller" in boxes
    overview = person_boxes(slides[0])
    # Roots on top: the chair of the supervisory board is above everyone who reports (in)directly to her.
    assert min(overview.values(), key=lambda b: b.top).text_frame.paragraphs[0].text.startswith("Gerlinde")
    branch = list(prs.slides).index(slides[1]) + 1
    assert f"→ S. {branch}" in overview["Jürgen Weiß"].text_frame.text.replace(
        "\xa0", " "
    )  # shown in full on the branch slide (kept on one line)
    for slide in slides:
        shapes = list(slide.shapes)
        lines = [s for s in shapes if s.name.startswith("Connector")]
        boxes_here = person_boxes(slide)
        assert lines and not any(
            s.name.startswith("Freeform") for s in shapes
        )  # every line a connector, glued at both ends
        for line in lines:
            assert line.begin_x is not None and line._element.find(f".//{{{_A}}}stCxn") is not None  # noqa: SLF001
        assert max(shapes.index(b) for b in boxes_here.values()) < min(
            shapes.index(s) for s in lines
        )  # lines over the boxes
    mentor = boxes["Deniz Öztürk"]
    assert str(mentor.fill.fore_color.rgb) == "1B7F3B"  # box colour by attitude
    assert mentor.line.width > boxes["Nicole Jäger"].line.width  # influence as frame weight
    legend = texts(slides[1])
    assert "Mentor" in legend and "Entscheider" in boxes["Jürgen Weiß"].text_frame.text  # roles in words, not badges
    assert "E = Entscheider" not in legend


def test_stress_plan_splits_onto_continuation_slides(decks: Path) -> None:
    shown = titles(decks / "stress.pptx")
    assert any(t.startswith("Power-Map (1/") for t in shown)
    assert any(t.startswith("Anhang: Marktumfeld im Detail (2/") for t in shown)  # the whole text, at the end
    prs = Presentation(str(decks / "stress.pptx"))
    power = [s for s in prs.slides if texts(s).startswith("Power-Map")]
    names = set().union(*(person_boxes(s) for s in power))
    assert len(names) == 60  # every person, none lost in the split
    products = [s for s in prs.slides if texts(s).startswith("Finanzplanung") and any(sh.has_table for sh in s.shapes)]
    assert len(products) > 1
    for slide in products:  # the header row repeats on every continuation slide
        (table,) = [shape.table for shape in slide.shapes if shape.has_table]
        assert table.rows[0].cells[0].text.startswith("Produkt")


def test_customer_audience_leaves_out_internal_matters(tmp_path: Path) -> None:
    out = render(tmp_path, PLANS / "brenner-werke", "--audience", "customer")
    prs = Presentation(str(out / "brenner-werke.pptx"))
    everything = "\n".join(texts(s) for s in prs.slides)
    assert "Erstellt für Brenner Werke AG" in texts(prs.slides[0]) and "Vertraulich" in texts(prs.slides[0])
    assert (
        "Kundenversion" not in everything and "nur für das Account-Team" not in everything
    )  # our own marking stays ours
    assert all(
        not s.has_notes_slide or not s.notes_slide.notes_text_frame.text for s in prs.slides
    )  # no file paths for the customer

    def headers(title: str) -> set[str]:
        return {
            cell.text
            for slide in prs.slides
            if texts(slide).startswith(title)
            for shape in slide.shapes
            if shape.has_table
            for cell in shape.table.rows[0].cells
        }

    (power_map,) = [
        s for s in prs.slides if texts(s).startswith("Organisation")
    ]  # the power map, as an organisation chart
    assert {str(b.fill.fore_color.rgb) for b in person_boxes(power_map).values()} == {"FFFFFF"}  # no attitude colours
    assert all(
        b.text_frame.paragraphs[-1].text.strip() for b in person_boxes(power_map).values()
    )  # no empty line where roles were
    assert "Feind" not in texts(power_map) and "Einfluss" not in texts(power_map)
    shown = titles(out / "brenner-werke.pptx")
    assert not any(
        t.startswith(
            ("Finanzplanung", "Potenzial-Portfolio", "Unsere SWOT", "SWOT", "Unsere Position", "Beziehungsmanagement")
        )
        for t in shown
    ), shown
    assert "Lastenheft war auf Voss zugeschnitten" not in everything  # the reasons a project was lost
    assert "Gemeinsame Ziele" in shown and "Top-5-Ziele" not in shown


def test_same_plan_gives_the_same_bytes(tmp_path: Path) -> None:
    first = render(tmp_path / "a", PLANS / "halvorsen-logistics") / "halvorsen-logistics.pptx"
    second = render(tmp_path / "b", PLANS / "halvorsen-logistics") / "halvorsen-logistics.pptx"
    assert hashlib.sha256(first.read_bytes()).digest() == hashlib.sha256(second.read_bytes()).digest()


def test_source_date_epoch_sets_the_document_dates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    deck = render(tmp_path, PLANS / "halvorsen-logistics") / "halvorsen-logistics.pptx"
    props = Presentation(str(deck)).core_properties
    assert props.created.isoformat().startswith("2026-01-01T00:00") and props.modified == props.created
    with zipfile.ZipFile(deck) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 1, 1, 0, 0, 0)}


def test_the_console_command_exits_with_the_codes_and_prints_everything(tmp_path: Path) -> None:
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "kamdoc",
            "render",
            str(DATA / "bad" / "stage-not-in-list.yaml"),
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 1
    assert "key_projects[0].stage: 'offer' is not one of" in bad.stderr
    good = subprocess.run(
        [sys.executable, "-m", "kamdoc", "render", str(PLANS / "brenner-werke"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert good.returncode == 0
    assert good.stdout.strip() == str(tmp_path / "brenner-werke.pptx")


def test_a_plan_with_errors_is_not_rendered(tmp_path: Path) -> None:
    run = kamdoc("render", DATA / "bad" / "role-not-in-list.yaml", "--out", tmp_path, "--today", TODAY)
    assert run.code == 1
    assert "power_map.people[0].roles[1]: 'boss' is not one of" in run.err
    assert list(tmp_path.iterdir()) == []


def test_libreoffice_opens_the_decks(decks: Path, tmp_path: Path) -> None:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.fail("LibreOffice is not installed (.ci/run installs it with apt-get)")
    # A profile of its own: another LibreOffice running on the machine (a person's, another job's) holds the default one.
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    for name in ("brenner-werke", "halvorsen-logistics"):
        subprocess.run(
            [
                office,
                profile,
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path),
                str(decks / f"{name}.pptx"),
            ],
            check=True,
            capture_output=True,
            timeout=240,
        )
        from pypdf import PdfReader

        pages = len(PdfReader(str(tmp_path / f"{name}.pdf")).pages)
        assert pages == len(Presentation(str(decks / f"{name}.pptx")).slides)


def test_potential_portfolio_is_a_native_bubble_chart_with_named_quadrants(decks: Path) -> None:
    prs = Presentation(str(decks / "brenner-werke.pptx"))
    (slide,) = [s for s in prs.slides if texts(s).startswith("Potenzial-Portfolio")]
    (chart,) = [shape.chart for shape in slide.shapes if shape.has_chart]
    units, quadrants = chart.plots[0].series
    assert len(list(units.values)) == 5
    labels = [units.points[i].data_label.text_frame.text for i in range(5)]
    assert "Werk Taicang (Drehzentren China)\u00a0[5]" in labels  # with the source its potential is from
    names = [quadrants.points[i].data_label.text_frame.text for i in range(4)]
    assert names[1].startswith("Fokus") and names[2].startswith("Beobachten")


@pytest.mark.parametrize("version", ["9999-12-31", "2108-01-01", "1980-01-01"])
def test_every_version_date_renders_the_same_bytes_twice(tmp_path: Path, version: str) -> None:
    shutil.copytree(PLANS / "halvorsen-logistics", tmp_path / "p")
    plan = tmp_path / "p" / "plan.yaml"
    plan.write_text(re.sub(r"(?m)^  version: .*$", f"  version: {version}", plan.read_text()))
    made = []
    for name in ("a", "b"):
        run = kamdoc("render", tmp_path / "p", "--to", "pptx,pdf", "--out", tmp_path / name, "--today", TODAY)
        assert run.code == 0, run.out + run.err
        made.append([(tmp_path / name / f"p.{fmt}").read_bytes() for fmt in ("pptx", "pdf")])
    assert made[0] == made[1]
    deck = tmp_path / "a" / "p.pptx"
    assert Presentation(str(deck)).core_properties.created.date().isoformat() == version
    with zipfile.ZipFile(deck) as archive:  # a zip entry's date only holds 1980 to 2107
        stamps = {info.date_time for info in archive.infolist()}
    assert stamps == {
        (
            min(int(version[:4]), 2107),
            *((12, 31, 23, 59, 58) if version > "2108" else (int(version[5:7]), int(version[8:]), 0, 0, 0)),
        )
    }


def test_numbered_lists_start_at_the_number_written_and_stay_valid_drawingml(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    shutil.copytree(DATA / "base", folder)
    plan = folder / "plan.yaml"
    lists = "\n    0. zero first\n    1. zero second\n\n    text\n\n    7. seven first\n\n    text\n\n    40000. far first\n    40001. far second\n"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("North America.\n", "North America.\n" + lists, 1), encoding="utf-8"
    )
    deck = render(tmp_path / "out", folder) / "plan.pptx"
    xml = "".join(
        zipfile.ZipFile(deck).read(name).decode()
        for name in zipfile.ZipFile(deck).namelist()
        if name.startswith("ppt/slides/slide")
    )
    assert all(1 <= int(n) <= 32767 for n in re.findall(r'startAt="(\d+)"', xml))  # what DrawingML allows
    assert 'startAt="7"' in xml  # counted by PowerPoint where it can
    everything = "\n".join(texts(s) for s in Presentation(str(deck)).slides)
    # Not renumbered from 1 (its next item PowerPoint counts); the tab takes the text to the indent.
    assert "0.\tzero first" in everything
    assert "40000.\tfar first" in everything and "40001.\tfar second" in everything
