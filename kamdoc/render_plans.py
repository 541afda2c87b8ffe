"""Rendering plans into decks: validate, outline, draw, and write each file atomically."""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

import click

from kamdoc import report
from kamdoc.discover import find_plans, plan_slug
from kamdoc.errors import KamdocError
from kamdoc.validate import validate_file


def _created(version: date) -> datetime:
    """The document date: SOURCE_DATE_EPOCH when set (reproducible builds), else the plan's version."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC).replace(tzinfo=None)
        except (ValueError, OverflowError):
            raise KamdocError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds") from None
    return datetime(version.year, version.month, version.day)


def write_atomically(target: Path, data: bytes) -> None:
    """Write `target` completely or not at all: a temporary file in the same folder, then a rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def render_paths(paths: list[Path], out: Path, theme_dir: Path | None, template: Path | None, audience: str, today: date) -> int:
    """Render every plan under `paths` into `out`; plans with errors are reported, not rendered. Returns the exit code."""
    from kamdoc.outline import build_outline
    from kamdoc.render.pptx import render_pptx
    from kamdoc.theme import load_theme

    plans = find_plans(paths)
    if not plans:
        raise KamdocError(f"no plans found in {', '.join(map(str, paths))}")
    theme = load_theme(theme_dir)
    company = None
    if template is not None:
        from kamdoc.template import read_template

        company = read_template(template, theme)
        if abs(company.width / company.height - 16 / 9) > 0.01:
            raise KamdocError(f"{template}: its slides are not 16:9; kamdoc decks are 16:9 (see `kamdoc template check {template}`)")
        theme = theme.with_colours(company.colours)
    failed = 0
    for plan_file in plans:
        result = validate_file(plan_file, today)
        if result.errors or result.plan is None or result.doc is None:
            failed += 1
            click.echo(report.text([result]), err=True)
            click.echo(f"not rendered: {report.shown(plan_file)} has errors", err=True)
            continue
        deck = build_outline(result.plan, result.doc, theme, audience, (company.width, company.height) if company else None)
        data = render_pptx(deck, theme, _created(result.plan.cover.version), company)
        target = out / f"{plan_slug(plan_file)}.pptx"
        write_atomically(target, data)
        click.echo(str(target))
    return 1 if failed else 0
