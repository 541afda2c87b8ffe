"""The PowerPoint decks as a person sees them: titles, texts, tables, charts, notes, and nothing off the slide."""

from __future__ import annotations

import hashlib
import itertools
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

from conftest import DATA, PLANS, TODAY, kamdoc


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


def texts(slide: object) -> str:
    parts = []
    for shape in slide.shapes:  # type: ignore[attr-defined]
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)


def titles(deck: Path) -> list[str]:
    return [texts(s).split("\n")[0] for s in Presentation(str(deck)).slides]


def test_render_prints_the_paths_and_writes_16_9_decks(decks: Path) -> None:
    for name in ("brenner-werke", "halvorsen-logistics", "stress"):
        prs = Presentation(str(decks / f"{name}.pptx"))
        assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000))


def test_sections_in_the_standards_order_in_the_plans_language(decks: Path) -> None:
    shown = titles(decks / "brenner-werke.pptx")
    expected = ["Brenner Werke AG", "Agenda", "Kurzprofil", "Kennzahlen", "Ziele und Projekte des Kunden", "Marktumfeld",
                "Einkaufsstrategie", "Power-Map", "SWOT des Kunden", "Gewonnene und verlorene Projekte", "Potenzial-Portfolio",
                "Unsere SWOT", "Mission", "Top-5-Ziele", "Finanzplanung", "Schlüsselprojekte", "Account-Team",
                "Beziehungsmanagement", "Key-Account-Marketing"]
    positions = [next(i for i, t in enumerate(shown) if t.startswith(title)) for title in expected]
    assert positions == sorted(positions)


def test_key_texts_and_labels(decks: Path) -> None:
    prs = Presentation(str(decks / "brenner-werke.pptx"))
    everything = "\n".join(texts(s) for s in prs.slides)
    for text in ("Jana Schmidt", "Werkzeugmaschinen", "Martina Müller", "Entscheider", "15.11.2026", "T€", "Freigegeben"):
        assert text in everything, text
    english = "\n".join(texts(s) for s in Presentation(str(decks / "halvorsen-logistics.pptx")).slides)
    for text in ("Daniel Okafor", "Decision-maker", "2 Nov 2026", "Customer profile", "Power map"):
        assert text in english, text


def test_financials_are_a_native_chart_with_products_and_years(decks: Path) -> None:
    prs = Presentation(str(decks / "brenner-werke.pptx"))
    charts = [shape.chart for slide in prs.slides for shape in slide.shapes if shape.has_chart]
    chart = charts[0]
    plot = chart.plots[0]
    assert list(plot.categories) == ["2023 (Ist)", "2024 (Ist)", "2025 (Ist)", "2026 (Plan)", "2027 (Plan)", "2028 (Plan)"]
    names = [s.name for s in plot.series]
    assert names[0] == "Servoantriebe (Achsantriebe)" and len(names) == 6
    assert list(plot.series[0].values) == [3850.0, 3420.0, 3610.0, 3900.0, 4350.0, 4800.0]


def test_financials_table_has_totals_and_growth_right_aligned(decks: Path) -> None:
    prs = Presentation(str(decks / "brenner-werke.pptx"))
    tables = [shape.table for slide in prs.slides if texts(slide).startswith("Finanzplanung") for shape in slide.shapes if shape.has_table]
    table = tables[0]
    first_column = [row.cells[0].text for row in table.rows]
    assert first_column[-2:] == ["Wachstum", "Summe"]
    assert table.rows[1].cells[1].text_frame.paragraphs[0].alignment == 3  # PP_ALIGN.RIGHT


def test_speaker_notes_say_where_to_edit(decks: Path) -> None:
    prs = Presentation(str(decks / "brenner-werke.pptx"))
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide]
    assert "Bearbeiten in: plans/brenner-werke/plan.yaml:10" in notes[0]
    assert any("plans/brenner-werke/markt.md:1" in n for n in notes)


