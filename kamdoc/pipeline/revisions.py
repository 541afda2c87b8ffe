"""The plans of two git revisions (or a revision and the working tree): paired, loaded, validated and compared."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from kamdoc.analyse.diff import Change, compare, compare_written
from kamdoc.analyse.signals import approval_needed, review_signals
from kamdoc.errors import CommandLineError, KamdocError
from kamdoc.findings import Finding
from kamdoc.load.discover import PLAN_FILE
from kamdoc.load.document import LoadError, decode_text, parse
from kamdoc.load.git import Snapshot, git_root, resolve, split_range
from kamdoc.load.settings import programme_at
from kamdoc.validate.plan import Result, validate_document


@dataclass
class PlanDiff:
    """One plan's changes between the two revisions."""

    path: str  # in B (or in A when removed)
    status: str  # changed, added, removed, renamed, unchanged, invalid, unreadable
    old_path: str = ""
    account: str = ""
    changes: list[Change] = field(default_factory=list)
    new_findings: list[Finding] = field(default_factory=list)
    problem: str = ""  # why the plan could not be compared at all (status unreadable)
    language: str = "en"  # the plan's own, which its changes are said in
    signals: list[tuple[str, str]] = field(default_factory=list)  # health and coverage moved, in English and German

    def said_signals(self, language: str) -> list[str]:
        return [pair[language == "de"] for pair in self.signals]

    def as_dict(self) -> dict[str, Any]:
        return {
            "plan": self.path,
            "status": self.status,
            "old_plan": self.old_path or None,
            "account": self.account,
            "changes": [c.as_dict() for c in self.changes],
            "new_findings": [
                {"severity": f.severity, "field": f.field, "message": f.message, "line": f.pos.line}
                for f in self.new_findings
            ],
            "problem": self.problem or None,
            "signals": self.said_signals(self.language),
        }


def plan_files(files: dict[str, str], under: list[PurePosixPath]) -> list[str]:
    """The plan files among a revision's files: plan.yaml files, and bare .yaml files outside plan folders."""
    folders = {str(PurePosixPath(f).parent) for f in files if PurePosixPath(f).name == PLAN_FILE}
    plans = []
    for name in sorted(files):
        path = PurePosixPath(name)
        if not any(str(path).startswith(f"{u}/") or path == u or str(u) == "." for u in under):
            continue
        if path.name == PLAN_FILE:
            plans.append(name)
        elif (
            path.suffix in (".yaml", ".yml")
            and path.name not in ("kamdoc.yaml", "kamdoc.yml")
            and not path.name.startswith(".")
        ):
            if not any(str(path).startswith(f"{folder}/") for folder in folders) and ".github" not in path.parts:
                plans.append(name)
    return plans


@contextmanager
def plans_at(paths: list[Path], at: str) -> Iterator[tuple[Snapshot, list[str]]]:
    """The revision `at` of the repository here, read through one batch reader, and its plan files under `paths`
    (from the repository's top); the reader is closed on leaving."""
    from kamdoc.load.git_log import BlobReader

    repo = git_root(Path.cwd())
    commit = resolve(repo, at)
    reader = BlobReader(repo)
    try:
        snapshot = Snapshot(repo, commit, reader.read)
        under = [PurePosixPath(os.path.relpath(p.absolute(), repo)) for p in paths]
        yield snapshot, plan_files(snapshot.files(PurePosixPath(".")), under)
    finally:
        reader.close()


def load_at(snapshot: Snapshot, path: str, today: date) -> Result:
    """A plan as it was at the snapshot's revision, validated like any other, against that revision's own settings."""
    file = snapshot.repo / path
    try:
        data = snapshot.read(path)
        doc = parse(decode_text(data, file), file, snapshot.repo)
    except LoadError as exc:
        return Result(file, [exc.finding])
    doc.snapshot = snapshot
    return validate_document(doc, today, programme_at(snapshot, path))


def _read_side(snapshot: Snapshot, path: str, today: date) -> Result | str:
    """A plan at a revision, or why it cannot be compared at all (too large, that revision's kamdoc.yaml broken): one
    plan's problem, so that the other plans of the pull request are still shown."""
    try:
        return load_at(snapshot, path, today)
    except KamdocError as exc:
        return f"at {snapshot.label()}: {exc.format_message()}"
    except OSError as exc:  # the working tree changed under us, or a file we may not read
        return f"at {snapshot.label()}: {path} cannot be read ({exc.strerror or exc})"


def _identity(result: Result | str) -> tuple[str, str] | None:
    if isinstance(result, str) or result.plan is None:
        return None
    return (result.plan.cover.account, result.plan.cover.division or "")


def _new_findings(old: Result | None, new: Result) -> list[Finding]:
    before = {(f.severity, f.field, f.message) for f in (old.findings if old else [])}
    return [f for f in new.findings if (f.severity, f.field, f.message) not in before]


