"""A recorded issue tracker for the tests: a local HTTP server speaking the parts of GitHub's and GitLab's issues APIs
that `kamdoc remind` uses, keeping the issues in memory and every request it was sent."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit


@dataclass
class Tracker:
    """The server's state: issues by number, and the requests as (method, path, body, headers)."""

    kind: str  # github or gitlab
    issues: dict[int, dict[str, Any]] = field(default_factory=dict)
    reviews: list[dict[str, Any]] = field(default_factory=list)  # pull request 7's, as GitHub lists them
    teams: dict[str, list[str]] = field(default_factory=dict)  # "org/team" -> its members' logins
    tags: dict[str, str] = field(default_factory=dict)  # tag name -> commit
    requests: list[tuple[str, str, Any, dict[str, str]]] = field(default_factory=list)
    url: str = ""

    def open_issues(self) -> list[dict[str, Any]]:
        state = "open" if self.kind == "github" else "opened"
        return [i for i in self.issues.values() if i["state"] == state]

    def body(self, issue: dict[str, Any]) -> str:
        return issue["body" if self.kind == "github" else "description"]


def _handler(tracker: Tracker) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _answer(self, code: int, data: Any) -> None:
            raw = json.dumps(data).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def _serve(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            data = json.loads(self.rfile.read(length)) if length else None
            parts = urlsplit(self.path)
            tracker.requests.append((method, parts.path, data, dict(self.headers)))
            code, answer = (github if tracker.kind == "github" else gitlab)(
                tracker, method, parts.path, parse_qs(parts.query), data
            )
            self._answer(code, answer)

        def do_GET(self) -> None:
            self._serve("GET")

        def do_POST(self) -> None:
            self._serve("POST")

        def do_PATCH(self) -> None:
            self._serve("PATCH")

        def do_PUT(self) -> None:
            self._serve("PUT")

    return Handler


def _github_review(
    t: Tracker, method: str, parts: list[str], query: dict[str, list[str]], data: Any
) -> tuple[int, Any]:
    """Pull request 7's reviews, team memberships and tag references."""
    if parts[:6] == ["repos", "sales", "plans", "pulls", "7", "reviews"] and method == "GET":
        page = int(query.get("page", ["1"])[0])
        return 200, t.reviews[(page - 1) * 100 : page * 100]
    if parts[0] == "orgs" and len(parts) == 6 and parts[2] == "teams" and parts[4] == "memberships":
        members = t.teams.get(f"{parts[1]}/{parts[3]}", [])
        return (200, {"state": "active", "role": "member"}) if parts[5] in members else (404, {"message": "Not Found"})
    if parts[:5] == ["repos", "sales", "plans", "git", "ref"] and method == "GET":
        name = "/".join(parts[6:])
        if name in t.tags:
            return 200, {"ref": f"refs/tags/{name}", "object": {"sha": t.tags[name], "type": "commit"}}
        return 404, {"message": "Not Found"}
    if parts[:5] == ["repos", "sales", "plans", "git", "refs"] and method == "POST":
        name = data["ref"].removeprefix("refs/tags/")
        if name in t.tags:
            return 422, {"message": "Reference already exists"}
        t.tags[name] = data["sha"]
        return 201, {"ref": data["ref"], "object": {"sha": data["sha"]}}
    return 404, {"message": "Not Found"}


def github(t: Tracker, method: str, path: str, query: dict[str, list[str]], data: Any) -> tuple[int, Any]:
    parts = [unquote(p) for p in path.strip("/").split("/")]  # repos/o/r/issues[/n[/comments]]
    if parts[:4] != ["repos", "sales", "plans", "issues"]:
        return _github_review(t, method, parts, query, data)
    if len(parts) == 4 and method == "GET":
        label = query.get("labels", [""])[0]
        found = [i for i in t.open_issues() if label in [lb["name"] for lb in i["labels"]]]
        page = int(query.get("page", ["1"])[0])
        return 200, found[(page - 1) * 100 : page * 100]
    if len(parts) == 4 and method == "POST":
        number = len(t.issues) + 1
        t.issues[number] = {
            "number": number,
            "title": data["title"],
            "body": data["body"],
            "state": "open",
            "labels": [{"name": n} for n in data.get("labels", [])],
            "assignees": [{"login": a} for a in data.get("assignees", [])],
            "comments": [],
        }
        return 201, t.issues[number]
    issue = t.issues.get(int(parts[4]))
    if issue is None:
        return 404, {"message": "Not Found"}
    if len(parts) == 6 and method == "POST":
        issue["comments"].append(data["body"])
        return 201, {"body": data["body"]}
    if method == "PATCH":
        for key in ("title", "body", "state"):
            if key in data:
                issue[key] = data[key]
        if "assignees" in data:
            issue["assignees"] = [{"login": a} for a in data["assignees"]]
        return 200, issue
    return 405, {"message": "Method Not Allowed"}


def gitlab(t: Tracker, method: str, path: str, query: dict[str, list[str]], data: Any) -> tuple[int, Any]:
    parts = path.strip("/").split("/")  # api/v4/projects/42/issues[/iid[/notes]] or api/v4/users
    if parts[2:] == ["users"]:
        name = query.get("username", [""])[0]
        return 200, [{"id": 1000 + len(name), "username": name}] if name == "aisha-rahman" else []
    if parts[2:5] != ["projects", "42", "issues"]:
        return 404, {"message": "404 Not Found"}
    if len(parts) == 5 and method == "GET":
        label = query.get("labels", [""])[0]
        return 200, [i for i in t.open_issues() if label in i["labels"]]
    if len(parts) == 5 and method == "POST":
        iid = len(t.issues) + 1
        t.issues[iid] = {
            "iid": iid,
            "title": data["title"],
            "description": data["description"],
            "state": "opened",
            "labels": data["labels"].split(","),
            "assignees": [{"username": "aisha-rahman"}] if 1012 in data.get("assignee_ids", []) else [],
            "notes": [],
        }
        return 201, t.issues[iid]
    issue = t.issues.get(int(parts[5]))
    if issue is None:
        return 404, {"message": "404 Not Found"}
    if len(parts) == 7 and method == "POST":
        issue["notes"].append(data["body"])
        return 201, {"body": data["body"]}
    if method == "PUT":
        issue.update({k: data[k] for k in ("title", "description") if k in data})
        if data.get("state_event") == "close":
            issue["state"] = "closed"
        return 200, issue
    return 405, {"message": "405 Method Not Allowed"}


def serve(kind: str) -> Iterator[Tracker]:
    tracker = Tracker(kind)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(tracker))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    tracker.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield tracker
    finally:
        server.shutdown()
        server.server_close()
