"""The live preview in a real browser: the deck's slides, an edit seen without reloading, errors over the slides, nothing fetched elsewhere."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import PLANS, name_first_person
from preview_server import copy_plans, serving

from kamdoc.preview.server import Preview

SCREENSHOTS = os.environ.get("KAMDOC_SCREENSHOTS")
"""A folder for the pictures the README shows (docs/pictures), written when set: `KAMDOC_SCREENSHOTS=docs/pictures pytest tests/preview`."""


@pytest.fixture
def preview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Preview]:
    monkeypatch.chdir(tmp_path)  # as a user runs it, at the top of the plans repository: places show as plans/…
    plans = copy_plans(PLANS, tmp_path, "brenner-werke", "halvorsen-logistics")
    with serving([plans]) as running:
        yield running


@pytest.fixture
def page(browser: Any, preview: Preview) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 860})
    opened = context.new_page()
    opened.requested = []
    opened.on("request", lambda request: opened.requested.append(request.url))
    yield opened
    context.close()


def _plan(preview: Preview, slug: str) -> Path:
    return preview.workspace.plans()[slug]


def _titles(page: Any) -> list[str]:
    return [t.strip() for t in page.locator("#kp-slides > section.slide h1.title").all_text_contents()]


def test_the_start_page_lists_each_plan_with_its_health_and_opens_its_deck(page: Any, preview: Preview) -> None:
    page.goto(preview.url)
    rows = page.locator("#kp-rows tr")
    assert rows.count() == 2
    assert "Brenner Werke AG" in rows.nth(0).inner_text() and re.search(
        r"\b(green|amber|red)\b", rows.nth(0).inner_text()
    )
    page.get_by_role("link", name="Open the deck").first.click()
    page.wait_for_url(re.compile(r"/deck/brenner-werke"))
    assert page.locator("#kp-slides > section.slide.kp-current h1").first.inner_text().startswith("Brenner Werke AG")


def test_the_deck_shows_the_examples_slide_titles_and_moves_by_keyboard(page: Any, preview: Preview) -> None:
    from kamdoc.outline.plan_deck import build_outline
    from kamdoc.theme.settings import load_theme
    from kamdoc.validate.plan import validate_file

    page.goto(f"{preview.url}deck/brenner-werke")
    result = validate_file(_plan(preview, "brenner-werke"), preview.workspace.today())
    assert result.plan is not None and result.doc is not None
    deck = build_outline(result.plan, result.doc, load_theme())
    expected = [s.title for s in deck.slides if s.title_box]
    assert _titles(page) == expected  # the PDF's slides, in order
    assert page.locator("#kp-strip .kp-thumb").count() == len(deck.slides)
    assert page.locator("#kp-counter").inner_text() == f"1 / {len(deck.slides)}"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    visible = page.locator("#kp-slides > section.slide:visible")
    assert visible.count() == 1 and visible.locator("h1.title").inner_text() == deck.slides[2].title
    assert page.locator("#kp-counter").inner_text() == f"3 / {len(deck.slides)}"
    page.keyboard.press("End")
    assert page.locator("#kp-slides > section.slide:visible h1.title").inner_text() == deck.slides[-1].title
    page.locator("#kp-strip .kp-thumb").nth(4).click()
    assert page.locator("#kp-counter").inner_text().startswith("5 /")
    assert page.evaluate("document.fonts.check('12pt kamdoc')")  # the deck's font, from this server


def test_an_edit_shows_without_reloading_and_keeps_the_slide(page: Any, preview: Preview) -> None:
    page.goto(f"{preview.url}deck/brenner-werke")
    page.evaluate("window.kamdocLoaded = 'the same page'")  # gone if the page were reloaded
    goal_slide = page.locator("#kp-slides > section.slide", has_text="50\u00a0% (Jahresvolumen 2028)").first
    index = page.locator("#kp-slides > section.slide").evaluate_all(
        "(slides) => slides.findIndex((s) => s.textContent.includes('50\u00a0% (Jahresvolumen 2028)'))"
    )
    assert index > 0 and goal_slide.count() == 1
    page.locator("#kp-strip .kp-thumb").nth(index).click()
    plan = _plan(preview, "brenner-werke")
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            "target: 50 % (Jahresvolumen 2028)", "target: 55 % (Jahresvolumen 2028)"
        ),
        encoding="utf-8",
    )
    edited = "55\u00a0% (Jahresvolumen 2028)"  # a number and its % held together by a no-break space, as drawn
    page.locator("#kp-slides > section.slide:visible", has_text=edited).wait_for(timeout=10_000)
    assert page.evaluate("window.kamdocLoaded") == "the same page"
    assert page.locator("#kp-counter").inner_text().startswith(f"{index + 1} /")
    assert page.locator("#kp-problems").is_hidden()


def test_a_broken_field_shows_its_line_and_the_fix_takes_it_away(page: Any, preview: Preview) -> None:
    page.goto(f"{preview.url}deck/brenner-werke")
    plan = _plan(preview, "brenner-werke")
    good = plan.read_text(encoding="utf-8")
    line = next(n for n, text in enumerate(good.splitlines(), 1) if "roles: [ratifier]" in text)
    plan.write_text(good.replace("roles: [ratifier]", "roles: [boss]", 1), encoding="utf-8")
    overlay = page.locator("#kp-problems")
    overlay.wait_for(state="visible", timeout=10_000)
    finding = overlay.locator(".kp-finding.kp-error").first
    assert finding.locator(".kp-where").inner_text().startswith(f"plans/brenner-werke/plan.yaml:{line}:")
    assert "'boss'" in finding.inner_text() and "decision-maker" in finding.inner_text()
    link = finding.locator("a.kp-where").get_attribute("href")
    assert link == f"vscode://file{plan.resolve().as_posix()}:{line}:{good.splitlines()[line - 1].index('[') + 2}"
    assert page.locator("#kp-errors").inner_text() == "1 Fehler"  # the German plan's words
    assert page.locator("#kp-slides > section.slide").count() > 1  # the last good slides stay beneath
    if SCREENSHOTS:  # the README's picture: the power map whose field broke, under the error
        index = page.locator("#kp-slides > section.slide").evaluate_all(
            "(s) => s.findIndex((x) => (x.querySelector('h1') || {}).textContent?.startsWith('Power-Map'))"
        )
        page.locator("#kp-strip .kp-thumb").nth(index).click()
        page.screenshot(path=str(Path(SCREENSHOTS) / "preview-errors.png"))
    plan.write_text(good, encoding="utf-8")
    overlay.wait_for(state="hidden", timeout=10_000)
    assert page.locator("#kp-errors").is_hidden()


def test_warnings_are_a_badge_that_opens_their_list(page: Any, preview: Preview) -> None:
    plan = _plan(preview, "halvorsen-logistics")
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        re.sub(r"(?m)^(\s+)next_review: .*$", r"\1next_review: 2020-01-01", text, count=1), encoding="utf-8"
    )
    page.goto(f"{preview.url}deck/halvorsen-logistics")
    badge = page.locator("#kp-warnings")
    assert badge.is_visible() and re.fullmatch(r"\d+ warnings?", badge.inner_text())
    assert page.locator("#kp-problems").is_hidden()  # warnings do not cover the slides
    badge.click()
    assert page.locator("#kp-problems .kp-finding.kp-warning").first.is_visible()


def test_the_audience_switch_shows_the_customers_deck_on_the_same_page(page: Any, preview: Preview) -> None:
    page.goto(f"{preview.url}deck/brenner-werke")
    internal = _titles(page)
    page.evaluate("window.kamdocLoaded = 'the same page'")
    with page.expect_response(re.compile(r"/api/deck/brenner-werke\?audience=customer")):
        page.get_by_role("link", name="Kunde").click()
    page.wait_for_selector("html[data-updated-at]", state="attached")
    customer = _titles(page)
    assert customer != internal and len(customer) < len(internal)  # the internal sections are left out
    assert page.evaluate("window.kamdocLoaded") == "the same page" and "audience=customer" in page.url


def test_the_page_asks_nothing_of_anyone_but_the_preview(page: Any, preview: Preview) -> None:
    page.goto(preview.url)
    page.goto(f"{preview.url}deck/brenner-werke")
    page.keyboard.press("End")
    plan = _plan(preview, "brenner-werke")
    plan.write_text(plan.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    page.wait_for_selector("html[data-updated-at]", state="attached", timeout=10_000)
    origin = preview.url.split("/", 3)[:3]
    assert page.requested and all(url.split("/", 3)[:3] == origin for url in page.requested), page.requested
    assert any("/file/" in url for url in page.requested)  # the fonts and logo came from the preview itself


def test_a_strangers_plan_shows_its_markup_as_text_and_runs_nothing(browser: Any, tmp_path: Path) -> None:
    hostile = '<script>alert(1)</script><img src="https://evil.example/t.png" onerror="alert(2)">'
    plans = copy_plans(PLANS, tmp_path, "halvorsen-logistics")
    plan = plans / "halvorsen-logistics" / "plan.yaml"
    name_first_person(plan, hostile)
    with serving([plans / "halvorsen-logistics"]) as running:
        page = browser.new_page()
        dialogs: list[str] = []
        asked: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("request", lambda request: asked.append(request.url))
        page.goto(running.url)
        page.wait_for_url(re.compile(r"/deck/halvorsen-logistics"))
        shown = page.locator("#kp-slides > section.slide", has_text="alert(1)")
        assert shown.count() >= 1  # on the power map and in its table, as letters
        index = page.locator("#kp-slides > section.slide").evaluate_all(
            "(s) => s.findIndex((x) => x.textContent.includes('alert(1)'))"
        )
        page.locator("#kp-strip .kp-thumb").nth(index).click()
        page.wait_for_timeout(300)
        assert not dialogs and page.locator("#kp-slides img[src*='evil']").count() == 0
        assert all(url.startswith(running.url.rsplit("/", 2)[0]) for url in asked), asked
        page.close()
