"""What changed between two versions of a plan, matched by identity: people by id, products by name, sentences by text."""

from __future__ import annotations

import heapq
import json
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from kamdoc.analyse.text_diff import Budget, TooMuchWork, budget_for, opcodes, similarity
from kamdoc.limits import MAX_MATCH_CANDIDATES
from kamdoc.standard.model import item_model, label_of, vocabulary_of
from kamdoc.standard.plan import Plan
from kamdoc.standard.sections import SECTIONS
from kamdoc.standard.sections import section as section_of

# How list items are told apart, by the list's path ("*" stands for any item of the list above), from the section registry.
IDENTITY: dict[tuple[str, ...], tuple[str, ...]] = {(s.key, *path): keys for s in SECTIONS for path, keys in s.identity}
SECTION_KEYS = tuple(s.key for s in SECTIONS)
"""The plan's sections in the standard's order: a section added to the registry is compared too."""
_PERSON_FIELDS = {name for s in SECTIONS for _, name in s.people}
_LONG = 120  # texts longer than this get a word-level diff instead of old → new
_SHORT = 200  # list items this short are compared letter by letter (a misspelt name), longer ones word by word
_CLOSE = 0.6  # how alike an item and its new wording must be to count as one item edited (difflib's usual cutoff)
_RAREST = 8  # an edited item's rarest runs of words looked up among the new items
_ENDS = 32  # runs of words at each end of a long item that it is looked up by
_TRIED = 3  # new items (those sharing the most of them) an edited item is compared with
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?]\s")


@dataclass
class Work:
    """The steps the word diffs and list matching of a comparison took: the suite counts them instead of timing."""

    steps: int = 0


@dataclass
class Change:
    """One change: where (section and a readable place), what kind, and the values."""

    section: str
    where: str
    kind: str  # added, removed, changed
    old: Any = None
    new: Any = None
    detail: str = ""
    labels: tuple[tuple[str, str], ...] = ()  # each part of `where` in English and German, from the fields' labels
    vocabulary: str | None = None  # the closed list the changed field's values come from, if any

    def as_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "where": self.where,
            "kind": self.kind,
            "old": _plain(self.old),
            "new": _plain(self.new),
            "detail": self.detail,
        }


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


_Step = tuple[Any, Any, tuple[Any, ...]] | Callable[[], None]
"""A step of a comparison: two values to compare at a place, or a change to add."""


