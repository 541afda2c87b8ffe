"""The sources slide that closes the deck: each source the plan cites, numbered as the deck's citations number it."""

from __future__ import annotations

from collections.abc import Callable

from kamdoc.outline.kit import PlanKit
from kamdoc.outline.richtext import SAFE_SCHEMES, Para, Run
from kamdoc.outline.words import day
from kamdoc.standard.model import Source


def sources(kit: PlanKit) -> None:
    """One numbered entry per source: its title, who and when, and where it can be read."""
    listed = [_entry(kit, n, s) for n, s in enumerate(kit.plan.sources, 1)]
    kit.flow("sources", kit.title("sources"), "sources", listed)


def _entry(kit: PlanKit, number: int, source: Source) -> Para:
    """ "[2] Annual report 2025 — ACME AG, 15.03.2026 · https://…": the title bold, the rest as the plan gives it."""
    who = ", ".join(x for x in (source.by or "", day(source.date, kit.lang) if source.date else "") if x)
    runs = [Run(source.title, bold=True)] + ([Run(f" — {who}")] if who else [])
    if source.url:
        safe = source.url.lower().startswith(SAFE_SCHEMES)  # the standard allows only web addresses; the link says so
        runs += [Run(" · ", colour="muted"), Run(source.url, colour="muted", link=source.url if safe else None)]
    if source.file:
        runs.append(Run(f" · {kit.label(Source, 'file')}: {source.file}", colour="muted"))
    return Para(tuple(runs), f"[{number}]", 0)


SLIDES: dict[str, Callable[[PlanKit], None]] = {"sources": sources}
"""The agenda entries this module draws, by key."""