@pytest.mark.parametrize("name", ["brenner-werke", "halvorsen-logistics", "stress"])
def test_every_shape_inside_the_slide_and_none_overlapping(decks: Path, name: str) -> None:
    prs = Presentation(str(decks / f"{name}.pptx"))
    for number, slide in enumerate(prs.slides, 1):
        boxes = []
        for shape in slide.shapes:
            box = (shape.left, shape.top, shape.left + shape.width, shape.top + shape.height)
            assert box[0] >= 0 and box[1] >= 0 and box[2] <= prs.slide_width and box[3] <= prs.slide_height, (number, shape.name)
            boxes.append((shape.name, box))
        for (a, p), (b, q) in itertools.combinations(boxes, 2):
            assert not (p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]), f"slide {number}: {a} overlaps {b}"


def test_footer_on_every_slide_but_the_cover(decks: Path) -> None:
    prs = Presentation(str(decks / "halvorsen-logistics.pptx"))
    for number, slide in enumerate(prs.slides, 1):
        footer = "Halvorsen Logistics ASA – Contract Logistics · Version 2 Nov 2026" in texts(slide)
        assert footer == (number > 1), number


def test_stress_plan_splits_onto_continuation_slides(decks: Path) -> None:
    shown = titles(decks / "stress.pptx")
    assert "Power-Map (1/6)" in shown
    assert any(t.startswith("Marktumfeld (") for t in shown)
    prs = Presentation(str(decks / "stress.pptx"))
    power = [s for s in prs.slides if texts(s).startswith("Power-Map")]
    rows = sum(len(shape.table.rows) - 1 for s in power for shape in s.shapes if shape.has_table)
    assert rows == 60  # every person, none lost in the split
    for slide in power:  # the header row repeats on every continuation slide
        (table,) = [shape.table for shape in slide.shapes if shape.has_table]
        assert table.rows[0].cells[0].text == "Name"


def test_customer_audience_leaves_out_internal_matters(tmp_path: Path) -> None:
    out = render(tmp_path, PLANS / "brenner-werke", "--audience", "customer")
    prs = Presentation(str(out / "brenner-werke.pptx"))
    everything = "\n".join(texts(s) for s in prs.slides)
    assert "Kundenversion" in texts(prs.slides[1])
    def headers(title: str) -> set[str]:
        return {cell.text for slide in prs.slides if texts(slide).startswith(title)
                for shape in slide.shapes if shape.has_table for cell in shape.table.rows[0].cells}

    assert headers("Power-Map") and not headers("Power-Map") & {"Einstellung", "Einfluss"}
    assert headers("Finanzplanung") and "Marge" not in headers("Finanzplanung")
    assert "Potenzial-Portfolio" not in titles(out / "brenner-werke.pptx")
    assert "Lastenheft war auf Voss zugeschnitten" not in everything  # the reasons a project was lost
    assert "Unsere SWOT" not in titles(out / "brenner-werke.pptx")


def test_same_plan_gives_the_same_bytes(tmp_path: Path) -> None:
    first = render(tmp_path / "a", PLANS / "halvorsen-logistics") / "halvorsen-logistics.pptx"
    second = render(tmp_path / "b", PLANS / "halvorsen-logistics") / "halvorsen-logistics.pptx"
    assert hashlib.sha256(first.read_bytes()).digest() == hashlib.sha256(second.read_bytes()).digest()


def test_a_plan_with_errors_is_not_rendered(tmp_path: Path) -> None:
    run = kamdoc("render", DATA / "bad" / "role-not-in-list.yaml", "--out", tmp_path, "--today", TODAY)
    assert run.code == 1
    assert "power_map.people[0].roles[1]: 'boss' is not one of" in run.err
    assert list(tmp_path.iterdir()) == []


def test_libreoffice_opens_the_decks(decks: Path, tmp_path: Path) -> None:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.fail("LibreOffice is not installed (.ci/run installs it with apt-get)")
    for name in ("brenner-werke", "halvorsen-logistics"):
        subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(decks / f"{name}.pptx")],
                       check=True, capture_output=True, timeout=240)
        from pypdf import PdfReader

        pages = len(PdfReader(str(tmp_path / f"{name}.pdf")).pages)
        assert pages == len(Presentation(str(decks / f"{name}.pptx")).slides)
