"""`kamdoc calendar`: every date of both examples as an all-day event that the icalendar package reads back, the same
file for the same plans and day, and a plan that does not validate left out."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import PLANS, TODAY, kamdoc
from icalendar import Calendar

from kamdoc.analyse.calendar import dues
from kamdoc.validate.plan import validate_file


@pytest.fixture
def repo(in_tmp: Path) -> Path:
    """The example plans in a fresh folder that is its own plans repo (conftest's `in_tmp`)."""
    shutil.copytree(PLANS, in_tmp / "plans")
    return in_tmp


def test_every_date_of_both_examples_is_an_event(repo: Path) -> None:
    run = kamdoc("calendar", "plans", "--today", TODAY)
    assert run.code == 0, run.err
    data = (repo / "reviews.ics").read_bytes()
    events = [c for c in Calendar.from_ical(data).walk() if c.name == "VEVENT"]
    found = {(str(e.get("summary")), e.decoded("dtstart")) for e in events}
    expected = 0
    for name in ("brenner-werke", "halvorsen-logistics"):
        plan = validate_file(PLANS / name / "plan.yaml", date.fromisoformat(TODAY)).plan
        assert plan is not None
        for due in dues(plan):
            expected += 1
            assert any(
                s.startswith(f"{plan.cover.account}: ") and s.endswith(due.said) and d == due.day for s, d in found
            )
    assert len(events) == expected and len({str(e.get("uid")) for e in events}) == expected
    assert any(
        str(e.get("summary")).startswith("Brenner Werke AG: Plan-Review") for e in events
    )  # in the plan's language
    again = kamdoc("calendar", "plans", "--today", TODAY, "-o", "again.ics")
    assert again.code == 0 and (repo / "again.ics").read_bytes() == data  # importing again updates, never doubles


def test_a_plan_that_does_not_validate_is_left_out(repo: Path) -> None:
    plan = repo / "plans" / "halvorsen-logistics" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("kamdoc: 1", "kamdoc: 3", 1), encoding="utf-8")
    run = kamdoc("calendar", "plans", "--today", TODAY)
    assert run.code == 1 and "halvorsen-logistics/plan.yaml: left out, it does not validate" in run.err
    summaries = {
        str(c.get("summary"))
        for c in Calendar.from_ical((repo / "reviews.ics").read_bytes()).walk()
        if c.name == "VEVENT"
    }
    assert summaries and not [s for s in summaries if s.startswith("Halvorsen")]


def test_a_moved_review_is_the_same_event_with_a_newer_sequence(repo: Path) -> None:
    def events(name: str, today: str) -> dict[str, tuple[str, date, int]]:
        assert kamdoc("calendar", "plans", "--today", today, "-o", name).code == 0
        read = Calendar.from_ical((repo / name).read_bytes()).walk()
        return {
            str(e.get("summary")): (str(e.get("uid")), e.decoded("dtstart"), int(e.get("sequence")))
            for e in read
            if e.name == "VEVENT"
        }

    before = events("before.ics", TODAY)
    plan = repo / "plans/brenner-werke/plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("next_review: 2027-03-15", "next_review: 2027-04-20"))
    after = events("after.ics", "2026-12-01")
    review = next(s for s in after if s.startswith("Brenner Werke AG: Plan-Review"))
    assert after[review][0] == before[review][0] and after[review][1] == date(2027, 4, 20)
    assert before[review][1] == date(2027, 3, 15) and after[review][2] > before[review][2]
    assert {uid for uid, _, _ in after.values()} == {uid for uid, _, _ in before.values()}
