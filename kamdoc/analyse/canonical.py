"""A plan as sorted `path = value` lines, so that git's own diff shows clean, one-line changes."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from kamdoc.analyse.diff import IDENTITY


def _key(path: tuple[str, ...], item: Any, index: int) -> str:
    pattern = tuple("*" if p.startswith("[") else p for p in path)
    keys = IDENTITY.get(pattern)
    if keys and isinstance(item, dict) and all(item.get(k) is not None for k in keys[:1]):
        return "[" + ",".join(str(item.get(k)) for k in keys if item.get(k) is not None) + "]"
    return f"[{index}]"


def _dotted(path: tuple[str, ...]) -> str:
    return "".join(p if p.startswith("[") else (f".{p}" if i else p) for i, p in enumerate(path))


def _lines(data: Any, out: list[str]) -> None:
    """One line per value, walked on a stack of its own (plan data never drives Python's recursion); the caller sorts."""
    pending: list[tuple[Any, tuple[str, ...]]] = [(data, ())]
    while pending:
        value, path = pending.pop()
        if isinstance(value, dict):
            pending.extend((value[key], (*path, str(key))) for key in value)
        elif isinstance(value, list):
            if all(not isinstance(v, (dict, list)) for v in value) and path and path[0] == "swot":
                out.extend(f"{_dotted(path)}[] = {_scalar(item)}" for item in value)
            else:
                pending.extend((item, (*path, _key(path, item, i))) for i, item in enumerate(value))
        else:
            out.append(f"{_dotted(path)} = {_scalar(value)}")


def _scalar(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # one line, whatever the text holds
    return json.dumps(value)


def canonical_lines(data: Any) -> str:
    """The canonical form of a plan's data: one sorted line per value."""
    out: list[str] = []
    _lines(data, out)
    return "\n".join(sorted(out)) + "\n"  # sorted: reordering items or keys changes nothing
