"""Charts and connector lines as inline SVG, drawn from the same outline elements as the PowerPoint charts; a chart's
labels as lines of HTML over its picture."""

from __future__ import annotations

import math
from dataclasses import dataclass

from markupsafe import Markup, escape

from kamdoc.outline.axes import CHAR_WIDTH, CHART_FONT, COLUMN_SHARE, LINE_LEFT, LINE_RIGHT
from kamdoc.outline.bubbles import QUADRANT_ROWS, label_rect, quadrant_rects
from kamdoc.outline.deck import BubbleChart, ColumnChart, Connector, LineChart
from kamdoc.outline.measure import LINE_SPACING
from kamdoc.outline.words import number, percent
from kamdoc.theme.fonts import vertical_metrics
from kamdoc.theme.settings import Theme

_FONT = CHART_FONT
# A chart's labels are HTML in the deck's own font ("kamdoc", declared by deck.html.j2), which the outline measured
# them with; the SVG under them holds no text.


@dataclass(frozen=True)
class _Label:
    """A chart's text, set over the picture as a line of HTML at the place and baseline an SVG <text> would have.

    WeasyPrint lays SVG text out and draws it letter by letter, without its spaces: a PDF reader found
    "SpindelantriebeundUmrichter" in a legend. A line of HTML is one run of text, searched and copied as written, in
    about the time the letters took.
    """

    x: float
    y: float  # the baseline
    content: str
    anchor: str = "middle"  # start, middle or end, as SVG's text-anchor
    size: float = _FONT
    colour: str = "#222222"
    bold: bool = False
    rotate: bool = False  # a quarter turn to the left about (x, y): an axis title written upwards


def _picture(parts: list[str | _Label], width: float, theme: Theme) -> Markup:
    """A chart: its SVG (the strings of `parts`, in order), then its labels over it."""
    svg = "".join(part for part in parts if isinstance(part, str))
    return Markup(svg + "".join(_label(part, width, theme) for part in parts if isinstance(part, _Label)))


def _label(label: _Label, width: float, theme: Theme) -> str:
    """A label as an absolutely placed line in the chart's box (`width` points wide), its baseline at the label's y."""
    ascent, descent = vertical_metrics(theme.font_file("bold" if label.bold else "regular"))
    line = label.size * LINE_SPACING
    above = (line - (ascent + descent) * label.size) / 2 + ascent * label.size  # the line's top to its baseline
    if label.anchor == "start":
        left, span, align = label.x, max(1.0, width - label.x), "left"
    elif label.anchor == "end":
        left, span, align = 0.0, max(1.0, label.x), "right"
    else:  # centred on x, in a box wide enough for any label of the chart
        left, span, align = label.x - width, 2 * width, "center"
    style = (
        f"position: absolute; left: {left:.2f}pt; top: {label.y - above:.2f}pt; width: {span:.2f}pt; margin: 0; "
        f"padding: 0; font-size: {label.size}pt; line-height: {line:.2f}pt; white-space: pre; text-align: {align}; "
        f"color: {label.colour};"
    )
    if label.bold:
        style += " font-weight: bold;"
    if label.rotate:
        style += f" transform-origin: {label.x - left:.2f}pt {above:.2f}pt; transform: rotate(-90deg);"
    return f'<div class="chart-label" style="{style}">{escape(label.content)}</div>'


