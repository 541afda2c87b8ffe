"""The financials' slides: actual and planned revenue per product as a stacked column chart, then the table."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kamdoc.outline import words as labels
from kamdoc.outline.axes import CHART_FONT, TOTAL_ROOM
from kamdoc.outline.deck import (
    Box,
    ColumnChart,
    Series,
    Text,
)
from kamdoc.outline.kit import PlanKit
from kamdoc.outline.layout import INSET, text
from kamdoc.outline.measure import LINE_SPACING
from kamdoc.outline.richtext import Para, Run
from kamdoc.outline.words import change_percent, number, percent, short_name
from kamdoc.standard.model import Product


def financials(kit: PlanKit) -> None:
    fin = kit.plan.financials
    if not fin.products:
        return
    years = sorted({y for p in fin.products for y in (*p.actual, *p.plan)})
    actual_years = {y for p in fin.products for y in p.actual}
    kinds = tuple("actual" if y in actual_years else "plan" for y in years)
    categories = tuple(f"{y} ({kit.w('actual') if k == 'actual' else kit.w('plan')})" for y, k in zip(years, kinds))
    series = _chart_series(fin.products, years, kinds, kit.w("other_products"))
    unit = labels.amount_unit(fin.currency, fin.unit, kit.lang)
    if any(v for s in series for v in s.values):  # a chart of nothing but zeros would show an empty frame
        slide = kit.new("financials", _message(kit) or kit.w("financials"), "financials")
        chart_box = kit.body
        if "plan" in kinds:  # the lighter tints of planned years, said in words under the chart
            key_h = kit.minimum * LINE_SPACING + 2 * INSET
            chart_box = Box(kit.body.x, kit.body.y, kit.body.w, kit.body.h - key_h)
            slide.elements.append(
                text(
                    Box(kit.body.x, chart_box.bottom, kit.body.w, key_h),
                    [Para((Run(kit.w("plan_tints"), italic=True),))],
                    kit.minimum,
                    colour="muted",
                )
            )
        chart = ColumnChart(
            chart_box, categories, series, True, "#,##0", unit, labels.chart_format("#,##0", kit.lang), totals=True
        )
        slide.elements += [chart, *column_totals(chart, kit.lang)]
    totals = list(fin.totals().values())  # one per year, in the same order as `years`
    margins = any(p.margin is not None for p in fin.products)  # a column only where a margin is given
    rows = []
    for p in fin.products:
        values = [p.actual.get(y, p.plan.get(y)) for y in years]
        row = [p.name, *[number(v, kit.lang) if v is not None else "" for v in values]]
        if margins:
            row.append(percent(p.margin, kit.lang) if p.margin is not None else "")
        rows.append(row)
    total_row = [kit.w("total"), *[number(t, kit.lang) for t in totals]] + ([""] if margins else [])
    # One decimal throughout, so that the column reads evenly: 5,0 % beside 27,2 %.
    changes = [change_percent(a, b) for a, b in zip(totals, totals[1:])]  # None over a base of 0 or next to it
    growth = [""] + [percent(c, kit.lang, 1) if c is not None else "–" for c in changes]
    growth_row = [kit.w("growth"), *growth] + ([""] if margins else [])
    header = [f"{kit.w('product')} ({unit})", *[f"{y}{'' if k == 'actual' else ' P'}" for y, k in zip(years, kinds)]]
    header += [kit.w("margin")] if margins else []
    kit.table(
        "financials_table",
        kit.w("financials"),
        "financials",
        header,
        [*rows, growth_row, total_row],
        ["left", *["right"] * (len(header) - 1)],
        bold_last_row=True,
    )


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


def column_totals(chart: ColumnChart, language: str) -> list[Text]:
    """Each column's total above it, in bold: a reader sees the year's sum without adding up the stack."""
    slot = (chart.plot[2] - chart.plot[0]) / max(1, len(chart.categories))
    out = []
    for i, total in enumerate(chart.heights):
        if total <= 0:
            continue
        top = chart.box.y + chart.value_y(total) - TOTAL_ROOM
        out.append(
            text(
                Box(chart.box.x + chart.column_centre(i) - slot / 2, top, slot, TOTAL_ROOM - 1),
                [Para((Run(number(total, language)),))],
                CHART_FONT,
                bold=True,
                align="center",
                role="caption",
            )
        )
    return out


CHART_SERIES = 8
"""A column chart shows at most this many series: the largest products, the rest summed as one."""


def _chart_series(
    products: Sequence[Product], years: list[int], kinds: tuple[str, ...], other: str
) -> tuple[Series, ...]:
    """One series per product, largest first over all years; past CHART_SERIES, the smallest summed as "Other (n)"."""

    def values(p: Product) -> tuple[float | None, ...]:
        return tuple(p.actual.get(y, p.plan.get(y)) for y in years)

    ranked = sorted(products, key=lambda p: -sum(v or 0.0 for v in values(p)))
    if len(ranked) <= CHART_SERIES:
        return tuple(Series(p.name, values(p), kinds) for p in products)  # the plan's own order
    shown, rest = ranked[: CHART_SERIES - 1], ranked[CHART_SERIES - 1 :]
    summed = tuple(sum(values(p)[i] or 0.0 for p in rest) for i in range(len(years)))
    return (*(Series(p.name, values(p), kinds) for p in shown), Series(other.format(n=len(rest)), summed, kinds))


SLIDES: dict[str, Callable[[PlanKit], None]] = {"financials": financials}
"""The agenda entries this module draws, by key."""
