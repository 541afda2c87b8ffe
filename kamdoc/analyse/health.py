"""Plan health: whether a plan is alive — complete, revised, reviewed, SMART, with a friendly decision-maker — as red, amber or green with reasons."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import BaseModel

from kamdoc.messages import most_spoken
from kamdoc.standard.coverage import Coverage, coverage
from kamdoc.standard.plan import Plan
from kamdoc.standard.programme import Programme
from kamdoc.standard.sections import SECTIONS, Concern
from kamdoc.standard.sections import section as section_of

DAYS_PER_MONTH = 30.44
COMPLETE_ENOUGH = 0.5
"""Below this share of the standard's optional sections and fields filled, a plan is thin (amber)."""
RANK = {"green": 0, "amber": 1, "red": 2}

# Optional fields that only some plans need: leaving them out is no gap.
_NOT_COUNTED = {("cover", "division"), ("cover", "confidentiality"), ("language",), ("kamdoc",)}

# Reason code -> (English, German); {…} are filled in from the reason's details.
_TEXTS: dict[str, tuple[str, str]] = {
    "invalid": (
        "does not validate: {errors} error(s); run kamdoc validate",
        "ist nicht gültig: {errors} Fehler; kamdoc validate zeigt sie",
    ),
    "review_overdue": ("review overdue since {due} ({days} days)", "Review überfällig seit {due} ({days} Tage)"),
    "no_review": ("no next review date", "kein nächster Review-Termin"),
    "version_old": (
        "last revised {months} months ago (cadence {cadence} months)",
        "zuletzt überarbeitet vor {months} Monaten (Rhythmus {cadence} Monate)",
    ),
    "commit_old": (
        "last commit {months} months ago (cadence {cadence} months)",
        "letzter Commit vor {months} Monaten (Rhythmus {cadence} Monate)",
    ),
    "commit_unreadable": (
        "a commit is dated in the year {year}, which no calendar here holds: its date is left out of the last commit's age",
        "ein Commit ist auf das Jahr {year} datiert, das kein Kalender hier kennt: sein Datum zählt nicht zum Alter des letzten Commits",
    ),
    "incomplete": (
        "only {share} of the optional sections and fields filled",
        "nur {share} der optionalen Abschnitte und Felder gefüllt",
    ),
    "not_smart": ("not SMART: {what}", "nicht SMART: {what}"),
    "no_decision_maker": ("no decision-maker in the power map", "kein Entscheider in der Power-Map"),
    "enemy_decision_maker": ("an enemy among the decision-makers: {names}", "Feind unter den Entscheidern: {names}"),
    "coverage_low": (
        "relationship coverage {percent} % (below {floor} %): {gaps}",
        "Beziehungsabdeckung {percent} % (unter {floor} %): {gaps}",
    ),
    "single_threaded": ("single-threaded: {why}", "hängt an einem Faden: {why}"),
}


_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


@dataclass(frozen=True)
class Reason:
    """One thing wrong with a plan, and how bad it is."""

    code: str
    severity: str  # red or amber
    details: tuple[tuple[str, str], ...] = ()
    said: tuple[str, str] | None = None  # a section's own words for it (Section.checks), in English and German

    def text(self, language: str = "en") -> str:
        if self.said is not None:
            return self.said[language == "de"]
        en, de = _TEXTS[self.code]
        if language != "de":
            return en.format(**dict(self.details))
        # German dates as a German reader writes them: 03.11.2026, not 2026-11-03.
        return de.format(**{k: _ISO_DAY.sub(r"\3.\2.\1", v) for k, v in self.details})


