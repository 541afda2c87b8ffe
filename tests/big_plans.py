"""Plans far larger than any real one, made from tests/data/base: for checks that work stays linear."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from conftest import DATA


def person_id(i: int) -> str:
    """The id of the `i`-th person of a generated power map: the first two keep the base plan's ids, which its other sections refer to."""
    return ("sreed", "lkhan")[i] if i < 2 else f"p{i}"


def org_text(
    bosses: Sequence[int | None], links: Sequence[tuple[int, int]] = (), kind: str = "influences", short: bool = False
) -> str:
    """The base plan's text with a power map of `len(bosses)` people (at least two): person `i` reports to `bosses[i]`,
    and each link (a, b) ties person a to person b; `short`: names such as N7 and no titles, to fit the most people in 2 MB."""
    rows = []
    for i, boss in enumerate(bosses):
        role = "decision-maker" if i == 0 else "user"
        above = f", reports_to: {person_id(boss)}" if boss is not None else ""
        said = f"N{i}" if short else f"Person {i}, title: Engineer {i % 7}"
        rows.append(f"  - {{id: {person_id(i)}, name: {said}, roles: [{role}]{above}}}")
    ties = [f"  - {{from: {person_id(a)}, to: {person_id(b)}, kind: {kind}}}" for a, b in links]
    power_map = (
        "power_map:\n people:\n"
        + "\n".join(rows)
        + ("\n links:\n" + "\n".join(ties) if ties else "\n links: []")
        + "\n"
    )
    return re.sub(
        r"(?ms)^power_map:\n.*?(?=^\S)", lambda _: power_map + "\n", (DATA / "base" / "plan.yaml").read_text()
    )


def write_plan(folder: Path, text: str) -> Path:
    """`text` as folder/plan.yaml, beside the base plan's logo and Markdown file."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "logo.png").write_bytes((DATA / "base" / "logo.png").read_bytes())
    (folder / "market.md").write_text((DATA / "base" / "market.md").read_text())
    plan = folder / "plan.yaml"
    plan.write_text(text)
    return plan


def chains(people: int, length: int) -> list[int | None]:
    """One person at the top and, under them, chains of `length` people (the last chain may be shorter)."""
    bosses: list[int | None] = [None]
    for i in range(1, people):
        bosses.append(0 if (i - 1) % length == 0 else i - 1)
    return bosses


def wide(people: int, managers: int = 1) -> list[int | None]:
    """`managers` people at the top, everyone else reporting to one of them in turn."""
    return [None if i < managers else i % managers for i in range(people)]


def everyone_influences_everyone(people: int) -> list[tuple[int, int]]:
    """A tie from each of the first `people` to each other one."""
    return [(a, b) for a in range(people) for b in range(people) if a != b]


def chain_plan(folder: Path, people: int, cycle: bool = False) -> Path:
    """A plan whose power map is one reporting chain of `people` (each reports to the one before; with `cycle`, the first to the last)."""
    bosses: list[int | None] = [i - 1 if i else (people - 1 if cycle else None) for i in range(people)]
    return write_plan(folder, org_text(bosses, short=True))
