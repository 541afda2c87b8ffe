"""A plan's past in git: the commits that touched it (following renames), and its files at each, read through one
`git cat-file --batch` process instead of one process per file."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO

from kamdoc.errors import KamdocError
from kamdoc.limits import MAX_FILE_BYTES
from kamdoc.load.git import commit_day, run_git

MAX_HISTORY_COMMITS = 2_000
"""The most commits of one plan `kamdoc history` reads (the newest); a longer past is cut there, and says so."""
_RECORD, _FIELD = "\x1e", "\x1f"


@dataclass(frozen=True)
class PlanCommit:
    """A commit that touched a plan: its id, author, day, subject, and the plan's path in it."""

    commit: str
    author: str
    day: date | None
    subject: str
    path: str  # repo-relative, as the plan was named in this commit


def plan_commits(repo: Path, path: str, since: str = "", until: str = "HEAD") -> tuple[list[PlanCommit], bool]:
    """The commits that touched the plan at `path` (its name at `until`), oldest first, following renames; `since`
    is a day (YYYY-MM-DD) or a revision whose commits are left out. True with them when the past was cut at
    MAX_HISTORY_COMMITS."""
    fields = _FIELD.join(("%H", "%an", "%ct", "%ci", "%s"))
    args = ["log", "--follow", "-M", f"--format={_RECORD}{fields}", "--name-status", "-z"]
    args += [f"--max-count={MAX_HISTORY_COMMITS + 1}"]
    if since and is_day(since):
        args += [f"--since={since}T00:00:00", until]
    else:
        args += [f"{since}..{until}" if since else until]
    run = run_git(repo, *args, "--", path)
    commits = [c for c in (_parsed(record) for record in run.stdout.decode("utf-8", "replace").split(_RECORD)) if c]
    cut = len(commits) > MAX_HISTORY_COMMITS
    return list(reversed(commits[:MAX_HISTORY_COMMITS])), cut


def is_day(text: str) -> bool:
    """Whether `text` is a day (YYYY-MM-DD) rather than a revision."""
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _parsed(record: str) -> PlanCommit | None:
    """One commit of `git log --name-status -z`: its fields, then the status and path(s) of the plan in it."""
    if not record.strip("\0\n"):
        return None
    head, _, rest = record.partition("\n")
    commit, author, seconds, stamp, subject = (head.split(_FIELD) + [""] * 5)[:5]
    parts = [p for p in rest.strip("\0\n").split("\0") if p]
    if not parts or parts[0].startswith("D"):
        return None  # the plan was deleted in this commit: nothing to read
    path = parts[2] if parts[0][:1] in ("R", "C") and len(parts) > 2 else parts[-1]
    return PlanCommit(commit, author, commit_day(seconds, stamp.rpartition(" ")[2]), subject.rstrip("\0"), path)


class BlobReader:
    """Files at revisions through one `git cat-file --batch` process; each file capped at MAX_FILE_BYTES."""

    def __init__(self, repo: Path) -> None:
        try:
            self._process = subprocess.Popen(
                ["git", "-C", str(repo), "cat-file", "--batch"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except FileNotFoundError:
            raise KamdocError("git is not installed; kamdoc history reads plans from git") from None

    def read(self, commit: str, path: str) -> bytes:
        """The file `path` as it was in `commit`; FileNotFoundError when it was not there."""
        stdin, stdout = self._pipes()
        if "\n" in path:  # the batch protocol is line by line: such a name cannot be asked for
            raise FileNotFoundError(path)
        stdin.write(f"{commit}:{path}\n".encode("utf-8", "surrogateescape"))
        stdin.flush()
        header = stdout.readline().decode("utf-8", "replace").split()
        if len(header) != 3 or header[1] != "blob":
            if len(header) == 3:  # a tree or another object: skip its bytes
                stdout.read(int(header[2]) + 1)
            raise FileNotFoundError(path)
        size = int(header[2])
        if size > MAX_FILE_BYTES:
            _skip(stdout, size + 1)
            raise KamdocError(f"{path} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        data = stdout.read(size + 1)[:size]
        return data

    def _pipes(self) -> tuple[IO[bytes], IO[bytes]]:
        stdin, stdout = self._process.stdin, self._process.stdout
        if stdin is None or stdout is None or self._process.poll() is not None:
            raise KamdocError("git cat-file ended early")
        return stdin, stdout

    def close(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        self._process.wait(timeout=60)
        if self._process.stdout is not None:
            self._process.stdout.close()


def _skip(stream: IO[bytes], count: int) -> None:
    """Read past `count` bytes a piece at a time (a stranger's giant blob is never held whole)."""
    while count > 0:
        piece = stream.read(min(count, 1 << 20))
        if not piece:
            return
        count -= len(piece)
