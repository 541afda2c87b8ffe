"""Bounded memos: the outline asks the same questions of the same texts many times, and a stranger's plan cannot grow the
answers kept without end."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

MEMO_ENTRIES = 20_000
"""Answers a memo keeps at most."""
MEMO_CHARS = 2_000_000
"""Characters of text a memo's answers (and their keys) hold at most in all: a stranger's long texts cannot grow it."""

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(Generic[K, V]):
    """Answers kept by key while they number at most MEMO_ENTRIES and hold at most MEMO_CHARS characters; then no more."""

    def __init__(self, entries: int = MEMO_ENTRIES, chars: int = MEMO_CHARS) -> None:
        self.kept: dict[K, V] = {}
        self.entries, self.chars = entries, chars

    def put(self, key: K, value: V, chars: int) -> V:
        """`value`, kept for `key` while there is room; `chars`: the characters of text key and value hold."""
        if len(self.kept) < self.entries and chars <= self.chars:
            self.kept[key] = value
            self.chars -= chars
        return value

    def recall(self, key: K, make: Callable[[], tuple[V, int]]) -> V:
        """The answer kept for `key`, or the one `make` works out (with the characters of text it and its key hold), kept
        while there is room."""
        kept = self.kept.get(key)
        if kept is None:
            value, chars = make()
            kept = self.put(key, value, chars)
        return kept
