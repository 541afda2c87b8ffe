"""Benchmark: `kamdoc history` of 200 plans with 8 versions each (an example plan copied 200 times, eight commits that
each change every plan), beside `git log -p` over the same plans, as whole processes.

Prints the wall times (best of 3): cold (an empty cache each run), warm (every revision cached), and `git log -p`
beside them, with the goals: under 10 s cold and under 2 s warm on two cores.
Run: python bench/history.py [--plans 200] [--versions 8]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _timing import ROOT, best_of, compile_kamdoc

GOAL, WARM_GOAL = 10.0, 2.0
"""Seconds for all plans' histories on two cores, from nothing cached, and with every revision cached."""


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "b@example.com"}
    env |= {"GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "b@example.com"}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def make_repo(repo: Path, plans: int, versions: int) -> None:
    """`plans` copies of the small test plan, then `versions` - 1 commits that each move every plan on."""
    base = ROOT / "tests" / "data" / "base"
    for i in range(plans):
        shutil.copytree(base, repo / "plans" / f"account-{i:03}")
        plan = repo / "plans" / f"account-{i:03}" / "plan.yaml"
        text = plan.read_text(encoding="utf-8")
        plan.write_text(re.sub(r"version: \d{4}-\d{2}-\d{2}", "version: 2026-01-01", text, count=1), encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "version 1")
    for v in range(2, versions + 1):
        for i in range(plans):
            plan = repo / "plans" / f"account-{i:03}" / "plan.yaml"
            text = plan.read_text(encoding="utf-8")
            text = re.sub(r"plan: \{2026: \d+", f"plan: {{2026: {780 + v}", text, count=1)  # the planned 2026 moves
            text = re.sub(r"version: \d{4}-\d{2}-\d{2}", f"version: 2026-{v:02}-01", text, count=1)
            plan.write_text(text, encoding="utf-8")
        _git(repo, "commit", "-qam", f"version {v}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=200)
    parser.add_argument("--versions", type=int, default=8)
    args = parser.parse_args()
    compile_kamdoc()
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        make_repo(repo, args.plans, args.versions)
        history = [sys.executable, "-m", "kamdoc", "history", "plans", "--by", "commit", "--format", "json"]
        cold = min(_timed(history, repo, Path(tmp) / f"cold-{n}") for n in range(3))
        _timed(history, repo, Path(tmp) / "warm")  # fills the cache
        warm = min(_timed(history, repo, Path(tmp) / "warm") for _ in range(3))
        git = best_of(3, ["git", "log", "-p", "--", "plans"], repo)
    print(
        f"kamdoc history, {args.plans} plans x {args.versions} versions, cold: {cold:6.2f} s  (goal under {GOAL:.0f} s)"
    )
    print(f"the same, warm (every revision cached):      {warm:6.2f} s  (goal under {WARM_GOAL:.0f} s)")
    print(
        f"git log -p over the same plans:              {git:6.2f} s  (kamdoc cold {cold / git:.0f}x, warm {warm / git:.0f}x git)"
    )


def _timed(command: list[str], repo: Path, cache: Path) -> float:
    """One run's wall time with its own cache folder."""
    start = time.perf_counter()
    done = subprocess.run(
        command, cwd=repo, capture_output=True, env={**os.environ, "XDG_CACHE_HOME": str(cache)}, check=False
    )
    if done.returncode != 0:
        sys.exit(done.stderr.decode()[-2000:])
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
