"""The loader: YAML read safely, as YAML 1.2 does, with the position of every value."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kamdoc.findings import Pos
from kamdoc.load.document import LoadError, parse

FILE = Path("plan.yaml")


def load(text: str):  # type: ignore[no-untyped-def]
    return parse(text, FILE, Path("."))


def test_scalars_resolve_as_yaml_1_2_so_norway_stays_norway() -> None:
    doc = load("a: NO\nb: on\nc: yes\nd: 012\ne: 2026-11-15\nf: 12\ng: 1.5\nh: true\ni: ~\nj: '12'\nk: 0x10\n")
    assert doc.data == {
        "a": "NO",
        "b": "on",
        "c": "yes",
        "d": "012",
        "e": date(2026, 11, 15),
        "f": 12,
        "g": 1.5,
        "h": True,
        "i": None,
        "j": "12",
        "k": "0x10",
    }
    # Plain scalars other YAML tools would not read as text are remembered with their source text.
    assert doc.plain == {
        ("a",): "NO",
        ("b",): "on",
        ("c",): "yes",
        ("d",): "012",
        ("e",): "2026-11-15",
        ("f",): "12",
        ("g",): "1.5",
        ("h",): "true",
        ("k",): "0x10",
    }


def test_positions_of_values_and_keys() -> None:
    doc = load("cover:\n  account: ACME\nlist:\n  - {a: 1}\n  - b\n")
    assert doc.where(("cover", "account")) == Pos(FILE, 2, 12)
    assert doc.where_key(("cover", "account")) == Pos(FILE, 2, 3)
    assert doc.where(("list", 0, "a")) == Pos(FILE, 4, 9)
    assert doc.where(("list", 1)) == Pos(FILE, 5, 5)
    # A missing value points at its nearest ancestor.
    assert doc.where(("cover", "missing")) == Pos(FILE, 2, 3)


def test_lines_inside_a_literal_block_are_placed() -> None:
    doc = load("summary: |\n  one\n  two ![x](y.png)\n")
    assert doc.where_in_text(("summary",), 1, 4) == Pos(FILE, 3, 7)


def test_duplicate_keys_are_collected_not_fatal() -> None:
    doc = load("a: 1\nb: 2\na: 3\nb: 4\n")
    assert doc.data == {"a": 1, "b": 2}
    assert [(f.pos.line, f.message) for f in doc.problems] == [
        (3, "duplicate key 'a' (first given on line 1); keep one"),
        (4, "duplicate key 'b' (first given on line 2); keep one"),
    ]


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("a: &x 1\n", (1, 4), "YAML anchors (&x) are not allowed"),
        ("a: !!str 1\n", (1, 4), "YAML tags (tag:yaml.org,2002:str) are not allowed"),
        ("a: !custom 1\n", (1, 4), "YAML tags (!custom) are not allowed"),
        ("a:\n  <<: {b: 1}\n", (2, 3), "YAML merge keys (<<) are not allowed"),
        ("? [a]\n: 1\n", (1, 3), "a mapping key must be a plain word or number"),
        ("a: 1\n---\nb: 2\n", (2, 1), "a plan file holds one YAML document"),
        ("", (1, 1), "the file is empty"),
        ("a: [1, 2\n", (1, 4), "the list opened here with [ is never closed"),
    ],
)
def test_refused_yaml(text: str, where: tuple[int, int], message: str) -> None:
    with pytest.raises(LoadError) as caught:
        load(text)
    finding = caught.value.finding
    assert (finding.pos.line, finding.pos.col) == where
    assert message in finding.message
