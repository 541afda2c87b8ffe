"""Charts and connector lines as inline SVG, drawn from the same outline elements as the PowerPoint charts."""

from __future__ import annotations

import math

from markupsafe import Markup, escape

from kamdoc.outline.words import number, percent
from kamdoc.outline.deck import BubbleChart, ColumnChart, Connector, LineChart
from kamdoc.theme.settings import Theme, lighter

_FONT = 10.0
_CHAR = _FONT * 0.52
"""A glyph's average width in points at the charts' font size: about half the size."""
# Every chart names the deck's own font ("kamdoc", declared by deck.html.j2): without it WeasyPrint draws chart
# text in a system font, wider than the labels here are sized for and unlike the rest of the page.


def _nice_step(top: float, ticks: int = 7) -> float:
    """A round tick interval so that about `ticks` gridlines cover 0..top."""
    raw = max(top, 1e-9) / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= raw:
            return factor * power
    return 10 * power  # pragma: no cover - the loop always returns


def _text(x: float, y: float, content: str, anchor: str = "middle", size: float = _FONT, colour: str = "#222222",
          bold: bool = False, rotate: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    turn = f' transform="rotate(-90 {x:.1f} {y:.1f})"' if rotate else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{colour}"{weight}{turn}>'
            f"{escape(content)}</text>")


