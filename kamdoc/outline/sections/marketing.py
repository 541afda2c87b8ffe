"""The marketing calendar as a timeline by quarter: each event a card under its quarter, in date order."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from kamdoc.outline.deck import Box, Element, Shape
from kamdoc.outline.kit import PlanKit
from kamdoc.outline.measure import LINE_SPACING
from kamdoc.outline.richtext import Para, Run
from kamdoc.outline.words import day
from kamdoc.standard.model import MarketingEvent
from kamdoc.standard.sections import section

MOST_QUARTERS = 8
"""A calendar over more quarters than this is a table: the columns would be too narrow for an event's words."""
PAD, GAP = 6.0, 8.0
"""Points inside a card, and between cards and columns."""


def marketing(kit: PlanKit) -> None:
    events = sorted(kit.plan.marketing, key=lambda e: e.date or date.max)
    if not events:
        return
    quarters = _quarters(events)
    made = _timeline(kit, events, quarters) if quarters else None
    if made is None:  # undated events, a long calendar, or more than a slide holds: the table says it all
        declared = section("marketing")
        assert declared is not None
        kit.section_table(declared, declared.agenda[0])
        return
    slide = kit.new("marketing", kit.entry_title_of("marketing"), "marketing")
    slide.elements += made


def _quarters(events: list[MarketingEvent]) -> list[tuple[int, int]]:
    """The quarters from the first event's to the last's, as (year, quarter); none where an event has no date or the
    calendar spans more than MOST_QUARTERS."""
    if any(e.date is None for e in events):
        return []
    first, last = (_quarter(e.date) for e in (events[0], events[-1]))  # type: ignore[arg-type]
    count = (last[0] - first[0]) * 4 + last[1] - first[1] + 1
    if count > MOST_QUARTERS:
        return []
    return [(first[0] + (first[1] - 1 + k) // 4, (first[1] - 1 + k) % 4 + 1) for k in range(count)]


def _quarter(when: date) -> tuple[int, int]:
    return when.year, (when.month - 1) // 3 + 1


def _timeline(kit: PlanKit, events: list[MarketingEvent], quarters: list[tuple[int, int]]) -> list[Element] | None:
    """The calendar at the largest size at which every word stands whole in its column and every column fits the
    slide; None at none of them."""
    width = (kit.body.w - GAP * (len(quarters) - 1)) / len(quarters)
    said = [w for e in events for x in (e.event, e.format, e.audience) if x for w in x.split()]
    for size in (kit.theme.size("small"), kit.minimum):
        if max(kit.fonts.regular.width(w, size) for w in said) > width - 2 * PAD - 4:
            continue  # "Qualitätsmanagement" broken inside the word reads badly
        made = _columns(kit, events, quarters, size)
        if made is not None:
            return made
    return None


def _columns(
    kit: PlanKit, events: list[MarketingEvent], quarters: list[tuple[int, int]], small: float
) -> list[Element] | None:
    """A heading per quarter and each event's card under its quarter; None when a column runs off the slide."""
    width = (kit.body.w - GAP * (len(quarters) - 1)) / len(quarters)
    head_h = small * LINE_SPACING + 2 * PAD
    out: list[Element] = []
    for k, (year, quarter) in enumerate(quarters):
        x = kit.body.x + k * (width + GAP)
        label = Para((Run(f"Q{quarter} {year}", bold=True),))
        out.append(
            Shape(
                Box(x, kit.body.y, width, head_h),
                (label,),
                small,
                "primary",
                "primary",
                0.0,
                "background",
                rounded=False,
            )
        )
        y = kit.body.y + head_h + GAP
        for event in (e for e in events if e.date is not None and _quarter(e.date) == (year, quarter)):
            card = _card(kit, event, Box(x, y, width, 0.0), small)
            if card.box.bottom > kit.body.bottom:
                return None
            out.append(card)
            y = card.box.bottom + GAP
    return out


def _card(kit: PlanKit, event: MarketingEvent, at: Box, size: float) -> Shape:
    """An event as a card: its date in bold, what it is, and its format and audience in a line under it."""
    inner = at.w - 2 * PAD - 4
    assert event.date is not None
    parts = [
        kit.broken(day(event.date, kit.lang), size, inner, bold=True),
        kit.broken(event.event, size, inner),
    ]
    more = " · ".join(x for x in (event.format, event.audience) if x)
    if more:
        parts.append(kit.broken(more, size, inner))
    paras = tuple(
        Para(tuple(Run(r.text, bold=(i == 0), colour="muted" if i == 2 else None) for r in p.runs))
        for i, p in enumerate(parts)
    )
    lines = sum(p.text.count("\n") + 1 for p in paras)
    box = Box(at.x, at.y, at.w, lines * size * LINE_SPACING + 2 * PAD)
    return Shape(box, paras, size, "table_stripe", "table_stripe", 0.0, rounded=False, padding=(PAD, PAD))


SLIDES: dict[str, Callable[[PlanKit], None]] = {"marketing": marketing}
"""The agenda entries this module draws, by key."""
