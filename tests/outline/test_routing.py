"""The router: orthogonal routes between two boxes that never pass through or along a third, with few bends."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kamdoc.outline.deck import Box
from kamdoc.outline.routing import (
    BOTTOM,
    LANE_GAP,
    LEFT,
    MARGIN,
    RIGHT,
    SITES,
    TOP,
    Route,
    Router,
    clear_of,
    site_point,
)


def test_a_box_between_two_others_is_gone_round_never_through() -> None:
    boxes = {"a": Box(0, 0, 100, 40), "b": Box(120, 0, 100, 40), "c": Box(240, 0, 100, 40)}
    routed = Router(boxes, Box(-20, -20, 380, 100)).route("a", "c")
    assert routed is not None and clear_of(routed.points, [boxes["b"]])
    assert routed.points[0] == site_point(boxes["a"], routed.start_site) and routed.points[-1] == site_point(
        boxes["c"], routed.end_site
    )
    assert len(routed.points) - 2 <= 2  # over the top (or under the bottom) of the box between: two bends


def test_neighbours_one_above_the_other_are_joined_straight() -> None:
    boxes = {"boss": Box(0, 0, 100, 40), "report": Box(0, 60, 100, 40)}
    routed = Router(boxes, Box(-20, -20, 140, 140)).route("boss", "report", ((BOTTOM,), (TOP,)))
    assert routed is not None and routed.points == ((50.0, 40.0), (50.0, 60.0))


def test_a_line_drawn_before_is_not_run_along_where_another_way_is_as_short() -> None:
    boxes = {"a": Box(0, 0, 60, 30), "b": Box(0, 100, 60, 30), "c": Box(200, 0, 60, 30), "d": Box(200, 100, 60, 30)}
    router = Router(boxes, Box(-20, -20, 300, 170))
    first = router.route("a", "d", ((RIGHT,), (LEFT,)))
    second = router.route("c", "b", ((LEFT,), (RIGHT,)))
    assert first is not None and second is not None
    shared = set(zip(first.points, first.points[1:])) & set(zip(second.points, second.points[1:]))
    assert not shared


def _legs(route: Route) -> list[tuple[int, float, float, float]]:
    """A route's straight legs as (axis, where across, from, to along): axis 0 runs across the slide, 1 down it."""
    out = []
    for (x1, y1), (x2, y2) in zip(route, route[1:]):
        out.append((0, y1, min(x1, x2), max(x1, x2)) if abs(y1 - y2) < 0.01 else (1, x1, min(y1, y2), max(y1, y2)))
    return out


def _beside(one: Route, other: Route) -> bool:
    """Whether a leg of one route runs along a leg of the other nearer than LANE_GAP (or on where it stops, on its track)."""
    return any(
        a[0] == b[0]
        and abs(a[1] - b[1]) < LANE_GAP - 0.01
        and a[2] < b[3] + LANE_GAP - 0.01
        and b[2] < a[3] + LANE_GAP - 0.01
        for a in _legs(one)
        for b in _legs(other)
    )


def test_a_second_tie_between_the_same_rows_keeps_its_own_lane() -> None:
    # Two pairs side by side, each tie from the top row down to the bottom row of the other pair: both need the gap
    # between the rows; kept apart, neither runs along the other nor on where the other stops.
    boxes = {"a": Box(0, 0, 100, 40), "b": Box(120, 0, 100, 40), "c": Box(0, 80, 100, 40), "d": Box(120, 80, 100, 40)}
    router = Router(boxes, Box(-30, -30, 280, 180))
    first = router.route("a", "d", apart=True, own_sites=True)
    second = router.route("b", "c", apart=True, own_sites=True)
    assert first is not None and second is not None
    assert not _beside(first.points, second.points)


def test_two_lines_into_one_box_end_at_different_points() -> None:
    boxes = {"hub": Box(100, 100, 120, 40), "a": Box(0, 0, 80, 30), "b": Box(240, 0, 80, 30), "c": Box(0, 200, 80, 30)}
    router = Router(boxes, Box(-30, -30, 400, 300))
    ends = []
    for other in ("a", "b", "c"):
        routed = router.route(other, "hub", apart=True, own_sites=True)
        assert routed is not None
        ends.append(routed.points[-1])
    assert len(set(ends)) == 3


