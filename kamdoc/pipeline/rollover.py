"""Carrying a plan into its next period: the YAML edited in place with its comments kept (a new version, draft, the
next review by the cadence; past planned years moved to actual, from controlling's file or marked estimated; the next
year planned), the changes said by the diff's own engine, and what still needs a person."""

from __future__ import annotations

import calendar
import csv
import difflib
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from kamdoc.analyse.diff import Change, compare
from kamdoc.errors import KamdocError
from kamdoc.findings import Finding
from kamdoc.limits import MAX_FILE_BYTES
from kamdoc.load.document import LoadError, decode_text, find_repo, parse
from kamdoc.load.roundtrip import dumped, load_for_edit
from kamdoc.load.settings import programme_for
from kamdoc.standard.plan import Plan
from kamdoc.validate.plan import validate_document, validate_file

HORIZON_YEARS = 3
"""A mission looks at least this many years past the plan's version."""
MAX_ACTUAL_ROWS = 100_000
"""The most lines a controlling file may hold."""


@dataclass
class Rolled:
    """A plan carried over: its new text, what changed, the new plan's findings and what a person must look at."""

    text: str
    changes: list[Change]
    findings: list[Finding]
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (what, its values) to say in the language
    language: str = "en"


def rollover(plan_file: Path, version: date, actuals: Path | None, drop_done: bool, today: date) -> Rolled:
    """The plan at `plan_file` carried into the period that starts with `version` (nothing is written here)."""
    repo = find_repo(plan_file)
    programme = programme_for(repo)
    before = validate_file(plan_file, today, programme)
    if before.errors or before.plan is None:
        raise KamdocError(
            f"{plan_file} has {len(before.errors)} errors: fix them first (kamdoc validate {plan_file} lists them)"
        )
    old = before.plan
    if version <= old.cover.version:
        raise KamdocError(f"the new version {version} is not after the plan's version {old.cover.version}")
    text = plan_file.read_text(encoding="utf-8")
    yaml, data = load_for_edit(text)
    notes: list[tuple[str, dict[str, Any]]] = []
    figures = _actuals(actuals, [p.name for p in old.financials.products]) if actuals else {}
    _cover(data, version, programme.review_months)
    _financials(data, version, figures)
    notes += _goals(old, data, version, drop_done)
    if drop_done:
        notes += _marketing(data, version)
    if old.mission.horizon - version.year < HORIZON_YEARS:
        notes.append(("horizon", {"horizon": old.mission.horizon, "year": version.year}))
    new_text = dumped(yaml, data)
    after = validate_document(parse(new_text, plan_file, repo), today, programme)
    if after.errors or after.plan is None:  # kamdoc's own edit broke the plan: a bug, said plainly
        raise KamdocError(f"the rolled plan does not validate: {after.errors[0].message if after.errors else ''}")
    return Rolled(new_text, compare(old, after.plan), after.findings, notes, old.language)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day where it has fewer (31 Jan + 1 month: 28 or 29 Feb)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _cover(data: CommentedMap, version: date, months: int) -> None:
    """A new version, back to draft, and the next review one cadence after the version."""
    cover = data["cover"]
    cover["version"] = version
    _set_after(cover, "status", "draft", "version")
    _set_after(cover, "next_review", add_months(version, months), "status")


def _set_after(mapping: CommentedMap, key: str, value: Any, after: str) -> None:
    """`mapping[key] = value`, a new key going right after `after` (where a person would look for it)."""
    if key in mapping:
        mapping[key] = value
    else:
        mapping.insert(list(mapping).index(after) + 1, key, value)


def _financials(data: CommentedMap, version: date, figures: dict[tuple[str, int], float]) -> None:
    """Each planned year now past moved to actual (controlling's figure, else the plan's, marked estimated), and the
    year after the last planned one planned like it."""
    for product in data.get("financials", {}).get("products", []) or []:
        plan = product["plan"]
        past = sorted(y for y in plan if y < version.year)
        if not past:
            continue
        last_year = max(plan)
        last_value = plan[last_year]
        actual = product.get("actual")
        if actual is None:
            actual = _flow_map()
            product.insert(list(product).index("plan"), "actual", actual)
        estimated: list[int] = []
        for year in past:
            value = figures.get((_key(product["name"]), year))
            if value is None:
                value, estimated = plan[year], [*estimated, year]
            said = plan.ca.items.pop(year, None)  # the year's end-of-line comment goes with it to `actual`
            del plan[year]
            actual[year] = _number(value)
            if said is not None and not actual.fa.flow_style():
                actual.ca.items[year] = said
        if last_year + 1 not in plan:
            plan[last_year + 1] = last_value
        if estimated:  # the validator's warnings name each: nothing more to note
            _estimated(product, estimated)


def _estimated(product: CommentedMap, years: list[int]) -> None:
    """The years whose actual is the plan's figure, listed under `estimated` (after `plan`, or added to a list there)."""
    listed = product.get("estimated")
    if listed is None:
        listed = CommentedSeq()
        listed.fa.set_flow_style()
        product.insert(list(product).index("plan") + 1, "estimated", listed)
    for year in years:
        if year not in listed:
            listed.append(year)


