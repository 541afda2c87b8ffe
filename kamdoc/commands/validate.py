"""`kamdoc validate`: every plan checked, its findings printed as text, JSON, GitHub annotations or a GitLab report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from kamdoc.errors import CommandLineError, KamdocError
from kamdoc.load.discover import find_plans, message_path
from kamdoc.load.settings import programmes_for
from kamdoc.validate import report
from kamdoc.validate.plan import Result, validate_each


def _findings_only(result: Result) -> tuple[Result, str | None]:
    """What a worker sends back: the findings, and the account's partnership level (for kamdoc.yaml's max_accounts)."""
    data = result.doc.data if result.doc else None  # as written: a plan with errors is an account all the same
    assessment = data.get("assessment") if isinstance(data, dict) else None
    level = assessment.get("partnership") if isinstance(assessment, dict) else None
    return Result(result.file, result.findings, said_in=result.language), level if isinstance(level, str) else None


def _folder_rules(plans: list[Path], kept: list[tuple[Result, str | None]]) -> list[Result]:
    """The rules over the plans validated together (max_accounts), per repository: findings at kamdoc.yaml's line."""
    from kamdoc.load.document import find_repo
    from kamdoc.load.settings import programme_for
    from kamdoc.validate.house_rules import max_accounts

    by_repo: dict[Path, list[tuple[str, str | None]]] = {}
    for plan, (_result, level) in zip(plans, kept):
        by_repo.setdefault(find_repo(plan).absolute(), []).append((message_path(plan), level))
    from kamdoc.messages import most_spoken

    language = most_spoken(result.language for result, _ in kept)  # kamdoc.yaml speaks as most of its plans do
    out = []
    for repo, levels in sorted(by_repo.items()):
        findings = max_accounts(levels, programme_for(repo))
        if findings:
            out.append(Result(findings[0].pos.file, findings, said_in=language))
    return out


def validate_paths(paths: list[Path], fmt: str, strict: bool, today: date, language: str | None = None) -> int:
    """Validate the plans under `paths` and print the findings; returns the exit code."""
    if not paths or (len(paths) == 1 and not paths[0].exists()):
        missing = paths[0] if paths else Path("plans")
        raise CommandLineError(
            f"no {missing}/ folder here: name the plans to check, e.g. `kamdoc validate path/to/plans`"
        )
    plans = find_plans(paths)
    if not plans:
        raise KamdocError(
            f"no plans found in {', '.join(map(str, paths))} (a plan is a folder with plan.yaml, or a .yaml file)"
        )
    kept = validate_each(plans, today, _findings_only, programmes_for(plans))
    checked = [result for result, _ in kept]
    folder = _folder_rules(plans, kept)
    results = checked + folder
    out = {"text": report.text, "json": report.as_json, "github": report.github, "gitlab": report.gitlab}[fmt](
        results, language
    )
    if out:
        click.echo(out)
    if fmt != "json":
        click.echo(report.summary(checked, folder), err=True)
    failed = any(r.errors for r in results) or (strict and any(r.warnings for r in results))
    return 1 if failed else 0
