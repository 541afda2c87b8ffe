"""Reminders: which plans are due for their key account manager's attention, and what the issue about each says."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from kamdoc.analyse.health import Health, Reason, Summary

DUE = frozenset(
    {
        "review_overdue",
        "actions_overdue",
        "milestones_overdue",
        "goals_overdue",
        "notice_soon",
        "notice_passed",
        "risk_overdue",
        "risk_unmitigated",
    }
)
"""Health's reasons that ask someone to act by a date: a plan with one of them is due, whatever its colour."""
MARKER = "kamdoc-reminder"
"""The label of reminder issues, and the start of the hidden line in their body that names the plan."""

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Key account plan due: {account} · review {day} · {manager}",
        "title_invalid": "Plan needs repair: {account}",
        "intro": "kamdoc's weekly check found this key account plan due:",
        "review_soon": "next review on {day}",
        "plan": "Plan: `{plan}` · key account manager: {manager} · health: {status}",
        "owners": "Owners: {owners}",
        "close": "Closed by kamdoc: the plan is healthy and its next review is {day}.",
        "footer": "kamdoc updates this issue on each run and closes it once the plan is no longer due.",
    },
    "de": {
        "title": "Key-Account-Plan fällig: {account} · Review {day} · {manager}",
        "title_invalid": "Plan muss repariert werden: {account}",
        "intro": "kamdocs wöchentliche Prüfung hat diesen Key-Account-Plan fällig gefunden:",
        "review_soon": "nächster Review am {day}",
        "plan": "Plan: `{plan}` · Key-Account-Manager: {manager} · Zustand: {status}",
        "owners": "Verantwortlich: {owners}",
        "close": "Von kamdoc geschlossen: der Plan ist gesund, sein nächster Review ist am {day}.",
        "footer": "kamdoc aktualisiert dieses Issue bei jedem Lauf und schließt es, sobald der Plan nicht mehr fällig ist.",
    },
}
_STATUS = {"red": ("red", "rot"), "amber": ("amber", "gelb"), "green": ("green", "grün")}


def _day(value: date, language: str) -> str:
    return f"{value:%d.%m.%Y}" if language == "de" else value.isoformat()


@dataclass
class Reminder:
    """One plan and whether it is due: the reasons, and the issue that tells its owners."""

    plan: str  # the plan file as shown (relative to the repository's top): the key
    account: str
    manager: str
    language: str
    next_review: date | None
    reasons: list[str] = field(default_factory=list)  # empty: not due
    owners: list[str] = field(default_factory=list)  # @user and @org/team
    status: str = "green"

    @property
    def due(self) -> bool:
        return bool(self.reasons)

    @property
    def marker(self) -> str:
        """The hidden line that finds this plan's issue again on the next run."""
        return f"<!-- {MARKER}: {self.plan} -->"

    def title(self, today: date) -> str:
        w = _WORDS[self.language]
        if not self.manager:
            return w["title_invalid"].format(account=self.account)
        day = _day(self.next_review or today, self.language)
        return w["title"].format(account=self.account, day=day, manager=self.manager)

    def body(self, escape: Callable[[str], str] = lambda text: text) -> str:
        """The issue's text; `escape` makes the plan's words in the reasons literal Markdown (no mentions, no markup)."""
        w = _WORDS[self.language]
        lines = [self.marker, w["intro"], ""]
        lines += [f"- {escape(_one_line(reason))}" for reason in self.reasons]
        status = _STATUS[self.status][self.language == "de"]
        lines += ["", w["plan"].format(plan=self.plan, manager=self.manager or "-", status=status)]
        if self.owners:
            lines.append(w["owners"].format(owners=" ".join(self.owners)))
        return "\n".join([*lines, "", f"_{w['footer']}_", ""])

    def closing(self, today: date) -> str:
        return _WORDS[self.language]["close"].format(day=_day(self.next_review or today, self.language))

    @property
    def assignees(self) -> list[str]:
        """The owners an issue can be assigned to: people, not teams (a team is named in the body instead)."""
        return [o.removeprefix("@") for o in self.owners if "/" not in o][:10]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def reminder(summary: Summary, health: Health, today: date, within: int, owners: list[str]) -> Reminder:
    """Whether a plan is due — its review within `within` days or passed, red health, or anything past its date — and why."""
    plan = summary.plan
    language = health.language if health.language in _WORDS else "en"
    found = Reminder(
        summary.shown,
        summary.account,
        plan.cover.key_account_manager if plan else "",
        language,
        plan.cover.next_review if plan else None,
        owners=owners,
        status=health.status,
    )
    reasons: list[Reason] = [
        r for r in health.reasons if r.code in DUE or health.status == "red" and r.severity == "red"
    ]
    review = found.next_review
    if review is not None and today <= review <= today + timedelta(days=within):
        found.reasons.append(_WORDS[language]["review_soon"].format(day=_day(review, language)))
    found.reasons += [r.text(language) for r in reasons]
    return found