@dataclass
class Health:
    """The health of one plan."""

    plan: str  # the plan file as shown
    account: str
    status: str = "green"
    completeness: float | None = None  # share of optional sections and fields filled
    version: date | None = None
    version_days: int | None = None
    commit: date | None = None
    commit_days: int | None = None
    next_review: date | None = None
    coverage: Coverage | None = None  # of the key people's relationships; None for a plan that does not validate
    reasons: list[Reason] = field(default_factory=list)
    language: str = "en"  # of the reasons' texts

    def reason_texts(self) -> list[str]:
        return [r.text(self.language) for r in self.reasons]

    def add(self, code: str, severity: str, **details: object) -> None:
        self.reasons.append(Reason(code, severity, tuple((k, str(v)) for k, v in details.items())))
        if RANK[severity] > RANK[self.status]:
            self.status = severity

    def said(self, code: str, severity: str, details: Callable[[str], dict[str, object]]) -> None:
        """A reason whose details are words of a language of their own (a gap, a SMART problem): made in English and
        German alike, so that a report in either language can show it."""
        en, de = (_TEXTS[code][n].format(**details(language)) for n, language in enumerate(("en", "de")))
        self.concern(Concern(code, "red" if severity == "red" else "amber", (en, de)))

    def concern(self, concern: Concern) -> None:
        """A reason a section declares (risks without mitigation, a notice date passing), in its own words."""
        self.reasons.append(Reason(concern.code, concern.severity, said=concern.said))
        if RANK[concern.severity] > RANK[self.status]:
            self.status = concern.severity


def status_counts(healths: list[Health]) -> dict[str, int]:
    """How many plans are red, amber and green."""
    return {status: sum(1 for h in healths if h.status == status) for status in ("red", "amber", "green")}


def completeness(plan: Plan) -> float:
    """The share of the standard's optional sections and fields that the plan fills (goals' fields counted per goal).

    A section that only some plans need counts only for the purposes that ask for it (`Section.counted_for`): a plan
    to win a prospect has no contracts yet, and a section added to the standard lowers no plan's score that never
    needed it."""
    filled = total = 0
    for name, info in Plan.model_fields.items():
        declared = section_of(name)
        asked = declared is None or declared.counted_for is None or plan.cover.purpose in declared.counted_for
        if (name,) in _NOT_COUNTED or not asked:
            continue
        value = getattr(plan, name)
        if not info.is_required():
            total, filled = total + 1, filled + _filled(value)
            continue
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, BaseModel):
                continue
            for sub, sub_info in type(item).model_fields.items():
                if not sub_info.is_required() and (name, sub) not in _NOT_COUNTED:
                    total, filled = total + 1, filled + _filled(getattr(item, sub))
    return filled / total if total else 1.0


def _filled(value: Any) -> bool:
    return value is not None and value != [] and value != {} and value != ""


def _months(days: int) -> str:
    return f"{days / DAYS_PER_MONTH:.0f}"


def plan_health(
    shown: str,
    account: str,
    plan: Plan | None,
    errors: int,
    today: date,
    programme: Programme,
    commit: date | None,
    language: str = "en",
    unreadable_commit: str = "",
) -> Health:
    """The health of one plan: every reason it is not green, the worst deciding its status."""
    health = Health(
        shown, account, commit=commit, commit_days=(today - commit).days if commit else None, language=language
    )
    if unreadable_commit:  # a forged or broken date in git's history: said, not guessed at
        health.add("commit_unreadable", "amber", year=unreadable_commit)
    cadence_days = programme.review_months * DAYS_PER_MONTH
    cadence = programme.review_months
    if commit and health.commit_days is not None and health.commit_days > cadence_days:
        health.add(
            "commit_old",
            "red" if health.commit_days > 2 * cadence_days else "amber",
            months=_months(health.commit_days),
            cadence=cadence,
        )
    if plan is None:
        health.add("invalid", "red", errors=errors)
        return health
    c = plan.cover
    health.version, health.version_days, health.next_review = c.version, (today - c.version).days, c.next_review
    health.completeness = completeness(plan)
    if c.next_review is None:
        health.add("no_review", "amber")
    elif c.next_review < today:
        late = (today - c.next_review).days
        health.add(
            "review_overdue", "red" if late > cadence_days else "amber", due=c.next_review.isoformat(), days=late
        )
    if health.version_days > cadence_days:
        health.add(
            "version_old",
            "red" if health.version_days > 2 * cadence_days else "amber",
            months=_months(health.version_days),
            cadence=cadence,
        )
    if health.completeness < COMPLETE_ENOUGH:
        health.add("incomplete", "amber", share=f"{health.completeness:.0%}")
    problems = {said: smart_problems(plan, said) for said in ("en", "de")}
    if problems["en"]:
        health.said("not_smart", "amber", lambda said: {"what": "; ".join(problems[said])})
    _content(health, plan, today, round(cadence_days))
    _relationships(health, plan, programme)
    return health


