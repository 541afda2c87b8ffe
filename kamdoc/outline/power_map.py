"""The power map as an org chart: people laid out from their reporting lines, split over slides when it grows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kamdoc.outline.words import badge, term, word
from kamdoc.outline.layout import Fonts
from kamdoc.outline.measure import LINE_SPACING
from kamdoc.standard.model import Link, Person
from kamdoc.outline.richtext import Para, Run
from kamdoc.outline.deck import Box, Connector, Element, Shape, Text

# Box sizes from roomy to compact (width, height, gap between levels): the roomiest that needs fewest slides wins.
SIZES = ((124.0, 74.0, 26.0), (112.0, 64.0, 20.0), (104.0, 60.0, 16.0))
GAP_X = 10.0
SIZE = 10.0  # the floor: nothing in a deck is smaller
LEGEND_H = 2 * (SIZE * LINE_SPACING + 4)
_WIDTH = {"high": 3.0, "medium": 1.5, "low": 0.75}
_DARK_FILLS = {"mentor", "enemy"}


@dataclass
class _Page:
    """The people on one slide of the power map: their boxes' grid positions."""

    cells: dict[str, tuple[float, int]]  # id -> (column centre in box units, level)
    loners: list[str]


def _forest(people: Sequence[Person]) -> tuple[dict[str, list[str]], list[str], list[str]]:
    """Children per person, the roots of trees, and people with neither manager nor reports (in plan order)."""
    ids = {p.id for p in people}
    children: dict[str, list[str]] = {p.id: [] for p in people}
    for p in people:
        if p.reports_to in ids and p.reports_to != p.id:
            children[p.reports_to].append(p.id)
    roots = [p.id for p in people if p.reports_to not in ids]
    loners = [r for r in roots if not children[r]]
    return children, [r for r in roots if children[r]], loners


CAPTION_H = SIZE * LINE_SPACING + 8


