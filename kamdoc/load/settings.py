"""Repository settings: `kamdoc.yaml` at the plans repo's root, as defaults that command-line options override."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from kamdoc.errors import KamdocError
from kamdoc.load.config_file import CONFIG_FILE, SETTINGS
from kamdoc.standard.programme import DEFAULT, Programme, parse_programme

if TYPE_CHECKING:
    from kamdoc.findings import Pos
    from kamdoc.load.document import Path_
    from kamdoc.load.git import Snapshot

MAX_SHARDS = 64
"""The most parts CI may build the plans in (a CI matrix has its limits too)."""
MAX_HISTORY_VERSIONS = 8
"""The most versions the development slide shows: more columns would not fit a slide."""


BLOCKS = {
    "portfolio": "The key account programme: selection criteria, knock-outs, review cadence, currency rates (see docs/programme.md).",
    "audiences": "What the customer's copy shows beyond the standard's declarations: `customer: {show: [field, …], power_map: chart | none}`.",
    "rules": "The organisation's rules, checked by `kamdoc validate` at each plan's line: `min_coverage: 70`, "
    "`sponsor_for: [strategic]`, … (see docs/programme.md).",
    "owners": 'Who keeps each plan folder, for reminders and CODEOWNERS: `plans/acme: ["@jana", "@org/sales-north"]`.',
    "coverage": "What relationship coverage asks of each key person and when an account hangs on one thread: "
    "`{contact: quarterly, attitude: neutral, warn_below: 70, mentors: 2, owner_share: 50}` (see docs/programme.md).",
}
"""Settings that hold a mapping and belong to one feature rather than to command-line options."""


def load_config(path: Path) -> dict[str, Any]:
    """The settings of a kamdoc.yaml, checked: unknown keys and wrong types are errors with their line."""
    from kamdoc.load.discover import message_path

    path = Path(message_path(path))  # named in messages as plans are
    data, doc = _read(path)
    record(path, data, doc.where, doc.where_key)  # a mistake there is reported by every command that reads it
    return data


def _told(exc: KamdocError, data: object) -> KamdocError:
    """A kamdoc.yaml's error in the repository's language: German where the file says `language: de` (its place and
    the settings' names stay)."""
    if isinstance(data, dict) and data.get("language") == "de":
        from kamdoc.messages import located_in_german

        return KamdocError(located_in_german(exc.message))
    return exc


def _read(path: Path, content: bytes | None = None) -> tuple[dict[str, Any], Any]:
    """A kamdoc.yaml's settings with its loaded document (for positions); option settings checked."""
    from kamdoc.load.document import read_settings

    doc = read_settings(path, content)
    data = doc.data if doc.data is not None else {}
    try:
        _check_settings(path, data, doc)
    except KamdocError as exc:
        raise _told(exc, data) from None
    return data, doc


def _check_settings(path: Path, data: Any, doc: Any) -> None:
    """The top-level settings: known names, and values of the right kind (the blocks are checked with the programme)."""
    if not isinstance(data, dict):
        raise KamdocError(
            f"{path}:1:1: error: kamdoc.yaml is a mapping of settings ({', '.join([*SETTINGS, *BLOCKS, 'approvers'])})"
        )
    for key, value in data.items():
        pos = doc.where_key((key,))
        if key in BLOCKS:
            if not isinstance(value, dict):
                vpos = doc.where((key,))
                raise KamdocError(
                    f"{path}:{vpos.line}:{vpos.col}: error: {key}: expected a mapping of settings (see docs/programme.md and docs/commands.md)"
                )
            continue
        if key == "approvers":
            continue  # a list of users and teams, checked with the programme (each at its line)
        if key not in SETTINGS:
            raise KamdocError(
                f"{path}:{pos.line}:{pos.col}: error: unknown setting {key!r}; known: {', '.join([*SETTINGS, *BLOCKS, 'approvers'])}"
            )
        if key == "require_sources":
            if not isinstance(value, bool):
                vpos = doc.where((key,))
                raise KamdocError(
                    f"{path}:{vpos.line}:{vpos.col}: error: require_sources: expected true or false, got {value!r}"
                )
            continue
        if key in ("shards", "history"):
            low, high = (1, MAX_SHARDS) if key == "shards" else (0, MAX_HISTORY_VERSIONS)
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                vpos = doc.where((key,))
                raise KamdocError(
                    f"{path}:{vpos.line}:{vpos.col}: error: {key}: expected a whole number from {low} to {high}, got {value!r}"
                )
            continue
        if not isinstance(value, str):
            vpos = doc.where((key,))
            raise KamdocError(f"{path}:{vpos.line}:{vpos.col}: error: {key}: expected text, e.g. {key}: ...")
        if key in _FOLDERS:
            _check_folder(path, key, value, doc.where((key,)))


# Settings that name a folder, and the option a person uses to name one elsewhere.
_FOLDERS = {"plans": "PATHS", "theme": "--theme", "out": "--out"}


def _check_folder(path: Path, key: str, value: str, pos: Any) -> None:
    """A folder kamdoc.yaml names stays inside the repository (not in .git/): the file may come from a pull request."""
    from kamdoc.limits import MAX_PATH_CHARS
    from kamdoc.load.document import has_bad_chars, inside
    from kamdoc.shipped import THEMES_DIR

    if has_bad_chars(value) or len(value) > MAX_PATH_CHARS or not value.strip():
        raise KamdocError(
            f"{path}:{pos.line}:{pos.col}: error: {key}: {value[:40]!r} is no folder name (empty, too long, or with control characters)"
        )

    if (
        key == "theme"
        and "/" not in value
        and "\\" not in value
        and not (path.parent / value).exists()
        and (THEMES_DIR / value).is_dir()
    ):
        return  # the name of a theme kamdoc ships
    target = path.parent / value
    if (
        Path(value).is_absolute()
        or not inside(target, path.parent, real=False)
        or (target.exists() and not inside(target, path.parent))
    ):
        raise KamdocError(
            f"{path}:{pos.line}:{pos.col}: error: {key}: {value!r} is outside the repository (or in .git/); kamdoc.yaml may come "
            f"from a pull request, so it names folders inside the repository only. A person can name another one on the command line ({_FOLDERS[key]})."
        )


def default_map(path: Path, settings: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Click's default_map from the settings of the kamdoc.yaml at `path`: per command, the defaults its settings give."""
    defaults: dict[str, dict[str, Any]] = {}
    for key, value in settings.items():
        if key in BLOCKS or key not in SETTINGS:
            continue
        if key in ("plans", "theme", "out") and not Path(value).is_absolute():
            value = str(path.parent / value) if key != "theme" or (path.parent / value).is_dir() else value
        for command, parameter in SETTINGS[key][1].items():
            defaults.setdefault(command, {})[parameter] = value
    return defaults


_read_before: dict[tuple[Path, int], Programme] = {}
"""Programmes read in this process, by kamdoc.yaml file and modification time: plans of one repo share one read."""


def programme_for(repo: Path) -> Programme:
    """The programme settings of the plans repo at `repo` (its kamdoc.yaml), or the defaults without any."""
    config_file = (repo / "kamdoc.yaml").absolute()
    try:
        key = (config_file, config_file.stat().st_mtime_ns)
    except OSError:
        return DEFAULT
    if key not in _read_before:
        load_config(config_file)  # checks every setting and records the programme, if the file has one
        _read_before.setdefault(key, DEFAULT)
    return _read_before[key]


def record(
    config_file: Path,
    data: dict[str, Any],
    where: Callable[[Path_], Pos],
    where_key: Callable[[Path_], Pos] | None = None,
) -> Programme:
    """The programme settings of a kamdoc.yaml just read, checked and remembered for `programme_for`."""
    try:
        programme = _programme(data, where, config_file, where_key)
    except KamdocError as exc:
        raise _told(exc, data) from None
    config_file = config_file.absolute()
    _read_before[(config_file, config_file.stat().st_mtime_ns)] = programme
    return programme


def programmes_for(plans: list[Path]) -> dict[Path, Programme]:
    """The programme settings of each plans repo these plans lie in, by the repo's folder (KamdocError for a broken kamdoc.yaml)."""
    from kamdoc.load.document import find_repo

    repos = {find_repo(plan).absolute() for plan in plans}
    return {repo: programme_for(repo) for repo in sorted(repos)}


_AT_COMMIT: dict[tuple[Path, str, str], Programme | None] = {}
"""kamdoc.yaml files read from commits in this process, by repository, commit and path (None: the commit has none
there): a commit never changes, so the plans of one revision (in a diff, a history, an export) share one read."""
MAX_REMEMBERED = 1024
"""Commits' settings files kept at most: a long preview or history run does not grow without bound."""


def programme_at(snapshot: Snapshot, near: str = "") -> Programme:
    """The programme settings as a git revision had them (its own kamdoc.yaml: the nearest one above the plan at
    `near`, else the repository's top's), or the working tree's (found the same way)."""
    if snapshot.commit is None:  # the working tree: the nearest kamdoc.yaml above the plan, as validate reads it
        from kamdoc.load.document import find_repo

        return programme_for(find_repo(snapshot.repo / near) if near else snapshot.repo)
    for folder in [*PurePosixPath(near).parents][:-1] if near else []:
        found = _programme_of(snapshot, snapshot.commit, (folder / CONFIG_FILE).as_posix())
        if found is not None:
            return found
    return _programme_of(snapshot, snapshot.commit, CONFIG_FILE) or DEFAULT


def _programme_of(snapshot: Snapshot, commit: str, name: str) -> Programme | None:
    """The settings of the kamdoc.yaml at `name` in a commit, read once per process; None where there is none."""
    key = (snapshot.repo.absolute(), commit, name)
    if key not in _AT_COMMIT:
        config_file = snapshot.repo / name
        try:
            content = snapshot.read(name)
        except (FileNotFoundError, KamdocError):
            found = None
        else:
            data, doc = _read(config_file, content)
            found = _programme(data, doc.where, config_file, doc.where_key)
        if len(_AT_COMMIT) >= MAX_REMEMBERED:
            _AT_COMMIT.clear()
        _AT_COMMIT[key] = found
    return _AT_COMMIT[key]


def _programme(
    data: dict[str, Any],
    where: Callable[[Path_], Pos],
    config_file: Path,
    where_key: Callable[[Path_], Pos] | None = None,
) -> Programme:
    """The `portfolio:` and `audiences:` blocks and the plan rules (`require_sources`) as one programme; the defaults
    when the file has none of them."""
    value, audiences, coverage = data.get("portfolio"), data.get("audiences"), data.get("coverage")
    review: dict[str, Any] = {key: data[key] for key in ("owners", "approvers") if key in data}
    rules = data.get("rules")
    programme = (
        DEFAULT
        if value is None and audiences is None and coverage is None and not review and rules is None
        else parse_programme(value, where, config_file, audiences, coverage, review, rules, where_key)
    )
    if data.get("require_sources") is True:
        programme = programme.model_copy(update={"require_sources": True})
    return programme
