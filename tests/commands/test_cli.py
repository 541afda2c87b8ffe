"""The command line's contract: help for every command, a version, and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import kamdoc

from kamdoc import __version__
from kamdoc.cli import main


def test_version() -> None:
    run = kamdoc("--version")
    assert run.code == 0
    assert run.out.strip() == f"kamdoc {__version__}"


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_complete_help(command: str) -> None:
    run = kamdoc(command, "--help")
    assert run.code == 0
    assert f"Usage: kamdoc {command}" in run.out
    params = [p for p in main.commands[command].params if p.param_type_name == "option" and p.name != "help"]
    for param in params:
        assert param.help, f"--{param.name} has no help text"


def test_unknown_command_is_a_usage_error() -> None:
    assert kamdoc("render-all").code == 2


def test_python_dash_m_runs_the_cli() -> None:
    run = subprocess.run([sys.executable, "-m", "kamdoc", "--version"], capture_output=True, text=True, check=False)
    assert run.returncode == 0
    assert run.stdout.strip() == f"kamdoc {__version__}"


def test_validate_does_not_import_the_renderers() -> None:
    code = "import sys; from kamdoc.cli import main; from kamdoc.commands import validate; print(sorted(m for m in ('weasyprint', 'pptx', 'markdown_it') if m in sys.modules))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.stdout.strip() == "[]"


def test_a_powerpoint_deck_loads_neither_weasyprint_nor_jinja_nor_the_diff(tmp_path: Path) -> None:
    from conftest import PLANS

    code = (
        "import sys\nfrom kamdoc.cli import main\ntry:\n    main.main(sys.argv[1:], standalone_mode=False)\nfinally:\n"
        "    print(sorted(m for m in ('weasyprint', 'jinja2', 'kamdoc.analyse.diff', 'kamdoc.render.pdf', 'starlette') if m in sys.modules))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, "render", "--to", "pptx", str(PLANS / "brenner-werke"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (tmp_path / "brenner-werke.pptx").is_file(), run.stderr
    assert run.stdout.strip().splitlines()[-1] == "[]"


def test_ci_runs_the_readmes_test_command() -> None:
    from conftest import ROOT

    readme = (
        (ROOT / "README.md").read_text(encoding="utf-8").split("```sh\n", 1)[1].split("```", 1)[0].strip().splitlines()
    )
    assert len(readme) == 2 and readme[0] == "pip install -e . && kamdoc render plans/"
    assert readme[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_render_says_the_plans_warnings_and_renders_all_the_same(in_tmp: object) -> None:
    assert kamdoc("new", "acme").code == 0
    run = kamdoc("render", "plans/acme", "--out", "out", "--today", "2026-12-02")
    assert run.code == 0, run.err
    assert "plans/acme/plan.yaml:" in run.err and ": warning: " in run.err and "still holds the placeholder" in run.err
    assert "out/acme.pptx" in run.out


BROKEN_SETTINGS = {
    "yaml-syntax": (
        "plans: plans\nlanguage: de: en\n",
        "kamdoc.yaml:2:13: error: the value holds a colon followed by a space",
    ),
    "unknown-setting": (
        "plans: plans\nlanguag: de\n",
        "kamdoc.yaml:2:1: error: unknown setting 'languag'; known: plans, language",
    ),
}
"""A kamdoc.yaml broken in each way, and the start of the message that names its wrong line."""


@pytest.fixture(params=sorted(BROKEN_SETTINGS))
def broken(request: pytest.FixtureRequest, in_tmp: Path) -> str:
    """Work in a plans repo whose kamdoc.yaml is broken; returns what a command that reads it must say."""
    text, message = BROKEN_SETTINGS[request.param]
    (in_tmp / "kamdoc.yaml").write_text(text, encoding="utf-8")
    return message


@pytest.mark.parametrize(
    "command",
    [(), *((name,) for name in sorted(main.commands)), ("template", "check")],
    ids=lambda c: " ".join(c) or "kamdoc",
)
def test_help_does_not_read_kamdoc_yaml(broken: str, command: tuple[str, ...]) -> None:
    run = kamdoc(*command, "--help")
    assert run.code == 0 and run.err == "", run.err
    assert run.out.startswith(" ".join(("Usage: kamdoc", *command, "[OPTIONS]")))


def test_schema_init_new_and_template_check_do_not_read_kamdoc_yaml(broken: str, in_tmp: Path) -> None:
    from company_templates import make_template

    english = kamdoc("schema")
    assert english.code == 0 and json.loads(english.out)["$defs"]["Cover"]["description"].startswith("The cover")
    german = kamdoc("schema", "--language", "de")
    assert german.code == 0 and json.loads(german.out)["$defs"]["Cover"]["description"].startswith("Das Deckblatt")
    reference = kamdoc("schema", "--markdown", "--output", "standard.md")
    assert reference.code == 0 and (in_tmp / "standard.md").read_text(encoding="utf-8").startswith(
        "# The key account plan standard"
    )
    started = kamdoc("init", "starter")
    assert started.code == 0 and (in_tmp / "starter" / "kamdoc.yaml").is_file()
    new = kamdoc("new", "acme", "--plans-dir", "plans", "--language", "en")  # every setting it could take is given
    assert new.code == 0 and (in_tmp / "plans" / "acme" / "plan.yaml").is_file()
    template = kamdoc("template", "check", make_template(in_tmp / "corp.pptx"))
    assert template.code == 0 and "ok: content slides use layout 'Title Only'" in template.out
    for run in (english, german, reference, started, new, template):
        assert "kamdoc.yaml:" not in run.err, run.err


@pytest.mark.parametrize(
    "command",
    [
        ("validate",),
        ("validate", "plans/acme"),
        ("render", "plans/acme", "--out", "out"),
        ("build", "plans/acme"),
        ("new", "beta"),
        ("health",),
        ("portfolio", "--no-deck"),
        ("diff",),
    ],
    ids=" ".join,
)
def test_a_command_that_uses_kamdoc_yaml_names_its_broken_line(broken: str, command: tuple[str, ...]) -> None:
    assert kamdoc("new", "acme", "--plans-dir", "plans", "--language", "en").code == 0
    run = kamdoc(*command)
    assert run.code == 1, run.err
    # One message at its place, as a compiler's (no traceback, and no "Error: " before its own "error:").
    assert run.err.split(":", 1)[0].endswith("kamdoc.yaml") and broken in run.err and run.err.count("\n") == 1, run.err
    assert run.err.count("rror: ") == 1, run.err
    assert run.out == ""


def test_the_installed_command_runs_beside_a_broken_kamdoc_yaml(broken: str, in_tmp: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "kamdoc", *args],
            cwd=in_tmp,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )

    for args in (("--help",), ("new", "--help"), ("schema", "--language", "de")):
        done = run(*args)
        assert done.returncode == 0 and done.stderr == "", (args, done.stderr)
    failed = run("validate")
    assert failed.returncode == 1 and broken in failed.stderr and "Traceback" not in failed.stderr, failed.stderr
