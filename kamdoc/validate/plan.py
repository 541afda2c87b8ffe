"""Validation: one pass over a loaded plan that collects every finding and yields the typed plan when there is no error."""

from __future__ import annotations

import difflib
import os
import re
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache, partial
from pathlib import Path
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from kamdoc.errors import KamdocError
from kamdoc.findings import Finding, Pos, bug, field_path, quoted
from kamdoc.limits import MAX_AMOUNT, MAX_FILE_BYTES, MAX_TEXT
from kamdoc.load import numerals
from kamdoc.load.document import (
    Document,
    LoadError,
    Path_,
    decode_text,
    find_repo,
    has_bad_chars,
    read_plan,
    resolve_ref,
)
from kamdoc.load.files import FileRefused, read_capped
from kamdoc.load.numerals import misread
from kamdoc.standard.model import Kind
from kamdoc.standard.plan import Plan
from kamdoc.standard.programme import DEFAULT, Programme
from kamdoc.validate.dates import write_instead
from kamdoc.validate.images import Image, Named

T = TypeVar("T")
V = TypeVar("V")


@dataclass
class Result:
    """What validating one plan gives: the findings, and the typed plan when there is no error."""

    file: Path
    findings: list[Finding] = field(default_factory=list)
    plan: Plan | None = None
    doc: Document | None = None
    said_in: str = (
        ""  # the plan's language, kept when the plan and its document are dropped (results sent between processes)
    )
    images: dict[Named, Image] = field(
        default_factory=dict
    )  # the checked images' bytes, by where the plan names them, for the decks

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def language(self) -> str:
        """The plan's language, which its findings are said in: the typed plan's, else what the file says (en without either)."""
        if self.said_in:
            return self.said_in
        if self.plan is not None:
            return str(self.plan.language)
        data = self.doc.data if self.doc is not None else None
        value = data.get("language") if isinstance(data, dict) else None
        return value if value in ("en", "de") else "en"


def validate_file(plan_file: Path, today: date, programme: Programme = DEFAULT, repo: Path | None = None) -> Result:
    """Load and validate one plan file against the programme settings given; every problem becomes a finding, none raises."""
    result = Result(plan_file)
    try:
        doc = read_plan(plan_file, repo)
    except LoadError as exc:
        result.findings.append(exc.finding)
        result.said_in = exc.language or result.said_in  # a German plan with a syntax error is told so in German
        return result
    return validate_document(doc, today, programme)


PARALLEL_FROM = 24
"""From this many plans on, validation uses one process per core; below, starting them costs more than it saves."""


