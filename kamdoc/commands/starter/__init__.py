"""`kamdoc init`: a ready plans repository — settings, an example plan, CI for GitHub and GitLab, hooks, editor set-up."""

from __future__ import annotations

import json
import os
import re
import stat
import shlex
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from kamdoc import __version__
from kamdoc.errors import CommandLineError, KamdocError
from kamdoc.limits import MAX_FILE_BYTES

KAMDOC_REPOSITORY = "https://github.com/kamdoc/kamdoc"
"""Where kamdoc is published: its action and pre-commit hooks are used from there unless told otherwise."""

# The actions the GitHub workflow uses, each pinned to the commit of a release (the comment names it).
PINNED_ACTIONS = {
    "checkout": "11bd71901bbe5b1630ceea73d27597364c9af683  # v4.2.2",
    "upload_artifact": "65c4c4a1ddee5b72f698fdd19549f0f0fb45cf08  # v4.6.0",
    "github_script": "60a0d83039c74a4aee543508d2ffcb1c3799cdea  # v7.0.1",
    "setup_python": "0b93645e9fea7318ecaed2b359559ac225c90a2b  # v5.3.0",
    "cache": "1bd1e32a3bdc45362d1e726936510720a7c30a57  # v4.2.0",
    "download_artifact": "fa0a91b85d4f404e444e00e005971372dc801d16  # v4.1.8",
}
SHARDS = 4
"""How many parts CI builds the decks in unless `--shards` says otherwise."""
PLACEHOLDER = "PIN-A-KAMDOC-COMMIT"
"""Written where kamdoc's commit belongs when none is known: CI stops at it with a message saying what to put there."""

PLANS = "plans"
OUT = "build"
EXAMPLE = "example"
LOCAL_ACTION = ".github/actions/kamdoc/action.yml"
"""The action that installs kamdoc from its git repository, for a repository GitHub's `uses:` cannot name."""

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
_GIT_URL = re.compile(r"(?:(?:https?|ssh|git|file)://|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:)[A-Za-z0-9._~:/@%+=-]+\Z")
"""A git URL kamdoc writes into YAML and shell lines: no spaces, quotes or shell characters."""
_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,99}\Z")
_COMMIT = re.compile(r"[0-9a-f]{40}\Z")


@dataclass(frozen=True)
class Source:
    """Where the new repository's CI and hooks get kamdoc from: a git URL and a commit (or the placeholder)."""

    repository: str
    rev: str
    given: str = ""  # a tag or branch asked for, which is no pin: the warning names it

    @property
    def pinned(self) -> bool:
        return _COMMIT.match(self.rev) is not None

    @property
    def on_github(self) -> bool:
        return _GITHUB_URL.match(self.repository) is not None

    @property
    def action(self) -> str:
        """kamdoc's action as a workflow's `uses:` names it: its own on GitHub at a commit, else the local one init writes."""
        match = _GITHUB_URL.match(self.repository)
        if match is None or not self.pinned:
            return f"./{LOCAL_ACTION.rsplit('/', 1)[0]}  # kamdoc {__version__} from {self.repository}"
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
    if vcs.get("vcs") == "git" and _COMMIT.match(str(vcs.get("commit_id", ""))) and _GIT_URL.match(url):
        return Source(url, str(vcs["commit_id"]))
    return None


def source(repository: str | None, rev: str | None) -> Source:
    """The kamdoc the new repository uses: as given, else the one installed from git; a rev that is no commit becomes the placeholder."""
    found = installed_from_git() if repository is None and rev is None else None
    if found is not None:
        return found
    chosen = repository or KAMDOC_REPOSITORY
    if not _GIT_URL.match(chosen):
        raise CommandLineError(f"--kamdoc-repo must be a git URL, such as {KAMDOC_REPOSITORY} or git@gitlab.example.com:tools/kamdoc.git "
                               f"(got {chosen!r})")
    if rev is not None and not _REF.match(rev):
        raise CommandLineError(f"--kamdoc-rev must be a tag, branch or commit of kamdoc's repository (got {rev!r})")
    if rev is not None and _COMMIT.match(rev):
        return Source(chosen, rev)
    return Source(chosen, PLACEHOLDER, rev or "")


def unpinned_warning(kamdoc: Source) -> str:
    """What init says, loudly, when it knows no commit of kamdoc to pin CI and the hooks to."""
    asked = f" ({kamdoc.given!r} is a tag or branch: it can move)" if kamdoc.given else ""
    return (f"WARNING: kamdoc is not pinned to a commit{asked}. CI and the hooks stop at {PLACEHOLDER} until it is: "
            f"run `git ls-remote {kamdoc.repository}` and `kamdoc init --kamdoc-rev <commit> --force` again, "
            f"or put the commit where {PLACEHOLDER} stands.")


