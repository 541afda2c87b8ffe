"""What changed between two versions of a plan, matched by identity: people by id, products by name, sentences by text."""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from collections.abc import Callable
from typing import Any

from kamdoc.standard.plan import Plan
from kamdoc.standard.sections import SECTIONS

# How list items are told apart, by the list's path ("*" stands for any item of the list above), from the section registry.
IDENTITY: dict[tuple[str, ...], tuple[str, ...]] = {(s.key, *path): keys for s in SECTIONS for path, keys in s.identity}
SECTION_KEYS = tuple(s.key for s in SECTIONS)
"""The plan's sections in the standard's order: a section added to the registry is compared too."""
_PERSON_FIELDS = {name for s in SECTIONS for _, name in s.people}
_LONG = 120  # texts longer than this get a word-level diff instead of old → new


@dataclass
class Change:
    """One change: where (section and a readable place), what kind, and the values."""

    section: str
    where: str
    kind: str  # added, removed, changed
    old: Any = None
    new: Any = None
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"section": self.section, "where": self.where, "kind": self.kind, "old": _plain(self.old), "new": _plain(self.new),
                "detail": self.detail}


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


@dataclass
class _Differ:
    names: dict[str, str] = field(default_factory=dict)  # person id -> name, for readable places
    changes: list[Change] = field(default_factory=list)

    def add(self, path: tuple[Any, ...], kind: str, old: Any = None, new: Any = None, detail: str = "") -> None:
        if path[-1] in _PERSON_FIELDS:  # show people by name: "reports to: Konrad Brenner → Jürgen Weiß"
            old, new = self.names.get(old, old), self.names.get(new, new)
        self.changes.append(Change(str(path[0]), self.place(path), kind, old, new, detail))

    def place(self, path: tuple[Any, ...]) -> str:
        parts = []
        for i, part in enumerate(path):
            if part == "people" and i + 1 < len(path) and isinstance(path[i + 1], tuple):
                continue  # "power map: Martina Müller", not "power map: people: Martina Müller"
            if isinstance(part, tuple):  # an identity key
                label = " / ".join(str(p) for p in part if p is not None)
                parts.append(self.names.get(label, label))
            else:
                parts.append(str(part).replace("_", " "))
        return ": ".join(parts)

    def value(self, old: Any, new: Any, path: tuple[Any, ...]) -> None:
        if old == new:
            return
        if isinstance(old, dict) and isinstance(new, dict):
            for key in [*old, *[k for k in new if k not in old]]:
                if key not in new:
                    self.add((*path, key), "removed", old[key])
                elif key not in old:
                    if new[key] not in (None, [], {}, ""):
                        self.add((*path, key), "added", None, new[key])
                else:
                    self.value(old[key], new[key], (*path, key))
            return
        if isinstance(old, list) and isinstance(new, list):
            self.sequence(old, new, path)
            return
        if old is None:
            self.add(path, "added", None, new)
        elif new is None:
            self.add(path, "removed", old)
        else:
            self.add(path, "changed", old, new, _detail(old, new))

    def sequence(self, old: list[Any], new: list[Any], path: tuple[Any, ...]) -> None:
        pattern = tuple("*" if isinstance(p, tuple) else p for p in path)
        keys = IDENTITY.get(pattern)
        if keys and all(isinstance(item, dict) for item in (*old, *new)):
            def key_of(item: dict[str, Any]) -> tuple[Any, ...]:
                # A plan with errors may hold a list where an id belongs: every key is made hashable.
                return tuple(v if v is None or isinstance(v, (str, int, float, bool)) else repr(v) for v in (item.get(k) for k in keys))

            before = {key_of(item): item for item in old}
            after = {key_of(item): item for item in new}
            for key, item in before.items():
                if key not in after:
                    self.add((*path, key), "removed", _summary(item))
            for key, item in after.items():
                if key not in before:
                    self.add((*path, key), "added", None, _summary(item))
                else:
                    self.value(before[key], item, (*path, key))
            return
        if all(not isinstance(item, (dict, list)) for item in (*old, *new)):
            removed = [item for item in old if item not in new]
            added = [item for item in new if item not in old]
            # A sentence edited in place is one change, not a removal and an addition.
            for item in list(removed):
                match = difflib.get_close_matches(str(item), [str(a) for a in added], n=1, cutoff=0.6)
                if match:
                    partner = next(a for a in added if str(a) == match[0])
                    self.add(path, "changed", item, partner, _detail(item, partner))
                    removed.remove(item)
                    added.remove(partner)
            for item in removed:
                self.add(path, "removed", item)
            for item in added:
                self.add(path, "added", None, item)
            return
        for i in range(max(len(old), len(new))):  # position as the last resort
            self.value(old[i] if i < len(old) else None, new[i] if i < len(new) else None, (*path, i + 1))


