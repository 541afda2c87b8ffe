"""Fitting content on slides: measured text flows and tables, split onto continuation slides, never overflowing."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from kamdoc.outline.deck import Box, Slide, Table, Text
from kamdoc.outline.measure import LINE_SPACING, Metrics
from kamdoc.outline.richtext import Para, Run, glued

BULLET_INDENT = 18.0
"""Points a list item's text is indented by, per level."""
PARA_GAP = 0.45
"""Space after a paragraph, as a multiple of the font size."""
CELL_PAD_X = 5.0
CELL_PAD_Y = 3.5
ROW_EXTRA = 1.0
"""Every table row is this much taller than its lines and padding: room for the rule between rows."""
TITLE_H = 46.0
"""Height of the title box: one line at the title size, or two at the smallest title size."""
INSET = 2.0
FOOTER_SHARE = 0.85
"""The footer's text takes this share of the width between the margins; the slide number the rest."""
"""The inner margin renderers give every text frame, in points."""


def indent(para: Para, size: float) -> tuple[float, float]:
    """Where a paragraph's text starts, and how far its marker hangs out to the left, in points."""
    numbered = max(BULLET_INDENT, size * 1.7)  # "10." needs room
    if not para.bullet:  # a paragraph under a list item starts where the item's text does, numbered or not
        return (BULLET_INDENT * (para.level - 1) + numbered if para.level else 0.0), 0.0
    hang = BULLET_INDENT if para.bullet == "•" else numbered
    return BULLET_INDENT * para.level + hang, hang


@dataclass(frozen=True)
class Fonts:
    """The regular and bold metrics of the theme's font."""

    regular: Metrics
    bold: Metrics

    def lines(self, para: Para, size: float, width: float) -> int:
        return self.regular.lines_of_runs(*self._in_frame(para, size, width), self.bold)

    def breaks(self, para: Para, size: float, width: float, bold: bool = False) -> tuple[int, ...]:
        """Where a paragraph's wrapped lines begin in a text frame `width` points wide (see Metrics.break_runs)."""
        return tuple(self.regular.break_runs(*self._in_frame(para, size, width, bold), self.bold))

    @staticmethod
    def _in_frame(
        para: Para, size: float, width: float, bold: bool = False
    ) -> tuple[list[tuple[str, bool]], float, float]:
        """A paragraph's styled runs, its size, and the width its lines have in a text frame `width` points wide."""
        start, _ = indent(para, size)
        return [(r.text, r.bold or bold) for r in para.runs], size, max(20.0, width - start - 2 * INSET)

    def para_height(self, para: Para, size: float, width: float) -> float:
        return self.lines(para, size, width) * size * LINE_SPACING + size * PARA_GAP

    def text_height(self, paras: tuple[Para, ...] | list[Para], size: float, width: float) -> float:
        return sum(self.para_height(p, size, width) for p in paras) + 2 * INSET

    def cell_lines(self, text: str, size: float, width: float, bold: bool = False) -> list[str]:
        """The lines a table cell's text takes in a column `width` points wide (less the cell's padding)."""
        metrics = self.bold if bold else self.regular
        return metrics.wrap(text, size, max(10.0, width - 2 * CELL_PAD_X))


