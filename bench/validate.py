"""Benchmark: `kamdoc validate` on 200 plan folders (copies of the German example), beside check-jsonschema.

Prints wall times of whole processes (the best of several runs), as a user or CI meets them.
Run: python bench/validate.py [--plans 200] [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from _timing import ROOT, best_of, compile_kamdoc

EXAMPLE = ROOT / "plans" / "brenner-werke"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    compile_kamdoc()
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        (repo / ".git").mkdir()
        for i in range(args.plans):
            shutil.copytree(EXAMPLE, repo / "plans" / f"account-{i:03}")
        shutil.copy(ROOT / "plans" / "kap.schema.json", repo / "plans")
        plan_files = [str(p) for p in sorted((repo / "plans").glob("*/plan.yaml"))]
        ours = best_of(args.runs, [sys.executable, "-m", "kamdoc", "validate", "plans"], repo)
        print(
            f"kamdoc validate, {args.plans} plans:          {ours:6.2f} s  ({ours / args.plans * 1000:.1f} ms per plan; target < 2 s)"
        )
        checker = shutil.which("check-jsonschema")
        if checker:
            theirs = best_of(args.runs, [checker, "--schemafile", "plans/kap.schema.json", *plan_files], repo)
            print(
                f"check-jsonschema, same files and schema: {theirs:6.2f} s  (schema only: no rules, files or positions)"
            )
            print(f"ratio kamdoc / check-jsonschema:         {ours / theirs:6.2f}")
        else:
            print("check-jsonschema is not installed: pip install check-jsonschema")


if __name__ == "__main__":
    main()
