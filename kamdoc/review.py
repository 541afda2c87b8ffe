"""`kamdoc diff`: the plans of two revisions paired (added, removed, renamed), compared, and reported for reviewers."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from kamdoc.diff import Change, compare
from kamdoc.discover import PLAN_FILE
from kamdoc.errors import CommandLineError
from kamdoc.findings import Finding
from kamdoc.history import Snapshot, git_root, resolve, split_range
from kamdoc.load import LoadError, decode_text, parse
from kamdoc.validate import Result, validate_document

MARKDOWN_LIMIT = 60_000


@dataclass
class PlanDiff:
    """One plan's changes between the two revisions."""

    path: str  # in B (or in A when removed)
    status: str  # changed, added, removed, renamed, unchanged
    old_path: str = ""
    account: str = ""
    changes: list[Change] = field(default_factory=list)
    new_findings: list[Finding] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "plan": self.path,
            "status": self.status,
            "old_plan": self.old_path or None,
            "account": self.account,
            "changes": [c.as_dict() for c in self.changes],
            "new_findings": [{"severity": f.severity, "field": f.field, "message": f.message, "line": f.pos.line} for f in self.new_findings],
        }


def _plan_files(files: dict[str, str], under: list[PurePosixPath]) -> list[str]:
    """The plan files among a revision's files: plan.yaml files, and bare .yaml files outside plan folders."""
    folders = {str(PurePosixPath(f).parent) for f in files if PurePosixPath(f).name == PLAN_FILE}
    plans = []
    for name in sorted(files):
        path = PurePosixPath(name)
        if not any(str(path).startswith(f"{u}/") or path == u or str(u) == "." for u in under):
            continue
        if path.name == PLAN_FILE:
            plans.append(name)
        elif path.suffix in (".yaml", ".yml") and path.name not in ("kamdoc.yaml", "kamdoc.yml") and not path.name.startswith("."):
            if not any(str(path).startswith(f"{folder}/") for folder in folders) and ".github" not in path.parts:
                plans.append(name)
    return plans


def load_at(snapshot: Snapshot, path: str, today: date) -> Result:
    """A plan as it was at the snapshot's revision, validated like any other."""
    file = snapshot.repo / path
    try:
        data = snapshot.read(path)
        doc = parse(decode_text(data, file), file, snapshot.repo)
    except LoadError as exc:
        return Result(file, [exc.finding])
    doc.snapshot = snapshot
    return validate_document(doc, today)


def _identity(result: Result) -> tuple[str, str] | None:
    if result.plan is None:
        return None
    return (result.plan.cover.account, result.plan.cover.division or "")


def _new_findings(old: Result | None, new: Result) -> list[Finding]:
    before = {(f.severity, f.field, f.message) for f in (old.findings if old else [])}
    return [f for f in new.findings if (f.severity, f.field, f.message) not in before]


def diff_revisions(args: list[str], today: date) -> tuple[Snapshot, Snapshot, list[PlanDiff]]:
    """Compare the plans under the given paths between two revisions (default: HEAD and the working tree)."""
    revisions, paths = _split_args(args)
    repo = git_root(Path.cwd())
    if not revisions:
        a, b = Snapshot(repo, resolve(repo, "HEAD")), Snapshot(repo, None)
    elif len(revisions) == 1:
        first, second = split_range(repo, revisions[0])
        a, b = Snapshot(repo, first), Snapshot(repo, second)
    else:
        a, b = Snapshot(repo, resolve(repo, revisions[0])), Snapshot(repo, resolve(repo, revisions[1]))
    under = [PurePosixPath(os.path.relpath(Path(p).absolute(), repo)).as_posix() for p in paths] or ["."]
    wanted = [PurePosixPath(u) for u in under]
    old_plans = _plan_files(a.files(PurePosixPath(".")), wanted)
    new_plans = _plan_files(b.files(PurePosixPath(".")), wanted)
    old_results = {p: load_at(a, p, today) for p in old_plans}
    new_results = {p: load_at(b, p, today) for p in new_plans}
    diffs: list[PlanDiff] = []
    gone = [p for p in old_plans if p not in new_results]
    for path in new_plans:
        new = new_results[path]
        account = new.plan.cover.account if new.plan else ""
        old_path = path if path in old_results else ""
        if not old_path:  # renamed: a removed plan of the same account and division
            old_path = next((g for g in gone if _identity(old_results[g]) is not None and _identity(old_results[g]) == _identity(new)), "")
            if old_path:
                gone.remove(old_path)
        if not old_path:
            diffs.append(PlanDiff(path, "added", account=account, new_findings=_new_findings(None, new)))
            continue
        old = old_results[old_path]
        changes = compare(old.plan, new.plan)
        status = "renamed" if old_path != path else ("changed" if changes else "unchanged")
        if old.plan is None or new.plan is None:
            status = "invalid"  # one side has errors: its findings say why, nothing can be compared
        diffs.append(PlanDiff(path, status, old_path if old_path != path else "", account, changes, _new_findings(old, new)))
    for path in gone:
        old = old_results[path]
        diffs.append(PlanDiff(path, "removed", account=old.plan.cover.account if old.plan else ""))
    return a, b, sorted(diffs, key=lambda d: d.path)


