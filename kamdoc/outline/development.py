"""The development slide (our own copy): the plan's last versions from git side by side: each key person's attitude
and the plan's health per version, planned revenue per vintage against the actuals, and the goals that moved."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from kamdoc.analyse.history import Column, History, Row, Value
from kamdoc.outline import words as labels
from kamdoc.outline.axes import round_top
from kamdoc.outline.deck import Box, LineChart, Series, Table
from kamdoc.outline.kit import PlanKit
from kamdoc.outline.layout import INSET, paginate_table, text
from kamdoc.outline.richtext import Para, Run
from kamdoc.outline.words import day, term

GRID_SHARE, GAP = 0.5, 16.0
"""The attitude grid takes this share of the body's width; points between it and the chart."""
FILLS = {
    "mentor": "status.green",
    "positive": "status.green",
    "neutral": "table_stripe",
    "negative": "status.amber",
    "enemy": "status.red",
}
"""An attitude's cell: the health colours made for dark text (the power map's own are for boxes, too dark behind it)."""
HEADROOM = 1.15
"""The revenue axis reaches this much above the largest total."""
MOST_GOAL_LINES = 4
"""The goals that moved the slide names, at most (the history command lists all)."""


def development_slide(kit: PlanKit, made: History, count: int) -> None:
    """The slide, from the last `count` valid versions of the plan's history; nothing with fewer than two."""
    picked = [k for k, c in enumerate(made.columns) if c.invalid < len(c.revisions)][-count:]
    if len(picked) < 2:
        return
    columns = [made.columns[k] for k in picked]
    title = kit.w("development_title").format(n=len(picked))
    slide = kit.new("development", title, "development")
    grid_w = kit.body.w * GRID_SHARE
    grid = _grid(kit, made, picked, columns, Box(kit.body.x, kit.body.y, grid_w, kit.body.h))
    slide.elements.append(grid)
    moved = _goals_moved(kit, made, picked)
    if moved:
        size = kit.theme.size("small")
        height = kit.fonts.text_height(moved, size, grid_w)
        top = grid.box.bottom + GAP
        if top + height <= kit.body.bottom:
            slide.elements.append(text(Box(kit.body.x, top, grid_w, height + 2 * INSET), moved, size))
    chart_box = Box(kit.body.x + grid_w + GAP, kit.body.y, kit.body.w - grid_w - GAP, kit.body.h)
    chart = _vintages(kit, made, picked, columns, chart_box)
    if chart is not None:
        slide.elements.append(chart)


def _label(column: Column, language: str) -> str:
    version = column.last.version
    return day(version, language) if version is not None else column.label


def _grid(kit: PlanKit, made: History, picked: list[int], columns: list[Column], room: Box) -> Table:
    """A row per person (attitude in words on its colour) and one for the plan's health, a column per version."""
    # Each person's roles row, looked up once: roles are always given, so it says who was on the map in a version.
    roles = {r.subject: r for r in made.rows if r.group == "people" and r.fact == "roles"}
    people = [r for r in made.rows if r.group == "people" and r.fact == "attitude"]
    people = [r for r in people if any(r.values[k] is not None for k in picked) or _present(roles, r.subject, picked)]
    health = next((r for r in made.rows if r.group == "health" and r.fact == "status"), None)
    header = (kit.w("person"), *(_label(c, kit.lang) for c in columns))
    rows = [(r.subject, *(_attitude(roles, r, k, kit.lang) for k in picked)) for r in people]
    fills = [(None, *(FILLS.get(str(r.values[k]), None) for k in picked)) for r in people]
    if health is not None:
        rows.append((kit.w("health"), *(_status(health.values[k], kit.lang) for k in picked)))
        fills.append((None, *(f"status.{health.values[k]}" if health.values[k] else None for k in picked)))
    align = ("left", *("center",) * len(picked))
    tables = paginate_table(kit.fonts, header, rows, align, room, kit.theme.size("small"))
    table = tables[0]  # a map too long for one: its first people (the history command lists them all)
    return replace(table, fills=tuple(fills[: len(table.rows)]))