def _relationships(health: Health, plan: Plan, programme: Programme) -> None:
    """Relationship coverage below the programme's floor, and an account that hangs on one thread: amber, said in
    both languages (the portfolio deck may speak another than the plan)."""
    settings = programme.coverage
    health.coverage = found = coverage(plan, settings)
    if found.key_people and found.percent < settings.warn_below:
        health.said(
            "coverage_low",
            "amber",
            lambda said: {
                "percent": found.percent,
                "floor": settings.warn_below,
                "gaps": "; ".join(gap.text(settings, said) for gap in found.gaps),
            },
        )
    if found.single_threaded:
        health.said("single_threaded", "amber", lambda said: {"why": "; ".join(found.warnings(said))})


def _content(health: Health, plan: Plan, today: date, cadence_days: int) -> None:
    """What the plan's content says: decision-makers, goals past their deadline, and what each section declares due."""
    deciders = [p for p in plan.power_map.people if "decision-maker" in p.roles]
    if not deciders:
        health.add("no_decision_maker", "amber")
    elif enemies := [p.name for p in deciders if p.attitude == "enemy"]:
        health.add("enemy_decision_maker", "red", names=", ".join(enemies))
    for declared in SECTIONS:
        if declared.checks is not None:
            for concern in declared.checks(getattr(plan, declared.key), today, cadence_days):
                health.concern(concern)


@dataclass(frozen=True)
class Summary:
    """What the programme's views need of one plan: how it is shown, the account, the typed plan (None when invalid),
    its error count, the day of its last commit (None outside git) and the year of a commit of it dated after 9999,
    which no date here holds (empty when there is none)."""

    shown: str
    account: str
    plan: Plan | None
    errors: int
    commit: date | None = None
    unreadable_commit: str = ""
    language: str = ""  # the plan's, as its file says it (for a plan that does not validate); empty: not known


def plans_health(
    summaries: list[Summary], today: date, programme: Programme, language: str | None = None
) -> list[Health]:
    """The health of each plan, in the order given; each said in `language`, or without one in the plan's own (a plan
    that does not validate, in the language most of the plans are written in)."""
    fallback = language or majority_language(summaries)
    return [
        plan_health(
            s.shown,
            s.account,
            s.plan,
            s.errors,
            today,
            programme,
            s.commit,
            language or (str(s.plan.language) if s.plan is not None else s.language or fallback),
            s.unreadable_commit,
        )
        for s in summaries
    ]


def majority_language(summaries: list[Summary]) -> str:
    """The language most of the valid plans are written in (English on a tie or without any)."""
    return most_spoken(str(s.plan.language) for s in summaries if s.plan is not None)


def smart_problems(plan: Plan, language: str = "en") -> list[str]:
    """What keeps goals from being SMART beyond the errors validation reports: no baseline, no owner, a deadline before the version."""
    de = language == "de"
    out = []
    for g in plan.goals:
        missing = [
            word
            for word, value in (
                (("Ausgangswert" if de else "baseline"), g.baseline),
                (("Verantwortlicher" if de else "owner"), g.owner),
            )
            if value is None
        ]
        if missing:
            out.append(f"{g.id}: {'ohne' if de else 'no'} {' + '.join(missing)}")
        if g.deadline < plan.cover.version:
            out.append(f"{g.id}: {'Termin vor der Version' if de else 'deadline before the version'}")
    undated = sum(1 for g in plan.profile.goals if g.deadline is None)
    if undated:
        out.append(f"{undated} {'Kundenziel(e) ohne Termin' if de else 'customer goal(s) without deadline'}")
    return out