def textconv_command() -> str:
    """The textconv driver as git runs it: this interpreter's kamdoc, so that it works with kamdoc outside PATH."""
    return f"{shlex.quote(sys.executable)} -m kamdoc textconv"


def set_up_textconv(root: Path) -> str:
    """Set git's diff driver for plans in the repository at `root` when it is one; else the command to run, to print."""
    command = textconv_command()
    try:
        inside = subprocess.run(["git", "-C", str(root), "rev-parse", "--is-inside-work-tree"], capture_output=True, text=True, timeout=10)
        if inside.returncode == 0 and inside.stdout.strip() == "true":
            subprocess.run(["git", "-C", str(root), "config", "diff.kamdoc.textconv", command], check=True, capture_output=True, timeout=10)
            return f"git diff shows plans through kamdoc (set: git config diff.kamdoc.textconv {shlex.quote(command)})"
    except (OSError, subprocess.SubprocessError):
        pass  # no git here: the user sets it up after `git init`
    return f"git config diff.kamdoc.textconv {shlex.quote(command)}"


def _fill(text: str, values: dict[str, str]) -> str:
    # Markers are {{name}} without spaces; the GitHub workflow's own `${{ expr }}` always has them, so it stays.
    def one(match: re.Match[str]) -> str:
        return values[match.group(1)]

    return re.sub(r"\{\{(\w+)\}\}", one, text)


def planned_files(kamdoc: Source, language: str, branch: str, hooks: str = "remote", shards: int = SHARDS) -> dict[str, str]:
    """The starter files' paths and contents, filled in; `hooks`: remote (kamdoc's hook repository) or local (kamdoc installed here)."""
    values = {
        "version": __version__,
        "plans": PLANS,
        "out": OUT,
        "language": language,
        "branch": branch,
        "kamdoc_repo": kamdoc.repository,
        "kamdoc_rev": kamdoc.rev,
        "kamdoc_action": kamdoc.action,
        "placeholder": PLACEHOLDER,
        "shards": str(shards),
        "shard_list": ", ".join(str(i) for i in range(1, shards + 1)),
        **PINNED_ACTIONS,
    }
    folder = Path(__file__).parent / "files"
    names = dict(FILES)
    gitlab_parts = " ".join(f"--merge parts/{i}" for i in range(1, shards + 1))
    github_parts = " ".join(f"--merge parts/decks-part-{i}" for i in range(1, shards + 1))
    if hooks == "local":
        names[".pre-commit-config.yaml"] = "pre-commit-local.yaml"
    if not (kamdoc.on_github and kamdoc.pinned):
        names[LOCAL_ACTION] = "local-action.yml"
    merges = {".gitlab-ci.yml": gitlab_parts}
    return {target: _fill((folder / name).read_text(encoding="utf-8"), {**values, "merge_args": merges.get(target, github_parts)})
            for target, name in names.items()}