def split_para(fonts: Fonts, para: Para, size: float, width: float, height: float) -> tuple[Para, Para] | None:
    """Cut a paragraph so that its first part fits `height`, keeping each run's style.

    The cut falls at a word boundary; a single word longer than the room is cut between characters. Only the
    part of a long paragraph that can reach the room is measured, so splitting it page after page stays linear.
    """
    text = para.text
    line = size * LINE_SPACING
    starts, measured = line_starts(fonts, para, size, width, int(height / line) + 2)

    def height_of(cut: int) -> float:
        if text[cut : cut + 1] == " ":  # a head ending at a word wraps as the paragraph does up to there
            # Past what was measured, the head has more lines than the room holds (line_starts measured enough).
            return (1 + bisect_right(starts, cut)) * line + size * PARA_GAP if cut <= measured else float("inf")
        return fonts.para_height(Para(_cut_runs(para.runs, cut)[0], para.bullet, para.level), size, width)

    def best_of(cuts: list[int], limit: float = height) -> int:
        lo, hi, best = 0, len(cuts) - 1, -1
        while lo <= hi:  # the longest head that still fits: a binary search, so long paragraphs stay cheap
            mid = (lo + hi) // 2
            if height_of(cuts[mid]) <= limit:
                best, lo = mid, mid + 1
            else:
                hi = mid - 1
        return cuts[best] if best >= 0 else 0

    words = [i for i in range(min(len(text), measured + 1)) if text[i] == " "]
    cut = best_of(words) if words else 0
    skip = 1 if cut else 0  # the space at a word boundary goes with neither part
    if not cut:
        cut = best_of(list(range(1, min(len(text), measured + 1))))
    if not cut:
        return None
    if words:
        # Typographic rules: end the part at a sentence when that still fills half the room; never leave one line
        # of the paragraph alone at the foot.
        sentences = [i for i in words if text[i - 1] in ".!?:;"]
        at_sentence = best_of(sentences) if sentences else 0
        if at_sentence and height_of(at_sentence) >= height / 2:
            cut = at_sentence
        # Meant to keep one line from standing alone at the foot; with the paragraph gap in the height it never holds, and is
        # kept as it was so that no deck moves (a slide with nothing above such a line would be left empty).
        if height_of(cut) <= line * 1.01:
            return None
    head, tail_runs = _cut_runs(para.runs, cut)
    tail_runs = _cut_runs(tail_runs, skip)[1] if skip else tail_runs
    return Para(head, para.bullet, para.level), Para(tail_runs, None, para.level)


def height_within(fonts: Fonts, para: Para, size: float, width: float, room: float) -> float:
    """A paragraph's height (as `Fonts.para_height`) when it may fit `room`; infinite when it cannot, measured no further."""
    line = size * LINE_SPACING
    starts, measured = line_starts(fonts, para, size, width, max(0, int(room / line)) + 2)
    if measured < len(para.text):
        return float("inf")
    return (1 + len(starts)) * line + size * PARA_GAP


MEASURE_CHARS = 512
"""Characters of a long paragraph measured first when only its first lines matter; doubled until they are enough."""


def line_starts(fonts: Fonts, para: Para, size: float, width: float, lines: int) -> tuple[list[int], int]:
    """Where the paragraph's first lines begin (wrapped and forced), at least `lines` of them, and how far that holds.

    Lines are filled greedily, word by word, so a head of the paragraph that ends at a word wraps exactly as the
    whole does up to there: measuring growing heads finds the first lines without measuring the rest. The second
    value is the offset up to which the starts are the paragraph's own (its length once all of it was measured).
    """
    text = para.text
    length = MEASURE_CHARS
    while True:
        whole = length >= len(text)
        end = len(text) if whole else text.rfind(" ", 0, length)
        if whole or end > 0:  # a head that ends at a word, or the whole (an empty paragraph too)
            head = para if whole else Para(_cut_runs(para.runs, end)[0], para.bullet, para.level)
            forced = _after_newlines(text, end)
            starts = sorted({*fonts.breaks(head, size, width), *forced})
            if len(starts) >= lines or whole:
                return starts, end
        length *= 2


def _after_newlines(text: str, end: int) -> list[int]:
    """The offsets just after each line break in `text[:end]`, found by the string's own search, not char by char."""
    out: list[int] = []
    at = text.find("\n", 0, end)
    while at >= 0:
        out.append(at + 1)
        at = text.find("\n", at + 1, end)
    return out


def _cut_runs(runs: tuple[Run, ...], at: int) -> tuple[tuple[Run, ...], tuple[Run, ...]]:
    head: list[Run] = []
    tail: list[Run] = []
    seen = 0
    for run in runs:
        if seen + len(run.text) <= at:
            head.append(run)
        elif seen >= at:
            tail.append(run)
        else:
            cut = at - seen
            head.append(Run(run.text[:cut], run.bold, run.italic, run.link))
            tail.append(Run(run.text[cut:], run.bold, run.italic, run.link))
        seen += len(run.text)
    return tuple(head), tuple(r for r in tail if r.text)


def fit_size(fonts: Fonts, paras: list[Para], box: Box, sizes: tuple[float, ...]) -> float | None:
    """The largest of `sizes` at which the paragraphs fit in one box, if any."""
    for size in sizes:
        if fonts.text_height(paras, size, box.w) <= box.h:
            return size
    return None


