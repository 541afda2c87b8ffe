"""Details a reader notices: the cover says when the plan is reviewed next and how it is marked; growth reads evenly."""

from __future__ import annotations

import re
from datetime import date

import pytest
from conftest import DATA, PLANS
from programme_repo import TODAY

from kamdoc.outline.deck import ColumnChart, Shape, Table, Text
from kamdoc.outline.plan_deck import build_outline
from kamdoc.theme.settings import load_theme
from kamdoc.validate.plan import validate_file


def _deck(name: str) -> object:
    result = validate_file(PLANS / name / "plan.yaml", TODAY if isinstance(TODAY, date) else date.fromisoformat(TODAY))
    assert result.plan is not None and result.doc is not None
    return build_outline(result.plan, result.doc, load_theme())


def test_the_cover_shows_the_next_review_and_the_marking() -> None:
    deck = _deck("brenner-werke")
    cover = " ".join(r.text for e in deck.slides[0].elements if isinstance(e, Text) for p in e.paras for r in p.runs)
    assert "Nächster Review: 15.03.2027" in cover
    assert "Vertraulich – nur für das Account-Team" in cover


def test_growth_has_one_decimal_throughout() -> None:
    for name in ("brenner-werke", "halvorsen-logistics"):
        deck = _deck(name)
        rows = [
            row
            for s in deck.slides
            for e in s.elements
            if isinstance(e, Table)
            for row in e.rows
            if row and row[0] in ("Wachstum", "Growth")
        ]
        assert rows, name
        shown = [cell for cell in rows[0][1:] if cell]
        assert shown and all(re.fullmatch(r"-?\d+[.,]\d[ \u00a0]?%", cell) for cell in shown), shown


def _financials_chart(name: str = "brenner-werke") -> tuple[object, ColumnChart]:
    deck = _deck(name)
    (slide,) = [
        s for s in deck.slides if s.kind == "financials" and any(isinstance(e, ColumnChart) for e in s.elements)
    ]
    (chart,) = [e for e in slide.elements if isinstance(e, ColumnChart)]
    return slide, chart


def test_planned_years_stand_under_a_plan_band_behind_a_rule_in_full_colour() -> None:
    slide, chart = _financials_chart()
    assert chart.categories == ("2023", "2024", "2025", "2026", "2027", "2028")  # the band says which are planned
    assert chart.plan_from == 3
    (band,) = [e for e in slide.elements if isinstance(e, Shape) and e.paras]
    (rule,) = [e for e in slide.elements if isinstance(e, Shape) and not e.paras]
    assert band.paras[0].text == "Plan"
    slot_left = chart.box.x + chart.slot_left(3)
    assert abs(band.box.x - slot_left) < 0.01 and abs(band.box.right - (chart.box.x + chart.plot[2])) < 0.01
    assert band.box.bottom <= chart.box.y + chart.plot[1]  # over the plot, not over a column
    last_actual, first_plan = (chart.box.x + chart.column_centre(i) for i in (2, 3))
    assert last_actual < rule.box.x < rule.box.right < first_plan and rule.box.w <= 1.0
    assert rule.box.bottom == pytest.approx(chart.box.y + chart.plot[3])  # down to the axis
    assert not any("Tönen" in t.paras[0].text for t in slide.elements if isinstance(t, Text) and t.paras)


def test_the_totals_are_a_series_of_the_chart_in_millions_with_one_decimal() -> None:
    slide, chart = _financials_chart()
    assert chart.totals == "Summe" and chart.legend_note == "Mio. €"
    result = validate_file(PLANS / "brenner-werke" / "plan.yaml", date.fromisoformat(str(TODAY)))
    assert result.plan is not None
    totals = result.plan.financials.totals()  # T€
    assert chart.heights == pytest.approx(tuple(t / 1000 for t in totals.values()))
    assert chart.heights[-1] == 13.15  # no float noise: Office and the PDF both print 13,2
    assert chart.series[0].values == (3.85, 3.42, 3.61, 3.9, 4.35, 4.8)
    assert not [e for e in slide.elements if isinstance(e, Text) and e.role == "caption"]  # no loose text boxes


