"""`kamdoc approval`: a pull request that sets a plan to approved passes only with an approving review from an approver."""

from __future__ import annotations

import json
import os
import urllib.parse
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import click

from kamdoc.commands.trackers import Api, github_api
from kamdoc.errors import KamdocError
from kamdoc.pipeline.approval import Approval, approvals_in
from kamdoc.validate.report import escape_data, escape_property

MAX_EVENT_BYTES = 25 * 1024 * 1024
"""GitHub's event file for a pull request is far smaller; a larger one is not read."""


@dataclass(frozen=True)
class PullRequest:
    """The pull request under review: its number and the commit its head is at."""

    number: int
    head: str = ""  # the head commit; an approval of an older commit does not count when it is known


def pull_request(number: int | None, head: str | None) -> PullRequest:
    """The pull request from the options, else from the workflow's event file (GITHUB_EVENT_PATH)."""
    if number is not None:
        return PullRequest(number, head or "")
    event = os.environ.get("GITHUB_EVENT_PATH", "")
    data: Any = None
    if event and os.path.isfile(event) and os.path.getsize(event) <= MAX_EVENT_BYTES:
        with open(event, encoding="utf-8") as handle:
            data = json.load(handle)
    pr = data.get("pull_request") if isinstance(data, dict) else None
    if not isinstance(pr, dict) or not isinstance(pr.get("number"), int):
        raise KamdocError(
            "kamdoc approval runs on a pull request: give --pull NUMBER, or run it in a pull_request workflow"
        )
    sha = pr.get("head", {}).get("sha", "") if isinstance(pr.get("head"), dict) else ""
    return PullRequest(pr["number"], head or str(sha))


def latest_approvals(api: Api, repository: str, pr: PullRequest) -> list[str]:
    """The logins whose latest review of the pull request approves it (of its head commit, where that is known);
    comments do not undo an approval, a request for changes or a dismissal does."""
    latest: dict[str, dict[str, Any]] = {}
    for review in api.pages(f"/repos/{urllib.parse.quote(repository, safe='/')}/pulls/{pr.number}/reviews"):
        login = (review.get("user") or {}).get("login")
        if login and review.get("state") in ("APPROVED", "CHANGES_REQUESTED", "DISMISSED"):
            latest[login.lower()] = review
    return [
        login
        for login, review in latest.items()
        if review.get("state") == "APPROVED" and (not pr.head or review.get("commit_id") == pr.head)
    ]


def approved_by(api: Api, logins: list[str], approvers: tuple[str, ...]) -> str:
    """The first approver (a person, or a team they belong to) among the logins that approved; empty when none."""
    for approver in approvers:
        name = approver.removeprefix("@").lower()
        if "/" not in name:
            if name in logins:
                return f"@{name}"
            continue
        org, team = name.split("/", 1)
        for login in logins:
            path = f"/orgs/{urllib.parse.quote(org)}/teams/{urllib.parse.quote(team)}/memberships/{urllib.parse.quote(login)}"
            member = api.call("GET", path, missing={})
            if isinstance(member, dict) and member.get("state") == "active":
                return f"@{login} ({approver})"
    return ""


def run_approval(change: str, pull: int | None, head: str | None, fmt: str, today: date, paths: list[Path]) -> int:
    """The check: each plan the change sets to approved, approved by whom or needing whom; 1 when one lacks approval."""
    needed = approvals_in(change, today, paths)
    if not needed:
        click.echo("no plan is set to approved in this change")
        return 0
    try:
        api, repository = github_api(dict(os.environ), "kamdoc approval (with `permissions: pull-requests: read`)")
    except KamdocError:
        for approval in needed:  # what the pull request needs is said all the same; only who approved is unknown
            click.echo(_line(approval, "", fmt))
        raise
    pr = pull_request(pull, head)
    logins = latest_approvals(api, repository, pr)
    missing = 0
    for approval in needed:
        by = approved_by(api, logins, approval.approvers) if approval.approvers else ""
        missing += not by
        click.echo(_line(approval, by, fmt))
    return 1 if missing else 0


def _line(approval: Approval, by: str, fmt: str) -> str:
    if by:
        what = "Approved plan changed" if approval.changed else f"Status {approval.before or 'new'} → approved"
        return f"{approval.plan}: {what}: approved by {by}; the merge is tagged {approval.tag}"
    if fmt == "github":
        return f"::error file={escape_property(approval.plan)},title=Approval needed::{escape_data(approval.needs())}"
    return f"{approval.plan}: {approval.needs()}"
