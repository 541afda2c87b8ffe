"""The customer's SWOT: a 2x2 of strengths, weaknesses, opportunities and threats, then our contribution."""

from __future__ import annotations

from collections.abc import Callable

from kamdoc.outline.deck import (
    Box,
)
from kamdoc.outline.kit import PlanKit
from kamdoc.outline.layout import fit_size, text
from kamdoc.standard.model import OwnSwot, Swot

GRID_GAP = 10.0
"""Points between the boxes of a 2x2 grid (SWOT)."""


def swot_grid(kit: PlanKit, kind: str, title: str, section: str, swot: Swot | OwnSwot) -> None:
    """A SWOT as a 2x2 of its quadrants; too long for one slide, one quadrant after the other."""
    quadrants = [
        (key, [str(s) for s in getattr(swot, key)]) for key in ("strengths", "weaknesses", "opportunities", "threats")
    ]
    if not any(items for _, items in quadrants):
        return  # four empty boxes say nothing (a plan just started with `kamdoc new`)
    gap = GRID_GAP
    qw, qh = (kit.body.w - gap) / 2, (kit.body.h - gap) / 2
    boxes = [Box(kit.body.x + (i % 2) * (qw + gap), kit.body.y + (i // 2) * (qh + gap), qw, qh) for i in range(4)]
    contents = [[kit.heading(kit.w(key)), *kit.bullets(items)] for key, items in quadrants]
    size = min((fit_size(kit.fonts, c, b, (*kit.sizes, kit.minimum)) or 0) for c, b in zip(contents, boxes))
    if size:
        slide = kit.new(kind, title, section)
        for box, content, colour in zip(boxes, contents, ("table_stripe",) * 4):
            slide.elements.append(text(box, content, size, fill=colour))
        return
    for key, items in quadrants:  # too long for a 2x2: one quadrant after the other
        kit.flow(kind, f"{title}: {kit.w(key)}", section, kit.bullets(items))


def swot(kit: PlanKit) -> None:
    s = kit.plan.swot
    swot_grid(kit, "swot", kit.w("swot"), "swot", s)
    if s.our_contribution:
        kit.flow(
            "swot",
            f"{kit.w('swot')}: {kit.w('our_contribution')}",
            "swot",
            kit.markdown(s.our_contribution),
        )


SLIDES: dict[str, Callable[[PlanKit], None]] = {"swot": swot}
"""The agenda entries this module draws, by key."""
