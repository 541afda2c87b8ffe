"""References to slides by number ("S. 12"), written while the slides are made, filled in once the deck is numbered:
to the power map's slides, and to the first slide of an agenda entry (the agenda's page numbers).

A reference stands in the text as two Unicode noncharacters around the power-map slide's index: no plan text holds them
(`decode_text` refuses them), and the pair measures at least as wide as any slide number, so a line measured with it
never needs more room once the number stands there.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from kamdoc.outline.deck import Shape, Slide, Table, Text
from kamdoc.outline.layout import Fonts
from kamdoc.outline.richtext import Para

_OPEN, _CLOSE = "\ufde0", "\ufde1"
_REF = re.compile(f"{_OPEN}(\\d+){_CLOSE}")
_ENTRY_OPEN, _ENTRY_CLOSE = "\ufde2", "\ufde3"
_ENTRY = re.compile(f"{_ENTRY_OPEN}([a-z0-9_]+){_ENTRY_CLOSE}")
KIND = "power_map"
"""The kind of slide references point at: the power map's overview and branch slides, counted in deck order."""


def map_ref(index: int) -> str:
    """A stand-in for the number of the power map's slide `index` (0 for its first)."""
    return f"{_OPEN}{index}{_CLOSE}"


def entry_ref(key: str) -> str:
    """A stand-in for the number of the first slide of the agenda entry `key`."""
    return f"{_ENTRY_OPEN}{key}{_ENTRY_CLOSE}"


_Numbers = tuple[Sequence[int], Mapping[str, int]]
"""The power map's slides' numbers in order, and each agenda entry's first slide's number."""


def _filled(text: str, numbers: _Numbers) -> str:
    maps, entries = numbers
    if _OPEN in text:
        text = _REF.sub(lambda m: str(maps[int(m.group(1))]) if int(m.group(1)) < len(maps) else "?", text)
    if _ENTRY_OPEN in text:
        text = _ENTRY.sub(lambda m: str(entries.get(m.group(1), "?")), text)
    return text


def _marked(text: str) -> bool:
    return _OPEN in text or _ENTRY_OPEN in text


def _paras(paras: tuple[Para, ...], numbers: _Numbers) -> tuple[Para, ...]:
    return tuple(
        replace(p, runs=tuple(replace(r, text=_filled(r.text, numbers)) for r in p.runs))
        if any(_marked(r.text) for r in p.runs)
        else p
        for p in paras
    )


def resolve(slides: list[Slide], fonts: Fonts) -> None:
    """Put each referenced slide's number where a reference to it stands (numbers are set: `slide.number`); a table's
    cell that held one is wrapped again as `fonts` measure it, so that the PDF breaks it where PowerPoint does."""
    firsts: dict[str, int] = {}
    for slide in slides:
        for section in (slide.section, *slide.also):
            firsts.setdefault(section, slide.number)
    numbers = ([s.number for s in slides if s.kind == KIND], firsts)
    for slide in slides:
        changed = []
        for element in slide.elements:
            if isinstance(element, Shape):
                element = replace(
                    element,
                    paras=_paras(element.paras, numbers),
                    whole=_paras(element.whole, numbers) if element.whole else element.whole,
                )
            elif isinstance(element, Text):
                element = replace(element, paras=_paras(element.paras, numbers))
            elif isinstance(element, Table) and any(_marked(c) for row in element.rows for c in row):
                element = _table(element, numbers, fonts)
            changed.append(element)
        slide.elements = changed


def _table(table: Table, numbers: _Numbers, fonts: Fonts) -> Table:
    """The table with its references filled in, and the lines of each cell that held one measured again."""
    rows = tuple(tuple(_filled(c, numbers) for c in row) for row in table.rows)
    if not table.lines:
        return replace(table, rows=rows)
    lines = list(table.lines)
    first = 1 if table.has_header else 0
    for r, (before, after) in enumerate(zip(table.rows, rows)):
        bold_row = table.bold_last_row and r == len(rows) - 1
        lines[first + r] = tuple(
            tuple(fonts.cell_lines(new, table.size, width, bold_row or (k == 0 and table.bold_first_column)))
            if _marked(old)
            else cell
            for k, (old, new, width, cell) in enumerate(zip(before, after, table.widths, lines[first + r]))
        )
    return replace(table, rows=rows, lines=tuple(lines))
