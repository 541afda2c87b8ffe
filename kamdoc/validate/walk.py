"""Every text in a plan's data with its path, in the plan's order, walked on a stack of its own (never by recursion)."""

from __future__ import annotations

from typing import Any


def texts_in(data: Any) -> list[tuple[tuple[Any, ...], str]]:
    """Each string in `data` (mappings and lists of any depth) with the keys and indexes that lead to it."""
    found: list[tuple[tuple[Any, ...], str]] = []
    pending: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while pending:
        value, path = pending.pop()
        if isinstance(value, str):
            found.append((path, value))
        elif isinstance(value, dict):
            pending.extend(reversed([(v, (*path, k)) for k, v in value.items()]))
        elif isinstance(value, list):
            pending.extend(reversed([(v, (*path, i)) for i, v in enumerate(value)]))
    return found
