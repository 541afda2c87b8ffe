"""Bubble charts' geometry: the plot area, each bubble's radius, and a side for each label that keeps it clear of the others."""

from __future__ import annotations

import math
from collections.abc import Sequence

from kamdoc.outline.axes import CHART_FONT

PLOT_ROOM = (64.0, 12.0, 10.0, 40.0)
"""Points between the chart's frame and its plot: left (tick labels and the axis title), right, top, bottom."""
LARGEST_RADIUS = 0.11
"""The largest bubble's radius as a share of the plot's shorter side (PowerPoint's bubble scale of 45 %)."""
SCALE = 45
"""PowerPoint's bubble scale that draws that radius."""
LABEL_CHAR = 0.55
"""A label glyph's width, in ems: a little wider than the average so that the box drawn around a label holds it."""
LABEL_GAP = 3.0
"""Points between a bubble's edge and a label beside it."""
SIDES = ("center", "right", "left", "above", "below")
"""Where a label may stand, in the order tried."""
QUADRANT_ROWS = (14.0, 8.0)
"""The quadrants' names stand this far below the plot's top edge (their baseline) and above its bottom edge."""

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in points inside the chart


def plot_area(width: float, height: float) -> Rect:
    """The plot inside a chart of this size."""
    left, right, upper, lower = PLOT_ROOM
    return left, upper, width - right, height - lower


def radii(sizes: Sequence[float], plot: Rect) -> tuple[float, ...]:
    """Each bubble's radius: areas in proportion to the sizes."""
    largest = max(sizes, default=1.0) or 1.0
    most = min(plot[2] - plot[0], plot[3] - plot[1]) * LARGEST_RADIUS
    return tuple(most * math.sqrt(max(size, 0.0) / largest) for size in sizes)


def label_rect(text: str, cx: float, cy: float, radius: float, side: str, size: float = CHART_FONT) -> Rect:
    """The box a label takes on one side of its bubble."""
    w, h = len(text) * size * LABEL_CHAR, size * 1.2
    x = {"center": cx - w / 2, "right": cx + radius + LABEL_GAP, "left": cx - radius - LABEL_GAP - w}.get(
        side, cx - w / 2
    )
    y = {"above": cy - radius - LABEL_GAP - h, "below": cy + radius + LABEL_GAP}.get(side, cy - h / 2)
    return x, y, x + w, y + h


def quadrant_rects(names: Sequence[str], plot: Rect, x_split: float) -> list[Rect]:
    """Where the four quadrants' names stand (top left, top right, bottom left, bottom right), in bold."""
    x0, y0, x1, y1 = plot
    centres = ((x0 + x_split) / 2, (x_split + x1) / 2)
    out = []
    for i, name in enumerate(names):
        w, h = len(name) * CHART_FONT * LABEL_CHAR * 1.1, CHART_FONT * 1.2
        baseline = y0 + QUADRANT_ROWS[0] if i < 2 else y1 - QUADRANT_ROWS[1]
        cx = centres[i % 2]
        out.append((cx - w / 2, baseline - CHART_FONT, cx + w / 2, baseline - CHART_FONT + h))
    return out


def _overlap(a: Rect, b: Rect) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def _outside(rect: Rect, plot: Rect) -> float:
    """How much of a rectangle lies outside the plot."""
    area = (rect[2] - rect[0]) * (rect[3] - rect[1])
    return area - _overlap(rect, plot)


SEARCHED = 60
"""Labels placed by looking for a free side, the largest bubbles' first: a chart of hundreds of bubbles (a stranger's plan
may list a thousand units) is no longer read label by label, and the search would grow with their square."""


def label_sides(
    labels: Sequence[str],
    centres: Sequence[tuple[float, float]],
    radius: Sequence[float],
    plot: Rect,
    taken: Sequence[Rect],
) -> tuple[str, ...]:
    """A side for each label, largest bubble first: the first free one, else the one overlapping least.

    Placed labels also keep clear of the bubbles: a label over another bubble is hard to read.

    At most five sides per label are tried against the labels and bubbles, for the SEARCHED largest bubbles only; the
    others' labels sit on their bubbles.
    """
    placed: list[Rect] = list(taken)
    discs = [(x - r, y - r, x + r, y + r) for (x, y), r in zip(centres, radius)]
    sides = ["center"] * len(labels)
    for i in sorted(range(len(labels)), key=lambda k: -radius[k])[:SEARCHED]:
        (cx, cy), r = centres[i], radius[i]

        def cost(side: str) -> float:
            rect = label_rect(labels[i], cx, cy, r, side)
            over_bubbles = (
                sum(_overlap(rect, disc) for k, disc in enumerate(discs) if k != i) / 2
            )  # a label over a bubble still reads
            return sum(_overlap(rect, other) for other in placed) + over_bubbles + _outside(rect, plot)

        # A label wider than its bubble reads better beside it than across its edge.
        wide = len(labels[i]) * CHART_FONT * LABEL_CHAR > 2 * r
        order = (*SIDES[1:], SIDES[0]) if wide else SIDES
        costs = [cost(side) for side in order]
        best = order[next((k for k, c in enumerate(costs) if c <= 0.0), costs.index(min(costs)))]
        sides[i] = best
        placed.append(label_rect(labels[i], cx, cy, r, best))
    return tuple(sides)