def _is_path(arg: str) -> bool:
    """Whether an argument names an existing file or folder (a name too long for one is a revision, or a mistake)."""
    try:
        return Path(arg).exists()
    except (OSError, ValueError):  # too long for a file name, or a NUL in it
        return False


def _split_args(args: list[str]) -> tuple[list[str], list[str]]:
    """Revisions first, then paths (as git does; `--` separates them when a name could be both)."""
    if "--" in args:
        cut = args.index("--")
        revisions, paths = args[:cut], args[cut + 1 :]
    else:
        revisions = []
        for arg in args:  # leading arguments that are not existing paths name revisions
            if len(revisions) < 2 and not _is_path(arg):
                revisions.append(arg)
            else:
                break
        paths = args[len(revisions) :]
    if len(revisions) > 2:
        raise CommandLineError("give at most two revisions (or one range A...B) before the paths")
    return revisions, paths


# --- formats ---------------------------------------------------------------------------

_COLOURS = {"added": "\033[32m", "removed": "\033[31m", "changed": "\033[33m", "renamed": "\033[36m", "bold": "\033[1m", "end": "\033[0m"}


def _value(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)[:80]
    text = str(value).replace("\n", " ")
    return text if len(text) <= 80 else text[:79] + "…"


def describe(change: Change) -> str:
    """One line for a person: `power map: people: Martina Müller: attitude: neutral → positive`."""
    if change.kind in ("added", "removed"):
        value = _value(change.new if change.kind == "added" else change.old)
        shown = "" if not value or value in change.where.split(": ") else f" {value}"
        return f"{change.where}: {change.kind}{shown}"
    if change.detail and not (isinstance(change.old, (int, float)) and isinstance(change.new, (int, float))):
        return f"{change.where}: {change.detail}"
    detail = f" ({change.detail})" if change.detail else ""
    return f"{change.where}: {_value(change.old)} → {_value(change.new)}{detail}"


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
                 "invalid": "not comparable: a version has errors"}.get(d.status, _count(len(d.changes)))
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
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    head = [f"### Key account plans: {a.label()} → {b.label()}", ""]
    # Only the plans that changed get a row: a repository of 200 plans must not fill the comment with the rest.
    touched = [d for d in diffs if d.status != "unchanged" or d.changes or d.new_findings]
    if touched:
        head += ["| plan | account | status | changes | new findings |", "| --- | --- | --- | ---: | ---: |"]
    for d in touched:
        head.append(f"| `{cell(d.path)}` | {cell(d.account)} | {d.status} | {len(d.changes)} | {len(d.new_findings)} |")
    unchanged = len(diffs) - len(touched)
    if not touched:
        head.append(f"No plan changed ({_plans(unchanged)} compared).")
    elif unchanged:
        head += ["", f"{_plans(unchanged)} unchanged."]
    body: list[str] = []
    for d in diffs:
        if not d.changes and not d.new_findings:
            continue
        section = [f"<details><summary><b>{cell(d.account or d.path)}</b>: {_count(len(d.changes))}</summary>", ""]
        section += [f"- {cell(describe(c))}" for c in d.changes]
        section += [f"- ⚠️ new {f.severity} (line {f.pos.line}): {cell(_finding(f))}" for f in d.new_findings]
        section += ["", "</details>", ""]
        body.append("\n".join(section))
    text = "\n".join(head) + "\n\n"
    for i, section in enumerate(body):
        if len(text) + len(section) > MARKDOWN_LIMIT - 200:
            text += f"\n_{len(body) - i} more plans with changes are not shown: the comment would pass {MARKDOWN_LIMIT:,} characters. Run `kamdoc diff` for all._\n"
            break
        text += section
    return text


def run_diff(args: list[str], fmt: str, exit_code: bool, today: date) -> int:
    """The `kamdoc diff` command: prints the report; with `exit_code`, 1 when anything changed."""
    a, b, diffs = diff_revisions(args, today)
    if fmt == "json":
        out = as_json(a, b, diffs)
    elif fmt == "markdown":
        out = as_markdown(a, b, diffs)
    else:
        colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        out = as_text(a, b, diffs, colour)
    sys.stdout.write(out + "\n")
    changed = any(d.status != "unchanged" for d in diffs)
    return 1 if exit_code and changed else 0
