"""The section registry: one declaration per section, which the model, schema, rules, diff, deck and scaffold all read."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, get_args

import pytest
from conftest import DATA, ROOT
from pydantic import BaseModel

from kamdoc.standard.model import CLOSED
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
    tree = ast.parse((ROOT / "kamdoc" / "standard" / "plan.py").read_text(encoding="utf-8"))
    stub = next(node for node in ast.walk(tree) if isinstance(node, ast.ClassDef) and node.name == "Plan")
    typed = [
        node.target.id for node in stub.body if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
    ]
    assert typed == [s.key for s in SECTIONS if s.key in typed]
    assert set(typed) == {s.key for s in SECTIONS}


def test_closed_types_hold_the_vocabulary_values() -> None:
    assert set(CLOSED) == set(VOCABULARY)
    for name, annotation in CLOSED.items():
        (literal, *_) = get_args(annotation)
        assert get_args(literal) == tuple(t.value for t in VOCABULARY[name]), name


@pytest.mark.parametrize("section", SECTIONS, ids=[s.key for s in SECTIONS])
def test_every_declared_path_names_real_fields(section: Section) -> None:
    for path, keys in section.identity:
        for key in keys:
            _resolve(section, [*path, "*", key])
    for path, name in (*section.people, *section.named):
        _resolve(section, [*path, "*", name])
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
_NEW_SECTION = textwrap.dedent('''
    import json, sys
    from datetime import date
    from pathlib import Path

    from kamdoc.standard import sections
    from kamdoc.standard.model import CUSTOMER, INTERNAL, Id, Markdown, Part, Text, about


    class Initiative(Part):
        """A sustainability initiative we run with the customer."""

        initiative: Text = about("The initiative.", seen=CUSTOMER)
        contact: Id | None = about("The person at the customer who backs it (a power map id).", default=None, seen=CUSTOMER)
        our_cost: Text | None = about("What it costs us.", default=None, seen=INTERNAL)
        impact: Markdown | None = about("What it changes for the customer.", default=None, seen=CUSTOMER)


    sections.SECTIONS = (*sections.SECTIONS, sections.Section(
        "sustainability", list[Initiative], about("Sustainability initiatives with the customer (optional).", default_factory=list, seen=CUSTOMER),
        ("Sustainability", "Nachhaltigkeit"),
        table=sections.Table((sections.Column("initiative", ("Initiative", "Initiative")),
                              sections.Column("contact", ("Backed by", "Unterstützt von"), "person"),
                              sections.Column("our_cost", ("Our cost", "Unsere Kosten")),
                              sections.Column("impact", ("Impact", "Wirkung"), "markdown"))),
        identity=(((), ("initiative",)),), people=(((), "contact"),), named=(((), "initiative"),),
        scaffold=("sustainability: []   # - {initiative: ..., contact: person-id}", "sustainability: []   # - {initiative: ..., contact: person-id}"),
    ))

    from kamdoc.analyse.diff import compare
    from kamdoc.commands.scaffold import scaffold_text
    from kamdoc.outline.plan_deck import build_outline
    from kamdoc.standard.reference import standard_markdown
    from kamdoc.standard.schema import plan_schema
    from kamdoc.theme.settings import load_theme
    from kamdoc.validate.plan import validate_file

    old, new, wrong = (validate_file(Path(name), date(2026, 11, 22)) for name in sys.argv[1:4])
    assert new.plan is not None, [f.field + ": " + f.message for f in new.errors]
    deck = build_outline(new.plan, new.doc, load_theme())
    customer = build_outline(new.plan, new.doc, load_theme(), audience="customer")
    import io
    from datetime import datetime, timezone
    from pptx import Presentation
    from kamdoc.render.formats import render_deck
    pptx = Presentation(io.BytesIO(render_deck(deck, "pptx", load_theme(), datetime(2026, 11, 22, tzinfo=timezone.utc))))
    drawn = [shape.text_frame.text for slide in pptx.slides for shape in slide.shapes if shape.has_text_frame]
    drawn += [cell.text for slide in pptx.slides for shape in slide.shapes if shape.has_table for row in shape.table.rows for cell in row.cells]
    texts = lambda d: [(s.title, " ".join(str(getattr(e, "rows", "")) for e in s.elements)) for s in d.slides]
    print(json.dumps({
        "schema": plan_schema()["properties"].get("sustainability", {}).get("description"),
        "reference": "`sustainability`" in standard_markdown(),
        "scaffold": "sustainability: []" in scaffold_text("en"),
        "errors": [f.field + ": " + f.message for f in wrong.errors],
        "changes": [(c.section, c.where, c.kind) for c in compare(old.plan, new.plan)],
        "slides": texts(deck),
        "customer": texts(customer),
        "pptx": drawn,
        "agenda": [e.rows if hasattr(e, "rows") else [r.text for p in e.paras for r in p.runs] for e in deck.slides[1].elements],
    }))
''')

_SECTION_TEXT = """
sustainability:
  - initiative: Solar roofs on both plants
    contact: {contact}
    our_cost: 40 k€ a year
    impact: Cuts the plants' **energy bill** by a fifth.
"""


def test_a_registry_entry_alone_makes_a_section_appear_in_schema_rules_diff_and_deck(tmp_path: Path) -> None:
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
        [sys.executable, "-c", _NEW_SECTION, *plans], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert run.returncode == 0, run.stderr
    import json

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
