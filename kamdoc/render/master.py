"""kamdoc's own PowerPoint master: 16:9, the theme's fonts and colours in its theme XML, layouts placed where the outline puts things."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from kamdoc.outline.deck import Box, Deck
from kamdoc.theme.settings import Theme

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationFile

LAYOUTS = {"cover": "Title Slide", "content": "Title Only"}
"""The layout each kind of slide is put on."""
KEPT_LAYOUTS = ("Title Slide", "Title and Content", "Section Header", "Title Only", "Blank")
"""The layouts the master offers: those kamdoc uses, and those a user adding a slide reaches for first."""
_OLD_WIDTH = 9144000
"""python-pptx's own master is 4:3, 10 in wide (EMU): the layouts kept are widened from it."""
_EMU = 12700
_BODY_STEPS = (0.0, 2.0, 4.0, 4.0, 4.0)
"""Points below the body size for the master's text levels 1 to 5."""
_LEVELS = ("a:lvl1pPr", "a:lvl2pPr", "a:lvl3pPr", "a:lvl4pPr", "a:lvl5pPr")


def _emu(points: float) -> str:
    return str(int(round(points * _EMU)))


_SPARE: list[PresentationFile] = []
"""At most one empty python-pptx presentation read ahead (`read_ahead`), taken by the next deck."""


def read_ahead() -> None:
    """Read python-pptx's empty presentation now, while a helper process waits for its first deck (see pipeline.render_helper)."""
    if not _SPARE:
        _SPARE.append(Presentation())


def own_master(deck: Deck, theme: Theme) -> PresentationFile:
    """An empty presentation on kamdoc's master for this deck's slide size, theme and frame."""
    prs = _SPARE.pop() if _SPARE else Presentation()
    size = prs.part._element.find(qn("p:sldSz"))  # noqa: SLF001 - python-pptx's setters keep the 4:3 type attribute
    assert size is not None  # every presentation part has one
    size.set("cx", _emu(deck.width))
    size.set("cy", _emu(deck.height))
    size.attrib.pop("type", None)
    for layout in list(prs.slide_layouts):
        if layout.name not in KEPT_LAYOUTS:
            prs.slide_layouts.remove(layout)
    ratio = deck.width * _EMU / _OLD_WIDTH
    master = prs.slide_master
    for part in (master, *prs.slide_layouts):
        _widen(part._element, ratio)  # noqa: SLF001
    _place(master._element, deck)  # noqa: SLF001
    for layout in prs.slide_layouts:
        _inherit_frame(layout._element)  # noqa: SLF001
    _text_styles(master._element, theme)  # noqa: SLF001
    part = master.part.part_related_by(RT.THEME)
    part._blob = _theme_xml(part.blob, theme)  # noqa: SLF001 - a theme part is plain bytes to python-pptx
    return prs


def _widen(root: etree._Element, ratio: float) -> None:
    """Stretch every placeholder sideways from the 4:3 master to this width."""
    for xfrm in root.iter(qn("a:xfrm")):
        off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
        if off is not None and ext is not None:
            off.set("x", str(int(int(off.get("x", "0")) * ratio)))
            ext.set("cx", str(int(int(ext.get("cx", "0")) * ratio)))


def _set_box(shape: etree._Element, box: Box) -> None:
    xfrm = shape.find(f"{qn('p:spPr')}/{qn('a:xfrm')}")
    if xfrm is None:
        return
    off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
    assert off is not None and ext is not None  # an xfrm holds both
    off.set("x", _emu(box.x))
    off.set("y", _emu(box.y))
    ext.set("cx", _emu(box.w))
    ext.set("cy", _emu(box.h))


def _placeholder_type(shape: etree._Element) -> str | None:
    ph = shape.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
    return None if ph is None else ph.get("type", "body")


def _place(master: etree._Element, deck: Deck) -> None:
    """The master's title, body, footer and number where the outline puts them; no date (decks carry theirs on the cover)."""
    boxes = {"title": deck.title_box, "body": deck.body_box, "ftr": deck.footer_box, "sldNum": deck.number_box}
    tree = master.find(f"{qn('p:cSld')}/{qn('p:spTree')}")
    assert tree is not None
    for shape in list(tree.iter(qn("p:sp"))):
        kind = _placeholder_type(shape)
        if kind == "dt":
            tree.remove(shape)
        elif kind in boxes and (box := boxes[kind]) is not None:
            _set_box(shape, box)
        body = shape.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}")
        if kind == "title" and body is not None:
            body.set("anchor", "t")  # the outline measures titles from the top


