"""The account on a page, after the cover of our own copy: revenue, the sections' figures, the key people, the goals
and how they stand, the worst risks, the notice dates to come and what the goals need, computed from the plan."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import NamedTuple

from kamdoc.analyse.health import Health
from kamdoc.analyse.standing import goal_standing
from kamdoc.outline.budget import words
from kamdoc.outline.deck import Box, Element, Shape
from kamdoc.outline.kit import PlanKit
from kamdoc.outline.layout import text
from kamdoc.outline.measure import LINE_SPACING
from kamdoc.outline.richtext import Para, Run
from kamdoc.outline.sections.risks import ranked_risks
from kamdoc.outline.words import dated, day, number, percent, term
from kamdoc.standard.coverage import key_people
from kamdoc.standard.model import Risk
from kamdoc.standard.sections import SECTIONS

TILE_PAD, GAP, HAIR = 8.0, 12.0, 0.02
"""Room inside the figures' tiles; points between tiles, columns and blocks; between a tile's parts."""
LEFT_SHARE = 0.55
"""The goals take this share of the width under the tiles; risks and notice dates the rest."""
TOP_RISKS, NOTICE_DAYS, TOP_REASONS = 3, 365, 3
"""The summary names the worst open risks, the notice dates of the coming year and the worst reasons of its health."""
SUMMARY_WORDS, SHORT_TARGET = 180, 32
"""The most words the summary holds (what the goals need says each goal's own words only within it), and the
longest target it repeats (one told in a sentence stays on the goal's slide)."""
STATUS_FILL = {"overdue": "status.red", "behind": "status.amber", "on_track": "status.green"}
"""A goal's square by how it stands at the plan's version."""


class Tile(NamedTuple):
    """A figure across the summary's top: what it is, the figure, what it is over, and a status colour to mark it."""

    label: str
    value: str
    under: str
    mark: str = ""


def summary(kit: PlanKit, health: Health | None) -> None:
    """One slide: the figures as tiles across the top, the goals beneath on the left, the plan's health, risks and
    notice dates on the right, and what the goals need across the foot; each block only where the plan has something
    to say. `health` is the plan's as of its version (None: none shown)."""
    plan = kit.plan
    if kit.customer or (plan.deck is not None and not plan.deck.summary):
        return
    tiles = [t for t in (_revenue(kit), *_figures(kit), _people(kit), _health(kit, health)) if t]
    left = _goals(kit)
    right = _reasons(kit, health) + _risks(kit) + _notices(kit)
    foot = _needs(kit, SUMMARY_WORDS - words([*left, *right]))
    if not (tiles or left or right):
        return
    slide = kit.new("summary", kit.w("account_on_a_page"), "summary")
    top = kit.body.y
    if tiles:
        made = _tiles(kit, tiles)
        slide.elements += made
        top = tile_height(made) + GAP
    slide.elements += _columns(kit, Box(kit.body.x, top, kit.body.w, kit.body.bottom - top), left, right, foot)


def _revenue(kit: PlanKit) -> Tile | None:
    """The last actual year's revenue, the last planned year's, and the growth a year between them (a plan without
    actual years: its first and last planned year's)."""
    fin = kit.plan.financials
    if not any(p.actual for p in fin.products):
        return _planned(kit)
    first, then, last, goal = fin.outlook()
    if last is None:
        return Tile(kit.w("revenue"), kit.scaled(then), str(first))
    growth = ((goal / then) ** (1 / (last - first)) - 1) * 100 if then > 0 and goal >= 0 else None
    rate = (
        f" · {'+' if growth >= 0 else ''}{percent(round(growth, 1), kit.lang)} {kit.w('per_year')}"
        if growth is not None
        else ""
    )
    return Tile(kit.w("revenue"), f"{kit.scaled(then)} → {kit.scaled(goal)}", f"{first} → {last}{rate}")


def _planned(kit: PlanKit) -> Tile | None:
    """The planned revenue of a plan without actual years: its first planned year's and its last's."""
    totals = kit.plan.financials.totals()
    if not totals:
        return None
    first, last = min(totals), max(totals)
    plan = kit.w("plan_band")
    if first == last:
        return Tile(kit.w("revenue"), kit.scaled(totals[first]), f"{first} {plan}")
    return Tile(
        kit.w("revenue"), f"{kit.scaled(totals[first])} → {kit.scaled(totals[last])}", f"{first} → {last} {plan}"
    )


def _figures(kit: PlanKit) -> list[Tile | None]:
    """The figures sections give per account (the potential left to win), and the key projects' weighted volume."""
    shown: list[Tile | None] = []
    for section in SECTIONS:
        for figure in section.figures:
            value = figure.of(getattr(kit.plan, section.key))
            if value:
                shown.append(Tile(figure.title[kit.lang == "de"], kit.scaled(value), ""))
    weighted = [(p.volume or 0.0) * (p.probability or 0.0) / 100 for p in kit.plan.key_projects]
    if any(weighted):
        counted = sum(1 for w in weighted if w)
        projects = kit.w("one_project") if counted == 1 else kit.w("projects")
        shown.append(Tile(kit.w("weighted_projects"), kit.scaled(sum(weighted)), f"{counted} {projects}"))
    return shown


NAMED_AGAINST = 3
"""The key people against us the summary's tile names; more are counted."""


def _people(kit: PlanKit) -> Tile | None:
    """How many key people are for us, and who of them is against us."""
    key = key_people(kit.plan)
    if not key:
        return None
    friends = sum(1 for p in key if p.attitude in ("positive", "mentor"))
    against = [p.name for p in key if p.attitude in ("negative", "enemy")]
    said = f"{friends} {kit.w('of')} {len(key)} {kit.w('for_us')}"
    named = ", ".join(against[:NAMED_AGAINST])
    if len(against) > NAMED_AGAINST:  # a tile names a few; the power map shows them all
        named += " " + kit.w("and_more").format(n=len(against) - NAMED_AGAINST)
    return Tile(kit.w("key_people"), said, f"{kit.w('against_us')}: {named}" if against else kit.w("nobody_against"))


def _health(kit: PlanKit, health: Health | None) -> Tile | None:
    """The plan's health in words, with when it is reviewed next."""
    if health is None:
        return None
    c = kit.plan.cover
    review = f"{kit.w('next_review')}: {day(c.next_review, kit.lang)}" if c.next_review else kit.w("no_review_date")
    return Tile(kit.w("health"), kit.w("status_" + health.status), review, f"status.{health.status}")


def _reasons(kit: PlanKit, health: Health | None) -> list[Para]:
    """Why the plan is not green: its worst reasons first, at most TOP_REASONS."""
    if health is None or not health.reasons:
        return []
    ranked = sorted(health.reasons, key=lambda r: r.severity != "red")[:TOP_REASONS]
    heading = kit.w("why_status").format(status=kit.w("status_" + health.status).lower())
    return [kit.heading(heading)] + [
        Para((Run("■ ", colour=f"status.{r.severity}"), Run(_brief(dated(r.text(kit.lang), kit.lang), kit))), None, 0)
        for r in ranked
    ]


REASON_ITEMS = 3
"""A reason that lists things (people without coverage, late actions) names this many on the summary; more are counted."""


def _brief(reason: str, kit: PlanKit) -> str:
    """A reason as the summary says it: a long list in it cut to its first items and a count (health has them all)."""
    items = reason.split("; ")
    if len(items) <= REASON_ITEMS:
        return reason
    return "; ".join(items[:REASON_ITEMS]) + " " + kit.w("and_more").format(n=len(items) - REASON_ITEMS)


def _tiles(kit: PlanKit, tiles: Sequence[Tile | None]) -> list[Element]:
    """The figures side by side, as high as the fullest, each a tile of three parts: what it is, the figure in large
    type, and what it is over (parts a hair apart, so that no frame lies on another)."""
    shown = [t for t in tiles if t]
    width = (kit.body.w - GAP * (len(shown) - 1)) / len(shown)
    inner = width - 2 * TILE_PAD
    small = kit.theme.size("small")
    sizes = (kit.sizes[0] + 4, kit.sizes[0], kit.sizes[1], small)
    big = next((s for s in sizes if all(_one_line(kit, _value(t).text, s, inner) for t in shown)), small)
    # Labels and what they are over broken where they break in the tile: PowerPoint shows the same lines as the PDF.
    labels = [kit.broken(t.label, small, inner - 4) for t in shown]
    unders = [kit.broken(t.under, small, inner - 4) for t in shown]
    heads, lines = (max(p.text.count("\n") + 1 if p.text else 0 for p in said) for said in (labels, unders))
    heights = (
        heads * small * LINE_SPACING + TILE_PAD,
        big * LINE_SPACING + 2,
        lines * small * LINE_SPACING + TILE_PAD,
    )
    out: list[Element] = []
    for k, (tile, label, under) in enumerate(zip(shown, labels, unders)):
        y, x = kit.body.y, kit.body.x + k * (width + GAP)
        parts = (label, _value(tile), under)
        for para, size, colour, high in zip(parts, (small, big, small), ("muted", "primary", "muted"), heights):
            if high > TILE_PAD:
                box = Box(x, y, width, high)
                out.append(
                    Shape(
                        box,
                        (para,),
                        size,
                        "table_stripe",
                        "table_stripe",
                        0.0,
                        colour,
                        rounded=False,
                        padding=(TILE_PAD, 0.0),
                    )
                )
            y += high + HAIR
    return out


def _value(tile: Tile) -> Para:
    """A tile's figure in bold, after a square in the colour of the tile's mark if it has one (the plan's health)."""
    square = (Run("■ ", colour=tile.mark),) if tile.mark else ()
    return Para((*square, Run(tile.value, bold=True)))


def _one_line(kit: PlanKit, said: str, size: float, width: float) -> bool:
    return kit.fonts.bold.width(said, size) <= width - 8


def tile_height(elements: list[Element]) -> float:
    """How far the tiles reach down (their frames are the shapes among them)."""
    return max((e.box.bottom for e in elements if isinstance(e, Shape)), default=0.0)


def _goals(kit: PlanKit) -> list[Para]:
    """Each goal: what it is, then how it stands (in colour and words), from where to where, by when."""
    if not kit.plan.goals:
        return []
    today = kit.plan.cover.version
    out = [kit.heading(kit.entry_title_of("goals"))]  # "Unser Ziel", "Top-3-Ziele": as many as there are
    for n, g in enumerate(kit.plan.goals, 1):
        state = goal_standing(g, today)
        out.append(Para((Run(g.title or g.goal, bold=True),), f"{n}.", 0))
        target = str(g.target) if g.baseline is None else f"{g.baseline} → {g.target}"
        shown = [kit.w("goal_" + state), *([target] if len(target) <= SHORT_TARGET else []), day(g.deadline, kit.lang)]
        facts = " · ".join(shown)  # a target told in a sentence stays on the goal's slide
        # The square after the number's line, never first in it: PowerPoint colours a number as its first run.
        out.append(Para((Run("■ ", colour=STATUS_FILL[state]), Run(facts, colour="muted")), None, 1))
    return out


def _risks(kit: PlanKit) -> list[Para]:
    """The worst open risks, each with its owner."""
    ranked = [(n, r) for n, r in ranked_risks(kit.plan.risks) if r.status != "closed"][:TOP_RISKS]
    if not ranked:
        return []
    out = [kit.heading(kit.w("top_risks"))]
    for _, r in ranked:
        owner = [Run(f" — {kit.person(r.owner)}", italic=True)] if r.owner else []
        levels = (
            f"{kit.label(Risk, 'likelihood')} {term('level', r.likelihood, kit.lang).lower()} · "
            f"{kit.label(Risk, 'impact')} {term('level', r.impact, kit.lang).lower()}"
        )
        out.append(Para((Run(r.description), *owner), "•", 0))
        out.append(Para((Run(levels, colour="muted"),), None, 1))
    return out


def _notices(kit: PlanKit) -> list[Para]:
    """The notice dates of the coming year, soonest first."""
    today = kit.plan.cover.version
    coming = sorted(
        (by, c.name)
        for c in kit.plan.contracts
        if (by := c.notice_by()) and today <= by <= today + timedelta(NOTICE_DAYS)
    )
    if not coming:
        return []
    return [kit.heading(kit.w("notice_dates"))] + [
        Para((Run(f"{day(by, kit.lang)}: ", bold=True), Run(name)), "•", 0) for by, name in coming
    ]


def _needs(kit: PlanKit, budget_words: int) -> list[Para]:
    """What the goals need from us: their budgets and person-days summed, then each goal's own words while they fit
    `budget_words` (else a pointer to the goals' slides)."""
    goals = kit.plan.goals
    needs = [(n, kit.plain(g.resources)) for n, g in enumerate(goals, 1) if g.resources]
    budget = sum(g.budget or 0.0 for g in goals)
    days = sum(g.person_days or 0.0 for g in goals)
    if not (needs or budget or days):
        return []
    summed = [kit.w("budget_of").format(amount=kit.scaled(budget))] if budget else []
    summed += [kit.w("person_days_of").format(days=number(days, kit.lang))] if days else []
    runs: list[Run] = [Run(f"{kit.w('what_we_need')}: ", bold=True)]
    if summed:
        runs.append(Run(" · ".join(summed) + ("." if needs else ""), bold=True))
    if sum(len(said.split()) + 2 for _, said in needs) > budget_words - len(runs) * 4:
        return (
            [Para((*runs, Run(("  " if summed else "") + kit.w("needs_on_goal_slides"))))]
            if needs
            else [Para(tuple(runs))]
        )
    for k, (n, said) in enumerate(needs):
        runs += [Run(("  " if k or summed else "") + f"{kit.w('goal')} {n}: ", bold=True), Run(_one_line_of(said))]
    return [Para(tuple(runs))]


def _one_line_of(said: str) -> str:
    """A text's lines as one, its no-break spaces kept ("8 %" stays together)."""
    return " ".join(part for part in said.replace("\t", " ").replace("\n", " ").split(" ") if part)


def _columns(kit: PlanKit, room: Box, left: list[Para], right: list[Para], foot: list[Para]) -> list[Element]:
    """Goals on the left, risks and notice dates on the right, the needs across the foot, at the largest size at
    which all fit; where nothing fits, the needs go first, then the goals' facts (their slides hold them all)."""
    headlines = [p for p in left if p.level == 0]
    for parts in ((left, right, foot), (left, right, []), (headlines, right, []), (headlines, [], [])):
        for size in (kit.sizes[1], kit.theme.size("small"), kit.minimum):
            placed = _placed(kit, room, size, *parts)
            if placed is not None:
                return placed
    return []


def _placed(
    kit: PlanKit, room: Box, size: float, left: list[Para], right: list[Para], foot: list[Para]
) -> list[Element] | None:
    """The blocks at `size`, or None when they do not all fit `room`."""
    fonts = kit.fonts
    foot_h = fonts.text_height(foot, size, room.w) if foot else 0.0
    high = room.h - (foot_h + GAP if foot else 0.0)
    both = bool(left and right)
    left_w = room.w * LEFT_SHARE if both else room.w
    right_w = room.w - left_w - GAP if both else room.w
    used = [
        fonts.text_height(left, size, left_w) if left else 0.0,
        fonts.text_height(right, size, right_w) if right else 0.0,
    ]
    if max(used) > high:
        return None
    out: list[Element] = []
    if left:
        out.append(text(Box(room.x, room.y, left_w, used[0]), left, size))
    if right:
        x = room.x + (left_w + GAP if left else 0.0)
        out.append(text(Box(x, room.y, right_w, used[1]), right, size))
    if foot:
        out.append(text(Box(room.x, room.bottom - foot_h, room.w, foot_h), foot, size, fill="table_stripe"))
    return out
