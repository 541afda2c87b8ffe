"""Benchmark: `kamdoc diff` of pull requests that change a lot: a long text rewritten, 1,000 SWOT sentences reworded,
and plans of about 2 MB whose every text was rewritten or reworded.

The work must stay near-linear in what a pull request changes (target < 2 s each). Prints wall times of whole
processes (the best of several runs), each comparing two commits of a plans repository.
Run: python bench/diff.py [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _timing import ROOT, best_of, compile_kamdoc

sys.path.insert(0, str(ROOT / "tests" / "fuzz"))
from gen_diff import prose, zipf_prose  # noqa: E402 - the tests' generator of big rewrites

BASE = ROOT / "tests" / "data" / "base"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.email=b@example.com", "-c", "user.name=B", *args],
        check=True,
        capture_output=True,
    )


def _plan(folder: Path, strengths: list[str], market: str) -> None:
    """The base plan with these SWOT strengths and this market text (in market.md)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(BASE / "logo.png", folder / "logo.png")
    (folder / "market.md").write_text(market, encoding="utf-8")
    listed = "".join(f"    - {s!r}\n".replace("\\n", " ") for s in strengths)
    text = (BASE / "plan.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  strengths: .*$", "  strengths:\n" + listed.rstrip("\n"), text, count=1)
    (folder / "plan.yaml").write_text(text, encoding="utf-8")


def _case(root: Path, name: str, before: tuple[list[str], str], after: tuple[list[str], str]) -> tuple[Path, int]:
    """A repository of one plan in two commits; its size in bytes after."""
    repo = root / name
    folder = repo / "plans" / "oakridge"
    _plan(folder, *before)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "before")
    _plan(folder, *after)
    _git(repo, "commit", "-qam", "after")
    return repo, (folder / "plan.yaml").stat().st_size + (folder / "market.md").stat().st_size


def _reworded(rng: random.Random, sentence: str) -> str:
    """A sentence with one word replaced."""
    words = sentence.split()
    words[rng.randrange(len(words))] = "reworded"
    return " ".join(words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    compile_kamdoc()
    rng = random.Random(29)
    short = "The market grows."
    sentences = [" ".join(prose(rng, 20).split()) for _ in range(1_000)]
    big = [
        " ".join(prose(rng, 420).split()) for _ in range(1_000)
    ]  # long SWOT sentences: 650 of them and the market text fill 2 MB
    cases = [
        ("one 40 KB text rewritten", ([], prose(rng, 6_000)), ([], prose(rng, 6_000))),
        (
            "one 100,000-character text of real prose's vocabulary rewritten",
            ([], zipf_prose(rng, 15_000)),
            ([], zipf_prose(rng, 15_000)),
        ),
        ("1,000 SWOT sentences reworded", (sentences, short), ([_reworded(rng, s) for s in sentences], short)),
        ("every text of a ~2 MB plan rewritten", (big[:600], prose(rng, 14_000)), (big[350:], prose(rng, 14_000))),
        (
            "every sentence of a ~2 MB plan reworded",
            (big[:650], short),
            ([_reworded(rng, s) for s in big[:650]], short),
        ),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for i, (what, before, after) in enumerate(cases):
            repo, size = _case(Path(tmp), f"case{i}", before, after)
            seconds = best_of(
                args.runs, [sys.executable, "-m", "kamdoc", "diff", "HEAD~1", "HEAD", "--today", "2026-11-22"], repo
            )
            print(
                f"kamdoc diff, {what}: {seconds:6.2f} s  (target < 2 s; the plan and its market text: {size / 1e6:.2f} MB)"
            )


if __name__ == "__main__":
    main()
