"""GitHub's and GitLab's REST APIs, with the token the CI job hands over: issue trackers for `kamdoc remind`, and the
calls `kamdoc approval` and `kamdoc tag` make."""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from kamdoc.analyse.remind import MARKER
from kamdoc.errors import KamdocError

MAX_PAGES = 20
"""Pages of open reminder issues read (100 each): more open reminders than a programme has plans is not expected."""
MAX_ANSWER_BYTES = 8 * 1024 * 1024
"""The most of one answer read: an API's page of 100 issues is far less."""
TIMEOUT = 30
"""Seconds to wait for one answer."""
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass
class Issue:
    """An open reminder issue: its number (GitLab's iid), title, body and assignees' names."""

    number: int
    title: str
    body: str
    assignees: list[str] = field(default_factory=list)


def plan_of(body: str) -> str | None:
    """The plan a reminder issue's hidden marker names, or None for an issue that is not kamdoc's."""
    head = f"<!-- {MARKER}: "
    first = body.split("\n", 1)[0].strip()
    if first.startswith(head) and first.endswith(" -->"):
        return first[len(head) : -4].strip() or None
    return None


class Tracker(Protocol):
    """What `kamdoc remind` needs of an issue tracker."""

    def open_reminders(self) -> dict[str, Issue]: ...
    def create(self, title: str, body: str, assignees: list[str]) -> int: ...
    def update(self, number: int, title: str, body: str, assignees: list[str]) -> None: ...
    def close(self, number: int, comment: str) -> None: ...


def checked_base(url: str, variable: str) -> str:
    """An API address the token may be sent to: https, or http on this machine only (a test's recorded API)."""
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme == "https" or (parsed.scheme == "http" and parsed.hostname in _LOOPBACK):
        return url.rstrip("/")
    raise KamdocError(f"{variable}={url!r} is not an https address: kamdoc sends the token to https addresses only")


