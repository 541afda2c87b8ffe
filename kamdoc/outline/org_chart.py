"""Organisation charts laid out in points: trees of boxes sized to what they say, a manager's leaf reports stacked beneath
them, parts of a tree too large for a slide cut off to continue elsewhere, and the parts packed onto as few slides as hold them."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from kamdoc.outline.deck import Box
from kamdoc.outline.measure import LINE_SPACING
from kamdoc.outline.person_card import PAD_Y, SLACK
from kamdoc.standard.model import Person

GAP_X, GAP_Y = 12.0, 16.0
"""Points between boxes side by side, and between a manager and the row of their reports."""
PART_GAP = 2 * GAP_X
"""Points between parts of the chart side by side on a slide."""
STACKING = ((99, 1), (4, 2), (3, 2), (4, 1), (3, 1), (2, 2), (2, 1), (1, 1), (1, 3))
"""How leaf reports are stacked, tried in turn until a tree fits: from how many leaves a manager's leaves are stacked,
and in how many columns (99: never, each leaf in the row)."""
STACK_GAP, INDENT = 6.0, 16.0
"""Leaf reports stand in a column under their manager: this far apart, indented this far, joined by a line on the left."""
OPEN_PAGES = 6
"""The slides a part may still join when it is packed: the last few (the parts of a branch stay near one another, and the
packing stays linear in the parts, however many slides a large organisation takes)."""
HALF_FULL = 0.5
"""The share of a slide its parts (with the room between them, row by row) should take: a slide under it takes a part from
the slide beside it."""
MAX_VARIANTS = 3
"""Layouts of a part kept for packing: the most compact and the next ones."""
MIN_SIZE = 10.0
DEEPEST = int(56 * 72 // (MIN_SIZE * LINE_SPACING + 2 * PAD_Y + SLACK + GAP_Y))
"""The most levels of a tree any slide holds: each takes a box of at least one line and the gap beneath it, and PowerPoint's
tallest slide is 56 in. The layout never goes deeper, so its recursion is bounded by this, whatever the organisation."""


Forest = tuple[dict[str, list[str]], list[str], list[str]]
"""Reports per person, the roots of trees, and the people with neither manager nor reports."""


def forest(people: Sequence[Person]) -> Forest:
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


@dataclass
class Block:
    """A laid-out part of the chart: each box's place relative to the block's top left, its lines, its size."""

    w: float
    h: float
    boxes: dict[str, Box] = field(default_factory=dict)
    lines: list[tuple[str, str, tuple[tuple[float, float], ...], bool]] = field(
        default_factory=list
    )  # boss, report, route, glued
    cut: list[str] = field(default_factory=list)  # people shown whose reports continue elsewhere
    caption: str = ""  # "continued …" or "no reporting line", set when the block is made
    continues: str = ""  # the person at the top of a continued part (shown on another slide too)
    caption_h: float = 0.0  # the caption's height over the block
    variants: list[Block] = field(
        default_factory=list
    )  # the same part laid out otherwise (leaves stacked or in a row), to pack


def moved(block: Block, dx: float, dy: float) -> Block:
    boxes = {pid: Box(b.x + dx, b.y + dy, b.w, b.h) for pid, b in block.boxes.items()}
    lines = [(a, b, tuple((x + dx, y + dy) for x, y in route), glued) for a, b, route, glued in block.lines]
    return Block(block.w, block.h, boxes, lines, list(block.cut), block.caption, block.continues, block.caption_h)


class Layout:
    """Lays out trees of people at one style, in points."""

    def __init__(self, children: dict[str, list[str]], heights: dict[str, float], width: float) -> None:
        self.children, self.heights, self.width = children, heights, width
        self.stack_from, self.columns = STACKING[0]
        self._levels: dict[str, int] | None = None  # worked out for everyone at the first question
        self.lowest = min(heights.values(), default=0.0)
        self._made: dict[tuple[str, int, int, int], Block] = {}
        self._sizes: dict[tuple[str, int, int, int], tuple[float, float]] = {}

    def levels(self, node: str) -> int:
        """How many levels of reports hang under `node` (0 for a leaf), each person's counted once."""
        levels = self._levels if self._levels is not None else self._all_levels()
        return levels.get(node, 0)

    def _all_levels(self) -> dict[str, int]:
        """Everyone's levels of reports, worked out at the first question."""
        self._levels = _levels_under(self.children)
        return self._levels

    def deepest(self, height: float) -> int:
        """The most levels under a tree's top that `height` points could hold: each adds at least the lowest box and a gap.

        A tree shown to a depth of d is at least this tall whatever its stacking, so a deeper layout is never worth trying.
        """
        if height < self.lowest:
            return 0
        return min(DEEPEST, int((height - self.lowest + 0.01) // (self.lowest + GAP_Y)))  # 0.01: sums of floats

    def tree(self, node: str, depth: int, kids: list[str] | None = None) -> Block:
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
        levels = self._levels if self._levels is not None else self._all_levels()
        return node, min(depth, levels.get(node, 0) + 1, DEEPEST), self.stack_from, self.columns

    def size(self, node: str, depth: int, kids: list[str] | None = None) -> tuple[float, float]:
        """The width and height `tree` gives, worked out without placing a box: the planner tries many layouts and keeps one."""
        if kids is not None:
            return self._size(node, depth, kids)
        key = self._key(node, depth)
        made = self._made.get(key)  # one look-up each: the planner asks for sizes tens of thousands of times
        if made is not None:
            return made.w, made.h
        known = self._sizes.get(key)
        if known is None:
            known = self._sizes[key] = self._size(node, key[1], self.children[node])
        return known

    def _size(self, node: str, depth: int, kids: list[str]) -> tuple[float, float]:
        head_h = self.heights[node]
        if depth == 0 or not kids:
            return self.width, head_h
        children = self.children
        leaves = list(kids) if depth == 1 else [k for k in kids if not children[k]]
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
                    bottom = max(
                        bottom, top + sum(self.heights[leaf] for leaf in column) + (len(column) - 1) * STACK_GAP
                    )
        stacked = set(leaves)  # a set: a manager may have thousands of reports
        for kid in kids:
            if kid not in stacked:
                w, h = self.size(kid, depth - 1)
                x += w + GAP_X
                bottom = max(bottom, top + h)
        return max(x - GAP_X, self.width), bottom

    def _tree(self, node: str, depth: int, kids: list[str]) -> Block:
        if depth == 0 or not kids:
            block = Block(self.width, self.heights[node], {node: Box(0, 0, self.width, self.heights[node])})
            block.cut = [node] if kids else []
            return block
        leaves = [k for k in kids if not self.children[k] or depth == 1]
        if len(leaves) < self.stack_from:  # few leaves stand in the row, side by side
            leaves = []
        stacked = set(leaves)
        inner = [self.tree(k, depth - 1) for k in kids if k not in stacked]
        return self._with_row(node, leaves, inner, depth)

    def _stack(self, leaves: list[str], top: float, depth: int) -> Block:
        """Leaf reports in columns from `top` down, each box joined from the lane above by a line down its column's left side.

        The routes start on the lane (GAP_Y / 2 above `top`); the caller joins them to the manager's box.
        """
        columns = min(self.columns, len(leaves))
        per_column = -(-len(leaves) // columns)
        block = Block(columns * (INDENT + self.width) + (columns - 1) * GAP_X, 0.0)
        bottom = top
        for c in range(columns):
            x = c * (INDENT + self.width + GAP_X)
            spine, y = x + INDENT / 2, top
            for leaf in leaves[c * per_column : (c + 1) * per_column]:
                box = Box(x + INDENT, y, self.width, self.heights[leaf])
                block.boxes[leaf] = box
                block.lines.append(
                    (
                        "",
                        leaf,
                        ((spine, top - GAP_Y / 2), (spine, box.y + box.h / 2), (box.x, box.y + box.h / 2)),
                        False,
                    )
                )
                if self.children[leaf] and depth == 1:
                    block.cut.append(leaf)
                y = box.bottom + STACK_GAP
            bottom = max(bottom, y - STACK_GAP)
        block.h = bottom
        return block

    def _with_row(self, node: str, leaves: list[str], inner: list[Block], depth: int) -> Block:
        """The manager centred over a row: their leaf reports' columns first, then each report's subtree."""
        head_h = self.heights[node]
        top = head_h + GAP_Y
        stack = self._stack(leaves, top, depth) if leaves else None
        x = stack.w + GAP_X if stack else 0.0
        parts: list[Block] = []
        for part in inner:
            parts.append(moved(part, x, top))
            x += part.w + GAP_X
        row_w = max(x - GAP_X, self.width)
        head = Box((row_w - self.width) / 2 if inner else 0.0, 0, self.width, head_h)
        block = Block(row_w, 0.0, {node: head})
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
            middle = (
                box.x + box.w / 2
            )  # down from the manager to the lane, along it, down into the report's top: elbows only
            route = (
                ((centre, head.bottom), (middle, box.y))
                if abs(middle - centre) < 0.5
                else ((centre, head.bottom), (centre, lane), (middle, lane), (middle, box.y))
            )
            block.lines.append((node, child, route, True))
            block.boxes.update(part.boxes)
            block.lines += part.lines
            block.cut += part.cut
        block.h = max(b.bottom for b in block.boxes.values())
        return block


@dataclass
class Page:
    """The blocks on one slide, placed in points relative to the chart's top left."""

    blocks: list[Block] = field(default_factory=list)
    rows: list[tuple[float, float, float]] = field(default_factory=list)  # each row's top, height and filled width
    people: set[str] = field(default_factory=set)
    sources: list[Block] = field(default_factory=list)  # the blocks as laid out, before they were placed: to pack again

    def place(self, block: Block, width: float, height: float) -> bool:
        """Put `block` at the end of the last row, or on a new row beneath; False when the slide has no room for it, or
        already shows one of its people (a person stands at most once on a slide)."""
        if not self.people.isdisjoint(block.boxes):
            return False
        need = block.h + block.caption_h
        if self.rows:
            top, row_h, used = self.rows[-1]
            x = used + (PART_GAP if used else 0.0)
            if x + block.w <= width and top + need <= height:
                self.rows[-1] = (top, max(row_h, need), x + block.w)
                self._add(block, moved(block, x, top + block.caption_h))
                return True
            top = top + row_h + GAP_Y
        else:
            top = 0.0
        if block.w > width or top + need > height:
            return False
        self.rows.append((top, need, block.w))
        self._add(block, moved(block, 0.0, top + block.caption_h))
        return True

    def _add(self, source: Block, block: Block) -> None:
        self.sources.append(source)
        self.blocks.append(block)
        self.people.update(block.boxes)

    def filled(self, width: float, height: float) -> float:
        """The share of the slide its parts take: their boxes and the room between them, row by row."""
        return (
            sum(min(used, width) * row_h for _, row_h, used in self.rows) / (width * height)
            if width and height
            else 1.0
        )


Caption = Callable[[str, bool], str]
"""A part's caption over its top person: for a branch of the overview (True) or a part cut off a larger one (False)."""


class Planner:
    """Splits trees into blocks that each fit a slide; a part cut off continues in a block of its own, under a caption."""

    def __init__(
        self,
        forest_: Forest,
        layout: Layout,
        width: float,
        height: float,
        caption: Caption,
        caption_h: Callable[[str, float], float],
        loners_caption: str,
        rows: bool = False,
    ) -> None:
        self.layout, self.width, self.height, self.rows = (
            layout,
            width,
            height,
            rows,
        )  # rows: reports side by side where they fit
        self.children, self.roots, self.loners = forest_
        self.caption, self.caption_h, self.loners_caption = caption, caption_h, loners_caption
        self._made: dict[tuple[str, bool | None], list[Block]] = {}

    def fits(self, size: tuple[float, float], caption: float) -> bool:
        w, h = size
        return w <= self.width and h + caption <= self.height

    def blocks(self, starts: Sequence[str] | None = None, loners: bool = True) -> list[Block]:
        """The trees under `starts` (each a branch, under a caption) or, without them, the whole forest; then the loners."""
        out: list[Block] = []
        queue: deque[tuple[str, bool | None]] = (
            deque((node, True) for node in starts) if starts is not None else deque((r, None) for r in self.roots)
        )
        while queue:
            node, branch = queue.popleft()
            key = (node, branch)
            if key not in self._made:  # the overviews tried ask for the same branches again: each is laid out once
                reserve = self.caption_h(self.caption(node, bool(branch)), self.width) if branch is not None else 0.0
                made = self._fitting(node, reserve)
                for block in made:
                    for each in (block, *block.variants) if branch is not None else ():
                        self._captioned(each, node, bool(branch))
                self._made[key] = made
            for block in self._made[key]:
                out.append(block)
                queue += [(cut, False) for cut in block.cut]
        if loners:
            out += self._loner_blocks()
        return out

    def whole(self) -> list[Block] | None:
        """`blocks()` where no tree is cut (else None, found before laying any out): only then may the chart fit one slide.

        A part cut off repeats its top person in the part that continues it, and a person stands at most once on a slide.
        """
        if not all(self._lays_whole(root) for root in self.roots):
            return None
        return self.blocks()

    def _lays_whole(self, node: str) -> bool:
        """Whether `_fitting` may lay `node`'s tree out whole: all its levels fit a slide in some stacking, or it has
        only one level of reports (then a layout that fits no slide stands alone on one, uncut)."""
        levels = self.layout.levels(node)
        if levels < 2:
            return True
        if levels > self.layout.deepest(self.height):
            return False
        kept = self.layout.stack_from, self.layout.columns  # as they were: `_shared` may lay out in the last one tried
        try:
            for self.layout.stack_from, self.layout.columns in STACKING:
                if self.fits(self.layout.size(node, 1 + levels), 0.0):
                    return True
            return False
        finally:
            self.layout.stack_from, self.layout.columns = kept

    def _captioned(self, block: Block, node: str, branch: bool) -> None:
        block.caption, block.continues = self.caption(node, branch), node
        block.caption_h = self.caption_h(block.caption, block.w)
        while block.w < self.width and block.h + block.caption_h > self.height:  # wider: its caption in fewer lines
            block.w = min(self.width, block.w + GAP_X)
            block.caption_h = self.caption_h(block.caption, block.w)

    def _fitting(self, node: str, caption: float) -> list[Block]:
        """The deepest layout of `node`'s tree that fits; when even its direct reports do not, they are shared out."""
        # Only depths a slide could hold are tried: on a long chain, trying every depth from its bottom up made the layout
        # quadratic (and recursed as deep as the chain). 1 + levels is the whole tree.
        levels, deepest = self.layout.levels(node), self.layout.deepest(self.height - caption)
        depth = 1 + levels if levels <= deepest else deepest
        while depth >= 1:
            fitting = []
            for order, stacking in enumerate(STACKING):
                self.layout.stack_from, self.layout.columns = stacking
                w, h = self.layout.size(node, depth)
                if self.fits((w, h), caption):
                    fitting.append((w * h, w, order))
            if fitting and self.rows and any(order == 0 for _, _, order in fitting):
                fitting = [
                    f for f in fitting if f[2] == 0
                ]  # an org chart's look: each manager over the row of their reports
            if fitting:  # the most compact first; the others are tried when it does not fit beside the parts on a slide
                made: list[Block] = []
                seen: set[tuple[float, float]] = set()
                for area, w, order in sorted(fitting):
                    if (w, area) in seen or len(made) == MAX_VARIANTS:
                        continue  # the same size twice: stackings that leave this tree as it was
                    seen.add((w, area))
                    self.layout.stack_from, self.layout.columns = STACKING[order]
                    made.append(moved(self.layout.tree(node, depth), 0.0, 0.0))  # a copy: the caller gives it a caption
                made[0].variants = made[1:]
                return [made[0]]
            depth -= 1
        return self._shared(node, caption)

    def _shared(self, node: str, caption: float) -> list[Block]:
        """`node` repeated over several blocks, each with as many of its direct reports as fit (each block on a slide of its own)."""
        kids, out = list(self.children[node]), []
        while kids:
            taken = 1
            while taken < len(kids) and self.fits(self.layout.size(node, 1, kids[: taken + 1]), caption):
                taken += 1
            out.append(self.layout.tree(node, 1, kids[:taken]))
            kids = kids[taken:]
        return out

    def _loner_blocks(self) -> list[Block]:
        """People with neither manager nor reports: columns of boxes under a caption, as many per block as fit."""
        out: list[Block] = []
        block: Block | None = None
        x = y = 0.0
        reserve = self.caption_h(self.loners_caption, self.layout.width)
        for pid in self.loners:
            h = self.layout.heights[pid]
            if block is None:
                block, x, y = Block(0.0, 0.0, caption=self.loners_caption, caption_h=reserve), 0.0, 0.0
            if y and y + h > self.height - reserve:
                x, y = x + self.layout.width + GAP_X, 0.0
                if x + self.layout.width > self.width:
                    out.append(block)
                    block, x = Block(0.0, 0.0, caption=self.loners_caption, caption_h=reserve), 0.0
            block.boxes[pid] = Box(x, y, self.layout.width, h)
            block.w, block.h = max(block.w, x + self.layout.width), max(block.h, y + h)
            y += h + STACK_GAP
        if block is not None:
            out.append(block)
        for part in out:  # a wider block needs fewer lines for its caption
            part.caption_h = self.caption_h(part.caption, part.w)
        return out


def pack(blocks: list[Block], width: float, height: float) -> list[Page]:
    """The blocks on as few slides as hold them, none of them near empty: packed in their order (branches stay near one
    another) and tallest first (slides fill more evenly); the packing with fewer slides wins, then the one whose emptiest
    slide is fuller."""
    kept = _packed(blocks, width, height)
    if len(blocks) > 1:
        tallest = _packed(sorted(blocks, key=lambda b: -(b.h + b.caption_h)), width, height)
        if (len(tallest), -_emptiest(tallest, width, height)) < (len(kept), -_emptiest(kept, width, height)):
            kept = tallest
    return _evened(kept, width, height)


def _evened(pages: list[Page], width: float, height: float) -> list[Page]:
    """Slides under half full take a part from a slide beside them that stays at least half full (a bounded number of tries)."""
    for i, page in enumerate(pages):
        if page.filled(width, height) >= HALF_FULL or len(page.sources) == 0:
            continue
        for j in (i - 1, i + 1):
            if not 0 <= j < len(pages) or not pages[j].sources:
                continue
            for part in sorted(pages[j].sources, key=lambda b: b.w * (b.h + b.caption_h))[:MAX_VARIANTS]:
                fuller = _packed([*page.sources, part], width, height)
                rest = _packed([b for b in pages[j].sources if b is not part], width, height)
                if len(fuller) == 1 and len(rest) == 1 and rest[0].filled(width, height) >= HALF_FULL:
                    pages[i], pages[j] = fuller[0], rest[0]
                    page = pages[i]
                    break
            if page.filled(width, height) >= HALF_FULL:
                break
    return pages


def _emptiest(pages: list[Page], width: float, height: float) -> float:
    return min((page.filled(width, height) for page in pages), default=1.0)


def _packed(blocks: list[Block], width: float, height: float) -> list[Page]:
    """Each block on the first of the last few slides with room, in whichever of its layouts fits there; a block that
    opens a slide takes its narrowest layout, to leave room beside it."""
    pages: list[Page] = []
    for block in blocks:
        shapes = (block, *block.variants)
        if any(page.place(shape, width, height) for page in pages[-OPEN_PAGES:] for shape in shapes):
            continue
        pages.append(Page())
        block = min(shapes, key=lambda b: (b.w, b.h))
        if not pages[-1].place(
            block, width, height
        ):  # taller than any slide (or its people all shown): it stands alone, from the top
            pages[-1].blocks.append(block)
            pages[-1].rows.append((0.0, block.h, block.w))
            pages[-1].people.update(block.boxes)
    return pages
