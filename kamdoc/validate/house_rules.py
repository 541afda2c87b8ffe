"""The organisation's own rules from kamdoc.yaml's `rules:`, checked on a typed plan: each finding at the plan's line."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from kamdoc.findings import Finding, Pos, Severity, field_path
from kamdoc.load.document import Document, Path_
from kamdoc.standard.coverage import coverage
from kamdoc.standard.plan import Plan
from kamdoc.standard.programme import Programme, Rule, age_days

Found = tuple[Path_, str]
"""A rule's finding: where in the plan, and what it says."""


def _sponsor_for(plan: Plan, rule: Rule, _programme: Programme, _today: date) -> Iterator[Found]:
    level = plan.assessment.partnership if plan.assessment else None
    if level in rule.value and not any(m.sponsor for m in plan.account_team):
        yield (
            ("assessment", "partnership"),
            f"a {level} partnership, and kamdoc.yaml's rule sponsor_for asks for an executive sponsor: mark one "
            "account_team member with sponsor: true",
        )


def _min_coverage(plan: Plan, rule: Rule, programme: Programme, _today: date) -> Iterator[Found]:
    found = coverage(plan, programme.coverage)
    if found.key_people and found.percent < rule.value:
        names = ", ".join(gap.person for gap in found.gaps)
        yield (
            ("power_map", "people"),
            f"relationship coverage is {found.percent} %, and kamdoc.yaml's rule min_coverage asks for at least "
            f"{rule.value} %: close the gaps of {names} (kamdoc health names them)",
        )


def _kpi_source(plan: Plan, _rule: Rule, _programme: Programme, _today: date) -> Iterator[Found]:
    for i, kpi in enumerate(plan.profile.kpis):
        if kpi.source is None:
            yield (
                ("profile", "kpis", i),
                "names no source, and kamdoc.yaml's rule kpi_source asks every key figure for one; add source: with "
                "the id of an entry in sources",
            )


def _max_plan_age(plan: Plan, rule: Rule, _programme: Programme, today: date) -> Iterator[Found]:
    days = (today - plan.cover.version).days
    if days > age_days(rule.value):
        yield (
            ("cover", "version"),
            f"the plan's version is {days} days old, and kamdoc.yaml's rule max_plan_age allows {rule.value}: review "
            "the plan and give it a new version",
        )


def _consistent_figures(plan: Plan, _rule: Rule, _programme: Programme, _today: date) -> Iterator[Found]:
    yield from _kpis_twice(plan)
    yield from _projects_twice(plan)
    yield from _people_twice(plan)


def _kpis_twice(plan: Plan) -> Iterator[Found]:
    """A key figure listed twice under one name that says two things for one year."""
    first: dict[str, dict[int, float]] = {}
    for i, kpi in enumerate(plan.profile.kpis):
        seen = first.setdefault(kpi.name.casefold().strip(), {})
        for year, value in kpi.values.items():
            if year in seen and seen[year] != value:
                yield (
                    ("profile", "kpis", i, "values"),
                    f"'{kpi.name}' is listed twice and says {_number(seen[year])} and {_number(value)} for {year}: "
                    "give one figure",
                )
            seen.setdefault(year, value)


def _projects_twice(plan: Plan) -> Iterator[Found]:
    """A key project whose volume differs from its size among the projects won or lost."""
    position = plan.position
    won, lost = (position.won, position.lost) if position else ([], [])
    sizes = {p.name.casefold().strip(): ("won", p.size) for p in won if p.size is not None}
    sizes |= {p.name.casefold().strip(): ("lost", p.size) for p in lost if p.size is not None}
    for i, project in enumerate(plan.key_projects):
        where, size = sizes.get(project.name.casefold().strip(), ("", None))
        if size is not None and project.volume is not None and size != project.volume:
            yield (
                ("key_projects", i, "volume"),
                f"'{project.name}' has the volume {_number(project.volume)} here and the size {_number(size)} in "
                f"position.{where}: give the same figure",
            )


def _people_twice(plan: Plan) -> Iterator[Found]:
    """A person whose contact or owner in the relationship plan differs from the power map's."""
    people = {p.id: p for p in plan.power_map.people}
    for i, line in enumerate(plan.relationship_plan):
        person = people.get(line.person)
        if person is None:
            continue
        if person.contact and line.frequency and person.contact != line.frequency:
            yield (
                ("relationship_plan", i, "frequency"),
                f"the power map gives {line.person}'s contact as {person.contact}, the relationship plan as "
                f"{line.frequency}: give the same",
            )
        if person.owner and line.owner and person.owner.casefold().strip() != line.owner.casefold().strip():
            yield (
                ("relationship_plan", i, "owner"),
                f"the power map gives {line.person}'s owner as '{person.owner}', the relationship plan as "
                f"'{line.owner}': give the same",
            )


def _number(value: float) -> str:
    return f"{value:g}"


CHECKS: dict[str, Callable[[Plan, Rule, Programme, date], Iterator[Found]]] = {
    "sponsor_for": _sponsor_for,
    "min_coverage": _min_coverage,
    "kpi_source": _kpi_source,
    "max_plan_age": _max_plan_age,
    "consistent_figures": _consistent_figures,
}
"""Each per-plan rule's check; max_accounts concerns the folder, and is checked where plans are validated together."""


AS_THEY_STAND = frozenset({"max_plan_age"})
"""Rules about the plans as they stand today: not applied to a plan read from a git revision (render --at, history,
export --at, the diff's sides), only to the working tree's."""


def check(plan: Plan, doc: Document, programme: Programme, today: date) -> list[Finding]:
    """The findings of the organisation's rules on one valid plan, each with the rule's severity."""
    out = []
    for rule in programme.rules:
        if rule.name in AS_THEY_STAND and doc.from_git:
            continue  # a past revision is as old as it was: rendering an approved version again must not fail on it
        checker = CHECKS.get(rule.name)
        for path, message in checker(plan, rule, programme, today) if checker else ():
            severity: Severity = rule.severity
            out.append(Finding(doc.where(path), severity, field_path(path), message))
    return out


def max_accounts(partnerships: list[tuple[str, str | None]], programme: Programme) -> list[Finding]:
    """The folder's accounts per partnership level against kamdoc.yaml's rule max_accounts: one finding at the rule's
    line for each level over its limit, naming the plans (`partnerships`: each plan as shown, and its level)."""
    rule = programme.rule("max_accounts")
    if rule is None:
        return []
    out = []
    for level, limit in rule.value.items():
        plans = [shown for shown, given in partnerships if given == level]
        if len(plans) > limit:
            named = ", ".join(plans[:10]) + (f" and {len(plans) - 10} more" if len(plans) > 10 else "")
            out.append(
                Finding(
                    Pos(Path(rule.file), rule.line, rule.col),
                    rule.severity,
                    "rules.max_accounts",
                    f"{len(plans)} {level} account{'s' if len(plans) != 1 else ''}, and the rule allows at most "
                    f"{limit}: {named}",
                )
            )
    return out
