"""Building real git histories of plans for tests: a repository, edits, commits."""

from __future__ import annotations

import subprocess
from pathlib import Path


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout.strip()


def new_repo(root: Path) -> Path:
    """An empty repository at `root` with a committer set."""
    git(root, "init", "-q")
    git(root, "config", "user.email", "kam@example.com")
    git(root, "config", "user.name", "KAM")
    return root


def edit(repo: Path, path: str, old: str, new: str) -> None:
    """Replace the first `old` in a file of the repository (which must hold it) with `new`."""
    file = repo / path
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def commit(repo: Path, message: str) -> str:
    """Commit everything in the work tree; the new commit's id."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def committed_plans(root: Path) -> Path:
    """A repository at `root` holding a copy of the example plans and their programme, committed."""
    import shutil

    from conftest import PLANS

    shutil.copytree(PLANS, root / "plans")
    new_repo(root)
    commit(root, "plans")
    return root
