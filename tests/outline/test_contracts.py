"""The contracts section end to end: notice dates worked out, validated with positions, a timeline with today and each
notice date where it falls, plan health, the diff in the fields' own words, and the customer's copy without our notes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import DATA, TODAY, kamdoc
from section_plans import customer_text, edited, valid

from kamdoc.analyse.diff import compare
from kamdoc.analyse.health import plan_health
from kamdoc.outline.change_words import ChangeWords
from kamdoc.outline.deck import Shape, Text
from kamdoc.outline.plan_deck import build_outline
from kamdoc.standard.model import Contract
from kamdoc.standard.programme import DEFAULT
from kamdoc.theme.settings import load_theme
from kamdoc.validate.plan import Result

PLAN = DATA / "contracts" / "plan.yaml"
DAY = date.fromisoformat(TODAY)


def _valid(path: Path = PLAN) -> Result:
    return valid(path)


def _copy(tmp_path: Path, old: str, new: str) -> Path:
    return edited("contracts", tmp_path, old, new)


@pytest.mark.parametrize(
    ("end", "months", "by"),
    [
        (date(2027, 6, 30), 6, date(2026, 12, 31)),  # a term ending 30 June, six months' notice: by 31 December
        (date(2027, 12, 31), 6, date(2027, 6, 30)),
        (date(2028, 2, 29), 3, date(2027, 11, 30)),
        (date(2027, 3, 31), 0, date(2027, 3, 31)),
        (date(1, 2, 1), 3, None),  # before the calendar's first year: no day, never an error
    ],
)
def test_the_notice_date_follows_from_the_end_and_the_period(end: date, months: int, by: date | None) -> None:
    assert Contract(name="x", end=end, notice_months=months).notice_by() == by
    assert Contract(name="x", end=end, notice_months=months, notice_date=date(2026, 1, 5)).notice_by() == date(
        2026, 1, 5
    )


def test_the_timeline_marks_today_and_each_notice_date_where_it_falls() -> None:
    result = _valid()
    deck = build_outline(result.plan, result.doc, load_theme())
    (slide,) = [s for s in deck.slides if s.kind == "contracts"]
    texts = [p.text for e in slide.elements if isinstance(e, Text) for p in e.paras]
    assert texts[texts.index("2023") : texts.index("2023") + 6] == ["2023", "2024", "2025", "2026", "2027", "2028"]
    names = [t for t in texts if t in {c.name for c in result.plan.contracts}]
    # Soonest notice first; a contract with no notice date after those with one, by its end.
    assert names == [
        "Framework agreement sensor boards",
        "Service and calibration 2025",
        "Mutual NDA 2023",
        "Firmware licence wireless line",
    ]
    assert "End 30 Jun 2027 · Notice by 31 Dec 2026 · Renews itself" in texts
    assert "Framework agreement · Annual value £700k · Priya Natarajan" in texts
    years = {t: e.box for e in slide.elements if isinstance(e, Text) for p in e.paras for t in [p.text] if t.isdigit()}
    marks = [e for e in slide.elements if isinstance(e, Shape) and e.fill == "accent"]
    notice = marks[0].box.x + marks[0].box.w / 2  # 31 Dec 2026: the end of the 2026 column
    assert years["2026"].right - 2 < notice < years["2027"].x + 2
    today = [e for e in slide.elements if isinstance(e, Shape) and e.fill == "primary"]
    assert len(today) > 1 and len({round(e.box.x, 3) for e in today}) == 1  # one line, in pieces behind the bars
    assert years["2026"].x < today[0].box.x < years["2026"].right  # the plan's version, 1 Oct 2026
    key = next(p.text for e in slide.elements if isinstance(e, Text) for p in e.paras if p.text.startswith("▌ As of"))
    assert key == "▌ As of 1 Oct 2026   ▌ Notice by   ■ Notice can still be given   ■ Running"
    bars = [e for e in slide.elements if isinstance(e, Shape) and e.fill.startswith("status.")]
    rows = sorted({b.box.y: b.fill for b in bars}.items())  # a bar leaves gaps where today and its notice date cross it
    assert [fill for _, fill in rows] == ["status.amber", "status.amber", "status.green", "status.green"]


def test_health_says_a_notice_date_before_the_next_review_and_a_passed_one_that_renews() -> None:
    plan = _valid().plan
    texts = plan_health("plan.yaml", "Oakridge", plan, 0, DAY, DEFAULT, None).reason_texts()
    assert "notice by 2026-12-31: Framework agreement sensor boards" in texts
    later = plan_health("plan.yaml", "Oakridge", plan, 0, date(2027, 2, 1), DEFAULT, None, language="de").reason_texts()
    assert "Kündigungstermin 31.12.2026 verstrichen, verlängert sich: Framework agreement sensor boards" in later


def test_a_wrong_kind_is_an_error_at_its_place_and_a_change_is_said_in_the_fields_words(tmp_path: Path) -> None:
    plan = _copy(tmp_path, "    kind: framework", "    kind: frame")
    run = kamdoc("validate", plan.parent, "--today", TODAY)
    assert run.code == 1 and ":116:11: error: contracts[0].kind: 'frame' is not one of framework, supply" in run.out
    old = _valid()
    new = _valid(_copy(tmp_path / "b", "    notice_months: 6", "    notice_months: 3"))
    (change,) = [c for c in compare(old.plan, new.plan) if c.section == "contracts"]
    assert (
        ChangeWords("de").line(change)
        == "Verträge: Framework agreement sensor boards: Kündigungsfrist (Monate): 6 → 3 (−3, −50,0 %)"
    )


def test_the_customer_sees_the_terms_but_not_our_notice_dates_values_or_owners(tmp_path: Path) -> None:
    shown = customer_text(PLAN, tmp_path)
    assert "Framework agreement sensor boards" in shown and "End 30 Jun 2027" in shown
    assert "Notice by" not in shown and "£700k" not in shown and "Priya Natarajan" not in shown.split("Contracts", 1)[1]
