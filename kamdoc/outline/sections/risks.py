"""The risks' slides: a likelihood × impact matrix with each open risk placed by its number, the list beside it with
owners, then what is done about each."""

from __future__ import annotations

from collections.abc import Callable

from kamdoc.outline.deck import Box, Connector, Element, Shape
from kamdoc.outline.kit import PlanKit
from kamdoc.outline.layout import fit_size, text
from kamdoc.outline.richtext import Para, Run
from kamdoc.outline.words import day, term
from kamdoc.standard.model import Risk

LEVELS = ("low", "medium", "high")
"""Likelihood and impact, from the matrix's origin outwards."""
MATRIX_SHARE = 0.46
"""The matrix's share of the body's width; the list of risks takes the rest."""
LABEL_H = 20.0
"""Room for the column labels and the axis title under the matrix."""
CELL_GAP, SIDE_GAP = 4.0, 18.0
"""Points between the matrix's cells, and between the matrix and the list."""
HEAT = {2: "status.green", 3: "status.amber", 4: "status.amber", 6: "status.red", 9: "status.red"}
"""A cell's colour by likelihood × impact (1 to 3 each): green where both are low or one is, red where both are high or
one is high and the other medium."""


def risks(kit: PlanKit) -> None:
    """The matrix, and beside it each risk with its owner and what is done about it; when that list is too long for
    the room beside the matrix, it follows as a table."""
    ranked = ranked_risks(kit.plan.risks)
    if not ranked:
        return
    slide = kit.new("risks", kit.title("risks"), "risks")
    matrix = Box(kit.body.x, kit.body.y, kit.body.w * MATRIX_SHARE, kit.body.h)
    drawn = _matrix(kit, ranked, matrix)
    slide.elements += drawn
    right = max(
        e.box.right for e in drawn if not isinstance(e, Connector)
    )  # a square grid leaves room: the list takes it
    side = Box(right + SIDE_GAP, kit.body.y, kit.body.right - right - SIDE_GAP, kit.body.h)
    listed = [para for number, risk in ranked for para in _listed(kit, number, risk)]
    size = fit_size(kit.fonts, listed, side, (*kit.sizes, kit.minimum))
    if size is not None:
        slide.elements.append(text(side, listed, size))
    else:
        _table(kit, ranked)


def ranked_risks(risks: list[Risk]) -> list[tuple[int, Risk]]:
    """The risks numbered worst first (likelihood × impact, then the plan's order); closed ones last."""
    order = sorted(risks, key=lambda r: (r.status == "closed", -_score(r)))
    return list(enumerate(order, 1))


def _score(risk: Risk) -> int:
    return (LEVELS.index(risk.likelihood) + 1) * (LEVELS.index(risk.impact) + 1)


def _matrix(kit: PlanKit, ranked: list[tuple[int, Risk]], box: Box) -> list[Element]:
    """Nine square cells, likelihood rising upwards and impact to the right, each with the numbers of the open risks
    there; the row labels right beside the rows, the likelihood's title above them, the impact's under the columns."""
    small = kit.theme.size("small")
    rising = f"↑ {kit.label(Risk, 'likelihood')}"
    # The row labels' column is as wide as its widest word ("Wahrscheinlichkeit" is never broken).
    widths = [kit.fonts.regular.width(term("level", v, kit.lang), small) for v in LEVELS]
    label_w = max([*widths, kit.fonts.bold.width(rising, small)]) + 2 * CELL_GAP + 4
    side = min(box.w - label_w, box.h - 3 * LABEL_H - CELL_GAP)  # square cells: a grid, not a table
    grid = Box(box.x + label_w, box.y + LABEL_H, side, side)
    cell = (side - 2 * CELL_GAP) / 3
    out: list[Element] = [
        text(Box(box.x, box.y, label_w - CELL_GAP, LABEL_H), [Para((Run(rising, bold=True),))], small, "muted")
    ]
    for row, likelihood in enumerate(reversed(LEVELS)):
        y = grid.y + row * (cell + CELL_GAP)
        label = Para((Run(term("level", likelihood, kit.lang)),))
        out.append(
            text(
                Box(box.x, y + cell / 2 - LABEL_H / 2, label_w - CELL_GAP, LABEL_H),
                [label],
                small,
                "muted",
                align="right",
            )
        )
        for col, impact in enumerate(LEVELS):
            here = [
                str(n) for n, r in ranked if r.status != "closed" and (r.likelihood, r.impact) == (likelihood, impact)
            ]
            score = (2 - row + 1) * (col + 1)
            paras = (Para((Run(" · ".join(here), bold=True),)),) if here else (Para((Run(""),)),)
            square = Box(grid.x + col * (cell + CELL_GAP), y, cell, cell)
            out.append(
                Shape(square, paras, kit.sizes[0], HEAT.get(score, "status.green"), "background", 0.0, rounded=False)
            )
    for col, impact in enumerate(LEVELS):
        label = Para((Run(term("level", impact, kit.lang)),))
        out.append(
            text(
                Box(grid.x + col * (cell + CELL_GAP), grid.bottom + 2, cell, LABEL_H),
                [label],
                small,
                "muted",
                align="center",
            )
        )
    title = Box(grid.x, grid.bottom + 2 + LABEL_H, grid.w, LABEL_H)
    out.append(text(title, [Para((Run(f"{kit.label(Risk, 'impact')} →", bold=True),))], small, "muted", align="center"))
    return out


def _listed(kit: PlanKit, number: int, risk: Risk) -> list[Para]:
    """One risk beside the matrix: its number, what could go wrong and who deals with it; under it, how it stands."""
    owner = [Run(f" — {kit.person(risk.owner)}", italic=True)] if risk.owner else []
    head = Para((Run(risk.description, colour="muted" if risk.status == "closed" else None), *owner), f"{number}.")
    due = f"{kit.label(Risk, 'due')} {day(risk.due, kit.lang)}" if risk.due else ""
    facts = " · ".join(x for x in (term("risk_status", risk.status, kit.lang), due) if x)
    measure = f": {kit.plain(risk.mitigation)}" if risk.mitigation else ""
    return [head, Para((Run(facts + measure, colour="muted"),), None, 1)]


def _table(kit: PlanKit, ranked: list[tuple[int, Risk]]) -> None:
    """The risks as a table, for more than the room beside the matrix holds."""
    rows = [
        [
            str(n),
            r.description,
            kit.person(r.owner),
            kit.plain(r.mitigation or ""),
            term("risk_status", r.status, kit.lang),
            day(r.due, kit.lang) if r.due else "",
        ]
        for n, r in ranked
    ]
    header = ["#", *(kit.label(Risk, name) for name in ("description", "owner", "mitigation", "status", "due"))]
    kit.table("risks", kit.title("risks"), "risks", header, rows, ["right", "left", "left", "left", "left", "right"])


SLIDES: dict[str, Callable[[PlanKit], None]] = {"risks": risks}
"""The agenda entries this module draws, by key."""