def test_an_amount_too_small_for_the_unit_reads_as_less_than_its_least_step() -> None:
    deck = _deck("brenner-werke")
    (table,) = [e for s in deck.slides if s.kind == "financials_table" for e in s.elements if isinstance(e, Table)]
    assert table.header[0] == "Produkt (Mio. €)"
    drive = next(row for row in table.rows if row[0].startswith("Software DriveSense"))
    assert list(drive[1:4]) == ["< 0,1", "0,1", "0,2"]  # 40, 95 and 160 T€
    motion = next(row for row in table.rows if row[0].startswith("Bewegungssteuerung"))
    assert motion[1] == "0,0"  # nothing sold is nothing


def test_no_continuation_slide_is_less_than_a_quarter_full() -> None:
    from pathlib import Path

    from conftest import DATA

    from kamdoc.outline.deck import Shape

    for plan in (PLANS / "brenner-werke", PLANS / "halvorsen-logistics", DATA / "stress"):
        result = validate_file(
            Path(plan) / "plan.yaml", TODAY if isinstance(TODAY, date) else date.fromisoformat(TODAY)
        )
        assert result.plan is not None and result.doc is not None
        deck = build_outline(result.plan, result.doc, load_theme())
        body_top = min(s.title_box.bottom for s in deck.slides if s.title_box) + 12
        for slide in deck.slides:
            part = re.search(r"\((\d+)/(\d+)\)$", slide.title)
            if not part or part.group(1) != part.group(2) or any(isinstance(e, Shape) for e in slide.elements):
                continue  # only the last part of text and tables (the power map has rules of its own)
            bottom = max(e.box.bottom for e in slide.elements)
            height = deck.footer_box.y - body_top if deck.footer_box else deck.height
            assert (bottom - body_top) / height >= 0.22, (
                plan.name,
                slide.title,
                round((bottom - body_top) / height, 2),
            )


def test_a_goal_slide_opens_with_its_metric_target_deadline_and_owner() -> None:
    deck = _deck("brenner-werke")
    goal = next(s for s in deck.slides if s.kind == "goal")
    tiles = [e for e in goal.elements if isinstance(e, Shape)]
    assert [t.whole[0].text for t in tiles] == ["Messgröße", "Ausgangswert → Ziel", "Termin", "Verantwortlich"]
    assert tiles[2].whole[1].text == "31.12.2028" and tiles[3].whole[1].text == "Jana Schmidt"
    assert len({t.box.h for t in tiles}) == 1 and all(
        t.box.bottom < e.box.y
        for t in tiles
        for e in goal.elements
        if not isinstance(e, Shape) and getattr(e, "role", "body") == "body"
    )


def test_slides_read_side_by_side_share_their_type_sizes() -> None:
    for name in ("brenner-werke", "halvorsen-logistics"):
        deck = _deck(name)
        for kinds in (("swot", "own_swot"), ("goal",)):
            family = [s for s in deck.slides if s.kind in kinds]
            assert len({s.title_size for s in family}) == 1, (name, kinds)
            assert len({e.size for s in family for e in s.elements if isinstance(e, Text) and e.role == "body"}) == 1, (
                name,
                kinds,
            )


def test_a_tie_to_another_slide_is_a_tag_in_the_box_naming_the_other_and_their_slide() -> None:
    """Where one end of a tie stands on a branch slide and the other does not, the box says who and where: "→ A. Kühn · S. 17"."""
    from kamdoc.outline.deck import Connector
    from kamdoc.outline.person_card import short_name

    result = validate_file(DATA / "stress" / "plan.yaml", date(2026, 11, 22))
    assert result.plan is not None and result.doc is not None
    deck = build_outline(result.plan, result.doc, load_theme())
    people = {p.id: p for p in result.plan.power_map.people}
    maps = [s for s in deck.slides if s.kind == "power_map"]
    numbers = {pid: s.number for s in maps[1:] for e in s.elements if isinstance(e, Shape) for pid in [e.key] if e.key}
    tags = 0
    for slide in maps[1:]:  # the branch slides (the overview marks where each person stands in full instead)
        boxes = {e.key: " ".join(p.text for p in e.paras) for e in slide.elements if isinstance(e, Shape) and e.key}
        drawn = {(e.start, e.end) for e in slide.elements if isinstance(e, Connector) and e.dashed}
        for link in result.plan.power_map.links:
            if (link.from_ in boxes) == (link.to in boxes):
                assert link.from_ not in boxes or (link.from_, link.to) in drawn or (link.to, link.from_) in drawn
                continue
            here, there = (link.from_, link.to) if link.from_ in boxes else (link.to, link.from_)
            assert f"{short_name(people[there].name)} · S. {numbers.get(there, maps[0].number)}" in boxes[here].replace(
                "\n", " "
            ), boxes[here]
            tags += 1
    assert tags
    assert not any(
        isinstance(e, Connector) and not e.end for s in maps for e in s.elements
    )  # no stub leads out of a box into nothing


