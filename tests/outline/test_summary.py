"""The account on a page: the summary after the cover of our own copy, computed from the plan in its language."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import DATA, PLANS
from section_plans import valid

from kamdoc.outline.deck import Box, Shape, Text
from kamdoc.outline.kit import Geometry
from kamdoc.outline.plan_deck import build_outline
from kamdoc.outline.words import amount, percent, rounded
from kamdoc.theme.settings import load_theme

BRENNER = PLANS / "brenner-werke" / "plan.yaml"


def _said(slide: object) -> list[str]:
    """What the slide says, frame by frame (a tile's parts are shapes), each text's lines joined again."""
    elements = slide.elements  # type: ignore[attr-defined]
    return [p.text.replace("\n", " ") for e in elements if isinstance(e, (Text, Shape)) for p in e.paras if p.text]


def _summary(path: Path, audience: str = "internal") -> object | None:
    result = valid(path)
    deck = build_outline(result.plan, result.doc, load_theme(), audience=audience)
    assert deck.slides[0].kind == "cover"
    return deck.slides[1] if deck.slides[1].kind == "summary" else None


def test_the_summary_follows_the_cover_with_the_plans_own_figures() -> None:
    plan = valid(BRENNER).plan
    slide = _summary(BRENNER)
    assert slide is not None and slide.title == "Der Account auf einen Blick"  # type: ignore[attr-defined]
    said = _said(slide)
    products = plan.financials.products
    actual = sum(p.actual[2025] for p in products)  # the last actual year, T€
    planned = sum(p.plan[2028] for p in products)  # the last planned year
    growth = ((planned / actual) ** (1 / 3) - 1) * 100
    shown = f"{amount(rounded(actual / 1000, 1), 'EUR', 'million', 'de')} → {amount(rounded(planned / 1000, 1), 'EUR', 'million', 'de')}"
    assert said[:3] == [
        "Umsatz",
        shown,
        f"2025 → 2028 · +{percent(round(growth, 1), 'de')} p. a.",
    ]
    weighted = sum(k.volume * k.probability / 100 for k in plan.key_projects if k.volume and k.probability)
    i = said.index("Gewichtetes Volumen")
    assert said[i + 1] == amount(rounded(weighted / 1000, 1), "EUR", "million", "de")
    assert said[i + 2] == f"{sum(1 for k in plan.key_projects if k.volume and k.probability)} Projekte"
    potential = plan.whitespace.potential() if plan.whitespace else 0.0
    i = said.index("Whitespace-Potenzial")
    assert said[i + 1] == amount(rounded(potential / 1000, 1), "EUR", "million", "de")  # a section's figure
    key = [
        p
        for p in plan.power_map.people
        if p.influence == "high" or {"decision-maker", "ratifier", "buyer", "specifier"} & set(p.roles)
    ]
    friends = sum(1 for p in key if p.attitude in ("positive", "mentor"))
    assert f"{friends} von {len(key)} für uns" in said
    against = [p.name for p in key if p.attitude in ("negative", "enemy")]
    assert f"gegen uns: {', '.join(against)}" in said
    goals = [t for t in said if t in {g.title or g.goal for g in plan.goals}]
    assert goals == [g.title or g.goal for g in plan.goals]  # each by its short title where it has one
    budget = sum(g.budget or 0 for g in plan.goals)  # T€
    days = sum(g.person_days or 0 for g in plan.goals)
    assert (budget, days) == (135, 330)
    # Each goal's own words would take the summary over its word budget: the sums, and where the rest is
    assert "Was wir brauchen: 135 T€ Budget · 330 Personentage.  Was jedes Ziel braucht: auf seiner Folie." in said
    i = said.index("Zustand des Plans")
    assert said[i + 1 : i + 3] == ["■ Gelb", "Nächster Review: 15.03.2027"]  # as of the plan's version: one mentor only


def test_the_health_is_judged_as_of_the_plans_version_with_its_worst_reasons_first() -> None:
    slide = _summary(DATA / "risks" / "plan.yaml")
    assert slide is not None
    said = _said(slide)
    i = said.index("Plan health")
    assert said[i + 1] == "■ Red"
    tile = next(e for e in slide.elements if isinstance(e, Shape) and e.paras[0].text == "■ Red")  # type: ignore[attr-defined]
    assert tile.paras[0].runs[0].colour == "status.red"
    i = said.index("Why red")
    assert said[i + 1 : i + 3] == [
        "■ high risk without mitigation: A price war with the Asian suppliers",  # the red reason first
        "■ not SMART: wireless: no owner",
    ]


def test_a_goal_late_or_past_its_deadline_says_so_in_colour_and_words(tmp_path: Path) -> None:
    from section_plans import edited

    plan = edited("risks", tmp_path, "due: 2027-02-01, status: open", "due: 2026-09-01, status: open")
    slide = _summary(plan)
    assert slide is not None
    facts = next(
        p for e in slide.elements if isinstance(e, Text) for p in e.paras if p.text.startswith("■ actions late")
    )  # type: ignore[attr-defined]
    assert facts.runs[0].colour == "status.amber"


def test_the_summary_fits_its_slide_and_nothing_overlaps() -> None:
    body = Geometry.of(load_theme()).body
    for name in ("brenner-werke", "halvorsen-logistics"):
        slide = _summary(PLANS / name / "plan.yaml")
        assert slide is not None
        boxes = [e.box for e in slide.elements if isinstance(e, (Text, Shape))]  # type: ignore[attr-defined]
        assert all(
            body.x - 0.01 <= b.x
            and b.right <= body.right + 0.01
            and body.y - 0.01 <= b.y
            and b.bottom <= body.bottom + 0.01
            for b in boxes
        )
        texts = [e.box for e in slide.elements if isinstance(e, Text)]  # type: ignore[attr-defined]
        for k, a in enumerate(texts):
            for b in texts[k + 1 :]:
                assert not _overlap(a, b), (name, a, b)


def _overlap(a: Box, b: Box) -> bool:
    return a.x < b.right - 0.5 and b.x < a.right - 0.5 and a.y < b.bottom - 0.5 and b.y < a.bottom - 0.5


def test_the_customers_copy_and_a_plan_that_says_no_have_no_summary(tmp_path: Path) -> None:
    from section_plans import edited

    assert _summary(BRENNER, "customer") is None
    assert _summary(DATA / "risks" / "plan.yaml") is not None
    plan = edited("risks", tmp_path, "kamdoc: 1\n", "kamdoc: 1\ndeck:\n  summary: false\n")
    assert _summary(plan) is None


def test_the_cover_names_the_plans_years_and_the_financials_say_where_revenue_goes() -> None:
    result = valid(BRENNER)
    deck = build_outline(result.plan, result.doc, load_theme())
    cover = _said(deck.slides[0])
    assert cover[:3] == ["Brenner Werke AG", "Key-Account-Plan 2026–2028", "Werkzeugmaschinen"]
    customer = build_outline(result.plan, result.doc, load_theme(), audience="customer")
    assert _said(customer.slides[0])[:2] == ["Brenner Werke AG", "Key-Account-Plan 2026–2028"]  # years, no figures
    (chart_slide,) = [s for s in deck.slides if s.kind == "financials"]
    assert chart_slide.title == "Umsatz mit Brenner Werke wächst bis 2028 auf 13,2 Mio. € (+74 %)"
    (table_slide,) = [s for s in deck.slides if s.kind == "financials_table"]
    assert table_slide.title == "Finanzplanung"  # two views, two titles: no "(1/2)"


def test_a_short_name_drops_the_legal_form_and_a_long_one_keeps_it_whole() -> None:
    from kamdoc.outline.richtext import glued
    from kamdoc.outline.words import short_name

    assert short_name("Brenner Familienholding GmbH & Co. KG") == "Brenner Familienholding"
    assert short_name("Takumi Motion Co., Ltd.") == "Takumi Motion"
    assert short_name("Stresstest Großkunde Aktiengesellschaft & Co. KG") == "Stresstest Großkunde"
    assert short_name("Halvorsen Logistics ASA") == "Halvorsen Logistics"
    assert short_name("AG") == "AG"  # nothing left: the name as it is
    assert glued("Großkopf SE & Co. KG") == "Großkopf SE\u00a0&\u00a0Co.\u00a0KG"  # no line ends inside it


def test_the_power_map_says_how_many_are_for_and_against_us() -> None:
    result = valid(BRENNER)
    people = result.plan.power_map.people
    friends = sum(1 for p in people if p.attitude in ("positive", "mentor"))
    against = sum(1 for p in people if p.attitude in ("negative", "enemy"))
    deck = build_outline(result.plan, result.doc, load_theme())
    titles = [s.title for s in deck.slides if s.kind == "power_map"]
    assert titles[0] == f"Power-Map: {friends} von {len(people)} Personen positiv, {against} gegen uns – Übersicht"
    customer = build_outline(result.plan, result.doc, load_theme(), audience="customer")
    assert all("positiv" not in s.title for s in customer.slides)  # the customer's copy knows no attitudes


def test_a_tiles_label_too_long_for_one_line_breaks_as_measured_in_both_formats() -> None:
    from kamdoc.outline.kit import PlanKit
    from kamdoc.outline.summary import TILE_PAD, Tile, _tiles

    result = valid(BRENNER)
    kit = PlanKit(result.plan, result.doc, load_theme(), False)
    long = Tile("Gewichtetes Projektvolumen der Schlüsselprojekte", "19,8 Mio. €", "4 Projekte")
    shapes = _tiles(kit, [long] * 5)
    label = shapes[0]
    assert (
        isinstance(label, Shape) and "\n" in label.paras[0].text
    )  # the break is in the text, not PowerPoint's to make
    for line in label.paras[0].text.split("\n"):
        assert kit.fonts.regular.width(line, label.size) <= label.box.w - 2 * TILE_PAD, line
    value = shapes[1]
    assert isinstance(value, Shape) and value.box.y >= label.box.bottom  # the figure under all of the label's lines


def test_what_a_goal_needs_is_told_in_its_own_words_while_the_summary_has_room(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    shutil.copytree(DATA / "base", folder)
    plan = folder / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    said = "    resources: Two engineers for the prototype review.\n    budget: 40\n    actions:\n"
    plan.write_text(text.replace("    deadline: 2027-12-31\n    actions:\n", f"    deadline: 2027-12-31\n{said}", 1))
    slide = _summary(plan)
    assert "What we need: £40k budget.  Goal 1: Two engineers for the prototype review." in _said(slide)


def test_the_reasons_write_their_dates_as_the_deck_does() -> None:
    slide = _summary(DATA / "contracts" / "plan.yaml")
    assert slide is not None
    said = _said(slide)
    # Health says "notice by 2026-12-31" for terminals and programs; beside the slide's "31 Dec 2026" it reads as one.
    assert "■ notice by 31 Dec 2026: Framework agreement sensor boards" in said
    assert "31 Dec 2026: Framework agreement sensor boards" in said
    assert not any(re.search(r"\d{4}-\d{2}-\d{2}", line) for line in said)


def test_a_tile_names_three_people_against_us_and_counts_the_rest() -> None:
    slide = _summary(DATA / "stress" / "plan.yaml")
    assert slide is not None
    said = [line for line in _said(slide) if line.startswith("gegen uns: ")]
    assert len(said) == 1 and re.fullmatch(r"gegen uns: [^,]+, [^,]+, [^,]+ und 15 weitere", said[0]), said
    coverage = next(line for line in _said(slide) if line.startswith("■ Beziehungsabdeckung 27 %"))
    assert coverage.endswith(" und 29 weitere") and coverage.count("; ") == 2  # health itself names all 32
