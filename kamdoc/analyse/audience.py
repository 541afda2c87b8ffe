"""Who a deck is for: the customer's copy of a plan is the plan without what only our side may see, made in one step.

The outline and the changes slide both draw from the plan this returns; no builder asks who is watching.
"""

from __future__ import annotations

from kamdoc.standard.model import Plan

AUDIENCES = ("internal", "customer")


def for_audience(plan: Plan, audience: str) -> Plan:
    """The plan as `audience` may see it: all of it internally; for the customer without our notes and judgements.

    Left out for the customer: each person's attitude towards us, influence and our notes on them; why we lost a
    project; the potential of the customer's units (it rates their attitude to us); our own SWOT; margins; and
    the whole assessment (scores, partnership level, knock-outs).
    """
    if audience != "customer":
        return plan
    people = [p.model_copy(update={"attitude": None, "influence": None, "notes": None}) for p in plan.power_map.people]
    update: dict[str, object] = {
        "power_map": plan.power_map.model_copy(update={"people": people}),
        "financials": plan.financials.model_copy(update={"products": [p.model_copy(update={"margin": None}) for p in plan.financials.products]}),
        "assessment": None,
    }
    if plan.position is not None:
        lost = [item.model_copy(update={"reasons": None}) for item in plan.position.lost]
        update["position"] = plan.position.model_copy(update={"lost": lost, "potential": [], "swot": None})
    return plan.model_copy(update=update)
