"""The deck as data: slides and what sits where on them, in points, for both renderers to draw alike."""

from __future__ import annotations

from dataclasses import dataclass, field

from kamdoc.outline import bubbles
from kamdoc.outline.axes import (
    CHAR_WIDTH,
    LEGEND_CHAR,
    LEGEND_COLUMNS,
    LEGEND_KEY,
    LINE_LEFT,
    LINE_RIGHT,
    MARKERS_UP_TO,
    PLAN_BAND,
    TOTAL_ROOM,
    column_axis,
    column_plot,
    label_every,
    line_step,
)
from kamdoc.outline.measure import LINE_SPACING
from kamdoc.outline.richtext import Para


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in points from the top left corner."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def overlaps(self, other: Box) -> bool:
        return self.x < other.right and other.x < self.right and self.y < other.bottom and other.y < self.bottom


@dataclass(frozen=True)
class Text:
    """A text frame: paragraphs of styled runs."""

    box: Box
    paras: tuple[Para, ...]
    size: float
    colour: str = "text"  # a theme colour name
    bold: bool = False
    align: str = "left"
    fill: str | None = None  # a theme colour name for the frame's background
    role: str = "body"  # title, body, footer, caption: lets a template map it to a placeholder
    breaks: tuple[
        tuple[int, ...], ...
    ] = ()  # per paragraph: where the outline's measured lines begin (set when the deck is complete)

    def measured(self) -> tuple[Para, ...]:
        """The paragraphs as the outline measured them: a line break where each wrapped line begins.

        A renderer that lays text out itself (the PDF's) prints exactly these lines; PowerPoint
        wraps the whole paragraphs in the same box.
        """
        if not self.breaks:
            return self.paras
        return tuple(para.broken_at(at) if at else para for para, at in zip(self.paras, self.breaks))


@dataclass(frozen=True)
class Table:
    """A table with a header row; numbers right-aligned."""

    box: Box
    widths: tuple[float, ...]
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[str, ...]
    size: float
    row_heights: tuple[float, ...]  # header first (0 when the table has none)
    bold_last_row: bool = False
    bold_first_column: bool = False
    fills: tuple[tuple[str | None, ...], ...] = ()  # per body cell: a theme colour name for its background, or None
    lines: tuple[
        tuple[tuple[str, ...], ...], ...
    ] = ()  # per row (the header first, when there is one) and cell: its measured lines

    def fill(self, row: int, column: int) -> str | None:
        """The theme colour a body cell is filled with, if any."""
        if row < len(self.fills) and column < len(self.fills[row]):
            return self.fills[row][column]
        return None

    @property
    def has_header(self) -> bool:
        return any(self.header)


