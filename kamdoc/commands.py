"""What the commands do, as plain functions the CLI (and tests) call."""

from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

import click

from kamdoc import report
from kamdoc.discover import find_plans
from kamdoc.errors import CommandLineError, KamdocError
from kamdoc.validate import Result, validate_file

PARALLEL_FROM = 24
"""From this many plans on, validation uses one process per core; below, starting them costs more than it saves."""


def validate_all(plans: list[Path], today: date) -> list[Result]:
    """Validate each plan, in parallel when there are many; results in the plans' order."""
    workers = min(os.cpu_count() or 1, 8)
    if len(plans) < PARALLEL_FROM or workers < 2:
        return [validate_file(plan, today) for plan in plans]
    chunk = max(1, len(plans) // (workers * 4))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_findings_only, plans, [today] * len(plans), chunksize=chunk))


def _findings_only(plan: Path, today: date) -> Result:
    # Sending the loaded document and typed plan back between processes costs more than validating.
    result = validate_file(plan, today)
    return Result(result.file, result.findings)


def validate_paths(paths: list[Path], fmt: str, strict: bool, today: date) -> int:
    """Validate the plans under `paths` and print the findings; returns the exit code."""
    if not paths or (len(paths) == 1 and not paths[0].exists()):
        missing = paths[0] if paths else Path("plans")
        raise CommandLineError(f"no {missing}/ folder here: name the plans to check, e.g. `kamdoc validate path/to/plans`")
    plans = find_plans(paths)
    if not plans:
        raise KamdocError(f"no plans found in {', '.join(map(str, paths))} (a plan is a folder with plan.yaml, or a .yaml file)")
    results = validate_all(plans, today)
    out = {"text": report.text, "json": report.as_json, "github": report.github, "gitlab": report.gitlab}[fmt](results)
    if out:
        click.echo(out)
    if fmt != "json":
        click.echo(report.summary(results), err=True)
    failed = any(r.errors for r in results) or (strict and any(r.warnings for r in results))
    return 1 if failed else 0


def write_schema(output: Path | None) -> None:
    """Print the JSON Schema, or write it to `output` (completely or not at all)."""
    from kamdoc.schema import schema_text

    text = schema_text()
    if output is None:
        sys.stdout.write(text)
        return
    tmp = output.with_name(f".{output.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, output)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise KamdocError(f"cannot write {output}: {exc.strerror}") from None
    click.echo(f"wrote {output}", err=True)
