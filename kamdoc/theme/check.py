"""A theme's theme.yaml checked like a plan: every setting known, every value of the right kind, each mistake with its line."""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

from kamdoc.errors import KamdocError

_HEX = re.compile(r"[0-9A-Fa-f]{6}\Z")
# The range each number setting may take, by its name.
_RANGES = {"width_in": (1.0, 56.0), "height_in": (1.0, 56.0), "margin_in": (0.0, 5.0)}
_SIZE_RANGE = (4.0, 200.0)


def read_theme_file(path: Path, default: dict[str, Any] | None) -> dict[str, Any]:
    """The settings of one theme.yaml, checked against the shape of the default theme's (None: this is the default)."""
    from kamdoc.load.document import read_settings

    doc = read_settings(path)
    data = doc.data if doc.data is not None else {}
    errors = [f"{path}:{f.pos.line}:{f.pos.col}: error: {f.field + ': ' if f.field else ''}{f.message}" for f in doc.problems if f.severity == "error"]
    if not isinstance(data, dict):
        errors.append(f"{path}:1:1: error: a theme file is a mapping of settings (slide, font, size, colour, layouts)")
    elif default is not None:
        errors += _check(data, default, (), doc, path)
        if not errors:
            errors += _missing_fonts(data, doc, path)
    if errors:
        raise KamdocError("\n".join(errors[:20]))
    return data


def _missing_fonts(data: dict[str, Any], doc: Any, file: Path) -> list[str]:
    """A font setting none of whose files is in the theme's fonts/, the default theme's or the system's."""
    from kamdoc.shipped import THEMES_DIR
    from kamdoc.theme.fonts import find_font

    fonts = data.get("font")
    errors = []
    for weight, names in (fonts.items() if isinstance(fonts, dict) else []):
        if isinstance(names, list) and not any(find_font(str(n), (file.parent, THEMES_DIR / "default")) for n in names):
            pos = doc.where(("font", weight))
            errors.append(f"{file}:{pos.line}:{pos.col}: error: font.{weight}: none of {', '.join(map(str, names))} is installed; "
                          f"put the file in {file.parent / 'fonts'} or install it (Debian: apt-get install fonts-liberation2)")
    return errors


def _check(value: Any, default: Any, path: tuple[str, ...], doc: Any, file: Path) -> list[str]:
    def error(message: str, at_key: bool = False) -> list[str]:
        pos = doc.where_key(path) if at_key else doc.where(path)
        return [f"{file}:{pos.line}:{pos.col}: error: {'.'.join(path)}: {message}"]

    if isinstance(default, dict):
        if not isinstance(value, dict):
            return error(f"expected a mapping of settings ({', '.join(default)})")
        found: list[str] = []
        for key, item in value.items():
            if key not in default:
                close = difflib.get_close_matches(str(key), list(default), n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(default)}"
                pos = doc.where_key((*path, key))
                found.append(f"{file}:{pos.line}:{pos.col}: error: {'.'.join((*path, str(key)))}: unknown setting; {hint}")
                continue
            found += _check(item, default[key], (*path, str(key)), doc, file)
        return found
    if isinstance(default, list):
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            return error("expected a list of one or more names" if not default or not _HEX.match(str(default[0])) else "expected a list of colours")
        if default and _HEX.match(str(default[0])):
            bad = next((v for v in value if not _HEX.match(v)), None)
            return error(f"{bad!r} is not a colour: give six hex digits, such as \"1F3A5F\"") if bad is not None else []
        return []
    if isinstance(default, str) and _HEX.match(default):
        return [] if isinstance(value, str) and _HEX.match(value) else error(f"{value!r} is not a colour: give six hex digits in quotes, such as \"1F3A5F\"")
    if isinstance(default, str):
        return [] if isinstance(value, str) and value.strip() else error("expected a name")
    if isinstance(default, int | float) and not isinstance(default, bool):
        low, high = _RANGES.get(path[-1], _SIZE_RANGE)
        if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
            return error(f"expected a number from {low:g} to {high:g}, got {value!r}")
    return []