def test_no_line_ends_in_the_narrow_gap_between_stacked_boxes() -> None:
    # b stands 6 pt under a, as stacked reports do: a line to b must not end on b's top (its end would seem to touch a).
    boxes = {"a": Box(0, 0, 100, 30), "b": Box(0, 36, 100, 30), "far": Box(200, -60, 100, 30)}
    routed = Router(boxes, Box(-30, -90, 360, 200)).route("far", "b")
    assert routed is not None and SITES[routed.end_site][0] != TOP
    for sites in ((TOP,), (TOP, 4, 5)):  # on b's top, at its middle or a quarter along: no way in
        assert Router(boxes, Box(-30, -90, 360, 200)).route("far", "b", ((LEFT, BOTTOM, RIGHT), sites)) is None


def test_no_line_runs_through_the_gap_between_stacked_boxes() -> None:
    boxes = {
        "left": Box(0, 40, 60, 30),
        "top": Box(100, 0, 100, 47),
        "under": Box(100, 53, 100, 47),
        "right": Box(240, 40, 60, 30),
    }
    routed = Router(boxes, Box(-30, -30, 360, 160)).route("left", "right")
    assert routed is not None
    assert clear_of(routed.points, [boxes["top"], boxes["under"]], MARGIN - 0.01)
    assert all(not (47 < y < 53) for _, y in routed.points[1:-1])


@st.composite
def layouts(draw: st.DrawFn) -> dict[str, Box]:
    """Boxes on a grid of cells with gaps, some cells empty: an org chart's rows and columns, shuffled."""
    boxes = {}
    for row in range(draw(st.integers(2, 4))):
        for column in range(draw(st.integers(2, 5))):
            if draw(st.booleans()) or len(boxes) < 2:
                w, h = draw(st.floats(40, 120)), draw(st.floats(20, 60))
                boxes[f"r{row}c{column}"] = Box(
                    column * 140.0 + draw(st.floats(0, 10)), row * 80.0 + draw(st.floats(0, 10)), w, h
                )
    return boxes


@settings(max_examples=150, deadline=None)
@given(layouts(), st.data())
def test_any_route_found_keeps_clear_of_every_other_box(boxes: dict[str, Box], data: st.DataObject) -> None:
    keys = sorted(boxes)
    a = data.draw(st.sampled_from(keys))
    b = data.draw(st.sampled_from([k for k in keys if k != a]))
    routed = Router(boxes, Box(-30, -30, 800, 400)).route(a, b)
    if routed is None:
        return  # no way: the tie is listed, not drawn
    assert clear_of(routed.points, [box for key, box in boxes.items() if key not in (a, b)], MARGIN - 0.01)
    assert all(p[0] == q[0] or p[1] == q[1] for p, q in zip(routed.points, routed.points[1:]))  # orthogonal
    assert len(routed.points) <= 6  # at most four bends: a connector draws it exactly


@settings(max_examples=100, deadline=None)
@given(layouts(), st.data())
def test_ties_kept_apart_never_run_beside_each_other(boxes: dict[str, Box], data: st.DataObject) -> None:
    keys = sorted(boxes)
    pairs = data.draw(
        st.lists(
            st.tuples(st.sampled_from(keys), st.sampled_from(keys)).filter(lambda p: p[0] != p[1]),
            min_size=2,
            max_size=6,
        )
    )
    router = Router(boxes, Box(-30, -30, 800, 400))
    drawn: list[Route] = []
    ends: list[tuple[str, int]] = []
    for a, b in pairs:
        routed = router.route(a, b, apart=True, own_sites=True)
        if routed is None:
            continue
        assert not any(_beside(routed.points, before) for before in drawn)
        assert (a, routed.start_site) not in ends and (b, routed.end_site) not in ends
        drawn.append(routed.points)
        ends += [(a, routed.start_site), (b, routed.end_site)]
