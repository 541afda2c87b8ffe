"""A theme's theme.yaml is checked like a plan: unknown settings and bad values are errors with their line."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PLANS, kamdoc


def _render(tmp_path: Path, theme_yaml: str) -> tuple[int, str]:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "theme.yaml").write_text(theme_yaml)
    run = kamdoc("render", PLANS / "halvorsen-logistics", "--theme", theme, "--out", tmp_path / "out")
    assert "Traceback" not in run.err
    return run.code, run.err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('colours:\n  primary: "1F3A5F"\n', "theme.yaml:1:1: error: colours: unknown setting; did you mean 'colour'?"),
        ('colour:\n  primary: "red"\n', "theme.yaml:2:12: error: colour.primary: 'red' is not a colour"),
        (
            "colour:\n  primary: 123456\n",
            "theme.yaml:2:12: error: colour.primary: 123456 is not a colour: give six hex digits in quotes",
        ),
        ('colour:\n  series: ["1F3A5F", "nope"]\n', "theme.yaml:2:11: error: colour.series: 'nope' is not a colour"),
        ("size:\n  body: big\n", "theme.yaml:2:9: error: size.body: expected a number from 4 to 72, got 'big'"),
        ("slide:\n  height_in: 0\n", "theme.yaml:2:14: error: slide.height_in: expected a number from 4 to 56, got 0"),
        ("font:\n  regular: Arial.ttf\n", "theme.yaml:2:12: error: font.regular: expected a list of one or more names"),
        (
            "font:\n  bold: [NoSuchFont-Bold.ttf]\n",
            "theme.yaml:2:9: error: font.bold: none of NoSuchFont-Bold.ttf is installed; put the file in",
        ),
        ("- a\n- b\n", "theme.yaml:1:1: error: a theme file is a mapping of settings"),
        ("colour: &c {}\n", "theme.yaml:1:9: error: YAML anchors (&c) are not allowed"),
    ],
    ids=[
        "misspelt-section",
        "named-colour",
        "unquoted-number",
        "series",
        "size-text",
        "zero-height",
        "font-not-a-list",
        "missing-font",
        "list",
        "anchor",
    ],
)
def test_a_theme_mistake_is_an_error_at_its_line(tmp_path: Path, text: str, expected: str) -> None:
    code, err = _render(tmp_path, text)
    assert code == 1 and expected in err, err
    assert not (tmp_path / "out").exists()


def test_a_good_partial_theme_changes_only_what_it_names(tmp_path: Path) -> None:
    code, err = _render(tmp_path, 'colour:\n  primary: "AA0000"\nsize:\n  body: 15\n')
    assert code == 0, err
