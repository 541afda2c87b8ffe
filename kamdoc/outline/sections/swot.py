"""The customer's SWOT: a 2x2 of strengths, weaknesses, opportunities and threats, then our contribution."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from kamdoc.outline import slide_refs
from kamdoc.outline.budget import PROSE_WORDS, Appendix, appendix_line, words
from kamdoc.outline.deck import Box, Text
from kamdoc.outline.kit import PlanKit
from kamdoc.outline.layout import INSET, fit_size, text
from kamdoc.outline.measure import LINE_SPACING
from kamdoc.outline.richtext import Para, Run, TableBlock
from kamdoc.standard.model import OwnSwot, Swot

GRID_GAP = 10.0
"""Points between the boxes of a 2x2 grid (SWOT)."""


QUADRANTS = ("strengths", "weaknesses", "opportunities", "threats")
"""A SWOT's quadrants in the grid's order: helpful left, harmful right; internal above, external below."""


def swot_grid(
    kit: PlanKit, kind: str, title: str, section: str, swot: Swot | OwnSwot, foot: list[Text] | None = None
) -> bool:
    """A SWOT as a 2x2 of its quadrants in their colours, helpful and harmful across the top, internal and external
    down the side, `foot` under it; too long for one slide, the first points of each that fit, the whole SWOT in the
    appendix. False (and no slide) when all four quadrants are empty."""
    quadrants = [(key, [str(s) for s in getattr(swot, key)]) for key in QUADRANTS]
    if not any(items for _, items in quadrants):
        return False  # four empty boxes say nothing (a plan just started with `kamdoc new`)
    small = kit.theme.size("small")
    axis_h = small * LINE_SPACING + 2 * INSET
    labels = [kit.w(key) for key in ("internal", "external")]
    side = max(kit.fonts.bold.width(label, small) for label in labels) + 2 * INSET + GRID_GAP + 1
    below = kit.body.bottom - min(e.box.y for e in foot) + GRID_GAP if foot else 0.0
    grid = Box(kit.body.x + side, kit.body.y + axis_h, kit.body.w - side, kit.body.h - axis_h - below)
    qw, qh = (grid.w - GRID_GAP) / 2, (grid.h - GRID_GAP) / 2
    boxes = [Box(grid.x + (i % 2) * (qw + GRID_GAP), grid.y + (i // 2) * (qh + GRID_GAP), qw, qh) for i in range(4)]
    budget = PROSE_WORDS - sum(len(p.text.split()) for e in foot or [] for p in e.paras)
    contents, size = _contents(kit, quadrants, boxes, f"appendix_{kind}", budget)
    if any(run.link == f"#appendix_{kind}" for content in contents for para in content for run in para.runs):
        whole = [para for key, items in quadrants for para in (kit.heading(kit.w(key)), *kit.bullets(items))]
        kit.appendices.append(Appendix(kit.w("appendix_of").format(title=title), f"appendix_{kind}", tuple(whole)))
    slide = kit.new(kind, title, section)
    for (key, _), box, content in zip(quadrants, boxes, contents):
        slide.elements.append(text(box, content, size, fill=f"swot.{key}"))
    for k, word in enumerate(kit.w(key) for key in ("helpful", "harmful")):
        slide.elements.append(_axis(Box(boxes[k].x, kit.body.y, qw, axis_h), word, small, "center"))
    for k, word in enumerate(labels):
        middle = boxes[2 * k].y + qh / 2 - axis_h / 2
        slide.elements.append(_axis(Box(kit.body.x, middle, side - GRID_GAP, axis_h), word, small, "right"))
    slide.elements += foot or []
    return True


FOOT_SHARE = 0.25
"""Our contribution stands under the SWOT's grid while it takes at most this share of the body; else on a slide of
its own."""


def _foot(kit: PlanKit, paras: Sequence[Para | TableBlock]) -> list[Text] | None:
    """Our contribution under its heading at the foot of the body, when it is short enough to stand there."""
    if not paras or words(paras) > PROSE_WORDS:
        return None
    flow = kit.flowed([kit.heading(kit.w("our_contribution")), *paras], kit.sizes[1], kit.body)
    placed = [e for e in flow.pages[0] if isinstance(e, Text)]
    if len(flow.pages) > 1 or len(placed) != len(flow.pages[0]):
        return None
    top, bottom = min(e.box.y for e in placed), max(e.box.bottom for e in placed)
    if bottom - top > kit.body.h * FOOT_SHARE:
        return None
    return [replace(e, box=replace(e.box, y=e.box.y + kit.body.bottom - bottom)) for e in placed]


def _contents(
    kit: PlanKit, quadrants: list[tuple[str, list[str]]], boxes: list[Box], anchor: str, budget: int
) -> tuple[list[list[Para]], float]:
    """Each quadrant's heading and the points the slide shows, and the size they are set in: of the first points of
    each within the word budget, as many as fit, at the largest size that keeps at least FEWEST of each (or all of
    it). Where points are left out, a line says how many more the appendix holds."""
    counts = _within_budget([items for _, items in quadrants], budget)
    sizes = (*kit.sizes, kit.minimum)
    for size in sizes:
        fitting = [
            _fitting(kit, key, items, n, box, size, anchor) for (key, items), n, box in zip(quadrants, counts, boxes)
        ]
        if all(kept >= min(n, FEWEST) for kept, n in zip(fitting, counts)) or size == sizes[-1]:
            break
    contents = [_shown(kit, key, items, kept, anchor) for (key, items), kept in zip(quadrants, fitting)]
    return contents, size


FEWEST = 2
"""A SWOT's type is as large as keeps at least this many points of each quadrant (the rest in the appendix)."""