def column_chart(chart: ColumnChart, theme: Theme, language: str) -> Markup:
    """A stacked column chart: one colour per series, each column's total above it, gridlines, legend below."""
    box = chart.box
    palette = [f"{c}" for c in theme.get("colour", "series")]
    top, step = chart.axis_top, chart.axis_step
    legend_rows = chart.legend_rows
    left, upper, plot_right, plot_bottom = chart.plot  # the outline's: the PowerPoint chart pins its plot there too
    plot_w, plot_h = plot_right - left, plot_bottom - upper
    out: list[str | _Label] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{box.w:.1f}pt" height="{box.h:.1f}pt" viewBox="0 0 {box.w:.1f} {box.h:.1f}">'
    ]
    rule, muted = f"#{theme.colour('rule')}", f"#{theme.colour('muted')}"
    value = 0.0
    while value <= top + 1e-9:
        y = upper + plot_h * (1 - value / top)
        out.append(
            f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{left + plot_w:.1f}" y2="{y:.1f}" stroke="{rule}" stroke-width="0.75"/>'
        )
        out.append(_Label(left - 6, y + 3.5, _tick(value, chart.number_format, language), "end", colour=muted))
        value += step
    if chart.legend_note:
        out.append(_Label(14, upper + plot_h / 2, chart.legend_note, bold=True, rotate=True))
    slot = plot_w / max(1, len(chart.categories))
    bar = slot * COLUMN_SHARE
    for i, category in enumerate(chart.categories):
        x = left + i * slot + (slot - bar) / 2
        base = upper + plot_h
        for j, series in enumerate(chart.series):
            amount = series.values[i] or 0
            if amount <= 0:
                continue
            height = plot_h * amount / top
            colour = palette[j % len(palette)]
            out.append(
                f'<rect x="{x:.1f}" y="{base - height:.1f}" width="{bar:.1f}" height="{height:.1f}" fill="#{colour}">'
                f"<title>{escape(series.name)} {escape(category)}: {escape(number(amount, language))}</title></rect>"
            )
            base -= height
        if chart.totals and chart.heights[i] > 0:  # as PowerPoint labels its series of totals: above the column
            total = _tick(chart.heights[i], chart.number_format, language)
            out.append(_Label(chart.column_centre(i), chart.value_y(chart.heights[i]) - 4, total, bold=True))
        for k, line in enumerate(_two_lines(category, slot)):
            out.append(_Label(left + i * slot + slot / 2, upper + plot_h + 14 + k * 11, line))
    out.append(
        f'<line x1="{left:.1f}" y1="{upper + plot_h:.1f}" x2="{left + plot_w:.1f}" y2="{upper + plot_h:.1f}" stroke="{muted}"/>'
    )
    columns = chart.legend_columns
    column_w = plot_w / columns
    for j, series in enumerate(chart.series):
        row, column = divmod(j, columns)
        x = left + column * column_w
        y = box.h - 8 - (legend_rows - 1 - row) * 15
        out.append(f'<rect x="{x:.1f}" y="{y - 8:.1f}" width="8" height="8" fill="#{palette[j % len(palette)]}"/>')
        out.append(_Label(x + 12, y, series.name, "start"))  # the outline gave each name room to stand whole
    out.append("</svg>")
    return _picture(out, box.w, theme)


def _two_lines(label: str, width: float) -> list[str]:
    """A category label on one line, or broken at a space onto two, each shortened to fit `width` points."""
    room = _room(width)
    if len(label) <= room or " " not in label:
        return [_fit(label, width)]
    cut = label.rfind(" ", 0, room + 1)
    cut = cut if cut > 0 else label.find(" ")
    return [_fit(label[:cut], width), _fit(label[cut + 1 :], width)]


def _tick(value: float, number_format: str, language: str) -> str:
    """An axis value in the chart's number format: a percentage for "0%", else a number with the format's decimals."""
    if number_format.endswith("%"):
        return percent(round(value * 100), language)
    decimals = len(number_format.split(".")[1]) if "." in number_format else 0
    return number(value, language, decimals)


@dataclass(frozen=True)
class _Plot:
    """A chart's plot area in the SVG's points, and where a category and a value land in it."""

    left: float
    upper: float
    w: float
    h: float
    slot: float
    low: float
    high: float

    @property
    def bottom(self) -> float:
        return self.upper + self.h

    def x(self, i: int) -> float:
        return self.left + self.slot * (i + 0.5)

    def y(self, value: float) -> float:
        return self.upper + self.h * (1 - (value - self.low) / ((self.high - self.low) or 1))


_Key = tuple[str, str, bool, float]  # a legend entry: name, colour, dashed, x


