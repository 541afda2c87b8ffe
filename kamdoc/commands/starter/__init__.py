"""`kamdoc init`: a ready plans repository — settings, an example plan, CI for GitHub and GitLab, hooks, editor set-up."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

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


def init_repo(root: Path, kamdoc: Source, language: str, branch: str, force: bool, today: date) -> list[Path]:
    """Write the starter files into `root`; refuses (listing them) to replace differing files unless `force`."""
    from kamdoc.pipeline.render import write_atomically
    from kamdoc.standard.schema import schema_text
    from kamdoc.commands.scaffold import SCHEMA_FILE, new_plan

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

    changed = {name: text for name, text in files.items() if _differs(root / name, text)}
    clashes = sorted(name for name in changed if (root / name).exists())
    if clashes and not force:
        raise KamdocError(
            f"these files exist already and would be replaced: {', '.join(clashes)}; "
            "nothing was written (use --force to replace them)"
        )
    written: list[Path] = []
    for name, text in changed.items():
        write_atomically(root / name, text.encode("utf-8"))
        written.append(root / name)
    if not has_plans:
        account = "Example Customer" if language == "en" else "Beispielkunde"
        written.append(new_plan(EXAMPLE, plans, language, today, account=account))
    return written


def _differs(path: Path, text: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") != text
    except (OSError, UnicodeDecodeError):  # missing or unreadable: to be written
        return True
