"""Organisations of any size and shape: laid out without recursion on the plan's data, in work that grows with the people."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from big_plans import chains, everyone_influences_everyone, org_text, wide, write_plan
from conftest import ROOT, TODAY, kamdoc

from kamdoc.limits import MAX_LINKS, MAX_PEOPLE, MAX_REPORTING_DEPTH
from kamdoc.outline import org_chart, power_map
from kamdoc.outline.kit import Geometry
from kamdoc.standard.model import Person
from kamdoc.theme.settings import load_theme


def _chain(people: int) -> list[Person]:
    return [
        Person(id=f"p{i}", name=f"Person {i}", roles=["user"], reports_to=f"p{i - 1}" if i else None)
        for i in range(people)
    ]


def _layout_work(people: list[Person], monkeypatch: pytest.MonkeyPatch) -> int:
    """How many subtrees the power map's layout sized or laid out for these people."""
    calls = [0]
    size, tree = org_chart.Layout._size, org_chart.Layout._tree

    def counted_size(self: org_chart.Layout, node: str, depth: int, kids: list[str]) -> tuple[float, float]:
        calls[0] += 1
        return size(self, node, depth, kids)

    def counted_tree(self: org_chart.Layout, node: str, depth: int, kids: list[str]) -> org_chart.Block:
        calls[0] += 1
        return tree(self, node, depth, kids)

    monkeypatch.setattr(org_chart.Layout, "_size", counted_size)
    monkeypatch.setattr(org_chart.Layout, "_tree", counted_tree)
    geometry = Geometry.of(load_theme())
    power_map.power_map_slides(people, [], geometry.body, geometry.fonts, "en")
    monkeypatch.undo()
    return calls[0]


def test_the_layouts_work_grows_with_a_chains_length_not_its_square(monkeypatch: pytest.MonkeyPatch) -> None:
    # Once every depth of every part was tried: 60, 120, 240 people took 2.2, 5.1 and 17.2 CPU-seconds.
    hundred, two_hundred = _layout_work(_chain(100), monkeypatch), _layout_work(_chain(200), monkeypatch)
    assert two_hundred / hundred < 2.5, (hundred, two_hundred)


def test_a_chain_far_deeper_than_any_slide_is_laid_out_without_recursion(tmp_path: Path) -> None:
    # Once a chain of 330 people (validated cleanly) ended `kamdoc render` in a RecursionError. The layout is run here with a
    # small recursion limit, in a process of its own: the walks over people are loops, and only a slide's depth recurses.
    script = textwrap.dedent("""
        import sys
        from kamdoc.outline.kit import Geometry
        from kamdoc.outline.power_map import power_map_slides
        from kamdoc.standard.model import Person
        from kamdoc.theme.settings import load_theme

        geometry = Geometry.of(load_theme())
        people = [Person(id=f"p{i}", name=f"P{i}", roles=["user"], reports_to=f"p{i - 1}" if i else None) for i in range(1000)]
        sys.setrecursionlimit(200)
        slides, _ = power_map_slides(people, [], geometry.body, geometry.fonts, "en")
        print(len(slides), "slides")
    """)
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=False, timeout=300
    )
    assert "RecursionError" not in run.stderr
    assert run.returncode == 0 and run.stdout.endswith(" slides\n"), run.stderr[-2000:]


SHAPES = {
    "chains": (chains(MAX_PEOPLE, MAX_REPORTING_DEPTH), []),
    "one-manager": (wide(MAX_PEOPLE), []),
    "links": (chains(MAX_PEOPLE, 20), [(i % MAX_PEOPLE, (i * 7 + 3) % MAX_PEOPLE) for i in range(MAX_LINKS)]),
    "everyone-influences-everyone": (wide(MAX_PEOPLE, 40), everyone_influences_everyone(int(MAX_LINKS**0.5))),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_an_organisation_at_the_caps_renders(in_tmp: Path, shape: str) -> None:
    from pptx import Presentation

    bosses, links = SHAPES[shape]
    write_plan(in_tmp / "p", org_text(bosses, [(a, b) for a, b in links if a != b]))
    run = kamdoc("render", "p", "--to", "pptx", "--out", "out", "--today", TODAY)
    assert run.code == 0, run.out + run.err
    deck = Presentation(str(in_tmp / "out" / "p.pptx"))
    shown = {
        para.text
        for slide in deck.slides
        for box in slide.shapes
        if box.has_text_frame
        for para in box.text_frame.paragraphs
    }
    assert {f"Person {i}" for i in range(MAX_PEOPLE)} <= shown


@pytest.mark.parametrize(
    "plan",
    ["stress/plan.yaml", "power-map/org-24/plan.yaml", "power-map/org-60/plan.yaml", "power-map/org-150/plan.yaml"],
)
def test_no_branch_slide_is_under_half_full(plan: str) -> None:
    """Each branch slide's parts, with the room between them row by row, take at least half of the chart's area."""
    from datetime import date

    from conftest import DATA

    from kamdoc.outline.deck import Box
    from kamdoc.outline.org_chart import HALF_FULL
    from kamdoc.validate.plan import validate_file

    result = validate_file(DATA / plan, date(2026, 11, 22))
    assert result.plan is not None
    geometry = Geometry.of(load_theme())
    people = result.plan.power_map
    drawn = power_map._Map(people.people, people.links, geometry.body, geometry.fonts, result.plan.language)
    chart = Box(geometry.body.x, geometry.body.y, geometry.body.w, geometry.body.h - 40)
    laid = drawn.split(chart)
    fills = [round(page.filled(chart.w, chart.h), 2) for page in laid.pages]
    assert laid.overview is not None and all(fill >= HALF_FULL for fill in fills), fills
