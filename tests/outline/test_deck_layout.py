"""The outline's own geometry, checked without rendering: every element on its slide, and no two boxes overlapping."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest
from conftest import DATA, PLANS
from programme_repo import TODAY, repo_fixture  # noqa: F401 - the module's `repo` fixture

from kamdoc.outline.axes import COLUMN_SHARE
from kamdoc.outline.deck import Box, BubbleChart, ColumnChart, Connector, Deck, Shape, Text
from kamdoc.theme.settings import load_theme


def _on_a_chart(element: object, elements: list[object]) -> bool:
    """The plan band and the rule before it: shapes inside a column chart, above its plot or in the gap between two
    columns, touching no column (the outline left room for them); a bubble chart's ticks named in words under its
    plot, where its numbers would stand."""
    if isinstance(element, Text) and element.role == "caption":
        return any(
            isinstance(c, BubbleChart)
            and not c.x_numbers
            and _inside(element.box, c.box)
            and element.box.y >= c.box.y + c.plot[3]
            for c in elements
        )
    if not isinstance(element, Shape):
        return False
    for chart in elements:
        if not isinstance(chart, ColumnChart) or not _inside(element.box, chart.box):
            continue
        above = element.box.bottom <= chart.box.y + chart.plot[1] + 0.01
        slot = (chart.plot[2] - chart.plot[0]) / len(chart.categories)
        columns = [
            Box(chart.box.x + chart.column_centre(i) - slot * COLUMN_SHARE / 2, chart.box.y, slot * COLUMN_SHARE, 1e4)
            for i in range(len(chart.categories))
        ]
        if above or not any(element.box.overlaps(c) for c in columns):
            return True
    return False


def _inside(inner: Box, outer: Box) -> bool:
    return (
        outer.x <= inner.x and inner.right <= outer.right and outer.y <= inner.y and inner.bottom <= outer.bottom + 0.01
    )


def _boxes(deck: Deck) -> list[tuple[int, list[tuple[str, Box]]]]:
    out = []
    for slide in deck.slides:
        elements = list(slide.elements)
        boxes = [
            (f"{type(e).__name__} {i}", e.box)
            for i, e in enumerate(elements)
            if not isinstance(e, Connector) and not _on_a_chart(e, elements)
        ]
        out.append((slide.number, boxes))
    return out


def _check(deck: Deck) -> None:
    assert deck.slides
    for number, boxes in _boxes(deck):
        for name, box in boxes:
            assert box.x >= 0 and box.y >= 0 and box.right <= deck.width + 0.01 and box.bottom <= deck.height + 0.01, (
                f"slide {number}: {name} {box} is off the slide"
            )
        for (a, p), (b, q) in itertools.combinations(boxes, 2):
            assert not p.overlaps(q), f"slide {number}: {a} {p} overlaps {b} {q}"


def _plan_deck(plan: Path) -> Deck:
    from kamdoc.outline.plan_deck import build_outline
    from kamdoc.validate.plan import validate_file

    result = validate_file(plan, date(2026, 11, 22))
    assert result.plan is not None and result.doc is not None, [f.message for f in result.errors]
    return build_outline(result.plan, result.doc, load_theme())


@pytest.mark.parametrize(
    "plan",
    [PLANS / "brenner-werke" / "plan.yaml", PLANS / "halvorsen-logistics" / "plan.yaml", DATA / "stress" / "plan.yaml"],
    ids=["brenner-werke", "halvorsen-logistics", "stress"],
)
def test_plan_decks_keep_every_element_on_its_slide_and_apart(plan: Path) -> None:
    _check(_plan_deck(plan))


def test_the_portfolio_deck_keeps_every_element_on_its_slide_and_apart(repo: Path) -> None:
    from kamdoc.load.discover import find_plans
    from kamdoc.load.settings import programme_for
    from kamdoc.outline.portfolio_deck import portfolio_outline
    from kamdoc.pipeline.programme import portfolio as analyse

    plans = find_plans([repo / "plans"])
    portfolio = analyse(
        plans, TODAY if isinstance(TODAY, date) else date.fromisoformat(TODAY), programme_for(repo), "en"
    )
    _check(portfolio_outline(portfolio, load_theme(), "en"))


def test_the_check_sees_an_overlap_and_an_element_off_the_slide() -> None:
    deck = _plan_deck(PLANS / "halvorsen-logistics" / "plan.yaml")
    slide = deck.slides[1]
    slide.elements.append(Shape(Box(deck.width - 10, 10, 50, 20), (), 10.0, "primary", "primary", 0.0))
    with pytest.raises(AssertionError, match="off the slide"):
        _check(deck)
    slide.elements[-1] = Shape(slide.elements[0].box, (), 10.0, "primary", "primary", 0.0)  # type: ignore[union-attr]
    with pytest.raises(AssertionError, match="overlaps"):
        _check(deck)


def test_long_names_and_words_wrap_whole_in_the_power_map() -> None:
    from kamdoc.outline.deck import Shape
    from kamdoc.outline.kit import Geometry
    from kamdoc.outline.power_map import power_map_slides
    from kamdoc.standard.model import Person

    people = [
        Person(
            id="boss",
            name="Dr. Parameswaran Venkataraman-Subramanian",
            title="Vorstandsvorsitzender",
            roles=["decision-maker"],
        ),
        *[
            Person(
                id=f"p{i}",
                name=f"Person {i}",
                title="Donaudampfschifffahrtsgesellschaftskapitänsstellvertreterin",
                reports_to="boss",
                roles=["user"],
                contact="monthly",
                owner="Jana Schmidt",
            )
            for i in range(8)
        ],
    ]
    geometry = Geometry.of(load_theme())
    slides, ties = power_map_slides(people, [], geometry.body, geometry.fonts, "de")
    assert len(slides) == 1 and ties == []
    boxes = [e for e in slides[0].elements if isinstance(e, Shape) and e.paras]
    assert len(boxes) == 9
    for box in boxes:
        lines = [line for para in box.paras for run in para.runs for line in run.text.split("\n")]
        assert not any("…" in line for line in lines)
        for para in box.paras:
            metrics = geometry.fonts.bold if para.runs[0].bold else geometry.fonts.regular
            for line in para.runs[0].text.split("\n"):  # every measured line fits the box's text width
                assert metrics.width(line, box.size) <= box.box.w - 2 * box.padding[0], line
        # A name breaks only after its own hyphen; a word longer than the box breaks between letters, with no hyphen added.
        assert "Venkataraman-\nSubramanian" in "\n".join(
            lines
        ) or "Donaudampfschifffahrtsgesellschaftskapitänsstellvertreterin" in "".join(lines)
        assert not any(line.endswith("-") and not line.endswith("Venkataraman-") for line in lines), lines


def test_a_team_too_wide_for_one_slide_is_shared_out_with_everyone_shown() -> None:
    from kamdoc.outline.deck import Shape
    from kamdoc.outline.kit import Geometry
    from kamdoc.outline.power_map import power_map_slides
    from kamdoc.standard.model import Person

    people = [Person(id="boss", name="Boss", roles=["decision-maker"])]
    for i in range(30):  # thirty managers with a report each: no row of them fits one slide
        people += [
            Person(id=f"m{i}", name=f"Manager {i}", reports_to="boss", roles=["user"]),
            Person(id=f"e{i}", name=f"Employee {i}", reports_to=f"m{i}", roles=["user"]),
        ]
    geometry = Geometry.of(load_theme())
    slides, _ = power_map_slides(people, [], geometry.body, geometry.fonts, "en")
    shown = [e.paras[0].runs[0].text.strip() for s in slides for e in s.elements if isinstance(e, Shape) and e.paras]
    assert {p.name for p in people} <= set(shown)  # everyone shown: in full on a branch slide, or on the overview
    assert (
        slides[0].overview and 1 < len(slides) <= 6 and shown.count("Boss") >= 1
    )  # the manager heads each part of the team
    for slide in slides:  # each person at most once on a slide
        keys = [e.key for e in slide.elements if isinstance(e, Shape) and e.key]
        assert len(keys) == len(set(keys))


def test_a_name_of_pages_keeps_its_box_on_the_slide() -> None:
    from kamdoc.outline.kit import Geometry
    from kamdoc.outline.power_map import power_map_slides
    from kamdoc.standard.model import Person

    # A stranger's plan: a 30,000-character name and a title of 5,000 words. Real names stay whole; this one cannot.
    people = [
        Person(id="a", name="X" * 30_000, title="word " * 5_000, roles=["user"]),
        Person(id="b", name="B", reports_to="a", roles=["user"]),
    ]
    geometry = Geometry.of(load_theme())
    slides, _ = power_map_slides(people, [], geometry.body, geometry.fonts, "en")
    for slide in slides:
        for element in slide.elements:
            box = getattr(element, "box", None)
            assert box is None or (box.bottom <= geometry.body.bottom + 1 and box.right <= geometry.width), box


def test_a_heading_never_stands_alone_at_the_foot_of_a_slide() -> None:
    from kamdoc.outline.layout import Flow, Fonts, is_heading
    from kamdoc.outline.measure import Metrics
    from kamdoc.outline.richtext import Para, Run

    theme = load_theme()
    fonts = Fonts(Metrics(theme.font_file("regular")), Metrics(theme.font_file("bold")))
    body = Box(36, 80, 600, 300)
    filler = Para((Run("Ein Satz, der eine Zeile füllt und noch etwas mehr Text hat. " * 3),))
    for extra in range(30):  # the heading lands at every line of the first slide once
        flow = Flow(fonts, body, 16.0, 12.0)
        flow.paras(
            [Para((Run(("Zeile " * 12 + "\n") * extra),)), Para((Run("Ressourcen", bold=True),)), filler, filler]
        )
        for page in flow.pages:
            texts = [e for e in page if isinstance(e, Text)]
            if page is not flow.pages[-1] and texts:
                assert not is_heading(texts[-1].paras[-1]), extra


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("renewal 2027–2032", ["renewal 2027–", "2032"]),  # after a dash, as PowerPoint wraps it
        ("fast e-commerce", ["fast e-", "commerce"]),
        ("from 2027-2029", ["from", "2027-2029"]),  # a hyphen between digits: one number
        ("see https://a-b.example/x-y", ["see", "https://a-b.example/x-y"]),  # a web address whole
        ("price cap 3\u00a0% a year", ["price cap", "3\u00a0% a year"]),
    ],
)
def test_lines_end_where_powerpoint_ends_them(text: str, lines: list[str]) -> None:
    from kamdoc.outline.kit import Geometry
    from kamdoc.outline.richtext import Para, Run

    regular = Geometry.of(load_theme()).fonts.regular
    width = max(regular.width(line, 12) for line in lines) + 1  # the longest line fits; with the next word, none
    assert regular.wrap(text, 12, width) == lines
    para = Para((Run(text),))
    broken = para.broken_at(tuple(regular.break_runs([(text, False)], 12, width, regular)))
    assert broken.text.split("\n") == lines  # text frames break where table cells do
