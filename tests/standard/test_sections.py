"""The section registry: one declaration per section, which the model, schema, rules, diff, deck and scaffold all read."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, get_args

import pytest
from conftest import DATA, ROOT
from pydantic import BaseModel

from kamdoc.standard.model import closed
from kamdoc.standard.plan import Plan
from kamdoc.standard.sections import SECTIONS, Section
from kamdoc.standard.vocab import VOCABULARY


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models_in(arg)]


def _resolve(section: Section, path: tuple[str, ...] | list[str]) -> Any:
    """The annotation a path inside a section leads to; fails the test if a step names no field."""
    annotation: Any = section.type
    for step in path:
        if step == "*":
            (annotation,) = (
                [a for a in get_args(annotation) if a is not type(None)] if get_args(annotation) else (annotation,)
            )
            continue
        (model,) = _models_in(annotation)[:1]
        by_name = {
            info.alias or name: info for name, info in model.model_fields.items()
        }  # as the plan writes it: `from`
        assert step in by_name, f"{section.key}: {'.'.join(path)}: {model.__name__} has no field {step!r}"
        annotation = by_name[step].annotation
    return annotation


def test_the_plan_model_has_one_field_per_section_in_the_registry_order() -> None:
    assert list(Plan.model_fields) == [s.key for s in SECTIONS]


def test_the_typed_view_of_the_plan_names_only_registry_sections() -> None:
    # Type checkers see a hand-written class; at run time the plan is made from the registry. They must agree.
    tree = ast.parse((ROOT / "kamdoc" / "standard" / "sections.py").read_text(encoding="utf-8"))
    stub = next(node for node in ast.walk(tree) if isinstance(node, ast.ClassDef) and node.name == "TypedPlan")
    typed = [
        node.target.id for node in stub.body if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
    ]
    assert typed == [s.key for s in SECTIONS if s.key in typed]
    assert set(typed) == {s.key for s in SECTIONS}


def test_every_closed_list_is_some_fields_type_and_its_values_are_the_vocabularys() -> None:
    from kamdoc.standard.plan import Plan

    used, todo = set(), [Plan.model_json_schema()]
    while todo:  # every enum anywhere in the schema
        node = todo.pop()
        if isinstance(node, dict):
            if isinstance(node.get("enum"), list):
                used.add(tuple(node["enum"]))
            todo += node.values()
        elif isinstance(node, list):
            todo += node
    for name, terms in VOCABULARY.items():
        values = [t.value for t in terms]
        assert tuple(values) in used, name  # a closed list no field uses is dead
        (literal, *_) = get_args(closed(name))
        assert list(get_args(literal)) == values, name


@pytest.mark.parametrize("section", SECTIONS, ids=[s.key for s in SECTIONS])
def test_every_declared_path_names_real_fields(section: Section) -> None:
    for path, keys in section.identity:
        for key in keys:
            _resolve(section, [*path, "*", key])
    for path, name in section.people:
        _resolve(section, [*path, "*", name])
    for path, names in section.named:
        for name in (names,) if isinstance(names, str) else names:
            _resolve(section, [*path, "*", name])
    for ref in section.refers:
        _resolve(section, [*ref.path, "*", ref.field])
        target = next(s for s in SECTIONS if s.key == ref.target[0])
        _resolve(target, [*ref.target[1:], "*", ref.key])
    for need in section.needs:
        for name in (need.when[0], need.field):
            _resolve(section, [*need.path, "*", name])
    if section.table:
        for column in section.table.columns:
            _resolve(section, ["*", column.field])
            assert column.show != "term" or column.vocabulary in VOCABULARY


def test_every_agenda_entry_can_be_drawn() -> None:
    from kamdoc.outline.sections import SLIDES as _BUILDERS

    for section in SECTIONS:
        for entry in section.agenda:
            assert entry.key in _BUILDERS or section.table is not None, (
                f"{section.key}: {entry.key} has no slide builder"
            )


# A section a team might add: declared in the registry and nowhere else. The script below adds it to the registry
# before anything else of kamdoc is imported, as if its declaration stood in kamdoc/standard/sections.py.
# A section a team might add, declared in a fixture module the way docs/architecture.md says (tests/data/sections/):
# the script adds it to the registry before anything else of kamdoc is imported.
_NEW_SECTION = textwrap.dedent("""
    import io, json, sys
    from datetime import date, datetime, timezone
    from pathlib import Path

    sys.path.insert(0, sys.argv[4])
    import sustainability

    sustainability.add()

    import pdfplumber
    from pptx import Presentation

    from kamdoc.analyse.diff import compare
    from kamdoc.commands.scaffold import scaffold_text
    from kamdoc.outline.change_words import ChangeWords
    from kamdoc.outline.plan_deck import build_outline
    from kamdoc.pipeline.render import render_formats
    from kamdoc.standard.reference import standard_markdown
    from kamdoc.standard.schema import plan_schema
    from kamdoc.theme.settings import load_theme
    from kamdoc.validate.plan import validate_file

    old, new, wrong = (validate_file(Path(name), date(2026, 11, 22)) for name in sys.argv[1:4])
    assert new.plan is not None, [f.field + ": " + f.message for f in new.errors]
    deck = build_outline(new.plan, new.doc, load_theme())
    customer = build_outline(new.plan, new.doc, load_theme(), audience="customer")
    made = render_formats(deck, ("pptx", "pdf"), load_theme(), datetime(2026, 11, 22, tzinfo=timezone.utc))
    pptx = Presentation(io.BytesIO(made["pptx"]))
    drawn = [shape.text_frame.text for slide in pptx.slides for shape in slide.shapes if shape.has_text_frame]
    drawn += [cell.text for slide in pptx.slides for shape in slide.shapes if shape.has_table for row in shape.table.rows for cell in row.cells]
    with pdfplumber.open(io.BytesIO(made["pdf"])) as pdf:
        printed = [page.extract_text() or "" for page in pdf.pages]
    texts = lambda d: [(s.title, " ".join(str(getattr(e, "rows", "")) for e in s.elements)) for s in d.slides]
    changes = compare(old.plan, new.plan) + compare(new.plan, new.plan.model_copy(update={"sustainability": [
        new.plan.sustainability[0].model_copy(update={"our_cost": "50 k€ a year"})]}))
    print(json.dumps({
        "schema": plan_schema()["properties"].get("sustainability", {}).get("description"),
        "schema_de": plan_schema("de")["$defs"]["Initiative"]["properties"]["our_cost"]["description"],
        "reference": "`sustainability`" in standard_markdown(),
        "scaffold": "sustainability: []" in scaffold_text("en"),
        "errors": [f.field + ": " + f.message for f in wrong.errors],
        "changes": [(c.section, c.where, c.kind) for c in changes],
        "changes_de": [ChangeWords("de").line(c) for c in changes],
        "slides": texts(deck),
        "customer": texts(customer),
        "pptx": drawn,
        "pdf": printed,
        "agenda": [e.rows if hasattr(e, "rows") else [r.text for p in e.paras for r in p.runs] for e in next(s for s in deck.slides if s.kind == "agenda").elements],
    }))
