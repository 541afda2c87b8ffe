"""The outline: a validated plan as the deck's slides, in the standard's order, each measured to fit."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from pathlib import Path

from kamdoc.outline import words as labels
from kamdoc.outline.words import amount, change_percent, day, number, percent, term, word
from kamdoc.outline.axes import CHART_FONT, TOTAL_ROOM
from kamdoc.outline.layout import (
    FOOTER_SHARE,
    INSET,
    TITLE_H,
    Flow,
    Fonts,
    fit_line,
    fit_size,
    fit_title,
    measure_lines,
    paginate_table,
    text,
)
from kamdoc.analyse.audience import for_audience
from kamdoc.load.document import Document, Path_
from kamdoc.outline.cover import cover_elements, marking, plan_facts
from kamdoc.outline.axes import round_top
from kamdoc.outline import slide_refs
from kamdoc.outline.measure import LINE_SPACING, Metrics
from kamdoc.validate.images import LOGO, Image, Named
from kamdoc.standard.model import Goal, OwnSwot, Potential, Product, Swot
from kamdoc.standard.plan import Plan
from kamdoc.standard.programme import CustomerCopy
from kamdoc.standard.sections import SECTIONS, Column, Entry, Section
from kamdoc.outline.richtext import Para, Run, TableBlock, blocks, plain
from kamdoc.outline.deck import (
    Box,
    Bubble,
    BubbleChart,
    ColumnChart,
    Deck,
    Series,
    Shape,
    Slide,
    Table,
    Text,
)
from kamdoc.theme.settings import Theme

if TYPE_CHECKING:
    from kamdoc.analyse.diff import Change

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
TITLE_STEPS = (0.0, 4.0, 8.0)
"""A title is tried at the theme's size, then this many points smaller, before it is shortened."""
FOOTER_NAME_MIN = 40.0
"""Points the account's name keeps in the footer, however long the version and the marking."""
TABLE_GAP = 14.0
"""Points between two tables on one slide."""
GRID_GAP = 10.0
"""Points between the boxes of a 2x2 grid (SWOT)."""
POTENTIAL_HEADROOM = 1.15
"""The potential axis reaches this much above the largest unit, so that its bubble is not cut."""
ATTITUDE_AXIS = (-3.0, 3.0)
"""The attitude axis (attitudes run from -2 to +2): room for the outer bubbles."""
BUBBLE_LABEL_SHARE = 0.4
"""The widest a bubble's name may be, as a share of the chart's width; past it, every bubble is numbered and named in a key."""
KEY_SHARE = 0.35
"""The most of the slide's body a key under the bubble chart may take; a longer key gets slides of its own after the chart."""
KEY_GAP = 8.0
"""Points between the bubble chart and its key."""
MISSION_SHARE, MISSION_SIZES = 0.38, (24.0, 20.0)
"""The mission statement's share of the body, and the sizes tried for it before the body's."""
LABEL_H, LABEL_GAP = 18.0, 22.0
"""A caption's box (the horizon under the statement) and the room kept for it."""
COLUMN_GAP = 14.0
"""Points between side-by-side columns of text."""
GOAL_TEXT_SHARE, GOAL_GAP = 0.42, 16.0
TILE_PAD = 6.0
"""Points between a goal's fact tile and its text (a point less is drawn: PowerPoint's own wrap never needs a line more)."""
"""A goal slide's text (strategy, resources) takes this share of the width; this many points before its tables."""


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
        width, height = size or (float(theme.get("slide", "width_in")) * PT_PER_IN, float(theme.get("slide", "height_in")) * PT_PER_IN)
        margin = float(theme.get("slide", "margin_in")) * PT_PER_IN
        top = margin * TITLE_TOP + TITLE_H + TITLE_GAP
        fonts = Fonts(Metrics(theme.font_file("regular"), cache), Metrics(theme.font_file("bold"), cache))
        return cls(fonts, width, height, margin,
                   Box(margin, top, width - 2 * margin, height - top - FOOTER_H - margin * FOOTER_ROOM),
                   (theme.size("body"), theme.size("body") - 2, theme.size("small")))

    @property
    def title_box(self) -> Box:
        """Where every slide's title stands but the cover's."""
        return Box(self.margin, self.margin * TITLE_TOP, self.width - 2 * self.margin, TITLE_H)

    def footer_boxes(self, footer_size: float) -> tuple[Box, Box]:
        """The footer's text and the slide number, side by side at the foot of the slide."""
        height = footer_size * FOOTER_LINE
        y = self.height - self.margin * 0.5 - height
        width = self.width - 2 * self.margin
        return Box(self.margin, y, width * FOOTER_SHARE, height), Box(self.margin + width * FOOTER_SHARE, y, width * (1 - FOOTER_SHARE), height)

    def place_footer(self, deck: Deck, theme: Theme) -> Deck:
        """The deck with its frame's geometry (title, body, footer): the renderers draw there and work out none of their own."""
        deck.footer_size = theme.size("footer")
        deck.footer_box, deck.number_box = self.footer_boxes(deck.footer_size)
        deck.title_box, deck.body_box = self.title_box, self.body
        return deck


