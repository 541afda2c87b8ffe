"""The kit every deck's slides are built with: the slide's geometry, text flowed over slides, tables, Markdown, bullets."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from kamdoc.analyse.portfolio import UNIT
from kamdoc.load.document import Document
from kamdoc.outline import slide_refs
from kamdoc.outline.budget import PROSE_WORDS, Appendix, appendix_line, lead, words
from kamdoc.outline.deck import Box, Deck, Slide, Table, Text
from kamdoc.outline.layout import (
    FOOTER_SHARE,
    INSET,
    TITLE_H,
    Flow,
    Fonts,
    fit_title,
    measure_lines,
    paginate_table,
)
from kamdoc.outline.measure import LINE_SPACING, Metrics
from kamdoc.outline.richtext import Para, Run, TableBlock, blocks, cited, plain
from kamdoc.outline.words import amount, day, percent, rounded, term, word
from kamdoc.standard.coverage import Coverage
from kamdoc.standard.model import item_model, label_of
from kamdoc.standard.plan import Plan
from kamdoc.standard.sections import SECTIONS, Column, Entry, Section
from kamdoc.standard.sections import section as section_of
from kamdoc.theme.settings import Theme
from kamdoc.validate.images import Image, Named

CUSTOMER_TITLES = {"goals": "shared_goals", "power_map": "organisation"}
"""Agenda entries the customer's copy names otherwise: it holds only the goals agreed with the customer, and the power
map is an organisation chart there."""
PT_PER_IN = 72.0
FOOTER_H = 18.0
FOOTER_LINE = 1.6
"""The footer's box is this many times its type size high."""
TITLE_TOP, FOOTER_ROOM = 0.6, 0.7
"""The title starts this many margins from the top; this many margins stay free under the body, for the footer."""
TITLE_GAP = 12.0
"""Points between the title's box and the body."""
GOALS_NAMED = 5
"""The standard's top goals: fewer are titled by their count ("Top-3-Ziele")."""
TITLE_STEPS = (0.0, 4.0, 8.0)
"""A title is tried at the theme's size, then this many points smaller, before it is shortened."""
TABLE_GAP = 14.0


def money_unit(largest: float) -> tuple[str, float, int]:
    """The unit amounts are written in when the largest of them is `largest` in the currency itself, what to divide by
    and the places: millions with one decimal from a million up (7.610 T€ as 7,6 Mio. €), thousands from ten thousand,
    else the currency itself."""
    if largest >= 1e6:
        return "million", 1e6, 1
    if largest >= 1e4:
        return "thousand", 1e3, 0
    return "one", 1.0, 0


MAX_PLACES = 3
"""The most places after the point an amount in a column gets, so that a small one beside large ones is not 0.0."""
SHORT_TABLE = 0.8
"""A table that fills at most this share of the body in a larger type is set in it (else in the small size)."""
"""Points between two tables on one slide."""


@dataclass(frozen=True)
class Geometry:
    """Where things go on a slide of the theme: fonts to measure with, slide size, margin, the body's box, text sizes."""

    fonts: Fonts
    width: float
    height: float
    margin: float
    body: Box
    sizes: tuple[float, float, float]

    @classmethod
    def of(cls, theme: Theme, size: tuple[float, float] | None = None, cache: Path | None = None) -> Geometry:
        """The theme's geometry; its fonts' widths are kept in the folder `cache` between runs when one is given."""
        width, height = size or (
            float(theme.get("slide", "width_in")) * PT_PER_IN,
            float(theme.get("slide", "height_in")) * PT_PER_IN,
        )
        margin = float(theme.get("slide", "margin_in")) * PT_PER_IN
        top = margin * TITLE_TOP + TITLE_H + TITLE_GAP
        fonts = Fonts(Metrics(theme.font_file("regular"), cache), Metrics(theme.font_file("bold"), cache))
        return cls(
            fonts,
            width,
            height,
            margin,
            Box(margin, top, width - 2 * margin, height - top - FOOTER_H - margin * FOOTER_ROOM),
            (theme.size("body"), theme.size("body") - 2, theme.size("small")),
        )

    @property
    def title_box(self) -> Box:
        """Where every slide's title stands but the cover's."""
        return Box(self.margin, self.margin * TITLE_TOP, self.width - 2 * self.margin, TITLE_H)

    def footer_boxes(self, footer_size: float) -> tuple[Box, Box]:
        """The footer's text and the slide number, side by side at the foot of the slide."""
        height = footer_size * FOOTER_LINE
        y = self.height - self.margin * 0.5 - height
        width = self.width - 2 * self.margin
        return Box(self.margin, y, width * FOOTER_SHARE, height), Box(
            self.margin + width * FOOTER_SHARE, y, width * (1 - FOOTER_SHARE), height
        )

    def place_footer(self, deck: Deck, theme: Theme) -> Deck:
        """The deck with its frame's geometry (title, body, footer): the renderers draw there and work out none of their own."""
        deck.footer_size = theme.size("footer")
        deck.footer_box, deck.number_box = self.footer_boxes(deck.footer_size)
        deck.title_box, deck.body_box = self.title_box, self.body
        return deck


