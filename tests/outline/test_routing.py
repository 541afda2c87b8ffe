"""The router: orthogonal routes between two boxes that never pass through or along a third, with few bends."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kamdoc.outline.deck import Box
from kamdoc.outline.routing import BOTTOM, LEFT, MARGIN, RIGHT, TOP, Router, clear_of, site_point


def test_a_box_between_two_others_is_gone_round_never_through() -> None:
    boxes = {"a": Box(0, 0, 100, 40), "b": Box(120, 0, 100, 40), "c": Box(240, 0, 100, 40)}
    routed = Router(boxes, Box(-20, -20, 380, 100)).route("a", "c")
    assert routed is not None and clear_of(routed.points, [boxes["b"]])
    assert routed.points[0] == site_point(boxes["a"], routed.start_side) and routed.points[-1] == site_point(boxes["c"], routed.end_side)
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


@st.composite
def layouts(draw: st.DrawFn) -> dict[str, Box]:
    """Boxes on a grid of cells with gaps, some cells empty: an org chart's rows and columns, shuffled."""
    boxes = {}
    for row in range(draw(st.integers(2, 4))):
        for column in range(draw(st.integers(2, 5))):
            if draw(st.booleans()) or len(boxes) < 2:
                w, h = draw(st.floats(40, 120)), draw(st.floats(20, 60))
                boxes[f"r{row}c{column}"] = Box(column * 140.0 + draw(st.floats(0, 10)), row * 80.0 + draw(st.floats(0, 10)), w, h)
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
