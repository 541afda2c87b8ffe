"""A theme's theme.yaml checked like a plan: every setting known, every value of the right kind, each mistake with its line."""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

from kamdoc.errors import KamdocError
from kamdoc.limits import MAX_MARGIN_SHARE, MAX_SLIDE_SIDE_IN, MAX_TEXT_SHARE, MAX_TEXT_SIZE, MIN_SLIDE_SIDE_IN

_HEX = re.compile(r"[0-9A-Fa-f]{6}\Z")
# The range each number setting may take, by its name: what every renderer draws (a smaller slide or larger
# text leaves no room for a title and one line of text, and layouts have nothing to place them in).
_SIDE = (MIN_SLIDE_SIDE_IN, MAX_SLIDE_SIDE_IN)
_RANGES = {"width_in": _SIDE, "height_in": _SIDE, "margin_in": (0.0, 5.0)}
_SIZE_RANGE = (4.0, MAX_TEXT_SIZE)


def read_theme_file(path: Path, default: dict[str, Any] | None) -> dict[str, Any]:
    """The settings of one theme.yaml, checked against the shape of the default theme's (None: this is the default)."""
    from kamdoc.load.document import read_settings

    doc = read_settings(path)
    data = doc.data if doc.data is not None else {}
    errors = [
        f"{path}:{f.pos.line}:{f.pos.col}: error: {f.field + ': ' if f.field else ''}{f.message}"
        for f in doc.problems
        if f.severity == "error"
    ]
    if not isinstance(data, dict):
        errors.append(f"{path}:1:1: error: a theme file is a mapping of settings (slide, font, size, colour, layouts)")
    elif default is not None:
        errors += _check(data, default, (), doc, path)
        if not errors:
            errors += _no_room(data, default, doc, path) + _missing_fonts(data, doc, path)
    if errors:
        raise KamdocError("\n".join(errors[:20]))
    return data


def slide_problem(settings: dict[str, Any], width_in: float, height_in: float) -> tuple[tuple[str, str], str] | None:
    """The setting (section, name) that leaves a slide of this size no room for its title and text, and why; or None."""
    short = min(width_in, height_in)
    margin, room = float(settings["slide"]["margin_in"]), MAX_MARGIN_SHARE * short
    if margin > room + 1e-9:
        return ("slide", "margin_in"), (
            f"a margin of {margin:g} in leaves a {width_in:g} × {height_in:g} in slide no room for its title "
            f"and text; give at most {room:.2f} in ({MAX_MARGIN_SHARE:.0%} of the shorter side)"
        )
    largest = min(MAX_TEXT_SIZE, short * 72 * MAX_TEXT_SHARE)
    for name, size in settings["size"].items():
        if float(size) > largest + 1e-9:
            return ("size", name), (
                f"text of {float(size):g} pt does not fit a {width_in:g} × {height_in:g} in slide; "
                f"give at most {largest:g} pt (a twelfth of the shorter side)"
            )
    return None


def _no_room(data: dict[str, Any], default: dict[str, Any], doc: Any, file: Path) -> list[str]:
    """A margin or text size too large for the slide, with the default theme's settings where the file gives none."""
    merged = {key: {**default[key], **(data.get(key) or {})} for key in ("slide", "size")}
    found = slide_problem(merged, float(merged["slide"]["width_in"]), float(merged["slide"]["height_in"]))
    if found is None:
        return []
    (section, name), problem = found
    given = data.get(section) or {}
    if name not in given:  # the default's value is too large for the file's slide: told at the size the file gives
        section, name = (
            "slide",
            next((k for k in ("width_in", "height_in", "margin_in") if k in (data.get("slide") or {})), name),
        )
    pos = doc.where((section, name))
    return [f"{file}:{pos.line}:{pos.col}: error: {section}.{name}: {problem}"]


