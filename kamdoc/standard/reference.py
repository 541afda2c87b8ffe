"""The plan standard as a Markdown reference (docs/standard.md), written from the same schema and vocabulary that validation uses."""

from __future__ import annotations

import re
from typing import Any

from kamdoc import FORMAT
from kamdoc.standard.vocab import VOCABULARY

_ALLOWED = re.compile(r"\s*Allowed: .*\Z", re.S)
_DEFS = "#/$defs/"
LONG_LIST = 40
"""A closed list longer than this (the currency codes) is counted in the reference, not spelled out."""


def standard_markdown() -> str:
    """The whole reference: sections, every field with its type and meaning, closed lists, rules and limits."""
    from kamdoc.standard.schema import plan_schema

    schema = plan_schema()
    lists = {tuple(t.value for t in terms): name for name, terms in VOCABULARY.items()}
    parts = [_head(schema), _sections(schema)]
    for title, node in _models(schema):
        parts.append(_model(title, node, schema, lists))
    parts += [_closed_lists(), _limits()]
    return "\n\n".join(part.rstrip() for part in parts) + "\n"


def _head(schema: dict[str, Any]) -> str:
    return (
        f"# The key account plan standard, format {FORMAT}\n\n"
        "<!-- Written by `kamdoc schema --markdown > docs/standard.md` from kamdoc's plan model; "
        "a test fails when this file and the model differ. Do not edit it by hand. -->\n\n"
        f"{schema['description']}\n\n"
        "A plan is a folder `plans/<slug>/` holding `plan.yaml` and the files it names (a logo, Markdown texts); "
        "a bare `something.yaml` is a plan too. Every Markdown field may instead be `{file: name.md}`, a file "
        "beside the plan whose text stands for the value. Values of closed lists are written in English and shown "
        "in the deck's language. The JSON Schema of the same standard is printed by `kamdoc schema`.\n\n"
        "The column *customer's copy* says what `kamdoc render --audience customer` shows: a field marked *shown*, inside "
        "a section marked *shown*. Every other field stays with our side, and so does any field a later format adds "
        "without saying otherwise (the schema carries each field's `x-kamdoc-audience`). A repository's kamdoc.yaml may "
        "open more by name (`audiences: {customer: {show: [financials.products.actual]}}`) and may leave the power map "
        "out (`power_map: none`); our goals reach the customer only when marked `shared: true`."
    )


def _sections(schema: dict[str, Any]) -> str:
    from kamdoc.standard.sections import section

    rows = [
        "## Sections",
        "",
        "| section | required | in the deck (en / de) | customer's copy | what it holds |",
        "| --- | --- | --- | --- | --- |",
    ]
    required = set(schema.get("required", ()))
    for name, prop in schema["properties"].items():
        shown = f"[`{name}`](#{_anchor(name)})" if _model_ref(prop)[0] else f"`{name}`"
        declared = section(name)
        titles = " · ".join(f"{en} / {de}" for en, de in (e.title for e in declared.agenda)) if declared else ""
        rows.append(
            f"| {shown} | {'yes' if name in required else 'no'} | {_cell(titles) or '–'} | {_seen(prop)} | {_cell(_text(prop))} |"
        )
    return "\n".join(rows)


