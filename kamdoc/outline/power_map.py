"""The power map as an org chart: boxes sized to what they say, a manager's leaf reports stacked beneath them, split
over slides only where a part of the tree does not fit, and every tie drawn or listed."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from kamdoc.outline.deck import Box, Connector, Element, Shape, Text
from kamdoc.outline.layout import INSET, Fonts, fit_line
from kamdoc.outline.measure import LINE_SPACING
from kamdoc.outline.richtext import Para, Run, plain
from kamdoc.outline.words import badge, term, word
from kamdoc.standard.model import Link, Person

SIZES = (11.0, 10.0)
"""Type sizes tried for the boxes' text; 10 pt is the floor: nothing in a deck is smaller."""
WIDTHS = (156.0, 140.0, 128.0, 116.0, 104.0)
"""Box widths tried, roomy first: the layout that needs the fewest slides wins, then the larger type and box."""
SIZE = SIZES[-1]
PAD_X, PAD_Y = 4.0, 3.0
"""Inner padding of a box (both renderers use it: PowerPoint's text margins, the PDF's padding)."""
SLACK = 2.0
"""Points of width held back when measuring, so that a renderer's own wrapping never needs a line more."""
GAP_X, GAP_Y = 12.0, 16.0
"""Points between boxes side by side, and between a manager and the row of their reports."""
STACKING = ((99, 1), (4, 2), (3, 2), (4, 1), (3, 1), (2, 2), (2, 1), (1, 1), (1, 3))
"""How leaf reports are stacked, tried in turn until a tree fits: from how many leaves a manager's leaves are stacked,
and in how many columns (99: never, each leaf in the row)."""
STACK_GAP, INDENT = 6.0, 16.0
"""Leaf reports stand in a column under their manager: this far apart, indented this far, joined by a line on the left."""
MOST_LINES = (4, 6, 2)
"""The most lines a box gives its name, its title and its roles line: far beyond any real person's, so that a
stranger's page-long name cannot make a box taller than a slide."""
STUB, STUB_DOWN = GAP_X - 2, 8.0
"""A stub for a tie to another slide: this long, out of the box's right side, this far below its top."""
CAPTION_H = SIZE * LINE_SPACING + 6
CAPTION2_H = 2 * SIZE * LINE_SPACING + 6
"""A continued part's caption takes at most two lines."""
LEGEND_H = 3 * (SIZE * LINE_SPACING + 1)
FRAME = {"high": 3.0, "medium": 1.5, "low": 0.75}
CONTACT_MARKS = {"weekly": "●●●●", "monthly": "●●●", "quarterly": "●●", "yearly": "●", "none": "○"}
"""How often we are in contact, as a mark after our owner's name (the legend explains it)."""
"""A box's frame in points by the person's influence."""
_DARK_FILLS = {"mentor", "enemy"}
DEEPEST = int(56 * 72 // (SIZE * LINE_SPACING + 2 * PAD_Y + SLACK + GAP_Y))
"""The most levels of a tree any slide holds: each takes a box of at least one line and the gap beneath it, and PowerPoint's
tallest slide is 56 in. The layout never goes deeper, so its recursion is bounded by this, whatever the organisation."""


_Forest = tuple[dict[str, list[str]], list[str], list[str]]
"""Reports per person, the roots of trees, and the people with neither manager nor reports."""


def _forest(people: Sequence[Person]) -> _Forest:
    """Reports per person, the roots of trees, and people with neither manager nor reports (in plan order)."""
    ids = {p.id for p in people}
    children: dict[str, list[str]] = {p.id: [] for p in people}
    for p in people:
        if p.reports_to in ids and p.reports_to != p.id:
            children[p.reports_to].append(p.id)
    roots = [p.id for p in people if p.reports_to not in ids or p.reports_to == p.id]
    return children, [r for r in roots if children[r]], [r for r in roots if not children[r]]


def _levels_under(children: dict[str, list[str]]) -> dict[str, int]:
    """How many levels of reports hang under each person (0 for a leaf), in one post-order pass without recursion.

    A reporting chain may be as long as the plan; a person met again (only in a cycle, which validation refuses) counts as a leaf.
    """
    levels: dict[str, int] = {}
    entered: set[str] = set()
    for top in children:
        if top in entered:
            continue
        entered.add(top)
        stack = [(top, iter(children[top]))]
        while stack:
            node, kids = stack[-1]
            kid = next(kids, None)
            if kid is None:
                stack.pop()
                levels[node] = 1 + max((levels.get(k, 0) for k in children[node]), default=-1)
            elif kid not in entered:
                entered.add(kid)
                stack.append((kid, iter(children[kid])))
    return levels


def _wrap_whole(fonts: Fonts, text: str, size: float, width: float, bold: bool) -> list[str]:
    """Lines of `text` in `width` points; a word longer than the line is broken with a hyphen, never cut short."""
    metrics = fonts.bold if bold else fonts.regular
    room = width - metrics.width("-", size)
    words: list[str] = []
    for item in text.split():
        while len(item) > 2 and metrics.width(item, size) > width:
            cut = metrics.chars_fitting(item, size, room)  # one pass over the word, however long
            words.append(item[:cut] + "-")
            item = item[cut:]
        words.append(item)
    return metrics.wrap(" ".join(words), size, width) if words else []


def card_texts(person: Person, language: str) -> list[tuple[str, bool, bool]]:
    """What a person's box says, as (text, bold, italic) paragraphs: name, title and department, roles, our contact."""
    texts = [(person.name, True, False)]
    # A department the title names already ("Head of Procurement, Procurement") is said once.
    department = person.department if person.department and person.department.casefold() not in (person.title or "").casefold() else None
    title = ", ".join(x for x in (person.title, department) if x)
    if title:
        texts.append((title, False, False))
    badges = " ".join(badge(r, language) for r in person.roles)
    ours = " ".join(x for x in (person.owner or "", CONTACT_MARKS.get(person.contact or "", "")) if x)
    marks = " · ".join(x for x in (badges, f"↔ {ours}" if ours else "") if x)
    if marks:  # an organisation chart (the customer's copy) has neither roles nor our contacts: no empty line
        texts.append((marks, False, True))
    return texts


@dataclass(frozen=True)
class _Style:
    """One way of drawing the boxes: their width and type size."""

    width: float
    size: float

    @property
    def inner(self) -> float:
        return self.width - 2 * PAD_X - SLACK


Card = tuple[tuple[Para, ...], tuple[Para, ...]]
"""A person's box text: as measured into lines (for renderers that lay out text themselves), and whole (PowerPoint wraps it)."""


def _card(fonts: Fonts, person: Person, style: _Style, language: str) -> tuple[Card, float]:
    """A person's paragraphs, measured and whole, and the height of the box that holds them at `style`."""
    paras, whole = [], []
    lines = 0
    texts = card_texts(person, language)
    for i, (content, bold, italic) in enumerate(texts):
        most = MOST_LINES[0] if i == 0 else MOST_LINES[2] if italic else MOST_LINES[1]  # the roles line is the italic one
        wrapped = _wrap_whole(fonts, content, style.size, style.inner, bold)
        if len(wrapped) > most:  # only a text no real box holds (a name of pages): shortened, so the box stays on its slide
            wrapped = [*wrapped[: most - 1], fit_line(fonts.bold if bold else fonts.regular, " ".join(wrapped[most - 1 :]), style.size, style.inner)]
            content = " ".join(wrapped)
        lines += len(wrapped)
        # The measured lines, each ended by a line break: the PDF shows exactly these lines, none wraps again.
        paras.append(Para((Run("\n".join(wrapped), bold, italic),)))
        whole.append(Para((Run(content, bold, italic),)))
    return (tuple(paras), tuple(whole)), lines * style.size * LINE_SPACING + 2 * PAD_Y + SLACK


@dataclass
class _Block:
    """A laid-out part of the chart: each box's place relative to the block's top left, its lines, its size."""

    w: float
    h: float
    boxes: dict[str, Box] = field(default_factory=dict)
    lines: list[tuple[str, str, tuple[tuple[float, float], ...], bool]] = field(default_factory=list)  # boss, report, route, glued
    cut: list[str] = field(default_factory=list)  # people shown whose reports continue elsewhere
    caption: str = ""  # "continued …" or "no reporting line", set when the block is made
    continues: str = ""  # the person at the top of a continued part (shown on another slide too)
    caption_h: float = 0.0  # the caption's height over the block


def _moved(block: _Block, dx: float, dy: float) -> _Block:
    boxes = {pid: Box(b.x + dx, b.y + dy, b.w, b.h) for pid, b in block.boxes.items()}
    lines = [(a, b, tuple((x + dx, y + dy) for x, y in route), glued) for a, b, route, glued in block.lines]
    return _Block(block.w, block.h, boxes, lines, list(block.cut), block.caption, block.continues, block.caption_h)


class _Layout:
    """Lays out trees of people at one style, in points."""

    def __init__(self, children: dict[str, list[str]], heights: dict[str, float], width: float) -> None:
        self.children, self.heights, self.width = children, heights, width
        self.stack_from, self.columns = STACKING[0]
        self._levels: dict[str, int] | None = None  # worked out for everyone at the first question
        self.lowest = min(heights.values(), default=0.0)
        self._made: dict[tuple[str, int, int, int], _Block] = {}
        self._sizes: dict[tuple[str, int, int, int], tuple[float, float]] = {}

    def levels(self, node: str) -> int:
        """How many levels of reports hang under `node` (0 for a leaf), each person's counted once."""
        if self._levels is None:
            self._levels = _levels_under(self.children)
        return self._levels.get(node, 0)

    def deepest(self, height: float) -> int:
        """The most levels under a tree's top that `height` points could hold: each adds at least the lowest box and a gap.

        A tree shown to a depth of d is at least this tall whatever its stacking, so a deeper layout is never worth trying.
        """
        if height < self.lowest:
            return 0
        return min(DEEPEST, int((height - self.lowest + 0.01) // (self.lowest + GAP_Y)))  # 0.01: sums of floats

    def tree(self, node: str, depth: int, kids: list[str] | None = None) -> _Block:
        """The subtree under `node`, `depth` levels deep at most (0: the node alone, its reports cut); `kids`: only these reports.

        The planner asks for the same subtrees at many depths and stackings: each is laid out once. Deeper than the
        tree goes, every depth gives the same layout, so they share one.
        """
        if kids is not None:
            return self._tree(node, depth, kids)
        key = self._key(node, depth)
        if key not in self._made:
            self._made[key] = self._tree(node, key[1], self.children[node])
        return self._made[key]

    def _key(self, node: str, depth: int) -> tuple[str, int, int, int]:
        """What a subtree's layout depends on: its root, its depth (no deeper than the tree goes) and the stacking tried."""
        return node, min(depth, self.levels(node) + 1, DEEPEST), self.stack_from, self.columns

    def size(self, node: str, depth: int, kids: list[str] | None = None) -> tuple[float, float]:
        """The width and height `tree` gives, worked out without placing a box: the planner tries many layouts and keeps one."""
        if kids is not None:
            return self._size(node, depth, kids)
        key = self._key(node, depth)
        if key in self._made:
            made = self._made[key]
            return made.w, made.h
        if key not in self._sizes:
            self._sizes[key] = self._size(node, key[1], self.children[node])
        return self._sizes[key]

    def _size(self, node: str, depth: int, kids: list[str]) -> tuple[float, float]:
        head_h = self.heights[node]
        if depth == 0 or not kids:
            return self.width, head_h
        leaves = [k for k in kids if not self.children[k] or depth == 1]
        if len(leaves) < self.stack_from:
            leaves = []
        top = head_h + GAP_Y
        x, bottom = 0.0, head_h
        if leaves:
            columns = min(self.columns, len(leaves))
            per_column = -(-len(leaves) // columns)
            x = columns * (INDENT + self.width) + (columns - 1) * GAP_X + GAP_X
            for c in range(columns):
                column = leaves[c * per_column : (c + 1) * per_column]
                if column:
                    bottom = max(bottom, top + sum(self.heights[leaf] for leaf in column) + (len(column) - 1) * STACK_GAP)
        stacked = set(leaves)  # a set: a manager may have thousands of reports
        for kid in kids:
            if kid not in stacked:
                w, h = self.size(kid, depth - 1)
                x += w + GAP_X
                bottom = max(bottom, top + h)
        return max(x - GAP_X, self.width), bottom

    def _tree(self, node: str, depth: int, kids: list[str]) -> _Block:
        if depth == 0 or not kids:
            block = _Block(self.width, self.heights[node], {node: Box(0, 0, self.width, self.heights[node])})
            block.cut = [node] if kids else []
            return block
        leaves = [k for k in kids if not self.children[k] or depth == 1]
        if len(leaves) < self.stack_from:  # few leaves stand in the row, side by side
            leaves = []
        stacked = set(leaves)
        inner = [self.tree(k, depth - 1) for k in kids if k not in stacked]
        return self._with_row(node, leaves, inner, depth)

    def _stack(self, leaves: list[str], top: float, depth: int) -> _Block:
        """Leaf reports in columns from `top` down, each box joined from the lane above by a line down its column's left side.

        The routes start on the lane (GAP_Y / 2 above `top`); the caller joins them to the manager's box.
        """
        columns = min(self.columns, len(leaves))
        per_column = -(-len(leaves) // columns)
        block = _Block(columns * (INDENT + self.width) + (columns - 1) * GAP_X, 0.0)
        bottom = top
        for c in range(columns):
            x = c * (INDENT + self.width + GAP_X)
            spine, y = x + INDENT / 2, top
            for leaf in leaves[c * per_column : (c + 1) * per_column]:
                box = Box(x + INDENT, y, self.width, self.heights[leaf])
                block.boxes[leaf] = box
                block.lines.append(("", leaf, ((spine, top - GAP_Y / 2), (spine, box.y + box.h / 2), (box.x, box.y + box.h / 2)), False))
                if self.children[leaf] and depth == 1:
                    block.cut.append(leaf)
                y = box.bottom + STACK_GAP
            bottom = max(bottom, y - STACK_GAP)
        block.h = bottom
        return block

    def _with_row(self, node: str, leaves: list[str], inner: list[_Block], depth: int) -> _Block:
        """The manager centred over a row: their leaf reports' columns first, then each report's subtree."""
        head_h = self.heights[node]
        top = head_h + GAP_Y
        stack = self._stack(leaves, top, depth) if leaves else None
        x = stack.w + GAP_X if stack else 0.0
        parts: list[_Block] = []
        for part in inner:
            parts.append(_moved(part, x, top))
            x += part.w + GAP_X
        row_w = max(x - GAP_X, self.width)
        head = Box((row_w - self.width) / 2 if inner else 0.0, 0, self.width, head_h)
        block = _Block(row_w, 0.0, {node: head})
        centre, lane = head.x + head.w / 2, head.bottom + GAP_Y / 2
        if stack is not None:
            for _, leaf, route, _ in stack.lines:
                (sx, sy), *rest = route
                start = ((centre, head.bottom), (centre, lane)) if abs(sx - centre) > 0.5 else ((centre, head.bottom),)
                block.lines.append((node, leaf, (*start, (sx, sy), *rest), False))
            block.boxes.update(stack.boxes)
            block.cut += stack.cut
        for part in parts:
            child = next(iter(part.boxes))  # a subtree's first box is its root
            box = part.boxes[child]
            block.lines.append((node, child, ((centre, head.bottom), (box.x + box.w / 2, box.y)), True))
            block.boxes.update(part.boxes)
            block.lines += part.lines
            block.cut += part.cut
        block.h = max(b.bottom for b in block.boxes.values())
        return block

@dataclass
class _Page:
    """The blocks on one slide, placed in points relative to the chart's top left."""

    blocks: list[_Block] = field(default_factory=list)
    rows: list[tuple[float, float, float]] = field(default_factory=list)  # each row's top, height and filled width

    def place(self, block: _Block, width: float, height: float) -> bool:
        """Put `block` at the end of the last row, or on a new row beneath; False when the slide has no room for it."""
        need = block.h + block.caption_h
        if self.rows:
            top, row_h, used = self.rows[-1]
            x = used + (GAP_X * 2 if used else 0.0)
            if x + block.w <= width and top + need <= height:
                self.rows[-1] = (top, max(row_h, need), x + block.w)
                self.blocks.append(_moved(block, x, top + block.caption_h))
                return True
            top = top + row_h + GAP_Y
        else:
            top = 0.0
        if block.w > width or top + need > height:
            return False
        self.rows.append((top, need, block.w))
        self.blocks.append(_moved(block, 0.0, top + block.caption_h))
        return True


@dataclass
class PowerMapSlide:
    """One slide of the power map: what is drawn, and the people's notes for the speaker."""

    elements: list[Element]
    notes: list[str]


class _Planner:
    """Splits the forest into blocks that fit a slide, then packs them onto as few slides as they need."""

    def __init__(self, by_id: dict[str, Person], forest: _Forest, layout: _Layout, width: float, height: float, language: str,
                 fonts: Fonts) -> None:
        self.by_id, self.fonts = by_id, fonts
        self.layout, self.width, self.height, self.language = layout, width, height, language
        self.children, self.roots, self.loners = forest

    def _caption_lines(self, text: str, width: float) -> list[str]:
        return self.fonts.regular.wrap(text, SIZE, width - 2 * INSET - SLACK)

    def fits(self, size: tuple[float, float], caption: bool) -> bool:
        w, h = size
        return w <= self.width and h + (CAPTION2_H if caption else 0.0) <= self.height

    def blocks(self) -> list[_Block]:
        """Every tree as blocks that each fit a slide; a part cut off continues in a block of its own."""
        out: list[_Block] = []
        queue: deque[tuple[str, str | None]] = deque((root, None) for root in self.roots)
        while queue:
            node, above = queue.popleft()
            for block in self._fitting(node, above is not None):
                if above is not None:
                    block.caption = word("continued_from", self.language).format(name=self.by_id[node].name)
                    block.continues = node
                    suffix = f" ({word('see', self.language)} {word('power_map', self.language)} 10/10)"  # the longest "where else"
                    while len(self._caption_lines(block.caption + suffix, block.w)) > 2 and block.w < self.width:
                        block.w = min(self.width, block.w + GAP_X)
                    block.caption_h = CAPTION2_H
                out.append(block)
                queue += [(cut, self.by_id[cut].reports_to) for cut in block.cut]
        out += self._loner_blocks()
        return out

    def _fitting(self, node: str, caption: bool) -> list[_Block]:
        """The deepest layout of `node`'s tree that fits; when even its direct reports do not, they are shared out."""
        # Only depths a slide could hold are tried: on a long chain, trying every depth from its bottom up made the layout
        # quadratic (and recursed as deep as the chain). 1 + levels is the whole tree, as before.
        levels, deepest = self.layout.levels(node), self.layout.deepest(self.height - (CAPTION2_H if caption else 0.0))
        depth = 1 + levels if levels <= deepest else deepest
        while depth >= 1:
            fitting = []
            for order, stacking in enumerate(STACKING):
                self.layout.stack_from, self.layout.columns = stacking
                w, h = self.layout.size(node, depth)
                if self.fits((w, h), caption):
                    fitting.append((w * h, w, order))
            if fitting:  # the most compact packs best with the other parts on a slide; only it is laid out box by box
                self.layout.stack_from, self.layout.columns = STACKING[min(fitting)[2]]
                return [_moved(self.layout.tree(node, depth), 0.0, 0.0)]  # a copy: the caller gives it a caption
            depth -= 1
        return self._shared(node, caption)

    def _shared(self, node: str, caption: bool) -> list[_Block]:
        """`node` repeated over several blocks, each with as many of its direct reports as fit."""
        kids, out = list(self.children[node]), []
        while kids:
            taken = 1
            while taken < len(kids) and self.fits(self.layout.size(node, 1, kids[: taken + 1]), caption):
                taken += 1
            out.append(self.layout.tree(node, 1, kids[:taken]))
            kids = kids[taken:]
        return out

    def _loner_blocks(self) -> list[_Block]:
        """People with neither manager nor reports: columns of boxes under a caption, as many per block as fit."""
        out: list[_Block] = []
        block: _Block | None = None
        x = y = 0.0
        for pid in self.loners:
            h = self.layout.heights[pid]
            if block is None:
                block, x, y = _Block(0.0, 0.0, caption=word("no_reporting_line", self.language), caption_h=CAPTION_H), 0.0, 0.0
            if y and y + h > self.height - CAPTION2_H:
                x, y = x + self.layout.width + GAP_X, 0.0
                if x + self.layout.width > self.width:
                    out.append(block)
                    block, x = _Block(0.0, 0.0, caption=word("no_reporting_line", self.language), caption_h=CAPTION_H), 0.0
            block.boxes[pid] = Box(x, y, self.layout.width, h)
            block.w, block.h = max(block.w, x + self.layout.width), max(block.h, y + h)
            y += h + STACK_GAP
        if block is not None:
            out.append(block)
        for part in out:  # the caption over a narrow column of boxes may need a second line
            part.caption_h = CAPTION_H if len(self._caption_lines(part.caption, part.w)) <= 1 else CAPTION2_H
        return out


def _pages(blocks: list[_Block], width: float, height: float) -> list[_Page]:
    pages = [_Page()]
    for block in blocks:
        if not pages[-1].place(block, width, height):
            pages.append(_Page())
            if not pages[-1].place(block, width, height):  # taller than any slide: it stands alone, from the top
                pages[-1].blocks.append(block)
                pages[-1].rows.append((0.0, block.h, block.w))
    return pages if pages[0].blocks else []


_Measured = dict[_Style, dict[str, tuple[Card, float]]]
"""Each person's box text and height at each style tried: measured once, though the styles are tried twice."""


def _plan(people: Sequence[Person], forest: _Forest, fonts: Fonts, style: _Style, width: float, height: float,
          language: str, measured: _Measured) -> tuple[list[_Page], dict[str, Card]]:
    if style not in measured:
        measured[style] = {p.id: _card(fonts, p, style, language) for p in people}
    cards = measured[style]
    layout = _Layout(forest[0], {pid: h for pid, (_, h) in cards.items()}, style.width)
    planner = _Planner({p.id: p for p in people}, forest, layout, width, height, language, fonts)
    return _pages(planner.blocks(), width, height), {pid: card for pid, (card, _) in cards.items()}


def _best(people: Sequence[Person], fonts: Fonts, width: float, height: float,
          language: str, measured: _Measured) -> tuple[int, float, list[_Page], dict[str, Card]]:
    """The style that needs the fewest slides, then the larger type and boxes: its slide count, type size, pages and boxes' text."""
    forest = _forest(people)  # the same for every style
    options = []
    for size in SIZES:  # the most wanted style first
        for box_w in WIDTHS:
            pages, cards = _plan(people, forest, fonts, _Style(box_w, size), width, height, language, measured)
            options.append((len(pages), -size, -box_w, size, pages, cards))
            if len(pages) <= 1:  # one slide at the largest type and boxes that make it: nothing beats it
                return len(pages), size, pages, cards
    count, _, _, size, pages, cards = min(options, key=lambda o: o[:3])
    return count, size, pages, cards


def power_map_slides(people: Sequence[Person], links: Sequence[Link], body: Box, fonts: Fonts,
                     language: str, name: str | None = None) -> tuple[list[PowerMapSlide], list[list[str]]]:
    """The power map's slides, and the rows of the table of ties (who, tie, whom, and where each stands).

    `name` is what the slides call the chart ("Power-Map 2/4"; the customer's copy says "Organisation 2/4").
    """
    name = name or word("power_map", language)
    judged = any(p.attitude or p.influence for p in people)
    # The legend explains only what the slides draw: the customer's copy (an organisation chart) has no ties, contacts or roles.
    shown = _Drawn(bool(links), any(p.owner or p.contact for p in people), any(p.roles for p in people))
    measured: _Measured = {}
    count, size, pages, cards = _best(people, fonts, body.w, body.h - LEGEND_H - 4, language, measured)
    if count > 1:  # over several slides, a band over the legend names the ties to people on other slides
        count, size, pages, cards = _best(people, fonts, body.w, body.h - LEGEND_H - CAPTION_H - 4, language, measured)
    by_id = {p.id: p for p in people}
    where: dict[str, list[int]] = {}
    for number, page in enumerate(pages):
        for block in page.blocks:
            for pid in block.boxes:
                where.setdefault(pid, []).append(number)
    def part(n: int) -> str:
        """How a slide of the power map is named on the others: "Power-Map 2/4"."""
        return f"{name} {n + 1}/{count}" if count > 1 else name

    slides = []
    for number, page in enumerate(pages):
        elements, notes = _draw(page, by_id, cards, size, body, number, links, where, part, fonts, language)
        elements += _legend(Box(body.x, body.bottom - LEGEND_H, body.w, LEGEND_H), fonts, language, judged, shown)
        slides.append(PowerMapSlide(elements, notes))
    rows = [[by_id[link.from_].name, term("link", link.kind or "influences", language), by_id[link.to].name]
            + ([", ".join(dict.fromkeys(part(n) for n in (*where.get(link.from_, []), *where.get(link.to, []))))] if count > 1 else [])
            for link in links if link.from_ in by_id and link.to in by_id]
    return slides, rows


def _draw(page: _Page, by_id: dict[str, Person], cards: dict[str, Card], size: float, body: Box, number: int,
          links: Sequence[Link], where: dict[str, list[int]], part: Callable[[int], str], fonts: Fonts,
          language: str) -> tuple[list[Element], list[str]]:
    """One slide's boxes, reporting lines, ties, captions and notes."""
    used = max((right for _, _, right in page.rows), default=0.0)
    dx, dy = body.x + (body.w - used) / 2, body.y
    elements: list[Element] = []
    keys: dict[str, str] = {}  # person -> the key of their (first) box on this slide
    notes: list[str] = []
    for index, block in enumerate(page.blocks):
        block = _moved(block, dx, dy)
        if block.caption:
            left = min(b.x for b in block.boxes.values())
            top = min(b.y for b in block.boxes.values()) - block.caption_h
            caption = block.caption
            before = [n for n in where.get(block.continues, []) if n != number]
            if before:
                caption += f" ({word('see', language)} {part(before[0])})"
            shown = "\n".join(fonts.regular.wrap(caption, SIZE, block.w - 2 * INSET - SLACK))
            elements.append(Text(Box(left, top, block.w, block.caption_h - 2), (Para((Run(shown, italic=True),)),), SIZE, colour="muted"))
        own: dict[str, str] = {}
        for pid, box in block.boxes.items():
            key = pid if pid not in keys else f"{pid}~{index}"
            own[pid] = key
            keys.setdefault(pid, key)
            elements.append(_person_box(by_id[pid], cards[pid], size, box, key))
            if by_id[pid].notes and key == pid:
                notes.append(f"{by_id[pid].name}: {plain(by_id[pid].notes or '')}")
        for boss, report, route, glued in block.lines:
            elements.append(Connector(own[boss], own[report], route, "muted", 1.0, glued=glued))
    boxes = {e.key: e.box for e in elements if isinstance(e, Shape)}
    elsewhere: list[str] = []
    stubbed: set[str] = set()
    for link in links:
        a, b = keys.get(link.from_), keys.get(link.to)
        if a and b and a != b:
            kind, route = link.kind or "influences", _link_route(boxes[a], boxes[b])
            sites = _sites(route, boxes[a], boxes[b])
            elements.append(Connector(a, b, route, f"link.{kind}", 1.75, dashed=True, glued=sites is not None,
                                      sites=sites or (2, 0), arrow=kind == "influences"))
        elif (a or b) and not any(n in where.get(link.to, []) for n in where.get(link.from_, [])):
            other = link.to if a else link.from_
            pages = ", ".join(part(n) for n in dict.fromkeys(where.get(other, [])))
            elsewhere.append(f"{by_id[link.from_].name} → {by_id[link.to].name} ({term('link', link.kind or 'influences', language)}; {pages})")
            here = a or b
            if here and here not in stubbed:  # a stub out of the box: this person has a tie the band below names
                stubbed.add(here)
                box = boxes[here]
                y = box.y + min(STUB_DOWN, box.h / 4)
                elements.append(Connector(here, "", ((box.right, y), (box.right + STUB, y)), f"link.{link.kind or 'influences'}",
                                          1.75, glued=False, arrow=True))
    if elsewhere:
        line = f"{word('ties_elsewhere', language)}: " + "; ".join(elsewhere)
        lines = fonts.regular.wrap(line, SIZE, body.w - 2 * PAD_X)
        shown = line if len(lines) <= 1 else fonts.regular.wrap(line, SIZE, body.w - 2 * PAD_X)[0].rsplit(";", 1)[0] + f"; {word('see_ties_table', language)}"
        elements.append(Text(Box(body.x, body.bottom - LEGEND_H - CAPTION_H, body.w, CAPTION_H), (Para((Run(shown, italic=True),)),), SIZE, colour="muted"))
    return elements, notes


def _person_box(person: Person, card: Card, size: float, box: Box, key: str) -> Shape:
    attitude = person.attitude
    paras, whole = card
    return Shape(box, paras, size, fill=f"attitude.{attitude or 'unknown'}", line="primary", line_width=FRAME.get(person.influence or "", 0.75),
                 text_colour="background" if attitude in _DARK_FILLS else "text", key=key,
                 padding=(PAD_X - 1, PAD_Y - 1),  # wider than measured: PowerPoint's own wrap never needs a line more
                 whole=whole)


def _sites(route: tuple[tuple[float, float], ...], a: Box, b: Box) -> tuple[int, int] | None:
    """The sides a tie leaves and enters its boxes by, when an elbow glued to both draws its route exactly.

    That is a route out of one box's side and into the other's facing side, its middle leg between
    them. Other routes (under both boxes, or round one side of both) are drawn as they are.
    """
    if len(route) != 4 or route[0][1] != route[1][1] or route[2][1] != route[3][1]:
        return None
    (x1, _), (middle, _), _, (x2, _) = route
    if abs(x2 - x1) < 1 or not min(x1, x2) <= middle <= max(x1, x2):
        return None

    def side(box: Box, x: float) -> int:
        return 3 if abs(x - box.right) < abs(x - box.x) else 1

    start, end = side(a, x1), side(b, x2)
    return (start, end) if start != end else None


def _link_route(a: Box, b: Box) -> tuple[tuple[float, float], ...]:
    """A dashed tie's path: out of the upper box's side, along the gap beside the boxes, into the lower box's side."""
    if a.y > b.y:  # start from the upper box
        return tuple(reversed(_link_route(b, a)))
    if abs(a.y - b.y) < 1 and a.bottom == b.bottom:  # side by side: under both, through the gap beneath
        lane = max(a.bottom, b.bottom) + GAP_Y * 0.3
        ax, bx = a.x + a.w * 0.7, b.x + b.w * 0.3
        return ((ax, a.bottom), (ax, lane), (bx, lane), (bx, b.bottom))
    right = b.x + b.w / 2 >= a.x + a.w / 2
    start = (a.right, a.y + a.h / 2) if right else (a.x, a.y + a.h / 2)
    side = (b.x - GAP_X / 2) if right and b.x - GAP_X / 2 > a.right else (b.right + GAP_X / 2 if not right else a.right + GAP_X / 2)
    return (start, (side, start[1]), (side, b.y + b.h / 2), (b.x if side < b.x else b.right, b.y + b.h / 2))


@dataclass(frozen=True)
class _Drawn:
    """What a power map draws besides boxes and reporting lines, for its legend to explain."""

    ties: bool
    contacts: bool
    roles: bool


def _legend(box: Box, fonts: Fonts, language: str, judged: bool, drawn: _Drawn) -> list[Element]:
    """Three rows under the chart: attitude colours and frames, lines and marks, then the role badges."""
    row_h = box.h / 3
    elements: list[Element] = []
    first: list[tuple[str | None, str]] = []
    if judged:  # attitudes and influence are ours to judge: a plan without them (the customer's copy) shows neither
        first += [(f"attitude.{a}", term("attitude", a, language)) for a in ("mentor", "positive", "neutral", "negative", "enemy")]
        first.append((None, word("influence_weight", language)))
    second: list[tuple[str | None, str]] = [(None, word("legend_lines", language))]
    # Influence has a direction: its arrow points at the person influenced.
    if drawn.ties:
        second += [(f"link.{k}", term("link", k, language) + (" →" if k == "influences" else "")) for k in ("influences", "allies", "rivals")]
    else:
        second = [(None, word("legend_reports", language))]
    if drawn.contacts:
        marks = ", ".join(f"{mark} {term('contact', key, language)}" for key, mark in CONTACT_MARKS.items())
        second.append((None, f"{word('legend_contact', language)}: {marks}"))
    roles = ("decision-maker", "user", "influencer", "ratifier", "specifier", "door-opener", "buyer")
    third: list[tuple[str | None, str]] = [(None, "   ".join(f"{badge(r, language)} = {term('role', r, language)}" for r in roles))] if drawn.roles else []
    swatch = 9.0
    for row, items in enumerate([r for r in (first, second, third) if r]):
        x, y = box.x, box.y + row * row_h
        for colour, label in items:
            if colour:
                elements.append(Shape(Box(x, y + (row_h - swatch) / 2, swatch, swatch), (), SIZE, colour, "muted", 0.5, rounded=False))
                x += swatch + 3
            width = fonts.regular.width(label, SIZE) + 6
            if x + width > box.right:  # never overflow: what does not fit is left out of the legend
                break
            elements.append(Text(Box(x, y, width, row_h), (Para((Run(label),)),), SIZE, colour="muted"))
            x += width + 10
    return elements
