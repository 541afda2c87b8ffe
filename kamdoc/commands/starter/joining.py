"""Joining a repository that exists: kamdoc's lines go into the team's files, which are never replaced."""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

OWN = ("kamdoc.yaml", ".github/workflows/kamdoc.yml")
"""kamdoc's own files: written when missing, replaced only with --force."""
IF_MISSING = ("README.md",)
"""The team's files kamdoc writes only where there is none."""
GITLAB = ".gitlab-ci.yml"
GITLAB_OWN = ".gitlab/kamdoc.gitlab-ci.yml"
"""Where kamdoc's GitLab pipeline goes when the repository has a pipeline of its own, for it to include."""
_HEADER = "# Added by kamdoc init:"


def merge_lines(existing: str, ours: str) -> str | None:
    """A line-based file (.gitignore, .gitattributes) with kamdoc's lines it lacks appended; None when it has them all."""
    have = {line.strip() for line in existing.splitlines()}
    missing = [
        line for line in ours.splitlines() if line.strip() and not line.startswith("#") and line.strip() not in have
    ]
    if not missing:
        return None
    start = existing if existing.endswith("\n") or not existing else existing + "\n"
    return start + ("\n" if start else "") + _HEADER + "\n" + "\n".join(missing) + "\n"


def merge_pre_commit(existing: str, ours: str) -> str | None:
    """The team's pre-commit configuration with kamdoc's hook added to its `repos`; None when a kamdoc hook is there.

    The entry is added as text, so that the team's comments and layout stay. A file whose `repos` is
    not a block list kamdoc can add to raises ValueError, said to the user as what to add by hand.
    """
    try:
        data = yaml.safe_load(existing) or {}
    except yaml.YAMLError as exc:
        raise ValueError(f"it is not valid YAML ({str(exc).splitlines()[0]})") from None
    if not isinstance(data, dict):
        raise ValueError("it is not a mapping with `repos:`")
    repos = data.get("repos") or []
    if not isinstance(repos, list):
        raise ValueError("its `repos` is not a list")
    if any(
        isinstance(r, dict)
        and any(isinstance(h, dict) and str(h.get("id", "")).startswith("kamdoc") for h in r.get("hooks") or [])
        for r in repos
    ):
        return None
    entry = _our_entry(ours)
    lines = existing.splitlines()
    top = next((i for i, line in enumerate(lines) if re.match(r"repos:\s*(#.*)?$", line)), None)
    if top is None:
        if "repos" in data:
            raise ValueError("its `repos` is written in flow style ([...])")
        return existing.rstrip("\n") + "\n" + "repos:\n" + "\n".join(entry) + "\n"
    indent = next(
        (line[: len(line) - len(line.lstrip())] for line in lines[top + 1 :] if re.match(r"\s*- ", line)), "  "
    )
    shown = [indent + line[2:] if line.startswith("  ") else line for line in entry]
    # The list ends at the next key of the file's top level (its items may stand at the left edge too).
    end = next((i for i in range(top + 1, len(lines)) if lines[i] and lines[i][0] not in " \t#-"), len(lines))
    return "\n".join([*lines[:end], *shown, *lines[end:]]) + "\n"


def switch_pre_commit(existing: str, ours: str) -> str | None:
    """The team's pre-commit configuration with kamdoc's `- repo:` entry replaced by the one in `ours` (the other kind
    of hook: kamdoc's repository, or `repo: local`); None when it has no kamdoc entry or has this one already.

    Replaced as text, so that the team's other hooks, comments and layout stay.
    """
    lines = existing.splitlines()
    found = kamdoc_entry(lines)
    if found is None:
        return None
    start, end = found
    indent = len(lines[start]) - len(lines[start].lstrip())
    shown = [" " * indent + line[2:] if line.startswith("  ") else line for line in _our_entry(ours)]
    if [line.strip() for line in lines[start:end] if line.strip()] == [line.strip() for line in shown]:
        return None
    return "\n".join([*lines[:start], *shown, *lines[end:]]) + "\n"


def kamdoc_entry(lines: list[str]) -> tuple[int, int] | None:
    """Where kamdoc's `- repo:` entry stands in a pre-commit configuration's lines (first line, line after it), or None."""
    starts = [i for i, line in enumerate(lines) if re.match(r"\s*- repo:", line)]
    for k, start in enumerate(starts):
        indent = len(lines[start]) - len(lines[start].lstrip())
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        # The entry ends at its list's next item or at the file's next top-level key, whichever comes first.
        end = next(
            (
                i
                for i in range(start + 1, end)
                if lines[i].strip()
                and not lines[i].lstrip().startswith("#")
                and len(lines[i]) - len(lines[i].lstrip()) <= indent
                and not lines[i][indent:].startswith(" ")
            ),
            end,
        )
        if any(re.match(r"\s*(- )?id: kamdoc", line) for line in lines[start:end]):
            return start, end
    return None


def _our_entry(ours: str) -> list[str]:
    """kamdoc's `- repo:` entry from its own pre-commit file, as its lines (indented by two spaces)."""
    lines = ours.splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("- repo:"))
    return [line for line in lines[start:] if line.strip()]


def merge_json(existing: str, ours: str) -> str | None:
    """A JSON settings file (.vscode/) with kamdoc's keys it lacks added; lists and objects merged; None when nothing is missing.

    A file JSON cannot read (VS Code allows comments) raises ValueError: the user adds the lines by hand.
    """
    try:
        have = json.loads(existing) if existing.strip() else {}
    except ValueError:
        raise ValueError("it is not plain JSON (comments or trailing commas)") from None
    if not isinstance(have, dict):
        raise ValueError("it is not a JSON object")
    merged = _merged(have, json.loads(ours))
    return None if merged == have else json.dumps(merged, indent=2, ensure_ascii=False) + "\n"


def _merged(have: Any, ours: Any) -> Any:
    if isinstance(have, dict) and isinstance(ours, dict):
        out = dict(have)
        for key, value in ours.items():
            out[key] = _merged(have[key], value) if key in have else value
        return out
    if isinstance(have, list) and isinstance(ours, list):
        return [*have, *[item for item in ours if item not in have]]
    return have  # the team's own value wins


MERGED = {
    ".gitignore": merge_lines,
    ".gitattributes": merge_lines,
    ".pre-commit-config.yaml": merge_pre_commit,
    ".vscode/settings.json": merge_json,
    ".vscode/extensions.json": merge_json,
}
"""The team's files kamdoc adds its part to."""