@dataclass(frozen=True)
class Series:
    """One series of a chart; `kinds` tells actual from planned points."""

    name: str
    values: tuple[float | None, ...]
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class ColumnChart:
    """A clustered column chart: categories along the x axis, one colour per series."""

    box: Box
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    stacked: bool = True
    number_format: str = "#,##0"
    legend_note: str = ""
    format_code: str = ""  # how the PowerPoint chart writes its numbers, in the deck's language on any computer
    totals: str = ""  # the name of a series of each column's total, labelled above it (none when empty)
    plan_from: int | None = None  # the first planned category: room above the plot for the "Plan" band
    axis_top: float = field(init=False)  # the value axis's end and gridline interval, the same in every format
    axis_step: float = field(init=False)
    heights: tuple[float, ...] = field(init=False)  # each column's top value: its stack's sum, or its highest bar
    plot: tuple[float, float, float, float] = field(
        init=False
    )  # the plot inside the chart's box: x0, y0, x1, y1 in points
    legend_rows: int = field(init=False)
    legend_columns: int = field(init=False)  # names per legend row: as many as fit whole

    def __post_init__(self) -> None:
        count = len(self.categories)
        if self.stacked:  # rounded past float noise: 13.149999999999999 would print as 13,1 where Office shows 13,2
            highest = [round(sum(s.values[i] or 0 for s in self.series), 9) for i in range(count)]
        else:
            highest = [max((s.values[i] or 0 for s in self.series), default=0.0) for i in range(count)]
        top, step = column_axis(highest, "." not in self.number_format)
        label, titled = f"{top:,.0f}", bool(self.legend_note)
        x0, _, x1, _ = column_plot(self.box.w, self.box.h, label, 1, False, titled)
        span = x1 - x0
        longest = max((len(series.name) for series in self.series), default=0) * CHAR_WIDTH * LEGEND_CHAR + LEGEND_KEY
        columns = next(
            (c for c in range(LEGEND_COLUMNS, 0, -1) if longest <= span / c), 1
        )  # every name whole, on one line
        rows = -(-len(self.series) // columns)
        two_lines = any(len(c) > max(4, int(span / max(1, count) / CHAR_WIDTH)) for c in self.categories)  # a line more
        plot = column_plot(self.box.w, self.box.h, label, rows, two_lines, titled)
        if self.plan_from is not None:
            plot = (plot[0], plot[1] + PLAN_BAND, plot[2], plot[3])
        if self.totals and highest and (top - max(highest)) / top * (plot[3] - plot[1]) < TOTAL_ROOM:
            top += step  # the highest column's total needs room under the top gridline
        object.__setattr__(self, "axis_top", top)
        object.__setattr__(self, "axis_step", step)
        object.__setattr__(self, "heights", tuple(highest))
        object.__setattr__(self, "plot", plot)
        object.__setattr__(self, "legend_rows", rows)
        object.__setattr__(self, "legend_columns", columns)

    def column_centre(self, index: int) -> float:
        """Where a column's middle stands, in points from the chart's left edge."""
        x0, _, x1, _ = self.plot
        return x0 + (x1 - x0) / max(1, len(self.categories)) * (index + 0.5)

    def slot_left(self, index: int) -> float:
        """Where a category's slot begins (the gap before its column included), in points from the chart's left edge."""
        x0, _, x1, _ = self.plot
        return x0 + (x1 - x0) / max(1, len(self.categories)) * index

    def value_y(self, value: float) -> float:
        """Where a value stands on the value axis, in points from the chart's top edge."""
        _, y0, _, y1 = self.plot
        return y1 - (y1 - y0) * value / (self.axis_top or 1.0)


@dataclass(frozen=True)
class LineChart:
    """A line chart: categories along the x axis, one line per series, and an optional dashed level (such as the 80 % cut)."""

    box: Box
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    y_range: tuple[float, float]
    number_format: str = "0%"  # values are fractions when the format is a percentage
    level: float | None = None  # a horizontal dashed line at this value
    level_label: str = ""
    x_title: str = ""
    y_title: str = ""
    format_code: str = ""  # how the PowerPoint chart writes its numbers, in the deck's language on any computer
    axis_step: float = field(init=False)  # the value axis's gridline interval
    label_every: int = field(init=False)  # every how many categories a label shows (1: all)
    markers: bool = field(init=False)  # a round marker on each point (not where they would merge into a thick line)

    def __post_init__(self) -> None:
        object.__setattr__(self, "axis_step", line_step(*self.y_range))
        object.__setattr__(self, "label_every", label_every(self.categories, self.box.w - LINE_LEFT - LINE_RIGHT))
        object.__setattr__(self, "markers", len(self.categories) <= MARKERS_UP_TO)


@dataclass(frozen=True)
class Bubble:
    """One bubble: its label, position and size."""

    label: str
    x: float
    y: float
    size: float


@dataclass(frozen=True)
class BubbleChart:
    """A bubble chart split into four named quadrants at `x_split` and `y_split`."""

    box: Box
    bubbles: tuple[Bubble, ...]
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    x_split: float
    y_split: float
    x_title: str
    y_title: str
    quadrants: tuple[str, str, str, str]  # top left, top right, bottom left, bottom right
    number_format: str = "#,##0"
    format_code: str = ""  # how the PowerPoint chart writes its value axis, in the deck's language on any computer
    x_numbers: bool = True  # False: the outline names the x axis's ticks in words beside the chart, not in numbers
    plot: tuple[float, float, float, float] = field(
        init=False
    )  # the plot inside the chart's box: x0, y0, x1, y1 in points
    centres: tuple[tuple[float, float], ...] = field(
        init=False
    )  # each bubble's centre in points inside the chart's box
    radii: tuple[float, ...] = field(init=False)
    sides: tuple[str, ...] = field(init=False)  # where each bubble's label stands: center, right, left, above or below

    def x_at(self, value: float) -> float:
        """Where a value of the x axis stands, in points from the chart's left edge."""
        (x0, x1), plot = self.x_range, self.plot
        return plot[0] + (plot[2] - plot[0]) * (value - x0) / ((x1 - x0) or 1.0)

    def __post_init__(self) -> None:
        plot = bubbles.plot_area(self.box.w, self.box.h)
        (x0, x1), (y0, y1) = self.x_range, self.y_range

        def point(x: float, y: float) -> tuple[float, float]:
            return (
                plot[0] + (plot[2] - plot[0]) * (x - x0) / ((x1 - x0) or 1.0),
                plot[3] - (plot[3] - plot[1]) * (y - y0) / ((y1 - y0) or 1.0),
            )

        centres = tuple(point(b.x, b.y) for b in self.bubbles)
        radii = bubbles.radii([b.size for b in self.bubbles], plot)
        taken = bubbles.quadrant_rects(self.quadrants, plot, point(self.x_split, y0)[0])
        object.__setattr__(self, "plot", plot)
        object.__setattr__(self, "centres", centres)
        object.__setattr__(self, "radii", radii)
        object.__setattr__(
            self, "sides", bubbles.label_sides([b.label for b in self.bubbles], centres, radii, plot, taken)
        )


@dataclass(frozen=True)
class Image:
    """A picture from the plans repo: the bytes validation checked, so that no renderer reads a file named by a plan."""

    box: Box
    data: bytes = field(
        repr=False
    )  # not in the repr: the HTML renderer collects a deck's characters from its elements' reprs
    kind: str = "png"  # png, jpeg or svg
    alt: str = ""  # what the picture shows, for screen readers (PDF/UA requires it)


@dataclass(frozen=True)
class Shape:
    """A framed box with text, such as a person in the power map or a legend swatch; colours are theme names."""

    box: Box
    paras: tuple[Para, ...]
    size: float
    fill: str
    line: str
    line_width: float
    text_colour: str = "text"
    key: str = ""  # what connectors attach to
    rounded: bool = True
    padding: tuple[float, float] = (4.0, 2.0)  # between the frame and the text: left and right, top and bottom
    whole: tuple[
        Para, ...
    ] = ()  # the paragraphs unbroken, for PowerPoint to wrap in the measured box; else `paras` serve
    sites: tuple[
        tuple[float, float], ...
    ] = ()  # where connectors glue, as fractions of the box from its top left; () a plain box's four

    def text_top(self) -> float:
        """How far below the box's top its first line starts: the lines centred in the box, as PowerPoint anchors them."""
        lines = sum(para.text.count("\n") + 1 for para in self.paras)
        return max(0.0, (self.box.h - lines * self.size * LINE_SPACING) / 2)


@dataclass(frozen=True)
class Connector:
    """A line between two shapes, drawn over them: a reporting line or a tie (dashed), routed clear of every other box."""

    start: str  # Shape.key
    end: str
    points: tuple[tuple[float, float], ...]  # the route, in points, for renderers that draw it themselves
    colour: str
    width: float
    dashed: bool = False
    glued: bool = True  # a connector glued to both shapes, drawing exactly `points` (orthogonal, at most five legs)
    sites: tuple[int, int] = (
        2,
        0,
    )  # where it is glued on each box: its Shape.sites index (0 top, 1 left, 2 bottom, 3 right first)
    arrow: bool = False  # an arrowhead at the end: the tie has a direction (one person influences another)
    halo: float = (
        0.0  # points of white on each side, under the line: where it crosses a line drawn before, that one is broken
    )
    dotted: bool = False  # a reporting line through people not shown (the power map's overview)


Element = Text | Table | ColumnChart | LineChart | BubbleChart | Image | Shape | Connector
ELEMENT_KINDS: tuple[type, ...] = (Text, Table, ColumnChart, LineChart, BubbleChart, Image, Shape, Connector)
"""Every kind of element a slide holds: each renderer draws each of them (a test holds them to it)."""


@dataclass
class Slide:
    """One slide: its kind (for layouts and tests), title, elements and speaker notes."""

    kind: str
    title: str
    elements: list[Element] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    section: str = ""  # the agenda entry this slide belongs to
    also: tuple[str, ...] = ()  # further agenda entries that begin on this slide (thin ones, put on one)
    number: int = 0
    title_size: float = 0.0  # set when the outline is complete: the largest size at which the title fits
    title_box: Box | None = None  # where the title stands (set when the outline is complete; None on the cover)
    bookmark: str = ""  # the PDF outline's entry for the first slide of an agenda entry; else the title is used


@dataclass
class Deck:
    """The whole deck: metadata for the file and footer, and its slides."""

    title: str
    author: str
    subject: str
    language: str
    footer: str
    width: float
    height: float
    slides: list[Slide] = field(default_factory=list)
    footer_box: Box | None = None  # the footer's text on every slide but the cover, in `footer_size`
    number_box: Box | None = None  # the slide number beside it
    footer_size: float = 9.0
    title_box: Box | None = None  # where titles stand and the body begins: the PowerPoint master's placeholders
    body_box: Box | None = None

    def section_starts(self) -> dict[str, int]:
        """Each section's link target (an agenda entry's) and the index of the slide it starts on."""
        starts: dict[str, int] = {}
        for index, slide in enumerate(self.slides):
            for section in (slide.section, *slide.also):
                if section and section not in starts:
                    starts[section] = index
        return starts