def finish(slides: list[Slide], geometry: Geometry, theme: Theme) -> None:
    """Number the slides, mark titles that run over several slides "(2/3)", and fit each title."""
    _number(slides)
    slide_refs.resolve(slides, geometry.fonts)  # "S. 12" on the power map's slides, now that each has its number
    sizes = tuple(theme.size("title") - step for step in TITLE_STEPS)
    for slide in slides:
        slide.title, slide.title_size = fit_title(
            geometry.fonts,
            slide.title,
            geometry.width - 2 * geometry.margin,
            sizes,
            float(int(min(sizes[-1], TITLE_H / 2 / LINE_SPACING - 1))),
        )  # two lines fit
        slide.title_box = None if slide.kind == "cover" else geometry.title_box
    _same_sizes(slides)
    measure_lines(slides, geometry.fonts)


FAMILIES = {"swot": "swot", "own_swot": "swot", "goal": "goal"}
"""Kinds of slides a reader sees side by side: the customer's SWOT and ours, one goal after another."""


def _same_sizes(slides: list[Slide]) -> None:
    """Slides of one family show titles and body text at one size each: the smallest any of them needs (smaller always fits)."""
    families: dict[str, list[Slide]] = {}
    for slide in slides:
        if slide.kind in FAMILIES:
            families.setdefault(FAMILIES[slide.kind], []).append(slide)
    for group in families.values():
        title = min(s.title_size for s in group)
        body = min((e.size for s in group for e in s.elements if isinstance(e, Text) and e.role == "body"), default=0.0)
        for slide in group:
            slide.title_size = title
            slide.elements = [
                replace(e, size=body) if isinstance(e, Text) and e.role == "body" else e for e in slide.elements
            ]