def test_a_mission_longer_than_its_box_flows_over_slides_of_its_own_and_keeps_every_character(tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path)) / "long"
    import shutil

    shutil.copytree(DATA / "base", folder)
    plan = folder / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    assert "statement: For Oakridge we are the first choice for sensor electronics." in text
    plan.write_text(
        text.replace("we are the first choice for sensor electronics.", "x" * 20_000 + " end."), encoding="utf-8"
    )
    result = validate_file(plan, date(2026, 11, 22))
    assert result.plan is not None and result.doc is not None
    deck = build_outline(result.plan, result.doc, load_theme())
    mission = [s for s in deck.slides if s.kind == "mission"]
    shown = "".join(r.text for s in mission for e in s.elements if isinstance(e, Text) for p in e.paras for r in p.runs)
    assert shown.count("x") == 20_000 and "end." in shown  # nothing clipped
    assert deck.body_box is not None
    from kamdoc.outline.measure import LINE_SPACING

    for slide in mission:  # and nothing over the footer: every text's measured lines fit its box, inside the body
        for e in slide.elements:
            assert e.box.bottom <= deck.body_box.bottom + 0.5, slide.title
            if isinstance(e, Text):
                lines = sum(len(at) + 1 for at in e.breaks) if e.breaks else len(e.paras)
                assert lines * e.size * LINE_SPACING <= e.box.h + 1, (slide.title, lines, e.size, e.box.h)


LONG_UNIT = (
    "Oakridge Sensortechnik und Hydraulikkomponenten Vertriebs- und Servicegesellschaft mit beschränkter Haftung, "
    "Niederlassung Süddeutschland und Österreich"
)


def _potential_deck(tmp_path: object, units: list[str]) -> object:
    from pathlib import Path

    folder = Path(str(tmp_path)) / "plan"
    folder.mkdir()
    for name in ("logo.png", "market.md"):
        (folder / name).write_bytes((DATA / "base" / name).read_bytes())
    rows = ", ".join(f"{{unit: '{u}', attitude: {i % 5 - 2}, potential: {100 * (i + 1)}}}" for i, u in enumerate(units))
    text = (
        (DATA / "base" / "plan.yaml")
        .read_text()
        .replace("  potential: [{unit: Oakridge GmbH, attitude: 1, potential: 900}]", f"  potential: [{rows}]")
    )
    (folder / "plan.yaml").write_text(text)
    (folder.parent / ".git").mkdir(exist_ok=True)
    result = validate_file(folder / "plan.yaml", date.fromisoformat("2026-11-22"))
    assert result.plan is not None and result.doc is not None, result.findings
    return build_outline(result.plan, result.doc, load_theme())


def test_a_long_unit_name_numbers_the_bubbles_and_names_them_in_a_key(tmp_path: object) -> None:
    """A 149-character unit ran off the chart: now every bubble is numbered and the key under the chart names it whole."""
    from kamdoc.outline.deck import BubbleChart

    deck = _potential_deck(tmp_path, ["Oakridge GmbH", LONG_UNIT, "Leeds plant"])
    (slide,) = [s for s in deck.slides if any(isinstance(e, BubbleChart) for e in s.elements)]
    chart = next(e for e in slide.elements if isinstance(e, BubbleChart))
    assert [b.label for b in chart.bubbles] == ["1", "2", "3"]
    key = [p.text for e in slide.elements if isinstance(e, Text) and e.role == "body" for p in e.paras]
    assert key[:3] == ["1  Oakridge GmbH", f"2  {LONG_UNIT}", "3  Leeds plant"]
    key_box = next(e.box for e in slide.elements if isinstance(e, Text) and e.role == "body")
    assert chart.box.bottom <= key_box.y and key_box.bottom <= deck.footer_box.y


