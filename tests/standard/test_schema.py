"""The JSON Schema: generated from the model, complete for editors, and accepted by a third-party validator."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, PLANS, ROOT, kamdoc

from kamdoc.standard.vocab import VOCABULARY


def schema(language: str = "en") -> dict[str, Any]:
    run = kamdoc("schema", "--language", language)
    assert run.code == 0
    return json.loads(run.out)


def properties(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for name, prop in node.get("properties", {}).items():
            yield f"{path}.{name}", prop
        for key, value in node.items():
            yield from properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for item in node:
            yield from properties(item, path)


def test_schema_is_draft_2020_12_of_format_1() -> None:
    doc = schema()
    assert doc["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert doc["properties"]["kamdoc"]["const"] == 1
    assert set(doc["required"]) >= {
        "kamdoc",
        "cover",
        "profile",
        "buying_strategy",
        "power_map",
        "swot",
        "mission",
        "goals",
        "financials",
    }


def test_every_field_has_a_description() -> None:
    missing = [
        path for path, prop in properties(schema()) if path.split(".")[-1] != "file" and not prop.get("description")
    ]
    assert missing == []


def test_closed_lists_carry_their_values_and_meanings() -> None:
    text = json.dumps(schema())
    for name, terms in VOCABULARY.items():
        for term in terms:
            assert term.meaning in text, f"{name}: {term.value}"
    person = schema()["$defs"]["Person"]["properties"]
    roles = person["roles"]["items"]
    assert roles["enum"][0] == "decision-maker"
    assert roles["enumDescriptions"][0] == "Makes the final buying decision."
    assert "`decision-maker` (makes the final buying decision)" in person["roles"]["markdownDescription"]
    assert "decision-maker (makes the final buying decision)" in person["roles"]["description"]


def test_fields_have_examples() -> None:
    cover = schema()["$defs"]["Cover"]["properties"]
    assert cover["version"]["examples"] == ["2026-11-15"]
    assert cover["account"]["examples"] == ["ACME Industrial Group"]


def test_committed_schema_matches_the_model() -> None:
    assert (PLANS / "kap.schema.json").read_text(encoding="utf-8") == kamdoc("schema").out


def test_committed_standard_reference_matches_the_model() -> None:
    # Regenerate with: kamdoc schema --markdown -o docs/standard.md
    assert (ROOT / "docs" / "standard.md").read_text(encoding="utf-8") == kamdoc("schema", "--markdown").out


def test_standard_reference_names_every_field_and_every_closed_value() -> None:
    from kamdoc.standard.vocab import VOCABULARY

    text = kamdoc("schema", "--markdown").out
    for section in ("cover", "power_map.people[]", "goals[].milestones[]", "financials.products[]", "assessment"):
        assert f"### `{section}`" in text
    assert "| `reports_to` | id | no | shown | The id of the person this one reports to; no cycles. |" in text
    assert "| `roles` | list of one of [role](#list-role) (at least 1 item) | yes |" in text
    for name, terms in VOCABULARY.items():
        assert f"### list {name}" in text
        assert all(f"| `{t.value}` | {t.meaning} | {t.en} | {t.de} |" in text for t in terms)
    assert "| one text value | 100,000 characters |" in text


def test_example_plans_name_the_schema_in_their_modeline() -> None:
    for plan in sorted(PLANS.glob("*/plan.yaml")):
        assert plan.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../kap.schema.json\n")


def test_schema_written_to_a_file(tmp_path: Path) -> None:
    run = kamdoc("schema", "--output", tmp_path / "s.json")
    assert run.code == 0
    assert json.loads((tmp_path / "s.json").read_text())["$schema"].endswith("2020-12/schema")


def _check_jsonschema() -> list[str]:
    exe = shutil.which("check-jsonschema")
    if exe is None:
        pytest.fail("check-jsonschema is not installed (pip install -e '.[test]')")
    return [exe]


def test_check_jsonschema_accepts_every_valid_plan() -> None:
    plans = sorted(PLANS.glob("*/plan.yaml")) + [DATA / "base" / "plan.yaml"]
    run = subprocess.run(
        [*_check_jsonschema(), "--schemafile", str(PLANS / "kap.schema.json"), *map(str, plans)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("case", ["role-not-in-list", "field-missing", "unknown-field", "percent-over-100"])
def test_check_jsonschema_rejects_what_the_schema_can_see(case: str) -> None:
    run = subprocess.run(
        [*_check_jsonschema(), "--schemafile", str(PLANS / "kap.schema.json"), str(DATA / "bad" / f"{case}.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1, run.stdout


def test_editors_are_offered_no_null_default_and_one_title_per_field() -> None:
    text = json.dumps(schema())
    assert '"default": null' not in text
    for path, prop in properties(schema()):
        assert "title" not in prop, path  # the field's name is its title: hovers said "Status || Status"
        if "description" in prop:
            assert (
                "`" not in prop["description"] and prop["markdownDescription"].replace("`", "") == prop["description"]
            ), path


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("profile", "website"), "ftp://acme.example"),
        (("cover", "logo"), "https://acme.example/logo.png"),
        (("cover", "logo"), "/etc/logo.png"),
        (("financials", "currency"), "XYZ"),
        (("financials", "products", 0, "plan"), {}),
    ],
    ids=["website-scheme", "logo-url", "logo-absolute", "currency", "no-plan-year"],
)
def test_the_schema_says_the_rules_an_editor_can_check(where: tuple[Any, ...], value: Any) -> None:
    import yaml
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema())
    plan = yaml.safe_load((PLANS / "brenner-werke" / "plan.yaml").read_text(encoding="utf-8"))
    plan = json.loads(json.dumps(plan, default=str))  # dates as the text editors see
    assert not list(validator.iter_errors(plan))
    node = plan
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = value
    assert list(validator.iter_errors(plan)), where  # flagged as you type, as `kamdoc validate` flags it


def test_the_german_schema_helps_in_german_with_the_standards_names_and_values() -> None:
    run = kamdoc("schema", "--language", "de")
    assert run.code == 0, run.err
    german, english = json.loads(run.out), schema()
    described = [(path, prop) for path, prop in properties(german) if "description" in prop]
    originals = dict((path, prop) for path, prop in properties(english))
    assert described
    for path, prop in described:
        assert prop["description"] != originals[path]["description"], (
            path
        )  # every field's help is German, none left in English
        assert prop.get("enum") == originals[path].get("enum")  # keys and values stay those of the standard
    attitude = german["$defs"]["Person"]["properties"]["attitude"]
    assert attitude["markdownDescription"].startswith(
        "Wie die Person zu uns steht. Erlaubt: `mentor` (Berät und unterstützt uns aktiv)"
    )
    roles = german["$defs"]["Person"]["properties"]["roles"]["items"]
    assert (
        roles["enum"][0] == "decision-maker"
        and roles["enumDescriptions"][0] == "Trifft die endgültige Kaufentscheidung."
    )
    import yaml
    from jsonschema import Draft202012Validator

    plan = json.loads(
        json.dumps(yaml.safe_load((PLANS / "brenner-werke" / "plan.yaml").read_text(encoding="utf-8")), default=str)
    )
    assert not list(Draft202012Validator(german).iter_errors(plan))  # the same rules, only the words differ


def test_kamdoc_new_in_german_writes_the_german_schema(in_tmp: Path) -> None:
    assert kamdoc("new", "kunde", "--language", "de").code == 0
    written = json.loads((in_tmp / "plans" / "kap.schema.json").read_text(encoding="utf-8"))
    assert written["$defs"]["Cover"]["description"].startswith("Das Deckblatt")


_NOT_WORDS = (
    "enum",
    "examples",
    "const",
    "default",
    "description",
    "markdownDescription",
    "enumDescriptions",
    "markdownEnumDescriptions",
)
"""Keys a schema object holds plan data or its own texts under: not walked into for further texts."""


def texts_for_people(node: Any) -> Iterator[tuple[str, str]]:
    """Each text a schema shows people, as ("description", text) or ("meaning", a closed value's meaning), as `--language de` translates them."""
    if isinstance(node, list):
        for item in node:
            yield from texts_for_people(item)
        return
    if not isinstance(node, dict):
        return
    text = node.get("markdownDescription", node.get("description"))
    if isinstance(text, str):
        yield "description", text
    yield from (("meaning", meaning) for meaning in node.get("enumDescriptions", ()))
    for key, value in node.items():
        if key not in _NOT_WORDS:
            yield from texts_for_people(value)


def test_every_text_of_the_schema_and_the_reference_has_a_german_one() -> None:
    from kamdoc.standard.schema import untranslated

    texts = set(texts_for_people(schema()))
    assert len({text for kind, text in texts if kind == "description"}) > 150  # the walk finds the texts
    missing = untranslated()
    assert missing == [], (
        "no German beside these texts (about(..., de=...), german(...), a term's meaning_de):\n" + "\n".join(missing)
    )
    german = schema("de")
    english_texts = {text for _, text in texts}
    unchanged = sorted(text for _, text in set(texts_for_people(german)) if text in english_texts and len(text) > 12)
    assert unchanged == []  # every description and meaning the German schema shows is German


def test_a_field_without_german_is_shown_in_english_and_the_command_succeeds() -> None:
    from pydantic import BaseModel

    from kamdoc.standard.model import Part, about
    from kamdoc.standard.schema import _in_german

    class Draft(Part):
        """A part nobody translated yet."""

        said: str = about("A field with German.", de="Ein Feld mit Deutsch.")
        bare: str = about("A field without German.")

    raw: dict[str, object] = Draft.model_json_schema()
    assert isinstance(raw, dict) and issubclass(Draft, BaseModel)
    _in_german(raw)
    properties = raw["properties"]
    assert isinstance(properties, dict)
    assert properties["said"]["description"] == "Ein Feld mit Deutsch."
    assert properties["bare"]["description"] == "A field without German."  # English, never a KeyError
