"""YAML syntax errors said for people: what is wrong at which line and column, in plain words, and how to write it.

The parser's own words ("mapping values are not allowed in this context", "found character that cannot start any
token") name a state of its machine, often a line after the mistake. Each known case is recognised here from the
parser's problem and the lines around its mark; the message names the place of the mistake itself and shows the line
written right. messages.py holds each message's German form.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_KEY_NO_SPACE = re.compile(r"^(?P<indent>\s*)(?P<dash>- )?(?P<key>[\w.-]+):(?P<value>[^\s/].*)$")
"""`account:Acme`: a key and its value without the space YAML needs after the colon (not `http://…`)."""
_DASH_NO_SPACE = re.compile(r"^\s*-(?P<item>[^\s-].*)$")
_KEY = re.compile(r"^(?P<indent>\s*)(?:- )?(?P<key>[^\s:#'\"][^:#]*?):(?:\s|$)")
_QUOTED_THEN_TEXT = re.compile(r"""^\s*(?:- )?[\w.-]+:\s*(?P<q>["']).*?(?P=q)\s*\S""")
_SHOWN = 60
"""How much of a line a message quotes."""


@dataclass(frozen=True)
class At:
    """What the parser reported (its problem and context, at 0-based marks) and the file's lines."""

    problem: str
    context: str
    line: int
    col: int
    context_line: int
    context_col: int
    lines: list[str]

    @property
    def here(self) -> str:
        """The line of the problem's mark."""
        return _line(self.lines, self.line)

    @property
    def opened(self) -> str:
        """The line of the context's mark: where what went wrong began."""
        return _line(self.lines, self.context_line)


@dataclass(frozen=True)
class Explained:
    """Where a syntax error is (1-based) and what to say about it."""

    line: int
    col: int
    message: str


def explain(at: At) -> Explained:
    """The syntax error the parser reported, said for a person (the parser's own words where no case fits)."""
    for case in _CASES:
        found = case(at)
        if found is not None:
            return found
    said = " ".join(part for part in (at.context, at.problem) if part)
    return Explained(at.line + 1, at.col + 1, f"YAML syntax error: {said}")


def _line(lines: list[str], index: int) -> str:
    return lines[index] if 0 <= index < len(lines) else ""


def _shown(text: str) -> str:
    text = text.strip()
    return f"`{text if len(text) <= _SHOWN else text[: _SHOWN - 1] + '…'}`"


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _in_quotes(value: str) -> str:
    return "'" + value.replace("'", "''") + "'" if '"' in value else f'"{value}"'


def _above(at: At) -> int:
    """The index of the nearest line above the problem's that holds something (not blank, not a comment), or -1."""
    return next(
        (
            i
            for i in range(at.line - 1, -1, -1)
            if _line(at.lines, i).strip() and not _line(at.lines, i).lstrip().startswith("#")
        ),
        -1,
    )


def _unknown_start(at: At) -> Explained | None:
    """A tab, or a value that starts with a character YAML keeps for itself (@ ` %)."""
    if "cannot start any token" not in at.problem:
        return None
    char = at.here[at.col] if at.col < len(at.here) else ""
    if char == "\t":
        return Explained(
            at.line + 1,
            at.col + 1,
            "a tab: YAML indents with spaces only; replace the tab with spaces (most editors can turn tabs into spaces)",
        )
    key = _KEY.match(at.here)
    value = _in_quotes(at.here[at.col :].strip())
    fixed = f"{key.group('key')}: {value}" if key else value
    return Explained(
        at.line + 1,
        at.col + 1,
        f"a value cannot start with {char!r} in YAML: put the value in quotes, as in {_shown(fixed)}",
    )


def _unclosed(at: At) -> Explained | None:
    """A quote, bracket or brace opened and never closed: said where it was opened."""
    char = at.opened[at.context_col] if at.context_col < len(at.opened) else ""
    where = (at.context_line + 1, at.context_col + 1)
    if "quoted scalar" in at.context and "escape" in at.problem:
        return Explained(
            at.line + 1,
            at.col + 1,
            "a backslash in double quotes starts an escape that YAML does not know here: write the "
            "character itself, double the backslash (\\\\), or use single quotes",
        )
    if "quoted scalar" in at.context:
        return Explained(
            *where,
            f"the quote {char} opened here is never closed: end the value with {char} on the same line, "
            f"as in {_shown(at.opened.rstrip() + char)}",
        )
    if "flow sequence" in at.context or "flow mapping" in at.context:
        kind, close = ("list", "]") if "sequence" in at.context else ("mapping", "}")
        return Explained(
            *where,
            f"the {kind} opened here with {char} is never closed: end it with {close} on the same line, "
            f"or put the value in quotes if the {char} belongs to the text",
        )
    return None


def _colon(at: At) -> Explained | None:
    """`mapping values are not allowed`: a key without its space above, a line indented too far, or `: ` inside a value."""
    if "mapping values are not allowed" not in at.problem:
        return None
    above = _above(at)
    before = _line(at.lines, above)
    glued = _KEY_NO_SPACE.match(before)
    if glued and _indent(at.here) == _indent(before):
        return _no_space(above, glued)
    key, parent = _KEY.match(at.here), _KEY.match(before)
    if key and parent and _indent(at.here) > _indent(before) and before.rstrip()[-1:] != ":":
        return Explained(
            at.line + 1,
            _indent(at.here) + 1,
            f"this line is indented further than the one above, which already has its value: indent "
            f"{_shown(key.group('key') + ':')} like {_shown(parent.group('key') + ':')}",
        )
    if key:
        fixed = f"{key.group('key')}: {_in_quotes(at.here[key.end() :].strip())}"
        return Explained(
            at.line + 1,
            at.col + 1,
            "the value holds a colon followed by a space, which YAML reads as the start of another key: "
            f"put the whole value in quotes, as in {_shown(fixed)}",
        )
    return None


def _no_space(index: int, glued: re.Match[str]) -> Explained:
    fixed = f"{glued.group('dash') or ''}{glued.group('key')}: {glued.group('value')}"
    return Explained(index + 1, glued.end("key") + 1, f"a key needs a space after its colon: write {_shown(fixed)}")


def _missing_colon(at: At) -> Explained | None:
    """`could not find expected ':'`: a key written without its space, or a line that is neither `key: value` nor `- item`."""
    if "could not find expected ':'" not in at.problem:
        return None
    glued = _KEY_NO_SPACE.match(at.opened)
    if glued:
        return _no_space(at.context_line, glued)
    return Explained(
        at.context_line + 1,
        at.context_col + 1,
        f"{_shown(at.opened)} is neither `key: value` nor `- item`: add the key and a colon, start a list item with "
        "`- `, or join it to the line above if it goes on with that value",
    )


def _dash(at: At) -> Explained | None:
    """A list item without the space after its dash (`-title: B`), a list where keys stand, or an item out of line."""
    in_mapping = "block mapping" in at.context and at.here.lstrip().startswith("-")
    if "expected '-' indicator" not in at.problem and not in_mapping:
        return None
    dashed = _DASH_NO_SPACE.match(at.here)
    if dashed and not in_mapping:
        return Explained(
            at.line + 1,
            at.col + 1,
            f"a list item needs a space after its dash: write {_shown('- ' + dashed.group('item'))}",
        )
    if in_mapping:
        return Explained(
            at.line + 1,
            at.col + 1,
            "a list item where the keys of a mapping stand: give the list a key of its own "
            "(`items:`) on the line above, with the items indented under it",
        )
    return Explained(
        at.line + 1,
        at.col + 1,
        "this list item is not indented like the items above it: start each `- ` in the same column",
    )


def _block_scalar(at: At) -> Explained | None:
    """`|x`: something after the sign that starts a block of text."""
    if "block scalar" not in at.context:
        return None
    return Explained(
        at.context_line + 1,
        at.context_col + 1,
        "after | or > nothing may follow on the same line (but + or -): start the text on the next line, indented",
    )


def _block_mapping(at: At) -> Explained | None:
    """`did not find expected key`: text after a closing quote, a value starting with ] or }, or a line out of line."""
    if not any(words in at.problem for words in ("expected key", "expected node content", "block end")):
        return None
    if _QUOTED_THEN_TEXT.match(at.here):
        return Explained(
            at.line + 1,
            at.col + 1,
            "text after the closing quote: put the whole value inside the quotes, or leave the quotes out",
        )
    char = at.here[at.col] if at.col < len(at.here) else ""
    if char and char in "]}":
        return Explained(
            at.line + 1, at.col + 1, f"a value cannot start with {char!r} in YAML: put the value in quotes"
        )
    sibling = _KEY.match(_line(at.lines, _above(at)))  # the line above: most often the one it should stand in line with
    like = f" like {_shown(sibling.group('key') + ':')} above" if sibling else ""
    return Explained(
        at.line + 1,
        _indent(at.here) + 1,
        f"this line's indentation does not fit the lines above: indent it{like} (each level by the same number of spaces)",
    )


_CASES: tuple[Callable[[At], Explained | None], ...] = (
    _unknown_start,
    _unclosed,
    _colon,
    _missing_colon,
    _dash,
    _block_scalar,
    _block_mapping,
)
"""The cases, the most particular first."""
