"""`kamdoc init`: a ready plans repository — settings, an example plan, CI for GitHub and GitLab, hooks, editor set-up."""

from __future__ import annotations

import calendar
import json
import os
import re
import shlex
import stat
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from kamdoc import __version__
from kamdoc.errors import CommandLineError, KamdocError
from kamdoc.limits import MAX_FILE_BYTES

KAMDOC_REPOSITORY = "https://github.com/kamdoc/kamdoc"
"""Where kamdoc is published: its action and pre-commit hooks are used from there unless told otherwise."""

# The actions the GitHub workflow uses, each pinned to the commit of a release (the comment names it).
PINNED_ACTIONS = {
    "checkout": "11bd71901bbe5b1630ceea73d27597364c9af683  # v4.2.2",
    "upload_artifact": "65c4c4a1ddee5b72f698fdd19549f0f0fb45cf08  # v4.6.0",
    "github_script": "60a0d83039c74a4aee543508d2ffcb1c3799cdea  # v7.0.1",
    "setup_python": "0b93645e9fea7318ecaed2b359559ac225c90a2b  # v5.3.0",
    "cache": "1bd1e32a3bdc45362d1e726936510720a7c30a57  # v4.2.0",
    "download_artifact": "fa0a91b85d4f404e444e00e005971372dc801d16  # v4.1.8",
}
SHARDS = 4
"""How many parts CI builds the decks in unless `--shards` says otherwise."""
PLACEHOLDER = "PIN-A-KAMDOC-COMMIT"
"""Written where kamdoc's commit belongs when none is known: CI stops at it with a message saying what to put there."""
MARKER = "Written by `kamdoc init`"
"""The line that makes a file kamdoc's own (in its first lines): init replaces it with --force, and fills in the pin."""

PLANS = "plans"
OUT = "build"
EXAMPLE = "example"
LOCAL_ACTION = ".github/actions/kamdoc/action.yml"
"""The action that installs kamdoc from its git repository, for a repository GitHub's `uses:` cannot name."""

# Target in the new repository -> the file in starter/files it is made from.
FILES = {
    "kamdoc.yaml": "kamdoc.yaml",
    "README.md": "README.md",
    ".gitignore": "gitignore",
    ".gitattributes": "gitattributes",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".github/workflows/kamdoc.yml": "github-workflow.yml",
    ".gitlab-ci.yml": "gitlab-ci.yml",
    ".vscode/settings.json": "vscode-settings.json",
    ".vscode/extensions.json": "vscode-extensions.json",
}

_GITHUB_URL = re.compile(r"https://github\.com/([A-Za-z0-9][A-Za-z0-9-]*)/([A-Za-z0-9._-]+?)(?:\.git)?/?\Z")
_GIT_URL = re.compile(r"(?:(?:https?|ssh|git|file)://|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:)[A-Za-z0-9._~:/@%+=-]+\Z")
"""A git URL kamdoc writes into YAML and shell lines: no spaces, quotes or shell characters."""
_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,99}\Z")
_COMMIT = re.compile(r"[0-9a-f]{40}\Z")


@dataclass(frozen=True)
class Source:
    """Where the new repository's CI and hooks get kamdoc from: a git URL and a commit (or the placeholder)."""

    repository: str
    rev: str
    given: str = ""  # a tag or branch asked for, which is no pin: the warning names it
    local: str = (
        ""  # the local clone this kamdoc was installed from, when its commit cannot be pinned: a runner cannot reach it
    )
    local_rev: str = ""  # that clone's commit, for the warning to name

    @property
    def pinned(self) -> bool:
        return _COMMIT.match(self.rev) is not None

    @property
    def on_github(self) -> bool:
        return _GITHUB_URL.match(self.repository) is not None

    @property
    def action(self) -> str:
        """kamdoc's action as a workflow's `uses:` names it: its own on GitHub at a commit, else the local one init writes."""
        match = _GITHUB_URL.match(self.repository)
        if match is None or not self.pinned:
            return f"./{LOCAL_ACTION.rsplit('/', 1)[0]}  # kamdoc {__version__} from {self.repository}"
        return f"{match.group(1)}/{match.group(2)}@{self.rev}  # kamdoc {__version__}"