def column_widths(
    fonts: Fonts,
    header: tuple[str, ...],
    rows: Sequence[tuple[str, ...]],
    size: float,
    total: float,
    numeric: tuple[bool, ...],
) -> tuple[float, ...]:
    """Column widths from their content: no word is broken where avoidable, numbers get what they need, text shares the rest."""
    pad = 2 * CELL_PAD_X + 2
    natural, floor = [], []
    for col, title in enumerate(header):
        cells = [row[col] for row in rows]
        longest_cell = max([fonts.regular.width(c, size) for c in cells] + [fonts.bold.width(title, size)]) + pad
        words = [w for c in cells for w in c.split()] + title.split()
        longest_word = max([fonts.bold.width(w, size) for w in words] or [0.0]) + pad
        natural.append(longest_cell)
        floor.append(min(longest_word, total * 0.25))
    out = [max(floor[i], min(natural[i], total * 0.3)) if numeric[i] else floor[i] for i in range(len(header))]
    text_cols = [i for i, is_number in enumerate(numeric) if not is_number]
    rest = total - sum(out)
    if rest > 0 and text_cols:
        # What is left goes to the text columns, more to longer texts, none beyond what they need.
        want = {i: max(0.0, natural[i] - out[i]) for i in text_cols}
        weights = {i: want[i] ** 0.75 for i in text_cols}
        if sum(weights.values()) > 0:
            for i in text_cols:
                out[i] += min(want[i], rest * weights[i] / sum(weights.values()))
    scale = total / sum(out)
    return tuple(w * scale for w in out)


def row_height(lines: int, size: float) -> float:
    """A table row's height: its tallest cell's lines, the cells' padding and room for the rule."""
    return lines * size * LINE_SPACING + 2 * CELL_PAD_Y + ROW_EXTRA


def paginate_table(
    fonts: Fonts,
    header: tuple[str, ...],
    rows: Sequence[tuple[str, ...]],
    align: tuple[str, ...],
    box: Box,
    size: float,
    bold_last_row: bool = False,
    bold_first_column: bool = False,
    first_height: float | None = None,
) -> list[Table]:
    """A table split over as many boxes as it needs, the header row repeated on each (the first may be shorter)."""
    rows = [tuple(glued(c) for c in row) for row in rows]
    numeric = tuple(a == "right" for a in align)
    widths = column_widths(fonts, header, rows, size, box.w, numeric)

    measured: dict[tuple[tuple[str, ...], bool], _RowLines] = {}

    def lines_of(cells: tuple[str, ...], bold: bool = False) -> _RowLines:
        """Each cell's lines, wrapped once (a bold first column bold, as drawn): the row's height and the PDF's lines."""
        if (cells, bold) not in measured:
            measured[cells, bold] = tuple(
                tuple(fonts.cell_lines(c, size, w, bold or (k == 0 and bold_first_column)))
                for k, (c, w) in enumerate(zip(cells, widths))
            )
        return measured[cells, bold]

    def height(cells: tuple[str, ...], bold: bool = False) -> float:
        return row_height(max(len(lines) for lines in lines_of(cells, bold)), size)

    head_h = height(header, True) if any(header) else 0.0

    def piece(cells: list[tuple[str, ...]], heights: list[float], used: float, bold_last: bool) -> Table:
        cut = Box(box.x, box.y, box.w, used)
        return Table(cut, widths, header, tuple(cells), align, size, (head_h, *heights), bold_last, bold_first_column)

    rows = _split_tall_rows(fonts, rows, widths, size, box.h - head_h)
    tables: list[Table] = []
    current: list[tuple[str, ...]] = []
    heights: list[float] = []
    used = head_h
    limit = box.h if first_height is None else first_height
    for i, row in enumerate(rows):
        bold = bold_last_row and i == len(rows) - 1
        h = height(row, bold)
        if used + h > limit and (current or limit < box.h):
            if not current:  # not even one row fits the first, shorter box: the table starts in the next
                tables.append(Table(Box(box.x, box.y, box.w, 0), widths, header, (), align, size, (head_h,)))
                limit = box.h
                current, heights, used = [row], [h], head_h + h
                continue
            tables.append(piece(current, heights, used, False))
            current, heights, used = [], [], head_h
            limit = box.h
        current.append(row)
        heights.append(h)
        used += h
    tables.append(piece(current, heights, used, bold_last_row))
    return [_with_lines(t, lines_of) for t in _rebalanced(tables, box)]


_RowLines = tuple[tuple[str, ...], ...]
"""The measured lines of each cell of a row."""


