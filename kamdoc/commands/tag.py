"""`kamdoc tag`: after a merge, each approved plan's commit tagged plans/<slug>@<version>, as a record of what was approved."""

from __future__ import annotations

import os
import urllib.parse
from datetime import date
from pathlib import Path

import click

from kamdoc.errors import KamdocError
from kamdoc.load.discover import PLAN_FILE, find_plans
from kamdoc.load.git import git_root, resolve, run_git
from kamdoc.pipeline.approval import approval_tag
from kamdoc.validate.plan import validate_safely


def approved_tags(paths: list[Path], today: date) -> list[tuple[str, str]]:
    """(tag, plan) for each valid plan under `paths` whose status is approved; ("", plan) for a plan that does not
    validate (it is said, not tagged)."""
    from kamdoc.load.document import find_repo
    from kamdoc.load.settings import programme_for

    out = []
    for plan_file in find_plans(paths):
        result = validate_safely(plan_file, today, programme_for(find_repo(plan_file)))
        plan = result.plan if not result.errors else None
        if plan is None:
            out.append(("", plan_file.as_posix()))
        elif plan.cover.status == "approved":
            out.append((approval_tag(plan_file, plan.cover.version), plan_file.as_posix()))
    return out


def _local(repo: Path, tag: str, plan: str, head: str, dry_run: bool) -> str:
    """The tag in the local repository (pushed by the caller); what became of it."""
    found = run_git(repo, "rev-parse", "-q", "--verify", f"refs/tags/{tag}^{{commit}}", check=False)
    at = found.stdout.decode().strip() if found.returncode == 0 else ""
    if not at:
        if not dry_run:
            run_git(repo, "tag", tag, head)
        return f"{'would tag' if dry_run else 'tagged'} {tag} at {head[:10]}"
    return _existing(repo, tag, plan, at, head)


def _plan_part(repo: Path, plan: str) -> str:
    """What of the repository is the plan: its folder for plan.yaml, else the file itself (from the repository's top)."""
    file = Path(plan).absolute()
    part = file.parent if file.name == PLAN_FILE else file
    return part.relative_to(repo.absolute()).as_posix()


def _same_plan(repo: Path, plan: str, at: str, head: str) -> bool | None:
    """Whether the plan's folder is the same at both commits; None when one of them is not here to compare."""
    part = _plan_part(repo, plan)
    ids = [run_git(repo, "rev-parse", "-q", "--verify", f"{commit}:{part}", check=False) for commit in (at, head)]
    if any(i.returncode != 0 for i in ids):
        return None
    return ids[0].stdout == ids[1].stdout


def _existing(repo: Path, tag: str, plan: str, at: str, head: str) -> str:
    """What to say of a tag that exists: nothing new where the plan is as it was tagged; a warning where it changed."""
    if at == head:
        return f"{tag} is already at {head[:10]}"
    same = _same_plan(repo, plan, at, head)
    if same:
        return f"{tag} stays at {at[:10]}: the plan is unchanged since"
    if same is None:
        return f"{tag} is at {at[:10]} (that commit is not here to compare the plan with: fetch with its history)"
    return (
        f"warning: {tag} is at {at[:10]}, and the approved plan changed since without a new version; "
        "give it a new cover.version and have it approved again"
    )


def _github(repo: Path, tag: str, plan: str, head: str, dry_run: bool) -> str:
    """The tag made through GitHub's API (the workflow's token with `contents: write`), without pushing."""
    from kamdoc.commands.trackers import github_api

    api, repository = github_api(dict(os.environ), "kamdoc tag --format github (with `permissions: contents: write`)")
    base = f"/repos/{urllib.parse.quote(repository, safe='/')}/git"
    ref = api.call("GET", f"{base}/ref/tags/{urllib.parse.quote(tag, safe='/@')}", missing=None)
    if ref is None:
        if not dry_run:
            api.call("POST", f"{base}/refs", {"ref": f"refs/tags/{tag}", "sha": head})
        return f"{'would tag' if dry_run else 'tagged'} {tag} at {head[:10]}"
    return _existing(repo, tag, plan, str((ref.get("object") or {}).get("sha", "")), head)


def run_tag(paths: list[Path], fmt: str, dry_run: bool, today: date) -> int:
    """Tag HEAD (GITHUB_SHA on GitHub) for each approved plan whose version has no tag yet; 1 when a plan does not
    validate (the others are tagged all the same)."""
    found = approved_tags(paths, today)
    invalid = [plan for tag, plan in found if not tag]
    for plan in invalid:
        click.echo(f"{plan}: not tagged: it does not validate (kamdoc validate says why)", err=True)
    tags = [(tag, plan) for tag, plan in found if tag]
    if not tags:
        click.echo("no plan is approved")
        return 1 if invalid else 0
    repo = git_root(Path.cwd())
    head = os.environ.get("GITHUB_SHA", "") if fmt == "github" else ""
    head = head or resolve(repo, "HEAD")
    if len(head) != 40 or any(c not in "0123456789abcdef" for c in head):
        raise KamdocError(f"{head!r} is not a commit")
    for tag, plan in tags:
        click.echo(
            _github(repo, tag, plan, head, dry_run) if fmt == "github" else _local(repo, tag, plan, head, dry_run)
        )
    return 1 if invalid else 0
