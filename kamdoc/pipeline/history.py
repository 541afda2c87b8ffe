"""Plans' histories from git: each plan's commits (following renames), every revision read through one batch reader,
validated against that revision's own settings, its facts kept in a cache by commit and path (a commit never changes)."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from kamdoc import __version__
from kamdoc.analyse.health import plan_health
from kamdoc.analyse.history import GROUPS, History, Key, Move, Revision, Value, facts, history, moves
from kamdoc.analyse.portfolio import account_of
from kamdoc.errors import KamdocError
from kamdoc.load.git import Snapshot, git_root, resolve
from kamdoc.load.git_log import BlobReader, PlanCommit, is_day, plan_commits
from kamdoc.load.settings import programme_at
from kamdoc.pipeline.revisions import load_at

MAX_CACHED = 50_000
"""The most revisions the cache keeps (the newest kept first); a larger one is read as empty."""
MAX_CACHE_BYTES = 64 * 1024 * 1024
"""The largest cache file read; a larger one is ignored."""
_SEP = "\x1f"


def plan_histories(
    plans: Sequence[Path],
    since: str = "",
    until: str = "HEAD",
    by: str = "version",
    groups: Sequence[str] = GROUPS,
    cache: Path | None = None,
    every: bool = False,
) -> list[History]:
    """Each plan's history between `since` (a day or a revision, left out) and `until`, in columns `by` (with `every`,
    all its rows, moved or not); revisions read before are taken from `cache` (a folder), new ones added to it."""
    if not plans:
        return []
    with _Revisions(plans[0], cache) as read:
        until = resolve(read.repo, until)  # a wrong revision is one message before any work
        if since and not is_day(since):
            since = resolve(read.repo, since)
        out = []
        for plan in plans:
            path = read.path_of(plan)
            commits, cut = plan_commits(read.repo, path, since, until)
            made = history(path, read.revisions(commits), by, groups, every)
            made.cut = cut
            out.append(made)
        return out


def check_since(plans: Sequence[Path], since: str) -> None:
    """CommandLineError unless `since` is a day or a revision of the plans' repository (said before any work)."""
    if plans and not is_day(since):
        resolve(git_root(plans[0].absolute().parent), since)


def portfolio_moves(plans: Sequence[Path], since: str, cache: Path | None = None) -> list[Move]:
    """What moved in each plan since `since` (a day or a revision): its state there (the last commit before it)
    against HEAD's, each change with the last commit that made it; a plan new since then is left out."""
    if not plans:
        return []
    out: list[Move] = []
    with _Revisions(plans[0], cache) as read:
        head = resolve(read.repo, "HEAD")
        point = since if is_day(since) else resolve(read.repo, since)
        for plan in plans:
            path = read.path_of(plan)
            every, _ = plan_commits(read.repo, path, "", head)
            recent = {c.commit for c in plan_commits(read.repo, path, point, head)[0]}
            before = [c for c in every if c.commit not in recent]
            if not before:
                continue
            chosen = [before[-1], *(c for c in every if c.commit in recent)]
            out += moves(history(path, read.revisions(chosen), "commit", ("portfolio", "health", "revenue")))
    return out


class _Revisions:
    """Reading a repository's revisions of plans: one batch reader, the cache read on entering, and what was read
    anew written to it on leaving (after a run that went through)."""

    def __init__(self, plan: Path, cache: Path | None) -> None:
        self.repo = git_root(plan.absolute().parent)
        self.cache = cache
        self.known: dict[str, Any] = {}
        self.fresh: dict[str, dict[str, Any]] = {}
        self.reader: BlobReader | None = None

    def __enter__(self) -> _Revisions:
        self.known = _read_cache(self.cache)
        self.reader = BlobReader(self.repo)
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        if self.reader is not None:
            self.reader.close()
        if kind is None and self.fresh:  # a run that failed leaves the cache as it was
            _write_cache(self.cache, {**self.known, **self.fresh})

    def path_of(self, plan: Path) -> str:
        """A plan's path in the repository, as git names it."""
        return PurePosixPath(os.path.relpath(plan.absolute(), self.repo)).as_posix()

    def revisions(self, commits: Sequence[PlanCommit]) -> list[Revision]:
        """Each commit's revision: from the cache, else read, validated and added to it."""
        assert self.reader is not None, "read inside `with`"
        return [_cached(c, self.known) or _read(self.repo, c, self.reader, self.fresh) for c in commits]


