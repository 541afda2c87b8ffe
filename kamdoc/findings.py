"""Findings: what validation says about a plan, each pointing at a file, line and column."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Pos:
    """A place in a file: 1-based line and column."""

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

    def text(self, shown: str) -> str:
        """The one-line form `file:line:col: severity: field: message`, with the file as `shown`."""
        where = f"{self.field}: " if self.field else ""
        return f"{shown}:{self.pos.line}:{self.pos.col}: {self.severity}: {where}{self.message}"


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
    text = text.replace("\n", "\\n")
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"
