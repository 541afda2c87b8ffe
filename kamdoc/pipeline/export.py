"""The plans for `kamdoc export`: as the working tree has them, or as a tag or commit had them, each validated
against its revision's own settings, with the portfolio they make."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from kamdoc.analyse.export import Sheet, sheets
from kamdoc.analyse.health import Summary
from kamdoc.analyse.portfolio import analyse
from kamdoc.load.discover import shown_path
from kamdoc.load.settings import programme_at
from kamdoc.pipeline.programme import summaries
from kamdoc.pipeline.revisions import load_at, plans_at
from kamdoc.standard.programme import Programme


@dataclass(frozen=True)
class Export:
    """What an export holds: its sheets, the revision it was made of (empty: the working tree), and the day."""

    sheets: list[Sheet]
    revision: str
    day: date
    language: str
    left_out: tuple[str, ...] = ()  # plans that do not validate


def export_plans(paths: list[Path], programme: Programme, today: date, at: str = "") -> Export:
    """The sheets of the valid plans under `paths` (at the revision `at`, or in the working tree)."""
    if at:
        found, programme, revision = _at_revision(paths, at, today)
    else:
        found, revision = summaries(paths, today, programme), ""
    plans = [(s.shown, s.plan) for s in found if s.plan is not None]
    portfolio = analyse(found, today, programme)
    languages = [plan.language for _, plan in plans]
    language = max(set(languages), key=languages.count) if languages else "en"
    left_out = tuple(s.shown for s in found if s.plan is None)
    return Export(sheets(plans, portfolio, today), revision, today, language, left_out)


def _at_revision(paths: list[Path], at: str, today: date) -> tuple[list[Summary], Programme, str]:
    """The plans under `paths` as the revision `at` had them, and its programme settings."""
    with plans_at(paths, at) as (snapshot, files):
        found = []
        for path in files:
            result = load_at(snapshot, path, today)
            plan = result.plan if not result.errors else None
            name = plan.cover.full_name if plan is not None else PurePosixPath(path).parent.name
            found.append(Summary(shown_path(snapshot.repo / path), name, plan, len(result.errors)))
        return found, programme_at(snapshot), snapshot.commit or ""
