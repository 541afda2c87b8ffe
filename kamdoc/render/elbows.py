"""A route as a PowerPoint connector: the preset, frame, rotation, flips and adjust values that draw exactly its points.

PowerPoint's connectors are a straight line and elbows of two to five legs (bentConnector2 … 5). Each is drawn in its own
frame from the top left corner to the bottom right one, its first leg across, its middle legs where its adjust values put
them; the frame is flipped and then turned about its centre. PowerPoint draws the stored path until someone moves a box,
so the PDF and the PPTX show the same line.
"""

from __future__ import annotations

from dataclasses import dataclass

Point = tuple[float, float]

PRESETS = {1: "straightConnector1", 2: "bentConnector2", 3: "bentConnector3", 4: "bentConnector4", 5: "bentConnector5"}
"""The connector drawing a route of this many legs."""
_TOLERANCE = 0.05
"""Points by which a drawn corner may differ from the route's (EMUs and adjust values are whole numbers)."""


@dataclass(frozen=True)
class Elbow:
    """A connector's geometry: its preset, frame (left, top, width, height in points), quarter turns, flips and adjust values."""

    preset: str
    frame: tuple[float, float, float, float]
    turns: int  # quarter turns clockwise: 0 or 1
    flip_h: bool
    flip_v: bool
    adjust: tuple[float, ...]  # shares of the frame's width or height, as DrawingML's adjN / 100000


def _local_path(legs: int, w: float, h: float, adjust: tuple[float, ...]) -> list[Point]:
    """The preset's corners in its own frame (before flips and turns)."""
    if legs == 1:
        return [(0.0, 0.0), (w, h)]
    if legs == 2:
        return [(0.0, 0.0), (w, 0.0), (w, h)]
    x1 = w * adjust[0]
    if legs == 3:
        return [(0.0, 0.0), (x1, 0.0), (x1, h), (w, h)]
    y2 = h * adjust[1]
    if legs == 4:
        return [(0.0, 0.0), (x1, 0.0), (x1, y2), (w, y2), (w, h)]
    x3 = w * adjust[2]
    return [(0.0, 0.0), (x1, 0.0), (x1, y2), (x3, y2), (x3, h), (w, h)]


def drawn(elbow: Elbow) -> list[Point]:
    """The corners PowerPoint draws for a connector: its preset's path, flipped in its frame, turned about the frame's centre."""
    left, top, w, h = elbow.frame
    legs = next(n for n, name in PRESETS.items() if name == elbow.preset)
    cx, cy = left + w / 2, top + h / 2
    out = []
    for x, y in _local_path(legs, w, h, elbow.adjust):
        x, y = (w - x if elbow.flip_h else x), (h - y if elbow.flip_v else y)
        dx, dy = x - w / 2, y - h / 2
        if elbow.turns:  # a quarter turn clockwise (y grows downwards)
            dx, dy = -dy, dx
        out.append((cx + dx, cy + dy))
    return out


def elbow_for(route: tuple[Point, ...], unit: float = 1.0) -> Elbow | None:
    """The connector that draws `route` (orthogonal, at most five legs) exactly; None when no connector does.

    `unit`: the route's units per point (12,700 for EMUs), for the slivers and tolerances below, which are in points.
    """
    legs = len(route) - 1
    if legs not in PRESETS:
        return None
    if legs > 1:
        route = _apart(route, _APART * unit)
    (x0, y0), (xn, yn) = route[0], route[-1]
    # The frame spans the two ends (the preset runs from one corner to the opposite one); middle legs may lie outside it.
    left, top, right, bottom = min(x0, xn), min(y0, yn), max(x0, xn), max(y0, yn)
    across = legs == 1 or abs(route[0][1] - route[1][1]) < 1e-6  # the first leg runs across the slide
    for turns in (0,) if across else (1,):
        width, height = (right - left, bottom - top) if turns == 0 else (bottom - top, right - left)
        cx, cy = (left + right) / 2, (top + bottom) / 2
        frame = (cx - width / 2, cy - height / 2, width, height)
        for flip_h in (False, True):
            for flip_v in (False, True):
                local = [_unturned(p, cx, cy, turns, width, height, flip_h, flip_v) for p in route]
                adjust = _adjust(legs, local, width, height)
                if adjust is None:
                    continue
                elbow = Elbow(PRESETS[legs], frame, turns, flip_h, flip_v, adjust)
                if all(abs(a - b) <= _TOLERANCE * unit for p, q in zip(drawn(elbow), route) for a, b in zip(p, q)):
                    return elbow
    return None


_APART = 0.02
"""Points by which a route's end is moved when both ends share a line: a frame needs a width and a height to place the
middle legs in (PowerPoint's own U-shaped connectors have such a sliver of a frame); far below what anyone sees."""


def _apart(route: tuple[Point, ...], apart: float) -> tuple[Point, ...]:
    """The route with its end moved by a sliver where both ends share an x or a y, its last legs kept straight."""
    points = [list(p) for p in route]
    for axis in (0, 1):
        if abs(points[-1][axis] - points[0][axis]) < apart / 2:
            along = abs(points[-1][1 - axis] - points[-2][1 - axis]) < 1e-9  # the last leg runs along this axis
            points[-1][axis] += apart
            if not along:  # the last leg runs across it: it moves whole, and the leg before it grows
                points[-2][axis] += apart
    return tuple((p[0], p[1]) for p in points)


def _unturned(p: Point, cx: float, cy: float, turns: int, w: float, h: float, flip_h: bool, flip_v: bool) -> Point:
    """A slide point in the connector's own frame: turned back, then flipped back."""
    dx, dy = p[0] - cx, p[1] - cy
    if turns:
        dx, dy = dy, -dx
    x, y = dx + w / 2, dy + h / 2
    return (w - x if flip_h else x), (h - y if flip_v else y)


def _adjust(legs: int, local: list[Point], w: float, h: float) -> tuple[float, ...] | None:
    """The adjust values that put the preset's middle legs where the route has them; None if its frame has no width or height for them."""
    if legs <= 2:
        return ()
    if w < 1e-6 or (legs >= 4 and h < 1e-6):
        return None  # a detour in a frame without width: shares of nothing cannot place it
    if legs == 3:
        return (local[1][0] / w,)
    if legs == 4:
        return (local[1][0] / w, local[2][1] / h)
    return (local[1][0] / w, local[2][1] / h, local[3][0] / w)
