"""The chart colours: every pair told apart at a glance, in CIEDE2000, the measure of how different two colours look."""

from __future__ import annotations

import itertools

from coloraide import Color

from kamdoc.theme.settings import load_theme

DISTINCT = 20.0
"""The least CIEDE2000 difference between two series colours: near-twins (orange and vermillion: 8) are well under."""


def _difference(a: str, b: str) -> float:
    return float(Color(f"#{a}").delta_e(Color(f"#{b}"), method="2000"))


def test_every_pair_of_series_colours_is_at_least_20_apart() -> None:
    series = [str(c) for c in load_theme().get("colour", "series")]
    assert len(series) == 12
    close = [(a, b, round(_difference(a, b), 1)) for a, b in itertools.combinations(series, 2)]
    assert [pair for pair in close if pair[2] < DISTINCT] == []


def test_the_measure_finds_the_near_twins_the_old_palette_had() -> None:
    assert _difference("E07A1F", "D55E00") < DISTINCT  # orange and vermillion, side by side in the actual years
    assert _difference("F1C39A", "ECB68C") < 5  # two planned years' tints
