"""Our top five goals: one table of all of them, then a slide per goal with its facts, text, milestones and actions."""

from __future__ import annotations

from collections.abc import Callable

from kamdoc.outline.deck import Box, Shape, Table, Text
from kamdoc.outline.kit import PlanKit
from kamdoc.outline.layout import INSET, fit_size, paginate_table, text
from kamdoc.outline.measure import LINE_SPACING
from kamdoc.outline.richtext import Para, Run
from kamdoc.outline.words import day, term
from kamdoc.standard.model import Goal, Milestone

GOAL_TEXT_SHARE, GOAL_GAP = 0.42, 16.0
TILE_PAD = 6.0
"""Points between a goal's fact tile and its text (a point less is drawn: PowerPoint's own wrap never needs a line more)."""
"""A goal slide's text (strategy, resources) takes this share of the width; this many points before its tables."""


def goals(kit: PlanKit) -> None:
    both = any(g.baseline is not None for g in kit.plan.goals)
    rows = [[g.goal, g.metric, _target(kit, g, both), day(g.deadline, kit.lang), g.owner or ""] for g in kit.plan.goals]
    # The customer's copy holds only the goals agreed with them, without baselines: its title and column say so.
    title = kit.entry_title_of("goals")
    column = kit.w("baseline_target" if both else "target")
    kit.table(
        "goals",
        title,
        "goals",
        [kit.w("goal"), kit.w("metric"), column, kit.w("deadline"), kit.w("owner")],
        rows,
        ["left", "left", "left", "right", "left"],
    )
    for i, g in enumerate(kit.plan.goals):
        goal(kit, i, g)


def _target(kit: PlanKit, g: Goal, both: bool) -> str:
    """From where to where; a goal without a baseline among goals with one says "Ziel: 50 %", not "50 %" alone."""
    if g.baseline is not None:
        return f"{g.baseline} → {g.target}"
    return kit.w("target_only").format(target=g.target) if both else str(g.target)


TableParts = tuple[list[str], list[list[str]], tuple[str, ...]]
"""A table's header, rows and alignment."""


def goal_title(kit: PlanKit, n: int, g: Goal) -> str:
    """A goal slide's title at the title size on one line: the plan's own, else where the metric goes by when
    ("Ziel 1: 34 % → 50 % bis 31.12.2028"), else the goal itself, else the goal's number and deadline."""
    room = kit.width - 2 * kit.margin - 2 * INSET
    size = kit.theme.size("title")
    head = f"{kit.w('goal')} {n}"
    target = str(g.target) if g.baseline is None else f"{g.baseline} → {g.target}"
    by = kit.w("by_date").format(date=day(g.deadline, kit.lang))
    shown = [f"{head}: {g.title}"] if g.title else []
    shown += [f"{head}: {target} {by}", f"{head}: {g.goal}"]
    return next((t for t in shown if kit.fonts.bold.width(t, size) <= room), f"{head} {by}")


def goal(kit: PlanKit, i: int, g: Goal) -> None:
    """A goal on one slide: the goal in full under its title, its facts, strategy and resources on the left,
    milestones and actions on the right; where that is too much, the actions on a second slide."""
    title = goal_title(kit, i + 1, g)
    paras: list[Para] = []
    for key in ("strategy", "resources"):
        value = getattr(g, key)
        if value:
            paras += [kit.heading(kit.w(key)), *kit.prose(value)]
    parts = _goal_tables(kit, g)
    if not (paras or any(rows for _, rows, _ in parts)):
        return
    # Within the word budget, so that text and milestones share a slide and the actions take the second.
    named = f"{kit.w('goal')} {i + 1}"
    paras = [p for p in kit.budgeted(f"appendix_goal_{i + 1}", named, paras) if isinstance(p, Para)]
    if _on_one_slide(kit, title, g, paras, parts):
        return
    milestones, (header, rows, align) = parts
    if _on_one_slide(kit, title, g, paras, [milestones]):
        kit.table("goal", title, "goals", header, rows, list(align))
        return
    # Too much for two slides: text and each table on slides of their own.
    kit.flow("goal", title, "goals", paras)
    for header, rows, align in parts:
        kit.table("goal", title, "goals", header, rows, list(align))


def _on_one_slide(kit: PlanKit, title: str, g: Goal, paras: list[Para], parts: list[TableParts]) -> bool:
    """The goal's slide with `parts` beside its text, made if they all fit one slide."""
    said = [] if title.endswith(g.goal) else [subtitle(kit, g.goal)]  # the goal in full, where the title has not
    facts = goal_facts(kit, g, said[0].box.bottom + GOAL_GAP / 2 if said else kit.body.y)
    top = (facts[0].box.bottom if facts else kit.body.y) + GOAL_GAP
    left = Box(kit.body.x, top, kit.body.w * GOAL_TEXT_SHARE, kit.body.bottom - top)
    right = Box(left.right + GOAL_GAP, top, kit.body.w - left.w - GOAL_GAP, kit.body.bottom - top)
    size_text = fit_size(kit.fonts, paras, left, (*kit.sizes, kit.minimum)) if paras else kit.theme.size("small")
    tables = _stacked(kit, parts, right if paras else Box(kit.body.x, top, kit.body.w, right.h))  # no text: all width
    if not (size_text and all(len(t) == 1 for t in tables) and (not paras or left.h > 0)):
        return False
    slide = kit.new("goal", title, "goals")
    slide.elements += [*said, *facts]
    if paras:
        below = Box(kit.body.x, top, kit.body.w, kit.body.bottom - top)
        size = size_text if tables else (fit_size(kit.fonts, paras, below, kit.sizes) or size_text)
        slide.elements.append(text(left if tables else below, paras, size))
    slide.elements += [t[0] for t in tables]
    return True