def _with_lines(table: Table, lines_of: Callable[[tuple[str, ...], bool], _RowLines]) -> Table:
    """The table with each cell's measured lines (header first): the PDF shows exactly these."""
    last = len(table.rows) - 1
    body = [lines_of(row, table.bold_last_row and r == last) for r, row in enumerate(table.rows)]
    return replace(table, lines=tuple([lines_of(table.header, True)] if table.has_header else []) + tuple(body))


SHORTEST_PART = 0.45
"""A continued table's last part fills at least this share of its box; else the last two parts share their rows."""


def _rebalanced(tables: list[Table], box: Box) -> list[Table]:
    """The last two parts of a table with their rows shared evenly, when the last would be a widow row or nearly empty."""
    if len(tables) < 2 or not tables[-2].rows:
        return tables
    before, last = tables[-2], tables[-1]
    if len(last.rows) > 1 and last.box.h >= box.h * SHORTEST_PART:
        return tables
    head_h = last.row_heights[0]
    rows = (*before.rows, *last.rows)
    heights = (*before.row_heights[1:], *last.row_heights[1:])
    half, cut, running = sum(heights) / 2, 0, 0.0
    while cut < len(rows) - 1 and running + heights[cut] / 2 < half:  # cut nearest the middle, each part keeping a row
        running += heights[cut]
        cut += 1
    cut = max(1, cut)
    first = replace(
        before,
        box=Box(before.box.x, before.box.y, before.box.w, head_h + sum(heights[:cut])),
        rows=rows[:cut],
        row_heights=(head_h, *heights[:cut]),
        bold_last_row=False,
    )
    second = replace(
        last,
        box=Box(last.box.x, last.box.y, last.box.w, head_h + sum(heights[cut:])),
        rows=rows[cut:],
        row_heights=(head_h, *heights[cut:]),
    )
    return [*tables[:-2], first, second]


def split_table(table: Table, room: float) -> tuple[Table, Table] | None:
    """The table's first rows that fit `room` points, its header included, and the rest under the same header;
    None when not even the first row fits, or only all of them do."""
    head, heights = table.row_heights[0], table.row_heights[1:]
    cut, used = 0, head
    while cut < len(heights) - 1 and used + heights[cut] <= room:
        used += heights[cut]
        cut += 1
    if cut == 0:
        return None
    header_lines = table.lines[:1] if table.has_header else ()

    def part(start: int, end: int, bold_last_row: bool) -> Table:
        return replace(
            table,
            box=replace(table.box, h=head + sum(heights[start:end])),
            rows=table.rows[start:end],
            row_heights=(head, *heights[start:end]),
            fills=table.fills[start:end],
            lines=(*header_lines, *table.lines[len(header_lines) + start : len(header_lines) + end])
            if table.lines
            else (),
            bold_last_row=bold_last_row,
        )

    return part(0, cut, False), part(cut, len(table.rows), table.bold_last_row)