class Kit:
    """What every deck's slide builders share: the theme's geometry, the language, and the slides made so far."""

    def __init__(
        self, theme: Theme, language: str, size: tuple[float, float] | None = None, cache: Path | None = None
    ) -> None:
        self.theme = theme
        self.lang = language
        self.geometry = g = Geometry.of(theme, size, cache)
        self.fonts, self.width, self.height, self.margin, self.body, self.sizes = (
            g.fonts,
            g.width,
            g.height,
            g.margin,
            g.body,
            g.sizes,
        )
        self.minimum = theme.size("minimum")
        self.slides: list[Slide] = []

    def w(self, key: str) -> str:
        return word(key, self.lang)

    def new(self, kind: str, title: str, section: str) -> Slide:
        # The notes are the presenter's: what to say, never where a file is edited (the live preview links to the places).
        slide = Slide(kind, title, notes=[], section=section)
        self.slides.append(slide)
        return slide

    def flow(self, kind: str, title: str, section: str, items: Sequence[Para | TableBlock]) -> None:
        """Text and tables over as many slides as they need, at the largest size that fits one slide (or the smallest, split)."""
        if not items:
            return
        for size in self.sizes:
            flow = self.flowed(items, size, self.body)
            if len(flow.pages) == 1:
                break
        # No near-empty last slide ("Wettbewerber." alone): fill the slides before it less, so that it gets a fair share.
        for share in BALANCE_STEPS:
            if len(flow.pages) < 2 or _filled(flow.pages[-1], self.body) >= SHORTEST_PAGE:
                break
            shorter = self.flowed(items, size, Box(self.body.x, self.body.y, self.body.w, self.body.h * share))
            if len(shorter.pages) == len(flow.pages):
                flow = shorter
        for page in flow.pages:
            slide = self.new(kind, title, section)
            slide.elements += page

    def flowed(self, items: Sequence[Para | TableBlock], size: float, body: Box) -> Flow:
        """Text and tables laid out page after page in `body` at `size`."""
        flow = Flow(self.fonts, body, size, self.theme.size("small"))
        for is_table, group in itertools.groupby(items, key=lambda item: isinstance(item, TableBlock)):
            if is_table:
                for block in group:
                    assert isinstance(block, TableBlock)
                    align = tuple("right" if a == "right" else "left" for a in block.align)
                    flow.table(block.header, list(block.rows), align)
            else:
                flow.paras([p for p in group if isinstance(p, Para)])
        return flow

    def table(
        self,
        kind: str,
        title: str,
        section: str,
        header: list[str],
        rows: list[list[str]],
        align: list[str] | None = None,
        bold_last_row: bool = False,
    ) -> None:
        """A table over as many slides as it needs, without the columns no row fills."""
        if not rows:
            return
        align = align or ["left"] * len(header)
        header, rows, align = filled_columns(header, rows, align)
        key_value = not any(header)  # a two-column table of labels and values
        for size in (*self.sizes, self.theme.size("small")):  # a short table in larger type, not a third of a slide
            tables = paginate_table(
                self.fonts,
                tuple(header),
                [tuple(r) for r in rows],
                tuple(align),
                self.body,
                size,
                bold_last_row,
                key_value,
            )
            if len(tables) == 1 and tables[0].box.h <= self.body.h * SHORT_TABLE:
                break
        for table in tables:
            slide = self.new(kind, title, section)
            slide.elements.append(table)

    def tables_together(
        self,
        kind: str,
        title: str,
        section: str,
        parts: list[tuple[list[str], list[list[str]], list[str]]],
    ) -> bool:
        """Small neighbouring tables on one slide, one under the other, in the largest type in which they take at most
        SHORT_TABLE of the body (else the small type); False (and nothing made) when they do not all fit."""
        placed: list[Table] = []
        for size in (*self.sizes, self.theme.size("small")):
            placed = self._stacked(parts, size)
            if placed and placed[-1].box.bottom - self.body.y <= self.body.h * SHORT_TABLE:
                break
        if not placed:
            return False
        slide = self.new(kind, title, section)
        slide.elements += placed
        return True

    def _stacked(self, parts: list[tuple[list[str], list[list[str]], list[str]]], size: float) -> list[Table]:
        """The tables one under the other at `size`; none when they do not all fit the body whole."""
        y, placed = self.body.y, []
        for header, rows, align in parts:
            if not rows:
                continue
            header, rows, align = filled_columns(header, rows, align)
            box = Box(self.body.x, y, self.body.w, self.body.bottom - y)
            tables = paginate_table(self.fonts, tuple(header), [tuple(r) for r in rows], tuple(align), box, size)
            if len(tables) > 1 or tables[0].box.bottom > self.body.bottom:
                return []
            placed.append(tables[0])
            y = tables[0].box.bottom + TABLE_GAP
        return placed

    def cite(self, text: str) -> str:
        """A text with its citations of sources written for the deck (a deck without sources has none)."""
        return text

    def plain(self, source: str | None) -> str:
        """Markdown as plain text, for a table's cell or a line of notes."""
        return plain(self.cite(source or ""))

    def markdown(self, source: str | None) -> list[Para | TableBlock]:
        """Markdown as paragraphs and tables, in order."""
        return list(blocks(self.cite(source or "")))

    def prose(self, source: str | None) -> list[Para]:
        """Markdown as paragraphs only (for boxes that hold no table): a table's rows become lines."""
        out: list[Para] = []
        for block in blocks(self.cite(source or "")):
            if isinstance(block, TableBlock):
                out.append(Para((Run(" | ".join(block.header), bold=True),)))
                out += [Para((Run(" | ".join(row)),)) for row in block.rows]
            else:
                out.append(block)
        return out

    def broken(self, said: str, size: float, width: float, bold: bool = False) -> Para:
        """A text with its lines broken where they break in `width` points: a frame that PowerPoint and the PDF both
        show with these lines (a shape's padding, or room a frame keeps, is the caller's to take off `width`)."""
        para = Para((Run(said, bold=bold),))
        return para.broken_at(self.fonts.breaks(para, size, width + 2 * INSET, bold)) if said else para

    def heading(self, label: str) -> Para:
        return Para((Run(label, bold=True),))

    def bullets(self, items: list[str]) -> list[Para]:
        """One bullet per item; an item of several paragraphs keeps all of them, joined."""
        out = []
        for item in items:
            paras = self.prose(item)
            runs = tuple(run for i, p in enumerate(paras) for run in ((Run(" "),) if i else ()) + p.runs)
            if runs:
                out.append(Para(runs, "•", 0))
        return out


