"""`kamdoc init`: a ready plans repository — settings, an example plan, CI for GitHub and GitLab, hooks, editor set-up."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from kamdoc import __version__
from kamdoc.errors import CommandLineError, KamdocError

KAMDOC_REPOSITORY = "https://github.com/kamdoc/kamdoc"
"""Where kamdoc is published: its action and pre-commit hooks are used from there unless told otherwise."""

# The actions the GitHub workflow uses, each pinned to the commit of a release (the comment names it).
PINNED_ACTIONS = {
    "checkout": "11bd71901bbe5b1630ceea73d27597364c9af683  # v4.2.2",
    "upload_artifact": "65c4c4a1ddee5b72f698fdd19549f0f0fb45cf08  # v4.6.0",
    "github_script": "60a0d83039c74a4aee543508d2ffcb1c3799cdea  # v7.0.1",
}

PLANS = "plans"
OUT = "build"
EXAMPLE = "example"

# Target in the new repository -> the file in starter/files it is made from.
FILES = {
    "kamdoc.yaml": "kamdoc.yaml",
    "README.md": "README.md",
    ".gitignore": "gitignore",
    ".gitattributes": "gitattributes",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".github/workflows/kamdoc.yml": "github-workflow.yml",
    ".gitlab-ci.yml": "gitlab-ci.yml",
    ".vscode/settings.json": "vscode-settings.json",
    ".vscode/extensions.json": "vscode-extensions.json",
}

_GITHUB_URL = re.compile(r"https://github\.com/([A-Za-z0-9][A-Za-z0-9-]*)/([A-Za-z0-9._-]+?)(?:\.git)?/?\Z")
_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,99}\Z")


@dataclass(frozen=True)
class Source:
    """Where the new repository's CI and hooks get kamdoc from: a git URL and a tag or commit."""

    repository: str
    rev: str

    @property
    def pinned(self) -> bool:
        return re.fullmatch(r"[0-9a-f]{40}", self.rev) is not None

    @property
    def action(self) -> str:
        """kamdoc's composite action as a workflow's `uses:` names it."""
        match = _GITHUB_URL.match(self.repository)
        assert match is not None  # checked in source()
        return f"{match.group(1)}/{match.group(2)}@{self.rev}  # kamdoc {__version__}"


def installed_from_git() -> Source | None:
    """The git URL and commit this kamdoc was installed from, as pip recorded it (PEP 610), if it came from git."""
    from importlib import metadata

    try:
        text = metadata.distribution("kamdoc").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    try:
        info = json.loads(text or "null")
    except ValueError:
        return None
    if not isinstance(info, dict):
        return None
    vcs = info.get("vcs_info") or {}
    url = str(info.get("url", ""))
    if vcs.get("vcs") == "git" and vcs.get("commit_id") and _GITHUB_URL.match(url):
        return Source(url, str(vcs["commit_id"]))
    return None


def source(repository: str | None, rev: str | None) -> Source:
    """The kamdoc the new repository uses: as given, else the one installed from git, else this release's tag."""
    found = installed_from_git() if repository is None and rev is None else None
    chosen = found or Source(repository or KAMDOC_REPOSITORY, rev or f"v{__version__}")
    if not _GITHUB_URL.match(chosen.repository):
        raise CommandLineError(
            f"--kamdoc-repo must be a repository on github.com, e.g. {KAMDOC_REPOSITORY} "
            f"(the workflow uses kamdoc's action from there; got {chosen.repository!r})"
        )
    if not _REF.match(chosen.rev):
        raise CommandLineError(f"--kamdoc-rev must be a tag, branch or commit of kamdoc's repository (got {chosen.rev!r})")
    return chosen


def _fill(text: str, values: dict[str, str]) -> str:
    # Markers are {{name}} without spaces; the GitHub workflow's own `${{ expr }}` always has them, so it stays.
    def one(match: re.Match[str]) -> str:
        return values[match.group(1)]

    return re.sub(r"\{\{(\w+)\}\}", one, text)


