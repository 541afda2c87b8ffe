"""`kamdoc remind`: one issue per plan that is due, created, updated and closed in GitHub or GitLab; or a report."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import click

from kamdoc.analyse.remind import Reminder
from kamdoc.commands.comment_text import inline
from kamdoc.commands.trackers import GitHub, GitLab, Issue, Tracker

_WORDS = {
    "none": "No plan is due ({n} checked).",
    "due": "{n} of {m} plans due:",
}


@dataclass
class Step:
    """What a run does (or would do) about one plan's issue."""

    action: str  # create, update, unchanged, close
    reminder: Reminder
    number: int | None = None  # the issue's, where there is one


def plan_steps(reminders: list[Reminder], existing: dict[str, Issue], today: date) -> list[Step]:
    """For each plan: a new issue when due without one, an update when its issue says something else, a close when it
    is no longer due; plans neither due nor with an issue are left alone."""
    steps = []
    for r in reminders:
        issue = existing.get(r.plan)
        if r.due and issue is None:
            steps.append(Step("create", r))
        elif r.due and issue is not None:
            same = (issue.title, issue.body.strip(), sorted(issue.assignees)) == (
                r.title(today),
                r.body(inline).strip(),
                sorted(r.assignees),
            )
            steps.append(Step("unchanged" if same else "update", r, issue.number))
        elif issue is not None:
            steps.append(Step("close", r, issue.number))
    return steps


def carry_out(tracker: Tracker, steps: list[Step], today: date) -> None:
    """The steps done against the tracker, in order."""
    for step in steps:
        r = step.reminder
        if step.action == "create":
            step.number = tracker.create(r.title(today), r.body(inline), r.assignees)
        elif step.action == "update" and step.number is not None:
            tracker.update(step.number, r.title(today), r.body(inline), r.assignees)
        elif step.action == "close" and step.number is not None:
            tracker.close(step.number, r.closing(today))


def _step_lines(steps: list[Step], today: date, dry_run: bool) -> list[str]:
    verbs = {
        "create": "would create" if dry_run else "created",
        "update": "would update" if dry_run else "updated",
        "unchanged": "unchanged",
        "close": "would close" if dry_run else "closed",
    }
    lines = []
    for step in steps:
        r = step.reminder
        number = f" #{step.number}" if step.number is not None else ""
        assigned = f" (assigned to {', '.join('@' + a for a in r.assignees)})" if r.assignees else ""
        lines.append(f"{verbs[step.action]}{number}: {r.plan}: {r.title(today)}{assigned}")
        if step.action != "close":
            lines += [f"  - {reason}" for reason in r.reasons]
    return lines or ["nothing to do: no plan is due and no reminder is open"]


def report_text(reminders: list[Reminder], today: date) -> str:
    due = [r for r in reminders if r.due]
    if not due:
        return _WORDS["none"].format(n=len(reminders)) + "\n"
    lines = [_WORDS["due"].format(n=len(due), m=len(reminders))]
    for r in due:
        owners = f" [{' '.join(r.owners)}]" if r.owners else ""
        lines += ["", f"{r.plan}: {r.title(today)}{owners}", *(f"  - {reason}" for reason in r.reasons)]
    return "\n".join(lines) + "\n"


def report_json(reminders: list[Reminder], today: date) -> str:
    data = [
        {
            "plan": r.plan,
            "account": r.account,
            "key_account_manager": r.manager or None,
            "due": r.due,
            "next_review": r.next_review.isoformat() if r.next_review else None,
            "status": r.status,
            "title": r.title(today),
            "reasons": r.reasons,
            "owners": r.owners,
        }
        for r in reminders
    ]
    return json.dumps({"date": today.isoformat(), "plans": data}, ensure_ascii=False, indent=2) + "\n"


def run_remind(paths: list[Path], within: int, fmt: str, dry_run: bool, today: date) -> int:
    """The `kamdoc remind` command: a report (text, json), or the reminder issues kept in step (github, gitlab)."""
    from kamdoc.commands.programme import _programme_plans
    from kamdoc.pipeline.remind import reminders as find_reminders

    plans, programme = _programme_plans(paths, "remind")
    found = find_reminders(plans, today, programme, within)
    if fmt in ("text", "json"):
        click.echo((report_text if fmt == "text" else report_json)(found, today), nl=False)
        return 0
    tracker = _tracker(fmt, dry_run)
    existing = tracker.open_reminders() if tracker is not None else {}
    steps = plan_steps(found, existing, today)
    if dry_run and tracker is None:
        click.echo(f"(no {fmt} token here: open reminder issues were not read, so every due plan shows as new)")
    if not dry_run and tracker is not None:
        carry_out(tracker, steps, today)
    click.echo("\n".join(_step_lines(steps, today, dry_run)))
    return 0


def _tracker(fmt: str, dry_run: bool) -> Tracker | None:
    """The tracker to talk to; in a dry run without its token, none (nothing is read or written)."""
    import os

    needed = ("GITHUB_TOKEN", "GITHUB_REPOSITORY") if fmt == "github" else ("KAMDOC_GITLAB_TOKEN", "CI_PROJECT_ID")
    if dry_run and not all(os.environ.get(v) for v in needed):
        return None
    return GitHub() if fmt == "github" else GitLab()
