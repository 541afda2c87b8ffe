"""Benchmark: `kamdoc render` (pptx, pdf, both) on the German example as whole processes, beside pandoc on the same content.

Prints the best wall time of several runs. When pandoc is installed, the same slides (titles, text,
tables) are written as Markdown and converted by `pandoc -o deck.pptx`, and the ratio is printed.
Run: python bench/render.py [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

from _timing import ROOT, best_of, compile_kamdoc

PLAN = ROOT / "plans" / "brenner-werke"




def as_markdown() -> str:
    """The deck's slides as pandoc slide Markdown: one `#` heading per slide, text and tables."""
    sys.path.insert(0, str(ROOT))
    from kamdoc.outline.plan_deck import build_outline
    from kamdoc.outline.deck import Table, Text
    from kamdoc.theme.settings import load_theme
    from kamdoc.validate.plan import validate_file

    result = validate_file(PLAN / "plan.yaml", date.today())
    assert result.plan and result.doc
    deck = build_outline(result.plan, result.doc, load_theme())
    out = []
    for slide in deck.slides:
        out.append(f"# {slide.title}\n")
        for element in slide.elements:
            if isinstance(element, Text):
                out += [("- " if p.bullet else "") + p.text + "\n" for p in element.paras]
            elif isinstance(element, Table) and element.has_header:
                out.append("| " + " | ".join(element.header) + " |")
                out.append("|" + "---|" * len(element.header))
                out += ["| " + " | ".join(c.replace("|", "/") for c in row) + " |" for row in element.rows]
                out.append("")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    compile_kamdoc()
    with tempfile.TemporaryDirectory() as tmp:
        ours = best_of(args.runs, [sys.executable, "-m", "kamdoc", "render", "--to", "pptx", str(PLAN), "--out", tmp])
        print(f"kamdoc render --to pptx, German example: {ours:6.2f} s  (target < 0.6 s)")
        pdf = best_of(args.runs, [sys.executable, "-m", "kamdoc", "render", "--to", "pdf", str(PLAN), "--out", tmp])
        print(f"kamdoc render --to pdf:                  {pdf:6.2f} s  (target < 1.4 s)")
        both = best_of(args.runs, [sys.executable, "-m", "kamdoc", "render", "--to", "pptx,pdf", str(PLAN), "--out", tmp])
        print(f"kamdoc render --to pptx,pdf:             {both:6.2f} s  (target < 1.7 s; one outline for both)")
        pandoc = shutil.which("pandoc")
        if pandoc:
            source = Path(tmp) / "deck.md"
            source.write_text(as_markdown(), encoding="utf-8")
            theirs = best_of(args.runs, [pandoc, str(source), "-o", str(Path(tmp) / "pandoc.pptx")])
            print(f"pandoc, the same slides as Markdown:     {theirs:6.2f} s  (text and tables only: no charts, no power map, no fitting)")
            print(f"ratio kamdoc / pandoc:                   {ours / theirs:6.2f}")
        else:
            print("pandoc is not installed (apt-get install pandoc) — no comparison")


if __name__ == "__main__":
    main()