def _within_budget(quadrants: list[list[str]], budget: int) -> list[int]:
    """How many of each quadrant's first points the budget holds, taken one from each quadrant in turn (every
    quadrant keeps its first point, however long)."""
    counts = [min(1, len(items)) for items in quadrants]
    used = sum(len(items[0].split()) for items in quadrants if items)
    more = True
    while more:
        more = False
        for q, items in enumerate(quadrants):
            if counts[q] < len(items) and used + len(items[counts[q]].split()) <= budget:
                used += len(items[counts[q]].split())
                counts[q] += 1
                more = True
    return counts


def _shown(kit: PlanKit, key: str, items: list[str], n: int, anchor: str) -> list[Para]:
    """A quadrant's heading, its first `n` points and how many more the appendix holds."""
    rest = len(items) - n
    said = kit.w("more_points").format(n=rest, page=slide_refs.entry_ref(anchor))
    return [kit.heading(kit.w(key)), *kit.bullets(items[:n]), *([appendix_line(said, anchor)] if rest else [])]


def _fitting(kit: PlanKit, key: str, items: list[str], most: int, box: Box, size: float, anchor: str) -> int:
    """How many of a quadrant's first `most` points fit `box` at `size` under its heading, with the line that says
    how many more the appendix holds (found by halving: a stranger's SWOT may list hundreds of points)."""
    low, high = 0, most
    while low < high:
        middle = (low + high + 1) // 2
        if fit_size(kit.fonts, _shown(kit, key, items, middle, anchor), box, (size,)):
            low = middle
        else:
            high = middle - 1
    return low


def _axis(box: Box, said: str, size: float, align: str) -> Text:
    """An axis's word beside the grid, in the muted colour."""
    return text(box, [Para((Run(said, bold=True),))], size, colour="muted", align=align, role="caption")


def swot(kit: PlanKit) -> None:
    s = kit.plan.swot
    contribution = kit.markdown(s.our_contribution) if s.our_contribution else []
    foot = _foot(kit, contribution)  # a short one under the grid: a slide of a few lines would stand near empty
    if swot_grid(kit, "swot", kit.w("swot"), "swot", s, foot) and foot:
        return
    if contribution:
        kit.told(
            "our_contribution",  # prose, not of the SWOT grids' family: its type need not shrink to theirs
            f"{kit.w('swot')}: {kit.w('our_contribution')}",
            "swot",
            kit.markdown(s.our_contribution),
        )


SLIDES: dict[str, Callable[[PlanKit], None]] = {"swot": swot}
"""The agenda entries this module draws, by key."""
