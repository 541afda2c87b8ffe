"""Font files by name: in a theme's fonts/ folders first, then among the system's fonts."""

from __future__ import annotations

from pathlib import Path

_FONT_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".fonts",
    Path.home() / ".local/share/fonts",
    Path("/Library/Fonts"),
    Path("/System/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)


def find_font(name: str, folders: tuple[Path, ...]) -> Path | None:
    """A font file by its name: in a theme folder's fonts/ first, then among the system's fonts."""
    if any(c in name for c in "/\\*?[") or name.startswith("."):
        return None  # a plain name, no path or pattern: nothing outside the font folders is read
    for folder in folders:
        found = folder / "fonts" / name
        if found.is_file():
            return found
    for root in _FONT_DIRS:
        if root.is_dir():
            system = next(root.rglob(name), None)
            if system:
                return system
    return None
