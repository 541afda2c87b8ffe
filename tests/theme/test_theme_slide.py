"""A theme's slide size, margin and text sizes: what is accepted renders, what would not is one message at its line."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from company_templates import make_template
from conftest import PLANS, kamdoc
from decks import titles
from fuzz.gen_themes import theme_yaml
from pptx import Presentation


def _render(tmp_path: Path, theme_yaml: str, *more: str | Path) -> tuple[int, str]:
    theme = tmp_path / "theme"
    theme.mkdir(exist_ok=True)
    (theme / "theme.yaml").write_text(theme_yaml)
    run = kamdoc(
        "render", PLANS / "halvorsen-logistics", "--theme", theme, "--out", tmp_path / "out", "--to", "pptx", *more
    )
    assert "Traceback" not in run.err and "bug in kamdoc" not in run.err, run.err
    return run.code, run.err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "slide:\n  width_in: 1\n  height_in: 1\n",
            "theme.yaml:2:13: error: slide.width_in: expected a number from 4 to 56, got 1",
        ),
        (
            "slide:\n  width_in: 1\n  height_in: 56\n",
            "theme.yaml:2:13: error: slide.width_in: expected a number from 4 to 56, got 1",
        ),
        (
            "slide:\n  margin_in: 5\n",
            "theme.yaml:2:14: error: slide.margin_in: a margin of 5 in leaves a 13.3333 × 7.5 in slide no room",
        ),
        ("slide:\n  height_in: 4\n", "theme.yaml:2:14: error: slide.height_in: a margin of 0.5 in leaves"),
        ("size:\n  body: 200\n", "theme.yaml:2:9: error: size.body: expected a number from 4 to 72, got 200"),
        (
            "size:\n  body: 60\n",
            "theme.yaml:2:9: error: size.body: text of 60 pt does not fit a 13.3333 × 7.5 in slide",
        ),
    ],
    ids=["1x1", "1x56", "margin-5", "margin-for-a-small-slide", "size-200", "size-for-the-slide"],
)
def test_a_slide_no_layout_fits_is_an_error_at_its_line(tmp_path: Path, text: str, expected: str) -> None:
    if "height_in: 4\n" in text:
        text = "slide:\n  height_in: 4\n  width_in: 4\n  margin_in: 0.9\n"  # 0.9 in on each edge of a 4 in side
        expected = "theme.yaml:4:14: error: slide.margin_in: a margin of 0.9 in leaves a 4 × 4 in slide no room"
    code, err = _render(tmp_path, text)
    assert code == 1 and expected in err, err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "slide",
    [(56, 4, 0.8, 16), (4, 56, 0.8, 16), (56, 56, 5, 16), (13.333333, 7.5, 1.5, 45)],
    ids=["56x4", "4x56", "56x56-margin-5", "largest-text"],
)
def test_every_slide_the_checker_accepts_renders_with_its_sections(
    tmp_path: Path, slide: tuple[float, float, float, float]
) -> None:
    width, height, margin, size = slide
    sizes = "".join(f"  {name}: {size}\n" for name in ("title", "subtitle"))
    code, err = _render(
        tmp_path, f"slide:\n  width_in: {width}\n  height_in: {height}\n  margin_in: {margin}\nsize:\n{sizes}"
    )
    assert code == 0, err
    deck = tmp_path / "out" / "halvorsen-logistics.pptx"
    prs = Presentation(str(deck))
    assert (prs.slide_width, prs.slide_height) == (round(width * 914400), round(height * 914400))
    assert any(title.startswith("Financials") for title in titles(deck))


def test_a_company_template_too_small_for_slides_is_one_message(tmp_path: Path) -> None:
    template = make_template(tmp_path / "tiny.pptx", width=914400)  # 1 in wide
    run = kamdoc(
        "render", PLANS / "halvorsen-logistics", "--template", template, "--out", tmp_path / "out", "--to", "pptx"
    )
    assert run.code == 1 and "tiny.pptx: ppt/presentation.xml: slides of 1.00 × 7.50 in are too small" in run.err, (
        run.err
    )


def test_the_themes_margin_is_checked_against_the_company_templates_size(tmp_path: Path) -> None:
    template = make_template(
        tmp_path / "narrow.pptx", width=4 * 914400
    )  # 4 in wide: a margin of 1 in is more than a fifth
    code, err = _render(tmp_path, "slide:\n  margin_in: 1\n", "--template", template)
    assert (
        code == 1
        and "narrow.pptx: the theme's slide.margin_in: a margin of 1 in leaves a 4 × 7.5 in slide no room" in err
    ), err


def test_each_generated_theme_renders_or_is_told_at_its_line(tmp_path: Path) -> None:
    for seed in range(4):
        folder = tmp_path / str(seed)
        folder.mkdir()
        code, err = _render(folder, theme_yaml(random.Random(seed)))
        assert code == 0 or (code == 1 and re.search(r"theme\.yaml:\d+:\d+: error: (slide|size)\.", err)), err
