"""`kamdoc preview`: the decks as web pages on this machine, following every save, told on the terminal."""

from __future__ import annotations

from pathlib import Path

from kamdoc.commands.listener import Terminal


def run_preview(
    paths: list[Path],
    host: str,
    port: int | None,
    audience: str,
    language: str | None,
    theme_name: str | None,
    open_browser: bool,
) -> int:
    """Serve the preview until interrupted; returns the exit code."""
    from kamdoc.preview.server import serve
    from kamdoc.theme.settings import theme_folder

    theme_dir = theme_folder(theme_name) if theme_name else None
    return serve(paths, host, port, audience, language, theme_dir, open_browser, say=Terminal())
