"""Markdown as kamdoc reads it: CommonMark with tables and raw HTML off, and the lines its nesting limit leaves out.

markdown-it stops parsing blocks nested deeper than its limit (a tenth list level, a twentieth quote) and drops
their text without a word. The parser keeps that limit, for it bounds its own recursion; kamdoc finds the lines
it left out, warns about them when validating and shows them flattened in the deck, so that no text vanishes.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

CITED = r"\[\^([^\]\s]{1,100})\]"
"""A citation of a source in Markdown text, `[^id]` (the id in its group): validation checks it, the deck numbers it."""
MAX_NESTING = 20
"""How deeply the parser nests blocks (markdown-it's CommonMark default): lists count twice, quotes once."""

_MAY_NEST = re.compile(r"^[ \t>*+\-0-9.)]{16,}", re.M)
"""A line whose markers and indentation could reach the limit: the only texts worth parsing for it."""
_MARKERS = re.compile(r"^(?:[ \t]*(?:>|[*+\-](?=[ \t]|$)|[0-9]{1,9}[.)](?=[ \t]|$)))*[ \t]*")
_LIST_MARKER = re.compile(r"[*+\-]|[0-9]{1,9}[.)]")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:")
_SHOWN = frozenset({"paragraph_open", "heading_open", "fence", "code_block", "table_open", "hr"})
"""Tokens whose lines the deck shows."""


@cache
def parser() -> Any:
    """The one Markdown parser: CommonMark, tables on, raw HTML off (`<script>` in a plan is text, never markup)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "maxNesting": MAX_NESTING}).enable("table")


def unshown_lines(text: str, tokens: list[Any] | None = None) -> list[tuple[int, str, bool, bool]]:
    """The lines the parser left out for nesting too deep (and every line after them, which it drops too).

    Each: 0-based line, its text without markers, whether it is a list item, whether it is nested at all.
    """
    if not _MAY_NEST.search(text):
        return []
    covered: set[int] = set()
    for token in tokens if tokens is not None else parser().parse(text):
        if token.map and token.type in _SHOWN:
            covered.update(range(*token.map))
    out = []
    for number, line in enumerate(text.splitlines()):
        if number in covered or _REFERENCE.match(line):
            continue
        markers = _MARKERS.match(line)
        content = line[markers.end() if markers else 0 :].strip()
        if content:
            prefix = markers.group().strip() if markers else ""
            out.append((number, content, bool(_LIST_MARKER.search(prefix)), bool(prefix) or line[:1] in " \t"))
    return out
