"""Seeded generators of hostile input: plan mutants, SVG logos, settings, manifests, theme templates and company templates.

Every generator takes a `random.Random`, so a case is made again from its seed alone.
"""

from __future__ import annotations

import copy
import io
import json
import random
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

# Strings that have hurt parsers, renderers or terminals somewhere.
NASTY_TEXT = [
    "",
    " ",
    "\t",
    "x" * 10_000,
    "Wort " * 3_000,
    "Ä" * 300,
    "\u202eevil\u202c",
    "\u2028line\u2029para",
    "e\u0301" * 200,
    "😀" * 500,
    "\ufeffbom",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "{% for x in y %}",
    "](javascript:alert(1))",
    "![x](../../../../etc/passwd)",
    "[a](file:///etc/passwd)",
    "| a | b |\n|---|---|\n| c | d |",
    "# Heading\n\n" * 200,
    "- " * 1000,
    "> " * 500 + "deep quote",
    "`" * 1000,
    "*" * 5000,
    "_a_" * 3000,
    "NO",
    "on",
    "012",
    "1e400",
    "-0",
    ".nan",
    "\\x1b[31mred",
    "%s%s%n",
    "../" * 50,
    "CON",
    "nul",
    "a\u0000b",
    "\ud800",
    "\x85",
    "\u00a0" * 100,
]
NASTY_NUMBERS: list[Any] = [
    0,
    -1,
    -1e308,
    1e308,
    1.7e308,
    10**40,
    -(10**20),
    0.1 + 0.2,
    2**63,
    1e-320,
    float("nan"),
    float("inf"),
    True,
]
NASTY_DATES = ["0001-01-01", "9999-12-31", "2026-02-30", "1979-12-31", "2108-01-01", "2026-13-01", "20261201"]
NASTY_PATHS = [
    "../outside/secret.txt",
    "../../outside/secret.txt",
    "/etc/passwd",
    "../.git/config",
    ".git/config",
    "secret-link.md",
    "a" * 300 + ".md",
    "C:\\Windows\\win.ini",
    "http://127.0.0.1:9/x.md",
    "file:///etc/passwd",
    "market.md\x00.png",
    "fifo.md",
    "folder",
    "",
    "~/.ssh/id_rsa",
    "%2e%2e/outside/secret.txt",
    "logo.png/../../outside/secret.txt",
]


def plan_mutant(base: dict[str, Any], rng: random.Random) -> str:
    """The base plan with one to four structural mutations, as YAML text (sometimes damaged as text, too)."""
    data = copy.deepcopy(base)
    for _ in range(rng.randint(1, 4)):
        try:
            rng.choice(_MUTATIONS)(data, rng)
        except (TypeError, KeyError, IndexError, AttributeError, ValueError):
            pass  # an earlier mutation left no place for this one: the plan is odd enough already
    try:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    except (yaml.YAMLError, RecursionError, ValueError):
        text = json.dumps(data, default=str)
    if rng.random() < 0.25:
        text = rng.choice(_TEXT_MUTATIONS)(text, rng)
    return text


