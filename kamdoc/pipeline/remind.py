"""The programme's plans read for `kamdoc remind`: each one's health, owners and whether it is due."""

from __future__ import annotations

from datetime import date
from pathlib import Path, PurePosixPath

from kamdoc.analyse.health import plans_health
from kamdoc.analyse.remind import Reminder, reminder
from kamdoc.load.document import find_repo
from kamdoc.load.owners import codeowners_of, read_codeowners
from kamdoc.pipeline.programme import summaries
from kamdoc.standard.programme import Programme


def reminders(files: list[Path], today: date, programme: Programme, within: int) -> list[Reminder]:
    """Each plan's reminder (due or not), keyed by its path from the repository's top, with its owners: kamdoc.yaml's
    `owners:` for its folder or one above it, else the repository's CODEOWNERS."""
    found = summaries(files, today, programme)
    healths = plans_health(found, today, programme)
    repo = find_repo(files[0]).absolute() if files else Path.cwd()
    rules = read_codeowners(repo)
    out = []
    for file, summary, health in zip(files, found, healths):
        key = (
            PurePosixPath(file.absolute().relative_to(repo).as_posix())
            if file.absolute().is_relative_to(repo)
            else PurePosixPath(file.name)
        )
        folder = key.parent
        owners = _configured(programme.owners, folder) or codeowners_of(rules, folder)
        made = reminder(summary, health, today, within, owners)
        made.plan = key.as_posix()
        out.append(made)
    return out


def _configured(owners: dict[str, list[str]], folder: PurePosixPath) -> list[str]:
    """kamdoc.yaml's owners of a plan folder: the entry for it, else for the nearest folder above it (written with or
    without slashes around it, as CODEOWNERS writes folders)."""
    given = {key.strip("/"): value for key, value in owners.items()}
    for candidate in (folder, *folder.parents):
        if found := given.get(candidate.as_posix().strip("/")):
            return found
    return []