def _legend_rows(legend: list[tuple[str, str, bool]], width: float) -> list[list[_Key]]:
    """Legend entries in rows that fit `width`; none for a single line, which the axis title names."""
    rows: list[list[_Key]] = []
    if len(legend) <= 1:
        return rows
    x = 0.0
    for name, colour, dashed in legend:
        shown = _fit(name, 220)
        width_of = 20 + len(shown) * _FONT * 0.55 + 18
        if not rows or (x + width_of > width and rows[-1]):
            rows.append([])
            x = 0.0
        rows[-1].append((shown, colour, dashed, x))
        x += width_of
    return rows


def line_chart(chart: LineChart, theme: Theme, language: str) -> Markup:
    """Lines over categories (such as the cumulative share of revenue), a dashed, labelled level, gridlines, legend below."""
    box = chart.box
    palette = [f"#{c}" for c in theme.get("colour", "series")]
    rule, muted, accent = f"#{theme.colour('rule')}", f"#{theme.colour('muted')}", f"#{theme.colour('accent')}"
    plot_w = box.w - LINE_LEFT - LINE_RIGHT
    count = max(1, len(chart.categories))
    every = chart.label_every
    labels = {
        i: _two_lines(c, plot_w / count * every - 6) for i, c in enumerate(chart.categories) if i % every == 0
    }  # 6 pt apart
    legend = [(s.name, palette[j % len(palette)], False) for j, s in enumerate(chart.series)]
    if chart.level is not None:
        legend.append((chart.level_label, accent, True))
    rows = _legend_rows(legend, plot_w)
    # Below the plot, top down: category labels, the axis title, the legend; the plot takes what is left.
    below = 13 + (max((len(lines) for lines in labels.values()), default=1) - 1) * 11
    title_at = below + 17 if chart.x_title else below
    legend_at = title_at + 18
    lower = (legend_at + (len(rows) - 1) * 15 if rows else title_at) + 5
    plot = _Plot(LINE_LEFT, 10.0, plot_w, box.h - 10.0 - lower, plot_w / count, *chart.y_range)
    out: list[str | _Label] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{box.w:.1f}pt" height="{box.h:.1f}pt" viewBox="0 0 {box.w:.1f} {box.h:.1f}">'
    ]
    out += _value_grid(chart, plot, rule, muted, language)
    out += [
        _Label(plot.x(i), plot.bottom + 13 + k * 11, line, colour=muted)
        for i, lines in labels.items()
        for k, line in enumerate(lines)
    ]
    if chart.x_title:
        out.append(_Label(plot.left + plot.w / 2, plot.bottom + title_at, chart.x_title, bold=True))
    if chart.y_title:
        out.append(_Label(14, plot.upper + plot.h / 2, chart.y_title, bold=True, rotate=True))
    if chart.level is not None:
        out.append(
            f'<line x1="{plot.left:.1f}" y1="{plot.y(chart.level):.1f}" x2="{plot.left + plot.w:.1f}" y2="{plot.y(chart.level):.1f}" '
            f'stroke="{accent}" stroke-width="1.5" stroke-dasharray="6 4"/>'
        )
    for j, series in enumerate(chart.series):
        out += _series_line(series.values[:count], plot, palette[j % len(palette)], markers=chart.markers)
    if chart.level is not None and chart.level_label:
        out += _level_label(chart.level_label, plot, plot.y(chart.level), accent, f"#{theme.colour('background')}")
    out += _line_legend(rows, plot, legend_at)
    out.append("</svg>")
    return _picture(out, box.w, theme)


def _value_grid(chart: LineChart, plot: _Plot, rule: str, muted: str, language: str) -> list[str | _Label]:
    """A gridline and a label at each step of the value axis, and the category axis under them."""
    out: list[str | _Label] = []
    step, value = chart.axis_step, plot.low
    while value <= plot.high + step * 1e-6:
        out.append(
            f'<line x1="{plot.left:.1f}" y1="{plot.y(value):.1f}" x2="{plot.left + plot.w:.1f}" y2="{plot.y(value):.1f}" stroke="{rule}" stroke-width="0.75"/>'
        )
        out.append(
            _Label(plot.left - 6, plot.y(value) + 3.5, _tick(value, chart.number_format, language), "end", colour=muted)
        )
        value += step
    out.append(
        f'<line x1="{plot.left:.1f}" y1="{plot.bottom:.1f}" x2="{plot.left + plot.w:.1f}" y2="{plot.bottom:.1f}" stroke="{muted}"/>'
    )
    return out