@dataclass
class _Differ:
    names: dict[str, str] = field(default_factory=dict)  # person id -> name, for readable places
    changes: list[Change] = field(default_factory=list)
    work: Work = field(default_factory=Work)

    def add(self, path: tuple[Any, ...], kind: str, old: Any = None, new: Any = None, detail: str = "") -> None:
        if path[-1] in _PERSON_FIELDS:  # show people by name: "reports to: Konrad Brenner → Jürgen Weiß"
            old, new = self.names.get(old, old), self.names.get(new, new)
        parts = self.shown_parts(path)
        fields, closed = declared(path)
        labels = tuple(fields.get(i, (text, text)) for i, text in parts)
        where = ": ".join(text for _, text in parts)
        self.changes.append(Change(str(path[0]), where, kind, old, new, detail, labels, closed))

    def shown_parts(self, path: tuple[Any, ...]) -> list[tuple[int, str]]:
        """The parts of a path a reader is shown, by index: identity keys by their names (a person by name)."""
        parts = []
        for i, part in enumerate(path):
            if part == "people" and i + 1 < len(path) and isinstance(path[i + 1], tuple):
                continue  # "power map: Martina Müller", not "power map: people: Martina Müller"
            if isinstance(part, tuple):  # an identity key
                label = " / ".join(str(p) for p in part if p is not None)
                parts.append((i, self.names.get(label, label)))
            else:
                parts.append((i, str(part).replace("_", " ")))
        return parts

    def value(self, old: Any, new: Any, path: tuple[Any, ...]) -> None:
        """Every change from `old` to `new`, depth first, on a stack of its own: plan data never drives Python's recursion."""
        pending: list[_Step] = [(old, new, path)]
        while pending:
            step = pending.pop()
            if callable(step):
                step()
            else:
                pending.extend(reversed(self.steps(*step)))  # reversed: the first step is taken first

    def steps(self, old: Any, new: Any, path: tuple[Any, ...]) -> list[_Step]:
        """What comparing `old` with `new` takes, in order: changes to add and pairs of values to compare in turn."""
        # Containers are compared part by part below, never with `==`: that walks a whole subtree on C's stack, and again at
        # every level above it.
        if isinstance(old, dict) and isinstance(new, dict):
            return self.mapping(old, new, path)
        if isinstance(old, list) and isinstance(new, list):
            return self.sequence(old, new, path)
        if old is new or (not isinstance(old, (dict, list)) and not isinstance(new, (dict, list)) and old == new):
            return []
        if old is None:
            return [partial(self.add, path, "added", None, new)]
        if new is None:
            return [partial(self.add, path, "removed", old)]
        return [partial(self.changed, path, old, new)]

    def changed(self, path: tuple[Any, ...], old: Any, new: Any) -> None:
        self.add(path, "changed", old, new, _detail(old, new, self.work))

    def mapping(self, old: dict[Any, Any], new: dict[Any, Any], path: tuple[Any, ...]) -> list[_Step]:
        steps: list[_Step] = []
        for key in [*old, *[k for k in new if k not in old]]:
            if key not in new:
                steps.append(partial(self.add, (*path, key), "removed", old[key]))
            elif key not in old:
                if new[key] not in (None, [], {}, ""):
                    steps.append(partial(self.add, (*path, key), "added", None, new[key]))
            else:
                steps.append((old[key], new[key], (*path, key)))
        return steps

    def sequence(self, old: list[Any], new: list[Any], path: tuple[Any, ...]) -> list[_Step]:
        pattern = tuple("*" if isinstance(p, tuple) else p for p in path)
        keys = IDENTITY.get(pattern)
        if keys and all(isinstance(item, dict) for item in (*old, *new)):
            return self.identified(old, new, path, keys)
        if all(not isinstance(item, (dict, list)) for item in (*old, *new)):
            return [partial(self.items, old, new, path)]
        # position as the last resort
        return [
            (old[i] if i < len(old) else None, new[i] if i < len(new) else None, (*path, i + 1))
            for i in range(max(len(old), len(new)))
        ]

    def identified(self, old: list[Any], new: list[Any], path: tuple[Any, ...], keys: tuple[str, ...]) -> list[_Step]:
        """Items told apart by their identity fields (people by id): those gone, those new, those kept compared in turn."""

        def key_of(item: dict[str, Any]) -> tuple[Any, ...]:
            # A plan with errors may hold a list where an id belongs: every key is made hashable.
            return tuple(
                v if v is None or isinstance(v, (str, int, float, bool)) else repr(v)
                for v in (item.get(k) for k in keys)
            )

        before = {key_of(item): item for item in old}
        after = {key_of(item): item for item in new}
        steps: list[_Step] = [
            partial(self.add, (*path, key), "removed", _summary(item))
            for key, item in before.items()
            if key not in after
        ]
        for key, item in after.items():
            if key not in before:
                steps.append(partial(self.add, (*path, key), "added", None, _summary(item)))
            else:
                steps.append((before[key], item, (*path, key)))
        return steps

    def items(self, old: list[Any], new: list[Any], path: tuple[Any, ...]) -> None:
        """Items without identity (SWOT sentences): those gone and those new, a sentence edited in place as one change."""
        before, after = {_hashable(item) for item in old}, {_hashable(item) for item in new}
        removed = [item for item in old if _hashable(item) not in after]
        added = [item for item in new if _hashable(item) not in before]
        pairs = edited_pairs([str(item) for item in removed], [str(item) for item in added], self.work)
        for r, a in pairs.items():
            self.add(path, "changed", removed[r], added[a], _detail(removed[r], added[a], self.work))
        paired = set(pairs.values())
        for r, item in enumerate(removed):
            if r not in pairs:
                self.add(path, "removed", item)
        for a, item in enumerate(added):
            if a not in paired:
                self.add(path, "added", None, item)


