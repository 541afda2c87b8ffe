"""The outline draws what validation checked and reads no file a plan names; it keeps the fonts' widths only where it is told."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import PLANS, TODAY

from kamdoc.outline import measure
from kamdoc.outline.deck import Deck, Image
from kamdoc.outline.measure import Metrics
from kamdoc.outline.plan_deck import build_outline
from kamdoc.render.formats import render_deck
from kamdoc.theme.settings import load_theme
from kamdoc.validate.plan import Result, validate_file

LOGOS = {"brenner-werke": "logo.png", "halvorsen-logistics": "logo.svg"}


def _validated(tmp_path: Path, name: str) -> Result:
    """A copy of an example plan in a repo of its own, validated."""
    (tmp_path / ".git").mkdir()
    shutil.copytree(PLANS / name, tmp_path / name)
    result = validate_file(tmp_path / name / "plan.yaml", date.fromisoformat(TODAY))
    assert result.plan is not None and result.doc is not None, result.findings
    return result


def _logos(deck: Deck) -> list[Image]:
    return [e for slide in deck.slides for e in slide.elements if isinstance(e, Image)]


@pytest.mark.parametrize("name", sorted(LOGOS))
def test_the_deck_draws_the_logo_validation_checked_even_when_the_file_changed_since(tmp_path: Path, name: str) -> None:
    result = _validated(tmp_path, name)
    logo = tmp_path / name / LOGOS[name]
    checked = logo.read_bytes()
    logo.write_text("not an image any more: a file swapped between the check and the use\n")
    assert result.plan is not None and result.doc is not None
    deck = build_outline(result.plan, result.doc, load_theme(), images=result.images)
    assert [image.data for image in _logos(deck)] == [checked]
    pptx = render_deck(deck, "pptx", load_theme(), datetime(2026, 1, 1))
    with zipfile.ZipFile(io.BytesIO(pptx)) as package:
        media = [package.read(n) for n in package.namelist() if n.startswith("ppt/media/")]
    assert len(media) == 1
    if name == "brenner-werke":
        assert media == [checked]  # a PNG goes into the deck as it was checked


def test_a_logo_validation_did_not_hand_over_is_not_drawn(tmp_path: Path) -> None:
    result = _validated(tmp_path, "brenner-werke")
    (tmp_path / "brenner-werke" / "logo.png").unlink()  # the outline does not go looking for it
    assert result.plan is not None and result.doc is not None
    assert _logos(build_outline(result.plan, result.doc, load_theme())) == []
    assert len(_logos(build_outline(result.plan, result.doc, load_theme(), images=result.images))) == 1


@pytest.fixture
def fresh_metrics() -> Iterator[None]:
    """The fonts' widths measured anew: a width kept in memory by an earlier test would write no cache."""
    measure._advances.cache_clear()
    yield
    measure._advances.cache_clear()


@pytest.fixture
def homes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home and an XDG cache folder of this test's own, both empty."""
    (tmp_path / "home").mkdir()
    (tmp_path / "xdg").mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path


def _written(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_the_widths_are_kept_in_the_folder_given_and_nowhere_else(homes: Path, fresh_metrics: None) -> None:
    font = load_theme().font_file("regular")
    Metrics(font)
    assert _written(homes / "home") == [] and _written(homes / "xdg") == []  # no folder given: nothing written
    kept = Metrics(font, homes / "chosen")
    [name] = _written(homes / "chosen")
    assert name.startswith("metrics-") and name.endswith(".json")
    measure._advances.cache_clear()
    assert Metrics(font, homes / "chosen").widths == kept.widths  # read back from the file
    assert _written(homes / "home") == [] and _written(homes / "xdg") == []


def test_a_cache_that_cannot_be_written_or_read_is_skipped(tmp_path: Path, fresh_metrics: None) -> None:
    font = load_theme().font_file("regular")
    expected = Metrics(font).widths
    (tmp_path / "a-file").write_text("a regular file: no folder can be made below it, even by root\n")
    measure._advances.cache_clear()
    assert Metrics(font, tmp_path / "a-file" / "cache").widths == expected
    assert (tmp_path / "a-file").read_text().startswith("a regular file")
    measure._advances.cache_clear()
    Metrics(font, tmp_path / "cache")
    [kept] = (tmp_path / "cache").iterdir()
    kept.write_text('{"widths": [1, 2], "fallback": "wide"}')  # damaged: measured from the font again
    measure._advances.cache_clear()
    assert Metrics(font, tmp_path / "cache").widths == expected
