"""The contracts' slides: a timeline of what runs with the customer, with today and each notice date marked."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from kamdoc.outline.deck import Box, Shape
from kamdoc.outline.kit import PlanKit
from kamdoc.outline.layout import text
from kamdoc.outline.measure import LINE_SPACING
from kamdoc.outline.richtext import Para, Run
from kamdoc.outline.words import day, term
from kamdoc.standard.model import Contract

NAME_SHARE = 0.34
"""The contracts' names and facts take this share of the width; the timeline the rest."""
ROW_GAP, NAME_GAP = 10.0, 8.0
"""Points between rows, and between the facts and the timeline."""
MARK_W, GAP, TICK = 3.0, 1.0, 6.0
"""How wide the marks for today and a notice date are drawn, the room between a mark and a bar, and how far a
notice date's ticks reach above and below its bar."""
AXIS_H = 22.0
"""Room above the rows for the years."""
MIN_SPAN = 365
"""The timeline covers at least a year."""
BAR_MAX = 16.0
"""The thickest a bar is drawn, however high its row."""
SPREAD = 1.6
"""Rows grow up to this much where the slide has room for it."""


def contracts(kit: PlanKit) -> None:
    """As many contracts per slide as their rows fit, soonest notice date first; each row as high as its facts."""
    dated = sorted(kit.plan.contracts, key=lambda c: (c.notice_by() or c.end or date.max, c.name))
    if not dated:
        return
    small = kit.theme.size("small")
    names_w = kit.body.w * NAME_SHARE
    rows = [(c, _facts(kit, c)) for c in dated]
    heights = [
        max(kit.fonts.text_height(paras, small, names_w - NAME_GAP), 2 * small * LINE_SPACING) + ROW_GAP
        for _, paras in rows
    ]
    room = kit.body.h - AXIS_H - 2 * small * LINE_SPACING
    first, last = _span(dated, kit.plan.cover.version)
    if sum(heights) < room:  # a few contracts: rows with more air, not a slide half empty
        heights = [h * min(SPREAD, 0.99 * room / sum(heights)) for h in heights]  # (a hair under: sums of floats)
    page: list[tuple[Contract, list[Para], float]] = []
    for (contract, paras), height in zip(rows, heights):
        if page and sum(h for *_, h in page) + height > room:
            _slide(kit, page, first, last)
            page = []
        page.append((contract, paras, height))
    _slide(kit, page, first, last)


def _span(contracts: list[Contract], today: date) -> tuple[date, date]:
    """The first and last day the timeline shows: every start, end and notice date, and today (the plan's version)."""
    days = [d for c in contracts for d in (c.start, c.end, c.notice_by()) if d is not None] + [today]
    first, last = date(min(days).year, 1, 1), date(max(days).year, 12, 31)
    return first, max(last, first + timedelta(days=MIN_SPAN))


def _slide(kit: PlanKit, rows: list[tuple[Contract, list[Para], float]], first: date, last: date) -> None:
    """The years across the top (every other one shaded), a row per contract, today's line and what the marks mean."""
    slide = kit.new("contracts", kit.title("contracts"), "contracts")
    small = kit.theme.size("small")
    names_w = kit.body.w * NAME_SHARE
    track = Box(kit.body.x + names_w, kit.body.y + AXIS_H, kit.body.w - names_w, sum(h for *_, h in rows))
    span = (last - first).days

    def x(at: date) -> float:
        return track.x + track.w * (at - first).days / span

    for year in range(first.year, last.year + 1):
        left, right = x(max(first, date(year, 1, 1))), x(min(last, date(year, 12, 31)))
        label = Para((Run(str(year), bold=True),))
        shade = "table_stripe" if year % 2 else None  # every other year's label shaded: the years read apart
        year_box = Box(left, kit.body.y, right - left, AXIS_H - 2)
        slide.elements.append(text(year_box, [label], small, "muted", align="center", fill=shade))
    y, bars = track.y, []
    for contract, paras, height in rows:
        slide.elements.append(text(Box(kit.body.x, y, names_w - NAME_GAP, height - ROW_GAP), paras, small))
        made = _bar(kit, contract, x, Box(track.x, y, track.w, height - ROW_GAP), small)
        slide.elements += made
        bars += [e.box for e in made if e.fill != "accent"]
        y += height
    today = kit.plan.cover.version
    slide.elements += _line(x(today), track, bars, small)
    fills = {e.fill for e in slide.elements if isinstance(e, Shape)}
    key = [Run("▌ ", colour="primary"), Run(f"{kit.w('as_of')} {day(today, kit.lang)}")]
    if "accent" in fills:  # the customer's copy has no notice dates: no key for them
        key += [Run("   ▌ ", colour="accent"), Run(kit.label(Contract, "notice_date"))]
    for fill, said in (("status.amber", "notice_open"), ("status.green", "notice_closed"), ("rule", "contract_ended")):
        if fill in fills:  # each colour a bar has on this slide, said in words
            key += [Run("   ■ ", colour=fill), Run(kit.w(said))]
    slide.elements.append(
        text(Box(track.x, track.bottom + 4, track.w, small * LINE_SPACING + 4), [Para(tuple(key))], small, "muted")
    )


