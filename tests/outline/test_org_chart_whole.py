"""A chart found not to fit one slide without laying it out is one that laid out would take more than one."""

from __future__ import annotations

import random

from kamdoc.outline.org_chart import Layout, Planner, pack


def _planner(seed: int) -> Planner:
    """A random forest (several trees, a few people alone) with random box heights, on a random slide."""
    rnd = random.Random(seed)
    people = rnd.randrange(2, 40)
    bosses = [None if i == 0 or rnd.random() < 0.1 else rnd.randrange(i) for i in range(people)]
    children: dict[str, list[str]] = {f"p{i}": [] for i in range(people)}
    for i, boss in enumerate(bosses):
        if boss is not None:
            children[f"p{boss}"].append(f"p{i}")
    roots = [f"p{i}" for i, boss in enumerate(bosses) if boss is None]
    heights = {pid: rnd.choice((30.0, 45.0, 60.0, 300.0 if rnd.random() < 0.05 else 40.0)) for pid in children}
    layout = Layout(children, heights, rnd.choice((100.0, 140.0, 180.0)))
    forest = children, [r for r in roots if children[r]], [r for r in roots if not children[r]]
    width, height = rnd.choice((400.0, 650.0, 900.0)), rnd.choice((250.0, 380.0, 600.0))
    return Planner(forest, layout, width, height, lambda node, branch: f"under {node}", lambda text, w: 20.0, "alone")


def test_a_chart_whole_is_laid_out_as_always_and_one_cut_takes_more_than_one_slide() -> None:
    outcomes = set()
    for seed in range(300):
        quick, full = _planner(seed), _planner(seed)
        whole, blocks = quick.whole(), full.blocks()
        pages = pack(blocks, full.width, full.height)
        if whole is None:
            assert len(pages) > 1, seed
        else:
            assert repr(whole) == repr(blocks), seed
        outcomes.add((whole is None, len(pages) == 1))
    assert outcomes >= {(True, False), (False, True), (False, False)}  # each case was met


def test_a_tree_of_one_level_too_tall_for_any_slide_still_stands_on_one() -> None:
    children: dict[str, list[str]] = {"boss": ["report"], "report": []}
    planner = Planner(
        (children, ["boss"], []),
        Layout(children, {"boss": 200.0, "report": 200.0}, 150.0),
        600.0,
        300.0,
        lambda node, branch: "",
        lambda text, w: 0.0,
        "",
    )
    whole = planner.whole()
    assert whole is not None and len(pack(whole, 600.0, 300.0)) == 1  # uncut: drawn as it is, as before
