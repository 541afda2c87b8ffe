"""The whitespace slides: our offerings against the customer's units, each cell coloured by who supplies it and saying
it in words or figures, with the potential left summed per offering and per unit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from kamdoc.outline.deck import Box, Element, Shape
from kamdoc.outline.kit import PlanKit
from kamdoc.outline.layout import INSET, text
from kamdoc.outline.measure import LINE_SPACING
from kamdoc.outline.richtext import Para, Run
from kamdoc.outline.words import term
from kamdoc.standard.model import Cell, Whitespace

UNITS_PER_SLIDE = 8
"""Units side by side on one slide; more go on to the next slide, the offerings repeated."""
FILL = {"ours": "status.green", "competitor": "status.red", "potential": "status.amber", "no_fit": "rule"}
"""A cell's background by status; an unknown cell stays white. Each cell also says it in words or figures, so that the
colour is never the only sign."""
NO_FIT = "–"
"""What a cell with no need for the offering says."""
TOTAL = ("Total potential", "Potenzial gesamt")
"""What the row of the units' totals is called, in English and German."""
GAP = 4.0
"""Points between two cells."""
LABEL_SHARE, SUM_SHARE = 0.26, 0.14
"""The widest the offerings' names and the column of their totals may be, as shares of the body's width."""
PAD = 8.0
"""Room around a cell's text."""
TALLEST_ROW = 4.0
"""A row is at most this many lines of its type high: a small matrix gets room, not bricks."""
SLACK = 6.0
"""Points a column is wider than its widest line: PowerPoint's and LibreOffice's own wrapping never needs a line more."""


@dataclass(frozen=True)
class _Grid:
    """How a matrix is drawn on each of its slides: type size, the columns' widths, the header's and each row's height."""

    size: float
    label_w: float
    cell_w: float
    sum_w: float
    head_h: float
    row_h: float
    per_slide: int  # offerings per slide


def whitespace(kit: PlanKit) -> None:
    """The matrix on as many slides as its units and offerings need, each with the key to its colours."""
    ws = kit.plan.whitespace
    if ws is None:
        return
    cells = {(c.offering, c.unit): c for c in ws.cells}
    units = [u.name for u in ws.units]
    groups = [units[i : i + UNITS_PER_SLIDE] for i in range(0, len(units), UNITS_PER_SLIDE)]
    money = kit.money_column([ws.potential()])  # every amount of the matrix in the unit its grand total calls for
    for n, group in enumerate(groups):
        last = n == len(groups) - 1  # the offerings' totals stand once, beside the last units
        rows = [[o.name, *(_said(kit, cells.get((o.name, u)), money) for u in group)] for o in ws.offerings]
        marks = [[_status(cells.get((o.name, u))) for u in group] for o in ws.offerings]
        sums = [_money(money, _row_total(ws, o.name)) for o in ws.offerings] if last else []
        totals = [_total(kit), *(_money(money, _unit_total(ws, cells, u)) for u in group)]
        grand = _money(money, ws.potential()) if last else ""
        grid = _fit(kit, group, rows, [*sums, grand] if last else [], totals)  # the sums' column holds the grand total
        for start in range(0, len(rows), grid.per_slide):
            page = slice(start, start + grid.per_slide)
            slide = kit.new("whitespace", kit.title("whitespace"), "whitespace")
            done = page.stop >= len(rows)
            part = (rows[page], marks[page], sums[page])
            slide.elements += _drawn(kit, grid, group, part, (totals, grand) if done else None)
            slide.notes += _notes(ws, rows[page])


