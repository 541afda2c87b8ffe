"""Orthogonal routes for lines between boxes: through the free channels of the slide, never through or along a third box.

The router lays a sparse grid over the slide (the middles of the gaps between boxes, lanes a little way outside every
box, the boxes' centre lines), marks what each box blocks with a margin, and finds the cheapest path between two boxes by
A* search: length, a price for each bend, and a price for crossing or running along a line drawn before.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kamdoc.limits import MAX_ROUTE_STEPS
from kamdoc.outline.deck import Box

Point = tuple[float, float]
Route = tuple[Point, ...]

MARGIN = 3.5
"""No segment of a line comes nearer than this to a box it does not connect (nor runs along its edge): not even through
the 6 pt gap between two stacked boxes, where a line seems to touch both."""
OUTER = 8.0
"""Lanes also run this far outside every box's edges: round the outside of the chart, where no gap has a middle."""
BEND = 40.0
"""A bend costs as much as this many points of length: a route with few bends reads best (and a connector holds at most four)."""
CROSS = 40.0
"""Crossing a line drawn before costs as much as this many points of length."""
ALONG = 12.0
"""Each point run along a line drawn before costs this many points: two lines on one track read as one (a tie between a
manager and their report goes round beside the reporting line rather than over it)."""
LANE = 4.0
"""Channels at least `WIDE` across get two more lanes this far either side of their middle: room for a tie beside the
reporting lines' bus, which runs down the middle of the gap between two rows."""
WIDE = 2 * (LANE + MARGIN)
LANE_GAP = 3.9
"""Two lines nearer than this, side by side, read as one: a tie keeps this far from every line drawn before it."""
CLEAR = OUTER
"""A line leaves or enters a box only by a side with this much free room straight out of it: never into the narrow gap
between two stacked boxes, where its end seems to touch the neighbour."""
EXIT_STEPS = 3
"""A line kept apart leaves a box across at most this many grid nodes that lines drawn before pass, straight out."""
MAX_BENDS = 4
"""The most bends a route may take: PowerPoint's elbow connectors (bentConnector2 to 5) draw at most four exactly."""

TOP, LEFT, BOTTOM, RIGHT = 0, 1, 2, 3
"""A rectangle's sides, numbered as PowerPoint numbers a rectangle's connection sites."""
_OUT = {TOP: (0.0, -1.0), LEFT: (-1.0, 0.0), BOTTOM: (0.0, 1.0), RIGHT: (1.0, 0.0)}

SITES: tuple[tuple[int, float], ...] = (
    (TOP, 0.5),
    (LEFT, 0.5),
    (BOTTOM, 0.5),
    (RIGHT, 0.5),
    (TOP, 0.25),
    (TOP, 0.75),
    (LEFT, 0.25),
    (LEFT, 0.75),
    (BOTTOM, 0.25),
    (BOTTOM, 0.75),
    (RIGHT, 0.25),
    (RIGHT, 0.75),
)
"""Where a line may end on a box, as (side, how far along it): each side's middle first, numbered as PowerPoint numbers
a rectangle's four connection sites, then a quarter of the way from either corner, so that two lines on one side never
end in one point (where they would seem to join, and one would point at the wrong person)."""
ALL_SITES = tuple(range(len(SITES)))


def site_fractions() -> tuple[tuple[float, float], ...]:
    """Each site's place on a box as fractions of its width and height from the top left, in the sites' order: what a
    renderer writes as the box's connection sites."""
    return tuple(_fraction(side, along) for side, along in SITES)


def _fraction(side: int, along: float) -> tuple[float, float]:
    """A point `along` the way down or across a box's `side`, as fractions of the box's width and height."""
    return {TOP: (along, 0.0), LEFT: (0.0, along), BOTTOM: (along, 1.0), RIGHT: (1.0, along)}[side]


def site_point(box: Box, site: int) -> Point:
    """Where a line glued to a box's site starts or ends."""
    fx, fy = _fraction(*SITES[site])
    return box.x + box.w * fx, box.y + box.h * fy