def column_chart(chart: ColumnChart, theme: Theme, language: str) -> Markup:
    """A stacked column chart: one colour per series, planned points lighter, gridlines, legend below."""
    box = chart.box
    palette = [f"{c}" for c in theme.get("colour", "series")]
    totals = [sum(s.values[i] or 0 for s in chart.series) for i in range(len(chart.categories))]
    step = _nice_step(max(totals + [1.0]))
    if "." not in chart.number_format:  # whole numbers (counts, amounts): no gridline at 0.2
        step = max(1.0, step)
    top = step * math.ceil(max(totals + [1.0]) / step)
    legend_rows = math.ceil(len(chart.series) / 3)
    left, right, upper = 64.0, 12.0, 10.0
    lower = 22.0 + legend_rows * 15 + 8 + (11 if any(len(_two_lines(c, (box.w - 76) / max(1, len(chart.categories)))) > 1 for c in chart.categories) else 0)
    plot_w, plot_h = box.w - left - right, box.h - upper - lower
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" font-family="kamdoc" width="{box.w:.1f}pt" height="{box.h:.1f}pt" viewBox="0 0 {box.w:.1f} {box.h:.1f}">']
    rule, muted = f"#{theme.colour('rule')}", f"#{theme.colour('muted')}"
    value = 0.0
    while value <= top + 1e-9:
        y = upper + plot_h * (1 - value / top)
        out.append(f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{left + plot_w:.1f}" y2="{y:.1f}" stroke="{rule}" stroke-width="0.75"/>')
        out.append(_text(left - 6, y + 3.5, number(value, language, 0), "end", colour=muted))
        value += step
    if chart.legend_note:
        out.append(_text(14, upper + plot_h / 2, chart.legend_note, bold=True, rotate=True))
    slot = plot_w / max(1, len(chart.categories))
    bar = slot * 0.62
    for i, category in enumerate(chart.categories):
        x = left + i * slot + (slot - bar) / 2
        base = upper + plot_h
        for j, series in enumerate(chart.series):
            amount = series.values[i] or 0
            if amount <= 0:
                continue
            height = plot_h * amount / top
            colour = palette[j % len(palette)]
            if series.kinds and series.kinds[i] == "plan":
                colour = lighter(colour)
            out.append(f'<rect x="{x:.1f}" y="{base - height:.1f}" width="{bar:.1f}" height="{height:.1f}" fill="#{colour}">'
                       f"<title>{escape(series.name)} {escape(category)}: {escape(number(amount, language))}</title></rect>")
            base -= height
        for k, line in enumerate(_two_lines(category, slot)):
            out.append(_text(left + i * slot + slot / 2, upper + plot_h + 14 + k * 11, line))
    out.append(f'<line x1="{left:.1f}" y1="{upper + plot_h:.1f}" x2="{left + plot_w:.1f}" y2="{upper + plot_h:.1f}" stroke="{muted}"/>')
    column_w = plot_w / 3
    for j, series in enumerate(chart.series):
        row, column = divmod(j, 3)
        x = left + column * column_w
        y = box.h - 8 - (legend_rows - 1 - row) * 15
        out.append(f'<rect x="{x:.1f}" y="{y - 8:.1f}" width="8" height="8" fill="#{palette[j % len(palette)]}"/>')
        out.append(_text(x + 12, y, _fit(series.name, column_w - 16), "start"))
    out.append("</svg>")
    return Markup("".join(out))


def _two_lines(label: str, width: float) -> list[str]:
    """A category label on one line, or broken at a space onto two, each shortened to fit `width` points."""
    room = _room(width)
    if len(label) <= room or " " not in label:
        return [_fit(label, width)]
    cut = label.rfind(" ", 0, room + 1)
    cut = cut if cut > 0 else label.find(" ")
    return [_fit(label[:cut], width), _fit(label[cut + 1:], width)]


def _tick(value: float, number_format: str, language: str) -> str:
    """An axis value in the chart's number format: a percentage for "0%", else a number with the format's decimals."""
    if number_format.endswith("%"):
        return percent(round(value * 100), language)
    decimals = len(number_format.split(".")[1]) if "." in number_format else 0
    return number(value, language, decimals)


LINE_LEFT, LINE_RIGHT = 64.0, 14.0
"""Room beside a line chart's plot: tick labels on the left, half a label's overhang on the right."""


def line_step(chart: LineChart) -> float:
    """The value axis's interval in a line chart: about five round steps, the same in the PDF and the PowerPoint deck."""
    low, high = chart.y_range
    return _nice_step(high - low, 5)


def _label_width(label: str) -> float:
    """Points a category label needs at the least: its length, or its longer half when broken at a space onto two lines."""
    chars = len(label)
    for cut, char in enumerate(label):
        if char == " ":
            chars = min(chars, max(cut, len(label) - cut - 1))
    return chars * _CHAR


def label_every(categories: tuple[str, ...], width: float, most: int = 20) -> int:
    """Every how many categories a label is shown: at most `most` labels, none cut short, a round interval (1, 2, 5, 10, 20…)."""
    count = len(categories)
    slot = width / max(1, count)
    widest = max((_label_width(c) for c in categories), default=0.0) + 6  # a gap between neighbours
    raw = max(1, -(-count // most), math.ceil(widest / slot))
    if raw == 1:
        return 1
    power = 10 ** math.floor(math.log10(raw))
    return next(factor * power for factor in (1, 2, 5, 10) if factor * power >= raw)


def line_chart(chart: LineChart, theme: Theme, language: str) -> Markup:
    """Lines over categories (such as the cumulative share of revenue), a dashed, labelled level, gridlines, legend below."""
    box = chart.box
    palette = [f"{c}" for c in theme.get("colour", "series")]
    rule, muted, accent = f"#{theme.colour('rule')}", f"#{theme.colour('muted')}", f"#{theme.colour('accent')}"
    background = f"#{theme.colour('background')}"
    left, right, upper = LINE_LEFT, LINE_RIGHT, 10.0
    plot_w = box.w - left - right
    count = max(1, len(chart.categories))
    slot = plot_w / count
    every = label_every(chart.categories, plot_w)
    labels = {i: _two_lines(c, slot * every - 6) for i, c in enumerate(chart.categories) if i % every == 0}  # 6 pt apart
    label_lines = max((len(lines) for lines in labels.values()), default=1)

    legend = [(s.name, f"#{palette[j % len(palette)]}", False) for j, s in enumerate(chart.series)]
    if chart.level is not None:
        legend.append((chart.level_label, accent, True))
    rows: list[list[tuple[str, str, bool, float]]] = []
    if len(legend) > 1:  # one line needs no key: the axis title names it
        x = 0.0
        for name, colour, dashed in legend:
            shown = _fit(name, 220)
            width = 20 + len(shown) * _FONT * 0.55 + 18
            if not rows or (x + width > plot_w and rows[-1]):
                rows.append([])
                x = 0.0
            rows[-1].append((shown, colour, dashed, x))
            x += width

    # Below the plot, top down: category labels, the axis title, the legend; the plot takes what is left.
    below = 13 + (label_lines - 1) * 11
    title_at = below + 17 if chart.x_title else below
    legend_at = title_at + 18
    lower = (legend_at + (len(rows) - 1) * 15 if rows else title_at) + 5
    plot_h = box.h - upper - lower
    bottom = upper + plot_h
    y0, y1 = chart.y_range

    def px(i: int) -> float:
        return left + slot * (i + 0.5)

    def py(value: float) -> float:
        return upper + plot_h * (1 - (value - y0) / ((y1 - y0) or 1))

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" font-family="kamdoc" width="{box.w:.1f}pt" height="{box.h:.1f}pt" viewBox="0 0 {box.w:.1f} {box.h:.1f}">']
    step, value = line_step(chart), y0
    while value <= y1 + step * 1e-6:
        out.append(f'<line x1="{left:.1f}" y1="{py(value):.1f}" x2="{left + plot_w:.1f}" y2="{py(value):.1f}" stroke="{rule}" stroke-width="0.75"/>')
        out.append(_text(left - 6, py(value) + 3.5, _tick(value, chart.number_format, language), "end", colour=muted))
        value += step
    out.append(f'<line x1="{left:.1f}" y1="{bottom:.1f}" x2="{left + plot_w:.1f}" y2="{bottom:.1f}" stroke="{muted}"/>')
    for i, lines in labels.items():
        for k, line in enumerate(lines):
            out.append(_text(px(i), bottom + 13 + k * 11, line, colour=muted))
    if chart.x_title:
        out.append(_text(left + plot_w / 2, bottom + title_at, chart.x_title, bold=True))
    if chart.y_title:
        out.append(_text(14, upper + plot_h / 2, chart.y_title, bold=True, rotate=True))
    if chart.level is not None:
        level_y = py(chart.level)
        out.append(f'<line x1="{left:.1f}" y1="{level_y:.1f}" x2="{left + plot_w:.1f}" y2="{level_y:.1f}" stroke="{accent}" '
                   f'stroke-width="1.5" stroke-dasharray="6 4"/>')
    for j, series in enumerate(chart.series):
        colour = f"#{palette[j % len(palette)]}"
        # A missing value breaks the line, as it does in the PowerPoint chart, instead of bridging the gap.
        runs: list[list[tuple[float, float]]] = [[]]
        for i, v in enumerate(series.values[:count]):
            if v is None:
                runs.append([])
            else:
                runs[-1].append((px(i), py(v)))
        for run in runs:
            if len(run) > 1:
                path = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
                out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.25" stroke-linejoin="round"/>')
            if count <= 40 or len(run) == 1:  # a lone point would be invisible without its marker
                out += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{colour}"/>' for x, y in run]
    if chart.level is not None and chart.level_label:
        # The level's name at its right end, above the line unless that would leave the plot; on the background, so lines beneath stay apart.
        label_y = level_y - 5 if level_y - 5 - _FONT >= upper else level_y + 5 + _FONT * 0.75
        width = len(chart.level_label) * _FONT * 0.55 + 4
        out.append(f'<rect x="{left + plot_w - 2 - width:.1f}" y="{label_y - _FONT * 0.8:.1f}" width="{width:.1f}" height="{_FONT * 1.05:.1f}" '
                   f'fill="{background}" fill-opacity="0.85"/>')
        out.append(_text(left + plot_w - 4, label_y, chart.level_label, "end", colour=accent, bold=True))
    for r, row in enumerate(rows):
        y = bottom + legend_at + r * 15
        for name, colour, dashed, x in row:
            dash = ' stroke-dasharray="4 3"' if dashed else ""
            out.append(f'<line x1="{left + x:.1f}" y1="{y - 4:.1f}" x2="{left + x + 16:.1f}" y2="{y - 4:.1f}" stroke="{colour}" stroke-width="2"{dash}/>')
            out.append(_text(left + x + 20, y, name, "start"))
    out.append("</svg>")
    return Markup("".join(out))


def _room(width: float) -> int:
    """How many characters fit `width` points, roughly (never fewer than 4)."""
    return max(4, int(width / _CHAR))


def _fit(label: str, width: float) -> str:
    """A label shortened to roughly fit `width` points."""
    room = _room(width)
    return label if len(label) <= room else label[: room - 1] + "…"


def bubble_chart(chart: BubbleChart, theme: Theme, language: str) -> Markup:
    """Bubbles on the attitude × potential plane, split into the four named quadrants."""
    box = chart.box
    left, right, upper, lower = 64.0, 12.0, 10.0, 40.0
    plot_w, plot_h = box.w - left - right, box.h - upper - lower
    (x0, x1), (y0, y1) = chart.x_range, chart.y_range

    def px(x: float) -> float:
        return left + plot_w * (x - x0) / (x1 - x0)

    def py(y: float) -> float:
        return upper + plot_h * (1 - (y - y0) / (y1 - y0))

    rule, muted = f"#{theme.colour('rule')}", f"#{theme.colour('muted')}"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" font-family="kamdoc" width="{box.w:.1f}pt" height="{box.h:.1f}pt" viewBox="0 0 {box.w:.1f} {box.h:.1f}">']
    out.append(f'<rect x="{left:.1f}" y="{upper:.1f}" width="{plot_w:.1f}" height="{plot_h:.1f}" fill="none" stroke="{muted}" stroke-width="0.75"/>')
    out.append(f'<line x1="{px(chart.x_split):.1f}" y1="{upper:.1f}" x2="{px(chart.x_split):.1f}" y2="{upper + plot_h:.1f}" stroke="{rule}"/>')
    out.append(f'<line x1="{left:.1f}" y1="{py(chart.y_split):.1f}" x2="{left + plot_w:.1f}" y2="{py(chart.y_split):.1f}" stroke="{rule}"/>')
    for value in (y0, chart.y_split, y1):
        out.append(_text(left - 6, py(value) + 3.5, _tick(value, chart.number_format, language), "end", colour=muted))
    for value in (x0, chart.x_split, x1):
        # An axis through zero (attitudes from -3 to +3) shows its signs; others the chart's number format.
        shown = (f"{value:+.0f}" if value else "0") if x0 < 0 < x1 else _tick(value, chart.number_format, language)
        out.append(_text(px(value), upper + plot_h + 13, shown, colour=muted))
    out.append(_text(left + plot_w / 2, box.h - 6, chart.x_title, bold=True))
    out.append(_text(14, upper + plot_h / 2, chart.y_title, bold=True, rotate=True))
    centres = ((x0 + chart.x_split) / 2, (x1 + chart.x_split) / 2)
    for i, name in enumerate(chart.quadrants):
        x = px(centres[i % 2])
        y = upper + 14 if i < 2 else upper + plot_h - 8
        out.append(_text(x, y, name, colour=muted, bold=True))
    largest = max((b.size for b in chart.bubbles), default=1.0) or 1.0
    radius_max = min(plot_w, plot_h) * 0.11  # PowerPoint's bubble scale of 45 %, roughly
    accent = f"#{theme.colour('accent')}"
    for bubble in chart.bubbles:
        r = radius_max * math.sqrt(max(bubble.size, 0) / largest)
        cx, cy = px(bubble.x), py(bubble.y)
        out.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="{accent}" stroke="#FFFFFF" stroke-width="1"/>')
        out.append(_text(cx, cy + 3.5, bubble.label, size=_FONT))
    out.append("</svg>")
    return Markup("".join(out))


def connectors(lines: list[Connector], theme: Theme, width: float, height: float) -> Markup:
    """The power map's lines over the whole slide: reporting lines solid, ties dashed in their colour."""
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.1f}pt" height="{height:.1f}pt" viewBox="0 0 {width:.1f} {height:.1f}">']
    for line in lines:
        colour = theme.colour(*line.colour.split("."))
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in line.points)
        dash = ' stroke-dasharray="5,3"' if line.dashed else ""
        out.append(f'<polyline points="{points}" fill="none" stroke="#{colour}" stroke-width="{line.width}"{dash}/>')
    out.append("</svg>")
    return Markup("".join(out))
