"""Benchmark: a programme of 1,000 plans built as CI does it — in N shards, merged — beside one build, and after one edit.

Checks on the way (and stops if one fails): the shards partition the plans exactly, the merged manifest is
the very file one build writes, and a second run of every shard after one plan's edit renders that plan only.
Prints wall times of whole processes (pptx; plans made with `kamdoc new`, so each is small).
Run: python bench/shards.py [--plans 1000] [--shards 4]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _timing import compile_kamdoc


def run(command: list[str], cwd: Path) -> tuple[float, str]:
    """A kamdoc process's wall time and what it said on stderr (the build summary)."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "kamdoc", *command], cwd=cwd, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.exit(f"kamdoc {' '.join(command[:4])} … failed:\n{done.stderr[-2000:]}")
    return time.perf_counter() - start, done.stderr


def plans_in(folder: Path) -> set[str]:
    return {entry["plan"] for entry in json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["plans"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--shards", type=int, default=4)
    args = parser.parse_args()
    compile_kamdoc()
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        (repo / ".git").mkdir()
        run(["new", "account-0000", "--plans-dir", "plans"], repo)
        for i in range(1, args.plans):
            shutil.copytree(repo / "plans" / "account-0000", repo / "plans" / f"account-{i:04}")
        build = ["build", "plans", "--to", "pptx", "-j", "2"]
        single, _ = run([*build, "--out", "single"], repo)
        parts, times = [], []
        for index in range(1, args.shards + 1):
            seconds, _ = run([*build, "--out", f"part-{index}", "--shard", f"{index}/{args.shards}"], repo)
            times.append(seconds)
            parts.append(plans_in(repo / f"part-{index}"))
        every = plans_in(repo / "single")
        assert sum(map(len, parts)) == len(every) == args.plans and set().union(*parts) == every, (
            "the shards do not partition the plans"
        )
        merge, _ = run(
            ["build", *[x for i in range(1, args.shards + 1) for x in ("--merge", f"part-{i}")], "--out", "merged"],
            repo,
        )
        single_text = (repo / "single" / "manifest.json").read_text(encoding="utf-8").replace('"single/', '"merged/')
        assert (repo / "merged" / "manifest.json").read_text(encoding="utf-8") == single_text, (
            "the merged manifest differs from one build's"
        )
        plan = (
            repo / "plans" / "account-0500" / "plan.yaml"
            if args.plans > 500
            else repo / "plans" / "account-0000" / "plan.yaml"
        )
        plan.write_text(plan.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
        again, built = [], 0
        for index in range(1, args.shards + 1):
            seconds, said = run([*build, "--out", f"part-{index}", "--shard", f"{index}/{args.shards}"], repo)
            again.append(seconds)
            built += int(re.search(r"(\d+) built", said).group(1))  # type: ignore[union-attr]
        assert built == 1, f"{built} plans rendered after one edit"
        sizes = [len(p) for p in parts]
    print(
        f"{args.plans} plans (pptx), {args.shards} shards of {min(sizes)}–{max(sizes)} plans: each plan in exactly one shard"
    )
    print(f"one build of all plans, -j 2:             {single:7.1f} s")
    print(
        f"the shards one after another, -j 2 each:  {sum(times):7.1f} s  (longest shard {max(times):.1f} s: the CI wall time with a runner each)"
    )
    print(
        f"merge of the {args.shards} folders:                {merge:7.1f} s  (its manifest is byte for byte the one build's)"
    )
    print(
        f"every shard again after one edit:         {sum(again):7.1f} s  (1 plan rendered; longest shard {max(again):.1f} s)"
    )


if __name__ == "__main__":
    main()
