"""Markdown prose as renderer-neutral blocks: paragraphs of styled runs, list items and tables."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from kamdoc.limits import MAX_STYLED_RUNS
from kamdoc.outline.memo import Memo
from kamdoc.validate.markdown import CITED, parser, unshown_lines

SAFE_SCHEMES = ("http://", "https://", "mailto:")


@dataclass(frozen=True)
class Run:
    """A piece of text in one style."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None
    colour: str | None = (
        None  # a theme colour name for this run alone (a tie's tag in its tie's colour); else the element's
    )
    strike: bool = False  # struck through: words a change removed, on the changes slide


@dataclass(frozen=True)
class Para:
    """A paragraph or a list item: its runs, its list marker and nesting level."""

    runs: tuple[Run, ...]
    bullet: str | None = None  # "•" or "1." for list items
    level: int = 0

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    def broken_at(self, offsets: tuple[int, ...]) -> Para:
        """The paragraph with a line break at each offset of its text; a space just before a break gives way to it."""
        marks, joined = set(offsets), self.text
        runs, position = [], 0
        for run in self.runs:
            out = []
            for k, char in enumerate(run.text):
                at = position + k
                if char == " " and at + 1 in marks:
                    out.append("\n")
                    continue
                if at in marks and joined[at - 1] != " ":  # a word broken between characters
                    out.append("\n")
                out.append(char)
            position += len(run.text)
            runs.append(replace(run, text="".join(out)))  # its style whole: colour and strike too, not only bold
        return Para(tuple(runs), self.bullet, self.level)


