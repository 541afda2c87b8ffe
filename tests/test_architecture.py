"""The package's stages import only downward, no modules of a stage import each other in a circle (import-linter), the
package type-checks strictly (mypy), and the code is formatted and linted (ruff, with McCabe: nothing above D)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import ROOT


def test_the_layers_and_no_cycles_contracts_hold() -> None:
    linter = shutil.which("lint-imports")
    if linter is None:
        pytest.fail("import-linter is not installed: pip install -e '.[test]'")
    done = subprocess.run([linter, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "Contracts: 3 kept, 0 broken." in done.stdout


def test_the_package_type_checks_strictly() -> None:
    checker = shutil.which("mypy")
    if checker is None:
        pytest.fail("mypy is not installed: pip install -e '.[test]'")
    # pyproject.toml's [tool.mypy] says what: the whole package, --strict, with pydantic's plugin.
    done = subprocess.run([checker, "--no-incremental"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert done.stdout.startswith("Success: no issues found")


@pytest.mark.parametrize("command", [["format", "--check", "--diff"], ["check", "--no-cache"]], ids=["format", "lint"])
def test_the_code_is_formatted_and_linted(command: list[str]) -> None:
    ruff = shutil.which("ruff")
    if ruff is None:
        pytest.fail("ruff is not installed: pip install -e '.[test]'")
    # pyproject.toml's [tool.ruff] says what: 120 columns; pyflakes, pycodestyle's errors, sorted imports, complexity <= 30.
    done = subprocess.run(
        [ruff, *command, "kamdoc", "tests", "bench", "docs"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def test_every_stage_is_a_package_with_a_docstring() -> None:
    import importlib

    for stage in ("standard", "load", "validate", "analyse", "theme", "outline", "render", "pipeline", "commands"):
        module = importlib.import_module(f"kamdoc.{stage}")
        assert module.__doc__ and module.__file__ and module.__file__.endswith("__init__.py"), stage


def _deck_of_every_kind() -> object:
    """One slide holding one element of every kind the outline makes."""
    from kamdoc.outline.deck import (
        Box,
        Bubble,
        BubbleChart,
        ColumnChart,
        Connector,
        Deck,
        Image,
        LineChart,
        Series,
        Shape,
        Slide,
        Table,
        Text,
    )
    from kamdoc.outline.richtext import Para, Run

    para = (Para((Run("Hello"),)),)
    logo = ROOT / "tests" / "data" / "base" / "logo.png"
    elements = [
        Text(Box(40, 80, 300, 40), para, 14.0),
        Table(Box(40, 130, 300, 60), (150.0, 150.0), ("A", "B"), (("1", "2"),), ("left", "right"), 12.0, (20.0, 20.0)),
        ColumnChart(Box(360, 80, 280, 160), ("2025",), (Series("P", (1.0,)),)),
        LineChart(Box(660, 80, 260, 160), ("a", "b"), (Series("S", (0.2, 0.8)),), (0.0, 1.0)),
        BubbleChart(
            Box(40, 260, 280, 200),
            (Bubble("X", 1.0, 1.0, 5.0),),
            (-2.0, 2.0),
            (0.0, 5.0),
            0.0,
            2.5,
            "x",
            "y",
            ("a", "b", "c", "d"),
        ),
        Image(Box(360, 260, 60, 30), logo.read_bytes(), "png", "Logo"),
        Shape(Box(460, 260, 120, 50), para, 12.0, "background", "primary", 1.0, key="one"),
        Shape(Box(620, 260, 120, 50), para, 12.0, "background", "primary", 1.0, key="two"),
        Connector("one", "two", ((580.0, 285.0), (620.0, 285.0)), "primary", 1.0),
    ]
    return Deck("T", "A", "S", "en", "footer", 960.0, 540.0, [Slide("content", "Every kind", elements, number=1)])


def test_every_element_kind_is_drawn_by_every_renderer() -> None:
    from datetime import datetime

    from kamdoc.outline.deck import ELEMENT_KINDS
    from kamdoc.render.formats import FORMATS, render_deck
    from kamdoc.theme.settings import load_theme

    deck = _deck_of_every_kind()
    assert {type(e) for e in deck.slides[0].elements} == set(ELEMENT_KINDS)  # type: ignore[attr-defined]
    for name in FORMATS:
        assert len(render_deck(deck, name, load_theme(), datetime(2026, 1, 1))) > 1000, name  # type: ignore[arg-type]


def test_an_unknown_element_kind_or_format_is_an_error_not_a_gap() -> None:
    from dataclasses import dataclass
    from datetime import datetime

    from kamdoc.outline.deck import Box
    from kamdoc.render.formats import FORMATS, format_named, render_deck
    from kamdoc.theme.settings import load_theme

    @dataclass(frozen=True)
    class Sticker:
        box: Box

    deck = _deck_of_every_kind()
    deck.slides[0].elements.append(Sticker(Box(0, 0, 10, 10)))  # type: ignore[attr-defined]
    for name in FORMATS:
        with pytest.raises(TypeError, match="cannot draw a Sticker"):
            render_deck(deck, name, load_theme(), datetime(2026, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="no format 'odt'"):
        format_named("odt")


def test_nothing_below_the_commands_prints(tmp_path: object, capfd: pytest.CaptureFixture[str]) -> None:
    """The pipeline reports through the listener a command gives it; below the commands nothing writes to the terminal."""
    import re
    from datetime import date
    from pathlib import Path

    from conftest import PLANS

    from kamdoc.pipeline.build import build
    from kamdoc.pipeline.render import render_paths

    # errors.py is Click's error contract: KamdocError.show is called by Click at the top, once a command has ended.
    below = [
        p
        for p in (ROOT / "kamdoc").rglob("*.py")
        if p.parts[-2] != "commands" and p.name not in ("cli.py", "errors.py") and "commands" not in p.parts
    ]
    printing = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in below
        for n, line in enumerate(p.read_text().splitlines(), 1)
        if re.search(r"\bclick\.echo\(|\bprint\(|sys\.std(out|err)\.write", line)
    ]
    assert printing == []
    out = Path(str(tmp_path))
    assert render_paths([PLANS / "halvorsen-logistics"], out / "r", None, None, "internal", date(2026, 11, 22)) == 0
    assert (
        build([PLANS / "halvorsen-logistics"], out / "b", ("pptx",), 1, None, "internal", None, date(2026, 11, 22)) == 0
    )
    captured = capfd.readouterr()
    assert captured.out == "" and captured.err == ""


def test_no_function_is_longer_than_sixty_lines() -> None:
    import ast

    long = []
    for module in sorted((ROOT / "kamdoc").rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if (
                isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                and node.end_lineno
                and node.end_lineno - node.lineno >= 60
            ):
                long.append(
                    f"{module.relative_to(ROOT)}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
                )
    assert not long, "split these into functions with one job each:\n" + "\n".join(long)


def test_no_table_of_words_or_settings_names_a_key_twice() -> None:
    """A dict written out in the code with a key twice keeps only the last value: a label silently lost (it happened to one)."""
    import ast

    repeated = []
    for path in sorted((ROOT / "kamdoc").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
                repeated += [
                    f"{path.relative_to(ROOT)}:{node.lineno}: {k!r}" for k in {k for k in keys if keys.count(k) > 1}
                ]
    assert not repeated, repeated
