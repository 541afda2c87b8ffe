"""Plans far larger than any real one, made from tests/data/base: for checks that work stays linear."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import DATA


def chain_plan(folder: Path, people: int, cycle: bool = False) -> Path:
    """A plan whose power map is one reporting chain of `people` (each reports to the one before; with `cycle`, the first to the last)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "logo.png").write_bytes((DATA / "base" / "logo.png").read_bytes())
    (folder / "market.md").write_text((DATA / "base" / "market.md").read_text())
    # The first two keep the base plan's ids, which its other sections refer to.
    ids = ["sreed", "lkhan", *(f"p{i}" for i in range(2, people))][:people]
    rows = []
    for i, pid in enumerate(ids):
        boss = ids[i - 1] if i else (ids[-1] if cycle else None)
        role = "decision-maker" if i == 0 else "user"
        rows.append(f"  - {{id: {pid}, name: N{i}, roles: [{role}]{', reports_to: ' + boss if boss else ''}}}")
    base = (DATA / "base" / "plan.yaml").read_text()
    power_map = "power_map:\n people:\n" + "\n".join(rows) + "\n links: []\n"
    text = re.sub(r"(?ms)^power_map:\n.*?(?=^\S)", power_map + "\n", base)
    plan = folder / "plan.yaml"
    plan.write_text(text)
    return plan
