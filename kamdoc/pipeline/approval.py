"""Plans a change sets to approved: which, from what, and who may approve them (the base revision's `approvers:`)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from kamdoc.analyse.diff import compare
from kamdoc.load.discover import plan_slug
from kamdoc.load.git import Snapshot, git_root, split_range
from kamdoc.load.settings import programme_at
from kamdoc.pipeline.revisions import load_at, plan_files

_NOT_IN_TAGS = re.compile(r"[^A-Za-z0-9._-]+")


def approval_tag(plan_file: Path, version: date) -> str:
    """The tag an approved version gets: plans/<slug>@<version> (the slug kept to what a tag name may hold)."""
    slug = _NOT_IN_TAGS.sub("-", plan_slug(plan_file)).strip(".-") or "plan"
    return f"plans/{slug}@{version.isoformat()}"


@dataclass(frozen=True)
class Approval:
    """A plan the change sets to approved."""

    plan: str  # from the repository's top
    account: str
    before: str  # its status before ("" for a plan new in the change)
    version: date
    approvers: tuple[str, ...]  # as the base revision's kamdoc.yaml names them
    language: str = "en"
    changed: bool = False  # approved before and after, its content changed: the approval is asked for again

    @property
    def tag(self) -> str:
        return approval_tag(Path(self.plan), self.version)

    def needs(self) -> str:
        from kamdoc.analyse.signals import approval_needed

        return approval_needed(self.before, list(self.approvers), self.changed)[self.language == "de"]


def approvals_in(change: str, today: date, paths: list[Path] | None = None) -> list[Approval]:
    """The plans that `change` (a range such as origin/main...HEAD) sets to approved: valid on the head side with status
    approved, and not approved on the base side or approved there with other content (an approved plan that changes
    needs its approval again). Who may approve comes from the base side, so that a pull request
    cannot name its own approvers."""
    repo = git_root(Path.cwd())
    first, second = split_range(repo, change)
    a, b = Snapshot(repo, first), Snapshot(repo, second)
    under = [PurePosixPath(os.path.relpath(p.absolute(), repo)) for p in paths or []] or [PurePosixPath(".")]
    before = set(plan_files(a.files(PurePosixPath(".")), under))
    found = []
    for path in plan_files(b.files(PurePosixPath(".")), under):
        new = load_at(b, path, today).plan
        if new is None or new.cover.status != "approved":
            continue
        old = load_at(a, path, today).plan if path in before else None
        changed = old is not None and old.cover.status == "approved"
        if changed and old is not None and not compare(old, new):
            continue  # approved before, and nothing of it changed
        approvers = tuple(programme_at(a, path).approvers)
        status = (old.cover.status or "") if old is not None else ""
        found.append(
            Approval(path, new.cover.full_name, status, new.cover.version, approvers, str(new.language), changed)
        )
    return found