""")

_SECTION_TEXT = """
sustainability:
  - initiative: Solar roofs on both plants
    contact: {contact}
    our_cost: 40 k€ a year
    impact: Cuts the plants' **energy bill** by a fifth.
"""


def test_a_section_declared_in_a_module_validates_renders_in_both_formats_and_shows_in_the_diff(tmp_path: Path) -> None:
    plans = []
    for name, text in (
        ("old", ""),
        ("new", _SECTION_TEXT.format(contact="lkhan")),
        ("wrong", _SECTION_TEXT.format(contact="nobody")),
    ):
        folder = tmp_path / name
        shutil.copytree(DATA / "base", folder)
        plan = folder / "plan.yaml"
        plan.write_text(plan.read_text(encoding="utf-8") + text, encoding="utf-8")
        plans.append(str(plan))
    (tmp_path / ".git").mkdir()  # the plans' repo
    run = subprocess.run(
        [sys.executable, "-c", _NEW_SECTION, *plans, str(DATA / "sections")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr

    seen = json.loads(run.stdout)
    assert seen["schema"] == "Sustainability initiatives with the customer (optional)."
    assert seen["reference"] and seen["scaffold"]
    assert any(e.startswith("sustainability[0].contact: 'nobody' is not the id of a person") for e in seen["errors"]), (
        seen["errors"]
    )
    assert ["sustainability", "sustainability: Solar roofs on both plants", "added"] in seen["changes"]
    titles = [title for title, _ in seen["slides"]]
    assert "Sustainability" in titles
    shown = dict(seen["slides"])["Sustainability"]
    assert "Solar roofs on both plants" in shown and "Leila Khan" in shown and "40 k€ a year" in shown
    assert "energy bill" in shown and "**" not in shown
    assert "40 k€ a year" not in dict(seen["customer"])["Sustainability"]
    assert "Sustainability" in json.dumps(seen["agenda"])
    assert "Sustainability" in seen["pptx"] and "Solar roofs on both plants" in seen["pptx"]
    printed = "\n".join(seen["pdf"])
    assert "Sustainability" in printed and "Solar roofs on both plants" in printed and "Backed by" in printed
    assert seen["schema_de"] == "Was sie uns kostet."
    assert (
        "Nachhaltigkeit: Solar roofs on both plants: Unsere Kosten: 40 k€ a year → 50 k€ a year" in seen["changes_de"]
    )


def test_every_field_has_its_label_and_its_german_beside_it() -> None:
    from kamdoc.standard.model import GERMAN, LABEL, item_model
    from kamdoc.standard.plan import Plan

    seen, todo, missing = set(), [Plan], []
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
            label = extra.get(LABEL)
            if model is not Plan and not (isinstance(label, list) and all(isinstance(x, str) and x for x in label)):
                missing.append(f"{model.__name__}.{name}: label=(English, German)")
            if not isinstance(extra.get(GERMAN), str):
                missing.append(f"{model.__name__}.{name}: de=...")
            inner = item_model(info.annotation)
            if inner is not None:
                todo.append(inner)
    assert len(seen) > 30 and missing == [], "\n".join(missing)
