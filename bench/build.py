"""Benchmark: `kamdoc build` of 20 plans (pptx+pdf) with -j 2 and -j 1, and a rebuild after touching one plan.

Prints wall times of whole processes and the peak memory of the largest process (a worker). With --memory N,
builds N plans (pptx+pdf, -j 2) once instead and prints the peak resident memory of the parent process and of the
largest worker, watched through /proc (Linux): flat memory means the workers do not grow with the plans they render.
Run: python bench/build.py [--plans 20] [--memory 200]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from _timing import ROOT, best_of, compile_kamdoc, memory_of


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=20)
    parser.add_argument(
        "--memory", type=int, metavar="N", help="build N plans once and print the memory of the parent and the workers"
    )
    args = parser.parse_args()
    compile_kamdoc()
    if args.memory:
        memory(args.memory)
        return
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
        for word in (
            "Streng",
            "Sehr",
            "Nur",
        ):  # the median of three: this shared machine's timings vary by a few tenths
            plan.write_text(
                plan.read_text(encoding="utf-8").replace("confidentiality: ", f"confidentiality: {word} ", 1),
                encoding="utf-8",
            )
            rebuilds.append(best_of(1, [*build, "-j", "2", "--out", "out-j2"], repo))
        rebuild = statistics.median(rebuilds)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"kamdoc build, {args.plans} plans, pptx+pdf, -j 2: {parallel:6.2f} s")
    print(
        f"the same with -j 1:                       {serial:6.2f} s  (speed-up {serial / parallel:.2f}x; target >= 1.7x)"
    )
    print(
        f"rebuild after touching one plan:          {rebuild:6.2f} s  (target < 2 s; median of 3: {', '.join(f'{t:.2f}' for t in rebuilds)})"
    )
    print(f"peak memory of the largest process:       {peak:6.0f} MB (target < 300 MB per worker)")


def memory(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        (repo / ".git").mkdir()
        examples = sorted(p for p in (ROOT / "plans").iterdir() if p.is_dir()) + [ROOT / "tests" / "data" / "stress"]
        for i in range(count):
            shutil.copytree(examples[i % len(examples)], repo / "plans" / f"account-{i:03}")
        seconds, parent, worker, workers = memory_of(
            [sys.executable, "-m", "kamdoc", "build", "plans", "--to", "pptx,pdf", "-j", "2"], repo
        )
    print(
        f"kamdoc build, {count} plans (the two examples and the stress plan in turn), pptx+pdf, -j 2: {seconds:6.1f} s"
    )
    print(f"peak memory of the parent:          {parent:6.0f} MB (goal < 150 MB)")
    print(f"peak memory of the largest worker:  {worker:6.0f} MB (goal < 300 MB; {workers} worker processes seen)")


if __name__ == "__main__":
    main()
