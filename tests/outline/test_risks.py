"""The risks section end to end: validated with positions, a matrix that places each open risk, the list with owners,
the diff in the fields' own words, plan health and completeness by the plan's purpose."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import DATA, TODAY, kamdoc
from pptx import Presentation
from section_plans import edited, valid

from kamdoc.analyse.diff import compare
from kamdoc.analyse.health import completeness, plan_health
from kamdoc.outline.change_words import ChangeWords
from kamdoc.outline.deck import Shape, Text
from kamdoc.outline.plan_deck import build_outline
from kamdoc.standard.programme import DEFAULT
from kamdoc.theme.settings import load_theme
from kamdoc.validate.plan import Result

PLAN = DATA / "risks" / "plan.yaml"
DAY = date.fromisoformat(TODAY)


def _valid(path: Path = PLAN) -> Result:
    return valid(path)


def _copy(tmp_path: Path, old: str, new: str) -> Path:
    return edited("risks", tmp_path, old, new)


def test_the_matrix_places_each_open_risk_by_number_worst_first() -> None:
    result = _valid()
    deck = build_outline(result.plan, result.doc, load_theme())
    (slide,) = [s for s in deck.slides if s.kind == "risks"]
    cells = [e for e in slide.elements if isinstance(e, Shape)]
    assert len(cells) == 9
    shown = {c.paras[0].text: c.fill for c in cells if c.paras[0].text}
    # Two high × high risks first (the one in the plan's order first), then medium likelihood × high impact, then
    # low × medium; the closed one is listed, not placed.
    assert shown == {"1 · 2": "status.red", "3": "status.red", "4": "status.green"}
    top_right = max(cells, key=lambda c: c.box.x - c.box.y)
    assert top_right.paras[0].text == "1 · 2"  # high likelihood is up, high impact to the right
    listed = " ".join(p.text for e in slide.elements if isinstance(e, Text) for p in e.paras)
    assert "The new CFO moves the sensor contract to a tender — Priya Natarajan" in listed
    assert "A price war with the Asian suppliers — Sam Reed" in listed  # a power map id, by name
    assert "Mitigating · Due 31 Oct 2026: Show the total cost of ownership" in listed
    assert (
        "The old labelling issue comes back (Closed)" not in listed and "The old labelling issue comes back" in listed
    )
    assert "↑ Likelihood" in listed and "Impact →" in listed


def test_the_pptx_shows_the_matrix_and_the_customer_copy_shows_no_risk(tmp_path: Path) -> None:
    for audience in ("internal", "customer"):
        run = kamdoc(
            "render",
            PLAN.parent,
            "--to",
            "pptx",
            "--audience",
            audience,
            "--out",
            tmp_path / audience,
            "--today",
            TODAY,
        )
        assert run.code == 0, run.err
    internal = Presentation(str(next((tmp_path / "internal").glob("*.pptx"))))
    texts = [sh.text_frame.text for s in internal.slides for sh in s.shapes if sh.has_text_frame]
    assert "1 · 2" in texts and "Risks" in texts
    customer = Presentation(str(next((tmp_path / "customer").glob("*.pptx"))))
    shown = " ".join(sh.text_frame.text for s in customer.slides for sh in s.shapes if sh.has_text_frame)
    assert "Risks" not in shown and "price war" not in shown


def test_owners_are_checked_against_the_power_map_and_the_account_team(tmp_path: Path) -> None:
    plan = _copy(tmp_path, "    owner: Tom Becker", "    owner: Tom Baker")
    run = kamdoc("validate", plan.parent, "--today", TODAY)
    assert run.code == 0
    assert (
        "plan.yaml:127:12: warning: risks[1].owner: 'Tom Baker' is neither the id of a person in power_map.people nor "
        "the name of a member of account_team" in run.out
    )
    plan = _copy(tmp_path / "b", "    owner: lkhan", "    owner: lkahn")
    run = kamdoc("validate", plan.parent, "--today", TODAY)
    assert (
        run.code == 1
        and "risks[2].owner: 'lkahn' is not the id of a person in power_map.people; did you mean 'lkhan'?" in run.out
    )
    plan = _copy(tmp_path / "c", "    likelihood: medium", "    likelihood: moderate")
    run = kamdoc("validate", plan.parent, "--today", TODAY)
    assert (
        run.code == 1 and ":125:17: error: risks[1].likelihood: 'moderate' is not one of low, medium, high" in run.out
    )


def test_a_changed_risk_is_said_in_the_fields_own_words(tmp_path: Path) -> None:
    old = _valid()
    new = _valid(
        _copy(
            tmp_path,
            "    likelihood: medium\n    impact: high\n    owner: Tom Becker",
            "    likelihood: high\n    impact: high\n    owner: Tom Becker",
        )
    )
    (change,) = [c for c in compare(old.plan, new.plan) if c.section == "risks"]
    said = ChangeWords("de").line(change)
    assert (
        said == "Risiken: Our firmware release slips past the wireless line's launch: Wahrscheinlichkeit: Mittel → Hoch"
    )
    assert ChangeWords("en").line(change).endswith(": Likelihood: Medium → High")


def test_health_names_the_unmitigated_high_risk_and_the_overdue_mitigation() -> None:
    result = _valid()
    health = plan_health("plan.yaml", "Oakridge", result.plan, 0, DAY, DEFAULT, None)
    texts = health.reason_texts()
    assert "high risk without mitigation: A price war with the Asian suppliers" in texts
    assert "risk mitigation overdue: The new CFO moves the sensor contract to a tender (due 2026-10-31)" in texts
    assert health.status == "red"
    german = plan_health("plan.yaml", "Oakridge", result.plan, 0, DAY, DEFAULT, None, language="de").reason_texts()
    assert "Gegenmaßnahme überfällig: The new CFO moves the sensor contract to a tender (fällig 31.10.2026)" in german


def test_risks_count_towards_completeness_only_for_plans_whose_purpose_asks_for_them() -> None:
    plan = _valid().plan
    without = plan.model_copy(update={"risks": []})
    assert completeness(without) < completeness(plan)  # purpose: retain counts risks
    developing = plan.model_copy(update={"cover": plan.cover.model_copy(update={"purpose": "prospect"})})
    assert completeness(developing.model_copy(update={"risks": []})) == completeness(developing)