def _unique(values: Iterable[float]) -> list[float]:
    """Sorted values, those closer than a hundredth of a point taken as one."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > 0.01:
            out.append(v)
    return out


def _gaps(edges: Iterable[float]) -> list[float]:
    """The middle of each gap between consecutive edges (the centre line of a channel between boxes), and in a wide
    channel a lane either side of it."""
    ordered = _unique(edges)
    out = []
    for a, b in zip(ordered, ordered[1:]):
        middle = (a + b) / 2
        out += [middle - LANE, middle, middle + LANE] if b - a >= WIDE else [middle]
    return out


def clear_of(route: Route, boxes: Iterable[Box], margin: float = MARGIN) -> bool:
    """Whether no segment of `route` passes through, or within `margin` of, any of `boxes`."""
    grown = [Box(b.x - margin, b.y - margin, b.w + 2 * margin, b.h + 2 * margin) for b in boxes]
    for (x1, y1), (x2, y2) in zip(route, route[1:]):
        lo_x, hi_x, lo_y, hi_y = min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2)
        for b in grown:
            if lo_x < b.right and hi_x > b.x and lo_y < b.bottom and hi_y > b.y:
                return False
    return True


def simplified(route: Sequence[Point]) -> Route:
    """The route without repeated points and without corners that are none (three points on one line)."""
    out: list[Point] = []
    for p in route:
        if out and abs(p[0] - out[-1][0]) < 0.01 and abs(p[1] - out[-1][1]) < 0.01:
            continue
        if out:  # a leg exactly across or down: the grid's and the box's own coordinates may differ in the last digits
            p = (
                (out[-1][0], p[1])
                if abs(p[0] - out[-1][0]) < 0.01
                else (p[0], out[-1][1])
                if abs(p[1] - out[-1][1]) < 0.01
                else p
            )
        if len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            if (abs(ax - bx) < 0.01 and abs(bx - p[0]) < 0.01) or (abs(ay - by) < 0.01 and abs(by - p[1]) < 0.01):
                out[-1] = p
                continue
        out.append(p)
    return tuple(out)


@dataclass(frozen=True)
class Routed:
    """A route found: its points from the first box's site to the second's, and the two sites (indices into SITES)."""

    points: Route
    start_site: int
    end_site: int


class Router:
    """Routes lines between the boxes of one slide; each line routed is remembered, so that later ones avoid it."""

    def __init__(self, boxes: dict[str, Box], area: Box) -> None:
        self.boxes = boxes
        shapes = list(boxes.values())
        along = sorted({f for _, f in SITES})  # the sites' lines across and down every box
        xs = [
            area.x,
            area.right,
            *(b.x - OUTER for b in shapes),
            *(b.right + OUTER for b in shapes),
            *(b.x + b.w * f for b in shapes for f in along),
        ]
        ys = [
            area.y,
            area.bottom,
            *(b.y - OUTER for b in shapes),
            *(b.bottom + OUTER for b in shapes),
            *(b.y + b.h * f for b in shapes for f in along),
        ]
        xs += _gaps([e for b in shapes for e in (b.x, b.right)])
        ys += _gaps([e for b in shapes for e in (b.y, b.bottom)])
        self.xs = [x for x in _unique(xs) if area.x - 0.01 <= x <= area.right + 0.01]
        self.ys = [y for y in _unique(ys) if area.y - 0.01 <= y <= area.bottom + 0.01]
        nx, ny = len(self.xs), len(self.ys)
        # free[.][.]: a node not inside any box's margin; run_x[j][i]: the row j's segment from node i to i + 1 is free.
        self.free = [bytearray(b"\x01" * nx) for _ in range(ny)]
        self.run_x = [bytearray(b"\x01" * max(nx - 1, 0)) for _ in range(ny)]
        self.run_y = [bytearray(b"\x01" * max(ny - 1, 0)) for _ in range(nx)]
        for b in shapes:
            self._block(b)
        self.used_x = [bytearray(max(nx - 1, 0)) for _ in range(ny)]  # segments lines drawn so far run along
        self.used_y = [bytearray(max(ny - 1, 0)) for _ in range(nx)]
        self.ends: set[tuple[str, int]] = set()  # the sites where a routed line ends
        self.taken_x = [bytearray(max(nx - 1, 0)) for _ in range(ny)]  # and those within LANE_GAP of one, side by side
        self.taken_y = [bytearray(max(ny - 1, 0)) for _ in range(nx)]
        self.through_x = [bytearray(nx) for _ in range(ny)]  # nodes a drawn line passes horizontally, and vertically
        self.through_y = [bytearray(nx) for _ in range(ny)]
        self._neighbours: dict[tuple[int, int], tuple[tuple[int, int, int, float, int], ...]] = {}  # see _around

    def _block(self, b: Box) -> None:
        """Mark what a box (with its margin) blocks: the nodes inside it and the segments that enter it."""
        x0, x1, y0, y1 = b.x - MARGIN, b.right + MARGIN, b.y - MARGIN, b.bottom + MARGIN
        # Rows strictly inside the box's band: their segments overlapping (x0, x1) are blocked, as are their nodes inside.
        for j in range(bisect_right(self.ys, y0), bisect_left(self.ys, y1)):
            lo, hi = bisect_right(self.xs, x0), bisect_left(self.xs, x1)  # nodes strictly inside
            for i in range(lo, hi):
                self.free[j][i] = 0
            for i in range(
                max(lo - 1, 0), min(hi, len(self.xs) - 1)
            ):  # segments from a node before the box into it, and on
                self.run_x[j][i] = 0
        for i in range(bisect_right(self.xs, x0), bisect_left(self.xs, x1)):
            lo, hi = bisect_right(self.ys, y0), bisect_left(self.ys, y1)
            for j in range(max(lo - 1, 0), min(hi, len(self.ys) - 1)):
                self.run_y[i][j] = 0

    def _exit(self, box: Box, site: int) -> tuple[int, int] | None:
        """The grid node a line leaving `box` at `site` reaches first, straight out: beyond the margin, on a free node."""
        px, py = site_point(box, site)
        dx, dy = _OUT[SITES[site][0]]
        if dx == 0:
            i = bisect_left(self.xs, px - 0.01)
            if i >= len(self.xs) or abs(self.xs[i] - px) > 0.01:
                return None
            j = bisect_left(self.ys, py - MARGIN) - 1 if dy < 0 else bisect_right(self.ys, py + MARGIN)
            return (i, j) if 0 <= j < len(self.ys) and self.free[j][i] else None
        j = bisect_left(self.ys, py - 0.01)
        if j >= len(self.ys) or abs(self.ys[j] - py) > 0.01:
            return None
        i = bisect_left(self.xs, px - MARGIN) - 1 if dx < 0 else bisect_right(self.xs, px + MARGIN)
        return (i, j) if 0 <= i < len(self.xs) and self.free[j][i] else None

    def _stub_clear(self, box: Box, site: int, node: tuple[int, int], others: Sequence[Box]) -> bool:
        """Whether the way out to `node`, and the room straight out of the site's side, touch no other box."""
        px, py = site_point(box, site)
        dx, dy = _OUT[SITES[site][0]]
        room = ((px, py), (px + dx * CLEAR, py + dy * CLEAR))
        return clear_of(((px, py), (self.xs[node[0]], self.ys[node[1]])), others) and clear_of(room, others)

    def route(
        self,
        start: str,
        end: str,
        sites: tuple[Sequence[int], Sequence[int]] = (ALL_SITES, ALL_SITES),
        apart: bool = False,
        own_sites: bool = False,
    ) -> Routed | None:
        """The cheapest route from box `start` to box `end`, leaving and entering at one of `sites`; None if none exists.

        `apart`: the route keeps LANE_GAP from every line drawn before (never along one, nor beside it so near that the
        two read as one); `own_sites`: it also leaves and enters where no line does. None where no such route exists.
        """
        a, b = self.boxes[start], self.boxes[end]
        others = [box for key, box in self.boxes.items() if key not in (start, end)]
        if own_sites:
            sites = (
                tuple(s for s in sites[0] if (start, s) not in self.ends),
                tuple(s for s in sites[1] if (end, s) not in self.ends),
            )
        starts = self._free_first(self._exits(a, sites[0], others, apart), own_sites)
        goals = {node: site for site, node in self._free_first(self._exits(b, sites[1], others, apart), own_sites)}
        if not starts or not goals:
            return None
        found = self._search(starts, goals, apart)
        if found is None:
            return None
        site, path, end_site = found
        points = simplified(
            [site_point(a, site), *((self.xs[i], self.ys[j]) for i, j in path), site_point(b, end_site)]
        )
        if len(points) - 2 > MAX_BENDS:
            return None
        self.remember(points)
        self.ends |= {(start, site), (end, end_site)}
        return Routed(points, site, end_site)

    def _exits(
        self, box: Box, sites: Sequence[int], others: Sequence[Box], apart: bool
    ) -> list[tuple[int, tuple[int, int]]]:
        """The ways out of a box at these sites: each site with the first grid node straight out of it, clear of the others.

        `apart`: where a line drawn before passes that node, the way out goes on across it to the next node it may stop on
        (a tie leaves a stacked box's free side even where a line runs past close to it).
        """
        out = []
        for site in sites:
            node = self._exit(box, site)
            if apart and node is not None:
                node = self._past_lines(node, SITES[site][0])
            if node is not None and self._stub_clear(box, site, node, others):
                out.append((site, node))
        return out

    def _past_lines(self, node: tuple[int, int], side: int) -> tuple[int, int] | None:
        """The first node from `node` on, straight out of `side`, that no line drawn before passes; None if none is near."""
        (i, j), (dx, dy) = node, _OUT[side]
        for _ in range(EXIT_STEPS):
            if not self.through_x[j][i] and not self.through_y[j][i]:
                return i, j
            ni, nj = i + int(dx), j + int(dy)
            if not (0 <= ni < len(self.xs) and 0 <= nj < len(self.ys)) or not self.free[nj][ni]:
                return None
            runs, taken, k = (
                (self.run_x[j], self.taken_x[j], min(i, ni)) if dx else (self.run_y[i], self.taken_y[i], min(j, nj))
            )
            if not runs[k] or taken[k]:  # into a box, or along a line drawn before
                return None
            i, j = ni, nj
        return None

    def _free_first(self, exits: list[tuple[int, tuple[int, int]]], only: bool) -> list[tuple[int, tuple[int, int]]]:
        """The ways out of a box whose first point no line drawn before passes (its reporting lines leave and arrive there),
        when there are any (`only`: only those): a tie beside a reporting line, never on it."""
        free = [(site, (i, j)) for site, (i, j) in exits if not self.through_x[j][i] and not self.through_y[j][i]]
        return free if free or only else exits

    def _search(
        self, starts: list[tuple[int, tuple[int, int]]], goals: dict[tuple[int, int], int], apart: bool
    ) -> tuple[int, list[tuple[int, int]], int] | None:
        """A* over the grid from any start to any goal; a state is a node, the axis it was reached along and the bends so far."""
        xs, ys = self.xs, self.ys
        targets = [(xs[i], ys[j]) for i, j in goals]
        guessed: dict[tuple[int, int], float] = {}  # at most one per grid node, as `best` holds

        def guess(i: int, j: int) -> float:
            # A node is pushed again for each axis and count of bends it is reached with: its distance is worked out once.
            known = guessed.get((i, j))
            if known is None:
                known = guessed[i, j] = min(abs(xs[i] - tx) + abs(ys[j] - ty) for tx, ty in targets)
            return known

        heap: list[
            tuple[float, float, int, int, int, int, int]
        ] = []  # guess, cost, node, axis, bends, site entered (-1: not yet)
        best: dict[tuple[int, int, int, int], float] = {}
        came: dict[tuple[int, int, int, int], tuple[int, int, int, int] | None] = {}
        first: dict[tuple[int, int, int, int], int] = {}
        for site, (i, j) in starts:
            axis = (
                1 if SITES[site][0] in (TOP, BOTTOM) else 0
            )  # the stub out of the box runs along this axis (0: across, 1: down)
            state = (i, j, axis, 0)
            best[state], came[state], first[state] = 0.0, None, site
            heapq.heappush(heap, (guess(i, j), 0.0, i, j, axis, 0, -1))
        steps, never, push, pop = 0, float("inf"), heapq.heappush, heapq.heappop
        while heap and steps < MAX_ROUTE_STEPS:
            steps += 1
            _, cost, i, j, axis, bends, entered = pop(heap)
            state = (i, j, axis, bends)
            if entered >= 0:  # the cheapest way into the end box, its last bend counted
                return self._path(state, came, first, entered)
            if cost > best.get(state, never):
                continue
            if (i, j) in goals:
                end_site = goals[(i, j)]
                turn = axis != (
                    1 if SITES[end_site][0] in (TOP, BOTTOM) else 0
                )  # the stub into the box runs along this axis
                if bends + turn <= MAX_BENDS:
                    push(heap, (cost + BEND * turn, cost + BEND * turn, i, j, axis, bends, end_site))
            origin = first[state]
            for ni, nj, move_axis, step, extra in self._steps_from(i, j, apart):
                turned = bends + (move_axis != axis)
                if turned > MAX_BENDS:
                    continue
                new = cost + step + (BEND if move_axis != axis else 0.0) + extra
                key = (ni, nj, move_axis, turned)
                if new < best.get(key, never):
                    best[key], came[key], first[key] = new, state, origin
                    push(heap, (new + guess(ni, nj), new, ni, nj, move_axis, turned, -1))
        return None

    def _steps_from(self, i: int, j: int, apart: bool) -> list[tuple[int, int, int, float, float]]:
        """The steps from node (i, j) to its free neighbours, each with the axis it runs along, its length, and what it
        costs beyond its length: running along a line drawn before (ALONG a point), crossing one (CROSS)."""
        out = []
        for ni, nj, axis, step, k in self._around(i, j):
            if axis == 0:
                if apart and self.taken_x[j][k]:
                    continue
                out.append((ni, nj, 0, step, self.used_x[j][k] * step * ALONG + CROSS * self.through_y[nj][ni]))
            else:
                if apart and self.taken_y[i][k]:
                    continue
                out.append((ni, nj, 1, step, self.used_y[i][k] * step * ALONG + CROSS * self.through_x[nj][ni]))
        return out

    def _around(self, i: int, j: int) -> tuple[tuple[int, int, int, float, int], ...]:
        """The neighbours of node (i, j) that the boxes leave free, each with its axis, the step's length and the
        segment's index along its row or column: left, right, up, down. The boxes do not move: found once a node."""
        known = self._neighbours.get((i, j))
        if known is not None:
            return known
        xs, ys, out = self.xs, self.ys, []
        if i > 0 and self.run_x[j][i - 1] and self.free[j][i - 1]:
            out.append((i - 1, j, 0, xs[i] - xs[i - 1], i - 1))
        if i + 1 < len(xs) and self.run_x[j][i] and self.free[j][i + 1]:
            out.append((i + 1, j, 0, xs[i + 1] - xs[i], i))
        if j > 0 and self.run_y[i][j - 1] and self.free[j - 1][i]:
            out.append((i, j - 1, 1, ys[j] - ys[j - 1], j - 1))
        if j + 1 < len(ys) and self.run_y[i][j] and self.free[j + 1][i]:
            out.append((i, j + 1, 1, ys[j + 1] - ys[j], j))
        found = self._neighbours[i, j] = tuple(out)
        return found

    def _path(
        self,
        state: tuple[int, int, int, int],
        came: dict[tuple[int, int, int, int], tuple[int, int, int, int] | None],
        first: dict[tuple[int, int, int, int], int],
        end_site: int,
    ) -> tuple[int, list[tuple[int, int]], int]:
        nodes: list[tuple[int, int]] = []
        at: tuple[int, int, int, int] | None = state
        while at is not None:
            nodes.append((at[0], at[1]))
            at = came[at]
        return first[state], nodes[::-1], end_site

    def remember(self, route: Route) -> None:
        """Mark the grid segments and nodes a drawn line covers, so that later routes avoid running along or across it,
        and the segments beside it, so that a route kept apart stays clear of it."""
        for (x1, y1), (x2, y2) in zip(route, route[1:]):
            if abs(y1 - y2) < 0.01:
                self._cover(y1, min(x1, x2), max(x1, x2), self.ys, self.xs, self.through_x, self.used_x, self.taken_x)
            elif abs(x1 - x2) < 0.01:
                self._cover(
                    x1, min(y1, y2), max(y1, y2), self.xs, self.ys, self.through_y, self.used_y, self.taken_y, down=True
                )

    @staticmethod
    def _cover(
        at: float,
        lo: float,
        hi: float,
        across: list[float],
        along: list[float],
        through: list[bytearray],
        used: list[bytearray],
        taken: list[bytearray],
        down: bool = False,
    ) -> None:
        """Mark one straight leg at `at` (a row's y, or with `down` a column's x) from `lo` to `hi` along the other axis.

        What is taken reaches LANE_GAP beyond the leg's ends too: a line that went on where another stops, on the same
        track, would read as its continuation.
        """
        first, last = bisect_left(along, lo - 0.01), bisect_right(along, hi + 0.01)
        near = range(
            max(bisect_right(along, lo - LANE_GAP) - 1, 0), min(bisect_left(along, hi + LANE_GAP), len(along) - 1)
        )
        for k in range(bisect_right(across, at - LANE_GAP), bisect_left(across, at + LANE_GAP)):
            on = abs(across[k] - at) <= 0.01
            for n in near:
                taken[k][n] = 1
            for n in range(first, last - 1) if on else ():
                used[k][n] = 1
            if on:
                for n in range(first, last):
                    if down:
                        through[n][k] = 1
                    else:
                        through[k][n] = 1