def _hashable(item: Any) -> Hashable:
    """An item as a set's key (list items here are single values; anything unhashable counts by how it prints)."""
    return item if isinstance(item, Hashable) else repr(item)


def _tokens(text: str) -> set[str]:
    """What an item is looked up by: its runs of three words (far rarer than words in a plan's small vocabulary); a
    short item's words and three-letter pieces too (to find "Veltra AG" for "Veltra", and a misspelt name)."""
    lowered = text.lower()
    words = _WORD.findall(lowered)
    # A long item by its first and last runs only: an edit anywhere leaves one end as it was, and the index stays small.
    starts = (
        range(len(words) - 2)
        if len(words) <= 2 * _ENDS
        else [*range(_ENDS), *range(len(words) - 2 - _ENDS, len(words) - 2)]
    )
    found = {" ".join(words[i : i + 3]) for i in starts}
    if len(words) < 4 and len(text) <= _SHORT:
        found.update(words)
        found.update("\0" + lowered[i : i + 3] for i in range(len(lowered) - 2))  # marked: a piece is never a word
    return found


def _units(one: str, other: str) -> tuple[list[str], list[str]]:
    """What two items are compared by: letters for a name or two (a misspelling), words for sentences."""
    if len(one) <= _SHORT and len(other) <= _SHORT and min(len(one.split()), len(other.split())) < 3:
        return list(one.lower()), list(other.lower())
    return one.lower().split(), other.lower().split()


def edited_pairs(removed: list[str], added: list[str], work: Work) -> dict[int, int]:
    """Which removed item became which added one (by index): the new item in its place, if alike enough, else the first
    alike enough of those sharing the most of its rarest runs of words. Looked up through an index of them, never every
    item against every other."""
    # Most edits leave an item where it was: the n-th item gone and the n-th item new are tried first, at one diff each.
    pairs = {k: k for k in range(min(len(removed), len(added))) if _alike(removed[k], added[k], work)}
    taken = set(pairs.values())
    index = _index(added, taken, work)
    for r, text in enumerate(removed):
        partner = None if r in pairs else _partner(text, added, index, taken, work)
        if partner is not None:
            pairs[r] = partner
            taken.add(partner)
    return dict(sorted(pairs.items()))


def _index(added: list[str], taken: set[int], work: Work) -> dict[str, list[int]]:
    """The new items not yet paired, by what they are looked up by."""
    index: dict[str, list[int]] = {}
    for a, text in enumerate(added):
        if a not in taken:
            for token in _tokens(text):
                index.setdefault(token, []).append(a)
            work.steps += 1 + len(text) // 8
    return index


def _partner(text: str, added: list[str], index: dict[str, list[int]], taken: set[int], work: Work) -> int | None:
    """The new item a removed one became: the first alike enough of the few sharing the most of its rarest runs of words."""
    postings = [found for found in (index.get(token) for token in _tokens(text)) if found]
    work.steps += 1 + len(postings)
    # Its rarest runs of words say best which new item this became; a word in many items says nothing.
    rarest = [found for found in heapq.nsmallest(_RAREST, postings, key=len) if len(found) <= MAX_MATCH_CANDIDATES]
    shared: dict[int, float] = {}
    hits: dict[int, int] = {}
    for found in rarest:
        for a in found:  # one only two items share is worth more than one in ten
            shared[a] = shared.get(a, 0.0) + 1 / len(found)
            hits[a] = hits.get(a, 0) + 1
        work.steps += len(found)
    enough = min(2, len(rarest))  # an item edited in place keeps most of its rarest runs; sharing one of many is chance
    ranked = heapq.nsmallest(
        _TRIED,
        ((a, score) for a, score in shared.items() if a not in taken and hits[a] >= enough),
        key=lambda pair: (-pair[1], pair[0]),
    )
    return next((a for a, _ in ranked if _alike(text, added[a], work)), None)


