"""Amounts in a column of a table: one unit for the column, chosen by its largest, with the same places."""

from __future__ import annotations

from conftest import PLANS
from section_plans import valid

from kamdoc.outline.kit import PlanKit
from kamdoc.theme.settings import load_theme


def _kit(name: str) -> PlanKit:
    result = valid(PLANS / name / "plan.yaml")
    return PlanKit(result.plan, result.doc, load_theme(), False)


def test_a_column_of_thousands_that_reaches_millions_is_written_in_millions() -> None:
    said = _kit("halvorsen-logistics").money_column([175_000, 7_400, 300, None])  # the plan's amounts: NOK thousand
    assert [said(v) for v in (175_000, 7_400, 300, None)] == ["NOK 175.0m", "NOK 7.4m", "NOK 0.3m", ""]
    assert said(4) == "NOK 0.004m"  # never 0.0 for an amount that is there


def test_each_size_of_column_gets_its_unit_in_german_too() -> None:
    kit = _kit("brenner-werke")  # EUR thousand
    assert [kit.money_column([24_200, 480])(v) for v in (24_200, 480)] == ["24,2 Mio. €", "0,5 Mio. €"]
    assert [kit.money_column([745, 12])(v) for v in (745, 12)] == ["745 T€", "12 T€"]
    assert [kit.money_column([5, 8.5])(v) for v in (5, 8.5)] == ["5.000 €", "8.500 €"]
