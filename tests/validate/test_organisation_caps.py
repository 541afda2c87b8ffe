"""The power map's caps: people, links and reporting depth, each refused in one message at the plan's line."""

from __future__ import annotations

from pathlib import Path

from big_plans import org_text, wide, write_plan
from conftest import TODAY, kamdoc

from kamdoc.limits import MAX_LINKS, MAX_PEOPLE, MAX_REPORTING_DEPTH
from kamdoc.messages import in_german

PEOPLE_LINE = 55
"""The line of the first person in a generated plan (the base plan's power map starts at line 53)."""


def _errors(out: str) -> list[str]:
    return [line for line in out.splitlines() if ": error: " in line]


def _refused(in_tmp: Path, text: str) -> list[str]:
    """The errors `validate` gives for a plan; `render` refuses it with the same and writes nothing."""
    write_plan(in_tmp / "p", text)
    run = kamdoc("validate", "p", "--today", TODAY)
    assert run.code == 1
    render = kamdoc("render", "p", "--to", "pptx", "--out", "out", "--today", TODAY)
    assert render.code == 1 and not (in_tmp / "out").exists() and "Traceback" not in render.err
    assert _errors(run.out) == _errors(render.out + render.err)
    return _errors(run.out)


def test_a_power_map_of_more_people_than_the_cap_is_refused_at_its_list(in_tmp: Path) -> None:
    assert _refused(in_tmp, org_text(wide(MAX_PEOPLE + 431))) == [
        f"p/plan.yaml:{PEOPLE_LINE}:3: error: power_map.people: 2,431 people; a plan holds at most 2,000: keep those that matter for the account"
    ]


def test_more_links_than_the_cap_are_refused_at_their_list(in_tmp: Path) -> None:
    links = [(a, b) for a in range(60) for b in range(60) if a != b][: MAX_LINKS + 1]
    assert _refused(in_tmp, org_text(wide(60), links)) == [
        f"p/plan.yaml:{PEOPLE_LINE + 61}:3: error: power_map.links: 2,001 links; a plan holds at most 2,000: keep those that matter for the account"
    ]


def test_a_chain_one_level_too_deep_is_refused_at_the_first_person_below_the_cap(in_tmp: Path) -> None:
    # Person i reports to person i - 1: person 51 has 51 managers above them, one more than allowed.
    deep = MAX_REPORTING_DEPTH + 1
    col = len(f"  - {{id: p{deep}, name: Person {deep}, title: Engineer {deep % 7}, roles: [user], reports_to: ") + 1
    message = f"'p{deep}' reports through {deep} levels to the top ('sreed'); at most {MAX_REPORTING_DEPTH} are allowed: let them report to someone higher up"
    assert _refused(in_tmp, org_text([None, *range(deep)])) == [
        f"p/plan.yaml:{PEOPLE_LINE + deep}:{col}: error: power_map.people[{deep}].reports_to: {message}"
    ]
    assert in_german(message) == (
        f"'p{deep}' berichtet über {deep} Ebenen an die Spitze ('sreed'); höchstens {MAX_REPORTING_DEPTH} sind erlaubt: "
        "lass die Person an jemanden weiter oben berichten"
    )


def test_a_chain_at_the_cap_is_valid(in_tmp: Path) -> None:
    write_plan(in_tmp / "p", org_text([None, *range(MAX_REPORTING_DEPTH)]))
    run = kamdoc("validate", "p", "--today", TODAY)
    assert run.code == 0, run.out


def test_a_long_chain_is_said_once_at_the_first_person_over_the_cap_in_plan_order(in_tmp: Path) -> None:
    # Listed from the bottom up: the first listed is the deepest, and the message names the person just below the cap on its chain.
    people = 300
    bosses: list[int | None] = [
        None,
        0,
        *range(3, people),
        1,
    ]  # p2 reports to p3, …, p299 to lkhan, who reports to sreed
    [error] = _refused(in_tmp, org_text(bosses))
    # p299 has two managers above, p250 has 51: the first on p2's chain over the cap.
    assert (
        error.startswith(f"p/plan.yaml:{PEOPLE_LINE + 250}:")
        and f"'p250' reports through {MAX_REPORTING_DEPTH + 1} levels to the top ('sreed')" in error
    )


def test_people_under_a_reporting_cycle_are_told_about_the_cycle_only(in_tmp: Path) -> None:
    bosses: list[int | None] = [
        None,
        0,
        3,
        2,
        *range(3, 100),
    ]  # p2 and p3 report to each other; a chain of 96 hangs from p3
    [error] = _refused(in_tmp, org_text(bosses))
    assert "reporting lines form a cycle: p2 → p3 → p2" in error


def test_the_caps_messages_have_german_forms() -> None:
    assert in_german("2,431 people; a plan holds at most 2,000: keep those that matter for the account") == (
        "2,431 Personen; ein Plan fasst höchstens 2,000: behalte die, die für den Account zählen"
    )
    assert in_german("2,001 links; a plan holds at most 2,000: keep those that matter for the account") == (
        "2,001 Beziehungen; ein Plan fasst höchstens 2,000: behalte die, die für den Account zählen"
    )