class Api:
    """JSON over HTTPS with a token, each failure said as one message."""

    def __init__(self, base: str, headers: dict[str, str], name: str) -> None:
        self.base, self.headers, self.name = base, headers, name

    def call(self, method: str, path: str, data: dict[str, Any] | None = None, missing: Any = ...) -> Any:
        """The answer to one request as JSON; `missing`, when given, is the answer to a 404 instead of an error."""
        body = json.dumps(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, method=method, headers=self.headers)
        if body is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:  # noqa: S310 - the address is checked
                raw = answer.read(MAX_ANSWER_BYTES + 1)
        except urllib.error.HTTPError as exc:
            if exc.code == 404 and missing is not ...:
                return missing
            said = exc.read(2000).decode("utf-8", "replace")
            raise KamdocError(f"{self.name} answered {exc.code} to {method} {path}: {_message(said)}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise KamdocError(f"{self.name} could not be reached at {self.base}: {exc}") from None
        if len(raw) > MAX_ANSWER_BYTES:
            raise KamdocError(f"{self.name}'s answer to {method} {path} is larger than kamdoc reads")
        return json.loads(raw) if raw.strip() else None

    def pages(self, path: str) -> Iterator[Any]:
        """The items of a listing, page after page of 100, up to MAX_PAGES."""
        joined = "&" if "?" in path else "?"
        for page in range(1, MAX_PAGES + 1):
            items = self.call("GET", f"{path}{joined}per_page=100&page={page}") or []
            yield from items
            if len(items) < 100:
                return


def _message(said: str) -> str:
    try:
        data = json.loads(said)
    except ValueError:
        return said.strip()[:300] or "no reason given"
    return str(data.get("message", data)) if isinstance(data, dict) else str(data)[:300]


def github_api(env: dict[str, str], needs: str) -> tuple[Api, str]:
    """GitHub's API with the workflow's token, and the repository (owner/name); `needs` says which command asks."""
    token, repository = env.get("GITHUB_TOKEN", ""), env.get("GITHUB_REPOSITORY", "")
    if not token or not repository:
        raise KamdocError(
            f"{needs} needs GITHUB_TOKEN and GITHUB_REPOSITORY: in a workflow, give the step "
            "`env: GITHUB_TOKEN: ${{ github.token }}` and the job the permission it needs"
        )
    base = checked_base(env.get("GITHUB_API_URL", "https://api.github.com"), "GITHUB_API_URL")
    headers = {
        "Authorization": f"Bearer {token}",
        "Accept": "application/vnd.github+json",
        "X-GitHub-Api-Version": "2022-11-28",
        "User-Agent": "kamdoc",
    }
    return Api(base, headers, "GitHub"), repository


class GitHub:
    """GitHub's issues API for the workflow's repository (GITHUB_REPOSITORY, GITHUB_TOKEN, GITHUB_API_URL)."""

    def __init__(self, env: dict[str, str] | None = None) -> None:
        env = dict(os.environ if env is None else env)
        self.api, repository = github_api(env, "kamdoc remind --format github (with `permissions: issues: write`)")
        self.path = f"/repos/{urllib.parse.quote(repository, safe='/')}/issues"

    def open_reminders(self) -> dict[str, Issue]:
        found: dict[str, Issue] = {}
        for item in self.api.pages(f"{self.path}?state=open&labels={MARKER}"):
            plan = plan_of(item.get("body") or "")
            if plan and "pull_request" not in item:
                assignees = [a.get("login", "") for a in item.get("assignees") or []]
                found.setdefault(plan, Issue(item["number"], item.get("title", ""), item.get("body", ""), assignees))
        return found

    def create(self, title: str, body: str, assignees: list[str]) -> int:
        data = {"title": title, "body": body, "labels": [MARKER], "assignees": assignees}
        return int(self._assigning("POST", self.path, data)["number"])

    def update(self, number: int, title: str, body: str, assignees: list[str]) -> None:
        data = {"title": title, "body": body, "assignees": assignees}
        self._assigning("PATCH", f"{self.path}/{number}", data)

    def _assigning(self, method: str, path: str, data: dict[str, Any]) -> Any:
        """A write that assigns people; GitHub refuses one who may not be assigned (422): then the issue is written
        unassigned, since the owners stand in its body all the same."""
        try:
            return self.api.call(method, path, data)
        except KamdocError as exc:
            if " answered 422 " not in str(exc) or not data.get("assignees"):
                raise
            return self.api.call(method, path, {**data, "assignees": []})

    def close(self, number: int, comment: str) -> None:
        self.api.call("POST", f"{self.path}/{number}/comments", {"body": comment})
        self.api.call("PATCH", f"{self.path}/{number}", {"state": "closed", "state_reason": "completed"})


class GitLab:
    """GitLab's issues API for the pipeline's project (CI_API_V4_URL, CI_PROJECT_ID, KAMDOC_GITLAB_TOKEN)."""

    def __init__(self, env: dict[str, str] | None = None) -> None:
        env = dict(os.environ if env is None else env)
        token, project = env.get("KAMDOC_GITLAB_TOKEN", ""), env.get("CI_PROJECT_ID", "")
        if not token or not project:
            raise KamdocError(
                "kamdoc remind --format gitlab needs KAMDOC_GITLAB_TOKEN (a project access token with the api scope, "
                "as a CI/CD variable) and CI_PROJECT_ID (GitLab sets it in a pipeline)"
            )
        base = checked_base(env.get("CI_API_V4_URL", "https://gitlab.com/api/v4"), "CI_API_V4_URL")
        self.api = Api(base, {"PRIVATE-TOKEN": token, "User-Agent": "kamdoc"}, "GitLab")
        self.path = f"/projects/{urllib.parse.quote(project, safe='')}/issues"
        self._ids: dict[str, int | None] = {}

    def open_reminders(self) -> dict[str, Issue]:
        found: dict[str, Issue] = {}
        for item in self.api.pages(f"{self.path}?state=opened&labels={MARKER}"):
            plan = plan_of(item.get("description") or "")
            if plan:
                assignees = [a.get("username", "") for a in item.get("assignees") or []]
                found.setdefault(
                    plan, Issue(item["iid"], item.get("title", ""), item.get("description", ""), assignees)
                )
        return found

    def _user_ids(self, names: list[str]) -> list[int]:
        """GitLab assigns by user id: each name looked up once per run; a name GitLab does not know is left out."""
        for name in names:
            if name not in self._ids:
                users = self.api.call("GET", f"/users?username={urllib.parse.quote(name)}") or []
                self._ids[name] = int(users[0]["id"]) if users else None
        return [i for i in (self._ids[n] for n in names) if i is not None]

    def create(self, title: str, body: str, assignees: list[str]) -> int:
        data = {"title": title, "description": body, "labels": MARKER, "assignee_ids": self._user_ids(assignees)}
        return int(self.api.call("POST", self.path, data)["iid"])

    def update(self, number: int, title: str, body: str, assignees: list[str]) -> None:
        data = {"title": title, "description": body, "assignee_ids": self._user_ids(assignees)}
        self.api.call("PUT", f"{self.path}/{number}", data)

    def close(self, number: int, comment: str) -> None:
        self.api.call("POST", f"{self.path}/{number}/notes", {"body": comment})
        self.api.call("PUT", f"{self.path}/{number}", {"state_event": "close"})
