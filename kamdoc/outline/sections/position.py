"""Our position's slides: projects won and lost, the potential portfolio, perception, our market, competitors, our SWOT."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from kamdoc.outline import words as labels
from kamdoc.outline.axes import CHART_FONT, round_top
from kamdoc.outline.deck import (
    Box,
    Bubble,
    BubbleChart,
    Table,
    Text,
)
from kamdoc.outline.kit import PlanKit, filled_columns
from kamdoc.outline.layout import INSET, paginate_table, text
from kamdoc.outline.measure import LINE_SPACING
from kamdoc.outline.richtext import Para, Run
from kamdoc.outline.sections.swot import swot_grid
from kamdoc.outline.words import day, number, term
from kamdoc.standard.model import Perception, Position, Potential, Satisfaction

POTENTIAL_HEADROOM = 1.15
"""The potential axis reaches this much above the largest unit, so that its bubble is not cut."""
ATTITUDE_AXIS = (-2.5, 2.5)
"""The attitude axis (attitudes run from -2 to +2, named at the ticks): half a step's room for the outer bubbles."""
ATTITUDES = ("opposed", "sceptical", "neutral", "favourable", "advocate")
"""The words for the attitudes -2 to +2 under the potential portfolio's axis."""
BUBBLE_LABEL_SHARE = 0.4
"""The widest a bubble's name may be, as a share of the chart's width; past it, every bubble is numbered and named in a key."""
KEY_SHARE = 0.35
"""The most of the slide's body a key under the bubble chart may take; a longer key gets slides of its own after the chart."""
KEY_GAP = 8.0
"""Points between the bubble chart and its key."""


def position(kit: PlanKit) -> None:
    """Projects won and lost, the potential portfolio, perception, our market, our competitors and our own SWOT."""
    pos = kit.plan.position
    if pos is None:
        return
    foot = _won_lost(kit, pos)
    if pos.potential:
        potential(kit, pos.potential, "position", foot)
    if pos.perception:
        _perception(kit, pos.perception)
    kit.told("our_market", kit.w("our_market"), "position", kit.markdown(pos.market))
    _competitors(kit, pos)
    if pos.swot:
        swot_grid(kit, "own_swot", kit.w("own_swot"), "position", pos.swot)


def _won_lost(kit: PlanKit, pos: Position) -> list[Text | Table]:
    """Projects won, with what made them a success, then projects lost, with who won and why: on a slide of their
    own, or (returned, under their heading) for the foot of the potential portfolio when they are few."""
    money = kit.money_column([*(w.size for w in pos.won), *(lost.size for lost in pos.lost)])
    rows = [
        [kit.w("won"), w.name, str(w.year or ""), money(w.size), kit.plain(w.success_criteria or "")] for w in pos.won
    ]
    for lost in pos.lost:
        why = (lost.winner or "") + (": " if lost.winner and lost.reasons else "") + kit.plain(lost.reasons or "")
        rows.append([kit.w("lost"), lost.name, str(lost.year or ""), money(lost.size), why])
    if not rows:
        return []
    header = ["", kit.w("project"), kit.w("year"), kit.w("size"), f"{kit.w('success_criteria')} / {kit.w('winner')}"]
    align = ["left", "left", "right", "right", "left"]
    if pos.potential and (foot := _foot(kit, header, rows, align)):
        return foot
    before = len(kit.slides)
    kit.table("won_lost", kit.w("won_lost"), "position", header, rows, align)
    for slide in kit.slides[before:]:
        slide.elements = [_coloured(kit, e) if isinstance(e, Table) else e for e in slide.elements]
    return []


def _coloured(kit: PlanKit, table: Table) -> Table:
    """Won and lost told apart at a glance: the first cell in green or red."""
    colour = {kit.w("won"): "status.green", kit.w("lost"): "status.red"}
    return replace(table, fills=tuple((colour.get(row[0]),) for row in table.rows))


FOOT_SHARE = 0.3
"""Projects won and lost stand under the potential portfolio while they take at most this share of the body."""


def _foot(kit: PlanKit, header: list[str], rows: list[list[str]], align: list[str]) -> list[Text | Table]:
    """The table of projects won and lost under its heading at the foot of the body; nothing when it is too long."""
    heading = [Para((Run(kit.w("won_lost"), bold=True),))]
    head_h = kit.sizes[-1] * LINE_SPACING + 2 * INSET
    header, rows, align = filled_columns(header, rows, align)
    tables = paginate_table(
        kit.fonts, tuple(header), [tuple(r) for r in rows], tuple(align), kit.body, kit.theme.size("small")
    )
    if len(tables) != 1 or head_h + tables[0].box.h > kit.body.h * FOOT_SHARE:
        return []
    table = _coloured(kit, tables[0])
    table = replace(table, box=replace(table.box, y=kit.body.bottom - table.box.h))
    return [
        text(Box(kit.body.x, table.box.y - head_h, kit.body.w, head_h), heading, kit.sizes[-1], colour="primary"),
        table,
    ]


