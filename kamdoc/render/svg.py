"""Charts and connector lines as inline SVG, drawn from the same outline elements as the PowerPoint charts."""

from __future__ import annotations

import math

from markupsafe import Markup, escape

from kamdoc.labels import number
from kamdoc.slides import BubbleChart, ColumnChart, Connector
from kamdoc.theme import Theme, lighter

_FONT = 10.0


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
    top = step * math.ceil(max(totals + [1.0]) / step)
    legend_rows = math.ceil(len(chart.series) / 3)
    left, right, upper = 64.0, 12.0, 10.0
    lower = 22.0 + legend_rows * 15 + 8
    plot_w, plot_h = box.w - left - right, box.h - upper - lower
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{box.w:.1f}pt" height="{box.h:.1f}pt" viewBox="0 0 {box.w:.1f} {box.h:.1f}">']
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
        out.append(_text(left + i * slot + slot / 2, upper + plot_h + 14, category))
    out.append(f'<line x1="{left:.1f}" y1="{upper + plot_h:.1f}" x2="{left + plot_w:.1f}" y2="{upper + plot_h:.1f}" stroke="{muted}"/>')
    column_w = plot_w / 3
    for j, series in enumerate(chart.series):
        row, column = divmod(j, 3)
        x = left + column * column_w
        y = upper + plot_h + 30 + row * 15
        out.append(f'<rect x="{x:.1f}" y="{y - 8:.1f}" width="8" height="8" fill="#{palette[j % len(palette)]}"/>')
        out.append(_text(x + 12, y, _fit(series.name, column_w - 16), "start"))
    out.append("</svg>")
    return Markup("".join(out))


def _fit(label: str, width: float) -> str:
    """A legend label shortened to roughly fit `width` points (average glyph width about half the size)."""
    room = max(4, int(width / (_FONT * 0.52)))
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
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{box.w:.1f}pt" height="{box.h:.1f}pt" viewBox="0 0 {box.w:.1f} {box.h:.1f}">']
    out.append(f'<rect x="{left:.1f}" y="{upper:.1f}" width="{plot_w:.1f}" height="{plot_h:.1f}" fill="none" stroke="{muted}" stroke-width="0.75"/>')
    out.append(f'<line x1="{px(chart.x_split):.1f}" y1="{upper:.1f}" x2="{px(chart.x_split):.1f}" y2="{upper + plot_h:.1f}" stroke="{rule}"/>')
    out.append(f'<line x1="{left:.1f}" y1="{py(chart.y_split):.1f}" x2="{left + plot_w:.1f}" y2="{py(chart.y_split):.1f}" stroke="{rule}"/>')
    for value in (y0, chart.y_split, y1):
        out.append(_text(left - 6, py(value) + 3.5, number(value, language, 0), "end", colour=muted))
    for value in (x0, chart.x_split, x1):
        out.append(_text(px(value), upper + plot_h + 13, f"{value:+.0f}" if value else "0", colour=muted))
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
