"""`kamdoc history`: what moved in each plan over its git history, version by version."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from kamdoc.analyse.history import GROUPS
from kamdoc.commands.cache import cache_folder
from kamdoc.commands.history_report import as_csv, as_json, as_markdown, as_text
from kamdoc.errors import CommandLineError
from kamdoc.load.discover import find_plans
from kamdoc.pipeline.history import plan_histories


def run_history(paths: list[Path], since: str, until: str, by: str, fields: str, fmt: str, language: str | None) -> int:
    """Print the histories of the plans under `paths`; 0, or 1 when a plan's history could not be read."""
    groups = _groups(fields)
    plans = find_plans(paths)
    if not plans:
        raise CommandLineError(f"no plans under {', '.join(str(p) for p in paths)}")
    histories = plan_histories(plans, since, until or "HEAD", by, groups, cache_folder())
    if language:
        for h in histories:
            h.language = language
    if fmt == "json":
        out = as_json(histories)
    elif fmt == "csv":
        out = as_csv(histories)
    elif fmt == "markdown":
        out = as_markdown(histories)
    else:
        out = as_text(histories, shutil.get_terminal_size((120, 24)).columns)
    click.echo(out, nl=False)
    sys.stdout.flush()
    return 0


def _groups(fields: str) -> tuple[str, ...]:
    """The groups `--fields` names (comma-separated), all of them when empty; an unknown one is a usage error."""
    if not fields:
        return GROUPS
    named = tuple(f.strip() for f in fields.split(",") if f.strip())
    unknown = [f for f in named if f not in GROUPS]
    if unknown:
        raise click.BadParameter(f"{', '.join(unknown)}: choose from {', '.join(GROUPS)}", param_hint="--fields")
    return named
