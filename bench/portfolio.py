"""Benchmark: `kamdoc portfolio` over 200 plans (copies of the examples with varied revenue), deck in pptx+pdf, and `kamdoc health`.

Prints wall times of whole processes (the best of several runs), in a git repository so that commit ages are read too.
Run: python bench/portfolio.py [--plans 200] [--runs 3]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _timing import ROOT, best_of, compile_kamdoc


def make_repo(repo: Path, count: int) -> None:
    """`count` plans made from the examples: their own account names, and revenue spread like a real portfolio (a few large ones)."""
    examples = sorted(p for p in (ROOT / "plans").iterdir() if p.is_dir())
    shutil.copy(ROOT / "plans" / "kamdoc.yaml", repo / "kamdoc.yaml")
    for i in range(count):
        folder = repo / "plans" / f"account-{i:03}"
        shutil.copytree(examples[i % len(examples)], folder)
        plan = folder / "plan.yaml"
        text = plan.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^  account: (.*)$", lambda m: f"  account: {m.group(1)} {i:03}", text, count=1)
        scale = 1 / (1 + i % 37)  # revenue from 1x down to 1/37 of the example's
        text = re.sub(
            r"(?m)^(\s+actual: \{)([^}]*)\}",
            lambda m: (
                m.group(1)
                + ", ".join(
                    f"{year}: {float(amount) * scale:.1f}"
                    for year, amount in (pair.split(":") for pair in m.group(2).split(","))
                )
                + "}"
            ),
            text,
        )
        plan.write_text(text, encoding="utf-8")
    git = ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.com", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "plans"], cwd=repo, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    compile_kamdoc()
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        make_repo(repo, args.plans)
        kamdoc = [sys.executable, "-m", "kamdoc"]
        full = best_of(args.runs, [*kamdoc, "portfolio", "plans", "--to", "pptx,pdf", "--out", "out"], repo)
        table = best_of(args.runs, [*kamdoc, "portfolio", "plans", "--no-deck"], repo)
        health = best_of(args.runs, [*kamdoc, "health", "plans"], repo)
        slides = subprocess.run(
            ["pdfinfo", str(repo / "out" / "portfolio.pdf")], capture_output=True, text=True, check=False
        ).stdout
        pages = next((line.split()[-1] for line in slides.splitlines() if line.startswith("Pages:")), "?")
    print(f"kamdoc portfolio, {args.plans} plans, deck pptx+pdf: {full:6.2f} s  (target < 10 s; {pages} slides)")
    print(f"the table alone (--no-deck):              {table:6.2f} s")
    print(f"kamdoc health, {args.plans} plans:              {health:6.2f} s")


if __name__ == "__main__":
    main()
