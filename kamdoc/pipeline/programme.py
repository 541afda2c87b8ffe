"""The programme's plans read for `kamdoc portfolio` and `kamdoc health`: each validated (in workers when many), with its last commit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kamdoc.analyse.health import Health, Summary, plans_health
from kamdoc.analyse.portfolio import Portfolio, analyse
from kamdoc.load.discover import shown_path
from kamdoc.load.document import find_repo
from kamdoc.load.git import last_commits
from kamdoc.standard.plan import Plan
from kamdoc.standard.programme import Programme
from kamdoc.validate.plan import Result, validate_each


def _kept(result: Result) -> tuple[Plan | None, int, str, str]:
    """What a worker sends back of a validated plan: the typed plan (None when invalid), its error count, the account's
    name, and the language the plan is written in (what its file says, for a plan that does not validate)."""
    return (
        result.plan,
        len(result.errors),
        result.plan.cover.full_name if result.plan else result.file.absolute().parent.name,
        result.language,
    )


def summaries(files: list[Path], today: date, programme: Programme) -> list[Summary]:
    """Each plan validated against the programme, with the day of its last commit, in the order given."""
    kept = validate_each(files, today, _kept, {find_repo(f).absolute(): programme for f in files})
    commits = last_commits(files)
    out = []
    for file, (plan, errors, name, language) in zip(files, kept):
        last = commits.get(file)
        day, unreadable = (last.day, last.unreadable) if last else (None, "")
        out.append(Summary(shown_path(file), name, plan, errors, day, unreadable, language))
    return out


def portfolio(files: list[Path], today: date, programme: Programme, language: str | None = None) -> Portfolio:
    """The portfolio of these plans."""
    return analyse(summaries(files, today, programme), today, programme, language)


def health(files: list[Path], today: date, programme: Programme, language: str | None = None) -> list[Health]:
    """The health of each of these plans."""
    return plans_health(summaries(files, today, programme), today, programme, language)
