"""Numbers as written: thousands separators and decimal commas in number fields are errors that say what to write."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kamdoc.messages import in_german
from kamdoc.validate.plan import validate_file

DATA = Path(__file__).resolve().parents[1] / "data"
CASES = [
    line.split("\t")
    for line in (DATA / "numbers" / "cases.tsv").read_text(encoding="utf-8").splitlines()
    if not line.startswith("#")
]


def _plan_with(tmp_path: Path, language: str, changes: dict[int, str]) -> Path:
    """The base test plan in `language`, with the lines given (1-based) replaced."""
    lines = (DATA / "base" / "plan.yaml").read_text(encoding="utf-8").splitlines()
    assert (
        lines[3] == "language: en" and lines[100].startswith("      plan:") and lines[101].startswith("      margin:")
    )
    lines[3] = f"language: {language}"
    for number, text in changes.items():
        lines[number - 1] = text
    for extra in ("logo.png", "market.md"):
        (tmp_path / extra).write_bytes((DATA / "base" / extra).read_bytes())
    (tmp_path / "plan.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path / "plan.yaml"


def test_the_table_covers_both_languages() -> None:
    assert len(CASES) >= 12
    assert {case[0] for case in CASES} == {"en", "de"}


@pytest.mark.parametrize(
    ("language", "line", "text", "where", "message"), CASES, ids=[f"{c[0]}:{c[2].strip()}" for c in CASES]
)
def test_a_number_with_separators_is_an_error_that_says_what_to_write(
    tmp_path: Path, language: str, line: str, text: str, where: str, message: str
) -> None:
    result = validate_file(_plan_with(tmp_path, language, {int(line): text}), date(2026, 11, 22))
    said = [
        f"{f.pos.line}:{f.pos.col}\t{f.field}: {in_german(f.message) if language == 'de' else f.message}"
        for f in result.errors
    ]
    assert said == [
        f"{where}\t{message}"
    ]  # one message: the schema's own complaint about the same value is not repeated
    assert result.plan is None


@pytest.mark.parametrize(
    "text", ["      plan: {2026: 1000, 2027: 860.5}", "      plan: {2026: 0.125, 2027: 1.5}", "      plan: {2026: 1e3}"]
)
def test_numbers_without_separators_stay_numbers(tmp_path: Path, text: str) -> None:
    result = validate_file(_plan_with(tmp_path, "de", {101: text}), date(2026, 11, 22))
    assert not result.errors, [f.message for f in result.errors]


def test_text_fields_keep_what_looks_like_a_number(tmp_path: Path) -> None:
    # Only number fields are judged: a name such as "1,250 Sensoren" or a quantity text stays as written.
    result = validate_file(_plan_with(tmp_path, "de", {99: "    - name: 1.250"}), date(2026, 11, 22))
    assert not result.errors, [f.message for f in result.errors]
    assert result.plan is not None and result.plan.financials.products[0].name == "1.250"


@pytest.mark.parametrize(
    ("language", "text", "message"),
    [
        (
            "en",
            "  won: [{name: Line A sensors, year: 2025.0, size: 420}]",
            "position.won[0].year: '2025.0' is not a whole number; write 2025",
        ),
        (
            "de",
            "  won: [{name: Line A sensors, year: 2025.0, size: 420}]",
            "position.won[0].year: '2025.0' ist keine ganze Zahl; schreib 2025",
        ),
        (
            "en",
            "  won: [{name: Line A sensors, year: 2.025, size: 420}]",
            "position.won[0].year: '2.025' would be read as 2.025; write 2025",
        ),
    ],
)
def test_a_count_written_as_a_fraction_is_an_error(tmp_path: Path, language: str, text: str, message: str) -> None:
    result = validate_file(_plan_with(tmp_path, language, {78: text}), date(2026, 11, 22))
    said = [f"{f.field}: {in_german(f.message) if language == 'de' else f.message}" for f in result.errors]
    assert said == [message]


def test_a_count_with_a_fraction_names_the_nearest_whole_number(tmp_path: Path) -> None:
    result = validate_file(
        _plan_with(tmp_path, "en", {79: "  potential: [{unit: Oakridge GmbH, attitude: 1.5, potential: 900}]"}),
        date(2026, 11, 22),
    )
    assert [f.message for f in result.errors] == ["'1.5' is not a whole number; write a whole number such as 2"]
