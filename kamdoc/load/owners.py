"""Who keeps each plan: the repository's CODEOWNERS (GitHub's or GitLab's places), read safely and boundedly."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

CODEOWNERS_PLACES = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS")
"""Where GitHub and GitLab look for the file, in their order."""
MAX_CODEOWNERS_BYTES = 3 * 1024 * 1024
"""GitHub ignores a CODEOWNERS file above 3 MB; so does kamdoc."""
MAX_RULES = 10_000
"""The most rules read from one file: far more than a plans repository has folders."""


def read_codeowners(repo: Path) -> list[tuple[str, list[str]]]:
    """The rules of the repository's CODEOWNERS as (pattern, owners), in the file's order; none without a file."""
    for place in CODEOWNERS_PLACES:
        file = repo / place
        if file.is_file() and not file.is_symlink() and file.stat().st_size <= MAX_CODEOWNERS_BYTES:
            return parse_codeowners(file.read_text(encoding="utf-8", errors="replace"))
    return []


def parse_codeowners(text: str) -> list[tuple[str, list[str]]]:
    """CODEOWNERS lines as (pattern, owners): comments, blank lines and GitLab's [Section] headings left out."""
    rules = []
    for line in text.splitlines()[:MAX_RULES]:
        words = line.split("#", 1)[0].split()
        if not words or words[0].startswith("[") or words[0].startswith("^["):
            continue
        rules.append((words[0], [w for w in words[1:] if w.startswith("@")]))
    return rules


def _matches(pattern: str, folder: PurePosixPath) -> bool:
    """Whether a CODEOWNERS pattern covers a plan folder: `*`, or the folder or one above it (with or without the
    leading and trailing slash, or `/**`). Other glob patterns are left to the forge: kamdoc assigns by folder only."""
    if pattern in ("*", "/*", "/**", "**"):
        return True
    path = pattern.strip("/").removesuffix("/**").removesuffix("/*").strip("/")
    if not path or any(c in path for c in "*?["):
        return False
    return folder == PurePosixPath(path) or PurePosixPath(path) in folder.parents


def codeowners_of(rules: list[tuple[str, list[str]]], folder: PurePosixPath) -> list[str]:
    """The owners of a plan folder: those of the last rule that covers it, as GitHub and GitLab read the file."""
    found: list[str] = []
    for pattern, owners in rules:
        if _matches(pattern, folder):
            found = owners
    return found
