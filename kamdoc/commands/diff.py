"""`kamdoc diff`: the plans of two revisions compared, reported for reviewers as text, Markdown or JSON."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path

from kamdoc.analyse.diff import describe
from kamdoc.commands.comment_text import in_html, inline
from kamdoc.findings import Finding
from kamdoc.load.git import Snapshot
from kamdoc.pipeline.revisions import PlanDiff, diff_revisions

MARKDOWN_LIMIT = 60_000


_COLOURS = {"added": "\033[32m", "removed": "\033[31m", "unreadable": "\033[31m", "changed": "\033[33m", "renamed": "\033[36m", "bold": "\033[1m", "end": "\033[0m"}


def _finding(finding: Finding) -> str:
    return f"{finding.field}: {finding.message}" if finding.field else finding.message


def _count(n: int) -> str:
    return f"{n} change" if n == 1 else f"{n} changes"


def as_text(a: Snapshot, b: Snapshot, diffs: list[PlanDiff], colour: bool) -> str:
    def paint(kind: str, text: str) -> str:
        return f"{_COLOURS[kind]}{text}{_COLOURS['end']}" if colour else text

    out = [f"Plans from {a.label()} to {b.label()}"]
    for d in diffs:
        if d.status == "unchanged" and not d.new_findings:
            continue
        head = f"{d.path} ({d.account})" if d.account else d.path
        state = {"added": "new plan", "removed": "plan removed", "renamed": f"renamed from {d.old_path}",
                 "invalid": "not comparable: a version has errors", "unreadable": f"not compared: {d.problem}"}.get(d.status, _count(len(d.changes)))
        out.append("")
        out.append(paint("bold", head) + f" — {paint(d.status if d.status in _COLOURS else 'changed', state)}")
        for change in d.changes:
            marker = {"added": "+", "removed": "-", "changed": "~"}[change.kind]
            out.append(f"  {paint(change.kind, marker)} {describe(change)}")
        for finding in d.new_findings:
            out.append(f"  ! new {finding.severity} (line {finding.pos.line}): {_finding(finding)}")
    if len(out) == 1:
        out.append("no changes")
    return "\n".join(out)


def as_json(a: Snapshot, b: Snapshot, diffs: list[PlanDiff]) -> str:
    return json.dumps({"from": a.commit, "to": b.commit, "plans": [d.as_dict() for d in diffs]}, ensure_ascii=False, indent=2)


def _plans(n: int) -> str:
    return f"{n} plan{'' if n == 1 else 's'}"


def as_markdown(a: Snapshot, b: Snapshot, diffs: list[PlanDiff]) -> str:
    # Plan text and file names are a stranger's: escaped, so that nothing in them becomes markup, a mention or a reference.
    cell = inline
    head = [f"### Key account plans: {a.label()} → {b.label()}", ""]
    # Only the plans that changed get a row: a repository of 200 plans must not fill the comment with the rest.
    touched = [d for d in diffs if d.status != "unchanged" or d.changes or d.new_findings]
    if touched:
        head += ["| plan | account | status | changes | new findings |", "| --- | --- | --- | ---: | ---: |"]
    for d in touched:
        head.append(f"| {cell(d.path)} | {cell(d.account)} | {d.status} | {len(d.changes)} | {len(d.new_findings)} |")
    unchanged = len(diffs) - len(touched)
    if not touched:
        head.append(f"No plan changed ({_plans(unchanged)} compared).")
    elif unchanged:
        head += ["", f"{_plans(unchanged)} unchanged."]
    body: list[str] = []
    for d in diffs:
        if not d.changes and not d.new_findings and not d.problem:
            continue
        summary = "not compared" if d.problem else _count(len(d.changes))
        section = [f"<details><summary><b>{in_html(d.account or d.path)}</b>: {summary}</summary>", ""]
        section += [f"- ⚠️ {cell(d.problem)}"] if d.problem else []
        section += [f"- {cell(describe(c))}" for c in d.changes]
        section += [f"- ⚠️ new {f.severity} (line {f.pos.line}): {cell(_finding(f))}" for f in d.new_findings]
        section += ["", "</details>", ""]
        body.append("\n".join(section))
    text = "\n".join(head) + "\n\n"
    for i, part in enumerate(body):
        if len(text) + len(part) > MARKDOWN_LIMIT - 200:
            text += f"\n_{len(body) - i} more plans with changes are not shown: the comment would pass {MARKDOWN_LIMIT:,} characters. Run `kamdoc diff` for all._\n"
            break
        text += part
    return text


def run_diff(args: list[str], fmt: str, exit_code: bool, today: date, plans: Path | None = None) -> int:
    """The `kamdoc diff` command: prints the report; 1 when a plan could not be compared, and with `exit_code` when anything changed.

    Without paths in `args`, the plans under `plans` (the configured plans folder) are compared.
    """
    a, b, diffs = diff_revisions(args, today, plans)
    if fmt == "json":
        out = as_json(a, b, diffs)
    elif fmt == "markdown":
        out = as_markdown(a, b, diffs)
    else:
        colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        out = as_text(a, b, diffs, colour)
    sys.stdout.write(out + "\n")
    changed = any(d.status != "unchanged" for d in diffs)
    unreadable = any(d.problem for d in diffs)  # bad input in one plan: the others are shown, and the run says it failed
    return 1 if unreadable or (exit_code and changed) else 0
