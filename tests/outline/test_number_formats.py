"""Numbers as a reader sees them: written with the places they have, growth only where it means something, lists from their first number."""

from __future__ import annotations

import random
import re
import shutil
from datetime import date
from pathlib import Path

from conftest import DATA
from fuzz.gen_numbers import amount_yaml, ordered_list, yearly_amounts

from kamdoc.outline.deck import Deck, Table
from kamdoc.outline.plan_deck import build_outline
from kamdoc.outline.richtext import Para, blocks
from kamdoc.theme.settings import load_theme
from kamdoc.validate.plan import validate_file


def _deck(tmp_path: Path, old: str, new: str) -> Deck:
    folder = tmp_path / "plan"
    shutil.copytree(DATA / "base", folder)
    plan = folder / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    assert old in text
    plan.write_text(text.replace(old, new), encoding="utf-8")
    result = validate_file(plan, date(2026, 11, 22))
    assert result.plan is not None and result.doc is not None, [f.message for f in result.errors]
    return build_outline(result.plan, result.doc, load_theme())


def _rows(deck: Deck, first: str) -> list[list[str]]:
    return [
        list(row)
        for s in deck.slides
        for e in s.elements
        if isinstance(e, Table)
        for row in e.rows
        if row and row[0] == first
    ]


def test_growth_over_a_base_next_to_nothing_is_a_dash_and_a_tiny_amount_is_not_shown_as_none(tmp_path: Path) -> None:
    deck = _deck(tmp_path, "actual: {2024: 610, 2025: 700}", "actual: {2024: 0.00000000000001, 2025: 1000000000000}")
    growth = _rows(deck, "Growth")[0]
    assert growth[2] == "–", growth  # 2025 over 2024: ten million trillion percent says nothing
    assert all(re.fullmatch(r"-?[\d,]+\.\d%", cell) for cell in growth[3:5]), growth
    # In millions, as the largest year calls for; an amount too small for the unit is "< 0.1", not "0.0"
    assert _rows(deck, "Sensor boards")[0][1:3] == ["< 0.1", "1,000,000,000.0"]
    assert not _rows(deck, "Total")  # one product: a total would repeat its row


def test_a_kpi_keeps_its_decimals(tmp_path: Path) -> None:
    deck = _deck(tmp_path, "values: {2024: 180, 2025: 194}", "values: {2024: 0.042, 2025: 0.05}")
    assert _rows(deck, "Revenue")[0][2:4] == ["0.042", "0.05"]


def test_generated_extreme_amounts_always_make_a_financials_table(tmp_path: Path) -> None:
    for seed in range(6):
        amounts = yearly_amounts(random.Random(seed), range(2024, 2028))
        actual, plan = (
            ", ".join(f"{y}: {amount_yaml(v)}" for y, v in amounts.items() if (y < 2026) == past)
            for past in (True, False)
        )
        deck = _deck(
            tmp_path / str(seed),
            "actual: {2024: 610, 2025: 700}\n      plan: {2026: 780, 2027: 860}",
            f"actual: {{{actual}}}\n      plan: {{{plan}}}",
        )
        growth = _rows(deck, "Growth")[0]
        assert all(cell in ("", "–") or re.fullmatch(r"-?[\d,]+\.\d%", cell) for cell in growth[1:]), growth


def test_a_numbered_list_starts_at_the_number_written() -> None:
    starts = set()
    for start, text in (ordered_list(random.Random(seed)) for seed in range(40)):
        first = blocks(text)[0]
        assert isinstance(first, Para) and first.bullet == f"{start}.", (start, first)
        starts.add(start)
    assert {0, 40000} <= starts
