"""The customer profile's slides: the customer in our words, key figures, owners; the customer's goals; the market."""

from __future__ import annotations

from collections.abc import Callable

from kamdoc.outline.kit import PlanKit
from kamdoc.outline.richtext import Para, Run, plain
from kamdoc.outline.words import day, number, percent, term


def profile(kit: PlanKit) -> None:
    p = kit.plan.profile
    facts = [f"{p.industry}", p.headquarters or "", p.website or ""]
    paras = [Para((Run(" · ".join(f for f in facts if f), bold=True),))] + kit.markdown(p.summary)
    kit.flow("profile", kit.w("profile"), "profile", paras, ("profile", "summary"))
    if p.kpis:
        years = sorted({y for k in p.kpis for y in k.values})
        rows = []
        for k in p.kpis:
            values = [k.values.get(y) for y in years]
            present = [v for v in values if v is not None]
            trend = "" if len(present) < 2 else ("↗" if present[-1] > present[0] else "↘" if present[-1] < present[0] else "→")
            rows.append([k.name, k.unit or "", *[number(v, kit.lang) if v is not None else "" for v in values], trend, plain(k.benchmark or "")])
        kit.table("kpis", kit.w("kpis"), "profile", [kit.w("name"), kit.w("unit"), *map(str, years), kit.w("trend"), kit.w("benchmark")],
                   rows, ["left", "left", *["right"] * len(years), "center", "left"], ("profile", "kpis"))
    if p.owners or p.subsidiaries:
        owners = [[o.name, percent(o.share, kit.lang), plain(o.influence or "")] for o in p.owners]
        subsidiaries = [[s.name, s.country or "", term("relation", s.relation, kit.lang)] for s in p.subsidiaries]
        if not kit.tables_together("owners", kit.w("ownership"), "profile", [
                ([kit.w("name"), kit.w("share"), kit.w("influence")], owners, ["left", "right", "left"]),
                ([kit.w("name"), kit.w("country"), kit.w("relation")], subsidiaries, ["left", "left", "left"])],
                ("profile", "owners"), ("profile", "subsidiaries")):
            kit.table("owners", kit.w("ownership"), "profile", [kit.w("name"), kit.w("share"), kit.w("influence")], owners,
                       ["left", "right", "left"], ("profile", "owners"))
            kit.table("subsidiaries", kit.w("ownership"), "profile", [kit.w("name"), kit.w("country"), kit.w("relation")],
                       subsidiaries, None, ("profile", "subsidiaries"))


def customer_goals(kit: PlanKit) -> None:
    rows = [[g.goal, day(g.deadline, kit.lang) if g.deadline else "", ", ".join(g.departments),
             ", ".join(kit.person(c) for c in g.contacts)] for g in kit.plan.profile.goals]
    kit.table("customer_goals", kit.w("customer_goals"), "customer_goals",
               [kit.w("goal"), kit.w("deadline"), kit.w("departments"), kit.w("contacts")], rows,
               ["left", "right", "left", "left"], ("profile", "goals"))


def market(kit: PlanKit) -> None:
    p = kit.plan.profile
    kit.flow("market", kit.w("market"), "market", kit.markdown(p.market), ("profile", "market"))
    rows = [[c.name, plain(c.positioning or ""), "; ".join(c.strengths), "; ".join(c.weaknesses)] for c in p.competitors]
    kit.table("competitors", kit.w("competitors"), "market",
               [kit.w("name"), kit.w("positioning"), kit.w("strengths"), kit.w("weaknesses")], rows, None, ("profile", "competitors"))


SLIDES: dict[str, Callable[[PlanKit], None]] = {"profile": profile, "customer_goals": customer_goals, "market": market}
"""The agenda entries this module draws, by key."""
