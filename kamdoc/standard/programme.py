"""The key account programme's settings in kamdoc.yaml (`portfolio:`): selection criteria, knock-outs, review cadence, currency rates."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails

from kamdoc.errors import KamdocError

if TYPE_CHECKING:
    from kamdoc.findings import Pos

MIN_CRITERIA, MAX_CRITERIA = 3, 8

_Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_-]+$")]
_Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Handle = Annotated[str, StringConstraints(pattern=r"^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:/[A-Za-z0-9._-]{1,100})?$")]
"""A GitHub or GitLab user (@name) or team (@org/team), as CODEOWNERS writes them."""
_Folder = Annotated[str, StringConstraints(pattern=r"^[^\s*?\[\]#!\\]{1,300}$")]
MAX_OWNERS = 500
"""Plan folders kamdoc.yaml may give owners for: far more than a programme has accounts."""


class _Setting(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Criterion(_Setting):
    """A weighted selection criterion that plans score from 1 to 5."""

    id: _Id
    name: str = Field(min_length=1, max_length=80)
    weight: float = Field(gt=0, le=1000, allow_inf_nan=False)


class KnockOut(_Setting):
    """A criterion every key account must meet."""

    id: _Id
    name: str = Field(min_length=1, max_length=120)


MAX_SHOWN = 100
"""The most fields kamdoc.yaml may open for the customer's copy."""


class CustomerCopy(_Setting):
    """What the customer's copy shows beyond the fields the standard declares for the customer (`audiences.customer`)."""

    show: list[str] = Field(default_factory=list, max_length=MAX_SHOWN)
    power_map: Literal["chart", "none"] = "chart"

    @field_validator("show")
    @classmethod
    def _declared(cls, names: list[str]) -> list[str]:
        from kamdoc.standard.visibility import declarations

        known = declarations()
        for name in names:
            if name not in known:
                close = difflib.get_close_matches(name, list(known), n=3, cutoff=0.75)
                hint = (
                    f"; did you mean {', '.join(close)}?"
                    if close
                    else "; name a field of the plan, e.g. financials.products.actual"
                )
                raise ValueError(f"{name!r} is not a field of a plan{hint}")
        return names


class Audiences(_Setting):
    """Who sees what of a plan, by audience: today the customer's copy."""

    customer: CustomerCopy = Field(default_factory=CustomerCopy)


class CoverageSettings(_Setting):
    """What relationship coverage asks of each key person, and when an account hangs on one thread (`coverage:`)."""

    contact: Literal["weekly", "monthly", "quarterly", "yearly"] = "quarterly"  # at least this often
    attitude: Literal["mentor", "positive", "neutral", "negative"] = "neutral"  # at least this friendly
    warn_below: int = Field(default=70, ge=0, le=100)  # health turns amber below this coverage in %
    mentors: int = Field(default=2, ge=0, le=20)  # fewer mentors among the key people: single-threaded
    owner_share: int = Field(default=50, ge=1, le=100)  # one owner holding more key people than this %: single-threaded


Partnership = Literal["lean", "operative", "strategic"]
_AGE = re.compile(r"^(?P<n>\d{1,4}) ?(?P<unit>days?|weeks?|months?|years?)$")
_DAYS = {"day": 1, "week": 7, "month": 30.44, "year": 365.25}


class Rule(_Setting):
    """One of the organisation's rules from kamdoc.yaml's `rules:`: its name, parameter and severity, and where it is
    written (findings that concern the whole folder are said there)."""

    name: str
    value: Any
    severity: Literal["error", "warning"] = "error"
    file: str = "kamdoc.yaml"
    line: int = 1
    col: int = 1


RULES: dict[str, tuple[str, str]] = {
    "sponsor_for": (
        "[strategic]",
        "Accounts of these partnership levels (assessment.partnership) name an executive sponsor: an account_team "
        "member with `sponsor: true`.",
    ),
    "min_coverage": ("70", "Relationship coverage of the key people is at least this many percent."),
    "max_accounts": (
        "{strategic: 25}",
        "At most this many accounts of a partnership level, over all the plans validated together.",
    ),
    "kpi_source": ("required", "Every key figure of the profile (profile.kpis) names its source."),
    "max_plan_age": ("6 months", "The plan's cover.version is no older than this (days, weeks, months or years)."),
    "consistent_figures": (
        "true",
        "A figure written twice agrees with itself: a key figure listed twice for a year, a project's volume in "
        "key_projects and in the won or lost projects, a person's contact and owner in the power map and in the "
        "relationship plan.",
    ),
}
"""The rules kamdoc.yaml may name: an example parameter and what each checks."""