def planned_files(kamdoc: Source, language: str, branch: str) -> dict[str, str]:
    """The starter files' paths and contents, filled in."""
    values = {
        "version": __version__,
        "plans": PLANS,
        "out": OUT,
        "language": language,
        "branch": branch,
        "kamdoc_repo": kamdoc.repository,
        "kamdoc_rev": kamdoc.rev,
        "kamdoc_action": kamdoc.action,
        **PINNED_ACTIONS,
    }
    folder = Path(__file__).parent / "files"
    return {target: _fill((folder / name).read_text(encoding="utf-8"), values) for target, name in FILES.items()}


def init_repo(root: Path, kamdoc: Source, language: str, branch: str, force: bool, today: date) -> tuple[list[Path], list[str]]:
    """Write the starter files into `root`, joining what is there: what was written, and notes for the user.

    kamdoc's own files are written where missing and replaced only with `force` (without it, a
    differing one is listed and nothing is written). The team's files are never replaced: kamdoc's
    lines are added to .gitignore, .gitattributes, the pre-commit configuration and .vscode/, a
    README is written only where there is none, and beside a pipeline of the team's own the GitLab
    pipeline goes into a file of its own to include.
    """
    from kamdoc.commands.scaffold import SCHEMA_FILE, new_plan
    from kamdoc.commands.starter.joining import GITLAB, GITLAB_OWN, IF_MISSING, MERGED, OWN
    from kamdoc.pipeline.render import write_atomically
    from kamdoc.standard.schema import schema_text

    if root.exists() and not root.is_dir():
        raise KamdocError(f"{root} is a file; kamdoc init makes a plans repository in a folder")
    if not _REF.match(branch):
        raise CommandLineError(f"--branch must be a branch name (got {branch!r})")
    files = planned_files(kamdoc, language, branch)
    files[f"{PLANS}/{SCHEMA_FILE}"] = schema_text()
    plans = root / PLANS
    has_plans = plans.is_dir() and any(plans.glob("*/plan.yaml"))
    if not has_plans and (plans / EXAMPLE).exists():
        raise KamdocError(f"{plans / EXAMPLE} exists but holds no plan.yaml; move it away or pick another folder")
    own = (*OWN, f"{PLANS}/{SCHEMA_FILE}")
    clashes = sorted(name for name in own if (root / name).exists() and _differs(root / name, files[name]))
    if clashes and not force:
        raise KamdocError(f"these files of kamdoc's exist already and differ: {', '.join(clashes)}; "
                          "nothing was written (use --force to replace kamdoc's own files; the team's files are never replaced)")
    planned, notes = _joined(root, files, own, IF_MISSING, MERGED, GITLAB, GITLAB_OWN)
    written: list[Path] = []
    for name, text in planned.items():
        write_atomically(root / name, text.encode("utf-8"))
        written.append(root / name)
    if not has_plans:
        account = "Example Customer" if language == "en" else "Beispielkunde"
        written.append(new_plan(EXAMPLE, plans, language, today, account=account))
    return written, notes


def _joined(root: Path, files: dict[str, str], own: tuple[str, ...], if_missing: tuple[str, ...], merged: dict[str, Any],
            gitlab: str, gitlab_own: str) -> tuple[dict[str, str], list[str]]:
    """What to write (file -> text) into a repository that may have files of its own, and what to tell the user."""
    planned: dict[str, str] = {}
    notes: list[str] = []
    for name, text in files.items():
        target = root / name
        if name in own or not target.exists():
            if _differs(target, text):
                planned[name] = text
        elif name in merged:
            try:
                joined = merged[name](target.read_text(encoding="utf-8"), text)
            except (ValueError, OSError, UnicodeDecodeError) as exc:
                notes.append(f"{name}: left as it is ({exc}); add kamdoc's part by hand:\n{text}")
                continue
            if joined is not None:
                planned[name] = joined
                notes.append(f"{name}: kamdoc's part added; the rest is as it was")
        elif name == gitlab:
            if _differs(target, text):
                if _differs(root / gitlab_own, text):
                    planned[gitlab_own] = text
                notes.append(f"{gitlab} is the team's own: kamdoc's pipeline is in {gitlab_own}; to run it, add to {gitlab}:\n"
                             f"  include:\n    - local: {gitlab_own}\n(its stages are validate, build and report)")
        elif name in if_missing:
            notes.append(f"{name} exists: kept as it is (kamdoc's would say how to work with the plans)")
    return planned, notes


def _differs(path: Path, text: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") != text
    except (OSError, UnicodeDecodeError):  # missing or unreadable: to be written
        return True