def _alike(one: str, other: str, work: Work) -> bool:
    """Whether two items are alike enough to be one item edited (difflib's ratio of at least 0.6, computed in linear time)."""
    short, long = sorted((len(one), len(other)))
    if 2 * short < _CLOSE * (short + long):  # so different in length that they cannot be alike enough
        return False
    units_one, units_other = _units(one, other)
    kept = _common_ends(units_one, units_other)
    work.steps += 1 + kept
    if 2 * kept >= _CLOSE * (len(units_one) + len(units_other)):  # alike enough by their ends alone: no diff needed
        return True
    budget = budget_for(len(units_one), len(units_other))
    score = similarity(units_one, units_other, budget)
    work.steps += budget.used
    return score >= _CLOSE


def _common_ends(one: list[str], other: list[str]) -> int:
    """How many units two lists share at their start and at their end (never counting one twice)."""
    most = min(len(one), len(other))
    start = 0
    while start < most and one[start] == other[start]:
        start += 1
    end = 0
    while end < most - start and one[-1 - end] == other[-1 - end]:
        end += 1
    return start + end


def _summary(item: dict[str, Any]) -> str:
    return next(
        (
            str(item[k])
            for k in ("name", "goal", "unit", "action", "milestone", "event", "category", "person", "id")
            if item.get(k)
        ),
        "",
    )


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _detail(old: Any, new: Any, work: Work | None = None) -> str:
    """The difference of two numbers (with percent), or a word-level diff of two long texts."""
    if _number(old) and _number(new):
        delta = new - old
        percent = f", {delta / old * 100:+.1f} %" if old else ""
        return f"{delta:+,.10g}{percent}"
    if isinstance(old, str) and isinstance(new, str) and (len(old) > _LONG or len(new) > _LONG or "\n" in old + new):
        return word_diff(old, new, work)
    return ""


def _sentences(text: str) -> list[str]:
    """A text's sentences (and lines), without the empty ones."""
    out = []
    for line in text.split("\n"):  # line by line: a search for the sentences' ends across lines costs thrice as much
        start = 0
        for end in _SENTENCE_END.finditer(line):
            out.append(line[start : end.start() + 1].strip())
            start = end.end()
        out.append(line[start:].strip())
    return [sentence for sentence in out if sentence]


def word_diff(old: str, new: str, work: Work | None = None) -> str:
    """Only the changed sentences, word by word: [-removed-] {+added+}; past the work a text may take, the whole
    text as rewritten."""
    a, b = _sentences(old), _sentences(new)
    budget = budget_for(len(old.split()), len(new.split()))
    try:
        return _changed_sentences(a, b, budget)
    except TooMuchWork:
        return rewritten(old, new)
    finally:
        if work is not None:
            work.steps += budget.used


def _changed_sentences(a: list[str], b: list[str], budget: Budget) -> str:
    """The changed runs of sentences, each diffed word by word."""
    out = []
    for tag, i1, i2, j1, j2 in opcodes(a, b, budget):
        if tag == "equal":
            continue
        words_a, words_b = " ".join(a[i1:i2]).split(), " ".join(b[j1:j2]).split()
        pieces = []
        for op, w1, w2, v1, v2 in opcodes(words_a, words_b, budget):
            if op == "equal":
                pieces.append(" ".join(words_a[w1:w2]))
            if op in ("delete", "replace"):
                pieces.append("[-" + " ".join(words_a[w1:w2]) + "-]")
            if op in ("insert", "replace"):
                pieces.append("{+" + " ".join(words_b[v1:v2]) + "+}")
        out.append(" ".join(pieces))
    return " … ".join(out)


