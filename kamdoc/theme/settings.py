"""Themes: colours, fonts and sizes for both renderers, from a search path of theme folders."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kamdoc.errors import KamdocError
from kamdoc.shipped import THEMES_DIR
from kamdoc.theme.fonts import find_font

DEFAULT_DIR = THEMES_DIR / "default"


@dataclass(frozen=True)
class Theme:
    """A theme: its folders (user's first), and its settings merged over the default ones."""

    folders: tuple[Path, ...]
    settings: dict[str, Any]

    def get(self, *path: str) -> Any:
        value: Any = self.settings
        for part in path:
            value = value[part]
        return value

    def colour(self, *path: str) -> str:
        return str(self.get("colour", *path))

    def size(self, name: str) -> float:
        return float(self.get("size", name))

    def with_colours(self, colours: dict[str, str]) -> Theme:
        """The same theme with some colours replaced (by a company template's colour scheme)."""
        return Theme(self.folders, _merge(self.settings, {"colour": colours}))

    def font_file(self, weight: str) -> Path:
        """The font file that measures (and, in PDFs, shows) text of this weight."""
        names = self.get("font", weight)
        for name in names:
            found = find_font(str(name), self.folders)
            if found is not None:
                return Path(
                    os.path.realpath(found)
                )  # the file load_theme checked, not a link that may be changed after
        raise KamdocError(
            f"none of the theme's {weight} fonts ({', '.join(names)}) is installed; install them "
            "(Debian: apt-get install fonts-liberation2) or put one in the theme's fonts/ folder"
        )


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def theme_folder(name_or_dir: str) -> Path:
    """A theme given on the command line: a folder, or the name of one kamdoc ships in templates/."""
    given = Path(name_or_dir)
    if given.is_dir():
        return given
    shipped = THEMES_DIR / name_or_dir
    if "/" not in name_or_dir and shipped.is_dir():
        return shipped
    known = ", ".join(sorted(p.name for p in THEMES_DIR.iterdir() if p.is_dir())) if THEMES_DIR.is_dir() else "none"
    raise KamdocError(f"no theme {name_or_dir!r}: give a theme folder or one of: {known}")


def load_theme(theme_dir: Path | None = None) -> Theme:
    """The default theme, with `theme_dir`'s files and settings taking precedence."""
    if not (DEFAULT_DIR / "theme.yaml").is_file():
        raise KamdocError(
            f"kamdoc's default theme is missing from this installation (looked in {DEFAULT_DIR}); "
            "reinstall kamdoc (pip install --force-reinstall kamdoc)"
        )
    folders = ((theme_dir,) if theme_dir and theme_dir.resolve() != DEFAULT_DIR else ()) + (DEFAULT_DIR,)
    from kamdoc.theme.check import font_errors, read_theme_file

    default = read_theme_file(DEFAULT_DIR / "theme.yaml", None)
    settings = default
    for folder in folders[:-1]:
        path = folder / "theme.yaml"
        if path.is_file():
            settings = _merge(settings, read_theme_file(path, default))
    errors = font_errors(
        folders, settings
    )  # a stranger's font is checked like a logo, before anything measures with it
    if errors:
        raise KamdocError("\n".join(errors))
    return Theme(folders, settings)
