"""`kamdoc portfolio` and `kamdoc health`: the key account programme over all plans, printed and as a deck."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kamdoc.errors import CommandLineError, KamdocError
from kamdoc.load.discover import find_plans

if TYPE_CHECKING:
    from kamdoc.analyse.portfolio import Portfolio


def _programme_plans(paths: list[Path], command: str) -> tuple[list[Path], Any]:
    """The plans under `paths` and the programme settings of their repo's kamdoc.yaml."""
    from kamdoc.load.document import find_repo
    from kamdoc.load.settings import programme_for

    if not paths or (len(paths) == 1 and not paths[0].exists()):
        raise CommandLineError(f"no plans/ folder here: name the plans, e.g. `kamdoc {command} path/to/plans`")
    plans = find_plans(paths)
    if not plans:
        raise KamdocError(
            f"no plans found in {', '.join(map(str, paths))} (a plan is a folder with plan.yaml, or a .yaml file)"
        )
    return plans, programme_for(find_repo(plans[0]))


def run_portfolio(
    paths: list[Path],
    out: Path,
    formats: tuple[str, ...],
    fmt: str,
    today: date,
    language: str | None,
    theme_dir: Path | None,
    deck: bool,
    since: str = "",
) -> int:
    """Analyse the plans as a portfolio, print it (and what moved `since` a day or revision) and write the portfolio
    deck; returns the exit code (1 when plans were left out)."""
    from kamdoc.commands.programme_report import portfolio_json
    from kamdoc.pipeline.programme import portfolio as programme_portfolio

    plans, programme = _programme_plans(paths, "portfolio")
    if since:
        from kamdoc.pipeline.history import check_since

        check_since(plans, since)
    portfolio = programme_portfolio(plans, today, programme, language)
    if portfolio.missing_rates:
        lines = [
            f"kamdoc.yaml gives no rate for {currency} (portfolio.rates.{currency}: what one {currency} is worth in {programme.currency}), "
            f"needed for {', '.join(files)}"
            for currency, files in sorted(portfolio.missing_rates.items())
        ]
        raise KamdocError("\n".join(lines))
    from kamdoc.messages import most_spoken

    # The report and the deck speak the language asked for, else the one most of the plans are written in.
    speaks = language or most_spoken(h.language for h in portfolio.health)
    said = portfolio_json(portfolio) if fmt == "json" else _report(fmt)(portfolio, speaks)
    if since:
        said = _with_movers(said, fmt, plans, since, speaks)
    click.echo(said, nl=False)
    lacking = False
    if deck:
        from kamdoc.commands.cache import cache_folder
        from kamdoc.commands.listener import Terminal
        from kamdoc.outline.portfolio_deck import portfolio_outline
        from kamdoc.pipeline.render import document_date, render_formats, usable_formats, write_atomically
        from kamdoc.theme.settings import load_theme

        formats, lacking = usable_formats(formats, Terminal())
        theme = load_theme(theme_dir)
        outline = portfolio_outline(portfolio, theme, speaks, cache_folder())
        created = document_date(today)  # SOURCE_DATE_EPOCH wins, as for plan decks
        for kind, data in render_formats(
            outline, formats, theme, created, processes=min(2, os.cpu_count() or 1)
        ).items():
            target = out / f"portfolio.{kind}"
            write_atomically(target, data)
            click.echo(f"wrote {target}", err=True)
    for plan in portfolio.invalid:
        click.echo(f"left out: {plan} does not validate (kamdoc validate {plan})", err=True)
    return 1 if portfolio.invalid or lacking else 0


def _report(fmt: str) -> Callable[[Portfolio, str], str]:
    """The portfolio's report for people in a format: aligned text or Markdown."""
    from kamdoc.commands.programme_report import portfolio_markdown, portfolio_text

    return portfolio_markdown if fmt == "markdown" else portfolio_text


def _with_movers(said: str, fmt: str, plans: list[Path], since: str, language: str) -> str:
    """The portfolio's report with the accounts that moved since `since` after it (in the JSON: under "movers")."""
    import json

    from kamdoc.commands.cache import cache_folder
    from kamdoc.commands.programme_report import movers_json, movers_markdown, movers_text
    from kamdoc.pipeline.history import portfolio_moves

    moves = portfolio_moves(plans, since, cache_folder())
    if fmt == "json":
        data = json.loads(said)
        data["movers"] = {"since": since, "changes": movers_json(moves)}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return said + "\n" + (movers_markdown if fmt == "markdown" else movers_text)(moves, since, language)


def run_health(paths: list[Path], fmt: str, fail_on: str | None, today: date, language: str | None) -> int:
    """Print the health of each plan; returns 1 when a plan is as bad as `fail_on` or worse."""
    from kamdoc.analyse.health import RANK
    from kamdoc.commands.programme_report import health_github, health_json, health_text
    from kamdoc.pipeline.programme import health

    plans, programme = _programme_plans(paths, "health")
    healths = health(plans, today, programme, language)
    click.echo({"text": health_text, "json": health_json, "github": health_github}[fmt](healths), nl=False)
    if fail_on and any(RANK[h.status] >= RANK[fail_on] for h in healths):
        return 1
    return 0