def _present(roles: dict[str, Row], person: str, picked: list[int]) -> bool:
    """Whether a person was on the map in any of the picked versions (their roles are always given)."""
    row = roles.get(person)
    return row is not None and any(row.values[k] is not None for k in picked)


def _attitude(roles: dict[str, Row], row: Row, k: int, language: str) -> str:
    """A person's attitude in a version in words; "not given" when on the map without one, "–" when not on it."""
    if row.values[k] is not None:
        return term("attitude", str(row.values[k]), language)
    return labels.word("attitude_not_given", language) if _present(roles, row.subject, [k]) else "–"


def _status(value: Value, language: str) -> str:
    return labels.word(f"status_{value}", language) if value else "–"


def _goals_moved(kit: PlanKit, made: History, picked: list[int]) -> list[Para]:
    """Each goal whose target or deadline moved over the versions: from the first to the last, with an arrow."""
    out: list[Para] = []
    for row in made.rows:
        if row.group != "goals" or row.fact not in ("target", "deadline"):
            continue
        first, last = row.values[picked[0]], row.values[picked[-1]]
        if first is None or last is None or first == last:
            continue
        said = (_shown(row, first, kit.lang), _shown(row, last, kit.lang))
        field = kit.w("deadline") if row.fact == "deadline" else kit.w("target")
        out.append(Para((Run(f"{row.subject}: ", bold=True), Run(f"{field} {said[0]} → {said[1]}")), "•"))
    if not out:
        return []
    shown = out[:MOST_GOAL_LINES]
    return [Para((Run(kit.w("goals_moved"), bold=True),)), *shown]


def _shown(row: Row, value: Value, language: str) -> str:
    if row.fact == "deadline" and isinstance(value, str):
        return day(date.fromisoformat(value), language)
    return str(value)


def _vintages(kit: PlanKit, made: History, picked: list[int], columns: list[Column], box: Box) -> LineChart | None:
    """Total planned revenue per year as each version planned it, one line a version, and the actuals as the
    newest version has them: how the plan for a year moved from version to version."""
    totals = [r for r in made.rows if r.group == "revenue" and not r.subject]
    years = sorted({int(r.fact.split()[0]) for r in totals})
    if not years:
        return None
    plan = {int(r.fact.split()[0]): r for r in totals if r.fact.endswith("plan")}
    actual = {int(r.fact.split()[0]): r for r in totals if r.fact.endswith("actual")}
    newest = picked[-1]
    said = kit.w("actual")
    # The actuals first, in the series' first colour (the house navy), then the newest plan (orange), back to the
    # oldest: the palette's paler colours (its yellow is sixth) go to the versions that matter least.
    series = [
        Series(
            said[:1].upper() + said[1:],
            tuple(_amount(actual[y].values[newest]) if y in actual else None for y in years),
        )
    ]
    # Versions that planned every year alike share one line, named by all of them: drawn apart, the older would hide
    # the newer exactly beneath it.
    alike: dict[tuple[float | None, ...], list[str]] = {}
    for k, c in reversed(list(zip(picked, columns))):
        values = tuple(_amount(plan[y].values[k]) if y in plan else None for y in years)
        alike.setdefault(values, []).append(_label(c, kit.lang))
    series += [Series(f"{kit.w('plan_band')} {', '.join(names)}", values) for values, names in alike.items()]
    top = max((v for s in series for v in s.values if v is not None), default=0.0)
    if not top:
        return None
    unit = labels.amount_unit(kit.plan.financials.currency, kit.plan.financials.unit, kit.lang)
    return LineChart(
        box,
        tuple(str(y) for y in years),
        tuple(series),
        (0.0, round_top(top * HEADROOM)),
        "#,##0",
        y_title=f"{kit.w('revenue')} ({unit})" if unit else kit.w("revenue"),
        format_code=labels.chart_format("#,##0", kit.lang),
    )


def _amount(value: Value) -> float | None:
    return float(value) if isinstance(value, int | float) else None
