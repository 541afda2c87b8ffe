"""`kamdoc validate`: every plan checked, its findings printed as text, JSON, GitHub annotations or a GitLab report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from kamdoc.errors import CommandLineError, KamdocError
from kamdoc.load.discover import find_plans
from kamdoc.load.settings import programmes_for
from kamdoc.validate import report
from kamdoc.validate.plan import Result, validate_each


def _findings_only(result: Result) -> Result:
    return Result(result.file, result.findings, said_in=result.language)


def validate_paths(paths: list[Path], fmt: str, strict: bool, today: date, language: str | None = None) -> int:
    """Validate the plans under `paths` and print the findings; returns the exit code."""
    if not paths or (len(paths) == 1 and not paths[0].exists()):
        missing = paths[0] if paths else Path("plans")
        raise CommandLineError(
            f"no {missing}/ folder here: name the plans to check, e.g. `kamdoc validate path/to/plans`"
        )
    plans = find_plans(paths)
    if not plans:
        raise KamdocError(
            f"no plans found in {', '.join(map(str, paths))} (a plan is a folder with plan.yaml, or a .yaml file)"
        )
    results = validate_each(plans, today, _findings_only, programmes_for(plans))
    out = {"text": report.text, "json": report.as_json, "github": report.github, "gitlab": report.gitlab}[fmt](
        results, language
    )
    if out:
        click.echo(out)
    if fmt != "json":
        click.echo(report.summary(results), err=True)
    failed = any(r.errors for r in results) or (strict and any(r.warnings for r in results))
    return 1 if failed else 0
