"""The mission's slide: the statement large, the horizon under it, the customer's and our company's mission side by side."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from kamdoc.outline import slide_refs
from kamdoc.outline.budget import PROSE_WORDS, Appendix, appendix_line, lead, words
from kamdoc.outline.deck import (
    Box,
)
from kamdoc.outline.kit import PlanKit
from kamdoc.outline.layout import INSET, fit_size, text
from kamdoc.outline.richtext import Para, Run

MISSION_SHARE, MISSION_SIZES = 0.38, (24.0, 20.0)
"""The mission statement's share of the body, and the sizes tried for it before the body's."""
LABEL_H, LABEL_GAP = 18.0, 22.0
"""A caption's box (the horizon under the statement) and the room kept for it."""
COLUMN_GAP = 14.0
"""Points between side-by-side columns of text."""


def mission(kit: PlanKit) -> None:
    m = kit.plan.mission
    statement = [Para(tuple(Run(r.text, True, r.italic, r.link) for r in p.runs)) for p in kit.prose(m.statement)]
    top = Box(kit.body.x, kit.body.y, kit.body.w, kit.body.h * MISSION_SHARE - LABEL_GAP)
    size = fit_size(kit.fonts, statement, top, (*MISSION_SIZES, *kit.sizes, kit.minimum))
    if size is None:  # longer than its box at the smallest size: on slides of its own, never over the footer
        kit.told("mission", kit.w("mission"), "mission", statement)
    slide = kit.new("mission", kit.w("mission"), "mission")
    if size is not None:
        slide.elements.append(text(top, statement, size, colour="primary"))
    sides = [(k, getattr(m, k)) for k in ("customer_mission", "company_mission") if getattr(m, k)]
    gap = COLUMN_GAP
    low = Box(kit.body.x, top.bottom + LABEL_GAP + gap, kit.body.w, kit.body.bottom - top.bottom - LABEL_GAP - gap)
    width = (low.w - gap * (len(sides) - 1)) / max(1, len(sides))
    columns = _columns(kit, [(kit.w(k), kit.prose(v)) for k, v in sides])
    boxes = [Box(low.x + i * (width + gap), low.y, width, low.h) for i in range(len(sides))]
    size = min([fit_size(kit.fonts, c, b, (*kit.sizes, kit.minimum)) or 0 for c, b in zip(columns, boxes)] or [0])
    if size:
        # The boxes as tall as the longer text needs, not the whole slide: a box a third full looks unfinished.
        tall = max(kit.fonts.text_height(c, size, b.w) for c, b in zip(columns, boxes)) + 2 * INSET
        for box, column in zip(boxes, columns):
            slide.elements.append(text(replace(box, h=min(box.h, tall)), column, size, fill="table_stripe"))
    else:
        for (key, _), column in zip(sides, columns):
            kit.flow("mission", f"{kit.w('mission')}: {kit.w(key)}", "mission", column)
    slide.elements.append(
        text(
            Box(kit.body.x, top.bottom + INSET, kit.body.w, LABEL_H),
            [Para((Run(f"{kit.w('horizon')}: {m.horizon}"),))],
            kit.theme.size("small"),
            colour="muted",
        )
    )


def _columns(kit: PlanKit, sides: list[tuple[str, list[Para]]]) -> list[list[Para]]:
    """Each side under its heading within its share of the word budget: a longer one keeps its lead and links to
    both sides in full in the appendix."""
    budget = PROSE_WORDS // max(1, len(sides))
    if all(words(paras) <= budget for _, paras in sides):
        return [[kit.heading(head), *paras] for head, paras in sides]
    anchor = "appendix_mission"
    said = kit.w("in_the_appendix").format(page=slide_refs.entry_ref(anchor))
    whole = tuple(para for head, paras in sides for para in (kit.heading(head), *paras))
    kit.appendices.append(Appendix(kit.w("appendix_of").format(title=kit.w("mission")), anchor, whole))
    return [
        [kit.heading(head), *(paras if words(paras) <= budget else [*lead(paras, budget), appendix_line(said, anchor)])]
        for head, paras in sides
    ]


SLIDES: dict[str, Callable[[PlanKit], None]] = {"mission": mission}
"""The agenda entries this module draws, by key."""
