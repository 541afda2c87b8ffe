"""The dates a plan holds that someone must act on: its next review, milestones, open actions, goal deadlines,
notice dates and marketing events, for a calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kamdoc.standard.plan import Plan


@dataclass(frozen=True)
class Due:
    """One dated thing of a plan: its day, what it is (a kind and its words) and whom it concerns."""

    day: date
    kind: str  # review, milestone, action, deadline, notice, event
    said: str
    owner: str = ""


def dues(plan: Plan) -> list[Due]:
    """Every dated thing of the plan, by day."""
    out: list[Due] = []
    if plan.cover.next_review is not None:
        out.append(Due(plan.cover.next_review, "review", plan.cover.account, plan.cover.key_account_manager))
    for goal in plan.goals:
        out.append(Due(goal.deadline, "deadline", goal.title or goal.goal, goal.owner or ""))
        out += [Due(m.date, "milestone", m.milestone) for m in goal.milestones if m.date is not None]
        out += [
            Due(a.due, "action", a.action, a.owner or "")
            for a in goal.actions
            if a.due is not None and a.status != "done"
        ]
    for contract in plan.contracts:
        if (by := contract.notice_by()) is not None:
            out.append(Due(by, "notice", contract.name, contract.owner or ""))
    out += [Due(e.date, "event", e.event) for e in plan.marketing if e.date is not None]
    return sorted(out, key=lambda d: (d.day, d.kind, d.said))
