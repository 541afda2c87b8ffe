"""Company templates: decks use their layouts, title placeholders and colours; `template check` says what is missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from company_templates import make_template
from conftest import PLANS, TODAY, kamdoc
from decks import seen_rgb
from pptx import Presentation


def test_deck_uses_the_templates_layouts_and_title_placeholders(tmp_path: Path) -> None:
    template = make_template(tmp_path / "corp.pptx")
    run = kamdoc(
        "render", PLANS / "halvorsen-logistics", "--template", template, "--out", tmp_path / "out", "--today", TODAY
    )
    assert run.code == 0, run.err
    prs = Presentation(str(tmp_path / "out" / "halvorsen-logistics.pptx"))
    assert prs.slides[0].slide_layout.name == "Title Slide"
    summary, agenda = prs.slides[1], prs.slides[2]
    assert summary.slide_layout.name == agenda.slide_layout.name == "Title Only"
    assert summary.shapes.title.text == "The account at a glance"  # the template's own title placeholder
    assert agenda.shapes.title.text == "Agenda"
    texts = [shape.text_frame.text for slide in prs.slides for shape in slide.shapes if shape.has_text_frame]
    assert "Company sample slide" not in texts  # the template's sample slides are not in the deck
    assert all(slide.shapes.title is not None and slide.shapes.title.text for slide in prs.slides)
    assert (
        prs.slides[0].shapes.title.text == "Halvorsen Logistics ASA"
    )  # the cover's name in the template's title placeholder
    # The template's colour scheme (dk2 of the default Office theme) colours the tables' header rows.
    headers = [
        seen_rgb(shape.table.cell(0, 0).fill.fore_color, prs)
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_table
    ]
    assert str(headers[0]) == "1F497D"


def test_template_check_reports_what_is_there(tmp_path: Path) -> None:
    run = kamdoc("template", "check", make_template(tmp_path / "corp.pptx"))
    assert run.code == 0
    assert "ok: content slides use layout 'Title Only' and its title placeholder" in run.out
    assert "ok: colour primary: #1F497D from the template's colour scheme" in run.out


def test_template_check_reports_what_is_missing(tmp_path: Path) -> None:
    template = make_template(
        tmp_path / "odd.pptx", rename={"Title Only": "Nur Überschrift", "Title and Content": "Inhalt"}
    )
    run = kamdoc("template", "check", template)
    assert run.code == 0
    assert (
        "warning: no layout named 'Title Only', 'Nur Titel', 'Title and Content', 'Titel und Inhalt' for content slides"
        in run.out
    )


@pytest.mark.parametrize("width", [9144000])
def test_a_4_3_template_is_refused(tmp_path: Path, width: int) -> None:
    template = make_template(tmp_path / "old.pptx", width=width)
    check = kamdoc("template", "check", template)
    assert check.code == 1
    assert "error: slides are 10.00 × 7.50 in (1.33:1); kamdoc decks are 16:9" in check.out
    run = kamdoc("render", PLANS / "halvorsen-logistics", "--template", template, "--out", tmp_path / "out")
    assert run.code == 1
    assert "its slides are not 16:9" in run.err
    assert not (tmp_path / "out").exists()


def test_not_a_powerpoint_file(tmp_path: Path) -> None:
    fake = tmp_path / "corp.pptx"
    fake.write_text("not a zip")
    run = kamdoc("template", "check", fake)
    assert run.code == 1
    assert "not a PowerPoint file" in run.err


def test_theme_folder_overrides_the_default_one_setting_at_a_time(tmp_path: Path) -> None:
    theme = tmp_path / "mytheme"
    theme.mkdir()
    (theme / "theme.yaml").write_text('colour:\n  primary: "7A1F5C"\n')
    run = kamdoc("render", PLANS / "halvorsen-logistics", "--theme", theme, "--out", tmp_path / "out", "--today", TODAY)
    assert run.code == 0, run.err
    prs = Presentation(str(tmp_path / "out" / "halvorsen-logistics.pptx"))
    headers = [
        seen_rgb(shape.table.cell(0, 0).fill.fore_color, prs)
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_table
    ]
    assert str(headers[0]) == "7A1F5C"
    stripes = [
        seen_rgb(shape.table.cell(2, 0).fill.fore_color, prs)
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_table and len(shape.table.rows) > 2
    ]
    assert str(stripes[0]) == "F3F5F8"  # everything else stays the default theme's


def test_unknown_theme_name(tmp_path: Path) -> None:
    run = kamdoc("render", PLANS / "halvorsen-logistics", "--theme", "corporate-blue", "--out", tmp_path)
    assert run.code == 1
    assert "no theme 'corporate-blue': give a theme folder or one of: default" in run.err
