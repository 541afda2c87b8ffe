"""Benchmark: `kamdoc validate` of a plan with 30,000 people in one reporting chain, and in one reporting cycle.

The size limit of a plan (2 MB) allows about that many; the work must stay linear in them (target < 2 s).
Prints wall times of whole processes (the best of several runs).
Run: python bench/untrusted.py [--people 30000] [--runs 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from _timing import ROOT, best_of, compile_kamdoc

sys.path.insert(0, str(ROOT / "tests"))
from big_plans import chain_plan  # noqa: E402 - the tests' generator of huge plans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    compile_kamdoc()
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        (repo / ".git").mkdir()
        for cycle in (False, True):
            plan = chain_plan(repo / ("cycle" if cycle else "chain"), args.people, cycle=cycle)
            seconds = best_of(args.runs, [sys.executable, "-m", "kamdoc", "validate", str(plan), "--today", "2026-11-22"], repo, expect=1 if cycle else 0)
            what = "one reporting cycle" if cycle else "one reporting chain"
            print(f"kamdoc validate, {args.people:,} people in {what}: {seconds:5.2f} s  (target < 2 s; {plan.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
