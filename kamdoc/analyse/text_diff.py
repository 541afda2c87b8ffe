"""Differences of two lists of words (or sentences) in near-linear time, with the work they may take capped.

A patience diff: what occurs exactly once on both sides anchors the match (the longest run of such words in the same
order), and the gaps between anchors are compared again the same way. Each gap costs its length, so ordinary edits cost
a few passes over the text; input that would need many passes (a text reversed, shuffled) runs out of its `Budget`
and the caller shows it as rewritten. difflib's SequenceMatcher is quadratic on exactly such input.
"""

from __future__ import annotations

import difflib
from bisect import bisect_left
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from kamdoc.limits import DIFF_STEPS_PER_WORD, MAX_DIFF_GAP

Opcode = tuple[str, int, int, int, int]
"""As difflib writes them: (tag, i1, i2, j1, j2), tag one of equal, replace, delete, insert."""


class TooMuchWork(Exception):
    """A diff needed more steps than its budget allows."""


@dataclass
class Budget:
    """The steps a diff may still take, and the steps it took (what the suite counts instead of time)."""

    left: int
    used: int = 0

    def spend(self, steps: int) -> None:
        """Take `steps` from the budget; past its end the diff stops."""
        self.used += steps
        self.left -= steps
        if self.left < 0:
            raise TooMuchWork


def budget_for(*lengths: int) -> Budget:
    """The budget of a diff of lists this long: a fixed number of steps per item, so that the work stays linear."""
    return Budget(DIFF_STEPS_PER_WORD * (sum(lengths) + 1))


def _unique_pairs(
    a: Sequence[Hashable], b: Sequence[Hashable], box: tuple[int, int, int, int]
) -> list[tuple[int, int]]:
    """(i, j) for each item found exactly once in a[alo:ahi] and once in b[blo:bhi], in the order of j."""
    alo, ahi, blo, bhi = box
    in_a: dict[Hashable, int] = {}
    for i in range(alo, ahi):
        in_a[a[i]] = -1 if a[i] in in_a else i
    in_b: dict[Hashable, int] = {}
    for j in range(blo, bhi):
        in_b[b[j]] = -1 if b[j] in in_b else j
    # A dict keeps the order of first insertion: the pairs come out in the order of b.
    return [(in_a[item], j) for item, j in in_b.items() if j >= 0 and in_a.get(item, -1) >= 0]


def _longest_run(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of pairs increasing in i (they already increase in j): patience sorting, O(k log k)."""
    tops: list[int] = []  # the smallest i ending a run of each length
    top_index: list[int] = []
    before = [-1] * len(pairs)
    for k, (i, _) in enumerate(pairs):
        place = bisect_left(tops, i)
        if place == len(tops):
            tops.append(i)
            top_index.append(k)
        else:
            tops[place] = i
            top_index[place] = k
        before[k] = top_index[place - 1] if place else -1
    run = []
    k = top_index[-1] if top_index else -1
    while k >= 0:
        run.append(pairs[k])
        k = before[k]
    return run[::-1]


def matches(a: Sequence[Hashable], b: Sequence[Hashable], budget: Budget) -> list[tuple[int, int]]:
    """Pairs (i, j) with a[i] == b[j], increasing in both: the items the two lists keep. Raises TooMuchWork past the budget."""
    pairs: list[tuple[int, int]] = []
    todo = [(0, len(a), 0, len(b))]  # a stack of gaps still to compare, never recursion
    while todo:
        alo, ahi, blo, bhi = todo.pop()
        start = len(pairs)
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            pairs.append((alo, blo))
            alo, blo = alo + 1, blo + 1
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi, bhi = ahi - 1, bhi - 1
            pairs.append((ahi, bhi))
        budget.spend(1 + len(pairs) - start)
        if alo == ahi or blo == bhi:
            continue
        budget.spend(ahi - alo + bhi - blo)
        anchors = _longest_run(_unique_pairs(a, b, (alo, ahi, blo, bhi)))
        budget.spend(len(anchors))
        i0, j0 = alo, blo
        for i, j in anchors:
            pairs.append((i, j))
            todo.append((i0, i, j0, j))
            i0, j0 = i + 1, j + 1
        if anchors:
            todo.append((i0, ahi, j0, bhi))
        elif (ahi - alo) * (
            bhi - blo
        ) <= MAX_DIFF_GAP:  # no anchor, but small: every word against every other, paid for
            budget.spend((ahi - alo) * (bhi - blo))
            pairs.extend(_every_pair(a, b, (alo, ahi, blo, bhi)))
        # A large gap without an anchor is one replacement: its words occur twice or more, or on one side only.
    pairs.sort()
    return pairs


def _every_pair(a: Sequence[Hashable], b: Sequence[Hashable], box: tuple[int, int, int, int]) -> list[tuple[int, int]]:
    """The longest common subsequence of a small gap, by difflib (quadratic, so only for gaps within MAX_DIFF_GAP)."""
    alo, ahi, blo, bhi = box
    if (
        ahi - alo == 1 or bhi - blo == 1
    ):  # one word on a side (a word replaced): where it recurs on the other, if it does
        found = [(i, j) for i in range(alo, ahi) for j in range(blo, bhi) if a[i] == b[j]]
        return found[:1]
    blocks = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False).get_matching_blocks()
    return [(alo + i + k, blo + j + k) for i, j, size in blocks for k in range(size)]


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable], budget: Budget) -> list[Opcode]:
    """How to turn `a` into `b`, as difflib's get_opcodes() says it. Raises TooMuchWork past the budget."""
    out: list[Opcode] = []
    pairs = matches(a, b, budget)
    i = j = k = 0
    while k < len(pairs):
        si, sj = pairs[k]
        size = 1
        while k + size < len(pairs) and pairs[k + size] == (si + size, sj + size):
            size += 1
        _gap(out, i, si, j, sj)
        out.append(("equal", si, si + size, sj, sj + size))
        i, j, k = si + size, sj + size, k + size
    _gap(out, i, len(a), j, len(b))
    return out


def _gap(out: list[Opcode], i1: int, i2: int, j1: int, j2: int) -> None:
    """The opcode of what lies between two equal blocks, if anything does."""
    if i1 < i2 and j1 < j2:
        out.append(("replace", i1, i2, j1, j2))
    elif i1 < i2:
        out.append(("delete", i1, i2, j1, j2))
    elif j1 < j2:
        out.append(("insert", i1, i2, j1, j2))


def similarity(a: Sequence[Hashable], b: Sequence[Hashable], budget: Budget) -> float:
    """How alike two lists are, as difflib's ratio(): twice the kept items over all items (0 past the budget)."""
    if not a and not b:
        return 1.0
    try:
        kept = len(matches(a, b, budget))
    except TooMuchWork:
        return 0.0
    return 2 * kept / (len(a) + len(b))
