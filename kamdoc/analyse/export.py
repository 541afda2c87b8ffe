"""The plans as tidy tables for controllers: one row per fact (a product's year, a project, a goal, an action, a
contract, a risk, an account's place in the portfolio), typed, for `kamdoc export` to write as sheets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kamdoc.analyse.portfolio import UNIT, Portfolio
from kamdoc.analyse.standing import goal_standing
from kamdoc.standard.plan import Plan

Cell = str | float | int | bool | date | None


@dataclass(frozen=True)
class Sheet:
    """One table: its name, its columns (name and kind: text, number, amount, percent, date, int, bool) and rows."""

    name: str
    columns: tuple[tuple[str, str], ...]
    rows: list[tuple[Cell, ...]]


_WHO = (("account", "text"), ("division", "text"), ("key_account_manager", "text"))


def _who(plan: Plan) -> tuple[Cell, ...]:
    c = plan.cover
    return (c.account, c.division or "", c.key_account_manager)


def sheets(plans: Sequence[tuple[str, Plan]], portfolio: Portfolio, today: date) -> list[Sheet]:
    """Every sheet of the export, in order."""
    return [
        _financials(plans, portfolio),
        _key_projects(plans),
        _goals(plans),
        _actions(plans, today),
        _contracts(plans),
        _risks(plans),
        _portfolio(portfolio),
        _health(portfolio),
    ]


def _financials(plans: Sequence[tuple[str, Plan]], portfolio: Portfolio) -> Sheet:
    columns = (
        *_WHO,
        ("product", "text"),
        ("year", "int"),
        ("kind", "text"),
        ("amount", "number"),
        ("currency", "text"),
        ("unit", "text"),
        ("amount_reporting", "amount"),
        ("reporting_currency", "text"),
        ("margin", "percent"),
        ("gross_profit_reporting", "amount"),
    )
    programme = portfolio.programme
    rows: list[tuple[Cell, ...]] = []
    for _, plan in plans:
        fin = plan.financials
        currency = fin.currency or programme.currency
        rate = programme.rate(currency)
        for product in fin.products:
            years = [(y, "actual", a) for y, a in product.actual.items()] + [
                (y, "plan", a) for y, a in product.plan.items()
            ]
            for year, kind, amount in sorted(years):
                reporting = amount * UNIT[fin.unit] * rate if rate is not None else None
                margin = product.margin / 100 if product.margin is not None else None
                profit = reporting * margin if reporting is not None and margin is not None else None
                rows.append(
                    (*_who(plan), product.name, year, kind, amount, currency or "", fin.unit or "one", reporting,
                     programme.currency or "", margin, profit)
                )  # fmt: skip
    return Sheet("financials", columns, rows)


def _key_projects(plans: Sequence[tuple[str, Plan]]) -> Sheet:
    columns = (
        *_WHO,
        ("project", "text"),
        ("stage", "text"),
        ("volume", "number"),
        ("probability", "percent"),
        ("weighted_volume", "number"),
        ("due", "date"),
        ("owner", "text"),
    )
    rows: list[tuple[Cell, ...]] = []
    for _, plan in plans:
        for p in plan.key_projects:
            chance = p.probability / 100 if p.probability is not None else None
            weighted = p.volume * chance if p.volume is not None and chance is not None else None
            rows.append((*_who(plan), p.name, p.stage or "", p.volume, chance, weighted, p.due, p.owner or ""))
    return Sheet("key_projects", columns, rows)


def _goals(plans: Sequence[tuple[str, Plan]]) -> Sheet:
    columns = (
        *_WHO,
        ("goal_id", "text"),
        ("goal", "text"),
        ("metric", "text"),
        ("baseline", "text"),
        ("target", "text"),
        ("deadline", "date"),
        ("owner", "text"),
        ("status", "text"),
    )
    rows: list[tuple[Cell, ...]] = []
    for _, plan in plans:
        for g in plan.goals:
            baseline = "" if g.baseline is None else str(g.baseline)
            status = goal_standing(g, plan.cover.version)
            rows.append(
                (*_who(plan), g.id, g.goal, g.metric, baseline, str(g.target), g.deadline, g.owner or "", status)
            )
    return Sheet("goals", columns, rows)


def _actions(plans: Sequence[tuple[str, Plan]], today: date) -> Sheet:
    columns = (
        *_WHO,
        ("goal_id", "text"),
        ("action", "text"),
        ("owner", "text"),
        ("due", "date"),
        ("status", "text"),
        ("overdue", "bool"),
    )
    rows: list[tuple[Cell, ...]] = []
    for _, plan in plans:
        for g in plan.goals:
            for a in g.actions:
                late = a.status != "done" and a.due is not None and a.due < today
                rows.append((*_who(plan), g.id, a.action, a.owner or "", a.due, a.status or "", late))
    return Sheet("actions", columns, rows)


def _contracts(plans: Sequence[tuple[str, Plan]]) -> Sheet:
    columns = (
        *_WHO,
        ("contract", "text"),
        ("kind", "text"),
        ("start", "date"),
        ("end", "date"),
        ("notice_by", "date"),
        ("auto_renewal", "bool"),
        ("annual_value", "number"),
        ("owner", "text"),
    )
    rows: list[tuple[Cell, ...]] = []
    for _, plan in plans:
        for c in plan.contracts:
            rows.append(
                (*_who(plan), c.name, c.kind or "", c.start, c.end, c.notice_by(), c.auto_renewal, c.annual_value,
                 c.owner or "")
            )  # fmt: skip
    return Sheet("contracts", columns, rows)


def _risks(plans: Sequence[tuple[str, Plan]]) -> Sheet:
    columns = (
        *_WHO,
        ("risk", "text"),
        ("category", "text"),
        ("likelihood", "text"),
        ("impact", "text"),
        ("owner", "text"),
        ("status", "text"),
        ("due", "date"),
        ("mitigated", "bool"),
    )
    rows: list[tuple[Cell, ...]] = []
    for _, plan in plans:
        for r in plan.risks:
            rows.append(
                (*_who(plan), r.description, r.category or "", r.likelihood, r.impact, r.owner or "", r.status, r.due,
                 bool(r.mitigation))
            )  # fmt: skip
    return Sheet("risks", columns, rows)


def _portfolio(portfolio: Portfolio) -> Sheet:
    columns = (
        ("plan", "text"),
        ("account", "text"),
        ("rank", "int"),
        ("revenue_reporting", "amount"),
        ("gross_profit_reporting", "amount"),
        ("year", "int"),
        ("share", "percent"),
        ("cumulative_share", "percent"),
        ("class", "text"),
        ("attractiveness", "number"),
        ("position", "number"),
        ("quadrant", "text"),
        ("partnership", "text"),
    )
    rows: list[tuple[Cell, ...]] = [
        (a.plan, a.account, a.rank, a.revenue, a.gross_profit, a.year, a.share, a.cumulative, a.abc, a.attractiveness,
         a.position, a.quadrant or "", a.partnership or "")
        for a in portfolio.accounts
    ]  # fmt: skip
    return Sheet("portfolio", columns, rows)


def _health(portfolio: Portfolio) -> Sheet:
    columns = (
        ("plan", "text"),
        ("account", "text"),
        ("status", "text"),
        ("completeness", "percent"),
        ("version", "date"),
        ("next_review", "date"),
        ("reasons", "text"),
    )
    rows: list[tuple[Cell, ...]] = [
        (h.plan, h.account, h.status, h.completeness, h.version, h.next_review, "; ".join(h.reason_texts()))
        for h in portfolio.health
    ]
    return Sheet("health", columns, rows)
