"""Make docs/review/pr-comment.png: the pull-request comment kamdoc writes when a key account manager sets the German
example to approved and closes a gap in its relationship coverage, drawn as GitHub shows a comment.

Needs Chromium and Playwright (as the tests do). Run: python docs/review/pr_comment.py
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from markdown_it import MarkdownIt
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent.parent
PLAN = "plans/brenner-werke/plan.yaml"
STYLE = """
body { font: 14px/1.5 -apple-system, "Segoe UI", "Liberation Sans", Arial, sans-serif; color: #1f2328; margin: 0;
       background: #fff; }
.comment { width: 820px; margin: 16px; border: 1px solid #d1d9e0; border-radius: 6px; }
.head { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px; color: #59636e; }
.head b { color: #1f2328; }
.body { padding: 4px 16px 8px; }
h3 { font-size: 16px; margin: 12px 0 8px; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid #d1d9e0; padding: 4px 10px; }
th { background: #f6f8fa; }
summary { cursor: pointer; margin: 6px 0; }
ul { margin: 4px 0 8px; padding-left: 24px; }
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def comment(repo: Path) -> str:
    """The comment's Markdown for a branch that approves the plan, adds a relationship and finishes a late action."""
    shutil.copytree(ROOT / "plans", repo / "plans")
    settings = repo / "plans" / "kamdoc.yaml"  # the examples' own: coverage below 70 % a warning here
    config = settings.read_text(encoding="utf-8").replace(
        "  min_coverage: 70", "  min_coverage: {value: 70, severity: warning}"
    )
    settings.write_text(config + 'approvers: ["@stratalane/sales-directors"]\n', encoding="utf-8")
    plan = repo / PLAN
    final = plan.read_text(encoding="utf-8")
    # Before: the plan in review, and Florian Köhler not yet in the relationship plan.
    before = final.replace("  status: approved", "  status: review", 1)
    start, end = before.index("  - person: fkoehler\n"), before.index("  - person: lhaehnel\n")
    plan.write_text(before[:start] + before[end:], encoding="utf-8")
    who = ["-c", "user.name=Jana Schmidt", "-c", "user.email=js@example.com"]
    git(repo, "init", "-q", "-b", "main")
    git(repo, *who, "add", "-A")
    git(repo, *who, "commit", "-qm", "plan in review")
    git(repo, "checkout", "-q", "-b", "approve")
    plan.write_text(final, encoding="utf-8")
    git(repo, *who, "commit", "-qam", "approve")
    run = subprocess.run(
        [sys.executable, "-m", "kamdoc", "diff", "main...approve", "--format", "markdown", "--today", "2026-11-22"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    return run.stdout


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        said = comment(Path(tmp))
    # kamdoc's own comment: its <details> are opened for the picture; plan text in it is escaped by kamdoc.
    body = MarkdownIt("commonmark", {"html": True}).enable("table").render(said.replace("<details>", "<details open>"))
    page = (
        f"<html><head><meta charset='utf-8'><style>{STYLE}</style></head><body><div class='comment'>"
        f"<div class='head'><b>github-actions</b> {html.escape('bot commented')}</div>"
        f"<div class='body'>{body}</div></div></body></html>"
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        tab = browser.new_page(viewport={"width": 860, "height": 400}, device_scale_factor=1)
        tab.set_content(page)
        tab.locator(".comment").screenshot(path=str(ROOT / "docs" / "review" / "pr-comment.png"))
        browser.close()


if __name__ == "__main__":
    main()