@dataclass(frozen=True)
class TableBlock:
    """A Markdown table."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[str, ...]  # "left", "right" or "center" per column


Block = Para | TableBlock


@dataclass
class _State:
    blocks: list[Block] = field(default_factory=list)
    lists: list[list[Any]] = field(default_factory=list)  # [ordered, next number]
    in_item: bool = False


FLAT_LEVEL = 8
"""The list level text nested too deep for the parser is shown at (PowerPoint's deepest)."""


_PARSED: Memo[str, tuple[Block, ...]] = Memo()
"""Texts parsed before: a plan's texts are read for several slides (a goal's resources for its slide and the summary)."""


def blocks(markdown: str) -> list[Block]:
    """The blocks of a Markdown text, in order; text nested too deep for the parser shown flattened, never dropped."""
    return list(_PARSED.recall(markdown, lambda: (tuple(_parsed(markdown)), len(markdown))))


def _parsed(markdown: str) -> list[Block]:
    """`blocks`, worked out."""
    if not markdown.strip():
        return []
    tokens = parser().parse(markdown)
    state = _State()
    lines: list[int] = []  # the source line each block starts on, to put flattened lines back in their place
    i = 0
    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        if len(lines) < len(state.blocks):
            lines.append(_line(tokens, i - 1))
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = (
                int(token.attrs.get("start", 1)) if kind == "ordered_list_open" else 0
            )  # 0 too: a list starts where it is written
            state.lists.append([kind == "ordered_list_open", start])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            state.lists.pop()
        elif kind == "inline":
            bullet = None
            level = max(0, len(state.lists) - 1)
            parent = tokens[i - 1] if i else None
            first_in_item = i >= 2 and tokens[i - 2].type == "list_item_open"
            if state.lists and first_in_item:
                ordered, number = state.lists[-1]
                bullet = f"{number}." if ordered else "•"
                state.lists[-1][1] = number + 1
            runs = tuple(replace(r, text=glued(r.text)) for r in _runs(token.children or []))
            if parent is not None and parent.type == "heading_open":
                runs = tuple(Run(r.text, True, r.italic, r.link) for r in runs)
            if runs:
                state.blocks.append(Para(runs, bullet, level))
        elif kind == "table_open":
            i, table = _table(tokens, i)
            state.blocks.append(table)
            continue
        elif kind in ("fence", "code_block"):
            state.blocks.append(Para((Run(token.content.rstrip("\n")),)))
        i += 1
    lines += [_line(tokens, len(tokens) - 1)] * (len(state.blocks) - len(lines))
    flat = [
        (line, Para((Run(text),), "•" if item else None, FLAT_LEVEL if nested else 0))
        for line, text, item, nested in unshown_lines(markdown, tokens)
    ]
    if not flat:
        return state.blocks
    placed = sorted(
        [*zip(lines, range(len(lines)), state.blocks), *((line, -1, para) for line, para in flat)],
        key=lambda x: (x[0], x[1]),
    )
    return [block for _, _, block in placed]


def _line(tokens: list[Any], i: int) -> int:
    """The source line of the block token at or before `i`."""
    while i >= 0:
        if tokens[i].map:
            return int(tokens[i].map[0])
        i -= 1
    return 0


def _runs(children: list[Any]) -> tuple[Run, ...]:
    runs: list[Run] = []
    bold = italic = 0
    link: str | None = None
    for child in children:
        kind = child.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            href = str(child.attrs.get("href", ""))
            link = href if href.lower().startswith(SAFE_SCHEMES) else None
        elif kind == "link_close":
            link = None
        elif kind in ("text", "code_inline", "html_inline"):
            runs.append(Run(child.content, bold > 0, italic > 0, link))
        elif kind == "image":
            runs.append(Run(child.content or "", bold > 0, italic > 0, None))
        elif kind in ("softbreak",):
            runs.append(Run(" ", bold > 0, italic > 0, link))
        elif kind == "hardbreak":
            runs.append(Run("\n", bold > 0, italic > 0, link))
    merged: list[list[Any]] = []  # [texts, bold, italic, link]: joined once at the end, not run by run
    for run in runs:
        if merged and (merged[-1][1], merged[-1][2], merged[-1][3]) == (run.bold, run.italic, run.link):
            merged[-1][0].append(run.text)
        elif run.text:
            merged.append([[run.text], run.bold, run.italic, run.link])
    if len(merged) > MAX_STYLED_RUNS:  # the rest goes on plain: every character kept, no style
        rest = "".join(text for texts, *_ in merged[MAX_STYLED_RUNS - 1 :] for text in texts)
        merged = [*merged[: MAX_STYLED_RUNS - 1], [[rest], False, False, None]]
    return tuple(Run("".join(texts), bold, italic, link) for texts, bold, italic, link in merged)


def _table(tokens: list[Any], i: int) -> tuple[int, TableBlock]:
    header: list[str] = []
    rows: list[list[str]] = []
    align: list[str] = []
    row: list[str] | None = None
    in_head = False
    while tokens[i].type != "table_close":
        token = tokens[i]
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            if in_head:
                header.extend(row)
            else:
                rows.append(row)
            row = None
        elif token.type in ("th_open", "td_open"):
            if in_head:
                style = str(token.attrs.get("style", "") or "")
                align.append("right" if "right" in style else "center" if "center" in style else "left")
        elif token.type == "inline" and row is not None:
            row.append("".join(r.text for r in _runs(token.children or [])))
        i += 1
    width = len(header)
    body = tuple(tuple((r + [""] * width)[:width]) for r in rows)
    return i + 1, TableBlock(tuple(header), body, tuple(align))


_UNIT_AFTER = re.compile(r"(?<=\d) (?=%)")
"""A space between a number and its per cent sign ("22 %"), which no line may end at."""


_LEGAL_FORM_INSIDE = re.compile(r" (?=& Co\.)|(?<=&) (?=Co\.)|(?<=Co\.) (?=KGaA|KG|OHG)|(?<=Co\.,) (?=Ltd\.)")
"""The spaces inside a legal form ("GmbH & Co. KG", "Co., Ltd."), which no line may end at."""


def glued(text: str) -> str:
    """A text with each number and its per cent sign held together, and each legal form whole (no-break spaces)."""
    if " %" in text:
        text = _UNIT_AFTER.sub("\u00a0", text)
    if " Co." in text:
        text = _LEGAL_FORM_INSIDE.sub("\u00a0", text)
    return text


CITATION = re.compile(r"[ \t]*" + CITED)
"""A citation in Markdown text, `[^id]` (with the room before it, which goes when the citation does)."""


def cited(text: str, numbers: Mapping[str, int]) -> str:
    """A text with each citation of a source written as its number, "[2]"; one of a source not listed (the customer's
    copy lists none) left out."""
    if "[^" not in text:
        return text
    return CITATION.sub(lambda m: f"\u00a0[{numbers[m.group(1)]}]" if m.group(1) in numbers else "", text)


def plain(markdown: str) -> str:
    """A Markdown text flattened to plain text (for table cells and titles)."""
    parts = []
    for block in blocks(markdown):
        if isinstance(block, Para):
            parts.append((f"{block.bullet} " if block.bullet else "") + block.text)
        else:
            parts.append(" | ".join(block.header))
    return "\n".join(parts)