def plan_pages(people: Sequence[Person], per_row: int, levels: int, box_h: float = 74.0, gap_y: float = 26.0,
               room: float = 0.0) -> list[_Page]:
    """People distributed over pages: trees cut into chunks of at most `per_row` leaves and `levels` levels.

    People with neither manager nor reports go in rows under the last tree where the `room` (points) allows,
    else on pages of their own.
    """
    children, roots, loners = _forest(people)
    pages: list[_Page] = []
    queue = list(roots)
    while queue:
        root = queue.pop(0)
        # Leaves of this tree, cut at `levels`; people deeper down continue on a page of their own.
        leaves: list[tuple[str, list[str]]] = []  # (leaf, its ancestors from the root)

        def walk(node: str, path: list[str]) -> None:
            if not children[node]:
                leaves.append((node, path))
            elif len(path) + 1 >= levels:
                leaves.append((node, path))
                queue.append(node)  # its reports follow, with it on top
            else:
                for child in children[node]:
                    walk(child, [*path, node])

        walk(root, [])
        for start in range(0, len(leaves), per_row):
            chunk = leaves[start : start + per_row]
            cells: dict[str, tuple[float, int]] = {}
            for column, (leaf, path) in enumerate(chunk):
                cells[leaf] = (float(column), len(path))
            # Each ancestor sits centred over its leaves on this page.
            for depth in range(levels - 1, -1, -1):
                for _, path in chunk:
                    if depth < len(path):
                        node = path[depth]
                        below = [cells[x][0] for x, p in chunk if depth < len(p) and p[depth] == node]
                        cells[node] = ((min(below) + max(below)) / 2, depth)
            pages.append(_Page(cells, []))
    # People without any reporting line: rows below the last tree where there is room, else pages of their own.
    if loners:
        rows_on_empty = max(1, int((room - CAPTION_H + gap_y) // (box_h + gap_y)))
        last = pages[-1] if pages else None
        if last:
            used = (1 + max(lvl for _, lvl in last.cells.values())) * (box_h + gap_y)
            rows = int((room - used - CAPTION_H + gap_y) // (box_h + gap_y))
            if rows > 0:
                last.loners = loners[: rows * per_row]
                loners = loners[rows * per_row :]
        for start in range(0, len(loners), per_row * rows_on_empty):
            pages.append(_Page({}, loners[start : start + per_row * rows_on_empty]))
    return pages


def _fit_lines(fonts: Fonts, text: str, width: float, lines: int, bold: bool = False) -> list[str]:
    metrics = fonts.bold if bold else fonts.regular
    wrapped = metrics.wrap(text, SIZE, width)
    if len(wrapped) <= lines:
        return wrapped
    kept = wrapped[:lines]
    while kept[-1] and metrics.width(kept[-1] + " …", SIZE) > width:
        kept[-1] = kept[-1][:-1]
    kept[-1] = kept[-1].rstrip() + " …"
    return kept


def _person_box(fonts: Fonts, person: Person, box: Box, language: str) -> Shape:
    inner = box.w - 10
    capacity = int((box.h - 6) // (SIZE * LINE_SPACING))
    badges = " ".join(badge(r, language) for r in person.roles)
    tail = " · ".join(x for x in (badges, f"↔ {person.owner}" if person.owner else "") if x)
    name = _fit_lines(fonts, person.name, inner, 2, bold=True)
    title = ", ".join(x for x in (person.title, person.department) if x)
    title_lines = _fit_lines(fonts, title, inner, max(1, capacity - len(name) - 1)) if title else []
    lines = [Para((Run(line, bold=True),)) for line in name] + [Para((Run(line),)) for line in title_lines]
    lines += [Para((Run(line, italic=True),)) for line in _fit_lines(fonts, tail, inner, 1)] if tail else []
    attitude = person.attitude
    return Shape(
        box,
        tuple(lines[:capacity]),
        SIZE,
        fill=f"attitude.{attitude or 'unknown'}",
        line="primary",
        line_width=_WIDTH.get(person.influence or "", 0.75),
        text_colour="background" if attitude in _DARK_FILLS else "text",
        key=person.id,
    )


def power_map_slides(people: Sequence[Person], links: Sequence[Link], body: Box, fonts: Fonts, language: str) -> list[list[Element]]:
    """The elements of each power-map slide: boxes, reporting lines, other ties and a legend."""
    judged = any(p.attitude or p.influence for p in people)
    room = body.h - LEGEND_H - 6
    options = []
    for box_w, box_h, gap_y in SIZES:
        per_row = max(1, int((body.w + GAP_X) // (box_w + GAP_X)))
        levels = max(2, int((room + gap_y) // (box_h + gap_y)))
        options.append((len(plan_pages(people, per_row, levels, box_h, gap_y, room)), -box_w, (box_w, box_h, gap_y, per_row, levels)))
    _, _, (box_w, box_h, gap_y, per_row, levels) = min(options)
    by_id = {p.id: p for p in people}
    slides: list[list[Element]] = []
    for page in plan_pages(people, per_row, levels, box_h, gap_y, room):
        elements: list[Element] = []
        columns = max([c for c, _ in page.cells.values()], default=0) + 1
        left = body.x + (body.w - (columns * box_w + (columns - 1) * GAP_X)) / 2
        boxes: dict[str, Box] = {}
        levels_of: dict[str, int] = {}
        for pid, (column, level) in page.cells.items():
            boxes[pid] = Box(left + column * (box_w + GAP_X), body.y + level * (box_h + gap_y), box_w, box_h)
            levels_of[pid] = level
        if page.loners:
            top_level = 1 + max((lvl for _, lvl in page.cells.values()), default=-1)
            caption_y = body.y + top_level * (box_h + gap_y)
            elements.append(Text(Box(body.x, caption_y, body.w, CAPTION_H - 2),
                                 (Para((Run(word("no_reporting_line", language), italic=True),)),), SIZE, colour="muted"))
            start_y = caption_y + CAPTION_H
            count = min(per_row, len(page.loners))
            row_left = body.x + (body.w - (count * box_w + (count - 1) * GAP_X)) / 2
            for i, pid in enumerate(page.loners):
                row, column = divmod(i, per_row)
                boxes[pid] = Box(row_left + column * (box_w + GAP_X), start_y + row * (box_h + gap_y), box_w, box_h)
                levels_of[pid] = top_level + 1 + row
        for pid, box in boxes.items():
            elements.append(_person_box(fonts, by_id[pid], box, language))
        for pid, box in boxes.items():
            boss = by_id[pid].reports_to
            if boss in boxes and pid in page.cells:
                top = boxes[boss]
                line = ((top.x + top.w / 2, top.bottom), (box.x + box.w / 2, box.y))
                elements.append(Connector(boss, pid, line, "muted", 1.0))
        for link in links:
            if link.from_ in boxes and link.to in boxes and link.from_ != link.to:
                route = _link_route(boxes[link.from_], boxes[link.to], gap_y)
                elements.append(Connector(link.from_, link.to, route, f"link.{link.kind or 'influences'}", 1.75, dashed=True, glued=False))
        elements += _legend(Box(body.x, body.bottom - LEGEND_H, body.w, LEGEND_H), fonts, language, judged)
        slides.append(elements)
    return slides


def _link_route(a: Box, b: Box, gap_y: float) -> tuple[tuple[float, float], ...]:
    """A dashed tie's path through the gaps between boxes, so that it never crosses one."""
    if a.y > b.y:  # start from the upper box
        a, b = b, a
        reverse = True
    else:
        reverse = False
    ax, bx = a.x + a.w * 0.7, b.x + b.w * 0.3
    lane = a.bottom + gap_y * 0.3  # reporting lines cross the gap in its middle; ties run above them
    route: tuple[tuple[float, float], ...]
    if abs(a.y - b.y) < 1:  # same level: down, across under both, up
        route = ((ax, a.bottom), (ax, lane), (bx, lane), (bx, b.bottom))
    else:  # down into the gap, across to beside the lower box, down its side, into it
        side = b.x - GAP_X / 2 if bx > ax or b.x > a.x else b.right + GAP_X / 2
        route = ((ax, a.bottom), (ax, lane), (side, lane), (side, b.y + b.h / 2), (b.x if side < b.x else b.right, b.y + b.h / 2))
    return tuple(reversed(route)) if reverse else route


def _legend(box: Box, fonts: Fonts, language: str, judged: bool) -> list[Element]:
    """Two rows under the chart: attitude colours and frame weights, then the role badges."""
    row_h = box.h / 2
    elements: list[Element] = []
    first: list[tuple[str | None, str]] = []
    if judged:  # attitudes and influence are ours to judge: a plan without them (the customer's copy) shows neither
        first += [(f"attitude.{a}", term("attitude", a, language)) for a in ("mentor", "positive", "neutral", "negative", "enemy")]
        first.append((None, word("influence_weight", language)))
    roles = ("decision-maker", "user", "influencer", "ratifier", "specifier", "door-opener", "buyer")
    second: list[tuple[str | None, str]] = [(None, "   ".join(f"{badge(r, language)} = {term('role', r, language)}" for r in roles))]
    swatch = 9.0
    for row, items in enumerate((first, second) if first else (second,)):
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
