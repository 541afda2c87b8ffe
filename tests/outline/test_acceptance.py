"""What issue 33 asks of every test plan's deck, both audiences: nothing cut, no empty column, totals as a chart's
series, the summary's revenue the plan's own totals."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import DATA, PLANS
from section_plans import valid

from kamdoc.outline.deck import ColumnChart, Deck, Shape, Table, Text
from kamdoc.outline.kit import PlanKit
from kamdoc.outline.plan_deck import build_outline
from kamdoc.theme.settings import load_theme

PLAN_FILES = [
    *(PLANS / name / "plan.yaml" for name in ("brenner-werke", "halvorsen-logistics")),
    *(
        DATA / name / "plan.yaml"
        for name in ("base", "required", "stress", "risks", "contracts", "whitespace", "sources")
    ),
]


def _deck(path: Path, audience: str) -> Deck:
    result = valid(path)
    return build_outline(result.plan, result.doc, load_theme(), audience=audience)


def _said(deck: Deck) -> list[str]:
    out = [deck.footer]
    for slide in deck.slides:
        out.append(slide.title)
        for e in slide.elements:
            if isinstance(e, (Text, Shape)):
                out += [p.text for p in e.paras]
            elif isinstance(e, Table):
                out += [*e.header, *(c for row in e.rows for c in row)]
    return out


@pytest.mark.parametrize("audience", ["internal", "customer"])
@pytest.mark.parametrize("path", PLAN_FILES, ids=[p.parent.name for p in PLAN_FILES])
def test_nothing_is_cut_no_column_is_empty_and_totals_are_a_series(path: Path, audience: str) -> None:
    deck = _deck(path, audience)
    assert not [t for t in _said(deck) if "…" in t]  # no text shortened, the footer included
    assert not [t for t in _said(deck) if set(t) & set("\ufde0\ufde1\ufde2\ufde3")]  # every "S. 12" filled in
    for slide in deck.slides:
        for e in slide.elements:
            if isinstance(e, Table) and e.rows:
                empty = [c for c in range(len(e.rows[0])) if not any(row[c].strip() for row in e.rows)]
                assert not empty, (slide.title, [e.header[c] if e.header else c for c in empty])
            if isinstance(e, ColumnChart) and slide.section == "financials":
                assert e.totals and len(e.series) <= 8, slide.title


@pytest.mark.parametrize("path", PLAN_FILES, ids=[p.parent.name for p in PLAN_FILES])
def test_the_summarys_revenue_is_the_plans_own_totals(path: Path) -> None:
    result = valid(path)
    plan = result.plan
    deck = build_outline(plan, result.doc, load_theme())
    summary = next((s for s in deck.slides if s.kind == "summary"), None)
    if summary is None or not any(p.actual for p in plan.financials.products):
        return
    kit = PlanKit(plan, result.doc, load_theme(), False)
    _, then, last, later = plan.financials.outlook()
    shown = [p.text for e in summary.elements if isinstance(e, Shape) for p in e.paras]
    expected = kit.scaled(then) if last is None else f"{kit.scaled(then)} → {kit.scaled(later)}"
    assert expected in shown


def test_a_cell_that_names_slides_is_wrapped_as_its_numbers_measure() -> None:
    """The table of ties names the slides of a split map ("S. 9, S. 13"): its cells are wrapped again once the numbers
    stand there, so that the PDF breaks them where PowerPoint does, and no "S." stands apart from its number."""
    deck = _deck(DATA / "stress" / "plan.yaml", "internal")
    kit = PlanKit(
        valid(DATA / "stress" / "plan.yaml").plan, valid(DATA / "stress" / "plan.yaml").doc, load_theme(), False
    )
    (ties,) = [e for s in deck.slides if s.kind == "power_map_ties" for e in s.elements if isinstance(e, Table)]
    where = [row[-1] for row in ties.rows]
    assert all(re.fullmatch(r"S\.\u00a0\d+(, S\.\u00a0\d+)*", cell) for cell in where), where
    for row, lines in zip(ties.rows, ties.lines[1:]):
        assert list(lines[-1]) == kit.fonts.cell_lines(row[-1], ties.size, ties.widths[-1])


@pytest.mark.parametrize("audience", ["internal", "customer"])
@pytest.mark.parametrize("path", PLAN_FILES, ids=[p.parent.name for p in PLAN_FILES])
def test_a_goal_takes_at_most_two_slides(path: Path, audience: str) -> None:
    """Its facts, text and milestones, then its actions; a strategy longer than the budget goes to the appendix."""
    deck = _deck(path, audience)
    per_goal = Counter(re.sub(r" \(\d+/\d+\)$", "", s.title) for s in deck.slides if s.kind == "goal")
    assert all(n <= 2 for n in per_goal.values()), per_goal
