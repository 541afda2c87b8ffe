"""Finding the plans under the paths a user names."""

from __future__ import annotations

import os
from pathlib import Path

PLAN_FILE = "plan.yaml"
_SKIP_FILES = {"kamdoc.yaml", "kamdoc.yml"}


def find_plans(paths: list[Path]) -> list[Path]:
    """Plan files under `paths`: a named file, a folder's plan.yaml, or every plan below a folder, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_file() or (path.exists() and not path.is_dir()):
            found.append(path)  # named by a person: read_plan says if it is no regular file
        elif (path / PLAN_FILE).is_file():
            found.append(path / PLAN_FILE)
        else:
            found += _walk(path)
    unique: dict[str, Path] = {}
    for plan in found:
        unique.setdefault(os.path.normpath(plan.absolute()), plan)
    return list(unique.values())


def _walk(folder: Path) -> list[Path]:
    plans = []
    # os.walk does not follow symbolic links to folders, so a linked folder outside the repo is never entered.
    for here, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        if PLAN_FILE in files:
            plans.append(Path(here) / PLAN_FILE)
            folders[:] = []  # a plan folder holds its own assets, not more plans
            continue
        plans += [
            Path(here) / name
            for name in sorted(files)
            if name.endswith((".yaml", ".yml")) and not name.startswith(".") and name not in _SKIP_FILES
        ]
    return plans


def plan_slug(plan_file: Path) -> str:
    """The plan's short name: its folder's name for plan.yaml, else the file's stem."""
    return plan_file.absolute().parent.name if plan_file.name == PLAN_FILE else plan_file.stem


def message_path(path: Path) -> str:
    """A path as messages show it: relative to the working folder when inside it, else whole."""
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path.absolute())
    except ValueError:  # another drive on Windows
        return str(path)


def shown_path(path: Path) -> str:
    """A path as manifests and tables show it: relative to the working folder where possible, with /."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()