def finish(slides: list[Slide], geometry: Geometry, theme: Theme) -> None:
    """Number the slides, mark titles that run over several slides "(2/3)", and fit each title."""
    _number(slides)
    slide_refs.resolve(slides)  # "S. 12" on the power map's slides, now that each has its number
    sizes = tuple(theme.size("title") - step for step in TITLE_STEPS)
    for slide in slides:
        slide.title, slide.title_size = fit_title(geometry.fonts, slide.title, geometry.width - 2 * geometry.margin, sizes,
                                                  float(int(min(sizes[-1], TITLE_H / 2 / LINE_SPACING - 1))))  # two lines fit
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
            slide.elements = [replace(e, size=body) if isinstance(e, Text) and e.role == "body" else e for e in slide.elements]


def column_totals(chart: ColumnChart, language: str) -> list[Text]:
    """Each column's total above it, in bold: a reader sees the year's sum without adding up the stack."""
    slot = (chart.plot[2] - chart.plot[0]) / max(1, len(chart.categories))
    out = []
    for i, total in enumerate(chart.heights):
        if total <= 0:
            continue
        top = chart.box.y + chart.value_y(total) - TOTAL_ROOM
        out.append(text(Box(chart.box.x + chart.column_centre(i) - slot / 2, top, slot, TOTAL_ROOM - 1),
                        [Para((Run(number(total, language)),))], CHART_FONT, bold=True, align="center", role="caption"))
    return out


