"""Benchmark: `kamdoc build` of 20 plans (pptx+pdf) with -j 2 and -j 1, and a rebuild after touching one plan.

Prints wall times of whole processes and the peak memory of the largest process (a worker).
Run: python bench/build.py [--plans 20]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from _timing import ROOT, best_of, compile_kamdoc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=20)
    args = parser.parse_args()
    compile_kamdoc()
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        (repo / ".git").mkdir()
        examples = sorted(p for p in (ROOT / "plans").iterdir() if p.is_dir())
        for i in range(args.plans):
            shutil.copytree(examples[i % len(examples)], repo / "plans" / f"account-{i:02}")
        build = [sys.executable, "-m", "kamdoc", "build", "plans", "--to", "pptx,pdf"]
        parallel = best_of(1, [*build, "-j", "2", "--out", "out-j2"], repo)
        serial = best_of(1, [*build, "-j", "1", "--out", "out-j1"], repo)
        plan = repo / "plans" / f"account-{min(3, args.plans - 1):02}" / "plan.yaml"
        rebuilds = []
        for word in ("Streng", "Sehr", "Nur"):  # the median of three: this shared machine's timings vary by a few tenths
            plan.write_text(plan.read_text(encoding="utf-8").replace("confidentiality: ", f"confidentiality: {word} ", 1), encoding="utf-8")
            rebuilds.append(best_of(1, [*build, "-j", "2", "--out", "out-j2"], repo))
        rebuild = statistics.median(rebuilds)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"kamdoc build, {args.plans} plans, pptx+pdf, -j 2: {parallel:6.2f} s")
    print(f"the same with -j 1:                       {serial:6.2f} s  (speed-up {serial / parallel:.2f}x; target >= 1.7x)")
    print(f"rebuild after touching one plan:          {rebuild:6.2f} s  (target < 2 s; median of 3: {', '.join(f'{t:.2f}' for t in rebuilds)})")
    print(f"peak memory of the largest process:       {peak:6.0f} MB (target < 300 MB per worker)")


if __name__ == "__main__":
    main()
