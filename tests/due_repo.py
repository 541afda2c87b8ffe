"""A plans folder of five accounts for reminders and health: one overdue, one with a passed notice date, one
single-threaded, one healthy and one that does not validate (made from the English example, default coverage rules)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from programme_repo import Spec, make_repo, working_in

CONFIG = """\
portfolio:
  review_months: 6
owners:
  plans/overdue: ["@aisha-rahman"]
"""
DUE_SPECS = [
    Spec("overdue", 900, covered=True, review_days=-10, action_overdue=True),
    Spec("notice", 800, covered=True, notice_passed=True),
    Spec("single", 700, covered=True, single_owner=True),
    Spec("healthy", 600, covered=True),
    Spec("invalid", 500, covered=True, broken=True),
]


@pytest.fixture(scope="module", name="due")
def due_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The five-plan repository, as the working folder of a test module."""
    yield from working_in(make_repo(tmp_path_factory.mktemp("due"), DUE_SPECS, CONFIG))
