"""Company PowerPoint templates: which of their layouts kamdoc uses, their colours, and what they lack."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kamdoc.errors import KamdocError
from kamdoc.limits import MAX_SLIDE_SIDE_IN, MIN_SLIDE_SIDE_IN
from kamdoc.theme.check import slide_problem
from kamdoc.theme.settings import Theme

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationFile

_NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
# Which slot of the template's colour scheme stands in for which theme colour.
_SCHEME = {"primary": ("dk2", "accent1"), "accent": ("accent2", "accent1"), "text": ("dk1",), "background": ("lt1",)}


@dataclass(frozen=True)
class Template:
    """A company template, opened and understood."""

    path: Path
    data: bytes  # the file as kamdoc uses it: checked, with every link outside it removed
    warnings: tuple[str, ...]  # what was removed
    width: float  # points
    height: float
    layouts: dict[str, str | None]  # kind of slide -> layout name (None: no match, the blank fallback)
    colours: dict[str, str]  # theme colour name -> hex from the template's colour scheme
    title_placeholder: dict[str, bool]  # kind of slide -> whether its layout has a title placeholder


def open_presentation(path: Path, data: bytes) -> PresentationFile:
    """A python-pptx presentation of a template's checked bytes, or one clear error if it is not a PowerPoint file."""
    import io

    from pptx import Presentation
    from pptx.exc import PackageNotFoundError

    try:
        return Presentation(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise KamdocError(f"{path}: not a PowerPoint file (.pptx or .potx saved as .pptx): {exc}") from None
    except Exception as exc:  # a zip that is no Office package raises many kinds
        raise KamdocError(f"{path}: cannot be read as a PowerPoint file ({type(exc).__name__})") from None


def read_template(path: Path, theme: Theme) -> Template:
    """What kamdoc will use from a template: layouts by the theme's names, slide size, colour scheme."""
    from kamdoc.theme.company_safety import make_safe

    safe = make_safe(path)
    prs = open_presentation(path, safe.data)
    width, height = _slide_size(path, prs)
    found = slide_problem(theme.settings, width / 72, height / 72)
    if found is not None:  # the theme's margin and sizes were checked against its own slide size, not the template's
        raise KamdocError(f"{path}: the theme's {'.'.join(found[0])}: {found[1]}")
    try:
        names = {layout.name: layout for layout in prs.slide_layouts}
        for layout in names.values():
            list(layout.placeholders)  # parsed now, so that a damaged layout is found here, not in the middle of a deck
    except Exception as exc:  # python-pptx meets a stranger's damaged XML with many kinds of error
        raise KamdocError(
            f"{path}: its slide layouts cannot be read ({type(exc).__name__}: {str(exc)[:120]}); save the template again from PowerPoint"
        ) from None
    if not names:
        raise KamdocError(
            f"{path}: ppt/slideMasters: the template has no slide layouts; kamdoc places its slides on them"
        )
    layouts: dict[str, str | None] = {}
    titles: dict[str, bool] = {}
    for kind, wanted in theme.get("layouts").items():
        match = next((str(name) for name in wanted if name in names), None)
        layouts[kind] = match
        shapes = list(names[match].placeholders) if match else []
        titles[kind] = any(p.placeholder_format.type in (1, 3) for p in shapes)  # TITLE, CENTER_TITLE
    return Template(path, safe.data, safe.warnings, width, height, layouts, _colours(path, prs), titles)


_MAX_SIDE = MAX_SLIDE_SIDE_IN * 72
"""PowerPoint's largest slide side, in points (56 in)."""
_MIN_SIDE = MIN_SLIDE_SIDE_IN * 72
"""The smallest slide side kamdoc lays slides out on, in points."""


def _slide_size(path: Path, prs: PresentationFile) -> tuple[float, float]:
    try:
        width, height = prs.slide_width, prs.slide_height
    except (AttributeError, ValueError, TypeError):
        width = height = None
    if not width or not height or min(width, height) <= 0:
        raise KamdocError(f"{path}: ppt/presentation.xml gives no slide size (p:sldSz), or a size of 0")
    w, h = width / 12700, height / 12700
    if max(w, h) > _MAX_SIDE:
        raise KamdocError(
            f"{path}: ppt/presentation.xml: slides of {w / 72:.0f} × {h / 72:.0f} in are larger than PowerPoint allows (56 in)"
        )
    if min(w, h) < _MIN_SIDE:
        raise KamdocError(
            f"{path}: ppt/presentation.xml: slides of {w / 72:.2f} × {h / 72:.2f} in are too small for kamdoc's slides; "
            f"each side must be at least {MIN_SLIDE_SIDE_IN:g} in"
        )
    return w, h


def _colours(path: Path, prs: Any) -> dict[str, str]:
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        theme_part = prs.slide_master.part.part_related_by(RT.THEME)
        # No entities, no network, no huge trees: the part is a stranger's XML.
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
        root = etree.fromstring(theme_part.blob, parser)
    except (KeyError, IndexError, etree.XMLSyntaxError):
        return {}
    part = str(theme_part.partname).lstrip("/")
    scheme = root.find(".//a:clrScheme", _NS)
    if scheme is None:
        return {}
    found: dict[str, str] = {}
    for slot in scheme:
        tag = etree.QName(slot).localname
        colour = slot.find("a:srgbClr", _NS)
        system = slot.find("a:sysClr", _NS)
        value = colour.get("val") if colour is not None else system.get("lastClr") if system is not None else None
        if value:
            if not re.fullmatch(r"[0-9A-Fa-f]{6}", value):
                raise KamdocError(f"{path}: {part}: colour {tag} is {value[:20]!r}, not a colour in hex (RRGGBB)")
            found[tag] = value.upper()
    return {name: found[slot] for name, slots in _SCHEME.items() for slot in slots[:1] if slot in found} | {
        name: found[slots[1]]
        for name, slots in _SCHEME.items()
        if len(slots) > 1 and slots[0] not in found and slots[1] in found
    }


def check_template(path: Path, theme: Theme) -> list[tuple[str, str]]:
    """What a template offers and lacks, as (ok|warning|error, message) lines."""
    template = read_template(path, theme)
    report: list[tuple[str, str]] = [("warning", warning) for warning in template.warnings]
    ratio = template.width / template.height
    if abs(ratio - 16 / 9) > 0.01:
        report.append(
            (
                "error",
                f"slides are {template.width / 72:.2f} × {template.height / 72:.2f} in ({ratio:.2f}:1); kamdoc decks are 16:9",
            )
        )
    else:
        report.append(("ok", f"slides are 16:9 ({template.width / 72:.2f} × {template.height / 72:.2f} in)"))
    for kind, name in template.layouts.items():
        wanted = ", ".join(repr(n) for n in theme.get("layouts", kind))
        if name is None:
            report.append(
                ("warning", f"no layout named {wanted} for {kind} slides; kamdoc uses a blank layout and its own title")
            )
        elif not template.title_placeholder[kind]:
            report.append(
                ("warning", f"layout {name!r} for {kind} slides has no title placeholder; kamdoc draws its own title")
            )
        else:
            report.append(("ok", f"{kind} slides use layout {name!r} and its title placeholder"))
    for name in _SCHEME:
        if name in template.colours:
            report.append(("ok", f"colour {name}: #{template.colours[name]} from the template's colour scheme"))
        else:
            report.append(
                (
                    "warning",
                    f"the template's colour scheme has no colour for {name}; the theme's #{theme.colour(name)} is used",
                )
            )
    return report
