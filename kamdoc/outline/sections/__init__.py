"""One module per section of the plan, each drawing the slides of its agenda entries: where a slide comes from is the
module named after its section. A new section with slides of its own is one module here and one line in MODULES."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from kamdoc.outline.kit import PlanKit
from kamdoc.outline.sections import (
    buying_strategy,
    contracts,
    financials,
    goals,
    marketing,
    mission,
    position,
    power_map,
    profile,
    risks,
    sources,
    swot,
    whitespace,
)

MODULES: tuple[ModuleType, ...] = (
    profile,
    buying_strategy,
    power_map,
    swot,
    position,
    mission,
    goals,
    financials,
    risks,
    contracts,
    whitespace,
    marketing,
    sources,
)
"""The section modules; each names the agenda entries it draws in its SLIDES."""

SLIDES: dict[str, Callable[[PlanKit], None]] = {key: make for module in MODULES for key, make in module.SLIDES.items()}
"""The slide builder of each agenda entry that has one; a list section with a declared table needs none."""
