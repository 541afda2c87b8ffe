"""Findings: what validation says about a plan, each pointing at a file, line and column."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]


class Pos(NamedTuple):
    """A place in a file: 1-based line and column (a tuple: the loader makes one for every value of a plan)."""

    file: Path
    line: int
    col: int


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in a plan: where, how bad, which field, and what to do about it."""

    pos: Pos
    severity: Severity
    field: str
    message: str

    def text(self, shown: str, language: str = "en") -> str:
        """The one-line form `file:line:col: severity: field: message`, with the file as `shown`, the message in `language`."""
        where = f"{self.field}: " if self.field else ""
        return printable(f"{shown}:{self.pos.line}:{self.pos.col}: {self.severity}: {where}{self.said(language)}")

    def said(self, language: str = "en") -> str:
        """The message in `language` (German where it has a German form; the codes, ids and paths in it stay)."""
        if language != "de":
            return self.message
        from kamdoc.messages import in_german

        return in_german(self.message)


# Characters that would break a one-line message or act on a terminal: C0 and C1 controls, DEL,
# the Unicode line and paragraph separators, and the bidirectional overrides that reorder what is shown.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text with every character that could forge a line or drive a terminal written as an escape (\\u001b)."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if _UNPRINTABLE.search(text) else text


def field_path(path: tuple[str | int, ...]) -> str:
    """`('power_map', 'people', 3, 'roles', 0)` as `power_map.people[3].roles[0]`."""
    out = ""
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool) and out and not out.endswith("."):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def quoted(value: object, limit: int = 40) -> str:
    """A user's value as a message shows it: quoted, single-line, shortened."""
    text = value if isinstance(value, str) else str(value)
    text = printable(text.replace("\n", "\\n"))
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"


def bug(file: Path, doing: str, exc: BaseException) -> Finding:
    """A failure of kamdoc itself on one plan, as that plan's error: what failed and where, so the other plans go on.

    `doing` says what kamdoc was at ("check", "render"). A failure in another process comes with that process's
    traceback as its text: its first and last lines say what went wrong there.
    """
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    said = f"{lines[0][:200]} … {lines[-1][:200]}" if len(lines) > 1 else str(exc)[:200]
    return Finding(
        Pos(file, 1, 1),
        "error",
        "",
        f"kamdoc could not {doing} this plan ({type(exc).__name__}: {said}{where}); "
        "this is a bug in kamdoc: please report it with the plan",
    )
