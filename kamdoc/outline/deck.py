"""The deck as data: slides and what sits where on them, in points, for both renderers to draw alike."""

from __future__ import annotations

from dataclasses import dataclass, field

from kamdoc.outline.axes import LINE_LEFT, LINE_RIGHT, MARKERS_UP_TO, column_axis, label_every, line_step
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
    axis_top: float = field(init=False)  # the value axis's end and gridline interval, the same in every format
    axis_step: float = field(init=False)

    def __post_init__(self) -> None:
        count = len(self.categories)
        if self.stacked:
            highest = [sum(s.values[i] or 0 for s in self.series) for i in range(count)]
        else:
            highest = [max((s.values[i] or 0 for s in self.series), default=0.0) for i in range(count)]
        top, step = column_axis(highest, "." not in self.number_format)
        object.__setattr__(self, "axis_top", top)
        object.__setattr__(self, "axis_step", step)


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


@dataclass(frozen=True)
class Image:
    """A picture from the plans repo (already checked by validation)."""

    box: Box
    path: str
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


@dataclass(frozen=True)
class Connector:
    """A line between two shapes: a reporting line (straight, glued) or another tie (dashed, routed around boxes)."""

    start: str  # Shape.key
    end: str
    points: tuple[tuple[float, float], ...]  # the route, in points, for renderers that draw it themselves
    colour: str
    width: float
    dashed: bool = False
    glued: bool = True  # a straight connector glued to both shapes; else a polyline along `points`


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
