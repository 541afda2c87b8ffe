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
from kamdoc.messages import most_spoken

_WORDS = {
    "en": {
        "none": "No plan is due ({n} checked).",
        "due": "{n} of {m} plans due:",
        "create": "created",
        "update": "updated",
        "close": "closed",
        "unchanged": "unchanged",
        "dry_create": "would create",
        "dry_update": "would update",
        "dry_close": "would close",
        "assigned": "assigned to {who}",
        "nothing": "nothing to do: no plan is due and no reminder is open",
        "no_token": "(no {fmt} token here: open reminder issues were not read, so every due plan shows as new)",
    },
    "de": {
        "none": "Kein Plan ist fällig ({n} geprüft).",
        "due": "{n} von {m} Plänen fällig:",
        "create": "angelegt",
        "update": "aktualisiert",
        "close": "geschlossen",
        "unchanged": "unverändert",
        "dry_create": "würde anlegen",
        "dry_update": "würde aktualisieren",
        "dry_close": "würde schließen",
        "assigned": "zugewiesen an {who}",
        "nothing": "nichts zu tun: kein Plan ist fällig und keine Erinnerung ist offen",
        "no_token": "(hier kein {fmt}-Token: offene Erinnerungen wurden nicht gelesen, daher erscheint jeder fällige Plan als neu)",
    },
}
"""The command's own lines, in the language most of the plans speak (the issues speak each plan's own)."""


_ACTIONS = ("create", "update", "close", "unchanged")


def _frame(reminders: list[Reminder]) -> dict[str, str]:
    return _WORDS[most_spoken(r.language for r in reminders)]


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


def _step_lines(steps: list[Step], today: date, dry_run: bool, w: dict[str, str]) -> list[str]:
    verbs = {action: w[f"dry_{action}" if dry_run and action != "unchanged" else action] for action in _ACTIONS}
    lines = []
    for step in steps:
        r = step.reminder
        number = f" #{step.number}" if step.number is not None else ""
        who = ", ".join("@" + a for a in r.assignees)
        assigned = f" ({w['assigned'].format(who=who)})" if r.assignees else ""
        lines.append(f"{verbs[step.action]}{number}: {r.plan}: {r.title(today)}{assigned}")
        if step.action != "close":
            lines += [f"  - {reason}" for reason in r.reasons]
    return lines or [w["nothing"]]


def report_text(reminders: list[Reminder], today: date) -> str:
    w, due = _frame(reminders), [r for r in reminders if r.due]
    if not due:
        return w["none"].format(n=len(reminders)) + "\n"
    lines = [w["due"].format(n=len(due), m=len(reminders))]
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
    w = _frame(found)
    if dry_run and tracker is None:
        click.echo(w["no_token"].format(fmt="GitHub" if fmt == "github" else "GitLab"))
    if not dry_run and tracker is not None:
        carry_out(tracker, steps, today)
    click.echo("\n".join(_step_lines(steps, today, dry_run, w)))
    return 0


def _tracker(fmt: str, dry_run: bool) -> Tracker | None:
    """The tracker to talk to; in a dry run without its token, none (nothing is read or written)."""
    import os

    needed = ("GITHUB_TOKEN", "GITHUB_REPOSITORY") if fmt == "github" else ("KAMDOC_GITLAB_TOKEN", "CI_PROJECT_ID")
    if dry_run and not all(os.environ.get(v) for v in needed):
        return None
    return GitHub() if fmt == "github" else GitLab()