def _inherit_frame(layout: etree._Element) -> None:
    """Layouts take the master's title, body, footer and number positions; they drop the date like the master."""
    tree = layout.find(f"{qn('p:cSld')}/{qn('p:spTree')}")
    assert tree is not None
    title_slide = layout.get("type") in ("title", "secHead")  # those keep their own, larger arrangement
    for shape in list(tree.iter(qn("p:sp"))):
        kind = _placeholder_type(shape)
        if kind == "dt":
            tree.remove(shape)
            continue
        if kind in ("ftr", "sldNum") or (not title_slide and kind in ("title", "body", None)):
            sppr = shape.find(qn("p:spPr"))
            xfrm = None if sppr is None else sppr.find(qn("a:xfrm"))
            if sppr is not None and xfrm is not None:
                sppr.remove(xfrm)


def _text_styles(master: etree._Element, theme: Theme) -> None:
    """Titles left-aligned, bold, in the theme's title size and primary colour; body text in its sizes."""
    styles = master.find(qn("p:txStyles"))
    assert styles is not None
    title = styles.find(f"{qn('p:titleStyle')}/{qn('a:lvl1pPr')}")
    if title is not None:
        title.set("algn", "l")
        props = title.find(qn("a:defRPr"))
        if props is not None:
            props.set("sz", str(int(theme.size("title") * 100)))
            props.set("b", "1")
            scheme = props.find(f"{qn('a:solidFill')}/{qn('a:schemeClr')}")
            if scheme is not None:
                scheme.set("val", "tx2")
    body = styles.find(qn("p:bodyStyle"))
    if body is None:
        return
    for level, step in zip(_LEVELS, _BODY_STEPS):
        props = body.find(f"{qn(level)}/{qn('a:defRPr')}")
        if props is not None:
            props.set("sz", str(int(max(theme.size("minimum"), theme.size("body") - step) * 100)))


def _scheme(theme: Theme) -> dict[str, str]:
    """The theme's colours in the slots of an Office colour scheme: text and background, primary, stripes, six series."""
    series = [str(c) for c in theme.get("colour", "series")]
    slots = {
        "dk1": theme.colour("text"),
        "lt1": theme.colour("background"),
        "dk2": theme.colour("primary"),
        "lt2": theme.colour("table_stripe"),
    }
    slots.update({f"accent{i}": series[(i - 1) % len(series)] for i in range(1, 7)})
    # Links are underlined text, as in the PDF: the text's colour, not Office's blue.
    slots.update({"hlink": theme.colour("text"), "folHlink": theme.colour("text")})
    return {slot: colour.lstrip("#").upper() for slot, colour in slots.items()}


def _theme_xml(blob: bytes, theme: Theme) -> bytes:
    """The theme part with kamdoc's colour scheme and the theme's face as heading and body font."""
    root = etree.fromstring(blob)
    root.set("name", "kamdoc")
    elements = root.find(qn("a:themeElements"))
    assert elements is not None
    colours = elements.find(qn("a:clrScheme"))
    fonts = elements.find(qn("a:fontScheme"))
    assert colours is not None and fonts is not None
    colours.set("name", "kamdoc")
    for slot, value in _scheme(theme).items():
        holder = colours.find(qn(f"a:{slot}"))
        if holder is None:
            continue
        for child in list(holder):
            holder.remove(child)
        etree.SubElement(holder, qn("a:srgbClr"), val=value)
    fonts.set("name", "kamdoc")
    face = str(theme.get("font", "face"))
    for kind in ("a:majorFont", "a:minorFont"):
        latin = fonts.find(f"{qn(kind)}/{qn('a:latin')}")
        if latin is not None:
            latin.set("typeface", face)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def scheme_slots(prs: PresentationFile) -> tuple[dict[str, str], str, str]:
    """A master's colour scheme as hex -> the name runs refer to it by (tx1, accent2 …), and its heading and body fonts."""
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    mapped = {"dk1": "tx1", "lt1": "bg1", "dk2": "tx2", "lt2": "bg2"}
    slots: dict[str, str] = {}
    colours = root.find(f"{qn('a:themeElements')}/{qn('a:clrScheme')}")
    for holder in colours if colours is not None else []:
        slot = etree.QName(holder).localname
        if slot in ("hlink", "folHlink"):
            continue  # colours of links, not of text a run may name
        colour = next(iter(holder), None)
        value = (
            None
            if colour is None
            else (colour.get("val") if etree.QName(colour).localname == "srgbClr" else colour.get("lastClr"))
        )
        if value:
            slots.setdefault(value.upper(), mapped.get(slot, slot))
    fonts = root.find(f"{qn('a:themeElements')}/{qn('a:fontScheme')}")
    major = fonts.find(f"{qn('a:majorFont')}/{qn('a:latin')}") if fonts is not None else None
    minor = fonts.find(f"{qn('a:minorFont')}/{qn('a:latin')}") if fonts is not None else None
    return (
        slots,
        (major.get("typeface", "") if major is not None else ""),
        (minor.get("typeface", "") if minor is not None else ""),
    )