class _Builder:
    """Builds the slides of one plan; every section method appends its slides."""

    def __init__(self, plan: Plan, doc: Document, theme: Theme, customer: bool, size: tuple[float, float] | None = None,
                 images: Mapping[Named, Image] | None = None, cache: Path | None = None) -> None:
        self.plan = plan
        self.doc = doc
        self.theme = theme
        self.images = images or {}
        self.customer = customer  # the customer's copy: the plan is theirs already; this only keeps our edit hints out
        self.lang = plan.language
        self.geometry = g = Geometry.of(theme, size, cache)
        self.fonts, self.width, self.height, self.margin, self.body, self.sizes = g.fonts, g.width, g.height, g.margin, g.body, g.sizes
        self.minimum = theme.size("minimum")
        self.slides: list[Slide] = []
        self.people = {p.id: p.name for p in plan.power_map.people}

    # --- helpers --------------------------------------------------------------------

    def person(self, pid: str | None) -> str:
        """A power map person by name (an id the map lacks as it is written)."""
        return self.people.get(pid, pid) if pid else ""

    def w(self, key: str) -> str:
        return word(key, self.lang)

    def new(self, kind: str, title: str, section: str, *paths: Path_) -> Slide:
        # The notes are the presenter's: what to say, never where a file is edited (the live preview links to the places).
        slide = Slide(kind, title, notes=[], section=section)
        self.slides.append(slide)
        return slide

    def money(self, value: float | None) -> str:
        if value is None:
            return ""
        fin = self.plan.financials
        return amount(value, fin.currency, fin.unit, self.lang)

    def potential(self, units: Sequence[Potential], section: str) -> None:
        """The potential portfolio: units as bubbles by attitude and potential; long names numbered, with a key under the chart."""
        top = round_top(max(u.potential for u in units) * POTENTIAL_HEADROOM)
        names = [u.unit for u in units]
        keyed = any(self.fonts.regular.width(name, CHART_FONT) > self.body.w * BUBBLE_LABEL_SHARE for name in names)
        bubbles = tuple(Bubble(str(i) if keyed else u.unit, float(u.attitude), u.potential, u.potential) for i, u in enumerate(units, 1))
        unit = labels.amount_unit(self.plan.financials.currency, self.plan.financials.unit, self.lang)
        quadrants = (self.w("quadrant_win_over"), self.w("quadrant_focus"), self.w("quadrant_watch"), self.w("quadrant_reference"))
        slide = self.new("potential", self.w("potential"), section, ("position", "potential"))
        box = self.body
        if keyed:  # a name wider than this would run across the others and off the plot
            key = [Para((Run(f"{i}  ", bold=True), Run(name))) for i, name in enumerate(names, 1)]
            size = self.theme.size("small")
            height = self.fonts.text_height(key, size, self.body.w)
            if height <= self.body.h * KEY_SHARE:
                box = Box(self.body.x, self.body.y, self.body.w, self.body.h - height - KEY_GAP)
                slide.elements.append(text(Box(self.body.x, box.bottom + KEY_GAP, self.body.w, height), key, size))
            else:
                self.flow("potential_key", self.w("potential_key"), section, key, ("position", "potential"))
        slide.elements.insert(0, BubbleChart(box, bubbles, ATTITUDE_AXIS, (0.0, top), 0.0, top / 2, self.w("attitude_axis"),
                                             f"{self.w('potential_axis')} ({unit})", quadrants, "#,##0", labels.chart_format("#,##0", self.lang)))

    def flow(self, kind: str, title: str, section: str, items: Sequence[Para | TableBlock], *paths: Path_) -> None:
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
            slide = self.new(kind, title, section, *paths)
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

    def table(self, kind: str, title: str, section: str, header: list[str], rows: list[list[str]],
              align: list[str] | None = None, *paths: Path_, bold_last_row: bool = False) -> None:
        if not rows:
            return
        align = align or ["left"] * len(header)
        header, rows, align = _filled_columns(header, rows, align)
        size = self.theme.size("small")
        key_value = not any(header)  # a two-column table of labels and values
        for table in paginate_table(self.fonts, tuple(header), [tuple(r) for r in rows], tuple(align), self.body, size,
                                    bold_last_row, key_value):
            slide = self.new(kind, title, section, *paths)
            slide.elements.append(table)

    def tables_together(self, kind: str, title: str, section: str, parts: list[tuple[list[str], list[list[str]], list[str]]],
                        *paths: Path_) -> bool:
        """Small neighbouring tables on one slide, one under the other; False (and nothing made) when they do not all fit."""
        size, y, placed = self.theme.size("small"), self.body.y, []
        for header, rows, align in parts:
            if not rows:
                continue
            header, rows, align = _filled_columns(header, rows, align)
            box = Box(self.body.x, y, self.body.w, self.body.bottom - y)
            tables = paginate_table(self.fonts, tuple(header), [tuple(r) for r in rows], tuple(align), box, size)
            if len(tables) > 1 or tables[0].box.bottom > self.body.bottom:
                return False
            placed.append(tables[0])
            y = tables[0].box.bottom + TABLE_GAP
        slide = self.new(kind, title, section, *paths)
        slide.elements += placed
        return True

    def markdown(self, source: str | None) -> list[Para | TableBlock]:
        """Markdown as paragraphs and tables, in order."""
        return list(blocks(source or ""))

    def prose(self, source: str | None) -> list[Para]:
        """Markdown as paragraphs only (for boxes that hold no table): a table's rows become lines."""
        out: list[Para] = []
        for block in blocks(source or ""):
            if isinstance(block, TableBlock):
                out.append(Para((Run(" | ".join(block.header), bold=True),)))
                out += [Para((Run(" | ".join(row)),)) for row in block.rows]
            else:
                out.append(block)
        return out

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

    # --- sections -------------------------------------------------------------------

    def cover(self) -> None:
        c = self.plan.cover
        slide = self.new("cover", c.account, "cover", ("cover",))
        # The bytes validation checked: a file read again here could have changed since (or be gone).
        logo = self.images.get((LOGO, c.logo)) if c.logo else None
        slide.elements += cover_elements(c.account, plan_facts(c, self.lang, self.customer), logo, self.fonts, self.theme, (self.width, self.height),
                                         self.margin, self.sizes)

    def entry_title(self, entry: Entry) -> str:
        """An agenda entry's title: the registry's, or the customer's copy's own name for it (CUSTOMER_TITLES)."""
        return self.customer_word(entry.key) or entry.title[self.lang == "de"]

    def customer_word(self, key: str) -> str:
        """What the customer's copy calls a section its own way ("Gemeinsame Ziele"); empty elsewhere."""
        return self.w(CUSTOMER_TITLES[key]) if self.customer and key in CUSTOMER_TITLES else ""

    def agenda(self, entries: list[tuple[Entry, str]]) -> None:
        """The agenda: each entry that made slides, linked to its first one."""
        slide = self.new("agenda", self.w("agenda"), "agenda")
        titles = [(entry.key, self.entry_title(entry)) for entry, _ in entries]
        paras = [Para((Run(title, link=f"#{key}"),), f"{i}.") for i, (key, title) in enumerate(titles, 1)]
        size = fit_size(self.fonts, paras, self.body, (self.theme.size("subtitle"), *self.sizes)) or self.minimum
        slide.elements.append(text(self.body, paras, size))

    def changes(self, since: str, changes: list[Change] | None) -> None:
        """The "Changes since …" slides: one line per change, in the standard's order of sections."""
        from kamdoc.outline.change_words import ChangeWords, marked_runs

        title = f"{self.w('changes_since')} {since}"
        if changes is None:
            paras = [Para((Run(f"{self.w('new_since')} {since}."),))]
        elif not changes:
            paras = [Para((Run(f"{self.w('no_changes_since')} {since}."),))]
        else:
            paras = []
            said = ChangeWords(self.lang)
            for change in changes:
                label, rest = said.parts(change)
                marker = {"added": "+ ", "removed": "− "}.get(change.kind, "")
                paras.append(Para((Run(f"{label}: ", bold=True), *marked_runs(f"{marker}{rest}")), "•"))
            if not paras:
                paras = [Para((Run(f"{self.w('no_changes_since')} {since}."),))]
        self.flow("changes", title, "changes", paras)

    def profile(self) -> None:
        p = self.plan.profile
        facts = [f"{p.industry}", p.headquarters or "", p.website or ""]
        paras = [Para((Run(" · ".join(f for f in facts if f), bold=True),))] + self.markdown(p.summary)
        self.flow("profile", self.w("profile"), "profile", paras, ("profile", "summary"))
        if p.kpis:
            years = sorted({y for k in p.kpis for y in k.values})
            rows = []
            for k in p.kpis:
                values = [k.values.get(y) for y in years]
                present = [v for v in values if v is not None]
                trend = "" if len(present) < 2 else ("↗" if present[-1] > present[0] else "↘" if present[-1] < present[0] else "→")
                rows.append([k.name, k.unit or "", *[number(v, self.lang) if v is not None else "" for v in values], trend, plain(k.benchmark or "")])
            self.table("kpis", self.w("kpis"), "profile", [self.w("name"), self.w("unit"), *map(str, years), self.w("trend"), self.w("benchmark")],
                       rows, ["left", "left", *["right"] * len(years), "center", "left"], ("profile", "kpis"))
        if p.owners or p.subsidiaries:
            owners = [[o.name, percent(o.share, self.lang), plain(o.influence or "")] for o in p.owners]
            subsidiaries = [[s.name, s.country or "", term("relation", s.relation, self.lang)] for s in p.subsidiaries]
            if not self.tables_together("owners", self.w("ownership"), "profile", [
                    ([self.w("name"), self.w("share"), self.w("influence")], owners, ["left", "right", "left"]),
                    ([self.w("name"), self.w("country"), self.w("relation")], subsidiaries, ["left", "left", "left"])],
                    ("profile", "owners"), ("profile", "subsidiaries")):
                self.table("owners", self.w("ownership"), "profile", [self.w("name"), self.w("share"), self.w("influence")], owners,
                           ["left", "right", "left"], ("profile", "owners"))
                self.table("subsidiaries", self.w("ownership"), "profile", [self.w("name"), self.w("country"), self.w("relation")],
                           subsidiaries, None, ("profile", "subsidiaries"))

    def customer_goals(self) -> None:
        rows = [[g.goal, day(g.deadline, self.lang) if g.deadline else "", ", ".join(g.departments),
                 ", ".join(self.person(c) for c in g.contacts)] for g in self.plan.profile.goals]
        self.table("customer_goals", self.w("customer_goals"), "customer_goals",
                   [self.w("goal"), self.w("deadline"), self.w("departments"), self.w("contacts")], rows,
                   ["left", "right", "left", "left"], ("profile", "goals"))

    def market(self) -> None:
        p = self.plan.profile
        self.flow("market", self.w("market"), "market", self.markdown(p.market), ("profile", "market"))
        rows = [[c.name, plain(c.positioning or ""), "; ".join(c.strengths), "; ".join(c.weaknesses)] for c in p.competitors]
        self.table("competitors", self.w("competitors"), "market",
                   [self.w("name"), self.w("positioning"), self.w("strengths"), self.w("weaknesses")], rows, None, ("profile", "competitors"))

    def buying_strategy(self) -> None:
        b = self.plan.buying_strategy
        def yes_no(value: bool | None) -> str:
            return "" if value is None else self.w("yes") if value else self.w("no")

        facts = [
            ("sourcing", term("sourcing", b.sourcing, self.lang)),
            ("max_supplier_share", percent(b.max_supplier_share, self.lang) if b.max_supplier_share is not None else ""),
            ("procurement", term("procurement", b.procurement, self.lang)),
            ("buying_committee", yes_no(b.buying_committee)),
            ("framework_contract_required", yes_no(b.framework_contract_required)),
            ("supplier_evaluation", plain(b.supplier_evaluation or "")),
            ("category_owners", "; ".join(f"{c.category}: {self.person(c.owner)}" if c.owner else c.category for c in b.category_owners)),
            ("notes", plain(b.notes or "")),
        ]
        rows = [[self.w(key), value] for key, value in facts if value]
        self.table("buying_strategy", self.w("buying_strategy"), "buying_strategy", ["", ""], rows, None, ("buying_strategy",))

    def power_map(self) -> None:
        from kamdoc.outline.power_map import power_map_slides

        pm = self.plan.power_map
        if not pm.people:
            return
        title = self.customer_word("power_map") or self.w("power_map")
        slides, ties = power_map_slides(pm.people, pm.links, self.body, self.fonts, self.lang, title, self.customer)
        for made in slides:
            shown = f"{title}: {self.w('power_map_overview')}" if made.overview else title
            slide = self.new("power_map", shown, "power_map", ("power_map", "people"))
            slide.elements += made.elements
            slide.notes += made.notes  # our notes on the people: for the speaker, not the slide
        header = [self.w("from_person"), self.w("tie"), self.w("to_person"), self.w("shown_on")]  # where: only over several slides
        self.table("power_map_ties", self.w("ties"), "power_map", header[: len(ties[0])] if ties else header, ties, None, ("power_map", "links"))

    def swot_grid(self, kind: str, title: str, section: str, swot: Swot | OwnSwot, path: Path_) -> None:
        quadrants = [(key, [str(s) for s in getattr(swot, key)]) for key in ("strengths", "weaknesses", "opportunities", "threats")]
        if not any(items for _, items in quadrants):
            return  # four empty boxes say nothing (a plan just started with `kamdoc new`)
        gap = GRID_GAP
        qw, qh = (self.body.w - gap) / 2, (self.body.h - gap) / 2
        boxes = [Box(self.body.x + (i % 2) * (qw + gap), self.body.y + (i // 2) * (qh + gap), qw, qh) for i in range(4)]
        contents = [[self.heading(self.w(key)), *self.bullets(items)] for key, items in quadrants]
        size = min((fit_size(self.fonts, c, b, (*self.sizes, self.minimum)) or 0) for c, b in zip(contents, boxes))
        if size:
            slide = self.new(kind, title, section, path)
            for box, content, colour in zip(boxes, contents, ("table_stripe",) * 4):
                slide.elements.append(text(box, content, size, fill=colour))
            return
        for key, items in quadrants:  # too long for a 2x2: one quadrant after the other
            self.flow(kind, f"{title}: {self.w(key)}", section, self.bullets(items), path)

    def swot(self) -> None:
        s = self.plan.swot
        self.swot_grid("swot", self.w("swot"), "swot", s, ("swot",))
        if s.our_contribution:
            self.flow("swot", f"{self.w('swot')}: {self.w('our_contribution')}", "swot", self.markdown(s.our_contribution), ("swot", "our_contribution"))

    def position(self) -> None:
        pos = self.plan.position
        if pos is None:
            return
        section = "position"
        rows = [[self.w("won"), w.name, str(w.year or ""), self.money(w.size), plain(w.success_criteria or "")] for w in pos.won]
        rows += [[self.w("lost"), lost.name, str(lost.year or ""), self.money(lost.size),
                  (lost.winner or "") + (": " if lost.winner and lost.reasons else "") + plain(lost.reasons or "")]
                 for lost in pos.lost]
        self.table("won_lost", self.w("won_lost"), section, ["", self.w("project"), self.w("year"), self.w("size"),
                   f"{self.w('success_criteria')} / {self.w('winner')}"], rows, ["left", "left", "right", "right", "left"], ("position", "won"))
        if pos.potential:
            self.potential(pos.potential, section)
        if pos.perception:
            pr = pos.perception
            rows = [[self.w(k), v] for k, v in (("role", term("perception_role", pr.role, self.lang)),
                                                ("positioning", term("positioning", pr.positioning, self.lang)),
                                                ("rating", plain(pr.rating or ""))) if v]
            self.table("perception", self.w("perception"), section, ["", ""], rows, None, ("position", "perception"))
        self.flow("our_market", self.w("our_market"), section, self.markdown(pos.market), ("position", "market"))
        rows = [[c.name, plain(c.strategy or ""), "; ".join(c.strengths), "; ".join(c.weaknesses), c.key_account_manager or "", plain(c.resources or "")]
                for c in pos.competitors]
        self.table("our_competitors", self.w("our_competitors"), section,
                   [self.w("name"), self.w("strategy"), self.w("strengths"), self.w("weaknesses"), self.w("key_account_manager"), self.w("resources")],
                   rows, None, ("position", "competitors"))
        if pos.swot:
            self.swot_grid("own_swot", self.w("own_swot"), section, pos.swot, ("position", "swot"))

    def mission(self) -> None:
        m = self.plan.mission
        statement = [Para(tuple(Run(r.text, True, r.italic, r.link) for r in p.runs)) for p in self.prose(m.statement)]
        top = Box(self.body.x, self.body.y, self.body.w, self.body.h * MISSION_SHARE - LABEL_GAP)
        size = fit_size(self.fonts, statement, top, (*MISSION_SIZES, *self.sizes, self.minimum))
        if size is None:  # longer than its box at the smallest size: on slides of its own, never over the footer
            self.flow("mission", self.w("mission"), "mission", statement, ("mission",))
        slide = self.new("mission", self.w("mission"), "mission", ("mission",))
        if size is not None:
            slide.elements.append(text(top, statement, size, colour="primary"))
        sides = [(k, getattr(m, k)) for k in ("customer_mission", "company_mission") if getattr(m, k)]
        gap = COLUMN_GAP
        low = Box(self.body.x, top.bottom + LABEL_GAP + gap, self.body.w, self.body.bottom - top.bottom - LABEL_GAP - gap)
        width = (low.w - gap * (len(sides) - 1)) / max(1, len(sides))
        columns = [[self.heading(self.w(k)), *self.prose(v)] for k, v in sides]
        boxes = [Box(low.x + i * (width + gap), low.y, width, low.h) for i in range(len(sides))]
        size = min([fit_size(self.fonts, c, b, (*self.sizes, self.minimum)) or 0 for c, b in zip(columns, boxes)] or [0])
        if size:
            for box, column in zip(boxes, columns):
                slide.elements.append(text(box, column, size, fill="table_stripe"))
        else:
            for (key, _), column in zip(sides, columns):
                self.flow("mission", f"{self.w('mission')}: {self.w(key)}", "mission", column, ("mission", key))
        slide.elements.append(text(Box(self.body.x, top.bottom + INSET, self.body.w, LABEL_H),
                                   [Para((Run(f"{self.w('horizon')}: {m.horizon}"),))], self.theme.size("small"), colour="muted"))

    def goals(self) -> None:
        rows = []
        for g in self.plan.goals:
            target = str(g.target) if g.baseline is None else f"{g.baseline} → {g.target}"
            rows.append([g.goal, g.metric, target, day(g.deadline, self.lang), g.owner or ""])
        # The customer's copy holds only the goals agreed with them, without baselines: its title and column say so.
        title = self.customer_word("goals") or self.w("goals")
        column = self.w("baseline_target" if any(g.baseline is not None for g in self.plan.goals) else "target")
        self.table("goals", title, "goals", [self.w("goal"), self.w("metric"), column, self.w("deadline"), self.w("owner")],
                   rows, ["left", "left", "left", "right", "left"], ("goals",))
        for i, g in enumerate(self.plan.goals):
            self.goal(i, g)

    def goal(self, i: int, g: Goal) -> None:
        """One slide per goal: strategy and resources on the left, milestones and actions on the right."""
        title = f"{self.w('goal')} {i + 1}: {g.goal}"
        paras: list[Para] = []
        for key in ("strategy", "resources"):
            value = getattr(g, key)
            if value:
                paras += [self.heading(self.w(key)), *self.prose(value)]
        milestones = [[day(m.date, self.lang) if m.date else "", m.milestone] for m in g.milestones]
        actions = [[a.action, a.owner or "", day(a.due, self.lang) if a.due else "", term("action_status", a.status, self.lang)]
                   for a in g.actions]
        if not (paras or milestones or actions):
            return
        gap = GOAL_GAP
        facts = self.goal_facts(g)
        top = self.body.y + (facts[0].box.h + gap if facts else 0.0)
        left = Box(self.body.x, top, self.body.w * GOAL_TEXT_SHARE, self.body.bottom - top)
        right = Box(left.right + gap, top, self.body.w - left.w - gap, self.body.bottom - top)
        size = self.theme.size("small")
        size_text = fit_size(self.fonts, paras, left, (*self.sizes, self.minimum)) if paras else size
        tables = []
        y = right.y
        for header, rows, align in (([self.w("date"), self.w("milestones")], milestones, ("right", "left")),
                                    ([self.w("actions"), self.w("owner"), self.w("due"), self.w("status")], actions, ("left", "left", "right", "left"))):
            if not rows:
                continue
            parts = paginate_table(self.fonts, tuple(header), [tuple(r) for r in rows], align, Box(right.x, y, right.w, right.bottom - y), size)
            tables.append(parts)
            y = parts[-1].box.bottom + gap
        if size_text and all(len(parts) == 1 for parts in tables) and (not paras or left.h > 0):
            slide = self.new("goal", title, "goals", ("goals", i))
            slide.elements += facts
            if paras:
                below = Box(self.body.x, top, self.body.w, self.body.bottom - top)
                slide.elements.append(text(left if tables else below, paras, size_text if tables else
                                           (fit_size(self.fonts, paras, below, self.sizes) or size_text)))
            slide.elements += [parts[0] for parts in tables]
            return
        # Too much for one slide: text and each table on slides of their own.
        self.flow("goal", title, "goals", paras, ("goals", i))
        self.table("goal", title, "goals", [self.w("date"), self.w("milestones")], milestones, ["right", "left"], ("goals", i, "milestones"))
        self.table("goal", title, "goals", [self.w("actions"), self.w("owner"), self.w("due"), self.w("status")], actions,
                   ["left", "left", "right", "left"], ("goals", i, "actions"))

    def goal_facts(self, g: Goal) -> list[Shape]:
        """Tiles across the top of a goal's slide: what is measured, from where to where, by when, and who owns it."""
        target = str(g.target) if g.baseline is None else f"{g.baseline} → {g.target}"
        facts = [(self.w("metric"), g.metric), (self.w("baseline_target"), target), (self.w("deadline"), day(g.deadline, self.lang))]
        if g.owner:
            facts.append((self.w("owner"), g.owner))
        gap, size = GOAL_GAP / 2, self.theme.size("small")
        width = (self.body.w - gap * (len(facts) - 1)) / len(facts)
        inner = width - 2 * TILE_PAD
        shown = [(self.fonts.regular.wrap(label, size, inner), self.fonts.bold.wrap(value, size, inner)) for label, value in facts]
        lines = max(len(label) + len(value) for label, value in shown)  # every tile as high as the fullest
        height = lines * size * LINE_SPACING + 2 * TILE_PAD
        tiles: list[Shape] = []
        for k, ((label, value), (name, whole)) in enumerate(zip(shown, facts)):
            box = Box(self.body.x + k * (width + gap), self.body.y, width, height)
            measured = (Para((Run("\n".join(label)),)), Para((Run("\n".join(value), bold=True),)))
            tiles.append(Shape(box, measured, size, "table_stripe", "table_stripe", 0.0, rounded=False, padding=(TILE_PAD - 1, TILE_PAD - 1),
                               whole=(Para((Run(name),)), Para((Run(whole, bold=True),)))))
        return tiles

    def financials(self) -> None:
        fin = self.plan.financials
        if not fin.products:
            return
        years = sorted({y for p in fin.products for y in (*p.actual, *p.plan)})
        actual_years = {y for p in fin.products for y in p.actual}
        kinds = tuple("actual" if y in actual_years else "plan" for y in years)
        categories = tuple(f"{y} ({self.w('actual') if k == 'actual' else self.w('plan')})" for y, k in zip(years, kinds))
        series = _chart_series(fin.products, years, kinds, self.w("other_products"))
        unit = labels.amount_unit(fin.currency, fin.unit, self.lang)
        if any(v for s in series for v in s.values):  # a chart of nothing but zeros would show an empty frame
            slide = self.new("financials", self.w("financials"), "financials", ("financials",))
            chart_box = self.body
            if "plan" in kinds:  # the lighter tints of planned years, said in words under the chart
                key_h = self.minimum * LINE_SPACING + 2 * INSET
                chart_box = Box(self.body.x, self.body.y, self.body.w, self.body.h - key_h)
                slide.elements.append(text(Box(self.body.x, chart_box.bottom, self.body.w, key_h),
                                           [Para((Run(self.w("plan_tints"), italic=True),))], self.minimum, colour="muted"))
            chart = ColumnChart(chart_box, categories, series, True, "#,##0", unit, labels.chart_format("#,##0", self.lang), totals=True)
            slide.elements += [chart, *column_totals(chart, self.lang)]
        totals = list(fin.totals().values())  # one per year, in the same order as `years`
        margins = any(p.margin is not None for p in fin.products)  # a column only where a margin is given
        rows = []
        for p in fin.products:
            values = [p.actual.get(y, p.plan.get(y)) for y in years]
            row = [p.name, *[number(v, self.lang) if v is not None else "" for v in values]]
            if margins:
                row.append(percent(p.margin, self.lang) if p.margin is not None else "")
            rows.append(row)
        total_row = [self.w("total"), *[number(t, self.lang) for t in totals]] + ([""] if margins else [])
        # One decimal throughout, so that the column reads evenly: 5,0 % beside 27,2 %.
        changes = [change_percent(a, b) for a, b in zip(totals, totals[1:])]  # None over a base of 0 or next to it
        growth = [""] + [percent(c, self.lang, 1) if c is not None else "–" for c in changes]
        growth_row = [self.w("growth"), *growth] + ([""] if margins else [])
        header = [f"{self.w('product')} ({unit})", *[f"{y}{'' if k == 'actual' else ' P'}" for y, k in zip(years, kinds)]]
        header += [self.w("margin")] if margins else []
        self.table("financials_table", self.w("financials"), "financials", header, [*rows, growth_row, total_row],
                   ["left", *["right"] * (len(header) - 1)], ("financials", "products"), bold_last_row=True)

    def section_table(self, section: Section, entry: Entry) -> None:
        """A list section without a builder of its own: the table its registry entry declares, one row per item."""
        assert section.table is not None
        items = list(getattr(self.plan, section.key) or ())
        if section.table.sort_by:
            by = section.table.sort_by
            items.sort(key=lambda item: (getattr(item, by) is None, getattr(item, by)))
        columns = section.table.columns
        rows = [[self.cell(column, item) for column in columns] for item in items]
        header = [column.title[self.lang == "de"] for column in columns]
        self.table(section.key, entry.title[self.lang == "de"], entry.key, header, rows, [c.align for c in columns], (section.key, *entry.source))

    def cell(self, column: Column, item: object) -> str:
        """One value of a table as the deck writes it."""
        value = getattr(item, column.field)
        if value is None or value == []:
            return ""
        shown: dict[str, Callable[[Any], str]] = {
            "text": str,
            "markdown": plain,
            "date": lambda v: day(v, self.lang),
            "person": self.person,
            "money": self.money,
            "percent": lambda v: percent(v, self.lang),
            "list": lambda v: ", ".join(map(str, v)),
            "term": lambda v: term(column.vocabulary or "", v, self.lang),
        }
        return shown[column.show](value)


# The slide builders of the agenda entries that have one; a list section with a declared table needs none.
_BUILDERS: dict[str, Callable[[_Builder], None]] = {
    "profile": _Builder.profile,
    "customer_goals": _Builder.customer_goals,
    "market": _Builder.market,
    "buying_strategy": _Builder.buying_strategy,
    "power_map": _Builder.power_map,
    "swot": _Builder.swot,
    "position": _Builder.position,
    "mission": _Builder.mission,
    "goals": _Builder.goals,
    "financials": _Builder.financials,
}


def _make(builder: _Builder, section: Section, entry: Entry) -> None:
    """Append the slides of one agenda entry."""
    make = _BUILDERS.get(entry.key)
    if make is not None:
        make(builder)
    elif section.table is not None:
        builder.section_table(section, entry)
    else:  # a registry entry without a way to draw it is kamdoc's own mistake, caught by the tests
        raise LookupError(f"the agenda entry {entry.key!r} of section {section.key!r} has no slide builder and no table")


def build_outline(plan: Plan, doc: Document, theme: Theme, audience: str = "internal", size: tuple[float, float] | None = None,
                  changes_since: tuple[str, list[Change] | None] | None = None, copy: CustomerCopy | None = None,
                  images: Mapping[Named, Image] | None = None, cache: Path | None = None) -> Deck:
    """The deck of a validated plan: cover, agenda, then one or more slides per non-empty section.

    `size` is the slide size in points; `changes_since` (a date's text and the diff, None for a plan
    new since then) adds the "Changes since …" slides after the agenda. For the customer, the plan is first
    made the customer's copy (`for_audience`, with kamdoc.yaml's `copy` settings); the changes given must be those of
    the customer's copies too.
    `images` are the checked images of the plan's validation (`Result.images`): the outline reads no file the
    plan names, and draws no logo it was not handed. `cache` is the folder the fonts' widths are kept in
    between runs (the command's choice); without one, nothing is written.
    """
    customer = audience == "customer"
    plan = for_audience(plan, audience, copy)
    builder = _Builder(plan, doc, theme, customer, size, images, cache)
    builder.cover()
    body: list[Slide] = []
    entries: list[tuple[Entry, str]] = []
    for section in SECTIONS:
        for entry in section.agenda:
            before = len(builder.slides)
            _make(builder, section, entry)
            made = builder.slides[before:]
            del builder.slides[before:]
            if made:
                made[0].bookmark = builder.entry_title(entry)
                said = (plan.speaker_notes or {}).get(entry.key)
                if said:  # the presenter's own words come first: what kamdoc adds is reference
                    made[0].notes.insert(0, plain(said))
                body += made
                entries.append((entry, section.key))
    builder.agenda(entries)
    if changes_since is not None:
        builder.changes(*changes_since)
    slides = builder.slides + body
    finish(slides, builder.geometry, theme)
    c = plan.cover
    rest = " · ".join(x for x in (f"{word('version', plan.language)} {day(c.version, plan.language)}", marking(c, plan.language, customer)) if x)
    room = (builder.width - 2 * builder.margin) * FOOTER_SHARE - 2 * INSET - builder.fonts.regular.width(" · " + rest, theme.size("footer"))
    # The account's name gives way when the footer's one line is full: the version and the marking always show.
    name = fit_line(builder.fonts.regular, c.full_name, theme.size("footer"), max(room, FOOTER_NAME_MIN))
    footer = f"{name} · {rest}"
    return builder.geometry.place_footer(Deck(
        title=f"{word('deck_title', plan.language)}: {c.account}",
        author=c.key_account_manager,
        subject=c.division or c.account,
        language=plan.language,
        footer=footer,
        width=builder.width,
        height=builder.height,
        slides=slides,
    ), theme)


# Fields whose values come from a closed list of another name.

SHORTEST_PAGE = 0.25
"""A continuation slide of text is at least this share full; else the slides before it hold less."""
BALANCE_STEPS = (0.95, 0.9, 0.85, 0.8, 0.75)
"""Shares of the body's height the earlier slides are tried at, to give the last one more."""


def _filled_columns(header: list[str], rows: list[list[str]], align: list[str]) -> tuple[list[str], list[list[str]], list[str]]:
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


CHART_SERIES = 8
"""A column chart shows at most this many series: the largest products, the rest summed as one."""


def _chart_series(products: Sequence[Product], years: list[int], kinds: tuple[str, ...], other: str) -> tuple[Series, ...]:
    """One series per product, largest first over all years; past CHART_SERIES, the smallest summed as "Other (n)"."""
    def values(p: Product) -> tuple[float | None, ...]:
        return tuple(p.actual.get(y, p.plan.get(y)) for y in years)

    ranked = sorted(products, key=lambda p: -sum(v or 0.0 for v in values(p)))
    if len(ranked) <= CHART_SERIES:
        return tuple(Series(p.name, values(p), kinds) for p in products)  # the plan's own order
    shown, rest = ranked[: CHART_SERIES - 1], ranked[CHART_SERIES - 1 :]
    summed = tuple(sum(values(p)[i] or 0.0 for p in rest) for i in range(len(years)))
    return (*(Series(p.name, values(p), kinds) for p in shown), Series(other.format(n=len(rest)), summed, kinds))


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
