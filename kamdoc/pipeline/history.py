"""Plans' histories from git: each plan's commits (following renames), every revision read through one batch reader,
validated against that revision's own settings, and the facts that moved."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path, PurePosixPath

from kamdoc.analyse.health import plan_health
from kamdoc.analyse.history import GROUPS, History, Revision, history
from kamdoc.load.git import Snapshot, git_root, resolve
from kamdoc.load.git_log import BlobReader, PlanCommit, is_day, plan_commits
from kamdoc.load.settings import programme_at
from kamdoc.pipeline.revisions import load_at


def plan_histories(
    plans: Sequence[Path],
    since: str = "",
    until: str = "HEAD",
    by: str = "version",
    groups: Sequence[str] = GROUPS,
    every: bool = False,
) -> list[History]:
    """Each plan's history between `since` (a day or a revision, left out) and `until`, in columns `by`."""
    if not plans:
        return []
    repo = git_root(plans[0].absolute().parent)
    until = resolve(repo, until)  # a wrong revision is one message before any work
    if since and not is_day(since):
        since = resolve(repo, since)
    reader = BlobReader(repo)
    try:
        out = []
        for plan in plans:
            path = PurePosixPath(os.path.relpath(plan.absolute(), repo)).as_posix()
            commits, cut = plan_commits(repo, path, since, until)
            revisions = [_revision(repo, commit, reader) for commit in commits]
            made = history(path, revisions, by, groups, every)
            made.cut = cut
            out.append(made)
        return out
    finally:
        reader.close()


def _revision(repo: Path, commit: PlanCommit, reader: BlobReader) -> Revision:
    """The plan as `commit` had it, validated as of that commit's day; its health as of the plan's version."""
    snapshot = Snapshot(repo, commit.commit, reader.read)
    result = load_at(snapshot, commit.path, commit.day or date.today())
    plan = result.plan if not result.errors else None
    meta = (commit.commit, commit.author, commit.day, commit.subject, commit.path)
    if plan is None:
        return Revision(*meta, plan=None, errors=max(1, len(result.errors)))
    health = plan_health("", "", plan, 0, plan.cover.version, programme_at(snapshot), None, plan.language)
    return Revision(*meta, plan=plan, health=health)
