"""The customer profile's slides: the customer in our words, key figures, owners; the customer's goals; the market."""

from __future__ import annotations

from collections.abc import Callable

from kamdoc.outline.kit import PlanKit
from kamdoc.outline.richtext import Para, Run
from kamdoc.outline.words import day, number, percent, term


def profile(kit: PlanKit) -> None:
    """The customer in our words under its key facts, then its key figures, then its owners and subsidiaries."""
    p = kit.plan.profile
    facts = [f"{p.industry}", p.headquarters or "", p.website or ""]
    paras = [Para((Run(" · ".join(f for f in facts if f), bold=True),))] + kit.markdown(p.summary)
    kit.told("profile", kit.w("profile"), "profile", paras)
    if p.kpis:
        _kpis(kit)
    if p.owners or p.subsidiaries:
        _ownership(kit)


def _trend(values: list[float | None]) -> str:
    """An arrow from the first known value to the last: up, down or level (nothing with fewer than two)."""
    present = [v for v in values if v is not None]
    if len(present) < 2:
        return ""
    return "↗" if present[-1] > present[0] else "↘" if present[-1] < present[0] else "→"


def _kpis(kit: PlanKit) -> None:
    """The key figures: one row each, a column per year, its trend and how it compares."""
    kpis = kit.plan.profile.kpis
    years = sorted({y for k in kpis for y in k.values})
    rows = []
    for k in kpis:
        values = [k.values.get(y) for y in years]
        shown = [number(v, kit.lang) if v is not None else "" for v in values]
        rows.append(
            [k.name + kit.source_mark(k.source), k.unit or "", *shown, _trend(values), kit.plain(k.benchmark or "")]
        )
    header = [kit.w("name"), kit.w("unit"), *map(str, years), kit.w("trend"), kit.w("benchmark")]
    kit.table(
        "kpis", kit.w("kpis"), "profile", header, rows, ["left", "left", *["right"] * len(years), "center", "left"]
    )


def _ownership(kit: PlanKit) -> None:
    """Owners and subsidiaries on one slide when both fit, else each table on its own."""
    p = kit.plan.profile
    owners = [
        [o.name + kit.source_mark(o.source), percent(o.share, kit.lang), kit.plain(o.influence or "")] for o in p.owners
    ]
    subsidiaries = [[s.name, s.country or "", term("relation", s.relation, kit.lang)] for s in p.subsidiaries]
    owners_header = [kit.w("name"), kit.w("share"), kit.w("influence")]
    subsidiaries_header = [kit.w("name"), kit.w("country"), kit.w("relation")]
    title = kit.w("ownership")
    parts = [(owners_header, owners, ["left", "right", "left"]), (subsidiaries_header, subsidiaries, ["left"] * 3)]
    if not kit.tables_together("owners", title, "profile", parts):
        kit.table("owners", title, "profile", owners_header, owners, ["left", "right", "left"])
        kit.table("subsidiaries", title, "profile", subsidiaries_header, subsidiaries, None)


def customer_goals(kit: PlanKit) -> None:
    rows = [
        [
            g.goal,
            day(g.deadline, kit.lang) if g.deadline else "",
            ", ".join(g.departments),
            ", ".join(kit.person(c) for c in g.contacts),
        ]
        for g in kit.plan.profile.goals
    ]
    kit.table(
        "customer_goals",
        kit.w("customer_goals"),
        "customer_goals",
        [kit.w("goal"), kit.w("deadline"), kit.w("departments"), kit.w("contacts")],
        rows,
        ["left", "right", "left", "left"],
    )


def market(kit: PlanKit) -> None:
    p = kit.plan.profile
    kit.told("market", kit.w("market"), "market", kit.markdown(p.market))
    rows = [
        [c.name, kit.plain(c.positioning or ""), "; ".join(c.strengths), "; ".join(c.weaknesses)] for c in p.competitors
    ]
    kit.table(
        "competitors",
        kit.w("competitors"),
        "market",
        [kit.w("name"), kit.w("positioning"), kit.w("strengths"), kit.w("weaknesses")],
        rows,
        None,
    )


SLIDES: dict[str, Callable[[PlanKit], None]] = {"profile": profile, "customer_goals": customer_goals, "market": market}
"""The agenda entries this module draws, by key."""