def _perception(kit: PlanKit, pr: Perception) -> None:
    """How the customer sees us, as labels and values."""
    facts = (
        ("role", term("perception_role", pr.role, kit.lang)),
        ("positioning", term("positioning", pr.positioning, kit.lang)),
        ("rating", kit.plain(pr.rating or "")),
    )
    rows = [[kit.w(k), v] for k, v in facts if v] + [
        _satisfaction(kit, m) for m in sorted(pr.satisfaction, key=lambda m: m.date)
    ]
    kit.table("perception", kit.w("perception"), "position", ["", ""], rows, None)


def _satisfaction(kit: PlanKit, m: Satisfaction) -> list[str]:
    """One measurement of satisfaction, as a row: "NPS 31.03.2026" and "+32 · Customer survey spring 2026"."""
    plus = "+" if m.measure == "nps" and m.value > 0 else ""  # an NPS says its sign
    shown = f"{plus}{number(m.value, kit.lang)}" + (f" / {m.scale}" if m.scale else "")
    label = f"{kit.label(Perception, 'satisfaction')}: {term('satisfaction_measure', m.measure, kit.lang)} {day(m.date, kit.lang)}"
    return [label, " · ".join(x for x in (shown, m.source or "") if x)]


def _competitors(kit: PlanKit, pos: Position) -> None:
    """Our competitors at the account: their strategy, strengths, weaknesses, account manager and resources."""
    rows = [
        [
            c.name,
            kit.plain(c.strategy or ""),
            "; ".join(c.strengths),
            "; ".join(c.weaknesses),
            c.key_account_manager or "",
            kit.plain(c.resources or ""),
        ]
        for c in pos.competitors
    ]
    keys = ("name", "strategy", "strengths", "weaknesses", "key_account_manager", "resources")
    kit.table("our_competitors", kit.w("our_competitors"), "position", [kit.w(k) for k in keys], rows, None)


def potential(kit: PlanKit, units: Sequence[Potential], section: str, foot: Sequence[Text | Table] = ()) -> None:
    """The potential portfolio: units as bubbles by attitude and potential; long names numbered, with a key under the
    chart; `foot` (placed at the body's foot) under it all."""
    top = round_top(max(u.potential for u in units) * POTENTIAL_HEADROOM)
    names = [u.unit + kit.source_mark(u.source) for u in units]
    keyed = any(kit.fonts.regular.width(name, CHART_FONT) > kit.body.w * BUBBLE_LABEL_SHARE for name in names)
    bubbles = tuple(
        Bubble(str(i) if keyed else name, float(u.attitude), u.potential, u.potential)
        for i, (u, name) in enumerate(zip(units, names), 1)
    )
    unit = labels.amount_unit(kit.plan.financials.currency, kit.plan.financials.unit, kit.lang)
    quadrants = (
        kit.w("quadrant_win_over"),
        kit.w("quadrant_focus"),
        kit.w("quadrant_watch"),
        kit.w("quadrant_reference"),
    )
    slide = kit.new("potential", kit.w("potential"), section)
    room = kit.body
    if foot:
        room = Box(room.x, room.y, room.w, min(e.box.y for e in foot) - KEY_GAP - room.y)
    box = room
    if keyed:  # a name wider than this would run across the others and off the plot
        key = [Para((Run(f"{i}  ", bold=True), Run(name))) for i, name in enumerate(names, 1)]
        size = kit.theme.size("small")
        height = kit.fonts.text_height(key, size, room.w)
        if height <= kit.body.h * KEY_SHARE:
            box = Box(room.x, room.y, room.w, room.h - height - KEY_GAP)
            slide.elements.append(text(Box(room.x, box.bottom + KEY_GAP, room.w, height), key, size))
        else:
            kit.flow("potential_key", kit.w("potential_key"), section, key)
    chart = BubbleChart(
        box,
        bubbles,
        ATTITUDE_AXIS,
        (0.0, top),
        0.0,
        top / 2,
        kit.w("attitude_axis"),
        f"{kit.w('potential_axis')} ({unit})",
        quadrants,
        "#,##0",
        labels.chart_format("#,##0", kit.lang),
        x_numbers=False,
    )
    slide.elements[:0] = [chart, *_attitude_words(kit, chart)]
    slide.elements += foot  # read after the chart and its key


def _attitude_words(kit: PlanKit, chart: BubbleChart) -> list[Text]:
    """The attitudes -2 to +2 in words at their ticks, under the plot where the axis's numbers would stand."""
    slot = (chart.x_at(1.0) - chart.x_at(0.0)) - 4.0
    top = chart.box.y + chart.plot[3] + 2.0
    return [
        text(
            Box(chart.box.x + chart.x_at(float(value)) - slot / 2, top, slot, CHART_FONT * LINE_SPACING + 2 * INSET),
            [Para((Run(kit.w(f"attitude_{word}")),))],
            CHART_FONT,
            colour="muted",
            align="center",
            role="caption",
        )
        for value, word in zip(range(-2, 3), ATTITUDES)
    ]


SLIDES: dict[str, Callable[[PlanKit], None]] = {"position": position}
"""The agenda entries this module draws, by key."""
