"""Relationship coverage: each key person's gaps, the share covered, the buying roles reached, the single-thread signs."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import PLANS

from kamdoc.standard.coverage import coverage
from kamdoc.standard.model import Person, Relationship
from kamdoc.standard.plan import Plan
from kamdoc.standard.programme import CoverageSettings
from kamdoc.validate.plan import validate_file

DEFAULT = CoverageSettings()


def example(name: str) -> Plan:
    plan = validate_file(PLANS / name / "plan.yaml", date(2026, 11, 22)).plan
    assert plan is not None
    return plan


def test_the_german_example_s_gaps_are_named() -> None:
    found = coverage(example("brenner-werke"), DEFAULT)
    assert (found.key_people, found.covered, found.percent) == (9, 7, 78)
    gaps = {g.person: g.missing for g in found.gaps}
    assert gaps == {"Sabine Baumgärtner": ("contact", "attitude"), "Dr. Bernd Fähnrich": ("attitude",)}
    said = [g.text(DEFAULT, "de") for g in found.gaps]
    assert "Sabine Baumgärtner: Kontakt seltener als quartalsweise, Einstellung schlechter als neutral" in said
    assert found.single_threaded == ["mentor"] and found.warnings("de") == ["nur 1 Mentor unter den Schlüsselpersonen"]


def test_the_english_example_s_gaps_and_buying_roles() -> None:
    found = coverage(example("halvorsen-logistics"), DEFAULT)
    assert (found.key_people, found.covered, found.percent) == (8, 6, 75)
    assert [g.text(DEFAULT) for g in found.gaps] == [
        "Solveig Åsheim: contact rarer than quarterly, attitude worse than neutral",
        "Magnus Sæther: attitude worse than neutral",
    ]
    # Solveig Åsheim, a decision-maker and ratifier, is met yearly; Bjørn Rød and Erik Halvorsen quarterly: reached.
    assert found.roles_reached == {"decision-maker": True, "ratifier": True, "buyer": True, "specifier": True}


def _person(pid: str, owner: str, attitude: str = "positive", contact: str = "monthly") -> Person:
    return Person.model_validate(
        {
            "id": pid,
            "name": pid.upper(),
            "roles": ["decision-maker"],
            "owner": owner,
            "attitude": attitude,
            "contact": contact,
        }
    )


def _plan(people: list[Person], planned: list[str]) -> Plan:
    plan = example("halvorsen-logistics")
    lines = [Relationship.model_validate({"person": pid}) for pid in planned]
    return plan.model_copy(
        update={
            "power_map": plan.power_map.model_copy(update={"people": people, "links": []}),
            "relationship_plan": lines,
        }
    )


def test_a_plan_made_single_threaded_is_flagged() -> None:
    people = [_person("a", "Tom", "mentor"), _person("b", "Tom"), _person("c", "Tom"), _person("d", "Ann")]
    found = coverage(_plan(people, ["a", "b", "c", "d"]), DEFAULT)
    assert found.percent == 100 and found.single_threaded == ["mentor", "owner"]
    assert found.warnings() == ["only 1 mentor among the key people", "Tom holds 3 of 4 key people"]


def test_two_mentors_and_spread_owners_are_not_single_threaded() -> None:
    people = [_person("a", "Tom", "mentor"), _person("b", "Ann", "mentor"), _person("c", "Tom"), _person("d", "Ann")]
    assert coverage(_plan(people, ["a", "b", "c", "d"]), DEFAULT).single_threaded == []


@pytest.mark.parametrize(
    ("settings", "covered"),
    [
        (CoverageSettings(), 2),  # b is met yearly
        (CoverageSettings(contact="yearly"), 3),
        (CoverageSettings(attitude="positive"), 1),  # c is neutral
        (CoverageSettings(contact="yearly", attitude="negative"), 3),
    ],
)
def test_thresholds_from_kamdoc_yaml_decide_what_counts(settings: CoverageSettings, covered: int) -> None:
    people = [_person("a", "Tom"), _person("b", "Ann", contact="yearly"), _person("c", "Eve", "neutral")]
    assert coverage(_plan(people, ["a", "b", "c"]), settings).covered == covered


def test_the_contact_of_the_relationship_plan_counts_and_an_owner_there_is_enough() -> None:
    people = [
        Person.model_validate({"id": "a", "name": "A", "roles": ["buyer"], "attitude": "neutral", "contact": "yearly"})
    ]
    plan = _plan(people, [])
    lines = [Relationship.model_validate({"person": "a", "owner": "Tom", "frequency": "monthly"})]
    assert coverage(plan.model_copy(update={"relationship_plan": lines}), DEFAULT).covered == 1
    assert coverage(plan, DEFAULT).gaps[0].missing == ("owner", "contact", "plan")


def test_a_german_plan_s_reasons_read_in_english_where_english_is_asked_for() -> None:
    import json

    from conftest import kamdoc

    run = kamdoc("health", PLANS, "--format", "json", "--language", "en", "--today", "2026-11-22")
    brenner = next(p for p in json.loads(run.out)["plans"] if "brenner" in p["plan"])
    said = " ".join(r["text"] for r in brenner["reasons"])
    assert said == "single-threaded: only 1 mentor among the key people"
