"""A prose slide's word budget: the lead and the key facts on the slide, the whole text in the deck's appendix."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

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
    """What a slide keeps of a long text: its first paragraph (its first sentences, if that alone is too long), then
    the paragraphs and list items that carry a key fact in bold, in order, while they fit the budget."""
    paras = [item for item in items if isinstance(item, Para) and item.text.strip()]
    if not paras:
        return []
    first = paras[0]
    kept = [first if len(first.text.split()) <= budget else _sentences(first, budget)]
    used = len(kept[0].text.split())
    for para in paras[1:]:
        size = len(para.text.split())
        if any(run.bold for run in para.runs) and used + size <= budget:
            kept.append(para)
            used += size
    return kept


def _sentences(para: Para, budget: int) -> Para:
    """The paragraph's first whole sentences within the budget (at least the first), its styling dropped."""
    sentences = _SENTENCE_END.split(para.text)
    kept: list[str] = []
    for sentence in sentences:
        if kept and len(" ".join([*kept, sentence]).split()) > budget:
            break
        kept.append(sentence)
    return Para((Run(" ".join(kept)),), para.bullet, para.level)
