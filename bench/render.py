"""Benchmark: `kamdoc render` beside pandoc (PowerPoint) and Marp (PDF) on the same sections, as whole processes.

For each plan (the German example, and the stress plan with 60 people and 25 products) the deck's slides —
titles, text and tables — are written as slide Markdown; pandoc makes a PPTX of it, Marp CLI a PDF (in the
machine's Chromium). Each command runs 5 times, in turns (kamdoc, peer, kamdoc, peer, …, so that the machine's
drift hits both alike); the medians and their ratios are printed with the goals (PPTX at most 3× pandoc, PDF
at most 0.7× Marp). The peers draw less: no charts, no power map, nothing fitted.
Run: python bench/render.py [--runs 5] [--marp PATH]   (pandoc: apt-get install pandoc; Marp: npm install --prefix bench/tools)
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from _timing import ROOT, compile_kamdoc

PLANS = {"German example": ROOT / "plans" / "brenner-werke", "stress plan": ROOT / "tests" / "data" / "stress"}
MARP = ROOT / "bench" / "tools" / "node_modules" / ".bin" / "marp"
CHROMIUM = "/usr/bin/chromium"
GOALS = {"pptx": 3.0, "pdf": 0.7}


def as_markdown(plan: Path) -> str:
    """The deck's slides as slide Markdown: one `#` heading per slide, its text and tables."""
    sys.path.insert(0, str(ROOT))
    from kamdoc.outline.deck import Table, Text
    from kamdoc.outline.plan_deck import build_outline
    from kamdoc.theme.settings import load_theme
    from kamdoc.validate.plan import validate_file

    result = validate_file(plan / "plan.yaml", date.today())
    assert result.plan and result.doc, f"{plan} does not validate"
    deck = build_outline(result.plan, result.doc, load_theme())
    slides = []
    for slide in deck.slides:
        out = [f"# {slide.title}\n"]
        for element in slide.elements:
            if isinstance(element, Text):
                out += [("- " if p.bullet else "") + p.text + "\n" for p in element.paras]
            elif isinstance(element, Table) and element.has_header:
                out.append("| " + " | ".join(element.header) + " |")
                out.append("|" + "---|" * len(element.header))
                out += ["| " + " | ".join(c.replace("|", "/") for c in row) + " |" for row in element.rows]
                out.append("")
        slides.append("\n".join(out))
    return "\n".join(slides), len(deck.slides)  # type: ignore[return-value]


def in_turns(runs: int, commands: list[list[str]], cwd: Path) -> list[list[float]]:
    """Each command's wall times over `runs` rounds, the commands taking turns in every round."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            start = time.perf_counter()
            done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
            times[index].append(time.perf_counter() - start)
            if done.returncode != 0:
                sys.exit(f"{' '.join(command[:4])} … failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--marp", type=Path, default=MARP, help="Marp CLI's executable")
    args = parser.parse_args()
    compile_kamdoc()
    pandoc = shutil.which("pandoc")
    marp = str(args.marp) if args.marp.is_file() else shutil.which("marp")
    for name, plan in PLANS.items():
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            markdown, count = as_markdown(plan)
            (work / "deck.md").write_text(markdown, encoding="utf-8")
            (work / "marp.md").write_text(
                "---\nmarp: true\npaginate: true\n---\n\n" + markdown.replace("\n# ", "\n---\n\n# "), encoding="utf-8"
            )
            kamdoc = [sys.executable, "-m", "kamdoc", "render", str(plan), "--out", str(work / "out")]
            print(f"{name} ({count} slides), median of {args.runs}:")
            peers = {
                "pptx": [pandoc, "deck.md", "-o", "pandoc.pptx"] if pandoc else None,
                "pdf": [marp, "--pdf", "--browser", "chrome", "--browser-path", CHROMIUM, "marp.md", "-o", "marp.pdf"]
                if marp
                else None,
            }
            for fmt, peer in peers.items():
                ours = [*kamdoc, "--to", fmt]
                if peer is None:
                    times = in_turns(args.runs, [ours], work)
                    print(
                        f"  kamdoc --to {fmt:4} {statistics.median(times[0]):5.2f} s   ({'pandoc' if fmt == 'pptx' else 'Marp'} not installed: no ratio)"
                    )
                    continue
                mine, theirs = in_turns(args.runs, [ours, peer], work)
                ratio = statistics.median(mine) / statistics.median(theirs)
                verdict = "within" if ratio <= GOALS[fmt] else "over"
                print(
                    f"  kamdoc --to {fmt:4} {statistics.median(mine):5.2f} s   {'pandoc' if fmt == 'pptx' else 'Marp':6} {statistics.median(theirs):5.2f} s"
                    f"   ratio {ratio:4.2f} ({verdict} the goal ≤ {GOALS[fmt]:g})"
                )
    outline_times(args.runs)


OUTLINE_BEFORE = {"stress plan": 0.148}
"""The stress plan's outline in seconds before the power map was routed and given an overview (the last release, measured
on the machine of the figures in the README): it may grow by half at most."""


def outline_times(runs: int) -> None:
    """The outline alone (no renderer), in this process, best of `runs`: the stress plan's, and a 150-person power map's."""
    sys.path.insert(0, str(ROOT))
    from kamdoc.outline.kit import Geometry
    from kamdoc.outline.plan_deck import build_outline
    from kamdoc.outline.power_map import power_map_slides
    from kamdoc.theme.settings import load_theme
    from kamdoc.validate.plan import validate_file

    theme = load_theme()
    geometry = Geometry.of(theme)

    def best(work: object) -> float:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            work()  # type: ignore[operator]
            times.append(time.perf_counter() - start)
        return min(times)

    stress = validate_file(PLANS["stress plan"] / "plan.yaml", date.today())
    seconds = best(lambda: build_outline(stress.plan, stress.doc, theme))
    print(
        f"outline of the stress plan: {seconds:.2f} s   ({seconds / OUTLINE_BEFORE['stress plan']:.2f}x before; goal at most 1.5x)"
    )
    big = validate_file(ROOT / "tests" / "data" / "power-map" / "org-150" / "plan.yaml", date.today())
    people = big.plan.power_map  # type: ignore[union-attr]
    seconds = best(lambda: power_map_slides(people.people, people.links, geometry.body, geometry.fonts, "en"))
    print(f"power map of 150 people with 40 ties, laid out and routed: {seconds:.2f} s   (goal under 1 s)")


if __name__ == "__main__":
    main()
