"""The whitespace section end to end: validated with positions, a matrix whose cells say who supplies what where and
what is left to win (summed per offering and unit), the diff by cell, the portfolio's potential per account, and a
customer's copy without any of it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import DATA, TODAY, kamdoc
from pptx import Presentation
from section_plans import customer_text, edited, valid

from kamdoc.analyse.diff import compare
from kamdoc.outline.change_words import ChangeWords
from kamdoc.outline.deck import Shape, Text
from kamdoc.outline.kit import Geometry
from kamdoc.outline.plan_deck import build_outline
from kamdoc.standard.model import Whitespace
from kamdoc.theme.settings import load_theme

PLAN = DATA / "whitespace" / "plan.yaml"


def _texts(elements: list[object]) -> list[str]:
    """What a slide says, element by element, each text's lines joined again."""
    return [p.text.replace("\n", " ") for e in elements if isinstance(e, (Text, Shape)) for p in e.paras if p.text]


def test_the_matrix_says_each_cell_in_words_and_colour_and_sums_the_potential() -> None:
    result = valid(PLAN)
    deck = build_outline(result.plan, result.doc, load_theme())
    (slide,) = [s for s in deck.slides if s.kind == "whitespace"]
    texts = _texts(slide.elements)
    assert texts[:4] == ["Leeds plant", "Oakridge GmbH", "R&D", "Potential"]  # the units across, then the totals
    cells = [e for e in slide.elements if isinstance(e, Shape) and e.line_width and e.box.w > 20]  # not the key's
    grid = [(c.paras[0].text, c.fill) for c in sorted(cells, key=lambda c: (round(c.box.y), c.box.x))]
    assert grid == [
        ("Ours", "status.green"),
        ("Veltra", "status.red"),
        ("£150k", "status.amber"),
        ("£300k", "status.amber"),
        ("£120k", "status.amber"),
        ("", "background"),  # not listed: unknown, white
        ("Ours", "status.green"),
        ("", "background"),
        ("–", "rule"),
    ]
    # Per offering beside its row, per unit under the columns, and the whole matrix's in the corner.
    first = texts.index("Sensor boards")
    assert texts[first : first + 5] == ["Sensor boards", "Ours", "Veltra", "£150k", "£150k"]
    assert texts[first + 5 : first + 9] == ["Firmware", "£300k", "£120k", "£420k"]  # the unknown cell says nothing
    totals = texts.index("Total potential")
    assert texts[totals : totals + 5] == ["Total potential", "£300k", "£120k", "£150k", "£570k"]
    assert texts[-5:] == ["Ours", "Competitor", "Potential", "No fit", "Unknown"]  # the key, in the plan's words
    assert slide.notes == ["Firmware × Leeds plant: Wants one supplier for boards and firmware"]
    # Three rows get room, not bricks: the matrix and its key take most of the body's height.
    body = Geometry.of(load_theme()).body
    bottom = max(e.box.bottom for e in slide.elements)
    assert (bottom - slide.elements[0].box.y) > 0.7 * body.h


def test_many_units_and_offerings_go_on_over_slides_and_nothing_leaves_the_body(tmp_path: Path) -> None:
    units = "\n".join(f"    - {{name: Plant {n:02}}}" for n in range(1, 13))
    offerings = "\n".join(f"    - {{name: Offering number {n}}}" for n in range(1, 31))
    plan = edited(
        "whitespace",
        tmp_path,
        PLAN.read_text(encoding="utf-8").split("whitespace:\n", 1)[1].split("  cells:", 1)[0],
        f"  offerings:\n{offerings}\n  units:\n{units}\n",
    )
    text = plan.read_text(encoding="utf-8")
    cells = "\n".join(
        f"    - {{offering: Offering number {o}, unit: Plant {u:02}, status: potential, potential: {o * u}}}"
        for o in range(1, 31)
        for u in range(1, 13)
    )
    plan.write_text(text.split("  cells:", 1)[0] + "  cells:\n" + cells + "\n", encoding="utf-8")
    result = valid(plan)
    deck = build_outline(result.plan, result.doc, load_theme())
    slides = [s for s in deck.slides if s.kind == "whitespace"]
    assert len(slides) >= 4  # 12 units: two groups of columns; 30 offerings: more than one slide of rows each
    body = Geometry.of(load_theme()).body
    assert all(body.x <= e.box.x and e.box.right <= body.right + 0.01 for s in slides for e in s.elements)
    assert all(body.y <= e.box.y and e.box.bottom <= body.bottom + 0.01 for s in slides for e in s.elements)
    shown = [t for s in slides for t in _texts(s.elements)]
    assert shown.count("Offering number 30") == 2  # once per group of units
    assert "Plant 12" in shown and shown.count("Total potential") == 2
    everything = sum(o * u for o in range(1, 31) for u in range(1, 13))
    assert (
        f"£{everything / 1000:.1f}m" in shown
    )  # the whole matrix's (in millions, as its size calls for), under the last offering


