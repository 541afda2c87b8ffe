"""The customer's SWOT: a 2x2 of strengths, weaknesses, opportunities and threats, then our contribution."""

from __future__ import annotations

from collections.abc import Callable

from kamdoc.outline import slide_refs
from kamdoc.outline.budget import Appendix, appendix_line
from kamdoc.outline.deck import Box, Text
from kamdoc.outline.kit import PlanKit
from kamdoc.outline.layout import INSET, fit_size, text
from kamdoc.outline.measure import LINE_SPACING
from kamdoc.outline.richtext import Para, Run
from kamdoc.standard.model import OwnSwot, Swot

GRID_GAP = 10.0
"""Points between the boxes of a 2x2 grid (SWOT)."""


QUADRANTS = ("strengths", "weaknesses", "opportunities", "threats")
"""A SWOT's quadrants in the grid's order: helpful left, harmful right; internal above, external below."""


def swot_grid(kit: PlanKit, kind: str, title: str, section: str, swot: Swot | OwnSwot) -> None:
    """A SWOT as a 2x2 of its quadrants in their colours, helpful and harmful across the top, internal and external
    down the side; too long for one slide, the first points of each that fit, the whole SWOT in the appendix."""
    quadrants = [(key, [str(s) for s in getattr(swot, key)]) for key in QUADRANTS]
    if not any(items for _, items in quadrants):
        return  # four empty boxes say nothing (a plan just started with `kamdoc new`)
    small = kit.theme.size("small")
    axis_h = small * LINE_SPACING + 2 * INSET
    labels = [kit.w(key) for key in ("internal", "external")]
    side = max(kit.fonts.bold.width(label, small) for label in labels) + 2 * INSET + GRID_GAP + 1
    grid = Box(kit.body.x + side, kit.body.y + axis_h, kit.body.w - side, kit.body.h - axis_h)
    qw, qh = (grid.w - GRID_GAP) / 2, (grid.h - GRID_GAP) / 2
    boxes = [Box(grid.x + (i % 2) * (qw + GRID_GAP), grid.y + (i // 2) * (qh + GRID_GAP), qw, qh) for i in range(4)]
    contents = [[kit.heading(kit.w(key)), *kit.bullets(items)] for key, items in quadrants]
    size = min((fit_size(kit.fonts, c, b, (*kit.sizes, kit.minimum)) or 0) for c, b in zip(contents, boxes))
    if not size:  # too long for a 2x2: the points that fit, and the whole SWOT in the appendix
        size = kit.theme.size("small")
        anchor = f"appendix_{kind}"
        contents = [_fitting(kit, content, box, size, anchor) for content, box in zip(contents, boxes)]
        whole = [para for key, items in quadrants for para in (kit.heading(kit.w(key)), *kit.bullets(items))]
        kit.appendices.append(Appendix(kit.w("appendix_of").format(title=title), anchor, tuple(whole)))
    slide = kit.new(kind, title, section)
    for (key, _), box, content in zip(quadrants, boxes, contents):
        slide.elements.append(text(box, content, size, fill=f"swot.{key}"))
    for k, word in enumerate(kit.w(key) for key in ("helpful", "harmful")):
        slide.elements.append(_axis(Box(boxes[k].x, kit.body.y, qw, axis_h), word, small, "center"))
    for k, word in enumerate(labels):
        middle = boxes[2 * k].y + qh / 2 - axis_h / 2
        slide.elements.append(_axis(Box(kit.body.x, middle, side - GRID_GAP, axis_h), word, small, "right"))


def _fitting(kit: PlanKit, content: list[Para], box: Box, size: float, anchor: str) -> list[Para]:
    """A quadrant's heading and as many of its first points as fit `box` at `size`, then how many more the
    appendix holds (found by halving: a stranger's SWOT may list hundreds of points)."""
    heading, points = content[0], content[1:]

    def shown(n: int) -> list[Para]:
        rest = len(points) - n
        said = kit.w("more_points").format(n=rest, page=slide_refs.entry_ref(anchor))
        return [
            heading,
            *points[:n],
            *([appendix_line(said, anchor)] if rest else []),
        ]

    low, high = 0, len(points)
    while low < high:
        middle = (low + high + 1) // 2
        if fit_size(kit.fonts, shown(middle), box, (size,)):
            low = middle
        else:
            high = middle - 1
    return shown(low)


def _axis(box: Box, said: str, size: float, align: str) -> Text:
    """An axis's word beside the grid, in the muted colour."""
    return text(box, [Para((Run(said, bold=True),))], size, colour="muted", align=align, role="caption")


def swot(kit: PlanKit) -> None:
    s = kit.plan.swot
    swot_grid(kit, "swot", kit.w("swot"), "swot", s)
    if s.our_contribution:
        kit.told(
            "swot",
            f"{kit.w('swot')}: {kit.w('our_contribution')}",
            "swot",
            kit.markdown(s.our_contribution),
        )


SLIDES: dict[str, Callable[[PlanKit], None]] = {"swot": swot}
"""The agenda entries this module draws, by key."""