@cache
def _rule_type(name: str) -> TypeAdapter[Any]:
    """The type a rule's parameter is checked against; built on first use (a validator costs import time)."""
    level = Annotated[int, Field(ge=0, le=100_000, strict=True)]
    types: dict[str, Any] = {
        "sponsor_for": Annotated[list[Partnership], Field(min_length=1, max_length=3)],
        "min_coverage": Annotated[int, Field(ge=0, le=100, strict=True)],
        "max_accounts": dict[Partnership, level],
        "kpi_source": Literal["required"],
        "max_plan_age": Annotated[str, StringConstraints(pattern=_AGE.pattern)],
        "consistent_figures": Literal[True],
    }
    return TypeAdapter(types[name])


def age_days(text: str) -> int:
    """A rule's age ("6 months") in days."""
    found = _AGE.match(text)
    assert found is not None  # checked when kamdoc.yaml was read
    return round(int(found["n"]) * _DAYS[found["unit"].rstrip("s")])


class Programme(_Setting):
    """What `kamdoc portfolio` and `kamdoc health` judge plans by."""

    currency: _Currency = "EUR"
    rates: dict[_Currency, Annotated[float, Field(gt=0, allow_inf_nan=False)]] = Field(default_factory=dict)
    # The articles: the best performers select key accounts by gross profit, most others by revenue.
    rank_by: Literal["revenue", "gross_profit"] = "revenue"
    pareto_share: float = Field(default=0.8, ge=0.7, le=0.9, allow_inf_nan=False)  # the A accounts' share
    review_months: int = Field(default=6, ge=1, le=36)
    criteria: list[Criterion] = Field(default_factory=list, max_length=MAX_CRITERIA)
    knock_outs: list[KnockOut] = Field(default_factory=list, max_length=20)
    audiences: Audiences = Field(default_factory=Audiences)  # from kamdoc.yaml's `audiences:` block, not `portfolio:`
    require_sources: bool = False  # kamdoc.yaml's own `require_sources:`, not `portfolio:`
    coverage: CoverageSettings = Field(default_factory=CoverageSettings)  # kamdoc.yaml's own `coverage:` block
    # kamdoc.yaml's own `owners:` (plan folder -> who keeps it) and `approvers:` (who may approve a plan).
    owners: dict[_Folder, list[Handle]] = Field(default_factory=dict, max_length=MAX_OWNERS)
    approvers: list[Handle] = Field(default_factory=list, max_length=50)
    rules: tuple[Rule, ...] = ()  # kamdoc.yaml's own `rules:`

    def rule(self, name: str) -> Rule | None:
        """The organisation's rule of this name, if kamdoc.yaml sets it."""
        return next((r for r in self.rules if r.name == name), None)

    @model_validator(mode="after")
    def _unique_ids(self) -> Programme:
        if self.criteria and len(self.criteria) < MIN_CRITERIA:
            raise ValueError(f"give {MIN_CRITERIA} to {MAX_CRITERIA} criteria (there are {len(self.criteria)})")
        for kind, items in (("criterion", self.criteria), ("knock-out", self.knock_outs)):
            ids = [item.id for item in items]
            if duplicates := sorted({i for i in ids if ids.count(i) > 1}):
                raise ValueError(f"duplicate {kind} id {duplicates[0]!r}; ids are unique")
        return self

    def weights(self) -> dict[str, float]:
        """Each criterion's weight as a share of all weights (they need not add up to 100)."""
        total = sum(c.weight for c in self.criteria)
        return {c.id: c.weight / total for c in self.criteria}

    def rate(self, currency: str | None) -> float | None:
        """What one unit of `currency` is worth in the reporting currency; None when kamdoc.yaml gives no rate."""
        if currency is None or currency == self.currency:
            return 1.0
        return self.rates.get(currency)


DEFAULT = Programme()