def _flow_map() -> CommentedMap:
    made = CommentedMap()
    made.fa.set_flow_style()
    return made


def _number(value: float) -> int | float:
    """A whole amount written without ".0"."""
    return int(value) if float(value).is_integer() else value


def _goals(old: Plan, data: CommentedMap, version: date, drop_done: bool) -> list[Any]:
    """Goals whose deadline passed, to be looked at; with `drop_done`, their done actions dropped."""
    notes: list[Any] = [
        ("deadline_passed", {"goal": g.goal, "deadline": g.deadline}) for g in old.goals if g.deadline < version
    ]
    if not drop_done:
        return notes
    for goal in data.get("goals", []) or []:
        actions = goal.get("actions")
        if not actions:
            continue
        done = [k for k, a in enumerate(actions) if isinstance(a, dict) and a.get("status") == "done"]
        for k in reversed(done):
            del actions[k]
        if done:
            notes.append(("actions_dropped", {"goal": str(goal.get("id", "")), "count": len(done)}))
    return notes


def _marketing(data: CommentedMap, version: date) -> list[Any]:
    """Marketing events dated before the new version, dropped."""
    events = data.get("marketing")
    if not events:
        return []
    past = [
        k
        for k, e in enumerate(events)
        if isinstance(e, dict) and isinstance(e.get("date"), date) and e["date"] < version
    ]
    for k in reversed(past):
        del events[k]
    return [("events_dropped", {"count": len(past)})] if past else []


def _key(name: str) -> str:
    """A product's name as matched against controlling's file: case and spacing do not count."""
    return " ".join(str(name).split()).casefold()


def _actuals(file: Path, products: list[str]) -> dict[tuple[str, int], float]:
    """Controlling's figures from a CSV file or an Excel workbook's first sheet with the columns product, year,
    amount (a header line first)."""
    try:
        raw = file.read_bytes()[: MAX_FILE_BYTES + 1]
    except OSError as exc:
        raise KamdocError(f"cannot read {file}: {exc.strerror or exc}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise KamdocError(f"{file} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    rows = _sheet_rows(file, raw) if file.suffix.lower() == ".xlsx" else _csv_rows(file, raw)
    header = [h.strip().casefold() for h in rows[0]] if rows else []
    if header[:3] != ["product", "year", "amount"]:
        raise KamdocError(f"{file}:1: the first line names the columns: product, year, amount")
    known = {_key(p): p for p in products}
    out: dict[tuple[str, int], float] = {}
    for line, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        name, year, amount = _row(file, line, row, known)
        out[(name, year)] = amount
    return out


def _csv_rows(file: Path, raw: bytes) -> list[list[str]]:
    try:
        text = decode_text(raw, file)
    except LoadError as exc:
        raise KamdocError(exc.finding.message) from None
    first = text.split("\n", 1)[0]
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";" if ";" in first else ","))
    if len(rows) > MAX_ACTUAL_ROWS:
        raise KamdocError(f"{file} has more than {MAX_ACTUAL_ROWS} lines")
    return rows


def _sheet_rows(file: Path, raw: bytes) -> list[list[str]]:
    """The first sheet's rows as text (openpyxl reads the workbook; its XML through defusedxml)."""
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise KamdocError(f"{file}: not an Excel workbook kamdoc can read ({exc})") from None
    rows: list[list[str]] = []
    for values in book.worksheets[0].iter_rows(values_only=True):
        if len(rows) >= MAX_ACTUAL_ROWS:
            raise KamdocError(f"{file} has more than {MAX_ACTUAL_ROWS} lines")
        rows.append([_cell_text(v) for v in values[:3]])
    book.close()
    return rows


def _cell_text(value: object) -> str:
    """A workbook cell as the CSV would have it: a whole number without ".0", nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _row(file: Path, line: int, row: list[str], known: dict[str, str]) -> tuple[str, int, float]:
    """One line of controlling's file: a product of the plan, a year and an amount; else an error at its line."""
    if len(row) < 3:
        raise KamdocError(f"{file}:{line}: error: give product, year and amount")
    name, year, amount = (cell.strip() for cell in row[:3])
    if _key(name) not in known:
        close = difflib.get_close_matches(name, list(known.values()), n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else f"; the plan's products: {', '.join(known.values())}"
        raise KamdocError(f"{file}:{line}: error: {name!r} is not a product of the plan{hint}")
    try:
        return _key(name), int(year), float(_plain_number(amount))
    except ValueError:
        raise KamdocError(f"{file}:{line}: error: the year {year!r} or the amount {amount!r} is not a number") from None


def _plain_number(amount: str) -> str:
    """An amount as Python reads it: "1.234,5" and "1234,5" (German) or "1,234.5" (English) as 1234.5."""
    amount = amount.replace(" ", "").replace("\u00a0", "")
    if "," in amount and ("." not in amount or amount.rindex(",") > amount.rindex(".")):
        return amount.replace(".", "").replace(",", ".")  # the comma is the decimal mark
    return amount.replace(",", "")