def _split_tall_rows(
    fonts: Fonts, rows: Sequence[tuple[str, ...]], widths: tuple[float, ...], size: float, room: float
) -> list[tuple[str, ...]]:
    """Rows taller than a whole slide are cut into several rows, line by line."""
    max_lines = max(1, int((room - 2 * CELL_PAD_Y - 1) // (size * LINE_SPACING)))
    out: list[tuple[str, ...]] = []
    for row in rows:
        wrapped = [fonts.regular.wrap(c, size, max(10.0, w - 2 * CELL_PAD_X)) for c, w in zip(row, widths)]
        if max(len(lines) for lines in wrapped) <= max_lines:
            out.append(row)
            continue
        for start in range(0, max(len(lines) for lines in wrapped), max_lines):
            out.append(tuple(" ".join(lines[start : start + max_lines]) for lines in wrapped))
    return out


def fit_title(
    fonts: Fonts, title: str, width: float, sizes: tuple[float, ...], two_line_size: float
) -> tuple[str, float]:
    """A title on one line at the largest size that fits, else on two lines at `two_line_size`, shortened with … if need be."""
    for size in sizes:
        if fonts.bold.width(title, size) <= width - 2 * INSET:
            return title, size
    return fit_lines(fonts.bold, title, two_line_size, width - 2 * INSET, 2), two_line_size


def fit_lines(metrics: Metrics, text: str, size: float, width: float, max_lines: int) -> str:
    """`text` in at most `max_lines` lines: whole if it fits, else the words of those lines that fit with " …"."""
    lines = metrics.wrap(text, size, width)
    if len(lines) <= max_lines:
        return text
    # Only the words of the first lines can stay: the longest prefix of them that fits with " …" is found
    # by halving, so that a text of thousands of words is measured a few times, not once per word.
    words = " ".join(lines[:max_lines]).split(" ")

    def fits(count: int) -> bool:
        return len(metrics.wrap(" ".join(words[:count]) + " …", size, width)) <= max_lines

    lo, hi = 1, len(words)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if fits(mid) else (lo, mid - 1)
    if not fits(lo):  # one word longer than all the lines: cut between characters
        return fit_line(metrics, " ".join(lines[:max_lines]), size, width * max_lines * 0.95)
    return " ".join(words[:lo]) + " …"


def fit_line(metrics: Metrics, text: str, size: float, width: float) -> str:
    """`text` on one line of `width` points: whole if it fits, else cut at a word (or, failing that, a character) with …

    Only for lines that cannot grow, such as a footer; found by halving, so a huge text is measured a few times.
    """
    if metrics.width(text, size) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if metrics.width(text[:mid].rstrip() + " …", size) <= width else (lo, mid - 1)
    head = text[:lo]
    at_word = head.rfind(" ")
    if at_word > lo // 2:
        head = head[:at_word]
    return head.rstrip() + " …"


class Flow:
    """Text and tables placed top to bottom in the body box, page after page, each page as full as it can be."""

    def __init__(self, fonts: Fonts, body: Box, size: float, table_size: float) -> None:
        self.fonts = fonts
        self.body = body
        self.size = size
        self.table_size = table_size
        self.pages: list[list[Text | Table]] = [[]]
        self.y = body.y

    def _next_page(self) -> None:
        self.pages.append([])
        self.y = self.body.y

    def paras(self, paras: list[Para]) -> None:
        queue = list(paras)
        while queue:
            room = self.body.bottom - self.y
            chunk: list[Para] = []
            used = 2 * INSET
            while queue:
                need = height_within(self.fonts, queue[0], self.size, self.body.w, room - used)
                if used + need <= room:
                    chunk.append(queue.pop(0))
                    used += need
                    continue
                parts = split_para(self.fonts, queue[0], self.size, self.body.w, room - used)
                if parts:
                    chunk.append(parts[0])
                    queue[0] = parts[1]
                    used = room
                break
            if (
                queue and len(chunk) > 1 and is_heading(chunk[-1])
            ):  # a heading goes over with its text, never alone at the foot
                queue.insert(0, chunk.pop())
                used = 2 * INSET + sum(self.fonts.para_height(p, self.size, self.body.w) for p in chunk)
            if chunk:
                self.pages[-1].append(Text(Box(self.body.x, self.y, self.body.w, used), tuple(chunk), self.size))
                self.y += used
            if queue:
                if not chunk and not self.pages[-1]:
                    raise ValueError("text box too small for one line")  # pragma: no cover - impossible at sane sizes
                self._next_page()

    def table(self, header: tuple[str, ...], rows: list[tuple[str, ...]], align: tuple[str, ...]) -> None:
        room = self.body.bottom - self.y
        parts = paginate_table(self.fonts, header, rows, align, self.body, self.table_size, first_height=room)
        for i, part in enumerate(parts):
            if i:
                self._next_page()
            if part.rows:
                placed = replace(part, box=Box(part.box.x, self.y, part.box.w, part.box.h))
                self.pages[-1].append(placed)
                self.y += part.box.h + self.size * PARA_GAP


def is_heading(para: Para) -> bool:
    """A paragraph of bold text alone, not a list item: a heading over the text that follows."""
    return not para.bullet and bool(para.runs) and all(run.bold for run in para.runs if run.text.strip())


def measure_lines(slides: Sequence[Slide], fonts: Fonts) -> None:
    """Give every text frame its measured line breaks, so that each renderer shows the lines the layout counted."""
    for slide in slides:
        slide.elements = [
            replace(e, breaks=tuple(fonts.breaks(p, e.size, e.box.w, e.bold) for p in e.paras))
            if isinstance(e, Text)
            else e
            for e in slide.elements
        ]


def text(
    box: Box,
    paras: Sequence[Para],
    size: float,
    colour: str = "text",
    bold: bool = False,
    align: str = "left",
    fill: str | None = None,
    role: str = "body",
) -> Text:
    """A text element (a shorthand)."""
    return Text(box, tuple(paras), size, colour, bold, align, fill, role)
