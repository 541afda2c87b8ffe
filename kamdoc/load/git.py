"""Plans as they were at a git revision, read straight from git's objects (no checkout, no copies), and when each plan last changed."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path, PurePosixPath

from kamdoc.errors import CommandLineError, KamdocError
from kamdoc.findings import quoted
from kamdoc.limits import MAX_FILE_BYTES, MAX_REVISION_CHARS


def run_git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    """`git -C repo ARGS`; a missing git or (with `check`) a failing command is an error for people."""
    try:
        run = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False, timeout=60)
    except FileNotFoundError:
        raise KamdocError("git is not installed; kamdoc diff reads plans from git") from None
    except subprocess.TimeoutExpired:
        raise KamdocError(f"git {' '.join(args[:2])} took longer than a minute in {repo}") from None
    if check and run.returncode != 0:
        message = run.stderr.decode("utf-8", "replace").strip().splitlines()
        raise CommandLineError(f"git {' '.join(args[:2])}: {message[-1] if message else 'failed'}")
    return run


def git_root(start: Path) -> Path:
    """The top folder of the git repository that holds `start`."""
    run = run_git(start if start.is_dir() else start.parent, "rev-parse", "--show-toplevel", check=False)
    if run.returncode != 0:
        raise CommandLineError(f"{start} is not inside a git repository; kamdoc diff and history read plans from git")
    return Path(run.stdout.decode().strip())


def resolve(repo: Path, revision: str) -> str:
    """The commit a revision names; `A...B` is not allowed here (see `split_range`)."""
    if len(revision) > MAX_REVISION_CHARS or "\x00" in revision or revision.startswith("-"):
        raise CommandLineError(f"{quoted(revision[:60])} is not a revision of this repository")
    run = run_git(repo, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", check=False)
    if run.returncode != 0:
        raise CommandLineError(f"{revision!r} is not a revision of this repository")
    return run.stdout.decode().strip()


def split_range(repo: Path, spec: str) -> tuple[str, str | None]:
    """`A...B` as (merge base of A and B, B); `A..B` as (A, B); anything else as (spec, None)."""
    if "..." in spec:
        left, right = spec.split("...", 1)
        left, right = left or "HEAD", right or "HEAD"
        base = run_git(repo, "merge-base", resolve(repo, left), resolve(repo, right)).stdout.decode().strip()
        return base, resolve(repo, right)
    if ".." in spec:
        left, right = spec.split("..", 1)
        return resolve(repo, left or "HEAD"), resolve(repo, right or "HEAD")
    return resolve(repo, spec), None


@dataclass(frozen=True)
class Snapshot:
    """The plans repo at one revision (or the working tree): lists files and reads them, capped."""

    repo: Path
    commit: str | None  # None: the working tree
    reader: Callable[[str, str], bytes] | None = field(
        default=None, compare=False
    )  # (commit, path): one process for all

    def label(self) -> str:
        return self.commit[:10] if self.commit else "working tree"

    def files(self, under: PurePosixPath) -> dict[str, str]:
        """Every regular file below `under` (repo-relative) at this revision, with its blob id (or '' on disk)."""
        if self.commit is None:
            base = self.repo / under
            if not base.exists():
                return {}
            if base.is_file():
                return {str(under): ""}
            return {
                str(PurePosixPath(p.relative_to(self.repo).as_posix())): ""
                for p in sorted(base.rglob("*"))
                if p.is_file() and not p.is_symlink() and ".git" not in p.relative_to(self.repo).parts
            }
        run = run_git(self.repo, "ls-tree", "-r", "-z", self.commit, "--", str(under) if str(under) != "." else ".")
        out: dict[str, str] = {}
        for entry in run.stdout.split(b"\0"):
            if not entry:
                continue
            meta, name = entry.split(b"\t", 1)
            mode, kind, blob = meta.decode().split()
            if kind == "blob" and mode in ("100644", "100755"):  # symbolic links (120000) are never followed
                out[name.decode("utf-8", "surrogateescape")] = blob
        return out

    def read(self, path: str) -> bytes:
        """A file's bytes at this revision, refusing anything over the size cap."""
        if self.commit is None:
            with open(self.repo / path, "rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
        elif self.reader is not None:
            data = self.reader(self.commit, path)
        else:
            run = run_git(self.repo, "cat-file", "blob", f"{self.commit}:{path}", check=False)
            if run.returncode != 0:
                raise FileNotFoundError(path)
            data = run.stdout
        if len(data) > MAX_FILE_BYTES:
            raise KamdocError(f"{path} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        return data


@dataclass(frozen=True)
class LastCommit:
    """When a plan last changed in git: the day of its newest commit whose date can be read, and the year of a commit
    whose date cannot be (after 9999), if one touched the plan."""

    day: date | None
    unreadable: str = ""


_SECONDS_TO_9999 = 253_402_300_799  # 9999-12-31 23:59:59 UTC: Python's dates end there, git's do not
_MAX_ZONE_MINUTES = 14 * 60  # the widest zone on Earth (UTC+14); git accepts up to ±99:59


def commit_day(seconds: str, zone: str) -> date | None:
    """The day of a commit in its own time zone, from git's %ct and the zone %ci ends in; None when the moment is beyond Python's dates.

    A zone no place has (git takes up to +9959) is left out: the day is then UTC's.
    """
    try:
        moment = int(seconds)
    except ValueError:
        return None
    if not 0 <= moment <= _SECONDS_TO_9999:  # git writes no commit before 1970
        return None
    offset = 0
    if len(zone) == 5 and zone[0] in "+-" and zone[1:].isdigit():
        minutes = int(zone[1:3]) * 60 + int(zone[3:])
        offset = minutes * (-1 if zone[0] == "-" else 1) if minutes <= _MAX_ZONE_MINUTES else 0
    try:
        return (datetime.fromtimestamp(moment, UTC) + timedelta(minutes=offset)).date()
    except OverflowError:  # the last hours of 9999 in a zone east of UTC
        return date.max


def _newest(log: str) -> tuple[dict[str, date], dict[str, str]]:
    """From `git log --format=%x00%ct %ci --name-only`: each file's newest readable commit day, and for each file
    touched by a commit with an unreadable date, that date as git gave it (seconds since 1970)."""
    newest: dict[str, date] = {}
    unreadable: dict[str, str] = {}
    when: date | None = None
    said = ""
    for line in log.splitlines():
        if line.startswith("\0"):
            said, _, stamp = line[1:].partition(" ")
            when = commit_day(said, stamp.rpartition(" ")[2])  # %ci ends in the zone: 2026-12-06 19:20:00 +0100
        elif line and when is not None:
            if line not in newest or when > newest[line]:  # git orders by date only roughly
                newest[line] = when
        elif line:
            unreadable.setdefault(line, said)
    return newest, unreadable


def last_commits(files: list[Path]) -> dict[Path, LastCommit]:
    """For each plan file, the day of the newest commit touching its folder (a bare plan file: the file); none outside git.

    One `git log` for all plans: asking per plan would cost a process each.
    """
    if not files:
        return {}
    try:
        top = git_root(files[0].absolute())
        run = run_git(
            top, "-c", "core.quotepath=off", "log", "--format=%x00%ct %ci", "--name-only", "--no-renames", "--", "."
        )
    except (KamdocError, CommandLineError):  # no git, or not a git repository: ages since commits are left out
        return {}
    newest, unreadable = _newest(run.stdout.decode("utf-8", "replace"))
    plans_by_scope: dict[str, list[Path]] = {}
    for plan in files:
        scope = plan.absolute().parent if plan.name == "plan.yaml" else plan.absolute()
        try:
            plans_by_scope.setdefault(scope.resolve().relative_to(top.resolve()).as_posix(), []).append(plan)
        except ValueError:
            continue
    days: dict[Path, date] = {}
    for path, day in newest.items():
        for plan in _plans_of(path, plans_by_scope):
            if plan not in days or day > days[plan]:
                days[plan] = day
    odd: dict[Path, str] = {}
    for path, said in unreadable.items():
        for plan in _plans_of(path, plans_by_scope):
            odd.setdefault(plan, _in_years(said))
    return {plan: LastCommit(days.get(plan), odd.get(plan, "")) for plan in {*days, *odd}}


def _plans_of(path: str, plans_by_scope: dict[str, list[Path]]) -> Iterator[Path]:
    """The plans a touched file counts for: those whose folder (or file) holds it, looked up by the file and its parent folders."""
    parts = path.split("/")
    for end in range(len(parts), -1, -1):
        yield from plans_by_scope.get("/".join(parts[:end]) or ".", ())


def _in_years(seconds: str) -> str:
    """An unreadable commit date as a person reads it: the year it names (roughly), or what git gave."""
    try:
        return str(1970 + int(seconds) // 31_556_952)  # seconds in an average Gregorian year
    except ValueError:
        return repr(seconds[:40])