def _line_legend(rows: list[list[_Key]], plot: _Plot, legend_at: float) -> list[str | _Label]:
    """The legend under the chart: a short line in each series' colour (dashed for the level) and its name."""
    out: list[str | _Label] = []
    for r, row in enumerate(rows):
        y = plot.bottom + legend_at + r * 15
        for name, colour, dashed, x in row:
            dash = ' stroke-dasharray="4 3"' if dashed else ""
            out.append(
                f'<line x1="{plot.left + x:.1f}" y1="{y - 4:.1f}" x2="{plot.left + x + 16:.1f}" y2="{y - 4:.1f}" stroke="{colour}" stroke-width="2"{dash}/>'
            )
            out.append(_Label(plot.left + x + 20, y, name, "start"))
    return out


def _series_line(values: tuple[float | None, ...], plot: _Plot, colour: str, markers: bool) -> list[str]:
    """One series as lines between its points; a missing value breaks the line, as in the PowerPoint chart."""
    runs: list[list[tuple[float, float]]] = [[]]
    for i, v in enumerate(values):
        if v is None:
            runs.append([])
        else:
            runs[-1].append((plot.x(i), plot.y(v)))
    out = []
    for run in runs:
        if len(run) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
            out.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.25" stroke-linejoin="round"/>'
            )
        if markers or len(run) == 1:  # a lone point would be invisible without its marker
            out += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{colour}"/>' for x, y in run]
    return out


def _level_label(label: str, plot: _Plot, level_y: float, colour: str, background: str) -> list[str | _Label]:
    """The level's name at its right end, above the line unless that would leave the plot; on the background, so lines beneath stay apart."""
    label_y = level_y - 5 if level_y - 5 - _FONT >= plot.upper else level_y + 5 + _FONT * 0.75
    width = len(label) * _FONT * 0.55 + 4
    right = plot.left + plot.w
    return [
        f'<rect x="{right - 2 - width:.1f}" y="{label_y - _FONT * 0.8:.1f}" width="{width:.1f}" height="{_FONT * 1.05:.1f}" '
        f'fill="{background}" fill-opacity="0.85"/>',
        _Label(right - 4, label_y, label, "end", colour=colour, bold=True),
    ]


def _room(width: float) -> int:
    """How many characters fit `width` points, roughly (never fewer than 4)."""
    return max(4, int(width / CHAR_WIDTH))


def _fit(label: str, width: float) -> str:
    """A label shortened to roughly fit `width` points."""
    room = _room(width)
    return label if len(label) <= room else label[: room - 1] + "…"


