"""`kamdoc template check`: what a company template offers kamdoc and what it lacks, line by line."""

from __future__ import annotations

from pathlib import Path

import click


def run_template_check(pptx: Path, theme_name: str | None) -> int:
    """Print the report; returns 1 when the template cannot be used."""
    from kamdoc.theme.company import check_template
    from kamdoc.theme.settings import load_theme, theme_folder

    theme = load_theme(theme_folder(theme_name) if theme_name else None)
    lines = check_template(pptx, theme)
    for level, message in lines:
        click.echo(f"{level}: {message}")
    return 1 if any(level == "error" for level, _ in lines) else 0