def _models(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Each model once, named by the path where it first appears (`power_map.people[]`), in the plan's order."""
    found: list[tuple[str, dict[str, Any]]] = [("plan", schema)]
    seen = {"plan"}
    queue: list[tuple[str, dict[str, Any]]] = [("", schema)]
    while queue:
        prefix, node = queue.pop(0)
        for name, prop in node.get("properties", {}).items():
            ref, many = _model_ref(prop)
            if ref is None or ref in seen:
                continue
            seen.add(ref)
            path = f"{prefix}{name}{'[]' if many else ''}"
            found.append((path, schema["$defs"][ref]))
            queue.append((f"{path}.", schema["$defs"][ref]))
    return found


def _model_ref(prop: dict[str, Any]) -> tuple[str | None, bool]:
    for option in [prop, *prop.get("anyOf", ())]:
        if "$ref" in option:
            return option["$ref"].removeprefix(_DEFS), False
        if option.get("type") == "array" and "$ref" in option.get("items", {}):
            return option["items"]["$ref"].removeprefix(_DEFS), True
    return None, False


def _model(title: str, node: dict[str, Any], schema: dict[str, Any], lists: dict[tuple[str, ...], str]) -> str:
    heading = "## The top level" if title == "plan" else f"### `{title}`"
    rows = [
        heading,
        "",
        _text(node) if title != "plan" else "The fields at the top of `plan.yaml`.",
        "",
        "| field | type | required | customer's copy | meaning |",
        "| --- | --- | --- | --- | --- |",
    ]
    required = set(node.get("required", ()))
    for name, prop in node.get("properties", {}).items():
        rows.append(
            f"| `{name}` | {_type(prop, schema, title, name, lists)} | {'yes' if name in required else 'no'} | {_seen(prop)} | {_cell(_text(prop))} |"
        )
    return "\n".join(rows)


def _seen(prop: dict[str, Any]) -> str:
    """Whether the customer's copy shows a field (inside a shown section): the field's declaration, kept in the schema."""
    from kamdoc.standard.model import AUDIENCE_KEY, CUSTOMER

    return "shown" if prop.get(AUDIENCE_KEY) == CUSTOMER else "–"


def _type(
    prop: dict[str, Any], schema: dict[str, Any], owner: str, name: str, lists: dict[tuple[str, ...], str]
) -> str:
    options = [o for o in prop.get("anyOf", [prop]) if o.get("type") != "null"]
    if any("file" in o.get("properties", {}) for o in options):
        return "Markdown, or `{file: name.md}`"
    return " or ".join(_one_type(o, schema, owner, name, lists) for o in options)


def _one_type(
    node: dict[str, Any], schema: dict[str, Any], owner: str, name: str, lists: dict[tuple[str, ...], str]
) -> str:
    path = "" if owner == "plan" else f"{owner}."
    if "$ref" in node:
        return f"[section](#{_anchor(path + name)})"
    if "enum" in node and len(node["enum"]) > LONG_LIST:
        return f"one of {len(node['enum'])} codes (the schema lists them)"
    if "enum" in node:
        closed = lists.get(tuple(node["enum"]))
        return (
            f"one of [{closed}](#{_anchor('list ' + closed)})"
            if closed
            else "one of " + ", ".join(f"`{v}`" for v in node["enum"])
        )
    if "const" in node:
        return f"`{node['const']}`"
    kind = node.get("type")
    if kind == "array":
        items = node.get("items", {})
        if "$ref" in items:
            what = f"[items](#{_anchor(path + name + '[]')})"
        else:
            what = _one_type(items, schema, owner, name, lists)
        bounds = _bounds(node.get("minItems"), node.get("maxItems"))
        return f"list of {what}{bounds}"
    if kind == "object" and "patternProperties" in node:
        return "numbers by year (`2025: 455`)" + (
            ", each ≥ 0" if any("minimum" in v for v in node["patternProperties"].values()) else ""
        )
    if kind == "object" and "file" in node.get("properties", {}):
        return "`{file: name.md}`"
    if kind == "string":
        if node.get("format") == "date":
            return "date (YYYY-MM-DD)"
        if node.get("pattern") == "^[a-z0-9_-]+$":
            return "id"
        if "pattern" in node:
            return f"text matching `{node['pattern']}`"
        return "text"
    if kind in ("number", "integer"):
        return ("whole number" if kind == "integer" else "number") + _bounds(
            node.get("minimum"), node.get("maximum"), ""
        )
    if kind == "boolean":
        return "true or false"
    if isinstance(kind, list):
        return " or ".join("text" if k == "string" else k for k in kind)
    return "Markdown text" if node.get("anyOf") else "value"


def _bounds(low: Any, high: Any, unit: str = " items") -> str:
    if unit == " items" and 1 in (low, high) and None in (low, high):
        unit = " item"
    if low is not None and high is not None:
        return f" ({low} to {high}{unit})"
    if low is not None:
        return f" (at least {low}{unit})"
    if high is not None:
        return f" (at most {high}{unit})"
    return ""


def _text(node: dict[str, Any]) -> str:
    return _ALLOWED.sub("", str(node.get("description", ""))).strip()


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _anchor(text: str) -> str:
    """The id GitHub gives a heading of this text."""
    return re.sub(r"[^a-z0-9 _-]", "", text.lower()).replace(" ", "-")


def _closed_lists() -> str:
    rows = [
        "## Closed lists",
        "",
        "Each value is written as it stands in the first column; decks show the label of the plan's language.",
    ]
    for name, terms in VOCABULARY.items():
        rows += ["", f"### list {name}", "", "| value | meaning | English | German |", "| --- | --- | --- | --- |"]
        rows += [f"| `{t.value}` | {_cell(t.meaning)} | {_cell(t.en)} | {_cell(t.de)} |" for t in terms]
    return "\n".join(rows)


def _limits() -> str:
    from kamdoc import limits as cap

    mb = 1024 * 1024
    return "\n".join(
        [
            "## Limits",
            "",
            "Plans arrive from strangers in pull requests; what is larger than this is refused with a message, never half read.",
            "",
            "| what | limit |",
            "| --- | --- |",
            f"| a plan file, and each Markdown file it pulls in | {cap.MAX_FILE_BYTES // mb} MB |",
            f"| one text value | {cap.MAX_TEXT:,} characters |",
            f"| nesting of mappings and lists | {cap.MAX_DEPTH} levels |",
            f"| a number | {cap.MAX_NUMBER_CHARS} characters; amounts and figures at most 10^{len(str(int(cap.MAX_AMOUNT))) - 1} (a thousand trillion) |",
            f"| a file name a plan gives | {cap.MAX_PATH_CHARS:,} characters, {cap.MAX_NAME_BYTES} bytes a folder or file name |",
            f"| an image file (logo) | {cap.MAX_IMAGE_BYTES // mb} MB and {cap.MAX_PIXELS // 1_000_000} megapixels |",
            f"| an SVG image | {cap.MAX_SVG_ELEMENTS:,} elements, {cap.MAX_SVG_DEPTH} levels deep, {cap.MAX_SVG_DRAWN:,} elements drawn once references "
            "are followed; no scripts, no files or URLs it refers to, no SVG inside it; a size in px, pt, mm, cm or in |",
            f"| the power map | {cap.MAX_PEOPLE:,} people, at most {cap.MAX_REPORTING_DEPTH} managers above anyone, {cap.MAX_LINKS:,} links |",
            "| YAML features | no anchors, aliases, merge keys, tags or second documents |",
            "| files a plan names | inside the plans repository and outside its `.git/`, never a URL or an absolute path |",
        ]
    )