def _summary(item: dict[str, Any]) -> str:
    return next((str(item[k]) for k in ("name", "goal", "unit", "action", "milestone", "event", "category", "person", "id") if item.get(k)), "")


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _detail(old: Any, new: Any) -> str:
    """The difference of two numbers (with percent), or a word-level diff of two long texts."""
    if _number(old) and _number(new):
        delta = new - old
        percent = f", {delta / old * 100:+.1f} %" if old else ""
        return f"{delta:+,.10g}{percent}"
    if isinstance(old, str) and isinstance(new, str) and (len(old) > _LONG or len(new) > _LONG or "\n" in old + new):
        return word_diff(old, new)
    return ""


def word_diff(old: str, new: str) -> str:
    """Only the changed sentences, word by word: [-removed-] {+added+}."""
    def sentences(text: str) -> list[str]:
        return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text.strip()) if s.strip()]

    a, b = sentences(old), sentences(new)
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        words_a, words_b = " ".join(a[i1:i2]).split(), " ".join(b[j1:j2]).split()
        pieces = []
        for op, w1, w2, v1, v2 in difflib.SequenceMatcher(a=words_a, b=words_b, autojunk=False).get_opcodes():
            if op == "equal":
                pieces.append(" ".join(words_a[w1:w2]))
            if op in ("delete", "replace"):
                pieces.append("[-" + " ".join(words_a[w1:w2]) + "-]")
            if op in ("insert", "replace"):
                pieces.append("{+" + " ".join(words_b[v1:v2]) + "+}")
        out.append(" ".join(pieces))
    return " … ".join(out)


def _data(plan: Plan) -> dict[str, Any]:
    return plan.model_dump(by_alias=True, mode="python")


def compare(old: Plan | None, new: Plan | None) -> list[Change]:
    """Every change from `old` to `new`, in the standard's order of sections."""
    if old is None or new is None:
        return []
    differ = _Differ(names={**{p.id: p.name for p in old.power_map.people}, **{p.id: p.name for p in new.power_map.people}})
    a, b = _data(old), _data(new)
    for section in SECTION_KEYS:
        differ.value(a.get(section), b.get(section), (section,))
    differ.changes += _totals(old, new)
    order = {s: i for i, s in enumerate(SECTION_KEYS)}
    return sorted(differ.changes, key=lambda c: order.get(c.section, len(order)))


def compare_written(old: Any, new: Any) -> list[Change]:
    """Every change between two revisions' data as written: for a plan with errors in either, which has no typed model.

    No per-year totals here: a plan with errors may hold amounts that are not numbers.
    """
    if not isinstance(old, dict) or not isinstance(new, dict):
        return []
    differ = _Differ(names={**_written_names(old), **_written_names(new)})
    for section in SECTION_KEYS:
        differ.value(old.get(section), new.get(section), (section,))
    order = {s: i for i, s in enumerate(SECTION_KEYS)}
    return sorted(differ.changes, key=lambda c: order.get(c.section, len(order)))


def _written_names(data: dict[str, Any]) -> dict[str, str]:
    """Person id -> name from a plan as written, skipping whatever is not shaped like a person."""
    section = data.get("power_map")
    people = section.get("people") if isinstance(section, dict) else None
    return {str(p["id"]): str(p["name"]) for p in (people if isinstance(people, list) else [])
            if isinstance(p, dict) and isinstance(p.get("id"), (str, int)) and isinstance(p.get("name"), str)}


def _totals(old: Plan, new: Plan) -> list[Change]:
    """Per-year totals of the financials (all products), where they changed."""
    a, b = old.financials.totals(), new.financials.totals()
    return [Change("financials", f"financials: total {year}", "changed", a[year], b[year], _detail(a[year], b[year]))
            for year in sorted(set(a) & set(b)) if a[year] != b[year]]


def shown_value(value: Any) -> str:
    """A value in one short line, as `kamdoc diff` prints it."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)[:80]
    text = str(value).replace("\n", " ")
    return text if len(text) <= 80 else text[:79] + "…"


def describe(change: Change, value: Callable[[Any], str] = shown_value, where: str | None = None, kinds: dict[str, str] | None = None,
             difference: Callable[[float, float], str] | None = None) -> str:
    """One line for a person: `power map: people: Martina Müller: attitude: neutral → positive`.

    `value`, `where`, `kinds` and `difference` let a deck write it in its own language: values (numbers, dates,
    closed-list terms), the place, the words for "added" and "removed", and how much a number changed.
    """
    place = change.where if where is None else where
    if change.kind in ("added", "removed"):
        item = change.new if change.kind == "added" else change.old
        text = value(item)
        # An item named in its place ("products: Servo drives: added") is not repeated after it.
        named = not text or text in place.split(": ") or shown_value(item) in change.where.split(": ")
        return f"{place}: {(kinds or {}).get(change.kind, change.kind)}{'' if named else ' ' + text}"
    if change.detail and not (isinstance(change.old, (int, float)) and isinstance(change.new, (int, float))):
        return f"{place}: {change.detail}"
    numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (change.old, change.new))
    shown = difference(float(change.old), float(change.new)) if difference and numbers else change.detail
    detail = f" ({shown})" if shown else ""
    return f"{place}: {value(change.old)} → {value(change.new)}{detail}"