def _places(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    places = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            places += _places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            places += _places(value, (*path, index))
    return places


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    if path:
        _get(data, path[:-1])[path[-1]] = value


def _replace_value(data: Any, rng: random.Random) -> None:
    path = rng.choice(_places(data)[1:])
    choices: list[Any] = [
        rng.choice(NASTY_TEXT),
        rng.choice(NASTY_NUMBERS),
        rng.choice(NASTY_DATES),
        rng.choice(NASTY_PATHS),
        None,
        [],
        {},
        [rng.choice(NASTY_TEXT)],
        {"file": rng.choice(NASTY_PATHS)},
        {"x": 1},
        False,
    ]
    _set(data, path, rng.choice(choices))


def _delete_key(data: Any, rng: random.Random) -> None:
    path = rng.choice(_places(data)[1:])
    parent = _get(data, path[:-1])
    if isinstance(parent, dict):
        parent.pop(path[-1], None)
    elif isinstance(parent, list) and parent:
        parent.pop(path[-1])


def _add_key(data: Any, rng: random.Random) -> None:
    path = rng.choice([p for p in _places(data) if isinstance(_get(data, p), dict)])
    _get(data, path)[rng.choice(["x-extra", "colour", "2026", "notes", "\u202ekey", "a\tb", "file"])] = rng.choice(
        NASTY_TEXT
    )


def _grow_list(data: Any, rng: random.Random) -> None:
    lists = [p for p in _places(data) if isinstance(_get(data, p), list) and _get(data, p)]
    if lists:
        path = rng.choice(lists)
        items = _get(data, path)
        items.extend(copy.deepcopy(items[0]) for _ in range(rng.choice([10, 100, 1000])))


def _many_people(data: Any, rng: random.Random) -> None:
    count = rng.choice([60, 300, 2_000])
    shape = rng.choice(["chain", "flat", "cycle", "dangling"])
    people = []
    for i in range(count):
        boss = (
            {"chain": f"p{i - 1}", "flat": "p0", "cycle": f"p{(i - 1) % count}", "dangling": f"q{i}"}[shape]
            if i or shape == "cycle"
            else None
        )
        person: dict[str, Any] = {
            "id": f"p{i}",
            "name": rng.choice(["N", "Dr. Anja Venkataraman-Subramanian", "X" * 200]) + str(i),
            "roles": [rng.choice(["user", "decision-maker", "boss"])],
        }
        if boss:
            person["reports_to"] = boss
        people.append(person)
    data.setdefault("power_map", {})["people"] = people
    data["power_map"]["links"] = [
        {
            "from": f"p{rng.randrange(count)}",
            "to": f"p{rng.randrange(count)}",
            "kind": rng.choice(["rivals", "allies", "x"]),
        }
        for _ in range(rng.choice([0, 10, 500]))
    ]


def _deep(data: Any, rng: random.Random) -> None:
    value: Any = "leaf"
    for _ in range(rng.choice([20, 30, 200])):
        value = [value] if rng.random() < 0.5 else {"k": value}
    _set(data, rng.choice(_places(data)[1:]), value)


def _many_products(data: Any, rng: random.Random) -> None:
    count = rng.choice([25, 200])
    data.setdefault("financials", {})["products"] = [
        {
            "name": f"Product {i} " + rng.choice(["", "with a long name " * 5]),
            "actual": {2024: rng.choice([0, 1, 1e14]), 2025: rng.random() * 1e6},
            "plan": {2026: rng.random() * 1e6},
            "margin": rng.choice([0, 50, 100]),
        }
        for i in range(count)
    ]


_MUTATIONS: list[Callable[[Any, random.Random], None]] = [
    _replace_value,
    _replace_value,
    _replace_value,
    _delete_key,
    _delete_key,
    _add_key,
    _grow_list,
    _many_people,
    _deep,
    _many_products,
]


def _truncate(text: str, rng: random.Random) -> str:
    return text[: rng.randrange(max(1, len(text)))]


def _insert_bytes(text: str, rng: random.Random) -> str:
    at = rng.randrange(max(1, len(text)))
    return (
        text[:at]
        + rng.choice(
            [
                "\x00",
                "\x1b",
                "\x0b",
                "\x0c",
                "\ufffe",
                "&a ",
                "*a",
                "!!python/object:os.system ",
                "<<: ",
                "---\n",
                "\t",
                "%YAML 1.1\n",
            ]
        )
        + text[at:]
    )


def _reindent(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    if lines:
        i = rng.randrange(len(lines))
        lines[i] = " " * rng.choice([1, 3, 40]) + lines[i]
    return "\n".join(lines)


def _duplicate_line(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    if lines:
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i])
    return "\n".join(lines)


_TEXT_MUTATIONS: list[Callable[[str, random.Random], str]] = [_truncate, _insert_bytes, _reindent, _duplicate_line]


def svg_mutant(rng: random.Random) -> bytes:
    """A hostile or odd SVG logo."""
    ns = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
    size = rng.choice(
        [
            'width="120" height="40"',
            'viewBox="0 0 120 40"',
            'width="100%" height="1.2.3"',
            'viewBox="0 0 NaN 0"',
            'width="1e9" height="1e9"',
            'width="-5" height="5"',
            "",
            'width="5mm" height="2in"',
            'viewBox="0,0,1e-300,1"',
        ]
    )
    parts = ['<rect width="10" height="10" fill="#036"/>']
    kind = rng.randrange(9)
    if kind == 0:  # use bomb
        depth = rng.randint(5, 40)
        defs = ['<g id="a0"><rect width="1" height="1"/></g>'] + [
            f'<g id="a{i}">' + f'<use href="#a{i - 1}"/>' * rng.randint(2, 10) + "</g>" for i in range(1, depth)
        ]
        parts = ["<defs>", *defs, "</defs>", f'<use href="#a{depth - 1}"/>']
    elif kind == 1:  # self references
        parts = [
            '<pattern id="p" width="5" height="5"><rect fill="url(#p)" width="5" height="5"/></pattern><rect fill="url(#p)" width="9" height="9"/>',
            '<g id="g"><use href="#g"/></g>',
            '<mask id="m"><rect mask="url(#m)" width="1" height="1"/></mask>',
        ][rng.randrange(3) :][:1]
    elif kind == 2:  # outside references
        parts = [
            rng.choice(
                [
                    '<image href="http://127.0.0.1:9/a.png" width="5" height="5"/>',
                    '<image href="../outside/secret.txt" width="5" height="5"/>',
                    "<style>@import url(file:///etc/passwd);</style>",
                    '<rect style="fill:url(file:///etc/passwd#x)" width="5" height="5"/>',
                    "<script>alert(1)</script>",
                    "<foreignObject><p>x</p></foreignObject>",
                    '<image href="data:image/svg+xml;base64,PHN2Zy8+"/>',
                ]
            )
        ]
    elif kind == 3:  # depth and count
        parts = (
            ["<g>" * rng.choice([50, 70, 500]) + "</g>" * 0]
            if rng.random() < 0.5
            else ["<g/>" * rng.choice([100, 12_000])]
        )
    elif kind == 4:  # filters and transforms
        parts = [
            '<filter id="f"><feGaussianBlur stdDeviation="1e9"/></filter><rect filter="url(#f)" width="9" height="9" transform="matrix(0 0 0 0 0 0)"/>'
        ]
    elif kind == 5:  # text in fonts no one has
        parts = [
            '<text x="1" y="20" font-family="NoSuchFont" font-size="1e6">ACME '
            + "W" * rng.choice([5, 5000])
            + "</text>"
        ]
    elif kind == 6:  # entities
        return (
            b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'
        )
    elif kind == 7:  # broken XML
        return (f"<svg {ns} {size}><rect" + "<" * rng.randint(1, 5)).encode()
    body = "".join(parts)
    return f"<svg {ns} {size}>{body}</svg>".encode()


def settings_mutant(rng: random.Random) -> str:
    """A kamdoc.yaml that may name odd folders, take odd types, or hold a broken programme block."""
    lines = []
    for key in rng.sample(
        ["plans", "theme", "out", "formats", "audience", "language", "portfolio", "colour", "plan"], rng.randint(1, 4)
    ):
        value = rng.choice(
            [
                "plans",
                "/etc",
                "../x",
                ".git",
                "build",
                "pptx,pdf",
                "xls",
                "customer",
                "de",
                "fr",
                "[]",
                "{}",
                "1",
                "~",
                '"a\\x00b"',
                "{currency: EUR, criteria: [{id: a, name: A, weight: -2}]}",
                "{currency: 12, rates: {USD: x}}",
                "{review_months: 0}",
            ]
        )
        lines.append(f"{key}: {value}")
    return "\n".join(lines) + "\n"


def manifest_mutant(good: dict[str, Any], rng: random.Random) -> str:
    """A manifest.json as a poisoned cache might hold it."""
    data = copy.deepcopy(good)
    choice = rng.randrange(8)
    entries = data.get("plans", [])
    if choice == 0:
        return rng.choice(["", "null", "[]", "{", "\x00" * 10, "{" * 50_000, '"text"', "1e999"])
    if entries:
        entry = rng.choice(entries)
        if choice == 1:
            entry["inputs"] = {
                rng.choice(["/etc/passwd", "../outside/secret.txt", "plans/fifo", ".git/config", "x" * 5000]): "0" * 64
            }
        elif choice == 2:
            entry[rng.choice(["key", "plan", "slug", "outputs", "findings", "inputs"])] = rng.choice(
                [None, 1, [], {}, "x", "0" * 64]
            )
        elif choice == 3:
            entry["findings"] = [{"line": "x" * 10}] * rng.choice([1, 10_000])
        elif choice == 4:
            entry["outputs"] = {"build/../../outside/secret.txt": "0" * 64}
        elif choice == 5:
            data["plans"] = entries * rng.choice([100, 1000])
        elif choice == 6:
            entry["seal"] = "0" * 64
        else:
            data["plans"] = [rng.choice([None, 1, "x", [], {"plan": {}}])]
    return json.dumps(data)


def theme_template_mutant(rng: random.Random) -> str:
    """A theme's deck.html.j2 that tries to escape the sandbox, read files, loop or fail."""
    bodies = [
        "{{ cycler.__init__.__globals__.os.system('touch PWNED') }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{% include '../outside/secret.txt' %}",
        "{% include '/etc/passwd' %}",
        "{% for i in range(10**6) %}{% endfor %}",
        "{{ 'x' * 10**8 }}",
        "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
        "{{ undefined_name }}",
        "{{ 1/0 }}",
        "{% if %}",
        "{{ deck.slides[999] }}",
        "{{ slides|map(attribute='__class__')|list }}",
        "{{ range.__self__ }}",
        "{{ deck.__dict__ }}",
        "{% set x = [] %}{% for i in range(50000) %}{% set _ = x.append(i) %}{% endfor %}",
        "{{ config }}",
        "{{ self }}",
    ]
    head = '{% extends "default/deck.html.j2" %}{% block extra_style %}' if rng.random() < 0.6 else ""
    tail = "{% endblock %}" if head else ""
    return head + rng.choice(bodies) + tail


def pptx_template_mutant(good: bytes, rng: random.Random) -> bytes:
    """A company template with damaged or hostile parts."""
    source = zipfile.ZipFile(io.BytesIO(good))
    out = io.BytesIO()
    victim = rng.choice(source.namelist())
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == victim:
                how = rng.randrange(5)
                if how == 0:
                    data = data[: rng.randrange(max(1, len(data)))]
                elif how == 1:
                    at = rng.randrange(max(1, len(data)))
                    data = data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]
                elif how == 2:
                    continue  # a part missing
                elif how == 3:
                    data = data.replace(b'val="', b'val="ZZ', 1).replace(b'cx="', b'cx="-', 1)
                else:
                    data = b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>"
            target.writestr(info, data)
        if rng.random() < 0.2:
            target.writestr("ppt/media/zeros.bin", b"\0" * 50_000_000)
    return out.getvalue()


def load_base(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
