"""The power map's slides: the organisation chart(s) of the key people, then the table of their ties."""

from __future__ import annotations

from collections.abc import Callable

from kamdoc.outline.kit import PlanKit


def power_map(kit: PlanKit) -> None:
    from kamdoc.outline.power_map import power_map_slides

    pm = kit.plan.power_map
    if not pm.people:
        return
    title = kit.customer_word("power_map") or kit.w("power_map")
    slides, ties = power_map_slides(pm.people, pm.links, kit.body, kit.fonts, kit.lang, title, kit.customer)
    said = _message(kit)
    for n, made in enumerate(slides):
        # The first slide says what the map shows, and an overview that it is one.
        first = " – ".join(x for x in (said, kit.w("power_map_overview") if made.overview else "") if x)
        shown = f"{title}: {first}" if n == 0 and first else title
        slide = kit.new("power_map", shown, "power_map")
        slide.elements += made.elements
        slide.notes += made.notes  # our notes on the people: for the speaker, not the slide
    header = [
        kit.w("from_person"),
        kit.w("tie"),
        kit.w("to_person"),
        kit.w("shown_on"),
    ]  # where: only over several slides
    kit.table(
        "power_map_ties",
        kit.w("ties"),
        "power_map",
        header[: len(ties[0])] if ties else header,
        ties,
        None,
    )


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
