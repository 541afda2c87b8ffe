"""A plan's history: the facts of each revision (attitudes, revenue by vintage, goals, actions, health), grouped into
columns by version, quarter or commit, and the rows whose values moved, each change with the commit that made it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from kamdoc.analyse.health import Health
from kamdoc.analyse.standing import AGAINST_US, FOR_US, goal_standing
from kamdoc.standard.coverage import key_people
from kamdoc.standard.plan import Plan

GROUPS = ("people", "revenue", "goals", "actions", "health", "relationships", "portfolio")
"""What a history can show, in its order; `--fields` picks among them."""
BY = ("version", "quarter", "commit")
"""How revisions are grouped into columns."""

Value = str | float | None
Key = tuple[str, str, str]
"""A row: its group, what it is about (a person, a product, a goal) and the field."""


@dataclass(frozen=True)
class Revision:
    """One commit's state of a plan: who made it and why, and what the plan said then (`facts` None: it did not
    validate, with `errors` errors)."""

    commit: str
    author: str
    day: date | None
    subject: str
    path: str
    facts: dict[Key, Value] | None
    errors: int = 0
    version: date | None = None
    account: str = ""
    language: str = "en"

    @property
    def valid(self) -> bool:
        return self.facts is not None


@dataclass
class Column:
    """A column of the history: its label and the revisions in it (the last valid one gives its values)."""

    label: str
    revisions: list[Revision]
    invalid: int = 0  # how many of its revisions did not validate

    @property
    def last(self) -> Revision:
        return self.revisions[-1]


@dataclass
class Row:
    """A fact over the columns, and for each column the revision that changed it there (None: unchanged)."""

    group: str
    subject: str
    fact: str
    values: list[Value]
    changed_by: list[Revision | None] = field(default_factory=list)


@dataclass
class History:
    """One plan's history: its columns and the rows that moved."""

    path: str
    account: str
    language: str
    columns: list[Column]
    rows: list[Row]
    cut: bool = False  # the plan's past was longer than the commits read


def facts(plan: Plan, health: Health | None, place: tuple[str | None, str | None] = (None, None)) -> dict[Key, Value]:
    """Everything a history follows, of one revision, as rows and their values; `place` is the account's quadrant and
    partnership in the portfolio of its revision's settings."""
    out: dict[Key, Value] = {("portfolio", "", "quadrant"): place[0], ("portfolio", "", "partnership"): place[1]}
    for person in plan.power_map.people:
        out[("people", person.name, "roles")] = ", ".join(person.roles)  # always given: shows who joined and left
        out[("people", person.name, "attitude")] = person.attitude
        out[("people", person.name, "influence")] = person.influence
        out[("people", person.name, "contact")] = person.contact
    for product in plan.financials.products:
        for year, amount in product.actual.items():
            out[("revenue", product.name, f"{year} actual")] = amount
        for year, amount in product.plan.items():
            out[("revenue", product.name, f"{year} plan")] = amount
    actual_years = {y for p in plan.financials.products for y in p.actual}
    for year, amount in plan.financials.totals().items():
        out[("revenue", "", f"{year} {'actual' if year in actual_years else 'plan'}")] = amount
    version = plan.cover.version
    for goal in plan.goals:
        name = goal.title or goal.goal
        out[("goals", name, "target")] = str(goal.target)
        out[("goals", name, "deadline")] = goal.deadline.isoformat()
        out[("goals", name, "status")] = goal_standing(goal, version)
    actions = [a for g in plan.goals for a in g.actions]
    out[("actions", "", "done")] = float(sum(1 for a in actions if a.status == "done"))
    late = [a for a in actions if a.status != "done" and a.due is not None and a.due < version]
    out[("actions", "", "overdue")] = float(len(late))
    if health is not None:
        out[("health", "", "status")] = health.status
        if health.completeness is not None:
            out[("health", "", "completeness")] = round(health.completeness * 100)
    key = key_people(plan)
    out[("relationships", "", "people")] = float(len(plan.power_map.people))
    out[("relationships", "", "key_for_us")] = float(sum(1 for p in key if p.attitude in FOR_US))
    out[("relationships", "", "key_against_us")] = float(sum(1 for p in key if p.attitude in AGAINST_US))
    out[("relationships", "", "key_people")] = float(len(key))
    return out


