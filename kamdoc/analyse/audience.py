"""Who a deck is for: the customer's copy of a plan is the plan without what only our side may see, made in one step.

The outline and the changes slide both draw from the plan this returns; no builder asks who is watching. What is
left out is declared with each section in the registry (`hidden`, `for_customer`).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from kamdoc.standard.plan import Plan
from kamdoc.standard.sections import SECTIONS

AUDIENCES = ("internal", "customer")


def for_audience(plan: Plan, audience: str) -> Plan:
    """The plan as `audience` may see it: all of it internally; for the customer without our notes and judgements.

    Left out for the customer today: each person's attitude towards us, influence and our notes on them; why we
    lost a project; the potential of the customer's units (it rates their attitude to us); our own SWOT; margins;
    and the whole assessment (scores, partnership level, knock-outs).
    """
    if audience != "customer":
        return plan
    update: dict[str, Any] = {}
    for section in SECTIONS:
        if not section.for_customer:
            update[section.key] = _default(plan, section.key)
        elif section.hidden and getattr(plan, section.key) is not None:
            update[section.key] = _without(getattr(plan, section.key), [path.split(".") for path in section.hidden])
    return plan.model_copy(update=update)


def _default(model: BaseModel, name: str) -> Any:
    """What a field is when the plan does not give it: None, an empty list or mapping."""
    return type(model).model_fields[name].get_default(call_default_factory=True)


def _without(value: Any, paths: list[list[str]]) -> Any:
    """`value` with each path set to its field's default; "*" goes through every item of a list."""
    if isinstance(value, list):
        inner = [path[1:] for path in paths if path[0] == "*"]
        return [_without(item, inner) for item in value]
    if not isinstance(value, BaseModel):
        return value
    update: dict[str, Any] = {}
    for name in dict.fromkeys(path[0] for path in paths):
        rest = [path[1:] for path in paths if path[0] == name]
        if [] in rest:
            update[name] = _default(value, name)
        elif getattr(value, name) is not None:
            update[name] = _without(getattr(value, name), rest)
    return value.model_copy(update=update)
