"""The power map's slides: the organisation chart(s) of the key people, then the table of their ties."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from kamdoc.outline.deck import Box
from kamdoc.outline.kit import PlanKit
from kamdoc.outline.layout import INSET, paginate_table, text
from kamdoc.outline.measure import LINE_SPACING

if TYPE_CHECKING:
    from kamdoc.outline.power_map import PowerMapSlide


def power_map(kit: PlanKit) -> None:
    from kamdoc.outline.power_map import power_map_slides

    pm = kit.plan.power_map
    if not pm.people:
        return
    title = kit.customer_word("power_map") or kit.w("power_map")
    slides, ties = power_map_slides(
        pm.people, pm.links, kit.body, kit.fonts, kit.lang, title, kit.customer, _coverage(kit)
    )
    header = [kit.w("from_person"), kit.w("tie"), kit.w("to_person"), kit.w("shown_on")]
    header = header[: len(ties[0])] if ties else header  # where: only over several slides
    beside = _beside(kit, title, header, ties) if len(slides) == 1 and ties else None
    if beside is not None:  # a small map and its ties on one slide: either alone would stand near empty
        slides, ties = beside
    said = _message(kit)
    for n, made in enumerate(slides):
        # The first slide says what the map shows, and an overview that it is one.
        first = " – ".join(x for x in (said, kit.w("power_map_overview") if made.overview else "") if x)
        shown = f"{title}: {first}" if n == 0 and first else title
        slide = kit.new("power_map", shown, "power_map")
        slide.elements += made.elements
        slide.notes += made.notes  # our notes on the people: for the speaker, not the slide
    kit.table("power_map_ties", kit.w("ties"), "power_map", header, ties, None)


TIES_SHARE, TIES_GAP = 0.4, 16.0
"""The share of the body's width the ties take beside a small map, and the points between the two."""


def _beside(
    kit: PlanKit, title: str, header: list[str], ties: list[list[str]]
) -> tuple[list[PowerMapSlide], list[list[str]]] | None:
    """The map laid out in the body's left part with the table of its ties on the right, when the map still fits
    one slide there and the table one piece beside it; else None."""
    from kamdoc.outline.power_map import power_map_slides

    pm = kit.plan.power_map
    width = kit.body.w * TIES_SHARE
    left = Box(kit.body.x, kit.body.y, kit.body.w - width - TIES_GAP, kit.body.h)
    slides, _ = power_map_slides(pm.people, pm.links, left, kit.fonts, kit.lang, title, kit.customer, _coverage(kit))
    right = Box(left.right + TIES_GAP, kit.body.y, width, kit.body.h)
    heading = text(right, [kit.heading(kit.w("ties"))], kit.sizes[-1], colour="primary")
    heading = replace(heading, box=replace(heading.box, h=kit.sizes[-1] * LINE_SPACING + 2 * INSET))
    room = Box(right.x, heading.box.bottom, right.w, right.bottom - heading.box.bottom)
    rows = [tuple(r) for r in ties]
    tables = paginate_table(kit.fonts, tuple(header), rows, ("left",) * len(header), room, kit.theme.size("small"))
    if len(slides) != 1 or len(tables) != 1 or tables[0].box.bottom > room.bottom:
        return None
    slides[0].elements += [heading, tables[0]]
    return slides, []


def _coverage(kit: PlanKit) -> str:
    """Our copy's relationship coverage for the legend ("Abdeckung 78 %"); nothing in the customer's copy."""
    c = kit.coverage
    if c is None or not c.key_people:
        return ""
    return kit.w("coverage_legend").format(percent=c.percent)


def _message(kit: PlanKit) -> str:
    """What the map says at a glance, from the attitudes the plan gives ("11 von 24 Personen positiv, 2 gegen uns");
    nothing where no one's attitude is known (the customer's copy has none)."""
    people = kit.plan.power_map.people
    if not any(p.attitude for p in people):
        return ""
    friends = sum(1 for p in people if p.attitude in ("positive", "mentor"))
    against = sum(1 for p in people if p.attitude in ("negative", "enemy"))
    said = kit.w("people_for").format(n=friends, m=len(people))
    return f"{said}, {kit.w('people_against').format(k=against) if against else kit.w('nobody_against')}"


SLIDES: dict[str, Callable[[PlanKit], None]] = {"power_map": power_map}
"""The agenda entries this module draws, by key."""