class PlanKit(Kit):
    """The kit of one plan's deck: the plan (already the audience's copy), its checked images, and whose copy it is."""

    def __init__(
        self,
        plan: Plan,
        doc: Document,
        theme: Theme,
        customer: bool,
        size: tuple[float, float] | None = None,
        images: Mapping[Named, Image] | None = None,
        cache: Path | None = None,
    ) -> None:
        super().__init__(theme, plan.language, size, cache)
        self.plan = plan
        self.doc = doc
        self.images = images or {}
        self.customer = customer  # the customer's copy: the plan is theirs already; this only keeps our edit hints out
        self.people = {p.id: p.name for p in plan.power_map.people}
        self.sources = {s.id: n for n, s in enumerate(plan.sources, 1)}  # how the deck numbers them: as listed
        self.appendices: list[Appendix] = []  # long texts whole, for the deck's end (`told`)
        self.coverage: Coverage | None = None  # our copy's relationship coverage, for the power map's legend

    def cite(self, text: str) -> str:
        return cited(text, self.sources)

    def source_mark(self, source: str | None) -> str:
        """A figure's source as the deck marks it beside the figure: " [2]", or nothing."""
        return f"\u00a0[{self.sources[source]}]" if source in self.sources else ""

    def person(self, pid: str | None) -> str:
        """A power map person by name (an id the map lacks as it is written)."""
        return self.people.get(pid, pid) if pid else ""

    def money(self, value: float | None) -> str:
        if value is None:
            return ""
        fin = self.plan.financials
        return amount(value, fin.currency, fin.unit, self.lang)

    def scaled(self, value: float) -> str:
        """An amount of the plan's currency and unit in the unit its size calls for: 7.610 T€ as 7,6 Mio. €."""
        fin = self.plan.financials
        ones = value * UNIT[fin.unit]
        unit, divisor, places = money_unit(abs(ones))
        return amount(rounded(ones / divisor, places), fin.currency, unit, self.lang)

    def money_column(self, values: Iterable[float | None]) -> Callable[[float | None], str]:
        """How one column of amounts is written: all in the unit its largest calls for, with the same places (NOK
        175.0m beside NOK 7.4m, not NOK 175,000k), as the summary's figures are; a small amount gets the places it needs
        not to read as nothing."""
        fin = self.plan.financials
        factor = UNIT[fin.unit]
        unit, divisor, decimals = money_unit(max((abs(v) * factor for v in values if v is not None), default=0.0))

        def said(value: float | None) -> str:
            if value is None:
                return ""
            scaled, places = value * factor / divisor, decimals
            while places < MAX_PLACES and scaled and not rounded(scaled, places):
                places += 1
            return amount(rounded(scaled, places), fin.currency, unit, self.lang, places)

        return said

    def told(self, kind: str, title: str, section: str, items: Sequence[Para | TableBlock]) -> None:
        """Prose within the word budget: a text longer than PROSE_WORDS shows its lead and key facts, and a line
        that links to the whole of it in the deck's appendix ("Anhang: Marktumfeld im Detail")."""
        self.flow(kind, title, section, self.budgeted(f"appendix_{kind}", title, items))

    def budgeted(
        self, anchor: str, title: str, items: Sequence[Para | TableBlock], budget: int = PROSE_WORDS
    ) -> list[Para | TableBlock]:
        """The text as a slide shows it: whole within the budget, else its lead and key facts and a line that links
        to the whole of it, which goes to the appendix under `anchor` (titled "`title` im Detail")."""
        if words(items) <= budget:
            return list(items)
        said = self.w("in_the_appendix").format(page=slide_refs.entry_ref(anchor))
        self.appendices.append(Appendix(self.w("appendix_of").format(title=title), anchor, tuple(items)))
        return [*lead(items, budget), appendix_line(said, anchor)]

    def entry_title(self, entry: Entry) -> str:
        """An agenda entry's title: the registry's, or the customer's copy's own name for it (CUSTOMER_TITLES); the
        goals' by their count ("Unser Ziel", "Top-3-Ziele")."""
        if entry.key == "goals" and not self.customer and len(self.plan.goals) < GOALS_NAMED:
            count = len(self.plan.goals)
            return self.w("our_goal") if count == 1 else self.w("top_goals").format(n=count)
        return self.customer_word(entry.key) or entry.title[self.lang == "de"]

    def entry_title_of(self, key: str) -> str:
        """The agenda's name for the entry `key`, as `entry_title` gives it ("Top-3-Ziele", "Unsere Position")."""
        return self.entry_title(next(e for s in SECTIONS for e in s.agenda if e.key == key))

    def customer_word(self, key: str) -> str:
        """What the customer's copy calls a section its own way ("Gemeinsame Ziele"); empty elsewhere."""
        return self.w(CUSTOMER_TITLES[key]) if self.customer and key in CUSTOMER_TITLES else ""

    def section_table(self, section: Section, entry: Entry) -> None:
        """A list section without a builder of its own: the table its registry entry declares, one row per item."""
        assert section.table is not None
        items = list(getattr(self.plan, section.key) or ())
        if section.table.sort_by:
            by = section.table.sort_by
            items.sort(key=lambda item: (getattr(item, by) is None, getattr(item, by)))
        columns = section.table.columns
        # Each column of amounts in one unit, chosen by its largest.
        money = {c.field: self.money_column(getattr(i, c.field) for i in items) for c in columns if c.show == "money"}
        rows = [
            [money[c.field](getattr(item, c.field)) if c.field in money else self.cell(c, item) for c in columns]
            for item in items
        ]
        header = [self.column_title(section, column) for column in columns]
        self.table(
            section.key,
            entry.title[self.lang == "de"],
            entry.key,
            header,
            rows,
            [c.align for c in columns],
        )

    def label(self, model: type[BaseModel], name: str) -> str:
        """A field's declared label in the deck's language: a section's slides say their fields as the standard does."""
        return label_of(model.model_fields[name], name, self.lang)

    def title(self, key: str) -> str:
        """A section's title in the deck's language, as the registry declares it."""
        declared = section_of(key)
        return declared.title[self.lang == "de"] if declared else key

    def column_title(self, section: Section, column: Column) -> str:
        """A column's heading: the one the section declares, else the field's own label."""
        if column.title is not None:
            return column.title[self.lang == "de"]
        item = item_model(section.type)
        info = item.model_fields.get(column.field) if item is not None else None
        return label_of(info, column.field, self.lang) if info is not None else column.field

    def cell(self, column: Column, item: object) -> str:
        """One value of a table as the deck writes it."""
        value = getattr(item, column.field)
        if value is None or value == []:
            return ""
        shown: dict[str, Callable[[Any], str]] = {
            "text": str,
            "markdown": self.plain,
            "date": lambda v: day(v, self.lang),
            "person": self.person,
            "money": self.money,
            "percent": lambda v: percent(v, self.lang),
            "list": lambda v: ", ".join(map(str, v)),
            "term": lambda v: term(column.vocabulary or "", v, self.lang),
            "flag": lambda v: self.w("yes") if v else "",
        }
        return shown[column.show](value)


