"""The portfolio's movers from a plan's history: what moved, from what to what, and the commit that moved it."""

from __future__ import annotations

from kamdoc.analyse.history import Column, History, Revision, Row, moves

START = Revision("a1", "Jana", None, "Plan 2026", "plans/acme/plan.yaml", {})
CLOSE = Revision("b2", "Priya", None, "2026 closed with controlling's figures", "plans/acme/plan.yaml", {})


def _history(*rows: Row) -> History:
    columns = [Column("start", [START]), Column("now", [CLOSE])]
    return History("plans/acme/plan.yaml", "Acme", "en", columns, list(rows))


def test_a_planned_year_that_became_actual_moves_from_plan_to_actual() -> None:
    made = _history(
        Row("revenue", "", "2026 plan", [28_900.0, None], [None, CLOSE]),
        Row("revenue", "", "2026 actual", [None, 30_100.0], [None, CLOSE]),
    )
    (move,) = moves(made)
    assert (move.what, move.old, move.new, move.by) == ("revenue 2026 plan -> actual", 28_900.0, 30_100.0, CLOSE)


def test_a_planned_year_dropped_without_an_actual_stays_a_plan_gone() -> None:
    made = _history(Row("revenue", "", "2027 plan", [12_000.0, None], [None, CLOSE]))
    (move,) = moves(made)
    assert (move.what, move.old, move.new) == ("revenue 2027 plan", 12_000.0, None)


def test_a_changed_plan_and_a_product_s_row_are_what_they_were() -> None:
    made = _history(
        Row("revenue", "", "2027 plan", [12_000.0, 14_000.0], [None, CLOSE]),
        Row("revenue", "Drives", "2027 plan", [5_000.0, 6_000.0], [None, CLOSE]),  # products are not movers
    )
    assert [(m.what, m.old, m.new) for m in moves(made)] == [("revenue 2027 plan", 12_000.0, 14_000.0)]
