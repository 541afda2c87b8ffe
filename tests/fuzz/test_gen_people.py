"""A few generated organisations of every shape: each is laid out with everyone on a slide, or refused with a cap's message."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import gen_people
import pytest
from big_plans import write_plan

from kamdoc.outline.deck import Shape
from kamdoc.outline.kit import Geometry
from kamdoc.outline.power_map import power_map_slides
from kamdoc.theme.settings import load_theme
from kamdoc.validate.plan import validate_file

CAPS = ("people; a plan holds at most", "links; a plan holds at most", "levels to the top")


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("shape", gen_people.SHAPES, ids=lambda s: s.__name__)
def test_generated_organisations_are_drawn_or_refused_at_a_cap(
    tmp_path: Path, shape: gen_people.Shape, seed: int
) -> None:
    (tmp_path / ".git").mkdir()
    plan = write_plan(tmp_path / "p", shape(random.Random(f"{shape.__name__}{seed}")))
    result = validate_file(plan, date(2026, 11, 22))
    if result.errors:
        assert all(any(cap in f.message for cap in CAPS) for f in result.errors), [f.message for f in result.errors]
        return
    assert result.plan is not None
    people, links = result.plan.power_map.people, result.plan.power_map.links
    geometry = Geometry.of(load_theme())
    slides, ties = power_map_slides(people, links, geometry.body, geometry.fonts, "en")
    keys = {e.key.split("~")[0] for s in slides for e in s.elements if isinstance(e, Shape)}
    assert {p.id for p in people} <= keys
    assert len(ties) == len(links)