OWN_BLOCKS: dict[str, type[_Setting]] = {"audiences": Audiences, "coverage": CoverageSettings}
_REVIEW = ("owners", "approvers")
"""Who keeps and who approves plans: settings of their own at kamdoc.yaml's top."""


@cache
def _review_type(key: str) -> TypeAdapter[Any]:
    """The type `owners:` or `approvers:` is checked against; built on first use (a validator costs import time)."""
    if key == "owners":
        return TypeAdapter(
            Annotated[dict[_Folder, list[Handle]], Field(max_length=MAX_OWNERS)], config=ConfigDict(strict=True)
        )
    return TypeAdapter(Annotated[list[Handle], Field(max_length=50)], config=ConfigDict(strict=True))


"""Blocks of kamdoc.yaml of their own, beside `portfolio:`, that the programme carries."""


def parse_programme(
    value: Any,
    where: Callable[[tuple[str | int, ...]], Pos],
    config_file: Path,
    audiences: Any = None,
    coverage: Any = None,
    review: dict[str, Any] | None = None,
    rules: Any = None,
    where_key: Callable[[tuple[str | int, ...]], Pos] | None = None,
) -> Programme:
    """The `portfolio:`, `audiences:` and `coverage:` blocks as settings; every problem in them in one message, each
    with its line."""
    portfolio = dict(value) if isinstance(value, dict) else value
    lines: list[str] = []
    for own in (*OWN_BLOCKS, *_REVIEW, "rules", "require_sources"):
        if isinstance(portfolio, dict) and own in portfolio:
            pos = where(("portfolio", own))
            lines.append(
                f"{config_file}:{pos.line}:{pos.col}: error: portfolio.{own}: `{own}:` is a setting of its own at the "
                "top of kamdoc.yaml; move it there"
            )
            del portfolio[own]
    programme = DEFAULT
    try:
        programme = Programme.model_validate(portfolio or {})
    except ValidationError as exc:
        lines += _lines(exc, "portfolio", where, config_file)
    update: dict[str, Any] = {}
    for block, given in (("audiences", audiences), ("coverage", coverage)):
        try:
            update[block] = OWN_BLOCKS[block].model_validate(given or {})
        except ValidationError as exc:
            lines += _lines(exc, block, where, config_file)
    if rules is not None:
        update["rules"], found = parse_rules(rules, where, config_file, where_key)
        lines += found
    for key, given in (review or {}).items():
        try:
            update[key] = _review_type(key).validate_python(given)
        except ValidationError as exc:
            lines += _lines(exc, key, where, config_file)
    if lines:
        raise KamdocError("\n".join(lines))
    return programme.model_copy(update=update)


