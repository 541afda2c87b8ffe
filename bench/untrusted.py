"""Benchmark: `kamdoc validate` of a plan with 30,000 people in one reporting chain, and in one reporting cycle; `kamdoc render`
of organisations of every shape at the caps.

The size limit of a plan (2 MB) allows about 30,000 people; validation must stay linear in them (target < 2 s) and refuse
them (the cap is 2,000). Rendering 250, 500 and 1,000 people in chains must grow about linearly (ratios near 2), and each
shape at the caps (2,000 people in chains 50 deep, under one manager, with 2,000 ties, everyone influencing everyone
within the ties' cap) must render to PowerPoint and PDF in well under 30 s.
Prints wall times of whole processes (the best of several runs).
Run: python bench/untrusted.py [--people 30000] [--runs 3] [--no-render]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from _timing import ROOT, best_of, compile_kamdoc

sys.path.insert(0, str(ROOT / "tests"))
from big_plans import chain_plan, chains, everyone_influences_everyone, org_text, wide, write_plan  # noqa: E402 - the tests' generator of huge plans

from kamdoc.limits import MAX_LINKS, MAX_PEOPLE, MAX_REPORTING_DEPTH  # noqa: E402

SHAPES = {
    f"{MAX_PEOPLE:,} people in chains {MAX_REPORTING_DEPTH} deep": (chains(MAX_PEOPLE, MAX_REPORTING_DEPTH), []),
    f"one manager with {MAX_PEOPLE - 1:,} reports": (wide(MAX_PEOPLE), []),
    f"{MAX_PEOPLE:,} people, {MAX_LINKS:,} ties": (
        chains(MAX_PEOPLE, 20),
        [(i % MAX_PEOPLE, (i * 7 + 3) % MAX_PEOPLE) for i in range(MAX_LINKS)],
    ),
    f"{int(MAX_LINKS**0.5)} of {MAX_PEOPLE:,} influence each other": (
        wide(MAX_PEOPLE, 40),
        everyone_influences_everyone(int(MAX_LINKS**0.5)),
    ),
}
"""Organisations at the caps, each of a shape that once made the power map's layout slow or deep."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-render", action="store_true", help="time validation only")
    args = parser.parse_args()
    compile_kamdoc()
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        (repo / ".git").mkdir()
        for cycle in (False, True):
            plan = chain_plan(repo / ("cycle" if cycle else "chain"), args.people, cycle=cycle)
            seconds = best_of(
                args.runs,
                [sys.executable, "-m", "kamdoc", "validate", str(plan), "--today", "2026-11-22"],
                repo,
                expect=1,
            )  # refused: over the cap on people
            what = "one reporting cycle" if cycle else "one reporting chain"
            print(
                f"kamdoc validate, {args.people:,} people in {what}: {seconds:5.2f} s  (target < 2 s; {plan.stat().st_size / 1e6:.1f} MB)"
            )
        if not args.no_render:
            _render(repo, args.runs)


def _render(repo: Path, runs: int) -> None:
    """Time `kamdoc render --to pptx,pdf` of chains of growing length, then of every shape at the caps."""

    def seconds(name: str, bosses: list[int | None], links: list[tuple[int, int]]) -> float:
        plan = write_plan(repo / name, org_text(bosses, [(a, b) for a, b in links if a != b]))
        command = [
            sys.executable,
            "-m",
            "kamdoc",
            "render",
            str(plan.parent),
            "--to",
            "pptx,pdf",
            "--out",
            str(repo / "out"),
            "--today",
            "2026-11-22",
        ]
        return best_of(runs, command, repo)

    before = 0.0
    for people in (250, 500, 1000):
        took = seconds(f"chains{people}", chains(people, MAX_REPORTING_DEPTH), [])
        ratio = f"  ({took / before:.1f}x half as many; target about 2x)" if before else ""
        print(
            f"kamdoc render --to pptx,pdf, {people:,} people in chains {MAX_REPORTING_DEPTH} deep: {took:5.2f} s{ratio}"
        )
        before = took
    for i, (what, (bosses, links)) in enumerate(SHAPES.items()):
        print(
            f"kamdoc render --to pptx,pdf, {what}: {seconds(f'shape{i}', bosses, links):5.2f} s  (target well under 30 s)"
        )


if __name__ == "__main__":
    main()
