"""The key account programme's settings in kamdoc.yaml (`portfolio:`): selection criteria, knock-outs, review cadence, currency rates."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator, model_validator
from pydantic_core import ErrorDetails

from kamdoc.errors import KamdocError

if TYPE_CHECKING:
    from kamdoc.findings import Pos

MIN_CRITERIA, MAX_CRITERIA = 3, 8

_Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_-]+$")]
_Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


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


def parse_programme(
    value: Any, where: Callable[[tuple[str | int, ...]], Pos], config_file: Path, audiences: Any = None
) -> Programme:
    """The `portfolio:` and `audiences:` blocks as settings; every problem in them in one message, each with its line."""
    portfolio = dict(value) if isinstance(value, dict) else value
    lines: list[str] = []
    if isinstance(portfolio, dict) and "audiences" in portfolio:
        pos = where(("portfolio", "audiences"))
        lines.append(
            f"{config_file}:{pos.line}:{pos.col}: error: portfolio.audiences: `audiences:` is a block of its own at the top of kamdoc.yaml; move it there"
        )
        del portfolio["audiences"]
    if isinstance(portfolio, dict) and "require_sources" in portfolio:
        pos = where(("portfolio", "require_sources"))
        lines.append(
            f"{config_file}:{pos.line}:{pos.col}: error: portfolio.require_sources: `require_sources:` is a setting of "
            "its own at the top of kamdoc.yaml; move it there"
        )
        del portfolio["require_sources"]
    programme, audience_settings = DEFAULT, Audiences()
    try:
        programme = Programme.model_validate(portfolio or {})
    except ValidationError as exc:
        lines += _lines(exc, "portfolio", where, config_file)
    try:
        audience_settings = Audiences.model_validate(audiences or {})
    except ValidationError as exc:
        lines += _lines(exc, "audiences", where, config_file)
    if lines:
        raise KamdocError("\n".join(lines))
    return programme.model_copy(update={"audiences": audience_settings})


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
    top: type[BaseModel] = Audiences if block == "audiences" else Programme
    models: dict[str, type[BaseModel]] = {"criteria": Criterion, "knock_outs": KnockOut, "customer": CustomerCopy}
    parent = models.get(str(loc[0]), top) if len(loc) > 1 else top
    return [name for name in parent.model_fields if name not in ("audiences", "require_sources")]