def init_repo(root: Path, kamdoc: Source, language: str, branch: str, force: bool, today: date,
              hooks: str = "remote", shards: int = SHARDS) -> tuple[list[Path], list[str]]:
    """Write the starter files into `root`, joining what is there: what was written, and notes for the user.

    kamdoc's own files are written where missing and replaced only with `force` (without it, a
    differing one is listed and nothing is written). The team's files are never replaced: kamdoc's
    lines are added to .gitignore, .gitattributes, the pre-commit configuration and .vscode/, a
    README is written only where there is none, and beside a pipeline of the team's own the GitLab
    pipeline goes into a file of its own to include.
    """
    from kamdoc.commands.scaffold import SCHEMA_FILE, new_plan
    from kamdoc.commands.starter.joining import GITLAB, GITLAB_OWN, IF_MISSING, MERGED, OWN
    from kamdoc.pipeline.render import output_error, write_atomically
    from kamdoc.standard.schema import schema_text

    if root.exists() and not root.is_dir():
        raise KamdocError(f"{root} is a file; kamdoc init makes a plans repository in a folder")
    if not _REF.match(branch):
        raise CommandLineError(f"--branch must be a branch name (got {branch!r})")
    files = planned_files(kamdoc, language, branch, hooks, shards)
    files[f"{PLANS}/{SCHEMA_FILE}"] = schema_text(language)  # the editors' help in the repository's language
    plans = root / PLANS
    example = f"{PLANS}/{EXAMPLE}/plan.yaml"
    refused = {name: why for name in (*files, GITLAB_OWN) if (why := unsafe(root, name))}
    has_plans = not plans.is_symlink() and plans.is_dir() and any(plans.glob("*/plan.yaml"))
    if (why_example := unsafe(root, example)) is not None:
        if not has_plans:  # said only when the example would have been written
            refused[example] = why_example
        has_plans = True
    if not has_plans and (plans / EXAMPLE).exists():
        raise KamdocError(f"{plans / EXAMPLE} exists but holds no plan.yaml; move it away or pick another folder")
    own = (*OWN, f"{PLANS}/{SCHEMA_FILE}", LOCAL_ACTION)
    clashes = sorted(name for name in own if name not in refused and (root / name).exists() and _differs(root / name, files[name]))
    if clashes and not force:
        raise KamdocError(f"these files of kamdoc's exist already and differ: {', '.join(clashes)}; "
                          "nothing was written (use --force to replace kamdoc's own files; the team's files are never replaced)")
    safe = {name: text for name, text in files.items() if name not in refused}
    planned, notes = _joined(root, safe, own, IF_MISSING, MERGED, GITLAB, GITLAB_OWN, refused)
    notes = [f"{name}: left alone: {why}; kamdoc follows no link and replaces no special file" for name, why in refused.items()] + notes
    written: list[Path] = []
    for name, text in planned.items():
        try:
            write_atomically(root / name, text.encode("utf-8"), root)
        except OSError as exc:
            raise output_error(root / name, exc) from None
        written.append(root / name)
    if not has_plans:
        account = "Example Customer" if language == "en" else "Beispielkunde"
        written.append(new_plan(EXAMPLE, plans, language, today, account=account))
    return written, notes


def unsafe(root: Path, name: str) -> str | None:
    """Why init must leave `root/name` alone (a link on the way or at the end, a FIFO, a device, a folder), or None.

    A clone can make any file a symbolic link to a file outside (~/.ssh/config): reading it would copy
    that file into the repository, writing it would change it. Nothing is followed, not even a link inside.
    """
    path = root
    parts = name.split("/")
    for depth, part in enumerate(parts):
        path = path / part
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            return None  # missing from here down: written fresh (or the write says why not)
        last = depth == len(parts) - 1
        if stat.S_ISLNK(mode):
            return "it is a symbolic link" if last else f"{'/'.join(parts[:depth + 1])} is a symbolic link"
        if last and not stat.S_ISREG(mode):
            return "it is not a regular file (a folder, a FIFO or a device)"
        if not last and not stat.S_ISDIR(mode):
            return f"{'/'.join(parts[:depth + 1])} is not a folder"
    return None


def _joined(root: Path, files: dict[str, str], own: tuple[str, ...], if_missing: tuple[str, ...], merged: dict[str, Any],
            gitlab: str, gitlab_own: str, refused: dict[str, str]) -> tuple[dict[str, str], list[str]]:
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
                joined = merged[name](read_own(target), text)
            except (ValueError, OSError, UnicodeDecodeError) as exc:
                notes.append(f"{name}: left as it is ({exc}); add kamdoc's part by hand:\n{text}")
                continue
            if joined is not None:
                planned[name] = joined
                notes.append(f"{name}: kamdoc's part added; the rest is as it was")
        elif name == gitlab:
            if _differs(target, text):
                if gitlab_own not in refused and _differs(root / gitlab_own, text):
                    planned[gitlab_own] = text
                notes.append(f"{gitlab} is the team's own: kamdoc's pipeline is in {gitlab_own}; to run it, add to {gitlab}:\n"
                             f"  include:\n    - local: {gitlab_own}\n(its jobs use GitLab's stages test and deploy, and its own default image)")
        elif name in if_missing:
            notes.append(f"{name} exists: kept as it is (kamdoc's would say how to work with the plans)")
    return planned, notes


def _differs(path: Path, text: str) -> bool:
    """Whether `path` holds other text than `text`: read only when it is a regular file, never through a link."""
    try:
        return read_own(path) != text
    except (OSError, ValueError):  # missing, unreadable or no text: to be written
        return True


def read_own(path: Path) -> str:
    """A file of the repository as text: never through a link, only a regular file, at most MAX_FILE_BYTES (else OSError, ValueError)."""
    # No link is followed and nothing waits: a FIFO swapped in after `unsafe` looked would block for ever.
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with open(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise ValueError("it is not a regular file")
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"it is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    return data.decode("utf-8")
