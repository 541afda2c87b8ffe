"""A diff's work grows with what a pull request changes, never with its square: counted in steps, never timed."""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fuzz"))
import gen_diff  # noqa: E402 - the fuzz generators of big rewrites
import pytest  # noqa: E402

from kamdoc.analyse import text_diff  # noqa: E402
from kamdoc.analyse.diff import Change, Work, compare_written, describe, word_diff  # noqa: E402


def _swot_steps(items: int) -> tuple[int, list[Change]]:
    """The steps of comparing a SWOT quadrant of this many sentences, each reworded, and the changes found."""
    old, new = gen_diff.edited_items(random.Random(items), items)
    work = Work()
    changes = compare_written({"swot": {"strengths": old}}, {"swot": {"strengths": new}}, work)
    return work.steps, changes


def _text_steps(words: int, seed: int) -> int:
    """The steps of a word diff of a text of this many words and a rewrite of it."""
    old, new = gen_diff.prose(random.Random(seed), words), gen_diff.prose(random.Random(seed + 1), words)
    work = Work()
    word_diff(old, new, work)
    return work.steps


def test_matching_edited_list_items_grows_linearly() -> None:
    small, changes = _swot_steps(500)
    large, _ = _swot_steps(1000)
    assert large < 2.5 * small, (small, large)
    # Each reworded sentence is one change, paired with its new wording, not a removal and an addition.
    assert len(changes) > 450 and {c.kind for c in changes} == {"changed"}
    assert all(" {+" in describe(c) or " → " in describe(c) for c in changes)


def test_word_diff_of_a_rewritten_text_grows_linearly() -> None:
    for seed in range(3):
        small, large = _text_steps(5_000, seed), _text_steps(10_000, seed)
        assert large < 2.5 * small, (seed, small, large)


def test_a_text_past_the_cap_is_shown_as_rewritten(monkeypatch: pytest.MonkeyPatch) -> None:
    old, new = gen_diff.prose(random.Random(7), 2_000), gen_diff.prose(random.Random(8), 2_000)
    assert not word_diff(old, new).startswith("rewritten")
    monkeypatch.setattr(text_diff, "DIFF_STEPS_PER_WORD", 1)  # a cap this low: any real rewrite passes it
    work = Work()
    shown = word_diff(old, new, work)
    assert shown == "rewritten: [-" + " ".join(old.split()) + "-] {+" + " ".join(new.split()) + "+}"
    assert work.steps < 2 * 4_001  # it stopped at the cap


def test_a_small_edit_is_still_a_word_diff() -> None:
    old = gen_diff.prose(random.Random(3), 5_000)
    words = old.split()
    words[2_500] = "zeppelin"
    shown = word_diff(old, " ".join(words))
    assert "{+zeppelin+}" in shown and shown.count("[-") == 1 and not shown.startswith("rewritten")


def test_gen_diff_makes_two_different_versions() -> None:
    rng = random.Random(11)
    for _ in range(20):
        old, new = gen_diff.rewrite(rng, 300)
        assert old != new and len(old.split()) >= 300
        assert word_diff(old, new)  # something to show, whatever the kind
    old_items, new_items = gen_diff.edited_items(rng, 30)
    assert len(old_items) == len(new_items) == 30 and set(old_items) != set(new_items)


def _nested(depth: int, leaf: str) -> dict[str, object]:
    """A value `depth` levels deep, made without recursion: what no plan has, and what the walks must take all the same."""
    value: dict[str, object] = {"text": leaf}
    for level in range(depth):
        value = {f"level{level}": value} if level % 2 else {"items": [value]}
    return value


def test_the_diff_and_textconv_walk_deep_data_without_recursion() -> None:
    """Both walks over a plan's data keep their own stack: a value 1,000 levels deep under a recursion limit of 200."""
    from kamdoc.analyse.canonical import canonical_lines

    old, new = {"profile": _nested(1_000, "before")}, {"profile": _nested(1_000, "after")}
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(200)
    try:
        changes = compare_written(old, new)
        lines = canonical_lines(new)
    finally:
        sys.setrecursionlimit(limit)
    assert [(c.kind, c.old, c.new) for c in changes] == [("changed", "before", "after")]
    assert len(lines.splitlines()) == 1 and lines.rstrip().endswith('text = "after"')


def test_the_diff_keeps_the_order_of_the_plan() -> None:
    """Changes come in the order the plan has its fields and items: a stack of its own must not turn them round."""
    old = {"profile": {"name": "A", "region": "North", "goals": ["x"]}}
    new = {"profile": {"name": "B", "region": "South", "goals": ["x", "y"], "extra": "z"}}
    assert [c.where for c in compare_written(old, new)] == [
        "profile: name",
        "profile: region",
        "profile: goals",
        "profile: extra",
    ]