def columns(revisions: Sequence[Revision], by: str) -> list[Column]:
    """The revisions in columns: one per plan version (consecutive revisions of one `cover.version`), quarter of the
    commit's day, or commit. A revision that did not validate stands alone by version and by commit."""
    out: list[Column] = []
    for revision in revisions:
        label = _label(revision, by)
        last = out[-1] if out else None
        joins = last is not None and label == last.label
        if by != "quarter":  # by version: an invalid revision stands alone, between the versions around it
            joins = joins and last is not None and revision.valid and last.last.valid
        if joins and last is not None:
            last.revisions.append(revision)
        else:
            out.append(Column(label, [revision]))
        out[-1].invalid += not revision.valid
    return out


def _label(revision: Revision, by: str) -> str:
    if by == "quarter" and revision.day is not None:
        return f"{revision.day.year}-Q{(revision.day.month - 1) // 3 + 1}"
    if by == "version" and revision.version is not None:
        return revision.version.isoformat()
    return revision.commit[:8]


def history(
    path: str, revisions: Sequence[Revision], by: str, groups: Sequence[str] = GROUPS, every: bool = False
) -> History:
    """The plan's history in columns `by` version, quarter or commit: the rows of `groups` that moved (all of them
    with `every`), each change credited to the last revision before the column's end that changed the value."""
    valid = [r for r in revisions if r.valid]
    newest = valid[-1] if valid else None
    made = columns(revisions, by)
    per_revision = [r.facts for r in revisions]
    keys = list(dict.fromkeys(k for f in per_revision if f for k in f if k[0] in groups))
    keys.sort(key=lambda k: GROUPS.index(k[0]))  # stable: within a group, in the order first seen
    ends = _column_ends(made, revisions)
    valid_columns = [k for k, c in enumerate(made) if c.invalid < len(c.revisions)]
    rows = []
    for key in keys:
        row = _row(key, revisions, per_revision, ends)
        if every or len({row.values[k] for k in valid_columns}) > 1:  # moved: a value changed, came or went
            rows.append(row)
    account = newest.account if newest is not None else ""
    return History(path, account, newest.language if newest is not None else "en", made, rows)


def _column_ends(made: list[Column], revisions: Sequence[Revision]) -> list[int]:
    """The index (in `revisions`) of each column's last revision."""
    ends, seen = [], 0
    for column in made:
        seen += len(column.revisions)
        ends.append(seen - 1)
    return ends


def _row(key: Key, revisions: Sequence[Revision], per: list[dict[Key, Value] | None], ends: list[int]) -> Row:
    """A row's value at each column's last valid revision, and the revision that last changed it in the column."""
    row = Row(*key, values=[])
    current: Value = None
    changed: Revision | None = None
    start = 0
    for end in ends:
        changed, seen = None, False
        for i in range(start, end + 1):
            found = per[i]
            if found is None:
                continue  # an invalid revision: skipped for values
            seen = True
            value = found.get(key)
            if value != current:
                current, changed = value, revisions[i]
        row.values.append(current if seen else None)  # a column of invalid revisions only has no values
        row.changed_by.append(changed)
        start = end + 1
    if row.changed_by:
        row.changed_by[0] = None  # the first column is where the history starts, not a change
    return row


MOVES = (("portfolio", "quadrant"), ("portfolio", "partnership"), ("health", "status"))
"""What makes an account a mover in the portfolio, besides its planned revenue."""


@dataclass(frozen=True)
class Move:
    """An account's change since a point: what (a quadrant, partnership, health or a year's planned revenue), from
    what to what, and the last commit that changed it."""

    plan: str
    account: str
    what: str
    old: Value
    new: Value
    by: Revision | None


def moves(made: History) -> list[Move]:
    """Where an account's history (the plan at the point first, then each commit since) ends elsewhere than it began.
    A planned year that has since become actual is one move from the plan to the actual figure, not a plan gone."""
    totals = {row.fact: row for row in made.rows if row.group == "revenue" and not row.subject}
    out = []
    for row in made.rows:
        wanted = (row.group, row.fact) in MOVES or (
            row.group == "revenue" and not row.subject and row.fact.endswith("plan")
        )
        if not wanted or len(row.values) < 2 or row.values[0] == row.values[-1]:
            continue
        what, last = row.fact if row.group != "revenue" else f"revenue {row.fact}", row
        actual = totals.get(row.fact.removesuffix("plan") + "actual") if row.group == "revenue" else None
        if row.values[-1] is None and actual is not None and actual.values[-1] is not None:
            what, last = f"{what} -> actual", actual
        by = next((r for r in reversed(last.changed_by) if r is not None), None)
        out.append(Move(made.path, made.account, what, row.values[0], last.values[-1], by))
    return out
