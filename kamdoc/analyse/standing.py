"""How a plan stands at a day: its goals (on track, behind, overdue), for the summary and history."""

from __future__ import annotations

from datetime import date

from kamdoc.standard.model import Goal

FOR_US, AGAINST_US = ("positive", "mentor"), ("negative", "enemy")
"""The attitudes of people for us and against us."""


def goal_standing(goal: Goal, today: date) -> str:
    """How a goal stands at `today`: overdue past its deadline, behind with an action past its date, else on track."""
    if goal.deadline < today:
        return "overdue"
    late = [a for a in goal.actions if a.status != "done" and a.due is not None and a.due < today]
    return "behind" if late else "on_track"