def validate_each(
    plans: list[Path], today: date, keep: Callable[[Result], T], programmes: Mapping[Path, Programme] | None = None
) -> list[T]:
    """Validate each plan and keep what `keep` takes from its result, in the plans' order; in worker processes when there are many.

    `keep` is a module-level function (it travels to the workers); it should take little, because a loaded
    document and typed plan cost more to send between processes than to validate.
    """
    workers = min(os.cpu_count() or 1, 8)
    one = partial(_validate_and_keep, today=today, keep=keep, programmes=dict(programmes or {}))
    if len(plans) < PARALLEL_FROM or workers < 2:
        return [one(plan) for plan in plans]
    from concurrent.futures import ProcessPoolExecutor

    from kamdoc.workers import die_with_parent

    with ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent) as pool:
        return list(pool.map(one, plans, chunksize=max(1, len(plans) // (workers * 4))))


def _validate_and_keep(plan: Path, today: date, keep: Callable[[Result], T], programmes: dict[Path, Programme]) -> T:
    return keep(validate_safely(plan, today, programmes.get(find_repo(plan).absolute(), DEFAULT)))


def validate_safely(plan: Path, today: date, programme: Programme = DEFAULT) -> Result:
    """`validate_file`, with a failure of kamdoc itself reported as this plan's finding, so that other plans go on."""
    try:
        return validate_file(plan, today, programme)
    except (
        Exception,
        RecursionError,
    ) as exc:  # a bug, not the user's mistake: said where it happened, and the batch goes on
        return Result(plan, [bug(plan, "check", exc)])


def validate_document(doc: Document, today: date, programme: Programme = DEFAULT) -> Result:
    """Validate a loaded plan: schema types and closed lists, then the standard's rules (the programme's among them).

    The settings come in as an argument: validation reads no settings file and raises for no plan.
    """
    from kamdoc.validate import rules  # rules need the normalised data; imported here to keep the layers one-way

    result = Result(doc.file, list(doc.problems), doc=doc)
    if not isinstance(doc.data, dict):
        result.findings.append(
            Finding(
                doc.where(()),
                "error",
                "",
                "a plan is a mapping of sections (`kamdoc: 1`, `cover:`, …), not a single value or a list",
            )
        )
        return result
    normaliser = _Normaliser(doc)
    data = normaliser.plan(doc.data)
    result.findings += normaliser.findings
    plan = None
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        # A value the loader refused already has its message; the schema's complaint about it would be a second one.
        said = {(f.pos, f.field) for f in doc.problems if f.severity == "error"} | {
            (doc.where(p), field_path(p)) for p in normaliser.misread
        }
        result.findings += [f for f in _schema_findings(exc, data, doc) if (f.pos, f.field) not in said]
    findings, images = rules.check(data, doc, today, normaliser.markdown, programme)
    result.findings += findings
    if plan is not None and programme.rules:
        from kamdoc.validate import house_rules

        result.findings += house_rules.check(plan, doc, programme, today)
    result.findings = sorted(
        set(result.findings), key=lambda f: (str(f.pos.file), f.pos.line, f.pos.col, f.field, f.message)
    )
    if not result.errors:
        result.plan, result.images = plan, images
    return result


# --- normalisation: the few things YAML cannot know without the schema ----------

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_YEAR = re.compile(r"[0-9]{4}\Z")


@cache
def _fields(model: type[BaseModel]) -> dict[str, tuple[Any, frozenset[Kind]]]:
    """A model's fields by the name a plan uses, with their type and kinds."""
    out = {}
    for name, info in model.model_fields.items():
        kinds = frozenset(m for m in info.metadata if isinstance(m, Kind))
        out[info.alias or name] = (info.annotation, kinds)
    return out


@dataclass(frozen=True, eq=False)
class _Shape:
    """What normalisation does at one place of the plan; worked out once per type, not per value."""

    kind: str  # leaf, text, markdown, quantity, date, list, dict, model
    item: _Shape | None = None  # of a list's or mapping's items
    fields: dict[str, _Shape] | None = None
    years: bool = False


_LEAF = _Shape("leaf")
_NUMBER = _Shape("number")
_COUNT = _Shape("count")  # a whole number: a year, a score, an attitude from -2 to +2


def _shape(tp: Any, kinds: frozenset[Kind] = frozenset()) -> _Shape:
    origin = get_origin(tp)
    if origin is Annotated:
        base, *meta = get_args(tp)
        return _shape(base, kinds | {m for m in meta if isinstance(m, Kind)})
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(tp) if a is not type(None)]
        if len(options) == 1:
            return _shape(options[0], kinds)
    for kind in (Kind.MARKDOWN, Kind.TEXT, Kind.QUANTITY, Kind.DATE):
        if kind in kinds:
            return _Shape(kind.value)
    if tp is int:
        return _COUNT
    if tp is float:
        return _NUMBER
    if origin is list:
        item = _shape(get_args(tp)[0])
        return _LEAF if item is _LEAF else _Shape("list", item)
    if origin is dict:
        item = _shape(get_args(tp)[1])
        years = Kind.YEARS in kinds
        return _LEAF if item is _LEAF and not years else _Shape("dict", item, years=years)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return _model_shape(tp)
    return _LEAF


@cache
def _model_shape(model: type[BaseModel]) -> _Shape:
    return _Shape("model", fields={name: _shape(tp, kinds) for name, (tp, kinds) in _fields(model).items()})


def _rename(table: dict[Path_, V], old: Path_, new: Path_) -> None:
    """Move an entry of a position table to the path its value moved to (a year key "2025" becomes 2025)."""
    if old in table:
        table[new] = table.pop(old)


class _Normaliser:
    """Applies what the schema knows and YAML does not: text stays text, files are pulled in, quoted dates are dates."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.findings: list[Finding] = []
        self.markdown: list[tuple[Path_, Path]] = []
        """Every Markdown value's path, with the folder its relative image paths start from."""
        self.misread: set[Path_] = set()
        """Number fields whose text YAML reads as another number or as text: said once, here, not again by the schema."""
        language = doc.data.get("language") if isinstance(doc.data, dict) else None
        self.language = language if language in ("en", "de") else "en"

    def plan(self, data: dict[Any, Any]) -> dict[Any, Any]:
        normalised: dict[Any, Any] = self.value(data, _model_shape(Plan), ())
        fmt = normalised.get("kamdoc")
        if isinstance(
            fmt, bool
        ):  # True == 1 to Python: the schema's literal alone would take `kamdoc: true` for format 1
            self.findings.append(
                Finding(
                    self.doc.where(("kamdoc",)),
                    "error",
                    "kamdoc",
                    f"the format number is 1 (write `kamdoc: 1`), got {_kind_of(fmt)}",
                )
            )
            self.misread.add(("kamdoc",))
        return normalised

    def value(self, value: Any, shape: _Shape, path: Path_) -> Any:
        """A value as the model reads it, by the shape of its field: containers walked (as deep as the model, never as
        deep as the data), years made numbers, texts kept as typed, numbers as written checked, dates read."""
        kind = shape.kind
        if value is None or kind == "leaf":
            return value
        if kind == "model":
            return self._model(value, shape, path)
        if kind == "list":
            return (
                [self.value(v, shape.item or _LEAF, (*path, i)) for i, v in enumerate(value)]
                if isinstance(value, list)
                else value
            )
        if kind == "dict":
            return self._mapping(value, shape, path)
        return self._scalar(kind, value, path)

    def _model(self, value: Any, shape: _Shape, path: Path_) -> Any:
        if not isinstance(value, dict):
            return value
        fields = shape.fields or {}
        return {
            key: v if fields.get(key) is None else self.value(v, fields[key], (*path, key)) for key, v in value.items()
        }

    def _mapping(self, value: Any, shape: _Shape, path: Path_) -> Any:
        if not isinstance(value, dict):
            return value
        out = {}
        for key, v in value.items():
            if shape.years and isinstance(key, str) and _YEAR.match(key):
                self._move((*path, key), (*path, int(key)))
                key = int(key)
            out[key] = self.value(v, shape.item or _LEAF, (*path, key))
        return out

    def _scalar(self, kind: str, value: Any, path: Path_) -> Any:
        if kind == "markdown":
            if isinstance(value, dict):
                value = self.include(value, path)
            if isinstance(value, str):
                self.markdown.append((path, self.doc.where(path).file.parent))
            return self.text(value, path)
        if kind == "text":
            return self.text(value, path)
        if kind in ("number", "count", "quantity"):
            return self._number(kind, value, path)
        if kind == "date" and isinstance(value, str) and _ISO_DATE.match(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                return value
        return value

    def _number(self, kind: str, value: Any, path: Path_) -> Any:
        written = self.numeral(value, path)  # a thousands separator or a decimal comma: said here
        if kind == "count" and not written and isinstance(value, float):
            self.fraction(value, path)
        if kind == "quantity" and not written:
            if isinstance(value, (bool, date)) or (isinstance(value, str) and path in self.doc.plain):
                return self.text(value, path)
        return value

    def _move(self, old: Path_, new: Path_) -> None:
        for table in (self.doc.positions, self.doc.keys):
            _rename(table, old, new)
        _rename(self.doc.plain, old, new)
        _rename(self.doc.numerals, old, new)
        _rename(self.doc.elsewhere, old, new)

    def numeral(self, value: Any, path: Path_) -> bool:
        """Whether a number field holds a number written with thousands separators or a decimal comma (an error, said here)."""
        source = self.doc.numerals.get(path) or self.doc.plain.get(path)
        reading = misread(source, self.language) if source else None
        if reading is None or source is None:
            return False
        glued = path in self.doc.numerals and isinstance(value, (int, float))  # `{2026: 1,250}`: YAML made two entries
        read = (
            f"{value:g} and a second entry {source.split(',', 1)[1]}"
            if glued
            else f"{value:g}"
            if isinstance(value, (int, float))
            else "text, not a number"
        )
        self.findings.append(
            Finding(self.doc.where(path), "error", field_path(path), numerals.message(source, read, reading))
        )
        self.misread.add(path)
        return True

    def fraction(self, value: float, path: Path_) -> None:
        """A count written with a decimal point (`2025.0`, `4.5`): an error that says the whole number to write."""
        source = self.doc.plain.get(path) or f"{value:g}"
        fix = f"write {int(value)}" if value.is_integer() else f"write a whole number such as {round(value)}"
        self.findings.append(
            Finding(self.doc.where(path), "error", field_path(path), f"'{source}' is not a whole number; {fix}")
        )
        self.misread.add(path)

    def text(self, value: Any, path: Path_) -> Any:
        source = self.doc.plain.get(path)
        if source is None or isinstance(value, (list, dict)):
            return value
        self.findings.append(
            Finding(
                self.doc.where(path),
                "warning",
                field_path(path),
                f'{source} is kept as text here, but other YAML tools read it as a number, date or true/false; put it in quotes: "{source}"',
            )
        )
        return source

    def include(self, value: dict[Any, Any], path: Path_) -> Any:
        """The text of `{file: name.md}`, read from beside the plan (or an error and empty text)."""
        ref = value.get("file")
        if set(value) != {"file"} or not isinstance(ref, str):
            self.findings.append(
                Finding(
                    self.doc.where(path),
                    "error",
                    field_path(path),
                    "expected Markdown text, or {file: name.md} to pull it in from a file beside the plan",
                )
            )
            return ""
        at = (*path, "file")
        if has_bad_chars(ref):
            return ""  # the loader has said so at this place already
        if self.doc.from_git:
            return self.include_from_git(ref, path, at)
        try:
            target = resolve_ref(ref, self.doc.file.parent, self.doc.repo)
            text = decode_text(read_capped(target, MAX_FILE_BYTES, quoted(ref)), target)
        except FileRefused as exc:
            self.findings.append(Finding(self.doc.where(at), "error", field_path(at), str(exc)))
            return ""
        except LoadError as exc:
            self.findings.append(exc.finding)
            return ""
        except OSError as exc:
            self.findings.append(
                Finding(self.doc.where(at), "error", field_path(at), f"cannot read {quoted(ref)}: {exc.strerror}")
            )
            return ""
        return self.included(path, target, text)

    def included(self, path: Path_, target: Path, text: str) -> str:
        """A pulled-in file's text: positions point into that file, and it obeys the limit of one text value."""
        self.doc.elsewhere[path] = Pos(target, 1, 1)
        self.doc.styles[path] = "file"
        if len(text) > MAX_TEXT:
            self.findings.append(
                Finding(
                    Pos(target, 1, 1),
                    "error",
                    field_path(path),
                    f"the file has {len(text):,} characters; at most {MAX_TEXT:,} are allowed in one text",
                )
            )
            return ""  # refused: not parsed for images or anything else (a 2 MB file took half a minute)
        return text

    def include_from_git(self, ref: str, path: Path_, at: Path_) -> str:
        """`{file: x.md}` of a plan read from a commit: the file as it was in that commit, inside the repo."""
        import posixpath

        base = self.doc.file.parent.relative_to(self.doc.repo).as_posix()
        target = posixpath.normpath(posixpath.join(base, ref))
        if ref.startswith("/") or target == ".." or target.startswith("../") or "://" in ref:
            self.findings.append(
                Finding(
                    self.doc.where(at), "error", field_path(at), f"{quoted(ref)} is not a file inside the plans repo"
                )
            )
            return ""
        try:
            data = self.doc.snapshot.read(target)
            text = decode_text(data, self.doc.repo / target)
        except (FileNotFoundError, KamdocError, LoadError) as exc:
            message = (
                exc.finding.message if isinstance(exc, LoadError) else f"{quoted(ref)} does not exist in that revision"
            )
            self.findings.append(Finding(self.doc.where(at), "error", field_path(at), message))
            return ""
        return self.included(path, self.doc.repo / target, text)


# --- schema errors as messages for people ----------------------------------------


def _schema_findings(exc: ValidationError, data: Any, doc: Document) -> list[Finding]:
    by_path: dict[tuple[Path_, bool], list[dict[str, Any]]] = {}
    for error in exc.errors(include_url=False):
        path, rest, on_key = _data_path(error["loc"], data)
        if error["type"] == "missing" and rest:
            path = (*path, rest[0])
        by_path.setdefault((path, on_key), []).append(dict(error))
    findings = []
    for (path, on_key), errors in by_path.items():
        findings.append(_finding(path, on_key, errors, doc))
    return findings


def _data_path(loc: tuple[Any, ...], data: Any) -> tuple[Path_, tuple[Any, ...], bool]:
    """The part of an error's location that exists in the data, the rest, and whether the error is about a key."""
    path: list[Any] = []
    current = data
    for i, part in enumerate(loc):
        if part == "[key]":
            return tuple(path), (), True
        if (
            isinstance(current, dict)
            and part in current
            or isinstance(current, list)
            and isinstance(part, int)
            and 0 <= part < len(current)
        ):
            current = current[part]
        else:
            return tuple(path), tuple(loc[i:]), False
        path.append(part)
    return tuple(path), (), False


_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "date_type": "a date (YYYY-MM-DD)",
    "list_type": "a list (items written as `- …`)",
    "dict_type": "a mapping (`key: value` lines)",
    "model_type": "a mapping of fields (`key: value` lines)",
    "model_attributes_type": "a mapping of fields (`key: value` lines)",
}


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"the number {value:g}" if isinstance(value, float) else f"the number {value}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        return f"the text {quoted(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "nothing" if value is None else type(value).__name__


def _finding(path: Path_, on_key: bool, errors: list[dict[str, Any]], doc: Document) -> Finding:
    error = errors[0]
    kind = error["type"]
    value = error.get("input")
    name = field_path(path)
    pos = doc.where_key(path) if on_key or kind == "extra_forbidden" else doc.where(path)
    if len({e["type"] for e in errors}) > 1 and all(e["type"] in _EXPECTED for e in errors):
        wanted = " or ".join(_EXPECTED[e["type"]] for e in errors)
        return Finding(pos, "error", name, f"expected {wanted}, got {_kind_of(value)}")
    return Finding(pos, "error", name, _message(kind, path, value, error, on_key))


def _not_one_of(value: Any, ctx: dict[str, Any]) -> str:
    """A value outside its closed list: the list, and the nearest entry when there is one."""
    allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
    hint = ""
    if isinstance(value, str):
        close = difflib.get_close_matches(value.lower(), allowed, n=1, cutoff=0.6)
        if close:
            hint = f" (did you mean {close[0]!r}?)"
    return f"{quoted(value)} is not one of {', '.join(allowed)}{hint}"


def _message(kind: str, path: Path_, value: Any, error: dict[str, Any], on_key: bool) -> str:
    leaf = path[-1] if path else ""
    ctx = error.get("ctx") or {}
    if on_key:
        if isinstance(path[-2] if len(path) > 1 else None, str) and path[-2] in ("values", "actual", "plan"):
            return f"{quoted(leaf)} is not a year: years are four-digit numbers such as 2026, without quotes"
        if kind == "literal_error":  # a key from a closed list (the agenda entries `speaker_notes` names)
            return _not_one_of(leaf, ctx)
        return f"{quoted(leaf)} is not allowed as a key here"
    if kind == "missing":
        return _missing(path)
    if kind == "extra_forbidden":
        return _unknown(path)
    if kind == "literal_error":
        if path == ("kamdoc",):
            if isinstance(value, int) and not isinstance(value, bool) and value > 1:
                return f"this plan is written in format {value}; this kamdoc reads format 1: upgrade kamdoc"
            return f"the format number is 1 (write `kamdoc: 1`), got {_kind_of(value)}"
        return _not_one_of(value, ctx)
    if kind in _EXPECTED:
        return _type_message(kind, value)
    if kind == "string_pattern_mismatch":
        if leaf == "currency":
            return f"{quoted(value)} is not an ISO 4217 currency code (three capital letters such as EUR, USD, CHF)"
        return (
            f"{quoted(value)} is not a valid id: use lower-case letters, digits, - and _ (e.g. {_suggest_id(value)!r})"
        )
    if kind in ("greater_than_equal", "less_than_equal"):
        return _range_message(path, value, ctx)
    if kind == "finite_number":
        return f"{_kind_of(value)} is not a finite number; write an amount such as 1200"
    if kind == "too_long":
        return _too_many(path, ctx)
    if kind == "too_short":
        return _too_few(path)
    return f"{error['msg']} (got {_kind_of(value)})"  # pragma: no cover - a pydantic error type we did not phrase


def _type_message(kind: str, value: Any) -> str:
    wanted = _EXPECTED[kind]
    message = f"expected {wanted}, got {_kind_of(value)}"
    if kind == "bool_type" and isinstance(value, str) and value.lower() in ("yes", "no", "on", "off", "y", "n"):
        message += "; write true or false"
    elif kind in ("int_type", "float_type") and isinstance(value, str):
        if re.match(r"\s*[-+]?[0-9][0-9.,]*\s*\S*\s*\Z", value):
            message += "; write the number alone, without quotes, unit or thousands separators"
    elif kind == "int_type" and isinstance(value, float):
        message += "; write a whole number"
    elif kind == "date_type" and isinstance(value, str) and _ISO_DATE.match(value):
        message = f"{quoted(value)} is not a valid date (YYYY-MM-DD)"
    elif kind == "date_type" and isinstance(value, str):
        message += write_instead(value)  # 31.12.2026, Q4 2027, Dez 2026: the ISO form to write
    elif kind == "date_type" and isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        message += f"; write {value}-12-31 if the year's end is meant"
    return message


def _range_message(path: Path_, value: Any, ctx: dict[str, Any]) -> str:
    leaf = path[-1] if path else ""
    if ctx.get("le") == 100:
        return f"{_kind_of(value)} is not a percentage from 0 to 100"
    if leaf == "attitude":
        return f"{_kind_of(value)} is outside the attitude scale from -2 to +2"
    if ctx.get("ge") == 1000 or ctx.get("le") == 9999:
        return f"{_kind_of(value)} is not a four-digit year"
    if ctx.get("le") == MAX_AMOUNT or ctx.get("ge") == -MAX_AMOUNT:
        return f"{_kind_of(value)} is beyond a thousand trillion (1e15), the largest amount or figure a plan holds; check the unit"
    if ctx.get("ge") == 0:
        return f"{_kind_of(value)} is negative; amounts are not negative"
    bound = ctx.get("ge", ctx.get("le"))  # pragma: no cover - every bound in the model is phrased above
    return f"{_kind_of(value)} is out of range (limit {bound})"


def _too_many(path: Path_, ctx: dict[str, Any]) -> str:
    limit = ctx.get("max_length")
    found = ctx.get("actual_length")
    if path == ("goals",):
        return f"a plan has at most {limit} goals (the top five), found {found}; keep the most important"
    if path == ("profile", "goals"):
        return f"at most {limit} customer goals (their top three), found {found}"
    return f"at most {limit} items, found {found}"


def _too_few(path: Path_) -> str:
    if path == ("goals",):
        return "a plan needs at least one goal (the top five goals, SMART)"
    if path[-1:] == ("roles",):
        return "give at least one role (decision-maker, user, influencer, ratifier, specifier, door-opener or buyer)"
    if path[-1:] == ("plan",):
        return "give at least one planned year, e.g. {2027: 1200}"
    return "give at least one item"


_SMART = {"metric": "a metric", "target": "a target", "deadline": "a deadline"}


def _missing(path: Path_) -> str:
    leaf = path[-1]
    if len(path) == 1:
        return f"required section {leaf!r} is missing"
    if len(path) == 3 and path[0] == "goals" and leaf in _SMART:
        return f"a goal without {_SMART[str(leaf)]} is not SMART: add {leaf!r}"
    return f"required field {leaf!r} is missing"


def _unknown(path: Path_) -> str:
    leaf = path[-1]
    model = _model_at(path[:-1])
    allowed = list(_fields(model)) if model else []
    close = difflib.get_close_matches(str(leaf), allowed, n=1, cutoff=0.6)
    if close:
        return f"unknown field {quoted(leaf)}; did you mean {close[0]!r}?"
    if allowed:
        return f"unknown field {quoted(leaf)}; allowed here: {', '.join(allowed)}"
    return f"unknown field {quoted(leaf)}"


def _model_at(path: Path_) -> type[BaseModel] | None:
    """The model class that describes the mapping at `path`, if any."""
    tp: Any = Plan
    for part in path:
        tp = _unwrap(tp)
        if isinstance(part, int):
            if get_origin(tp) is list:
                tp = get_args(tp)[0]
                continue
            return None
        if isinstance(tp, type) and issubclass(tp, BaseModel) and part in _fields(tp):
            tp = _fields(tp)[part][0]
        else:
            return None
    tp = _unwrap(tp)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def _unwrap(tp: Any) -> Any:
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            options = [a for a in get_args(tp) if a is not type(None)]
            if len(options) != 1:
                return tp
            tp = options[0]
        else:
            return tp


def _suggest_id(value: Any) -> str:
    text = str(value).lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("å", "aa"), ("ø", "oe"), ("æ", "ae")):
        text = text.replace(a, b)
    return re.sub(r"[^a-z0-9_-]+", "-", text).strip("-") or "id"