def rewritten(old: str, new: str) -> str:
    """A text changed too much to show word by word: the whole old text and the whole new one, said so."""
    return "rewritten: [-" + " ".join(old.split()) + "-] {+" + " ".join(new.split()) + "+}"


def _data(plan: Plan) -> dict[str, Any]:
    return plan.model_dump(by_alias=True, mode="python")


def compare(old: Plan | None, new: Plan | None, work: Work | None = None) -> list[Change]:
    """Every change from `old` to `new`, in the standard's order of sections."""
    if old is None or new is None:
        return []
    differ = _Differ(
        names={**{p.id: p.name for p in old.power_map.people}, **{p.id: p.name for p in new.power_map.people}},
        work=work or Work(),
    )
    a, b = _data(old), _data(new)
    for section in SECTION_KEYS:
        differ.value(a.get(section), b.get(section), (section,))
    differ.changes += _totals(old, new)
    order = {s: i for i, s in enumerate(SECTION_KEYS)}
    return sorted(differ.changes, key=lambda c: order.get(c.section, len(order)))


def compare_written(old: Any, new: Any, work: Work | None = None) -> list[Change]:
    """Every change between two revisions' data as written: for a plan with errors in either, which has no typed model.

    No per-year totals here: a plan with errors may hold amounts that are not numbers.
    """
    if not isinstance(old, dict) or not isinstance(new, dict):
        return []
    differ = _Differ(names={**_written_names(old), **_written_names(new)}, work=work or Work())
    for section in SECTION_KEYS:
        differ.value(old.get(section), new.get(section), (section,))
    order = {s: i for i, s in enumerate(SECTION_KEYS)}
    return sorted(differ.changes, key=lambda c: order.get(c.section, len(order)))


def _written_names(data: dict[str, Any]) -> dict[str, str]:
    """Person id -> name from a plan as written, skipping whatever is not shaped like a person."""
    section = data.get("power_map")
    people = section.get("people") if isinstance(section, dict) else None
    return {
        str(p["id"]): str(p["name"])
        for p in (people if isinstance(people, list) else [])
        if isinstance(p, dict) and isinstance(p.get("id"), (str, int)) and isinstance(p.get("name"), str)
    }


def _totals(old: Plan, new: Plan) -> list[Change]:
    """Per-year totals of the financials (all products), where they changed."""
    a, b = old.financials.totals(), new.financials.totals()
    title = section_of("financials")
    labels = ((title.title if title else ("Financials", "Finanzplanung")),)
    return [
        Change(
            "financials",
            f"financials: total {year}",
            "changed",
            a[year],
            b[year],
            _detail(a[year], b[year]),
            (*labels, (f"Total {year}", f"Summe {year}")),
        )
        for year in sorted(set(a) & set(b))
        if a[year] != b[year]
    ]


def declared(path: tuple[Any, ...]) -> tuple[dict[int, tuple[str, str]], str | None]:
    """What the standard declares along a path, in one walk down the plan's model: the section's title and each field's
    label in English and German, by index; and the closed list of the field the path ends at, if it has one."""
    known = section_of(str(path[0])) if path else None
    if known is None:
        return {}, None
    labels, last = {0: known.title}, None
    model = item_model(known.type)
    for i, part in enumerate(path[1:], 1):
        if isinstance(part, (tuple, int)):  # an item of a list: its fields are the list's item model's
            continue
        info = model.model_fields.get(part) if model is not None and isinstance(part, str) else None
        if info is None:  # a mapping's key (a year, a part of the deck): nothing below is a field
            model = None
            continue
        labels[i] = (label_of(info, part, "en"), label_of(info, part, "de"))
        last = info if i == len(path) - 1 else None
        model = item_model(info.annotation)
    return labels, vocabulary_of(last) if last is not None else None


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


def describe(
    change: Change,
    value: Callable[[Any], str] = shown_value,
    where: str | None = None,
    kinds: dict[str, str] | None = None,
    difference: Callable[[float, float], str] | None = None,
) -> str:
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