def font_errors(folders: tuple[Path, ...], settings: dict[str, Any]) -> list[str]:
    """Each font a theme would use that cannot be (a link out, too large, damaged): at the theme.yaml line naming it, else at the file."""
    from kamdoc.theme.fonts import find_font, font_problem

    own = folders[:-1]  # the user's theme folders; the last one is kamdoc's own default theme
    errors = []
    for weight, names in settings["font"].items():
        if not isinstance(names, list):
            continue  # the face: a name for PowerPoint, no file
        found = next((f for f in (find_font(str(n), folders) for n in names) if f is not None), None)
        if found is None or not any(found.absolute().is_relative_to(folder.absolute()) for folder in own):
            # The machine's fonts and kamdoc's own are nobody's input: reading and parsing them on every render cost a
            # tenth of a small deck's time. A theme's own font, a link in its folder included, is checked.
            continue
        problem = font_problem(found, own)
        if problem is not None:
            errors.append(f"{_font_place(own, weight, found)}font.{weight}: {problem}")
    return errors


def _font_place(own: tuple[Path, ...], weight: str, found: Path) -> str:
    """Where a font's error is told: the line of the theme.yaml that names the weight, else the font file itself."""
    from kamdoc.load.document import read_settings

    for folder in own:
        path = folder / "theme.yaml"
        if path.is_file():
            doc = read_settings(path)
            if isinstance(doc.data, dict) and isinstance(doc.data.get("font"), dict) and weight in doc.data["font"]:
                pos = doc.where(("font", weight))
                return f"{path}:{pos.line}:{pos.col}: error: {found}: "
    return f"{found}: error: "


def _missing_fonts(data: dict[str, Any], doc: Any, file: Path) -> list[str]:
    """A font setting none of whose files is in the theme's fonts/, the default theme's or the system's."""
    from kamdoc.shipped import THEMES_DIR
    from kamdoc.theme.fonts import find_font

    fonts = data.get("font")
    errors = []
    for weight, names in fonts.items() if isinstance(fonts, dict) else []:
        if isinstance(names, list) and not any(find_font(str(n), (file.parent, THEMES_DIR / "default")) for n in names):
            pos = doc.where(("font", weight))
            errors.append(
                f"{file}:{pos.line}:{pos.col}: error: font.{weight}: none of {', '.join(map(str, names))} is installed; "
                f"put the file in {file.parent / 'fonts'} or install it (Debian: apt-get install fonts-liberation2)"
            )
    return errors


def _check(value: Any, default: Any, path: tuple[str, ...], doc: Any, file: Path) -> list[str]:
    """A theme value checked against the default theme's value at the same place: its kind, and a range or a colour."""
    if isinstance(default, dict):
        return _check_mapping(value, default, path, doc, file)
    if isinstance(default, list):
        said = _list_problem(value, default)
    elif isinstance(default, str):
        said = _text_problem(value, default)
    elif isinstance(default, int | float) and not isinstance(default, bool):
        said = _number_problem(value, path)
    else:
        said = None
    if said is None:
        return []
    pos = doc.where(path)
    return [f"{file}:{pos.line}:{pos.col}: error: {'.'.join(path)}: {said}"]


def _check_mapping(value: Any, default: dict[str, Any], path: tuple[str, ...], doc: Any, file: Path) -> list[str]:
    """A mapping of settings: each key known (else the nearest one named), each value checked in turn."""
    if not isinstance(value, dict):
        pos = doc.where(path)
        return [
            f"{file}:{pos.line}:{pos.col}: error: {'.'.join(path)}: expected a mapping of settings ({', '.join(default)})"
        ]
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


def _list_problem(value: Any, default: list[Any]) -> str | None:
    """What is wrong with a list of names or of colours, if anything."""
    colours = bool(default) and bool(_HEX.match(str(default[0])))
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        return "expected a list of colours" if colours else "expected a list of one or more names"
    bad = next((v for v in value if not _HEX.match(v)), None) if colours else None
    return f'{bad!r} is not a colour: give six hex digits, such as "1F3A5F"' if bad is not None else None


def _text_problem(value: Any, default: str) -> str | None:
    """What is wrong with a colour or a name, if anything."""
    if _HEX.match(default):
        return (
            None
            if isinstance(value, str) and _HEX.match(value)
            else f'{value!r} is not a colour: give six hex digits in quotes, such as "1F3A5F"'
        )
    return None if isinstance(value, str) and value.strip() else "expected a name"


def _number_problem(value: Any, path: tuple[str, ...]) -> str | None:
    """What is wrong with a size or a share, if anything: each has its range."""
    low, high = _RANGES.get(path[-1], _SIZE_RANGE)
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        return f"expected a number from {low:g} to {high:g}, got {value!r}"
    return None
