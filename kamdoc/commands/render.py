"""`kamdoc render` and `kamdoc watch`: plans into decks, once or on every save, told on the terminal."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from kamdoc.commands.listener import Terminal


def run_render(
    paths: list[Path],
    out: Path,
    formats: str,
    theme_name: str | None,
    template: Path | None,
    audience: str,
    today: date,
    pdf_variant: str | None,
    changes_since: str | None,
    jobs: int | None,
    history: int = 0,
    at: str = "",
) -> int:
    """Render every plan under `paths` (as the revision `at` had them, when given); returns the exit code."""
    from kamdoc.pipeline.render_helper import can_help, render_helper
    from kamdoc.render.formats import parse_formats

    wanted = parse_formats(formats)
    processes = jobs or os.cpu_count() or 1
    # Started before the rest of kamdoc is imported, so that the renderers' imports overlap all of the reading.
    helps = can_help(wanted, processes, pdf_variant, template is not None)
    with render_helper(helps, "pptx" in wanted, "pdf" in wanted and pdf_variant is None) as helper:
        from kamdoc.commands.cache import cache_folder
        from kamdoc.pipeline.render import render_paths
        from kamdoc.theme.settings import theme_folder

        theme_dir = theme_folder(theme_name) if theme_name else None
        return render_paths(
            paths,
            out,
            theme_dir,
            template,
            audience,
            today,
            wanted,
            pdf_variant,
            changes_since,
            processes,
            helper,
            say=Terminal(),
            cache=cache_folder(),
            history=history,
            at=at,
        )


def run_watch(paths: list[Path], out: Path, formats: str, theme_name: str | None, audience: str, today: date) -> int:
    """Render, then again on every change, until interrupted."""
    from kamdoc.commands.cache import cache_folder
    from kamdoc.pipeline.watch import watch
    from kamdoc.render.formats import parse_formats
    from kamdoc.theme.settings import theme_folder

    theme_dir = theme_folder(theme_name) if theme_name else None
    return watch(paths, out, parse_formats(formats), theme_dir, audience, today, say=Terminal(), cache=cache_folder())
