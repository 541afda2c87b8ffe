"""`kamdoc build`: every plan of a repository, in parallel and only where it changed, told on the terminal."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kamdoc.commands.listener import Terminal


def run_build(
    paths: list[Path],
    out: Path,
    formats: str,
    jobs: int | None,
    shard: str | None,
    audience: str,
    theme_name: str | None,
    today: date,
) -> int:
    """Build the plans under `paths`; returns the exit code."""
    from kamdoc.pipeline.build import build, parse_shard
    from kamdoc.render.formats import parse_formats
    from kamdoc.theme.settings import theme_folder

    theme_dir = theme_folder(theme_name) if theme_name else None
    return build(
        paths, out, parse_formats(formats), jobs, parse_shard(shard), audience, theme_dir, today, say=Terminal()
    )
