"""The sources slide that closes the deck: each source the plan cites, numbered as the deck's citations number it."""

from __future__ import annotations

from collections.abc import Callable

from kamdoc.outline.kit import PlanKit
from kamdoc.outline.richtext import SAFE_SCHEMES, Para, Run
from kamdoc.outline.words import day
from kamdoc.standard.model import Source


def sources(kit: PlanKit) -> None:
    """One numbered entry per source: its title, and under it who and when, and where it can be read."""
    listed = [para for n, s in enumerate(kit.plan.sources, 1) for para in _entry(kit, n, s)]
    kit.flow("sources", kit.title("sources"), "sources", listed)


def _entry(kit: PlanKit, number: int, source: Source) -> list[Para]:
    """ "[2] Annual report 2025", then "ACME AG, 15 Mar 2026 · https://…" under it, as the plan gives them."""
    head = Para((Run(source.title, bold=True),), f"[{number}]", 0)
    who = ", ".join(x for x in (source.by or "", day(source.date, kit.lang) if source.date else "") if x)
    runs = [Run(who, colour="muted")] if who else []
    if source.url:
        safe = source.url.lower().startswith(SAFE_SCHEMES)  # the standard allows only web addresses; the link says so
        runs += [Run(" · ", colour="muted")] if runs else []
        runs.append(Run(source.url, link=source.url if safe else None))
    if source.file:
        runs += [Run(" · ", colour="muted")] if runs else []
        runs.append(Run(f"{kit.label(Source, 'file')}: {source.file}", colour="muted"))
    return [head, Para(tuple(runs), None, 1)] if runs else [head]


SLIDES: dict[str, Callable[[PlanKit], None]] = {"sources": sources}
"""The agenda entries this module draws, by key."""