def _fit(kit: PlanKit, units: list[str], rows: list[list[str]], sums: list[str], totals: list[str]) -> _Grid:
    """The largest type size at which every row and the totals fit one slide, rows of one height, and no word is
    broken; else the smallest, the rows shared evenly over as few slides as hold them."""
    for size in (*kit.sizes, kit.minimum):
        grid, tallest = _measured(kit, units, rows, sums, totals, size)
        room = kit.body.h - grid.head_h - _key_h(kit) - GAP
        if (tallest + GAP) * (len(rows) + 1) <= room and _whole_words(kit, grid, units, rows):
            row_h = max(tallest, min(room / (len(rows) + 1) - GAP, TALLEST_ROW * size * LINE_SPACING))
            return replace(grid, row_h=row_h, per_slide=len(rows))
    fits = max(1, int(room // (tallest + GAP)) - 1)  # the totals' row needs its place on the last slide
    per_slide = -(-len(rows) // -(-len(rows) // fits))  # as few slides as hold them, the rows shared evenly
    row_h = max(tallest, min(room / (per_slide + 1) - GAP, TALLEST_ROW * grid.size * LINE_SPACING))
    return replace(grid, row_h=row_h, per_slide=per_slide)


def _measured(
    kit: PlanKit, units: list[str], rows: list[list[str]], sums: list[str], totals: list[str], size: float
) -> tuple[_Grid, float]:
    """The columns' widths at `size` and the header's height, with the tallest row's height (the totals' too)."""
    bold, body = kit.fonts.bold, kit.body
    names = [r[0] for r in rows] + [totals[0]]
    label_w = min(max(bold.width(n, size) for n in names) + PAD + SLACK, body.w * LABEL_SHARE)
    shown = [*sums, kit.label(Cell, "potential")]
    sum_w = min(max(bold.width(s, size) for s in shown) + PAD + SLACK, body.w * SUM_SHARE) if sums else 0.0
    cell_w = (body.w - label_w - sum_w - GAP * (len(units) + (1 if sum_w else 0))) / len(units)
    head_h = max(_height(kit, _broken(kit, n, size, cell_w, True), size) for n in units)
    tallest = max(
        _height(kit, _broken(kit, said, size, label_w if k == 0 else cell_w, k == 0), size)
        for row in [*rows, totals]
        for k, said in enumerate(row)
    )
    return _Grid(size, label_w, cell_w, sum_w, head_h, 0.0, 0), tallest


def _whole_words(kit: PlanKit, grid: _Grid, units: list[str], rows: list[list[str]]) -> bool:
    """Whether every word of the units' and offerings' names and of the cells fits its column whole."""
    bold, regular, size = kit.fonts.bold, kit.fonts.regular, grid.size
    room = grid.cell_w - PAD - SLACK
    return (
        all(bold.width(w, size) <= room for u in units for w in u.split())
        and all(bold.width(w, size) <= grid.label_w - PAD - SLACK for r in rows for w in r[0].split())
        and all(regular.width(w, size) <= room for r in rows for c in r[1:] for w in c.split())
    )


def _broken(kit: PlanKit, said: str, size: float, width: float, bold: bool = False) -> Para:
    """A text broken as it breaks in a box `width` wide, less its padding and slack."""
    return kit.broken(said, size, width - PAD - SLACK, bold)


def _height(kit: PlanKit, para: Para, size: float) -> float:
    return (para.text.count("\n") + 1) * size * LINE_SPACING + PAD / 2


def _key_h(kit: PlanKit) -> float:
    return kit.theme.size("small") * LINE_SPACING + 3 * GAP


def _drawn(
    kit: PlanKit,
    grid: _Grid,
    units: list[str],
    part: tuple[list[list[str]], list[list[str]], list[str]],
    totals: tuple[list[str], str] | None,
) -> list[Element]:
    """The units across the top, a row per offering (name, cells, total), the units' totals, the key under it all."""
    body, size = kit.body, grid.size
    rows, marks, sums = part
    xs = [body.x + grid.label_w + GAP + i * (grid.cell_w + GAP) for i in range(len(units))]
    sum_x = xs[-1] + grid.cell_w + GAP
    out: list[Element] = [_plain(kit, Box(x, body.y, grid.cell_w, grid.head_h), u, size) for x, u in zip(xs, units)]
    if grid.sum_w:
        out.append(_plain(kit, Box(sum_x, body.y, grid.sum_w, grid.head_h), kit.label(Cell, "potential"), size))
    y = body.y + grid.head_h + GAP
    for r, row in enumerate(rows):
        out.append(_middle(kit, Box(body.x, y, grid.label_w, grid.row_h), row[0], size, "left"))
        for x, said, status in zip(xs, row[1:], marks[r]):
            out.append(_cell(kit, Box(x, y, grid.cell_w, grid.row_h), said, size, status))
        if grid.sum_w:
            out.append(_plain(kit, Box(sum_x, y, grid.sum_w, grid.row_h), sums[r], size))
        y += grid.row_h + GAP
    if totals is not None:
        out.append(_middle(kit, Box(body.x, y, grid.label_w, grid.row_h), totals[0][0], size, "left"))
        for x, said in zip(xs, totals[0][1:]):
            out.append(_plain(kit, Box(x, y, grid.cell_w, grid.row_h), said, size))
        if grid.sum_w:
            out.append(_plain(kit, Box(sum_x, y, grid.sum_w, grid.row_h), totals[1], size))
        y += grid.row_h + GAP
    return out + _key(kit, body.x, y + GAP)


def _plain(kit: PlanKit, box: Box, said: str, size: float) -> Shape:
    """Bold text centred in its box without a frame: a unit's name over its column, a total under it."""
    para = _broken(kit, said, size, box.w, True)
    return Shape(
        box, (para,), size, "background", "background", 0.0, "primary", rounded=False, padding=(PAD / 2, PAD / 4)
    )


def _middle(kit: PlanKit, row: Box, said: str, size: float, align: str) -> Element:
    """Bold text centred on its row's height, its lines broken as measured."""
    para = _broken(kit, said, size, row.w, True)
    h = (para.text.count("\n") + 1) * size * LINE_SPACING + 2 * INSET
    return text(Box(row.x, row.y + max(0.0, (row.h - h) / 2), row.w, min(h, row.h)), [para], size, align=align)


def _cell(kit: PlanKit, box: Box, said: str, size: float, status: str) -> Shape:
    """One cell: its status's colour, or white with a hairline where nothing is known."""
    fill = FILL.get(status)
    return Shape(
        box,
        (_broken(kit, said, size, box.w),),
        size,
        fill or "background",
        "rule" if fill is None else fill,
        0.75,
        rounded=False,
        padding=(PAD / 2, PAD / 4),
    )


def _status(cell: Cell | None) -> str:
    return cell.status if cell is not None else "unknown"


def _said(kit: PlanKit, cell: Cell | None, money: Callable[[float | None], str]) -> str:
    """What a cell says: who supplies the unit, the potential's estimate, a dash where there is no need."""
    if cell is None or cell.status == "unknown":
        return ""
    if cell.status == "competitor" and cell.competitor:
        return cell.competitor
    if cell.status == "potential" and cell.potential is not None:
        return money(cell.potential)
    return NO_FIT if cell.status == "no_fit" else term("cell_status", cell.status, kit.lang)


def _row_total(ws: Whitespace, offering: str) -> float:
    return sum(c.potential or 0.0 for c in ws.cells if c.offering == offering and c.status == "potential")


def _unit_total(ws: Whitespace, cells: dict[tuple[str, str], Cell], unit: str) -> float:
    return sum(c.potential or 0.0 for o in ws.offerings if (c := cells.get((o.name, unit))) and c.status == "potential")


def _total(kit: PlanKit) -> str:
    return TOTAL[kit.lang == "de"]


def _money(money: Callable[[float | None], str], value: float) -> str:
    return money(value) if value else NO_FIT  # no potential: a dash, not a gap that looks forgotten


def _notes(ws: Whitespace, offerings: list[list[str]]) -> list[str]:
    """The cells' notes for the presenter, for the offerings on this slide."""
    shown = {row[0] for row in offerings}
    return [f"{c.offering} × {c.unit}: {c.note}" for c in ws.cells if c.note and c.offering in shown]


def _key(kit: PlanKit, x: float, y: float) -> list[Element]:
    """What the colours mean, each as a swatch drawn like the cells and its word; white is a cell we know nothing of."""
    small = kit.theme.size("small")
    out: list[Element] = []
    for status in (*FILL, "unknown"):
        out.append(_cell(kit, Box(x, y + 2, small, small), "", small, status))
        said = term("cell_status", status, kit.lang)
        w = kit.fonts.regular.width(said, small) + 2 * PAD
        out.append(text(Box(x + small + 2, y - 2, w, small * LINE_SPACING + 4), [Para((Run(said),))], small, "muted"))
        x += small + 2 + w + PAD
    return out


SLIDES: dict[str, Callable[[PlanKit], None]] = {"whitespace": whitespace}
"""The agenda entries this module draws, by key."""
