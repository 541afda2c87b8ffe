"""Reading written decks as a person sees them: the texts and titles of PowerPoint slides."""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_COLOR_TYPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

_NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}


def texts(slide: object) -> str:
    parts = []
    for shape in slide.shapes:  # type: ignore[attr-defined]
        if shape.has_text_frame and shape.text_frame.text:  # lines have empty text frames
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)


def titles(deck: Path) -> list[str]:
    return [texts(s).strip().split("\n")[0] for s in Presentation(str(deck)).slides]


def seen_rgb(colour: object, prs: object) -> RGBColor:
    """The colour a person sees for a python-pptx colour: a scheme colour is looked up in the master's theme."""
    if getattr(colour, "type", None) != MSO_COLOR_TYPE.SCHEME:
        return colour.rgb  # type: ignore[attr-defined]
    theme = prs.slide_master.part.part_related_by(RT.THEME)  # type: ignore[attr-defined]
    scheme = etree.fromstring(theme.blob).find(".//a:clrScheme", _NS)
    slot = {"tx1": "dk1", "bg1": "lt1", "tx2": "dk2", "bg2": "lt2"}.get(str(colour._color._xClr.get("val")), "")  # type: ignore[attr-defined]
    if not slot:
        slot = str(colour._color._xClr.get("val"))  # type: ignore[attr-defined]
    held = scheme.find(f"a:{slot}/*", _NS)
    return RGBColor.from_string(held.get("val") or held.get("lastClr"))
