"""A routed line as a PowerPoint connector: for any orthogonal route of one to five legs, the connector drawn is the route."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kamdoc.render.elbows import drawn, elbow_for

_LEG = st.floats(min_value=-300, max_value=300, allow_nan=False).filter(lambda v: abs(v) >= 0.5)


@st.composite
def routes(draw: st.DrawFn) -> tuple[tuple[float, float], ...]:
    """An orthogonal route: a start, then one to five legs turning at each corner (the ends may share a line)."""
    x, y = draw(st.floats(0, 900)), draw(st.floats(0, 500))
    points = [(x, y)]
    across = draw(st.booleans())
    for _ in range(draw(st.integers(1, 5))):
        step = draw(_LEG)
        x, y = (x + step, y) if across else (x, y + step)
        points.append((x, y))
        across = not across
    if len(points) > 3 and draw(st.booleans()):  # a U: the end back on the start's line
        (x0, y0), (xn, yn) = points[0], points[-1]
        last_across = abs(points[-1][1] - points[-2][1]) < 1e-9
        points[-1] = (xn, y0) if not last_across else (x0, yn)
        if last_across:
            points[-2] = (points[-2][0], yn)
    return tuple(points)


@settings(max_examples=500, deadline=None)
@given(routes())
def test_every_short_route_is_drawn_exactly(route: tuple[tuple[float, float], ...]) -> None:
    elbow = elbow_for(route)
    if elbow is None:
        # Only a route the connector presets cannot hold: a leg of no length after the U was made.
        assert any(abs(a[0] - b[0]) < 1e-6 and abs(a[1] - b[1]) < 1e-6 for a, b in zip(route, route[1:]))
        return
    for got, want in zip(drawn(elbow), route):
        assert abs(got[0] - want[0]) <= 0.05 and abs(got[1] - want[1]) <= 0.05, (elbow, route)


def test_a_u_turn_over_two_boxes_is_one_connector_with_a_sliver_of_a_frame() -> None:
    """Out of one box's top, over, into the other's top: PowerPoint's own U-shaped connector, its frame a sliver wide."""
    elbow = elbow_for(((50.0, 0.0), (50.0, -8.0), (274.0, -8.0), (274.0, 0.0)))
    assert elbow is not None and elbow.preset == "bentConnector3" and elbow.turns == 1
    assert [tuple(round(c, 2) for c in p) for p in drawn(elbow)] == [
        (50.0, 0.0),
        (50.0, -8.0),
        (274.0, -8.0),
        (274.0, 0.02),
    ]


def test_six_legs_are_no_connector() -> None:
    assert elbow_for(((0, 0), (10, 0), (10, 10), (20, 10), (20, 20), (30, 20), (30, 30))) is None