def _paired(path: str, old_path: str, old: Result, new: Result, account: str) -> PlanDiff:
    """One plan in both revisions: its changes (as written, when a side has errors) and the findings new in it."""
    found = _new_findings(old, new)
    if old.plan is not None and new.plan is not None:
        changes = compare(old.plan, new.plan)
        status = "renamed" if old_path != path else ("changed" if changes else "unchanged")
    else:
        changes = compare_written(old.doc.data if old.doc else None, new.doc.data if new.doc else None)
        if not account and new.doc is not None:
            account = _written_account(new.doc.data)
        touched = bool(changes or found or old_path != path)
        # A plan with errors before and after, and no edit, is no change: nothing to review.
        status = ("invalid" if new.plan is None else "changed") if touched else "unchanged"
    return PlanDiff(path, status, old_path if old_path != path else "", account, changes, found)


def _pair_or_add(path: str, old_path: str, old: Result | str | None, new: Result | str) -> PlanDiff:
    """One plan of the second revision: added, compared with its first revision's, or not comparable and why."""
    account = new.plan.cover.account if not isinstance(new, str) and new.plan else ""
    if isinstance(new, str) or isinstance(old, str):
        return PlanDiff(
            path,
            "unreadable",
            old_path if old_path != path else "",
            account,
            problem=new if isinstance(new, str) else str(old),
        )
    if old is None:
        return PlanDiff(path, "added", account=account, new_findings=_new_findings(None, new))
    return _paired(path, old_path, old, new, account)


def _in_a_revision(folder: Path, repo: Path, *snapshots: Snapshot) -> bool:
    """Whether a folder holds files in either revision (it may be gone from the working tree)."""
    relative = PurePosixPath(os.path.relpath(folder.absolute(), repo))
    return ".." not in relative.parts and any(snapshot.files(relative) for snapshot in snapshots)


def _written_account(data: object) -> str:
    """The account's name from a plan as written, when it is where the standard puts it."""
    cover = data.get("cover") if isinstance(data, dict) else None
    name = cover.get("account") if isinstance(cover, dict) else None
    return name if isinstance(name, str) else ""


def diff_revisions(
    args: list[str], today: date, plans: Path | None = None
) -> tuple[Snapshot, Snapshot, list[PlanDiff]]:
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
    # Without paths: the configured plans folder (kamdoc.yaml's `plans`, else plans/), where there is one.
    if not paths and plans is not None and (plans.is_dir() or _in_a_revision(plans, repo, a, b)):
        paths = [str(plans)]
    under = [PurePosixPath(os.path.relpath(Path(p).absolute(), repo)).as_posix() for p in paths] or ["."]
    wanted = [PurePosixPath(u) for u in under]
    old_plans = plan_files(a.files(PurePosixPath(".")), wanted)
    new_plans = plan_files(b.files(PurePosixPath(".")), wanted)
    old_results = {p: _read_side(a, p, today) for p in old_plans}
    new_results = {p: _read_side(b, p, today) for p in new_plans}
    gone = {p: _identity(old_results[p]) for p in old_plans if p not in new_results}
    by_identity: dict[
        tuple[str, str], list[str]
    ] = {}  # removed plans by account and division, to pair renames without a search
    for path, identity in gone.items():
        if identity is not None:
            by_identity.setdefault(identity, []).append(path)
    diffs: list[PlanDiff] = []
    for path in new_plans:
        new = new_results[path]
        old_path = path if path in old_results else ""
        identity = _identity(new)
        if (
            not old_path and identity is not None and by_identity.get(identity)
        ):  # renamed: a removed plan of the same account and division
            old_path = by_identity[identity].pop(0)
            del gone[old_path]
        diffs.append(_pair_or_add(path, old_path, old_results.get(old_path), new))
        diffs[-1].language = _language(new, old_results.get(old_path))
        diffs[-1].signals = _signals(old_results.get(old_path), new, (a, b), path, today, bool(diffs[-1].changes))
    for path in gone:
        old = old_results[path]
        if isinstance(old, str):
            diffs.append(PlanDiff(path, "unreadable", problem=old))
        else:
            diffs.append(
                PlanDiff(path, "removed", account=old.plan.cover.account if old.plan else "", language=old.language)
            )
    return a, b, sorted(diffs, key=lambda d: d.path)


def _signals(
    old: Result | str | None,
    new: Result | str,
    sides: tuple[Snapshot, Snapshot],
    path: str,
    today: date,
    changed: bool,
) -> list[tuple[str, str]]:
    """Health and coverage as the change moves them, where both versions validate (judged by the new side's settings),
    and the approval a plan set to approved needs (from the approvers the old side names: a change cannot add its own).
    A side whose settings cannot be read has its problem said already: then there are no signals."""
    if not isinstance(new, Result) or new.plan is None or isinstance(old, str):
        return []
    a, b = sides
    try:
        approvers = list(programme_at(a, path).approvers)
        if old is not None and old.plan is not None:
            return review_signals(old.plan, new.plan, programme_at(b, path), today, approvers, changed)
    except KamdocError:
        return []
    if old is None and new.plan.cover.status == "approved":  # a new plan that comes approved needs it too
        return [approval_needed("", approvers)]
    return []


def _language(*sides: Result | str | None) -> str:
    """The plan's language: its newer side's where that could be read, else its older side's, else English."""
    return next((side.language for side in sides if isinstance(side, Result)), "en")


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