def _block(box: Box, fill: str, size: float) -> Shape:
    """A plain filled box: a year's shade, a bar, a mark (no padding: a mark is narrower than a text's margins)."""
    return Shape(box, (Para((Run(""),)),), size, fill, fill, 0.0, rounded=False, padding=(0.0, 0.0))


def _facts(kit: PlanKit, c: Contract) -> list[Para]:
    """A contract's name, then its kind, value a year and owner, then its end and notice date."""
    money = f"{kit.label(Contract, 'annual_value')} {kit.scaled(c.annual_value)}" if c.annual_value is not None else ""
    kind = term("contract_kind", c.kind, kit.lang) if c.kind else ""
    first = " · ".join(x for x in (kind, money, kit.person(c.owner)) if x)
    by = c.notice_by()
    dates = [
        f"{kit.label(Contract, 'end')} {day(c.end, kit.lang) if c.end else kit.w('open_ended')}",
        f"{kit.label(Contract, 'notice_date')} {day(by, kit.lang)}" if by else "",
        kit.label(Contract, "auto_renewal") if c.auto_renewal else "",
    ]
    second = " · ".join(x for x in dates if x)
    return [Para((Run(c.name, bold=True),)), *(Para((Run(line, colour="muted"),)) for line in (first, second) if line)]


def _bar(kit: PlanKit, c: Contract, x: Callable[[date], float], row: Box, size: float) -> list[Shape]:
    """The contract's term as a bar beside its name (to the edge where the plan gives no end), its notice date as a
    tick above and below it; the bar amber while notice can still be given, green once it cannot, grey once ended."""
    today = kit.plan.cover.version
    start, end = c.start or today, c.end
    left, right = x(start), (x(end) if end is not None else row.right)
    by = c.notice_by()
    fill = (
        "rule"
        if end is not None and end < today
        else "status.amber"
        if by is not None and by >= today
        else "status.green"
    )
    bar = Box(left, row.y + TICK, max(right - left, MARK_W), BAR_MAX)
    out = [_block(bar, fill, size)]
    if by is not None and row.x <= x(by) <= row.right:  # ticks, not a line through the bar: nothing drawn over it
        out += [
            _block(Box(x(by) - MARK_W / 2, y, MARK_W, TICK - GAP), "accent", size) for y in (row.y, bar.bottom + GAP)
        ]
    return out


def _line(at: float, track: Box, bars: list[Box], size: float) -> list[Shape]:
    """Today's line down the timeline, in pieces between the bars it passes: it runs behind them, never over them."""
    crossed = sorted((b.y, b.bottom) for b in bars if b.x - MARK_W / 2 < at < b.right + MARK_W / 2)
    out, y = [], track.y
    for top, bottom in crossed:
        if top - GAP > y:
            out.append(_block(Box(at - MARK_W / 2, y, MARK_W, top - GAP - y), "primary", size))
        y = max(y, bottom + GAP)
    if track.bottom > y:
        out.append(_block(Box(at - MARK_W / 2, y, MARK_W, track.bottom - y), "primary", size))
    return out


SLIDES: dict[str, Callable[[PlanKit], None]] = {"contracts": contracts}
"""The agenda entries this module draws, by key."""
