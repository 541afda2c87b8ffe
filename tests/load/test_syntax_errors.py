"""Every YAML syntax error a plan can hold is one message at the mistake's line and column, saying how to write it, in
the plan's language: the table in tests/data/syntax-errors/expected.tsv, case by case, through `kamdoc validate`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DATA, TODAY, kamdoc

CASES = DATA / "syntax-errors"


def _table() -> list[tuple[str, str, str, str, str]]:
    lines = [
        line
        for line in (CASES / "expected.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    return [tuple(line.split("\t")) for line in lines[1:]]  # type: ignore[misc]


ROWS = _table()


def test_the_table_has_every_case_and_at_least_fifteen() -> None:
    assert sorted(row[0] for row in ROWS) == sorted(p.stem for p in CASES.glob("*.yaml"))
    assert len(ROWS) >= 15


def _validate(in_tmp: Path, case: str, german: bool) -> str:
    raw = (CASES / f"{case}.yaml").read_bytes()
    if german:
        first, _, rest = raw.partition(b"\n")
        raw = first + b"\nlanguage: de\n" + rest
    (in_tmp / "p").mkdir()
    (in_tmp / "p" / "plan.yaml").write_bytes(raw)
    run = kamdoc("validate", "p", "--today", TODAY)
    assert run.code == 1 or "warning" in run.out, run.out
    assert "Traceback" not in run.out + run.err
    return run.out


@pytest.mark.parametrize(("case", "where", "severity", "english", "german"), ROWS, ids=[row[0] for row in ROWS])
def test_each_syntax_error_is_said_where_it_is_and_how_to_write_it(
    in_tmp: Path, case: str, where: str, severity: str, english: str, german: str
) -> None:
    said = _validate(in_tmp, case, german=False)
    assert f"p/plan.yaml:{where}: {severity}: " in said and english in said, said
    assert "YAML syntax error:" not in said  # the parser's own words only where no case fits
    if german == "-":
        return
    shutil.rmtree(in_tmp / "p")
    line, col = where.split(":")
    said = _validate(in_tmp, case, german=True)
    shown = (
        f"p/plan.yaml:{int(line) + 1 if int(line) > 1 else 1}:{col}: {severity}: "  # the added line moves the rest down
    )
    assert shown in said and german in said, said
