"""Extreme amounts for the fuzzer and the outline tests: tiny, huge and oddly precise numbers a plan may hold, from a random.Random."""

from __future__ import annotations

import random
import re

from kamdoc.limits import MAX_AMOUNT

EDGES = (
    0,
    1e-14,
    0.00000000000001,
    0.042,
    0.1 + 0.2,
    1,
    999.995,
    123456789.123456,
    1e12,
    MAX_AMOUNT,
    -1e-14,
    -MAX_AMOUNT,
)
"""Amounts at the edges: next to nothing, as precise as a float holds, and the largest the standard allows."""


def extreme_amount(rng: random.Random) -> float:
    """One amount: an edge, or a random magnitude from a hundred-trillionth to the cap."""
    if rng.random() < 0.5:
        return float(rng.choice(EDGES))
    return rng.choice((1, -1)) * 10 ** rng.uniform(-14, 15)


def yearly_amounts(rng: random.Random, years: range = range(2022, 2028)) -> dict[int, float]:
    """Amounts by year, jumping between extremes (a tiny year, then a huge one): what growth figures are made of."""
    return {year: abs(extreme_amount(rng)) for year in years}


def amount_yaml(value: float) -> str:
    """An amount as a plan writes it in YAML: plain digits, without an exponent."""
    text = f"{value:.14f}".rstrip("0").rstrip(".") if abs(value) < 1 else f"{value:.6f}".rstrip("0").rstrip(".")
    if re.fullmatch(r"-?\d{1,3}\.\d{3}", text):
        text += (
            "0"  # "1.250" reads as 1250 to a German eye, and kamdoc asks which was meant: "1.2500" is plainly a decimal
        )
    return text or "0"


def ordered_list(rng: random.Random) -> tuple[int, str]:
    """A Markdown numbered list and the number it starts at (0, 1, PowerPoint's last 32767, beyond it)."""
    start = rng.choice((0, 1, 7, 32767, 32768, 40000, 999999999))
    return start, "".join(f"{start + i}. item {i}\n" for i in range(rng.randint(1, 3)))