def _goal_tables(kit: PlanKit, g: Goal) -> list[TableParts]:
    """A goal's milestones and its actions, each as a table's header, rows and alignment."""
    milestones = [[day(m.date, kit.lang) if m.date else "", _milestone(kit, m)] for m in g.milestones]
    actions = [
        [a.action, a.owner or "", day(a.due, kit.lang) if a.due else "", term("action_status", a.status, kit.lang)]
        for a in g.actions
    ]
    return [
        ([kit.w("date"), kit.w("milestones")], milestones, ("right", "left")),
        ([kit.w("actions"), kit.w("owner"), kit.w("due"), kit.w("status")], actions, ("left", "left", "right", "left")),
    ]


def _milestone(kit: PlanKit, m: Milestone) -> str:
    """A milestone's words, with the day it was reached once it was: the table shows what is done and what ahead."""
    return f"{m.milestone} ({kit.w('reached_on')} {day(m.reached, kit.lang)})" if m.reached else m.milestone


def _stacked(kit: PlanKit, parts: list[TableParts], box: Box) -> list[list[Table]]:
    """The tables with rows, one under the other in `box`, each split into the pieces it needs."""
    tables = []
    y = box.y
    for header, rows, align in parts:
        if not rows:
            continue
        room = Box(box.x, y, box.w, box.bottom - y)
        pieces = paginate_table(
            kit.fonts, tuple(header), [tuple(r) for r in rows], align, room, kit.theme.size("small")
        )
        tables.append(pieces)
        y = pieces[-1].box.bottom + GOAL_GAP
    return tables


def subtitle(kit: PlanKit, said: str) -> Text:
    """A line or two under the title at the subtitle size, in the muted colour: what the title stands for in full."""
    size = kit.theme.size("subtitle")
    paras = [Para((Run(said),))]
    size = (
        fit_size(
            kit.fonts,
            paras,
            Box(kit.body.x, kit.body.y, kit.body.w, SUBTITLE_LINES * size * LINE_SPACING + 2 * INSET),
            (size, *kit.sizes),
        )
        or kit.minimum
    )
    high = kit.fonts.text_height(paras, size, kit.body.w)
    # Not body text: the goals' slides share one body size, and the subtitle keeps its own.
    return text(Box(kit.body.x, kit.body.y, kit.body.w, high), paras, size, colour="muted", role="caption")


SUBTITLE_LINES = 2
"""A subtitle takes at most this many lines (at a smaller size where it needs to)."""


def goal_facts(kit: PlanKit, g: Goal, top: float) -> list[Shape]:
    """Tiles across the top of a goal's slide: what is measured, from where to where, by when, and who owns it."""
    target = str(g.target) if g.baseline is None else f"{g.baseline} → {g.target}"
    facts = [
        (kit.w("metric"), g.metric),
        (kit.w("target" if g.baseline is None else "baseline_target"), target),
        (kit.w("deadline"), day(g.deadline, kit.lang)),
    ]
    if g.owner:
        facts.append((kit.w("owner"), g.owner))
    gap, size = GOAL_GAP / 2, kit.theme.size("small")
    width = (kit.body.w - gap * (len(facts) - 1)) / len(facts)
    inner = width - 2 * TILE_PAD
    shown = [
        (kit.fonts.regular.wrap(label, size, inner), kit.fonts.bold.wrap(value, size, inner)) for label, value in facts
    ]
    lines = max(len(label) + len(value) for label, value in shown)  # every tile as high as the fullest
    height = lines * size * LINE_SPACING + 2 * TILE_PAD
    tiles: list[Shape] = []
    for k, ((label, value), (name, whole)) in enumerate(zip(shown, facts)):
        box = Box(kit.body.x + k * (width + gap), top, width, height)
        measured = (Para((Run("\n".join(label)),)), Para((Run("\n".join(value), bold=True),)))
        tiles.append(
            Shape(
                box,
                measured,
                size,
                "table_stripe",
                "table_stripe",
                0.0,
                rounded=False,
                padding=(TILE_PAD - 1, TILE_PAD - 1),
                whole=(Para((Run(name),)), Para((Run(whole, bold=True),))),
            )
        )
    return tiles


SLIDES: dict[str, Callable[[PlanKit], None]] = {"goals": goals}
"""The agenda entries this module draws, by key."""