def test_short_unit_names_stay_on_their_bubbles(tmp_path: object) -> None:
    from kamdoc.outline.deck import BubbleChart

    deck = _potential_deck(tmp_path, ["Oakridge GmbH", "Leeds plant"])
    chart = next(e for s in deck.slides for e in s.elements if isinstance(e, BubbleChart))
    assert [b.label for b in chart.bubbles] == ["Oakridge GmbH", "Leeds plant"]


def test_a_key_too_long_for_the_chart_slide_gets_slides_of_its_own(tmp_path: object) -> None:
    from kamdoc.outline.deck import BubbleChart

    deck = _potential_deck(tmp_path, [f"{LONG_UNIT} {i}" for i in range(14)])
    at = next(i for i, s in enumerate(deck.slides) if any(isinstance(e, BubbleChart) for e in s.elements))
    following = deck.slides[at + 1]
    assert following.title.startswith("Potential portfolio: the units by number")
    assert f"1  {LONG_UNIT} 0" in [p.text for e in following.elements if isinstance(e, Text) for p in e.paras]


def test_the_labels_of_a_thousand_bubbles_are_placed_in_linear_work(monkeypatch: object) -> None:
    """A stranger's plan listed 1,001 units: each label was tried against every label before it (14 CPU-s). Only the
    largest bubbles' labels look for a free side now; the work grows with the bubbles, not their square."""
    from kamdoc.outline import bubbles

    calls = [0]
    overlap = bubbles._overlap

    def counted(a: object, b: object) -> float:
        calls[0] += 1
        return overlap(a, b)  # type: ignore[arg-type]

    monkeypatch.setattr(bubbles, "_overlap", counted)  # type: ignore[attr-defined]
    plot = (0.0, 0.0, 800.0, 400.0)
    for n in (500, 1000):
        calls[0] = 0
        centres = [(float(i % 40) * 20, float(i // 40) * 15) for i in range(n)]
        sides = bubbles.label_sides([f"Unit {i}" for i in range(n)], centres, [5.0 + i % 7 for i in range(n)], plot, [])
        assert len(sides) == n
        per_bubble = calls[0] / n
        assert per_bubble < bubbles.SEARCHED * 5 * 2 + 10, (
            n,
            per_bubble,
        )  # the searched labels against all bubbles, no more


def test_each_power_map_slide_explains_what_it_shows_and_nothing_else() -> None:
    """A designer found "dotted: via others" and tie kinds in legends of slides that had neither: now each slide's own."""
    from kamdoc.outline.deck import Connector

    for plan in (PLANS / "brenner-werke", DATA / "stress", DATA / "power-map" / "org-60"):
        result = validate_file(plan / "plan.yaml", date(2026, 11, 22))
        assert result.plan is not None and result.doc is not None
        deck = build_outline(result.plan, result.doc, load_theme())
        for slide in (s for s in deck.slides if s.kind == "power_map"):
            said = " ".join(p.text for e in slide.elements if isinstance(e, Text) for p in e.paras)
            lines = [e for e in slide.elements if isinstance(e, Connector)]
            assert ("über andere" in said) == any(e.dotted for e in lines), (plan.name, slide.title)
            assert ("Gestrichelt" in said) == any(e.dashed for e in lines), (plan.name, slide.title)
            assert ("Rivalen" in said) == any(e.colour == "link.rivals" for e in lines), (plan.name, slide.title)


def test_the_customers_copy_calls_people_without_a_known_manager_further_people() -> None:
    # "Ohne Berichtslinie" would show the customer the gaps in what we know of them; a legend for lines a slide does
    # not draw explains nothing.
    result = validate_file(DATA / "stress" / "plan.yaml", TODAY)
    theme = load_theme()
    customer = build_outline(result.plan, result.doc, theme, "customer")  # type: ignore[arg-type]
    maps = [
        s
        for s in customer.slides
        if s.title.startswith("Organisation") and not any(isinstance(e, Table) for e in s.elements)
    ]
    words = [" ".join(p.text for p in e.paras) for s in maps for e in s.elements if isinstance(e, Text)]
    assert any("Weitere Personen" in w for w in words) and any("Weitere 20 Personen" in w for w in words)
    assert not any("Berichtslinie" in w for w in words)
    loners = [s for s in maps if not any(type(e).__name__ == "Connector" for e in s.elements)]
    assert loners and not any(
        "berichtet an" in " ".join(p.text for e in s.elements if isinstance(e, Text) for p in e.paras) for s in loners
    )
    internal = build_outline(result.plan, result.doc, theme)  # type: ignore[arg-type]
    assert any(
        "Berichtslinie" in p.text for s in internal.slides for e in s.elements if isinstance(e, Text) for p in e.paras
    )


def test_a_paragraph_broken_into_lines_keeps_each_runs_colour_and_strike() -> None:
    from kamdoc.outline.richtext import Para, Run

    para = Para((Run("old words here", strike=True), Run(" new words in grey", colour="muted", italic=True)))
    broken = para.broken_at((4, 15, 25))
    assert [r.text for r in broken.runs] == ["old\nwords here", "\nnew words\nin grey"]
    assert (
        broken.runs[0].strike and broken.runs[1].colour == "muted" and broken.runs[1].italic
    )  # the PDF printed them plain


def test_our_cover_says_the_plans_purpose_and_crm_record_and_the_team_its_sponsor() -> None:
    from kamdoc.outline.plan_deck import build_outline as outline

    result = validate_file(PLANS / "brenner-werke" / "plan.yaml", date.fromisoformat(str(TODAY)))
    assert result.plan is not None and result.doc is not None

    def cover_and_team(audience: str) -> tuple[str, list[list[str]]]:
        deck = outline(result.plan, result.doc, load_theme(), audience=audience)
        cover = [p.text for e in deck.slides[0].elements if isinstance(e, Text) for p in e.paras]
        team = next(e for s in deck.slides if s.title == "Account-Team" for e in s.elements if isinstance(e, Table))
        return "\n".join(cover), [list(team.header), *map(list, team.rows)]

    ours, team = cover_and_team("internal")
    assert "Zweck: Ausbauen · CRM: Salesforce 0015g00000BRNWRK" in ours
    assert (
        team[0][-1] == "Executive Sponsor"
        and ["Dr. Henrik Vogel", "Geschäftsführer"] == team[2][:2]
        and team[2][-1] == "ja"
    )
    theirs, team = cover_and_team("customer")
    assert "CRM" not in theirs and "Zweck" not in theirs  # our record and our purpose are ours
    assert team[2][-1] == "ja"  # who sponsors the account on our side, the customer may know


def test_satisfaction_over_time_stands_on_the_perception_slide_oldest_first(tmp_path: object) -> None:
    result = validate_file(PLANS / "brenner-werke" / "plan.yaml", date.fromisoformat(str(TODAY)))
    assert result.plan is not None and result.doc is not None
    deck = build_outline(result.plan, result.doc, load_theme())
    rows = [row for s in deck.slides for e in s.elements if isinstance(e, Table) for row in e.rows if "NPS" in row[0]]
    assert [list(r) for r in rows] == [
        ["Kundenzufriedenheit: NPS 31.03.2025", "+18 · Kundenbefragung Frühjahr 2025"],
        ["Kundenzufriedenheit: NPS 31.03.2026", "+27 · Kundenbefragung Frühjahr 2026"],
    ]
    customer = build_outline(result.plan, result.doc, load_theme(), audience="customer")
    assert not any("NPS" in str(e) for s in customer.slides for e in s.elements)  # our measure of them is ours


def test_a_goal_slide_has_a_short_title_at_the_title_size_and_the_goal_in_full_under_it() -> None:
    deck = _deck("brenner-werke")
    goals = [s for s in deck.slides if s.kind == "goal"]
    titles = [s.title for s in goals]
    assert titles[0] == "Ziel 1: Lieferanteil Antriebe 34 → 50 % bis 2028"  # the plan's own
    assert titles[3] == "Ziel 4: 745 T EUR (2025) → 1.100 T EUR (2028) bis 31.12.2028"  # where the metric goes by when
    assert {s.title_size for s in goals} == {28.0}  # none shrinks the family
    first = [e for e in goals[0].elements if isinstance(e, Text)][0]
    assert first.paras[0].text == (
        "Lieferanteil an Brenners Einkaufsvolumen für Servo- und Spindelantriebe in der Division ausbauen"
    )
    assert first.colour == "muted" and first.size == 18.0
    tiles = [e for e in goals[0].elements if isinstance(e, Shape)]
    assert all(first.box.bottom < t.box.y for t in tiles)


def test_a_goal_without_a_title_of_its_own_falls_back_to_what_fits_a_line() -> None:
    from kamdoc.outline.kit import PlanKit
    from kamdoc.outline.sections.goals import goal_title

    result = validate_file(PLANS / "brenner-werke" / "plan.yaml", date.fromisoformat(str(TODAY)))
    assert result.plan is not None and result.doc is not None
    kit = PlanKit(result.plan, result.doc, load_theme(), False)
    goals = result.plan.goals
    short = goals[2].model_copy(update={"title": None, "baseline": None, "target": "A"})
    assert goal_title(kit, 3, short) == "Ziel 3: A bis 31.12.2027"
    wordy = goals[1].model_copy(update={"title": None})  # long baseline and target, a long goal
    assert goal_title(kit, 2, wordy) == "Ziel 2 bis 30.06.2027"
    plain = goals[4].model_copy(update={"title": None, "goal": "Rahmenvertrag verlängern"})
    assert goal_title(kit, 5, plain) == "Ziel 5: Rahmenvertrag verlängern"  # the goal itself: no subtitle then


def test_the_footer_is_short_the_account_without_its_legal_form_and_the_markings_first_clause() -> None:
    from kamdoc.outline.plan_deck import short_marking

    stress = validate_file(DATA / "stress" / "plan.yaml", date.fromisoformat(str(TODAY)))
    assert stress.plan is not None and stress.doc is not None
    deck = build_outline(stress.plan, stress.doc, load_theme())
    assert deck.footer == "Stresstest Großkunde · Version 15.11.2026 · Streng vertraulich"  # no division, no "…"
    named = stress.plan.model_copy(update={"cover": stress.plan.cover.model_copy(update={"short_name": "Stresstest"})})
    assert build_outline(named, stress.doc, load_theme()).footer.startswith("Stresstest · Version")
    clause = (
        "Confidential: this plan holds information of ACME that must not be passed on to anyone outside the account "
        "team without the written consent of the key account manager."
    )
    assert short_marking(clause) == "Confidential"
    assert short_marking("Vertraulich – nur für das Account-Team") == "Vertraulich – nur für das Account-Team"
    assert short_marking("Nur " + "sehr " * 12 + "intern") == "Nur" + " sehr" * 11  # whole words, up to 60 characters


def test_the_agenda_gives_each_entrys_first_slide_number_beside_it() -> None:
    deck = _deck("brenner-werke")
    agenda = next(s for s in deck.slides if s.kind == "agenda")
    names, pages = [e for e in agenda.elements if isinstance(e, Text)]
    firsts: dict[str, int] = {}
    for s in deck.slides:
        firsts.setdefault(s.section, s.number)
    keys = [p.runs[0].link.lstrip("#") for p in names.paras]
    assert [p.text for p in pages.paras] == [str(firsts[k]) for k in keys]
    assert pages.align == "right" and names.box.right <= pages.box.x
    assert all(a.size == pages.size for a in (names,))


def test_the_swot_is_a_2x2_in_four_colours_with_its_axes_named() -> None:
    deck = _deck("brenner-werke")
    slide = next(s for s in deck.slides if s.kind == "swot")
    quadrants = [e for e in slide.elements if isinstance(e, Text) and e.fill]
    assert [q.paras[0].text for q in quadrants] == ["Stärken", "Schwächen", "Chancen", "Risiken"]
    assert [q.fill for q in quadrants] == ["swot.strengths", "swot.weaknesses", "swot.opportunities", "swot.threats"]
    theme = load_theme()
    assert len({theme.colour("swot", q.fill.split(".")[1]) for q in quadrants if q.fill}) == 4
    axes = {e.paras[0].text: e.box for e in slide.elements if isinstance(e, Text) and e.role == "caption"}
    assert set(axes) == {"Hilfreich", "Schädlich", "Intern", "Extern"}
    strengths, weaknesses, opportunities, _ = (q.box for q in quadrants)
    assert axes["Hilfreich"].bottom <= strengths.y and axes["Schädlich"].x == weaknesses.x  # over their columns
    assert axes["Intern"].right <= strengths.x and strengths.y < axes["Intern"].y < strengths.bottom
    assert axes["Extern"].right <= opportunities.x and opportunities.y < axes["Extern"].y < opportunities.bottom


def test_the_potential_portfolio_runs_from_minus_2_to_plus_2_named_in_words_at_the_ticks() -> None:
    from kamdoc.outline.deck import BubbleChart

    deck = _deck("brenner-werke")
    slide = next(s for s in deck.slides if s.kind == "potential")
    (chart,) = [e for e in slide.elements if isinstance(e, BubbleChart)]
    assert chart.x_range == (-2.5, 2.5) and not chart.x_numbers  # half a step's room for the outer bubbles
    words = [e for e in slide.elements if isinstance(e, Text) and e.role == "caption"]
    assert [w.paras[0].text for w in words] == ["ablehnend", "skeptisch", "neutral", "wohlwollend", "Fürsprecher"]
    for value, word in zip(range(-2, 3), words):
        assert abs(word.box.x + word.box.w / 2 - (chart.box.x + chart.x_at(value))) < 0.01  # centred on its tick
        assert word.box.y >= chart.box.y + chart.plot[3]  # under the plot
    assert not any(a.box.overlaps(b.box) for a, b in zip(words, words[1:]))


def test_won_and_lost_projects_are_told_apart_by_colour() -> None:
    deck = _deck("brenner-werke")
    (table,) = [e for s in deck.slides if s.kind == "won_lost" for e in s.elements if isinstance(e, Table)]
    shown = [(row[0], table.fill(r, 0)) for r, row in enumerate(table.rows)]
    assert shown[0] == ("Gewonnen", "status.green") and shown[-1] == ("Verloren", "status.red")
    assert all(fill == ("status.green" if said == "Gewonnen" else "status.red") for said, fill in shown)
    assert all(table.fill(r, 1) is None for r in range(len(table.rows)))  # only the first cell


def test_a_swot_too_long_for_its_2x2_keeps_the_points_that_fit_and_the_rest_in_the_appendix() -> None:
    stress = validate_file(DATA / "stress" / "plan.yaml", date.fromisoformat(str(TODAY)))
    assert stress.plan is not None and stress.doc is not None
    deck = build_outline(stress.plan, stress.doc, load_theme())
    (slide,) = [s for s in deck.slides if s.title == "SWOT des Kunden"]
    quadrants = [e for e in slide.elements if isinstance(e, Text) and e.fill]
    assert len(quadrants) == 4
    appendix = next(s for s in deck.slides if s.title.startswith("Anhang: SWOT des Kunden im Detail"))
    for quadrant, key in zip(quadrants, ("strengths", "weaknesses", "opportunities", "threats")):
        points = [p for p in quadrant.paras if p.bullet == "•"]
        last = quadrant.paras[-1]
        listed = len(getattr(stress.plan.swot, key))
        assert last.text == f"{listed - len(points)} weitere: Anhang, Folie {appendix.number}"
        assert last.runs[0].link == "#appendix_swot" and 0 < len(points) < listed
    said = " ".join(
        p.text
        for s in deck.slides
        if s.section == "appendix_swot"
        for e in s.elements
        if isinstance(e, Text)
        for p in e.paras
    )
    assert all(item in said for item in stress.plan.swot.threats)  # the whole SWOT, every point
