"""Thin neighbouring slides on one: parts of a kind that read together, stacked under their own headings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from kamdoc.outline.deck import Box, Slide, Table, Text
from kamdoc.outline.kit import PlanKit
from kamdoc.outline.layout import paginate_table, split_table, text
from kamdoc.outline.measure import LINE_SPACING
from kamdoc.outline.richtext import Para, Run
from kamdoc.standard.sections import SHARED_SLIDES

GROUPS = SHARED_SLIDES
"""Which agenda entries' slides may share one (the registry declares it beside the sections)."""
NEVER = frozenset({"goal"})
"""Kinds of slides that keep a slide of their own whatever their size: a goal's facts, text and tables."""
PART_GAP = 16.0
"""Points between the parts stacked on one slide."""


def pack(kit: PlanKit, slides: Sequence[Slide]) -> list[Slide]:
    """The slides with runs of thin neighbours of one group put on one slide each, as long as they fit it whole."""
    out: list[Slide] = []
    run: list[Slide] = []
    titled = Counter((s.section, s.title) for s in slides)  # a part over several slides keeps them to itself
    for slide in slides:
        if run and _joins(kit, run, slide, titled):
            run.append(slide)
            continue
        out += _packed(kit, run)
        run = [slide] if _packable(slide, titled) else []
        if not run:
            out.append(slide)
    return _lead_ins(kit, out + _packed(kit, run))


THIN = 0.45
"""A slide of text and tables this full of the body or less takes the first rows of the table after it (with the
room it leaves, and while that table keeps at least as much), instead of standing near empty."""


def _lead_ins(kit: PlanKit, slides: list[Slide]) -> list[Slide]:
    """Each thin slide of a part with the next slide's table beginning under it, where that slide is a table alone of
    the same agenda entry ("Kurzprofil" in a few lines, then the key figures)."""
    titled = Counter((s.section, s.title) for s in slides)
    out: list[Slide] = []
    for slide in slides:
        before = out[-1] if out else None
        if before is not None and _leads_in(kit, before, slide, titled):
            _begin_under(kit, before, slide)
        if slide.elements:
            out.append(slide)
    return out


def _leads_in(kit: PlanKit, before: Slide, slide: Slide, titled: Counter[tuple[str, str]]) -> bool:
    return (
        before.section == slide.section
        and _packable(before, titled)
        and _content_h(before) <= kit.body.h * THIN
        and len(slide.elements) == 1
        and isinstance(slide.elements[0], Table)
        and titled[(slide.section, slide.title)] == 1
    )


def _begin_under(kit: PlanKit, before: Slide, slide: Slide) -> None:
    """The first rows of `slide`'s table moved under `before`'s content, under the table's title as a heading, as many
    as fit while the rest keeps THIN of the body; nothing moved when not even one row may."""
    table = slide.elements[0]
    assert isinstance(table, Table)
    top = max(e.box.bottom for e in before.elements if isinstance(e, (Text, Table))) + PART_GAP
    free = kit.body.bottom - top - _heading_h(kit)
    whole = _in_small_type(kit, table, free)
    if whole is not None:  # all of it, in the small type: one slide instead of two
        first, rest = whole, None
    else:
        parts = split_table(table, min(free, table.box.h - kit.body.h * THIN + table.row_heights[0]))
        if parts is None:
            return
        first, rest = parts
    head = Box(kit.body.x, top, kit.body.w, _heading_h(kit))
    before.elements.append(text(head, [Para((Run(slide.title, bold=True),))], kit.sizes[1], colour="primary"))
    before.elements.append(replace(first, box=replace(first.box, y=head.bottom)))
    slide.elements = [rest] if rest is not None else []
    before.notes += [] if rest is not None else slide.notes


def _in_small_type(kit: PlanKit, table: Table, room: float) -> Table | None:
    """The table set again in the small type, when it fits `room` points whole that way."""
    box = Box(kit.body.x, kit.body.y, kit.body.w, room)
    small = kit.theme.size("small")
    pieces = paginate_table(
        kit.fonts, table.header, table.rows, table.align, box, small, table.bold_last_row, table.bold_first_column
    )
    if len(pieces) != 1 or pieces[0].box.h > room:
        return None
    return replace(pieces[0], fills=table.fills)


def _packable(slide: Slide, titled: Counter[tuple[str, str]]) -> bool:
    """Text and tables only, of an entry that may share, and not one of several slides under one title."""
    return (
        slide.section in GROUPS
        and slide.kind not in NEVER
        and bool(slide.elements)
        and all(isinstance(e, (Text, Table)) for e in slide.elements)
        and titled[(slide.section, slide.title)] == 1
    )


def _joins(kit: PlanKit, run: list[Slide], slide: Slide, titled: Counter[tuple[str, str]]) -> bool:
    """Whether `slide` can go on the slide the run makes: same group, and all of them fit the body whole."""
    if not (_packable(slide, titled) and GROUPS[slide.section] == GROUPS[run[0].section]):
        return False
    return _height(kit, [*run, slide]) <= kit.body.h


def _height(kit: PlanKit, parts: list[Slide]) -> float:
    """The room the parts take stacked, each under its heading, PART_GAP apart."""
    return sum(_heading_h(kit) + _content_h(s) for s in parts) + PART_GAP * (len(parts) - 1)


def _heading_h(kit: PlanKit) -> float:
    return kit.sizes[1] * LINE_SPACING + 4.0


def _content_h(slide: Slide) -> float:
    boxes = [e.box for e in slide.elements if isinstance(e, (Text, Table))]
    return max(b.bottom for b in boxes) - min(b.y for b in boxes)


def _packed(kit: PlanKit, run: list[Slide]) -> list[Slide]:
    """The run's slides as one (a run of one stays as it is)."""
    if len(run) < 2:
        return run
    first = run[0]
    sections = list(dict.fromkeys(s.section for s in run))
    title = kit.entry_title_of(first.section) if len(sections) == 1 else kit.w(GROUPS[first.section])
    slide = Slide(first.kind, title, section=first.section, also=tuple(sections[1:]))
    slide.bookmark = first.bookmark
    y = kit.body.y
    for part in run:
        head = Box(kit.body.x, y, kit.body.w, 0.0 if part.title == title else _heading_h(kit))
        if head.h:  # a part named as the slide is needs no heading of its own
            slide.elements.append(text(head, [Para((Run(part.title, bold=True),))], kit.sizes[1], colour="primary"))
        top = min(e.box.y for e in part.elements if isinstance(e, (Text, Table)))
        shift = head.bottom - top
        slide.elements += [
            replace(e, box=replace(e.box, y=e.box.y + shift)) for e in part.elements if isinstance(e, (Text, Table))
        ]  # all of them: a part holds text and tables only
        slide.notes += part.notes
        y = head.bottom + _content_h(part) + PART_GAP
    return [slide]
