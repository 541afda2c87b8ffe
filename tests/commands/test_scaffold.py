"""`kamdoc new`: a commented plan with every section, valid on its own, never overwriting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import kamdoc

SECTIONS = [
    "cover:",
    "profile:",
    "buying_strategy:",
    "power_map:",
    "swot:",
    "# position:",
    "mission:",
    "goals:",
    "financials:",
    "key_projects:",
    "account_team:",
    "relationship_plan:",
    "marketing:",
]


@pytest.mark.parametrize(
    ("language", "comment"), [("en", "# Power map: the key people"), ("de", "# Power-Map: Schlüsselpersonen")]
)
def test_new_plan_is_valid_and_guides_in_its_language(in_tmp: Path, language: str, comment: str) -> None:
    run = kamdoc(
        "new", "acme", "--account", 'ACME "Müller" & Co: Antriebe', "--language", language, "--manager", "Jana Schmidt"
    )
    assert run.code == 0, run.err
    plan = in_tmp / "plans" / "acme" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../kap.schema.json\n")
    assert comment in text
    assert f"language: {language}\n" in text
    for section in SECTIONS:
        assert f"\n{section}" in text
    check = kamdoc("validate", plan.parent, "--format", "json")
    assert check.code == 0, check.out
    findings = json.loads(check.out)["findings"]
    assert findings and all(f["severity"] == "warning" for f in findings)
    assert "cover.account" not in {f["field"] for f in findings}  # the account was given
    assert json.loads((in_tmp / "plans" / "kap.schema.json").read_text())["properties"]["kamdoc"]["const"] == 1


@pytest.mark.parametrize("language", ["en", "de"])
def test_new_guides_in_comments_and_puts_nothing_but_todo_into_values(in_tmp: Path, language: str) -> None:
    from ruamel.yaml import YAML

    from kamdoc.validate.walk import texts_in

    assert kamdoc("new", "acme", "--language", language).code == 0
    plan = in_tmp / "plans" / "acme" / "plan.yaml"
    data = YAML(typ="safe").load(plan.read_text(encoding="utf-8"))
    todo = [(path, value) for path, value in texts_in(data) if "TODO" in value]
    assert len(todo) >= 8 and all(value == "TODO" for _, value in todo), todo  # hints in values once ended up on slides
    assert ("cover", "account") in {path for path, _ in todo}
    said = kamdoc("new", "other", "--language", language).out
    assert said.startswith("geschrieben:" if language == "de" else "wrote ")


def test_new_refuses_to_overwrite(in_tmp: Path) -> None:
    assert kamdoc("new", "acme").code == 0
    plan = in_tmp / "plans" / "acme" / "plan.yaml"
    plan.write_text("# my work\n")
    run = kamdoc("new", "acme", "--account", "Other")
    assert run.code == 1
    assert "already exists" in run.err
    assert plan.read_text() == "# my work\n"
    assert [p.name for p in plan.parent.iterdir()] == ["plan.yaml"]  # no temporary file left behind


def test_new_rejects_a_bad_slug(in_tmp: Path) -> None:
    run = kamdoc("new", "ACME Corp")
    assert run.code == 2
    assert "not a valid plan name" in run.err
    assert not (in_tmp / "plans").exists()


def test_a_new_plan_renders_right_away(in_tmp: Path) -> None:
    assert kamdoc("new", "fresh", "--account", "Neukunde GmbH", "--language", "de").code == 0
    run = kamdoc("render", "plans/fresh", "--to", "pptx,pdf", "--out", "build")
    assert run.code == 0, run.err
    assert (in_tmp / "build" / "fresh.pptx").is_file() and (in_tmp / "build" / "fresh.pdf").is_file()


KAMDOC_YAML = """portfolio:
  criteria:
    - {id: revenue_potential, name: Revenue potential, weight: 50}
    - {id: margin, name: Achievable margin, weight: 20}
    - {id: access, name: Access to decision-makers, weight: 30}
  knock_outs:
    - {id: size, name: At least 1000 employees}
"""


def test_new_stubs_the_assessment_and_validate_says_once_what_is_missing(in_tmp: Path) -> None:
    (in_tmp / "kamdoc.yaml").write_text(KAMDOC_YAML, encoding="utf-8")
    assert kamdoc("new", "acme", "--account", "ACME", "--plans-dir", "plans").code == 0
    text = (in_tmp / "plans" / "acme" / "plan.yaml").read_text(encoding="utf-8")
    assert (
        "#     revenue_potential: {score: 3, reason: …}   # Revenue potential" in text
    )  # one line per criterion, as comments
    assert (
        "#     access: {score: 3, reason: …}" in text
        and "#     size: {met: true, reason: …}   # At least 1000 employees" in text
    )
    run = kamdoc("validate", "plans/acme")
    assert run.code == 0  # guidance, not an error
    said = [line for line in run.out.splitlines() if "selection criteria" in line]
    assert (
        len(said) == 1
        and "names 3 selection criteria (revenue_potential, margin, access) and this plan scores none" in said[0]
    )
    plan = in_tmp / "plans" / "acme" / "plan.yaml"
    plan.write_text(
        text.replace("# assessment:", "assessment:")
        .replace("#   scores:", "  scores:")
        .replace("#     revenue_potential:", "    revenue_potential:")
        .replace("#     access:", "    access:"),
        encoding="utf-8",
    )
    assert not any("selection criteria" in line for line in kamdoc("validate", "plans/acme").out.splitlines())
