"""What the commands do, as plain functions the CLI (and tests) call."""

from __future__ import annotations

import os
import sys
from datetime import date
from typing import Any
from pathlib import Path

import click

from kamdoc import report
from kamdoc.discover import find_plans
from kamdoc.errors import CommandLineError, KamdocError
from kamdoc.validate import Result, validate_each

def _findings_only(result: Result) -> Result:
    return Result(result.file, result.findings)


def validate_paths(paths: list[Path], fmt: str, strict: bool, today: date) -> int:
    """Validate the plans under `paths` and print the findings; returns the exit code."""
    if not paths or (len(paths) == 1 and not paths[0].exists()):
        missing = paths[0] if paths else Path("plans")
        raise CommandLineError(f"no {missing}/ folder here: name the plans to check, e.g. `kamdoc validate path/to/plans`")
    plans = find_plans(paths)
    if not plans:
        raise KamdocError(f"no plans found in {', '.join(map(str, paths))} (a plan is a folder with plan.yaml, or a .yaml file)")
    results = validate_each(plans, today, _findings_only)
    out = {"text": report.text, "json": report.as_json, "github": report.github, "gitlab": report.gitlab}[fmt](results)
    if out:
        click.echo(out)
    if fmt != "json":
        click.echo(report.summary(results), err=True)
    failed = any(r.errors for r in results) or (strict and any(r.warnings for r in results))
    return 1 if failed else 0


def write_schema(output: Path | None, markdown: bool = False) -> None:
    """Print the JSON Schema (or the Markdown reference), or write it to `output` (completely or not at all)."""
    from kamdoc.schema import schema_text
    from kamdoc.standard_doc import standard_markdown

    text = standard_markdown() if markdown else schema_text()
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


def _programme_plans(paths: list[Path], command: str) -> tuple[list[Path], Any]:
    """The plans under `paths` and the programme settings of their repo's kamdoc.yaml."""
    from kamdoc.load import find_repo
    from kamdoc.programme import programme_for

    if not paths or (len(paths) == 1 and not paths[0].exists()):
        raise CommandLineError(f"no plans/ folder here: name the plans, e.g. `kamdoc {command} path/to/plans`")
    plans = find_plans(paths)
    if not plans:
        raise KamdocError(f"no plans found in {', '.join(map(str, paths))} (a plan is a folder with plan.yaml, or a .yaml file)")
    return plans, programme_for(find_repo(plans[0]))


def run_portfolio(paths: list[Path], out: Path, formats: tuple[str, ...], fmt: str, today: date, language: str,
                  theme_dir: Path | None, deck: bool) -> int:
    """Analyse the plans as a portfolio, print it and write the portfolio deck; returns the exit code (1 when plans were left out)."""
    from kamdoc.portfolio import analyse
    from kamdoc.portfolio_report import portfolio_json, portfolio_markdown, portfolio_text

    plans, programme = _programme_plans(paths, "portfolio")
    portfolio = analyse(plans, today, programme, language)
    if portfolio.missing_rates:
        lines = [f"kamdoc.yaml gives no rate for {currency} (portfolio.rates.{currency}: what one {currency} is worth in {programme.currency}), "
                 f"needed for {', '.join(files)}" for currency, files in sorted(portfolio.missing_rates.items())]
        raise KamdocError("\n".join(lines))
    click.echo({"text": portfolio_text, "json": portfolio_json, "markdown": portfolio_markdown}[fmt](portfolio), nl=False)
    lacking = False
    if deck:
        from kamdoc.portfolio_deck import portfolio_outline
        from kamdoc.render_plans import document_date, render_formats, usable_formats, write_atomically
        from kamdoc.theme import load_theme

        formats, lacking = usable_formats(formats)
        theme = load_theme(theme_dir)
        outline = portfolio_outline(portfolio, theme, language)
        created = document_date(today)  # SOURCE_DATE_EPOCH wins, as for plan decks
        for kind, data in render_formats(outline, formats, theme, created, processes=min(2, os.cpu_count() or 1)).items():
            target = out / f"portfolio.{kind}"
            write_atomically(target, data)
            click.echo(f"wrote {target}", err=True)
    for plan in portfolio.invalid:
        click.echo(f"left out: {plan} does not validate (kamdoc validate {plan})", err=True)
    return 1 if portfolio.invalid or lacking else 0


def run_health(paths: list[Path], fmt: str, fail_on: str | None, today: date, language: str) -> int:
    """Print the health of each plan; returns 1 when a plan is as bad as `fail_on` or worse."""
    from kamdoc.health import RANK, plans_health
    from kamdoc.portfolio import validate_all as validate_plans
    from kamdoc.portfolio_report import health_github, health_json, health_text

    plans, programme = _programme_plans(paths, "health")
    healths = plans_health(plans, validate_plans(plans, today), today, programme, language)
    click.echo({"text": health_text, "json": health_json, "github": health_github}[fmt](healths), nl=False)
    if fail_on and any(RANK[h.status] >= RANK[fail_on] for h in healths):
        return 1
    return 0
