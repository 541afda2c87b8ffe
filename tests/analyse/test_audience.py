"""The customer's copy of a plan: an allow-list of the fields declared for the customer, and what kamdoc.yaml opens."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import PLANS

from kamdoc.analyse.audience import for_audience
from kamdoc.errors import KamdocError
from kamdoc.findings import Pos
from kamdoc.standard.plan import Plan
from kamdoc.standard.programme import CustomerCopy, parse_programme
from kamdoc.validate.plan import validate_file


def _brenner() -> Plan:
    plan = validate_file(PLANS / "brenner-werke" / "plan.yaml", date(2026, 11, 22)).plan
    assert plan is not None and plan.position is not None and plan.assessment is not None
    return plan


def test_the_customers_copy_keeps_only_what_is_declared_for_the_customer() -> None:
    plan = _brenner()
    copy = for_audience(plan, "customer")
    # The power map is an organisation chart: names, titles, departments and reporting lines.
    assert [(p.name, p.title, p.reports_to) for p in copy.power_map.people] == [
        (p.name, p.title, p.reports_to) for p in plan.power_map.people
    ]
    assert all(
        p.roles == [] and p.attitude is p.influence is p.contact is p.owner is p.notes is None
        for p in copy.power_map.people
    )
    assert copy.power_map.links == []
    # Our judgements and our numbers are gone whole.
    assert copy.position is None and copy.assessment is None and copy.relationship_plan == []
    assert (
        copy.swot.strengths == []
        and copy.financials.products == []
        and copy.financials.currency == plan.financials.currency
    )
    assert copy.cover.status is None and copy.cover.next_review is None and copy.cover.confidentiality is None
    # Key projects without our estimates; the customer's goals without our contacts; only the goals agreed with them.
    assert all(
        k.probability is None and k.budget is None and k.volume is None and k.stage is None for k in copy.key_projects
    )
    assert all(k.competitors == [] for k in copy.key_projects)
    assert [k.name for k in copy.key_projects] == [k.name for k in plan.key_projects]
    assert (
        all(g.contacts == [] for g in copy.profile.goals)
        and copy.profile.competitors == []
        and copy.profile.market is None
    )
    shared = [g for g in plan.goals if g.shared]
    assert 0 < len(shared) < len(plan.goals)
    assert [(g.goal, g.metric, g.target, g.deadline) for g in copy.goals] == [
        (g.goal, g.metric, g.target, g.deadline) for g in shared
    ]
    assert all(g.baseline is None and g.strategy is None and g.actions == [] and g.owner is None for g in copy.goals)
    assert copy.mission == plan.mission and copy.account_team == plan.account_team and copy.marketing == plan.marketing
    assert for_audience(plan, "internal") is plan


def test_kamdoc_yaml_opens_fields_by_name() -> None:
    plan = _brenner()
    copy = for_audience(plan, "customer", CustomerCopy(show=["financials.products.actual", "key_projects.probability"]))
    assert [(p.name, p.actual) for p in copy.financials.products] == [
        (p.name, p.actual) for p in plan.financials.products
    ]
    assert all(p.plan == {} and p.margin is None for p in copy.financials.products)  # only what was named
    assert [k.probability for k in copy.key_projects] == [k.probability for k in plan.key_projects]


def test_the_power_map_can_stay_out_of_the_customers_copy() -> None:
    copy = for_audience(_brenner(), "customer", CustomerCopy(power_map="none"))
    assert copy.power_map.people == []
    assert all(k.contact is None for k in copy.key_projects) and all(
        c.owner is None for c in copy.buying_strategy.category_owners
    )


def test_a_field_kamdoc_yaml_names_must_exist() -> None:
    with pytest.raises(KamdocError) as caught:
        parse_programme(
            None,
            lambda path: Pos(Path("kamdoc.yaml"), 7, 5),
            Path("kamdoc.yaml"),
            {"customer": {"show": ["financials.actuals"], "power_map": "org"}},
        )
    said = str(caught.value)
    assert "kamdoc.yaml:7:5: error: audiences.customer.show: 'financials.actuals' is not a field of a plan" in said
    assert "audiences.customer.power_map" in said and said.count("\n") == 1
