"""The command line's contract: help for every command, a version, and exit codes."""

from __future__ import annotations

import subprocess
from pathlib import Path
import sys

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

    code = ("import sys\nfrom kamdoc.cli import main\ntry:\n    main.main(sys.argv[1:], standalone_mode=False)\nfinally:\n"
            "    print(sorted(m for m in ('weasyprint', 'jinja2', 'kamdoc.analyse.diff', 'kamdoc.render.pdf', 'starlette') if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", code, "render", "--to", "pptx", str(PLANS / "brenner-werke"), "--out", str(tmp_path)],
                         capture_output=True, text=True, check=False)
    assert (tmp_path / "brenner-werke.pptx").is_file(), run.stderr
    assert run.stdout.strip().splitlines()[-1] == "[]"


def test_ci_runs_the_readmes_test_command() -> None:
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8").split("```sh\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert len(readme) == 2 and readme[0] == "pip install -e . && kamdoc render plans/"
    assert readme[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_render_says_the_plans_warnings_and_renders_all_the_same(in_tmp: object) -> None:
    assert kamdoc("new", "acme").code == 0
    run = kamdoc("render", "plans/acme", "--out", "out", "--today", "2026-12-02")
    assert run.code == 0, run.err
    assert "plans/acme/plan.yaml:" in run.err and ": warning: " in run.err and "still holds the placeholder" in run.err
    assert "out/acme.pptx" in run.out