def installed_from_git() -> Source | None:
    """The git URL and commit this kamdoc was installed from, if it came from git: as pip recorded it (PEP 610) for
    `pip install git+URL@commit`, as the wheel recorded it when it was built in a git clone, or as the clone of an
    editable install says. A clone whose only address is a path on this machine gives a Source that is not pinned and
    names the clone and its commit: a CI runner could not fetch from there."""
    from importlib import metadata

    try:
        info = _json_object(metadata.distribution("kamdoc").read_text("direct_url.json"))
    except metadata.PackageNotFoundError:
        return None
    vcs = info.get("vcs_info") or {}
    url = str(info.get("url", ""))
    if (
        isinstance(vcs, dict)
        and vcs.get("vcs") == "git"
        and _COMMIT.match(str(vcs.get("commit_id", "")))
        and _GIT_URL.match(url)
    ):
        return _reachable(url, str(vcs["commit_id"]))
    recorded = _recorded_origin()
    if recorded is not None:
        return recorded
    if isinstance(info.get("dir_info"), dict) and url.startswith(
        "file://"
    ):  # pip install -e /path/to/clone (or pip install /path)
        return _clone_origin(Path(url.removeprefix("file://")))
    return None


def _json_object(text: str | None) -> dict[str, Any]:
    try:
        found = json.loads(text or "null")
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _recorded_origin() -> Source | None:
    """The clone a wheel was built in, as the build recorded it in kamdoc/_origin.json (only a wheel built in a git clone has it)."""
    from importlib import resources

    try:
        info = _json_object(resources.files("kamdoc").joinpath("_origin.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    commit, url = str(info.get("commit", "")), str(info.get("repository", ""))
    if not _COMMIT.match(commit):
        return None
    return _reachable(url, commit)


def _clone_origin(path: Path) -> Source | None:
    """The commit and the address (its remote `origin`) of the git clone at `path`, which kamdoc was installed from."""
    commit = _git_answer(path, "rev-parse", "HEAD")
    if not _COMMIT.match(commit):
        return None
    return _reachable(_git_answer(path, "remote", "get-url", "origin") or str(path), commit)


def _git_answer(where: Path, *args: str) -> str:
    """What `git -C where ARGS` prints, or "" when git is missing or says no: a question init can do without."""
    from kamdoc.load.git import run_git

    try:
        done = run_git(where, *args, check=False)
    except (KamdocError, OSError):
        return ""
    return done.stdout.decode("utf-8", "replace").strip() if done.returncode == 0 else ""


def _reachable(url: str, commit: str) -> Source:
    """kamdoc at `commit` of `url`: pinned when a CI runner can fetch from `url`, else unpinned and naming the local clone."""
    if _GIT_URL.match(url) and not url.startswith("file:"):
        return Source(url, commit)
    return Source(KAMDOC_REPOSITORY, PLACEHOLDER, local=url, local_rev=commit)


def recorded_pin(root: Path) -> Source | None:
    """The kamdoc a repository set up before is pinned to: the local action's repository and commit, or the kamdoc
    action the workflow uses at a commit; None where there is no pin to keep."""
    action, workflow = root / LOCAL_ACTION, root / ".github/workflows/kamdoc.yml"
    try:
        text = read_own(action) if action.is_file() else ""
        repo = re.search(r'KAMDOC_REPOSITORY: "([^"\s]+)"', text)
        commit = re.search(r'KAMDOC_COMMIT: "([0-9a-f]{40})"', text)
        if repo and commit and _GIT_URL.match(repo[1]):
            return Source(repo[1], commit[1])
        text = read_own(workflow) if workflow.is_file() else ""
    except (OSError, ValueError):
        return None
    for owner, name, commit_id in re.findall(r"uses: ([A-Za-z0-9-]+)/([A-Za-z0-9._-]+)@([0-9a-f]{40})", text):
        if owner != "actions":  # GitHub's own actions; the other one is kamdoc's
            return Source(f"https://github.com/{owner}/{name}", commit_id)
    return None


def source(repository: str | None, rev: str | None, root: Path | None = None) -> Source:
    """The kamdoc the repository uses: as given; else the pin the repository at `root` has already (running init
    again keeps it); else the one installed from git; a rev that is no commit becomes the placeholder."""
    kept = recorded_pin(root) if root is not None and repository is None and rev is None else None
    if kept is not None:
        return kept
    found = installed_from_git() if repository is None and rev is None else None
    if found is not None:
        return found
    chosen = repository or KAMDOC_REPOSITORY
    if not _GIT_URL.match(chosen):
        raise CommandLineError(
            f"--kamdoc-repo must be a git URL, such as {KAMDOC_REPOSITORY} or git@gitlab.example.com:tools/kamdoc.git "
            f"(got {chosen!r})"
        )
    if rev is not None and not _REF.match(rev):
        raise CommandLineError(f"--kamdoc-rev must be a tag, branch or commit of kamdoc's repository (got {rev!r})")
    if rev is not None and _COMMIT.match(rev):
        return Source(chosen, rev)
    return Source(chosen, PLACEHOLDER, rev or "")


def unpinned_warning(kamdoc: Source) -> str:
    """What init says, loudly, when it knows no commit of kamdoc to pin CI and the hooks to: the command to pin it, with
    the repository when it is not the official one (else pinning would switch to the official one)."""
    repo = "" if kamdoc.repository == KAMDOC_REPOSITORY else f" --kamdoc-repo {kamdoc.repository}"
    if kamdoc.local:
        return (
            f"WARNING: kamdoc is not pinned to a commit. This kamdoc was installed from the clone at {kamdoc.local} "
            f"(commit {kamdoc.local_rev}), a path no CI runner can reach; CI stops at {PLACEHOLDER}, and the commit hook "
            f"runs the kamdoc installed here. Once that commit is pushed, pin it: "
            f"`kamdoc init --kamdoc-repo <URL it is pushed to> --kamdoc-rev {kamdoc.local_rev} --force`."
        )
    asked = f" ({kamdoc.given!r} is a tag or branch: it can move)" if kamdoc.given else ""
    return (
        f"WARNING: kamdoc is not pinned to a commit{asked}. CI stops at {PLACEHOLDER} until it is, and the commit hook "
        f"runs the kamdoc installed here: run `git ls-remote {kamdoc.repository}` (the commit is the first column) "
        f"and `kamdoc init{repo} --kamdoc-rev <commit> --force` again."
    )


def default_branch(root: Path) -> str:
    """The branch a new repository's CI builds on: the current branch of the repository at `root` (even before its
    first commit), else git's init.defaultBranch (what `git init` will name it), else main."""
    asked = (
        (root, "symbolic-ref", "--short", "HEAD"),
        (root if root.is_dir() else Path.cwd(), "config", "--get", "init.defaultBranch"),
    )
    for where, *args in asked:  # the second only when the first has no answer
        name = _git_answer(where, *args)
        if _REF.match(name):
            return name
    return "main"


def textconv_command() -> str:
    """The textconv driver as git runs it: this interpreter's kamdoc, so that it works with kamdoc outside PATH."""
    return f"{shlex.quote(sys.executable)} -m kamdoc textconv"


def set_up_textconv(root: Path) -> str:
    """Set git's diff driver for plans in the repository at `root` when it is one; else the command to run, to print."""
    command = textconv_command()
    try:
        inside = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--is-inside-work-tree"], capture_output=True, text=True, timeout=10
        )
        if inside.returncode == 0 and inside.stdout.strip() == "true":
            subprocess.run(
                ["git", "-C", str(root), "config", "diff.kamdoc.textconv", command],
                check=True,
                capture_output=True,
                timeout=10,
            )
            return f"git diff shows plans through kamdoc (set: git config diff.kamdoc.textconv {shlex.quote(command)})"
    except (OSError, subprocess.SubprocessError):
        pass  # no git here: the user sets it up after `git init`
    return f"git config diff.kamdoc.textconv {shlex.quote(command)}"


CRITERIA_NAMES = {
    "en": {
        "revenue_potential": "Revenue potential",
        "margin": "Achievable margin",
        "growth": "Growth of the customer",
        "cross_selling": "Cross- and up-selling",
        "access": "Access to decision-makers",
        "size": "At least 1000 employees",
        "no_exclusive_rival_contract": "No long-term exclusive contract with a competitor",
    },
    "de": {
        "revenue_potential": "Umsatzpotenzial",
        "margin": "Realisierbare Marge",
        "growth": "Wachstum des Kunden",
        "cross_selling": "Up- und Cross-Selling",
        "access": "Zugang zu Entscheidern",
        "size": "Mindestens 1000 Beschäftigte",
        "no_exclusive_rival_contract": "Kein langjähriger Exklusivvertrag mit einem Mitbewerber",
    },
}
"""The starter's selection criteria and knock-outs by id, in the repository's language: their names stand in the
portfolio's table and deck (the ids, which plans' assessments use, are the same in every language)."""


def _fill(text: str, values: dict[str, str]) -> str:
    # Markers are {{name}} without spaces; the GitHub workflow's own `${{ expr }}` always has them, so it stays.
    def one(match: re.Match[str]) -> str:
        return values[match.group(1)]

    return re.sub(r"\{\{(\w+)\}\}", one, text)


_GITLAB_PIN_CHECK = (
    f"    - 'echo \"kamdoc is not pinned to a commit: run kamdoc init --kamdoc-rev COMMIT --force again, or put a commit "
    f"of kamdoc where {PLACEHOLDER} stands\"; exit 1'\n"
)
_ACTION_PIN_CHECK = (
    f"        echo \"::error file={LOCAL_ACTION}::kamdoc is not pinned to a commit: run 'kamdoc init --kamdoc-rev <commit> --force' "
    f'again, or put a commit of $KAMDOC_REPOSITORY in KAMDOC_COMMIT here (git ls-remote $KAMDOC_REPOSITORY)"\n        exit 1\n'
)
_LOCAL_UNTIL_PINNED = "\n# kamdoc is not pinned to a commit yet: `kamdoc init --kamdoc-rev <commit> --force` switches to kamdoc's own hook."
"""The local hook's line when init chose it because no commit is known (else the team chose it, and keeps it)."""
_UNTIL_PINNED = "# kamdoc: until a commit is pinned"
"""The mark on kamdoc's local hook entry that init chose for want of a commit: in a team's own pre-commit file too, so
that pinning later switches that entry to kamdoc's own hook."""


def hooks_for(root: Path, kamdoc: Source, asked: str | None) -> str:
    """Which commit hook to write: as asked; else kamdoc's own (remote) once a commit is pinned, unless the team chose the
    local one before; else the local one, which runs the kamdoc installed here and never fetches a placeholder."""
    if asked == "remote" and not kamdoc.pinned:
        raise CommandLineError(
            "--hooks remote needs kamdoc pinned to a commit (--kamdoc-rev COMMIT): pre-commit cannot fetch "
            f"{PLACEHOLDER}; leave --hooks out to use the local hook until then"
        )
    if asked is not None:
        return asked
    if not kamdoc.pinned:
        return "local"
    try:
        existing = read_own(root / ".pre-commit-config.yaml")
    except (OSError, ValueError):
        return "remote"
    from kamdoc.commands.starter.joining import kamdoc_entry

    lines = existing.splitlines()
    found = kamdoc_entry(lines)
    entry = "\n".join(lines[found[0] : found[1]]) if found else ""
    chosen = "repo: local" in entry and _UNTIL_PINNED not in entry  # the team chose the local hook: it stays
    return "local" if chosen else "remote"


def _mine(text: str) -> bool:
    """Whether a file's first lines carry init's mark: then it is kamdoc's own."""
    return any(MARKER in line for line in text.splitlines()[:3])


_REVIEW_TRIGGERS = "\n  pull_request_review:  # the approval check runs again when a review is given or dismissed\n    types: [submitted, dismissed]"


def planned_files(
    kamdoc: Source,
    language: str,
    branch: str,
    hooks: str = "remote",
    shards: int = SHARDS,
    for_now: bool = False,
    review: bool = False,
) -> dict[str, str]:
    """The starter files' paths and contents, filled in; `hooks`: remote (kamdoc's hook repository) or local (kamdoc
    installed here); `for_now`: the local hook was chosen for want of a commit, and pinning later replaces it;
    `review`: the workflow also checks approvals and tags approved plans."""
    values = {
        "version": __version__,
        "plans": PLANS,
        "out": OUT,
        "language": language,
        "branch": branch,
        "kamdoc_repo": kamdoc.repository,
        "kamdoc_rev": kamdoc.rev,
        "kamdoc_action": kamdoc.action,
        "placeholder": PLACEHOLDER,
        "gitlab_pin_check": "" if kamdoc.pinned else _GITLAB_PIN_CHECK,
        "action_pin_check": "" if kamdoc.pinned else _ACTION_PIN_CHECK,
        "local_hook_note": _LOCAL_UNTIL_PINNED if for_now else "",
        "local_entry_note": f"  {_UNTIL_PINNED}" if for_now else "",
        "shards": str(shards),
        "shard_list": ", ".join(str(i) for i in range(1, shards + 1)),
        **PINNED_ACTIONS,
        **CRITERIA_NAMES[language],
    }
    folder = Path(__file__).parent / "files"
    values["review_triggers"] = _REVIEW_TRIGGERS if review else ""
    values["review_jobs"] = (
        _fill((folder / "github-review-jobs.yml").read_text(encoding="utf-8"), values) if review else ""
    )
    names = dict(FILES)
    if language == "de":  # its comments are read by the team that keeps it
        names["kamdoc.yaml"] = "kamdoc.de.yaml"
    gitlab_parts = " ".join(f"--merge parts/{i}" for i in range(1, shards + 1))
    github_parts = " ".join(f"--merge parts/decks-part-{i}" for i in range(1, shards + 1))
    if hooks == "local":
        names[".pre-commit-config.yaml"] = "pre-commit-local.yaml"
    if not (kamdoc.on_github and kamdoc.pinned):
        names[LOCAL_ACTION] = "local-action.yml"
    merges = {".gitlab-ci.yml": gitlab_parts}
    return {
        target: _fill(
            (folder / name).read_text(encoding="utf-8"), {**values, "merge_args": merges.get(target, github_parts)}
        )
        for target, name in names.items()
    }


def init_repo(
    root: Path,
    kamdoc: Source,
    language: str,
    branch: str,
    force: bool,
    today: date,
    hooks: str | None = None,
    shards: int = SHARDS,
    with_example: bool = True,
    review: bool = False,
) -> tuple[list[Path], list[str]]:
    """Write the starter files into `root`, joining what is there: what was written, and notes for the user.

    kamdoc's own files are written where missing and replaced only with `force` (without it, a
    differing one is listed and nothing is written). A file whose first lines carry init's mark is
    kamdoc's own too. The team's files are never replaced: kamdoc's lines are added to .gitignore,
    .gitattributes, the pre-commit configuration and .vscode/, a README is written only where there
    is none, and beside a pipeline of the team's own the GitLab pipeline goes into a file of its own
    to include; where kamdoc's part in them waits for a commit, the commit now pinned is filled in,
    and an explicit `hooks` switches kamdoc's hook in the team's pre-commit configuration.
    """
    from kamdoc.commands.scaffold import SCHEMA_FILE
    from kamdoc.commands.starter.joining import GITLAB_OWN, OWN
    from kamdoc.standard.schema import schema_text

    if root.exists() and not root.is_dir():
        raise KamdocError(f"{root} is a file; kamdoc init makes a plans repository in a folder")
    if not _REF.match(branch):
        raise CommandLineError(f"--branch must be a branch name (got {branch!r})")
    chosen = hooks_for(root, kamdoc, hooks)
    files = planned_files(
        kamdoc, language, branch, chosen, shards, for_now=hooks is None and not kamdoc.pinned, review=review
    )
    files[f"{PLANS}/{SCHEMA_FILE}"] = schema_text(language)  # the editors' help in the repository's language
    review_notes: list[str] = []
    if review:
        from kamdoc.commands.starter.review import review_files

        owners_file, review_notes = review_files(root, PLANS)
        files.update(owners_file)
        if (root / "kamdoc.yaml").is_file():  # its owners and approvers are what CODEOWNERS is made of: it stays
            del files["kamdoc.yaml"]
    refused, has_plans = _refused(root, files)
    marked = {name for name in (*files, GITLAB_OWN, LOCAL_ACTION) if name not in refused and _marked(root / name)}
    own = (*OWN, f"{PLANS}/{SCHEMA_FILE}", LOCAL_ACTION, *sorted(marked - {GITLAB_OWN}))
    # Files of kamdoc's it no longer writes (the local action once pinned on GitHub) go, as differing ones are replaced.
    stale = sorted(name for name in marked if name not in files and name != GITLAB_OWN)
    clashes = sorted({name for name in own if name not in refused and _clashes(root, name, files)} | set(stale))
    if clashes and not force:
        raise KamdocError(
            f"these files of kamdoc's exist already and differ: {', '.join(clashes)}; "
            "nothing was written (use --force to replace kamdoc's own files; the team's files are never replaced)"
        )
    planned, notes = _planned(root, kamdoc, files, own, refused, switch=hooks is not None or kamdoc.pinned)
    written = _write(root, {name: text.encode("utf-8") for name, text in planned.items()})
    notes += _removed(root, stale, kamdoc)
    if not has_plans and with_example:
        written += _write(root, _example(language, today))
    return written, notes + review_notes


def _planned(
    root: Path, kamdoc: Source, files: dict[str, str], own: tuple[str, ...], refused: dict[str, str], switch: bool
) -> tuple[dict[str, str], list[str]]:
    """What init writes, joined with the team's files, and its notes: kamdoc's lines added to the team's files, the
    commit filled in where kamdoc's part waits for one, the hook switched when asked (`switch`), refusals said first."""
    from kamdoc.commands.starter.joining import GITLAB, GITLAB_OWN, IF_MISSING, MERGED

    safe = {name: text for name, text in files.items() if name not in refused}
    planned, notes = _joined(root, safe, own, IF_MISSING, MERGED, GITLAB, GITLAB_OWN, refused)
    teams = [n for n in (*safe, GITLAB_OWN) if n not in own and n not in planned and n not in refused]
    notes += _pinned_in_teams_files(root, kamdoc, teams, planned)
    hook = ".pre-commit-config.yaml"
    if hook in safe and hook not in own and switch:
        notes += _switched_hook(root, safe[hook], planned)
    said = [
        f"{name}: left alone: {why}; kamdoc follows no link and replaces no special file"
        for name, why in refused.items()
    ]
    return planned, said + notes


def _refused(root: Path, files: dict[str, str]) -> tuple[dict[str, str], bool]:
    """The files init must not write (a link or a special file in the way) with why, and whether plans exist already."""
    from kamdoc.commands.starter.joining import GITLAB_OWN

    plans = root / PLANS
    example = f"{PLANS}/{EXAMPLE}/plan.yaml"
    refused = {name: why for name in (*files, GITLAB_OWN) if (why := unsafe(root, name))}
    has_plans = not plans.is_symlink() and plans.is_dir() and any(plans.glob("*/plan.yaml"))
    if (why_example := unsafe(root, example)) is not None:
        if not has_plans:  # said only when the example would have been written
            refused[example] = why_example
        has_plans = True
    if not has_plans and (plans / EXAMPLE).exists():
        raise KamdocError(f"{plans / EXAMPLE} exists but holds no plan.yaml; move it away or pick another folder")
    return refused, has_plans


def _clashes(root: Path, name: str, files: dict[str, str]) -> bool:
    """Whether a file of kamdoc's that init would write exists already with other content."""
    return name in files and (root / name).exists() and _differs(root / name, files[name])


_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _moved_on(text: str, today: date) -> str:
    """The example's dates moved by the whole months from its version to today (a month's last day stays a last day),
    so that a new team's first `kamdoc health` sees no action or milestone overdue that was ahead when it was written."""
    found = re.search(r"(?m)^  version: (\d{4})-(\d{2})-(\d{2})", text)
    if found is None:
        return text
    written = date(int(found[1]), int(found[2]), int(found[3]))
    months = max(0, -(-((today - written).days) // 30))  # rounded up: nothing lands before where it stood

    def moved(match: re.Match[str]) -> str:
        try:
            day = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return match[0]
        index = day.year * 12 + day.month - 1 + months
        year, month = divmod(index, 12)
        last = calendar.monthrange(year, month + 1)[1]
        at_end = day.day == calendar.monthrange(day.year, day.month)[1]
        return date(year, month + 1, last if at_end else min(day.day, last)).isoformat()

    return _DAY.sub(moved, text) if months else text


def _example(language: str, today: date) -> dict[str, bytes]:
    """The complete example plan in `language` (every section, an assessment, a power map with ties), dated today, so
    that a new team sees the product at once: its files by their place in the repository (plans/example/…)."""
    from kamdoc.shipped import example_plan

    source = example_plan(language)
    if not (source / "plan.yaml").is_file():
        raise KamdocError(
            f"this kamdoc lacks its example plan ({source}); reinstall kamdoc, or run kamdoc init --no-example"
        )
    files = {}
    for file in sorted(p for p in source.iterdir() if p.is_file()):
        data = file.read_bytes()
        if file.name == "plan.yaml":  # a fresh plan: its version today, its next review in three months
            text = _moved_on(data.decode("utf-8"), today)
            text = re.sub(r"(?m)^(  version: )\S+", rf"\g<1>{today.isoformat()}", text, count=1)
            text = re.sub(
                r"(?m)^(  next_review: )\S+", rf"\g<1>{(today + timedelta(days=91)).isoformat()}", text, count=1
            )
            data = text.encode("utf-8")
        files[f"{PLANS}/{EXAMPLE}/{file.name}"] = data
    return files


def _write(root: Path, planned: dict[str, bytes]) -> list[Path]:
    """Each planned file written whole (or not at all); the paths written."""
    from kamdoc.pipeline.render import output_error, write_atomically

    written: list[Path] = []
    for name, data in planned.items():
        try:
            write_atomically(root / name, data, root)
        except OSError as exc:
            raise output_error(root / name, exc) from None
        written.append(root / name)
    return written


def _removed(root: Path, stale: list[str], kamdoc: Source) -> list[str]:
    """kamdoc's own files the set-up no longer uses removed (--force was given: they clashed), with the folders they
    leave empty (.github/actions/kamdoc, .github/actions); the notes."""
    notes = []
    for name in stale:
        (root / name).unlink()
        for folder in (root / name).parents:
            if folder == root or any(folder.iterdir()):
                break
            folder.rmdir()
        notes.append(f"{name}: removed; the workflow now uses kamdoc's own action at {kamdoc.rev}")
    return notes


def _marked(path: Path) -> bool:
    """Whether `path` is a file init wrote (its mark in its first lines), read without following a link."""
    try:
        return _mine(read_own(path))
    except (OSError, ValueError, UnicodeDecodeError):
        return False


def _pinned_in_teams_files(root: Path, kamdoc: Source, names: list[str], planned: dict[str, str]) -> list[str]:
    """The commit now pinned filled in where kamdoc's part of a team's file waits for one (adds to `planned`); the notes."""
    notes = []
    for name in names if kamdoc.pinned else ():
        try:
            text = read_own(root / name)
        except (OSError, ValueError, UnicodeDecodeError):
            continue
        if PLACEHOLDER in text:
            planned[name] = text.replace(PLACEHOLDER, kamdoc.rev)
            notes.append(
                f"{name}: kamdoc's commit {kamdoc.rev} filled in where {PLACEHOLDER} stood; the rest is as it was"
            )
    return notes


def _switched_hook(root: Path, ours: str, planned: dict[str, str]) -> list[str]:
    """kamdoc's hook in the team's pre-commit configuration replaced by the kind asked for (adds to `planned`); the notes."""
    from kamdoc.commands.starter.joining import switch_pre_commit

    name = ".pre-commit-config.yaml"
    try:
        switched = switch_pre_commit(planned.get(name) or read_own(root / name), ours)
    except (OSError, ValueError, UnicodeDecodeError):
        return []
    if switched is None:
        return []
    planned[name] = switched
    return [f"{name}: kamdoc's hook switched; the team's hooks are as they were"]


def unsafe(root: Path, name: str) -> str | None:
    """Why init must leave `root/name` alone (a link on the way or at the end, a FIFO, a device, a folder), or None.

    A clone can make any file a symbolic link to a file outside (~/.ssh/config): reading it would copy
    that file into the repository, writing it would change it. Nothing is followed, not even a link inside.
    """
    path = root
    parts = name.split("/")
    for depth, part in enumerate(parts):
        path = path / part
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            return None  # missing from here down: written fresh (or the write says why not)
        last = depth == len(parts) - 1
        if stat.S_ISLNK(mode):
            return "it is a symbolic link" if last else f"{'/'.join(parts[: depth + 1])} is a symbolic link"
        if last and not stat.S_ISREG(mode):
            return "it is not a regular file (a folder, a FIFO or a device)"
        if not last and not stat.S_ISDIR(mode):
            return f"{'/'.join(parts[: depth + 1])} is not a folder"
    return None


def _joined(
    root: Path,
    files: dict[str, str],
    own: tuple[str, ...],
    if_missing: tuple[str, ...],
    merged: dict[str, Any],
    gitlab: str,
    gitlab_own: str,
    refused: dict[str, str],
) -> tuple[dict[str, str], list[str]]:
    """What to write (file -> text) into a repository that may have files of its own, and what to tell the user."""
    planned: dict[str, str] = {}
    notes: list[str] = []
    for name, text in files.items():
        target = root / name
        if name in own or not target.exists():
            if _differs(target, text):
                planned[name] = text
        elif name in merged:
            try:
                joined = merged[name](read_own(target), text)
            except (ValueError, OSError, UnicodeDecodeError) as exc:
                notes.append(f"{name}: left as it is ({exc}); add kamdoc's part by hand:\n{text}")
                continue
            if joined is not None:
                planned[name] = joined
                notes.append(f"{name}: kamdoc's part added; the rest is as it was")
        elif name == gitlab:
            if _differs(target, text):
                if gitlab_own not in refused and _differs(root / gitlab_own, text):
                    planned[gitlab_own] = text
                notes.append(
                    f"{gitlab} is the team's own: kamdoc's pipeline is in {gitlab_own}; to run it, add to {gitlab}:\n"
                    f"  include:\n    - local: {gitlab_own}\n(its jobs use GitLab's stages test and deploy, and its own default image)"
                )
        elif name in if_missing:
            notes.append(f"{name} exists: kept as it is (kamdoc's would say how to work with the plans)")
    return planned, notes


def _differs(path: Path, text: str) -> bool:
    """Whether `path` holds other text than `text`: read only when it is a regular file, never through a link."""
    try:
        return read_own(path) != text
    except (OSError, ValueError):  # missing, unreadable or no text: to be written
        return True


def read_own(path: Path) -> str:
    """A file of the repository as text: never through a link, only a regular file, at most MAX_FILE_BYTES (else OSError, ValueError)."""
    # No link is followed and nothing waits: a FIFO swapped in after `unsafe` looked would block for ever.
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with open(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise ValueError("it is not a regular file")
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"it is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    return data.decode("utf-8")