def bubble_chart(chart: BubbleChart, theme: Theme, language: str) -> Markup:
    """Bubbles on the attitude × potential plane, split into the four named quadrants; all places are the outline's."""
    box = chart.box
    left, upper, plot_right, plot_bottom = chart.plot
    plot_w, plot_h = plot_right - left, plot_bottom - upper
    (x0, x1), (y0, y1) = chart.x_range, chart.y_range

    def px(x: float) -> float:
        return left + plot_w * (x - x0) / (x1 - x0)

    def py(y: float) -> float:
        return upper + plot_h * (1 - (y - y0) / (y1 - y0))

    rule, muted = f"#{theme.colour('rule')}", f"#{theme.colour('muted')}"
    out: list[str | _Label] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{box.w:.1f}pt" height="{box.h:.1f}pt" viewBox="0 0 {box.w:.1f} {box.h:.1f}">'
    ]
    out.append(
        f'<rect x="{left:.1f}" y="{upper:.1f}" width="{plot_w:.1f}" height="{plot_h:.1f}" fill="none" stroke="{muted}" stroke-width="0.75"/>'
    )
    out.append(
        f'<line x1="{px(chart.x_split):.1f}" y1="{upper:.1f}" x2="{px(chart.x_split):.1f}" y2="{upper + plot_h:.1f}" stroke="{rule}"/>'
    )
    out.append(
        f'<line x1="{left:.1f}" y1="{py(chart.y_split):.1f}" x2="{left + plot_w:.1f}" y2="{py(chart.y_split):.1f}" stroke="{rule}"/>'
    )
    for value in (y0, chart.y_split, y1):
        out.append(_Label(left - 6, py(value) + 3.5, _tick(value, chart.number_format, language), "end", colour=muted))
    for value in (x0, chart.x_split, x1) if chart.x_numbers else ():  # else the outline names the ticks in words
        # An axis through zero (attitudes from -3 to +3) shows its signs; others the chart's number format.
        shown = (f"{value:+.0f}" if value else "0") if x0 < 0 < x1 else _tick(value, chart.number_format, language)
        out.append(_Label(px(value), upper + plot_h + 13, shown, colour=muted))
    out.append(_Label(left + plot_w / 2, box.h - 6, chart.x_title, bold=True))
    out.append(_Label(14, upper + plot_h / 2, chart.y_title, bold=True, rotate=True))
    accent = f"#{theme.colour('accent')}"
    for bubble, (cx, cy), r in zip(chart.bubbles, chart.centres, chart.radii):
        out.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="{accent}" stroke="#FFFFFF" stroke-width="1"/>'
        )
    for bubble, (cx, cy), r, side in zip(chart.bubbles, chart.centres, chart.radii, chart.sides):
        x0_, y0_, x1_, y1_ = label_rect(bubble.label, cx, cy, r, side)
        anchor = {"right": "start", "left": "end"}.get(side, "middle")
        x = {"right": x0_, "left": x1_}.get(side, (x0_ + x1_) / 2)
        out.append(_Label(x, (y0_ + y1_) / 2 + 3.5, bubble.label, anchor, size=_FONT))
    # The quadrants' names last: a bubble near an edge never hides them.
    for name, (qx0, _, qx1, _), row in zip(
        chart.quadrants, quadrant_rects(chart.quadrants, chart.plot, px(chart.x_split)), (0, 0, 1, 1)
    ):
        y = upper + QUADRANT_ROWS[0] if row == 0 else upper + plot_h - QUADRANT_ROWS[1]
        out.append(_Label((qx0 + qx1) / 2, y, name, colour=muted, bold=True))
    out.append("</svg>")
    return _picture(out, box.w, theme)


ARROW = (3.0, 2.0)
"""An arrowhead's length and half width, in multiples of the line's width (PowerPoint's medium triangle)."""


def _arrowhead(before: tuple[float, float], tip: tuple[float, float], colour: str, width: float) -> str:
    """A filled triangle at the end of a line, pointing along its last segment."""
    (x0, y0), (x1, y1) = before, tip
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    long, half = ARROW[0] * width, ARROW[1] * width
    bx, by = x1 - ux * long, y1 - uy * long
    corners = ((x1, y1), (bx - uy * half, by + ux * half), (bx + uy * half, by - ux * half))
    return f'<polygon points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in corners)}" fill="{colour}"/>'


def connectors(lines: list[Connector], theme: Theme, width: float, height: float) -> Markup:
    """The power map's lines over the whole slide: reporting lines solid, ties dashed in their colour."""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.1f}pt" height="{height:.1f}pt" viewBox="0 0 {width:.1f} {height:.1f}">'
    ]
    for line in lines:
        colour = theme.colour(*line.colour.split("."))
        points = " ".join(f"{x:.2f},{y:.2f}" for x, y in line.points)
        dash = ' stroke-dasharray="1,2"' if line.dotted else ' stroke-dasharray="5,3"' if line.dashed else ""
        if line.halo:  # white under the line: a line drawn before it is broken where they cross
            out.append(
                f'<polyline points="{points}" fill="none" stroke="#{theme.colour("background")}" stroke-width="{line.width + 2 * line.halo}"/>'
            )
        out.append(f'<polyline points="{points}" fill="none" stroke="#{colour}" stroke-width="{line.width}"{dash}/>')
        if line.arrow and len(line.points) > 1:
            out.append(_arrowhead(line.points[-2], line.points[-1], f"#{colour}", line.width))
    out.append("</svg>")
    return Markup("".join(out))
