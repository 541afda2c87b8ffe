"""The financials' slides: actual and planned revenue per product as a stacked column chart, then the table."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from kamdoc.analyse.portfolio import UNIT
from kamdoc.outline import words as labels
from kamdoc.outline.axes import CHART_FONT, PLAN_BAND
from kamdoc.outline.deck import Box, ColumnChart, Series, Shape, Table
from kamdoc.outline.kit import PlanKit, money_unit
from kamdoc.outline.layout import paginate_table
from kamdoc.outline.richtext import Para, Run
from kamdoc.outline.words import change_percent, number, percent, short_name
from kamdoc.standard.model import Financials, Product


def financials(kit: PlanKit) -> None:
    fin = kit.plan.financials
    if not fin.products:
        return
    years = sorted({y for p in fin.products for y in (*p.actual, *p.plan)})
    actual_years = {y for p in fin.products for y in p.actual}
    kinds = tuple("actual" if y in actual_years else "plan" for y in years)
    unit, scale, decimals = shown_unit(fin)
    series = _chart_series(fin.products, years, kinds, kit.w("other_products"), scale)
    header, rows = _table(kit, years, kinds, (unit, scale, decimals))
    align = ["left", *["right"] * (len(header) - 1)]
    total = len(fin.products) > 1  # the last row is the total, in bold
    below = _table_below(kit, header, rows, align, total) if len(fin.products) <= TOGETHER else None
    if any(v for s in series for v in s.values):  # a chart of nothing but zeros would show an empty frame
        _chart(kit, tuple(str(y) for y in years), kinds, series, (unit, decimals), below)
        if below is not None:
            return
    kit.table("financials_table", kit.w("financials"), "financials", header, rows, align, bold_last_row=total)


TOGETHER, TABLE_SHARE = 3, 0.4
"""Up to this many products, chart and table share a slide, the table taking at most this share of the body."""


def _table(kit: PlanKit, years: list[int], kinds: tuple[str, ...], shown: tuple[str, float, int]) -> Parts:
    """The table's header and rows: a row per product, then growth and the total, each year a column."""
    fin = kit.plan.financials
    unit, scale, decimals = shown
    totals = [t * scale for t in fin.totals().values()]  # one per year, in the same order as `years`
    margins = any(p.margin is not None for p in fin.products)  # a column only where a margin is given
    rows = []
    for p in fin.products:
        values = [p.actual.get(y, p.plan.get(y)) for y in years]
        row = [p.name, *[_cell(v * scale, kit.lang, decimals) if v is not None else "" for v in values]]
        if margins:
            row.append(percent(p.margin, kit.lang) if p.margin is not None else "")
        rows.append(row)
    total_row = [kit.w("total"), *[_cell(t, kit.lang, decimals) for t in totals]] + ([""] if margins else [])
    # One decimal throughout, so that the column reads evenly: 5,0 % beside 27,2 %.
    changes = [change_percent(a, b) for a, b in zip(totals, totals[1:])]  # None over a base of 0 or next to it
    growth = [""] + [percent(c, kit.lang, 1) if c is not None else "–" for c in changes]
    growth_row = [kit.w("growth"), *growth] + ([""] if margins else [])
    named = labels.amount_unit(fin.currency, unit, kit.lang)  # nothing without a currency and a unit
    header = [
        f"{kit.w('product')} ({named})" if named else kit.w("product"),
        *[f"{y}{'' if k == 'actual' else ' P'}" for y, k in zip(years, kinds)],
    ]
    header += [kit.w("margin")] if margins else []
    # A growth needs two years, a total two products: a row that repeats the one above or stays empty says nothing.
    return header, [*rows, *([growth_row] if changes else []), *([total_row] if len(rows) > 1 else [])]


Parts = tuple[list[str], list[list[str]]]
"""A table's header and rows."""


def _table_below(kit: PlanKit, header: list[str], rows: list[list[str]], align: list[str], total: bool) -> Table | None:
    """The table at the foot of the body, where it takes one piece of at most TABLE_SHARE of it; else None."""
    pieces = paginate_table(
        kit.fonts, tuple(header), [tuple(r) for r in rows], tuple(align), kit.body, kit.theme.size("small"), total
    )
    if len(pieces) != 1 or pieces[0].box.h > kit.body.h * TABLE_SHARE:
        return None
    table = pieces[0]
    return replace(table, box=replace(table.box, y=kit.body.bottom - table.box.h))


def _cell(value: float, language: str, decimals: int) -> str:
    """A product's amount in the table; one too small for the unit reads "< 0,1", not as nothing at all."""
    least = 10.0**-decimals
    if value and abs(value) < least / 2:
        return f"{'> -' if value < 0 else '< '}{number(least, language, decimals)}"
    return number(value, language, decimals)


