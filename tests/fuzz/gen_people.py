"""Organisations of any shape for fuzzing the power map: deep chains, wide teams, tangles of ties, near and over the caps.

Each generator takes a seeded `random.Random` and returns a plan's YAML text (the base test plan with another power map).
"""

from __future__ import annotations

import random
from collections.abc import Callable

from big_plans import org_text

from kamdoc.limits import MAX_LINKS, MAX_PEOPLE, MAX_REPORTING_DEPTH


def _size(rnd: random.Random, most: int) -> int:
    """A number of people or ties: mostly small, sometimes at the cap, now and then just over it."""
    return rnd.choice([rnd.randint(2, 40), rnd.randint(2, most), most, most + 1])


def deep(rnd: random.Random) -> str:
    """Chains of reports as deep as the cap allows, some a level deeper, hanging from a few tops."""
    people = _size(rnd, MAX_PEOPLE // 4)
    length = rnd.choice([MAX_REPORTING_DEPTH, MAX_REPORTING_DEPTH + 1, rnd.randint(1, MAX_REPORTING_DEPTH)])
    bosses: list[int | None] = []
    for i in range(people):
        # A new chain starts at one of the first few people (or at the top); else the person reports to the one before.
        bosses.append(None if i == 0 else (rnd.randrange(min(i, 3)) if (i - 1) % length == 0 else i - 1))
    return org_text(bosses, _ties(rnd, people))


def wide(rnd: random.Random) -> str:
    """A few managers with very many reports each, and people with no reporting line at all."""
    people = _size(rnd, MAX_PEOPLE)
    managers = rnd.randint(1, 4)
    bosses: list[int | None] = [
        None if i < managers or rnd.random() < 0.05 else rnd.randrange(managers) for i in range(people)
    ]
    return org_text(bosses, _ties(rnd, people))


def tangled(rnd: random.Random) -> str:
    """A random tree whose people are tied to each other many times over: everyone to everyone in a small group."""
    people = rnd.randint(2, 120)
    bosses: list[int | None] = [None if i == 0 else rnd.randrange(i) for i in range(people)]
    group = min(people, rnd.randint(2, 46))
    ties = [(a, b) for a in range(group) for b in range(group) if a != b][: _size(rnd, MAX_LINKS)]
    return org_text(bosses, ties, kind=rnd.choice(["influences", "allies", "rivals"]))


def _ties(rnd: random.Random, people: int) -> list[tuple[int, int]]:
    """Ties between random people (some to themselves, which validation warns about)."""
    return [
        (rnd.randrange(people), rnd.randrange(people))
        for _ in range(rnd.choice([0, rnd.randint(1, 30), _size(rnd, MAX_LINKS)]))
    ]


Shape = Callable[[random.Random], str]
SHAPES: tuple[Shape, ...] = (deep, wide, tangled)
"""Every generator, for a fuzz run to pick from."""
