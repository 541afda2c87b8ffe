"""A prose slide's word budget: the lead and the key facts on the slide, the whole text in the deck's appendix."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from kamdoc.outline.richtext import Para, Run, TableBlock

PROSE_WORDS = 150
"""The most words a prose slide holds at the body size; a longer text leaves its whole to the appendix."""
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")


@dataclass(frozen=True)
class Appendix:
    """A text left whole to the deck's end: its title, the agenda entry it belongs to, and the text."""

    title: str
    anchor: str  # the section the appendix's slides carry, and the link from the slide points to
    items: tuple[Para | TableBlock, ...]


def appendix_line(said: str, anchor: str) -> Para:
    """The line on a slide that says what the appendix holds of it and links there."""
    return Para((Run(said, italic=True, colour="muted", link=f"#{anchor}"),))


def words(items: Sequence[Para | TableBlock]) -> int:
    """How many words the text holds, its tables' cells included."""
    counted = 0
    for item in items:
        if isinstance(item, TableBlock):
            counted += sum(len(cell.split()) for row in (item.header, *item.rows) for cell in row)
        else:
            counted += len(item.text.split())
    return counted


def lead(items: Sequence[Para | TableBlock], budget: int = PROSE_WORDS) -> list[Para]:
    """What a slide keeps of a long text: its lead (the first paragraph that is more than a bold key fact; its first
    sentences, if that alone is too long), then the paragraphs and list items that carry a key fact in bold, in order,
    while they fit the budget. A lead whose first sentence alone is over the budget is left to the appendix whole."""
    paras = [item for item in items if isinstance(item, Para) and item.text.strip()]
    kept: list[tuple[int, Para]] = []
    used, led = 0, False
    for at, para in enumerate(paras):
        size = len(para.text.split())
        if not led and not _all_bold(para):
            led = True
            piece = para if used + size <= budget else _sentences(para, budget - used)
            if piece is not None:
                kept.append((at, piece))
                used += len(piece.text.split())
        elif any(run.bold for run in para.runs) and used + size <= budget:
            kept.append((at, para))
            used += size
    shown = {at for at, _ in kept}
    # A paragraph that ends by announcing a list ("Important drivers are:") keeps that sentence only with the list.
    trimmed = [(para if at + 1 in shown else _without_lead_in(para)) for at, para in kept]
    return [para for para in trimmed if para is not None]


_LAST_SENTENCE = re.compile(r"(?<=[.!?])\s+[^.!?]*:\s*$")
"""The sentence at a paragraph's end that announces what follows: "… Zelle. Wichtige Treiber sind:"."""


def _without_lead_in(para: Para) -> Para | None:
    """The paragraph without a closing sentence that announces a list not shown after it, its runs' styles kept;
    None when that sentence is all it says."""
    text = para.text
    if not text.rstrip().endswith(":"):
        return para
    found = _LAST_SENTENCE.search(text)
    if found is None:
        return None
    runs, left = [], found.start()
    for run in para.runs:
        if left <= 0:
            break
        runs.append(replace(run, text=run.text[:left]))
        left -= len(run.text)
    return replace(para, runs=tuple(runs))


def _all_bold(para: Para) -> bool:
    """A line that is all key fact ("Maschinenbau · Stuttgart"), not the lead's prose."""
    return all(run.bold for run in para.runs if run.text.strip())


def _sentences(para: Para, budget: int) -> Para | None:
    """The paragraph's first whole sentences within the budget, its styling dropped; None when the first alone is over."""
    kept: list[str] = []
    for sentence in _SENTENCE_END.split(para.text):
        if len(" ".join([*kept, sentence]).split()) > budget:
            break
        kept.append(sentence)
    return Para((Run(" ".join(kept)),), para.bullet, para.level) if kept else None
