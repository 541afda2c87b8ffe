"""The power map tells no lies: read back from the written PPTX and PDF, every line joins its two boxes, passes through or
along no other box, and no text lies over other text.

The PPTX is read as PowerPoint draws it: each connector's preset path in its frame, flipped and turned (an implementation
of DrawingML's connector presets of this test's own, not kamdoc's); the PDF as pdfplumber reads its drawn paths.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from conftest import DATA, PLANS, TODAY, kamdoc
from lxml import etree
from pptx import Presentation

MARGIN = 2.0
"""No segment of a line comes nearer than this to a box it does not join (the issue's margin)."""
SLACK = 0.15
"""Points of rounding (EMUs, the PDF's two decimals) forgiven."""
CHECKED = {
    "brenner-werke": PLANS / "brenner-werke",
    "halvorsen-logistics": PLANS / "halvorsen-logistics",
    "stress": DATA / "stress",
    "org-24": DATA / "power-map" / "org-24",
    "org-60": DATA / "power-map" / "org-60",
    "org-150": DATA / "power-map" / "org-150",
}
NS = {
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}
EMU = 12700.0
MAP_TITLES = ("Power-Map", "Power map", "Organisation")
LANE_GAP = 3.9
"""Two lines nearer than this side by side read as one (the router's LANE_GAP, stated again: the test checks the deck)."""

Box = tuple[float, float, float, float]  # left, top, right, bottom in points
Point = tuple[float, float]


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Each checked plan's PPTX and PDF, rendered once."""
    root = tmp_path_factory.mktemp("power-maps")
    (root / ".git").mkdir()
    for name, folder in CHECKED.items():
        shutil.copytree(folder, root / "plans" / name)
    run = kamdoc("render", root / "plans", "--to", "pptx,pdf", "--out", root / "out", "--today", TODAY)
    assert run.code == 0, run.err
    return {name: (root / "out" / f"{name}.pptx", root / "out" / f"{name}.pdf") for name in CHECKED}


# --- DrawingML's connectors, as PowerPoint draws them -----------------------------------------------------------------


def _preset_corners(preset: str, w: float, h: float, adj: list[float]) -> list[Point]:
    """The corners of a connector preset in its own frame (ECMA-376 presetShapeDefinitions: straight, bentConnector2 … 5)."""
    if preset == "straightConnector1" or preset == "line":
        return [(0, 0), (w, h)]
    if preset == "bentConnector2":
        return [(0, 0), (w, 0), (w, h)]
    a = adj + [50000.0] * (3 - len(adj))  # the presets' defaults
    x1, y2, x3 = w * a[0] / 100000, h * a[1] / 100000, w * a[2] / 100000
    if preset == "bentConnector3":
        return [(0, 0), (x1, 0), (x1, h), (w, h)]
    if preset == "bentConnector4":
        return [(0, 0), (x1, 0), (x1, y2), (w, y2), (w, h)]
    if preset == "bentConnector5":
        return [(0, 0), (x1, 0), (x1, y2), (x3, y2), (x3, h), (w, h)]
    raise AssertionError(f"a connector of an unknown shape: {preset}")


def _connector_path(cxn: Any) -> list[Point]:
    """A p:cxnSp's corners on the slide, in points: its preset flipped in its frame, then turned about the frame's centre."""
    xfrm = cxn.find("p:spPr/a:xfrm", NS)
    off, ext = xfrm.find("a:off", NS), xfrm.find("a:ext", NS)
    left, top, w, h = (
        int(off.get("x")) / EMU,
        int(off.get("y")) / EMU,
        int(ext.get("cx")) / EMU,
        int(ext.get("cy")) / EMU,
    )
    geometry = cxn.find("p:spPr/a:prstGeom", NS)
    adj = [float(gd.get("fmla").split()[1]) for gd in geometry.findall("a:avLst/a:gd", NS)]
    rot = int(xfrm.get("rot", "0")) / 60000
    flip_h, flip_v = xfrm.get("flipH") == "1", xfrm.get("flipV") == "1"
    assert rot in (0, 90, 180, 270), rot
    out = []
    for x, y in _preset_corners(geometry.get("prst"), w, h, adj):
        x, y = (w - x if flip_h else x), (h - y if flip_v else y)
        dx, dy = x - w / 2, y - h / 2
        for _ in range(int(rot // 90)):
            dx, dy = -dy, dx
        out.append((left + w / 2 + dx, top + h / 2 + dy))
    return out


def _sites(sp: Any, box: Box) -> list[Point]:
    """A shape's connection sites on the slide, as PowerPoint reads them: its custom geometry's own, else a rectangle's four
    (the middles of its top, left, bottom and right)."""
    left, top, right, bottom = box
    declared = sp.findall("p:spPr/a:custGeom/a:cxnLst/a:cxn/a:pos", NS)
    if declared:
        return [(left + int(pos.get("x")) / EMU, top + int(pos.get("y")) / EMU) for pos in declared]
    return [
        ((left + right) / 2, top),
        (left, (top + bottom) / 2),
        ((left + right) / 2, bottom),
        (right, (top + bottom) / 2),
    ]


def _crosses(a: Point, b: Point, box: Box, margin: float) -> bool:
    """Whether the segment a–b comes within `margin` of the box (less the rounding forgiven)."""
    grow = margin - SLACK
    left, top, right, bottom = box[0] - grow, box[1] - grow, box[2] + grow, box[3] + grow
    lo_x, hi_x, lo_y, hi_y = min(a[0], b[0]), max(a[0], b[0]), min(a[1], b[1]), max(a[1], b[1])
    return lo_x < right and hi_x > left and lo_y < bottom and hi_y > top


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] - SLACK and b[0] < a[2] - SLACK and a[1] < b[3] - SLACK and b[1] < a[3] - SLACK


def _pptx_maps(path: Path) -> list[tuple[str, dict[int, tuple[Box, str]], list[Any], dict[int, list[Point]]]]:
    """Each power-map slide of a deck: its title, its shapes (id -> box, text), its connectors and its shapes' sites."""
    found = []
    for number, slide in enumerate(Presentation(str(path)).slides, 1):
        title = slide.shapes.title.text if slide.shapes.title is not None else ""
        if not title.startswith(MAP_TITLES):
            continue
        tree = etree.fromstring(etree.tostring(slide.shapes._spTree))  # noqa: SLF001 - the slide's XML as written
        shapes, sites = {}, {}
        for sp in tree.iter(f"{{{NS['p']}}}sp"):
            off, ext = sp.find("p:spPr/a:xfrm/a:off", NS), sp.find("p:spPr/a:xfrm/a:ext", NS)
            if off is None or ext is None:
                continue  # a placeholder placed by its layout: the title, read from python-pptx below
            x, y = int(off.get("x")) / EMU, int(off.get("y")) / EMU
            box = (x, y, x + int(ext.get("cx")) / EMU, y + int(ext.get("cy")) / EMU)
            text = "".join(t.text or "" for t in sp.iter(f"{{{NS['a']}}}t"))
            shapes[int(sp.find("p:nvSpPr/p:cNvPr", NS).get("id"))] = (box, text)
            sites[int(sp.find("p:nvSpPr/p:cNvPr", NS).get("id"))] = _sites(sp, box)
        for shape in slide.placeholders:
            shapes.setdefault(
                shape.shape_id,
                (
                    (
                        shape.left / EMU,
                        shape.top / EMU,
                        (shape.left + shape.width) / EMU,
                        (shape.top + shape.height) / EMU,
                    ),
                    shape.text_frame.text if shape.has_text_frame else "",
                ),
            )
        found.append((f"slide {number} {title}", shapes, list(tree.iter(f"{{{NS['p']}}}cxnSp")), sites))
    return found


@pytest.mark.parametrize("name", CHECKED)
def test_every_pptx_line_is_glued_to_its_two_boxes_and_passes_no_other(
    decks: dict[str, tuple[Path, Path]], name: str
) -> None:
    problems = []
    maps = _pptx_maps(decks[name][0])
    assert maps, "no power-map slide"
    for where, shapes, connectors, sites in maps:
        for cxn in connectors:
            start, end = (
                cxn.find("p:nvCxnSpPr/p:cNvCxnSpPr/a:stCxn", NS),
                cxn.find("p:nvCxnSpPr/p:cNvCxnSpPr/a:endCxn", NS),
            )
            if start is None or end is None:
                problems.append(f"{where}: a line glued to no box at one end")
                continue
            ends = {int(start.get("id")), int(end.get("id"))}
            path = _connector_path(cxn)
            for glue, point in ((start, path[0]), (end, path[-1])):
                site = sites[int(glue.get("id"))][int(glue.get("idx"))]
                if abs(site[0] - point[0]) > 0.6 or abs(site[1] - point[1]) > 0.6:
                    problems.append(
                        f"{where}: a line ends at {point}, not at its box's site {site} ({shapes[int(glue.get('id'))][1][:30]})"
                    )
            for a, b in zip(path, path[1:]):
                for key, (box, text) in shapes.items():
                    if key not in ends and _crosses(a, b, box, MARGIN):
                        joined = " → ".join(shapes[k][1][:20] for k in (int(start.get("id")), int(end.get("id"))))
                        problems.append(f"{where}: the line {joined} passes {text[:30]!r}")
    assert not problems, "\n".join(problems[:12])


def _legs(path: list[Point]) -> list[tuple[int, float, float, float]]:
    """A path's straight legs as (axis, where across, from, to along): axis 0 runs across the slide, 1 down it."""
    return [
        (0, a[1], min(a[0], b[0]), max(a[0], b[0]))
        if abs(a[1] - b[1]) < SLACK
        else (1, a[0], min(a[1], b[1]), max(a[1], b[1]))
        for a, b in zip(path, path[1:])
    ]


def _tie(cxn: Any) -> bool:
    """A tie (dashed) as opposed to a reporting line, and not the white halo drawn under a line."""
    dash = cxn.find("p:spPr/a:ln/a:prstDash", NS)
    return dash is not None and dash.get("val") == "dash"


@pytest.mark.parametrize("name", CHECKED)
def test_every_tie_keeps_its_own_lane_and_its_own_ends(decks: dict[str, tuple[Path, Path]], name: str) -> None:
    # Two lines side by side nearer than LANE_GAP, or one going on where another stops, read as one line; two ends in one
    # point read as the lines joining there: either way a tie seems to link the wrong people.
    problems = []
    for where, shapes, connectors, _ in _pptx_maps(decks[name][0]):
        paths = [
            (_tie(cxn), _connector_path(cxn), cxn)
            for cxn in connectors
            if _tie(cxn) or cxn.find("p:spPr/a:ln/a:solidFill/a:srgbClr", NS).get("val") != "FFFFFF"
        ]
        for i, (tie, path, cxn) in enumerate(paths):
            for other_tie, other, _ in paths[:i] + paths[i + 1 :] if tie else ():
                if {path[0], path[-1]} & {other[0], other[-1]}:
                    problems.append(
                        f"{where}: a tie ends where another line ends, at {path[0] if path[0] in (other[0], other[-1]) else path[-1]}"
                    )
                for a in _legs(path):
                    for b in _legs(other):
                        if (
                            a[0] == b[0]
                            and abs(a[1] - b[1]) < LANE_GAP - SLACK
                            and a[2] < b[3] + LANE_GAP - SLACK
                            and b[2] < a[3] + LANE_GAP - SLACK
                        ):
                            kind = "tie" if other_tie else "reporting line"
                            problems.append(f"{where}: a tie runs beside a {kind} ({a} and {b})")
    assert not problems, "\n".join(problems[:12])


@pytest.mark.parametrize("name", CHECKED)
def test_no_pptx_shape_lies_over_another(decks: dict[str, tuple[Path, Path]], name: str) -> None:
    problems = []
    for where, shapes, _, _ in _pptx_maps(decks[name][0]):
        items = sorted(shapes.values())
        for i, (box, text) in enumerate(items):
            for other, other_text in items[i + 1 :]:
                if other[0] >= box[2]:
                    break  # sorted by their left edges: none further on reaches back
                if _overlap(box, other):
                    problems.append(f"{where}: {text[:30]!r} overlaps {other_text[:30]!r}")
    assert not problems, "\n".join(problems[:12])


def _white(colour: Any) -> bool:
    return colour is not None and len(colour) >= 3 and all(abs(c - 1) < 0.01 for c in colour[:3])


@pytest.mark.parametrize("name", CHECKED)
def test_every_pdf_line_passes_no_box_or_text_but_its_own_two(decks: dict[str, tuple[Path, Path]], name: str) -> None:
    problems = []
    with pdfplumber.open(decks[name][1]) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            text = page.extract_text() or ""
            if not text.startswith(MAP_TITLES):
                continue
            # The people's boxes: filled, wider than a legend's swatch, narrower than the slide's own background.
            filled = [
                (o["x0"], o["top"], o["x1"], o["bottom"])
                for o in (*page.rects, *page.curves)
                if o.get("fill") and 20 < o["x1"] - o["x0"] < 0.8 * page.width
            ]
            strokes = [
                o
                for o in (*page.curves, *page.lines)
                if o.get("stroke") and not o.get("fill") and not _white(o.get("stroking_color"))
            ]
            glyphs = [(c["x0"], c["top"], c["x1"], c["bottom"]) for c in page.chars if c["text"].strip()]
            for line in strokes:
                path = [(x, y) for x, y in line["pts"]]
                ends = [b for b in filled if any(_on_edge(p, b) for p in (path[0], path[-1]))]
                for a, b in zip(path, path[1:]):
                    for box in filled:
                        if box not in ends and _crosses(a, b, box, MARGIN):
                            problems.append(
                                f"page {number}: a line from {path[0]} to {path[-1]} passes the box at {box[:2]}"
                            )
                    for glyph in glyphs:
                        if _crosses(a, b, glyph, 0.0):
                            problems.append(
                                f"page {number}: a line from {path[0]} to {path[-1]} runs over text at {glyph[:2]}"
                            )
    assert not problems, "\n".join(sorted(set(problems))[:12])


FRAME = 3.5
"""The widest frame a box has (3 pt for high influence): a line ends on the frame, up to this far outside the box's fill."""


def _on_edge(p: Point, box: Box) -> bool:
    """Whether a line's end lies on the box's edge (its frame drawn around the fill)."""
    left, top, right, bottom = box
    inside_x, inside_y = left - FRAME <= p[0] <= right + FRAME, top - FRAME <= p[1] <= bottom + FRAME
    near = lambda a, b: abs(a - b) <= FRAME  # noqa: E731
    return (inside_x and (near(p[1], top) or near(p[1], bottom))) or (
        inside_y and (near(p[0], left) or near(p[0], right))
    )


def _plan_people(name: str) -> list[str]:
    from datetime import date

    from kamdoc.validate.plan import validate_file

    result = validate_file(CHECKED[name] / "plan.yaml", date.fromisoformat(TODAY))
    assert result.plan is not None
    return [p.name for p in result.plan.power_map.people]


def _people_on(slide: Any, names: set[str]) -> list[str]:
    """The people whose boxes a PowerPoint slide shows: each box's first line, up to the overview's "→ S. 12"."""
    shown = []
    for shape in slide.shapes:
        if shape.has_text_frame and shape.text_frame.text:
            first = shape.text_frame.paragraphs[0].text.split(" →")[0].split("\xa0→")[0].strip()
            if first in names:
                shown.append(first)
    return shown


def _map_slides(path: Path) -> list[Any]:
    return [
        s
        for s in Presentation(str(path)).slides
        if s.shapes.title is not None and s.shapes.title.text.startswith(MAP_TITLES)
    ]


@pytest.mark.parametrize(
    ("name", "most"), [("stress", 6), ("org-60", 6), ("org-24", 3), ("brenner-werke", 2), ("halvorsen-logistics", 1)]
)
def test_a_map_takes_few_slides_and_opens_with_an_overview(
    decks: dict[str, tuple[Path, Path]], name: str, most: int
) -> None:
    slides = _map_slides(decks[name][0])
    assert 1 <= len(slides) <= most
    overview = [s for s in slides if s.shapes.title.text.endswith(("Übersicht", "overview"))]
    assert overview == (
        slides[:1] if len(slides) > 1 else []
    )  # over several slides, the first is the overview, and only it


@pytest.mark.parametrize("name", CHECKED)
def test_everyone_is_shown_and_no_one_twice_on_a_slide(decks: dict[str, tuple[Path, Path]], name: str) -> None:
    people = _plan_people(name)
    names = set(people)
    seen: set[str] = set()
    for number, slide in enumerate(_map_slides(decks[name][0]), 1):
        here = _people_on(slide, names)
        assert len(here) == len(set(here)), (number, sorted(p for p in here if here.count(p) > 1))
        seen.update(here)
    assert seen == names, sorted(names - seen)


@pytest.mark.parametrize("name", CHECKED)
def test_no_box_is_cut_short_and_no_name_is_hyphenated_in_the_pdf(
    decks: dict[str, tuple[Path, Path]], name: str
) -> None:
    import re

    for slide in _map_slides(decks[name][0]):
        assert not any("…" in shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
    words: set[str] = set()
    with pdfplumber.open(decks[name][1]) as pdf:
        for page in pdf.pages:
            if (page.extract_text() or "").startswith(MAP_TITLES):
                words.update(w["text"] for w in page.extract_words())
    for person in _plan_people(name):  # each part of a name whole: broken only at a space or after its own hyphen
        for part in (p for token in person.split() for p in re.split(r"(?<=-)", token) if p):
            assert any(part in word for word in words), (person, part)