def parse_rules(
    value: Any,
    where: Callable[[tuple[str | int, ...]], Pos],
    config_file: Path,
    where_key: Callable[[tuple[str | int, ...]], Pos] | None = None,
) -> tuple[tuple[Rule, ...], list[str]]:
    """kamdoc.yaml's `rules:` as rules, and each problem in it as a line at its place: `name: parameter`, or
    `name: {value: parameter, severity: warning}`."""
    if not isinstance(value, dict):
        pos = where(("rules",))
        return (), [
            f"{config_file}:{pos.line}:{pos.col}: error: rules: expected a mapping of rules, e.g. min_coverage: 70"
        ]
    rules, lines = [], []
    for name, given in value.items():
        pos = where(("rules", name))
        at = f"{config_file}:{pos.line}:{pos.col}: error: rules.{name}"
        if name not in RULES:  # said at its name, the word to mend
            named = (where_key or where)(("rules", name))
            close = difflib.get_close_matches(str(name), list(RULES), n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            lines.append(
                f"{config_file}:{named.line}:{named.col}: error: rules.{name}: unknown rule{hint}; known: {', '.join(RULES)}"
            )
            continue
        severity: Literal["error", "warning"] = "error"
        if isinstance(given, dict) and set(given) <= {"value", "severity"} and "value" in given:
            said, given = given.get("severity", "error"), given["value"]
            if said not in ("error", "warning"):
                lines.append(f"{at}.severity: {said!r} is not one of error, warning")
                continue
            severity = "warning" if said == "warning" else "error"
        try:
            checked = _rule_type(name).validate_python(given)
        except ValidationError:
            example, meaning = RULES[name]
            lines.append(
                f"{at}: {_as_written(given)} is no parameter of this rule: write e.g. {name}: {example} ({meaning})"
            )
            continue
        rules.append(
            Rule(name=name, value=checked, severity=severity, file=str(config_file), line=pos.line, col=pos.col)
        )
    return tuple(rules), lines


SHOWN_ITEMS = 5
"""A wrong rule parameter's list or mapping is quoted in its message with at most this many items."""


def _as_written(value: object) -> str:
    """A rule's parameter as kamdoc.yaml writes it (`[golden]`, `{golden: 25}`, `'lots'`), not as Python would; items
    inside a list or mapping are named, not opened (a parameter is never deep)."""

    def item(v: object) -> str:
        return "[…]" if isinstance(v, list) else "{…}" if isinstance(v, dict) else str(v)

    def more(count: int) -> list[str]:
        return ["…"] if count > SHOWN_ITEMS else []

    if isinstance(value, list):
        return "[" + ", ".join([*(item(v) for v in value[:SHOWN_ITEMS]), *more(len(value))]) + "]"
    if isinstance(value, dict):
        pairs = [f"{k}: {item(v)}" for k, v in list(value.items())[:SHOWN_ITEMS]]
        return "{" + ", ".join([*pairs, *more(len(value))]) + "}"
    return repr(value) if isinstance(value, str) else str(value)


def _lines(
    exc: ValidationError, block: str, where: Callable[[tuple[str | int, ...]], Pos], config_file: Path
) -> list[str]:
    """Each of pydantic's errors in a block of kamdoc.yaml as one line at its place."""
    lines = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        pos = where((block, *loc))
        shown = block + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc)
        lines.append(f"{config_file}:{pos.line}:{pos.col}: error: {shown}: {_message(error, loc, block)}")
    return lines


def _message(error: ErrorDetails, loc: tuple[Any, ...], block: str = "portfolio") -> str:
    """Pydantic's error in the words of someone editing kamdoc.yaml."""
    kind, ctx, value = error["type"], error.get("ctx", {}), error.get("input")
    if kind == "extra_forbidden":
        return "unknown setting; known: " + ", ".join(_known(loc, block))
    if kind == "missing":
        return "missing; it is required"
    if kind in ("greater_than", "greater_than_equal", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()), "")
        bound = int(bound) if isinstance(bound, float) and bound.is_integer() else bound
        word = {
            "greater_than": "more than",
            "greater_than_equal": "at least",
            "less_than_equal": "at most",
            "less_than": "less than",
        }[kind]
        return f"{value!r} is out of range: give a number {word} {bound}"
    if kind == "string_pattern_mismatch":
        if block in _REVIEW and isinstance(loc[-1], int):
            return f"{value!r} is no user or team: write @name or @organisation/team, as CODEOWNERS does"
        if block == "owners":
            return f"{value!r} is no plan folder: give the folder's path from the repository's top, e.g. plans/acme"
        if loc and loc[-1] == "id":
            return f"{value!r} is no id: use lowercase letters, digits, - and _"
        return f"{value!r} is no currency code: use three capital letters, such as EUR or USD"
    if kind in ("float_type", "int_type", "float_parsing", "int_parsing", "int_from_float"):
        return f"{value!r} is not a {'whole number' if kind.startswith('int') else 'number'}"
    if kind in ("string_type", "list_type", "dict_type", "model_type"):
        expected = {"string_type": "text", "list_type": "a list", "dict_type": "a mapping", "model_type": "a mapping"}[
            kind
        ]
        return f"expected {expected}"
    if kind == "too_long":
        return f"at most {ctx.get('max_length')} entries"
    if kind == "literal_error":  # ctx's expected reads "'revenue' or 'gross_profit'"
        choices = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return f"{value!r} is not one of {choices}"
    return str(error["msg"]).removeprefix("Value error, ")


def _known(loc: tuple[Any, ...], block: str) -> list[str]:
    top: type[BaseModel] = OWN_BLOCKS.get(block, Programme)
    models: dict[str, type[BaseModel]] = {"criteria": Criterion, "knock_outs": KnockOut, "customer": CustomerCopy}
    parent = models.get(str(loc[0]), top) if len(loc) > 1 else top
    return [name for name in parent.model_fields if name not in (*OWN_BLOCKS, *_REVIEW, "require_sources")]
