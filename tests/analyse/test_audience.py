"""The customer's copy of a plan: one step leaves out what only our side may see, and nothing else."""

from __future__ import annotations

from datetime import date

from conftest import PLANS

from kamdoc.analyse.audience import for_audience
from kamdoc.validate.plan import validate_file


def test_the_customers_copy_leaves_out_our_judgements_and_keeps_the_rest() -> None:
    plan = validate_file(PLANS / "brenner-werke" / "plan.yaml", date(2026, 11, 22)).plan
    assert plan is not None and plan.position is not None and plan.assessment is not None
    assert any(p.attitude for p in plan.power_map.people) and any(p.margin for p in plan.financials.products)
    copy = for_audience(plan, "customer")
    assert all(p.attitude is None and p.influence is None and p.notes is None for p in copy.power_map.people)
    assert all(p.margin is None for p in copy.financials.products)
    assert copy.assessment is None and copy.position is not None
    assert copy.position.potential == [] and copy.position.swot is None and all(lost.reasons is None for lost in copy.position.lost)
    # Everything else stays as it was.
    assert [p.name for p in copy.power_map.people] == [p.name for p in plan.power_map.people]
    assert copy.financials.totals() == plan.financials.totals() and copy.goals == plan.goals and copy.profile == plan.profile
    assert for_audience(plan, "internal") is plan