def _read(repo: Path, commit: PlanCommit, reader: BlobReader, fresh: dict[str, dict[str, Any]]) -> Revision:
    """The plan as `commit` had it, validated as of that commit's day; its facts, health as of the plan's version."""
    snapshot = Snapshot(repo, commit.commit, reader.read)
    try:
        result = load_at(snapshot, commit.path, commit.day or date.today())
    except KamdocError:  # a revision over the size cap: shown as invalid, the rest of the history goes on
        fresh[_key(commit)] = {"errors": 1}
        return _revision(commit, fresh[_key(commit)])
    plan = result.plan if not result.errors else None
    if plan is None:
        record: dict[str, Any] = {"errors": max(1, len(result.errors))}
    else:
        programme = programme_at(snapshot)
        health = plan_health("", "", plan, 0, plan.cover.version, programme, None, plan.language)
        place = account_of("", plan.cover.account, plan, programme)
        found = facts(plan, health, (place.quadrant, place.partnership))
        record = {
            "facts": [[*key, value] for key, value in found.items()],
            "version": plan.cover.version.isoformat(),
            "account": plan.cover.account,
            "language": plan.language,
        }
    fresh[_key(commit)] = record
    return _revision(commit, record)


def _key(commit: PlanCommit) -> str:
    return f"{commit.commit}{_SEP}{commit.path}"


def _cached(commit: PlanCommit, known: dict[str, Any]) -> Revision | None:
    record = known.get(_key(commit))
    if record is None:
        return None
    try:
        return _revision(commit, record)
    except (TypeError, ValueError, KeyError):  # a cache someone edited: read the revision again
        return None


def _revision(commit: PlanCommit, record: dict[str, Any]) -> Revision:
    """A revision from its commit and its record (as cached: plain JSON, checked here)."""
    meta = (commit.commit, commit.author, commit.day, commit.subject, commit.path)
    if "facts" not in record:
        return Revision(*meta, facts=None, errors=int(record["errors"]))
    found: dict[Key, Value] = {}
    for group, subject, fact, value in record["facts"]:
        if not all(isinstance(x, str) for x in (group, subject, fact)):
            raise TypeError("a fact's name is not text")
        if value is not None and not isinstance(value, str | int | float):
            raise TypeError("a fact's value is not a value")
        found[(group, subject, fact)] = value
    language = record["language"] if record["language"] in ("en", "de") else "en"
    return Revision(
        *meta,
        facts=found,
        version=date.fromisoformat(record["version"]),
        account=str(record["account"]),
        language=language,
    )


def _cache_file(cache: Path | None) -> Path | None:
    return cache / f"history-{__version__}.json" if cache is not None else None


def _read_cache(cache: Path | None) -> dict[str, Any]:
    """The cached revisions, by commit and path; empty when there is none, or it is too large or not kamdoc's."""
    file = _cache_file(cache)
    try:
        if file is None or not file.is_file() or file.stat().st_size > MAX_CACHE_BYTES:
            return {}
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or len(data) > MAX_CACHED:
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, dict)}


def _write_cache(cache: Path | None, records: dict[str, Any]) -> None:
    """The cache written whole through a temporary file; skipped without a word where it cannot be (it saves time only)."""
    file = _cache_file(cache)
    if file is None:
        return
    kept = dict(list(records.items())[-MAX_CACHED:])
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        temporary = file.with_name(f".{file.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, file)
    except OSError:
        return
