"""Plans as they were at a git revision, read straight from git's objects (no checkout, no copies), and when each plan last changed."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePosixPath

from kamdoc.findings import quoted
from kamdoc.errors import CommandLineError, KamdocError
from kamdoc.limits import MAX_FILE_BYTES
from kamdoc.limits import MAX_REVISION_CHARS


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
        raise CommandLineError(f"{start} is not inside a git repository; kamdoc diff compares git revisions")
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
        else:
            run = run_git(self.repo, "cat-file", "blob", f"{self.commit}:{path}", check=False)
            if run.returncode != 0:
                raise FileNotFoundError(path)
            data = run.stdout
        if len(data) > MAX_FILE_BYTES:
            raise KamdocError(f"{path} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        return data


def last_commits(files: list[Path]) -> dict[Path, date]:
    """For each plan file, the day of the newest commit touching its folder (a bare plan file: the file); none outside git.

    One `git log` for all plans: asking per plan would cost a process each.
    """
    if not files:
        return {}
    try:
        top = git_root(files[0].absolute())
        run = run_git(top, "-c", "core.quotepath=off", "log", "--format=%x00%cI", "--name-only", "--no-renames", "--", ".")
    except (KamdocError, CommandLineError):  # no git, or not a git repository: ages since commits are left out
        return {}
    log = run.stdout.decode("utf-8", "replace")
    newest: dict[str, date] = {}
    when: date | None = None
    for line in log.splitlines():
        if line.startswith("\0"):
            when = datetime.fromisoformat(line[1:]).date()
        elif line and when is not None:
            newest.setdefault(line, when)  # the log runs newest first
    plans_by_scope: dict[str, list[Path]] = {}
    for plan in files:
        scope = plan.absolute().parent if plan.name == "plan.yaml" else plan.absolute()
        try:
            plans_by_scope.setdefault(scope.resolve().relative_to(top.resolve()).as_posix(), []).append(plan)
        except ValueError:
            continue
    # Each touched file counts for the plan whose folder (or file) holds it: look it up by the file and its parent folders.
    out: dict[Path, date] = {}
    for path, day in newest.items():
        parts = path.split("/")
        for end in range(len(parts), -1, -1):
            for plan in plans_by_scope.get("/".join(parts[:end]) or ".", ()):
                if plan not in out or day > out[plan]:
                    out[plan] = day
    return out