def test_a_cell_naming_an_unknown_unit_is_an_error_at_its_place(tmp_path: Path) -> None:
    plan = edited(
        "whitespace", tmp_path, "unit: Oakridge GmbH, status: competitor", "unit: Oakridge Gmbh, status: competitor"
    )
    run = kamdoc("validate", plan.parent, "--today", TODAY)
    assert run.code == 1
    assert (
        ":125:39: error: whitespace.cells[1].unit: 'Oakridge Gmbh' is no name in whitespace.units; "
        "did you mean 'Oakridge GmbH'?" in run.out
    )


def test_a_cell_twice_and_a_competitor_unnamed_are_warned_in_the_plans_language(tmp_path: Path) -> None:
    plan = edited(
        "whitespace",
        tmp_path,
        "status: competitor, competitor: Veltra}",
        "status: competitor}\n    - {offering: Sensor boards, unit: Leeds plant, status: ours}",
    )
    text = plan.read_text(encoding="utf-8").replace("language: en", "language: de")
    plan.write_text(text, encoding="utf-8")
    run = kamdoc("validate", plan.parent, "--today", TODAY)
    assert run.code == 0
    assert "whitespace.cells[1]: status ist competitor: gib auch competitor an" in run.out
    assert (
        "whitespace.cells[2].unit: 'Sensor boards × Leeds plant' steht zweimal in der Liste (auch whitespace.cells[0])"
        in run.out
    )


def test_a_change_is_said_by_its_cell(tmp_path: Path) -> None:
    old = valid(PLAN)
    new = valid(edited("whitespace", tmp_path, "status: competitor, competitor: Veltra", "status: ours"))
    changes = [ChangeWords("en").line(c) for c in compare(old.plan, new.plan) if c.section == "whitespace"]
    assert changes == [
        "Whitespace: Cells: Sensor boards / Oakridge GmbH: Status: Competitor → Ours",
        "Whitespace: Cells: Sensor boards / Oakridge GmbH: Competitor: removed Veltra",
    ]


def test_the_portfolio_shows_each_accounts_potential_in_the_reporting_currency(in_tmp: Path) -> None:
    for name in ("whitespace", "contracts"):
        shutil.copytree(DATA / name, in_tmp / name)
    (in_tmp / "kamdoc.yaml").write_text("portfolio:\n  currency: EUR\n  rates: {GBP: 1.2}\n", encoding="utf-8")
    run = kamdoc("portfolio", "whitespace", "contracts", "--format", "json", "--today", TODAY)
    assert run.code == 0, run.err
    figures = {a["plan"].split("/")[0]: a["figures"] for a in json.loads(run.out)["accounts"]}
    assert figures == {"whitespace": {"whitespace_potential": 570_000 * 1.2}, "contracts": {}}
    table = kamdoc("portfolio", "whitespace", "contracts", "--format", "markdown", "--today", TODAY).out.splitlines()
    assert table[2].endswith("| partnership | whitespace potential EUR |")
    assert sorted(row.rsplit("|", 2)[1].strip() for row in table[4:6]) == ["-", "684.0k"]
    deck = Presentation(str(in_tmp / "build" / "portfolio.pptx"))
    (ranking,) = [sh.table for s in deck.slides for sh in s.shapes if sh.has_table and sh.table.cell(0, 0).text == "#"]
    assert ranking.cell(0, len(ranking.columns) - 1).text == "Whitespace potential"
    assert sorted(ranking.cell(r, len(ranking.columns) - 1).text for r in (1, 2)) == ["–", "€684k"]


def test_the_customer_sees_no_whitespace(tmp_path: Path) -> None:
    shown = customer_text(PLAN, tmp_path)
    assert "Whitespace" not in shown and "Veltra" not in shown.split("Competitors", 1)[-1] and "£570k" not in shown


def test_the_potential_sums_only_cells_with_potential() -> None:
    ws = Whitespace.model_validate(
        {
            "offerings": [{"name": "A"}],
            "units": [{"name": "U"}, {"name": "V"}],
            "cells": [
                {"offering": "A", "unit": "U", "status": "potential", "potential": 5},
                {"offering": "A", "unit": "V", "status": "ours", "potential": 7},  # ours already: not left to win
            ],
        }
    )
    assert ws.potential() == 5


def test_only_the_first_mistakes_are_compared_with_every_name(tmp_path: Path) -> None:
    wrong = "\n".join(f"    - {{offering: Firmware, unit: Leeds plant {n}, status: ours}}" for n in range(25))
    plan = edited("whitespace", tmp_path, "  cells:\n", f"  cells:\n{wrong}\n")
    run = kamdoc("validate", plan.parent, "--today", TODAY)
    assert run.code == 1 and run.out.count("is no name in whitespace.units") == 25
    assert run.out.count("did you mean 'Leeds plant'?") == 20  # the rest: the names there are (work stays linear)
    assert run.out.count("; known: Leeds plant, Oakridge GmbH, R&D") == 5
