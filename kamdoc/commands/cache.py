"""Where the commands keep caches: a choice of the command layer, handed down to the stages as an argument."""

from __future__ import annotations

import os
from pathlib import Path


def cache_folder() -> Path | None:
    """kamdoc's cache folder: $XDG_CACHE_HOME/kamdoc, or ~/.cache/kamdoc when XDG_CACHE_HOME is unset; None without a home.

    A relative XDG_CACHE_HOME counts as unset, as the XDG specification says. The folder need not exist or be
    writable: a cache that cannot be written is skipped without a word (it only saves time).
    """
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg) / "kamdoc"
    try:
        return Path.home() / ".cache" / "kamdoc"
    except (RuntimeError, KeyError):  # no HOME and no password entry: nowhere to keep it
        return None
