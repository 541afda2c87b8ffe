"""Benchmark: what `kamdoc render --to pptx` imports, from `python -X importtime`, with the largest entries.

Prints the import time in all, the modules that cost most by themselves and with what they import, and
whether the libraries a PowerPoint deck does not need were left alone (WeasyPrint, Jinja2, the diff).
Run: python bench/imports.py [--plan plans/brenner-werke] [--top 15]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from _timing import ROOT, compile_kamdoc

NOT_FOR_PPTX = ("weasyprint", "jinja2", "kamdoc.analyse.diff", "kamdoc.render.pdf", "starlette", "uvicorn")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plan", type=Path, default=ROOT / "plans" / "brenner-werke")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    compile_kamdoc()
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            [
                sys.executable,
                "-X",
                "importtime",
                "-m",
                "kamdoc",
                "render",
                "--to",
                "pptx",
                str(args.plan),
                "--out",
                tmp,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode != 0:
        sys.exit(done.stderr[-2000:])
    rows = []  # (self µs, cumulative µs, depth, module)
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = line[len("import time:") :].split("|")
        rows.append((int(own), int(cumulative), (len(name) - len(name.lstrip())) // 2, name.strip()))
    total = sum(own for own, _, _, _ in rows)
    print(f"kamdoc render --to pptx {args.plan.name}: {len(rows)} modules imported in {total / 1000:.0f} ms")
    print("\nlargest by themselves (ms):")
    for own, cumulative, _, name in sorted(rows, reverse=True)[: args.top]:
        print(f"  {own / 1000:6.1f}  {name}")
    print("\nlargest with what they import (ms), top-level imports of kamdoc's modules and libraries:")
    firsts = [r for r in rows if r[3].startswith("kamdoc") or r[2] <= 1]
    for _, cumulative, _, name in sorted(firsts, key=lambda r: -r[1])[: args.top]:
        print(f"  {cumulative / 1000:6.1f}  {name}")
    names = {name for *_, name in rows}
    print(
        "\nleft alone: "
        + ", ".join(
            f"{m} {'no, imported' if any(n == m or n.startswith(m + '.') for n in names) else 'yes'}"
            for m in NOT_FOR_PPTX
        )
    )


if __name__ == "__main__":
    main()