def shown_unit(fin: Financials) -> tuple[str, float, int]:
    """The unit the numbers are shown in (`money_unit` of the largest year's total), the factor from the plan's unit
    to it and the decimals."""
    ones = UNIT[fin.unit]
    unit, divisor, decimals = money_unit(max((abs(t) for t in fin.totals().values()), default=0.0) * ones)
    return unit, ones / divisor, decimals


def _chart(
    kit: PlanKit,
    years: tuple[str, ...],
    kinds: tuple[str, ...],
    series: tuple[Series, ...],
    shown: tuple[str, int],
    below: Table | None,
) -> None:
    """The stacked columns with each year's total as a series of its own, planned years under a "Plan" band; the
    table `below` them on the same slide when there is one."""
    unit, decimals = shown
    fin = kit.plan.financials
    code = "#,##0.0" if decimals else "#,##0"
    first_plan = kinds.index("plan") if "plan" in kinds else None
    slide = kit.new("financials", _message(kit) or kit.w("financials"), "financials")
    room = kit.body if below is None else Box(kit.body.x, kit.body.y, kit.body.w, below.box.y - kit.body.y - GAP)
    chart = ColumnChart(
        room,
        years,
        series,
        True,
        code,
        labels.amount_unit(fin.currency, unit, kit.lang),
        labels.chart_format(code, kit.lang),
        totals=kit.w("total"),
        plan_from=first_plan if first_plan else None,  # no band over a chart of planned years only
    )
    slide.elements.append(chart)
    if chart.plan_from is not None:
        slide.elements += plan_band(chart, kit.w("plan_band"))
    if below is not None:
        slide.elements.append(below)


def plan_band(chart: ColumnChart, label: str) -> list[Shape]:
    """A band over the planned years' columns, named, and a rule between the last actual year and the first planned."""
    assert chart.plan_from is not None
    left = chart.box.x + chart.slot_left(chart.plan_from)
    top = chart.box.y + chart.plot[1] - PLAN_BAND
    band = Box(left, top, chart.box.x + chart.plot[2] - left, PLAN_BAND - 3)
    rule = Box(left - RULE / 2, top, RULE, chart.plot[3] - chart.plot[1] + PLAN_BAND)
    return [
        Shape(rule, (), CHART_FONT, "muted", "muted", 0.0, rounded=False, padding=(0.0, 0.0)),
        Shape(
            band,
            (Para((Run(label),)),),
            CHART_FONT,
            "table_stripe",
            "table_stripe",
            0.0,
            "muted",
            rounded=False,
            padding=(4.0, 0.0),
        ),
    ]


RULE, GAP = 1.0, 12.0
"""Points wide: the rule between actual and planned years; points between the chart and a table under it."""


def _message(kit: PlanKit) -> str:
    """What the chart says, as its title: where revenue with the customer goes from the last actual year to the last
    planned one ("Umsatz mit Brenner Werke wächst bis 2028 auf 13,2 Mio. € (+74 %)"); nothing without both years."""
    fin = kit.plan.financials
    if not any(p.actual for p in fin.products):
        return ""
    _, then, last, later = fin.outlook()
    if last is None:
        return ""
    change = change_percent(then, later)
    key = (
        "revenue_holds" if change is None or round(change) == 0 else "revenue_grows" if change > 0 else "revenue_falls"
    )
    shown = f"{'+' if change and change > 0 else ''}{percent(round(change), kit.lang)}" if change is not None else ""
    account = short_name(kit.plan.cover.account)
    return kit.w(key).format(account=account, amount=kit.scaled(later), year=last, change=shown)


CHART_SERIES = 8
"""A column chart shows at most this many series: the largest products, the rest summed as one."""


def _chart_series(
    products: Sequence[Product], years: list[int], kinds: tuple[str, ...], other: str, scale: float
) -> tuple[Series, ...]:
    """One series per product, largest first over all years; past CHART_SERIES, the smallest summed as "Other (n)"."""

    def values(p: Product) -> tuple[float | None, ...]:
        shown = (p.actual.get(y, p.plan.get(y)) for y in years)
        return tuple(round(v * scale, 9) if v is not None else None for v in shown)  # no float noise in the data

    ranked = sorted(products, key=lambda p: -sum(v or 0.0 for v in values(p)))
    if len(ranked) <= CHART_SERIES:
        return tuple(Series(p.name, values(p), kinds) for p in products)  # the plan's own order
    shown, rest = ranked[: CHART_SERIES - 1], ranked[CHART_SERIES - 1 :]
    summed = tuple(sum(values(p)[i] or 0.0 for p in rest) for i in range(len(years)))
    return (*(Series(p.name, values(p), kinds) for p in shown), Series(other.format(n=len(rest)), summed, kinds))


SLIDES: dict[str, Callable[[PlanKit], None]] = {"financials": financials}
"""The agenda entries this module draws, by key."""
