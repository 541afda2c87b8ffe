"""Chart axes: round gridline steps and how many category labels fit, decided once for both formats."""

from __future__ import annotations

import math

CHART_FONT = 10.0
"""The charts' type size in points."""
CHAR_WIDTH = CHART_FONT * 0.52
"""A glyph's average width in points at the charts' size: about half of it."""
LINE_LEFT, LINE_RIGHT = 64.0, 14.0
"""Room beside a line chart's plot: tick labels on the left, half a label's overhang on the right."""
MARKERS_UP_TO = 40
"""A line chart over more categories than this draws no markers: they would merge into a thick line."""
MOST_LABELS = 20
"""A category axis shows at most this many labels: a curve over 200 accounts does not print 200 names."""


def nice_step(span: float, ticks: int) -> float:
    """A round tick interval (1, 2, 2.5 or 5 times a power of ten) so that about `ticks` gridlines cover 0..span."""
    raw = max(span, 1e-9) / ticks
    power = 10.0 ** math.floor(math.log10(raw))
    return next((factor * power for factor in (1.0, 2.0, 2.5, 5.0) if factor * power >= raw), 10.0 * power)


def column_axis(totals: list[float], whole: bool) -> tuple[float, float]:
    """A column chart's value axis as (top, step): about seven round steps over the largest column; whole steps for counts."""
    highest = max([*totals, 1.0])
    step = nice_step(highest, 7)
    if whole:  # counts and amounts: no gridline at 0.2
        step = max(1.0, step)
    return step * math.ceil(highest / step - 1e-9), step


def round_top(value: float) -> float:
    """A round upper end for an axis whose half is a round number too (for a split in the middle): 7,475 → 8,000."""
    if value <= 0:
        return 1.0
    step = 10.0 ** math.floor(math.log10(value))
    return next(factor * step for factor in (1.0, 2.0, 4.0, 5.0, 8.0, 10.0) if factor * step >= value * (1 - 1e-12))


def line_step(low: float, high: float) -> float:
    """A line chart's value axis interval: about five round steps."""
    return nice_step(high - low, 5)


def label_width(label: str) -> float:
    """Points a category label needs at the least: its length, or its longer half when broken at a space onto two lines."""
    chars = len(label)
    for cut, char in enumerate(label):
        if char == " ":
            chars = min(chars, max(cut, len(label) - cut - 1))
    return chars * CHAR_WIDTH


def label_every(categories: tuple[str, ...], width: float, most: int = MOST_LABELS) -> int:
    """Every how many categories a label is shown: at most `most` labels, none cut short, a round interval (1, 2, 5, 10, 20…)."""
    count = len(categories)
    slot = width / max(1, count)
    widest = max((label_width(c) for c in categories), default=0.0) + 6  # a gap between neighbours
    raw = max(1, -(-count // most), math.ceil(widest / slot))
    if raw == 1:
        return 1
    power = int(10 ** math.floor(math.log10(raw)))
    return next(factor * power for factor in (1, 2, 5, 10) if factor * power >= raw)


LEGEND_ROW, LEGEND_COLUMNS = 15.0, 3
"""A column chart's legend: points per row, and entries per row at most."""
LEGEND_CHAR, LEGEND_KEY = 1.1, 16.0
"""A legend name's glyphs measured this much wider than average, and the points its colour key and gap take."""
COLUMN_SHARE = 0.62
"""A column's width as a share of its category's slot."""
COLUMN_GAP = round((1 - COLUMN_SHARE) / COLUMN_SHARE * 100)
"""The same as PowerPoint's gap width: the gap between columns in per cent of a column."""
TOTAL_ROOM = 16.0
"""Points above the highest column for its total."""
PLAN_BAND = 18.0
"""Points above a column chart's plot for the band that marks its planned years."""


def column_plot(
    width: float, height: float, top_label: str, legend_rows: int, two_line_labels: bool, titled: bool
) -> tuple[float, float, float, float]:
    """A column chart's plot inside its frame (x0, y0, x1, y1): room on the left for the longest tick label and the
    axis title, below for the category labels and the legend."""
    left = max(LINE_LEFT, (18.0 if titled else 6.0) + len(top_label) * CHAR_WIDTH * 1.1 + 8.0)
    lower = 22.0 + legend_rows * LEGEND_ROW + 8.0 + (11.0 if two_line_labels else 0.0)
    return left, 10.0, width - 12.0, height - lower