# Fields whose values come from a closed list of another name.

SHORTEST_PAGE = 0.45
"""A continuation slide of text is at least this share full; else the slides before it hold less."""
BALANCE_STEPS = (0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6)
"""Shares of the body's height the earlier slides are tried at, to give the last one more."""


def filled_columns(
    header: list[str], rows: list[list[str]], align: list[str]
) -> tuple[list[str], list[list[str]], list[str]]:
    """A table without the columns no row fills (a budget nobody gave, or a field the customer's copy leaves out).

    The first column names the row and stays; so does every column of a table of labels and values.
    """
    if not any(header):
        return header, rows, align
    keep = [i for i in range(len(header)) if i == 0 or any(row[i].strip() for row in rows if i < len(row))]
    if len(keep) == len(header):
        return header, rows, align
    return [header[i] for i in keep], [[row[i] for i in keep if i < len(row)] for row in rows], [align[i] for i in keep]


def _filled(page: list[Text | Table], body: Box) -> float:
    """How much of the body's height a slide's content takes."""
    return (max((e.box.bottom for e in page), default=body.y) - body.y) / body.h


def _number(slides: list[Slide]) -> None:
    """Slide numbers, and "(2/3)" on titles that run over several slides."""
    counts: dict[str, int] = {}
    for slide in slides:
        counts[slide.title] = counts.get(slide.title, 0) + 1
    seen: dict[str, int] = {}
    for i, slide in enumerate(slides, 1):
        slide.number = i
        total = counts[slide.title]
        if total > 1:
            seen[slide.title] = seen.get(slide.title, 0) + 1
            slide.title = f"{slide.title} ({seen[slide.title]}/{total})"
