"""The customer's copy carries nothing internal: no value of an internal field anywhere in the PPTX, PDF or HTML it makes.

Every internal field's values are collected from the plan (texts of 4 or more characters, as runs of words; numbers
as the deck writes them) and looked for in everything a customer receives: slide text, tables, speaker notes,
document properties, the charts' embedded workbooks, alt texts, hyperlinks, the PDF's metadata and bookmarks and
the HTML source. A value that a shown field holds too (the key account manager also owns a contact) is not a leak.
"""

from __future__ import annotations

import html
import io
import re
import subprocess
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from pypdf import PdfReader

from kamdoc.outline.richtext import plain
from kamdoc.outline.words import _WORDS, amount, day, number, percent
from kamdoc.standard.plan import Plan
from kamdoc.standard.sections import SECTIONS
from kamdoc.standard.visibility import declarations, is_internal, model_in
from kamdoc.standard.vocab import VOCABULARY, label
from kamdoc.validate.plan import validate_file

ROOT = Path(__file__).resolve().parents[2]
PLANS = [
    ROOT / "plans" / "brenner-werke" / "plan.yaml",
    ROOT / "plans" / "halvorsen-logistics" / "plan.yaml",
    ROOT / "tests" / "data" / "base" / "plan.yaml",
    ROOT / "tests" / "data" / "stress" / "plan.yaml",
]
TODAY = "2026-11-22"
WINDOW = 5
"""Words in a run looked for: a long internal text is found even where the deck breaks it over lines or slides."""


def _values(plan: Plan) -> tuple[set[str], set[str]]:
    """The texts of the plan's internal fields and of its shown ones, each as it could appear on a slide."""
    internal: set[str] = set()
    shown: set[str] = set()
    todo: list[tuple[str, Any, bool]] = [("", plan, False)]
    while todo:
        prefix, value, hidden = todo.pop()
        for name, info in type(value).model_fields.items():
            path = prefix + (info.alias or name)
            inner_hidden = hidden or is_internal(path)
            field_value = getattr(value, name)
            items = (
                field_value
                if isinstance(field_value, list)
                else list(field_value.values())
                if isinstance(field_value, dict)
                else [field_value]
            )
            if model_in(info.annotation) is not None:
                todo += [(path + ".", item, inner_hidden) for item in items if isinstance(item, BaseModel)]
                continue
            (internal if inner_hidden else shown).update(_shown_forms(field_value, plan))
    return internal, shown


def _shown_forms(value: Any, plan: Plan) -> set[str]:
    """How a field's value can appear in a deck: texts as they read, closed-list values as terms, numbers as formatted."""
    out: set[str] = set()
    # A mapping's keys are years (shown) or names from the standard (`speaker_notes: {power_map: …}`, not shown).
    values = (
        value
        if isinstance(value, list)
        else [(k, v) if isinstance(k, int) else v for k, v in value.items()]
        if isinstance(value, dict)
        else [value]
    )
    for item in values:
        for one in item if isinstance(item, tuple) else (item,):
            if isinstance(one, bool) or one is None:
                continue
            if isinstance(one, (int, float)):
                fin = plan.financials
                out |= {
                    number(one, plan.language),
                    percent(one, plan.language),
                    amount(one, fin.currency, fin.unit, plan.language),
                }
            elif isinstance(one, date):
                out.add(day(one, plan.language))
            elif isinstance(one, str) and one in CODES:
                out |= {label(name, one, plan.language) for name in CODES[one]}
            elif isinstance(one, str):
                out.add(plain(one))
    return {text for text in out if len(text) >= 4}


CODES = {
    term.value: [name for name, terms in VOCABULARY.items() if any(t.value == term.value for t in terms)]
    for terms in VOCABULARY.values()
    for term in terms
}
"""Each closed-list value and the lists it is in: the deck shows its term ("Feind"), never the value ("enemy")."""


LABELS = [
    text
    for pair in (*_WORDS.values(), *(s.title for s in SECTIONS), *(e.title for s in SECTIONS for e in s.agenda))
    for text in pair
]
"""The deck's own words in both languages ("Customer profile"): a closed-list term that is one of them says nothing."""


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _runs(text: str) -> set[tuple[str, ...]]:
    """A text as runs of WINDOW words (the whole text when shorter): found wherever the deck breaks it over lines."""
    words = _tokens(text)
    if len(words) <= WINDOW:
        return {tuple(words)} if len("".join(words)) >= 4 else set()
    return {tuple(words[i : i + WINDOW]) for i in range(len(words) - WINDOW + 1)}


def _grams(texts: list[str]) -> set[tuple[str, ...]]:
    """Every run of 1 to WINDOW words in the texts."""
    out: set[tuple[str, ...]] = set()
    for text in texts:
        words = _tokens(text)
        for n in range(1, WINDOW + 1):
            out.update(tuple(words[i : i + n]) for i in range(len(words) - n + 1))
    return out


def _xml_text(data: bytes) -> list[str]:
    """An XML part's text and its attributes' values (alt texts, link targets), unescaped."""
    source = data.decode("utf-8", "replace")
    attributes = [
        html.unescape(v)
        for v in re.findall(r'\s(?:descr|title|alt|aria-label|href|name|Target|lang)="([^"]*)"', source)
    ]
    return [html.unescape(re.sub(r"<[^>]+>", "", source)), html.unescape(re.sub(r"<[^>]+>", " ", source)), *attributes]


def _package_text(data: bytes) -> list[str]:
    """Every text of an Office package and of the packages inside it (the charts' workbooks)."""
    out: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            part = package.read(name)
            if name.endswith((".xlsx", ".xlsm")) or part[:2] == b"PK":
                out += _package_text(part)
            elif name.endswith((".xml", ".rels")):
                out += _xml_text(part)
    return out


def _pdf_text(path: Path) -> list[str]:
    """A PDF's text, metadata, bookmarks and link targets."""
    reader = PdfReader(path)
    out = [subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout]
    out += [str(value) for value in (reader.metadata or {}).values()]
    todo: list[Any] = list(reader.outline)
    while todo:
        item = todo.pop()
        if isinstance(item, list):
            todo += item
        else:
            out.append(str(item.title))
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            out.append(str(action.get("/URI", "")))
    return out


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, list[str]]:
    from click.testing import CliRunner

    from kamdoc.cli import main

    out = tmp_path_factory.mktemp("customer")
    texts: dict[Path, list[str]] = {}
    for plan in PLANS:
        folder = out / plan.parent.name
        run = CliRunner().invoke(
            main,
            [
                "render",
                str(plan),
                "--audience",
                "customer",
                "--to",
                "pptx,pdf,html",
                "--out",
                str(folder),
                "--today",
                TODAY,
            ],
        )
        assert run.exit_code == 0, run.output
        files = sorted(folder.iterdir())
        assert {f.suffix for f in files} >= {".pptx", ".pdf", ".html"}, files
        found: list[str] = []
        for file in files:
            if file.suffix == ".pptx":
                found += _package_text(file.read_bytes())
            elif file.suffix == ".pdf":
                found += _pdf_text(file)
            elif file.suffix == ".html":
                # The theme's style sheet and class names name every attitude; they are the theme's words, not the plan's.
                source = re.sub(
                    r'<style.*?</style>|<meta[^>]*>|\s(?:class|style)="[^"]*"',
                    " ",
                    file.read_text(encoding="utf-8"),
                    flags=re.S,
                )
                found += _xml_text(source.encode())
        texts[plan] = found
    return texts


@pytest.mark.parametrize("plan_file", PLANS, ids=[p.parent.name for p in PLANS])
def test_no_internal_value_reaches_the_customer(plan_file: Path, rendered: dict[Path, list[str]]) -> None:
    result = validate_file(plan_file, date.fromisoformat(TODAY))
    assert result.plan is not None
    internal, shown = _values(result.plan)
    runs = {run for value in internal for run in _runs(value)} - _grams([*shown, *LABELS])
    assert len(runs) > 20  # the plan has internal values to leak, or the test would prove nothing
    leaked = sorted(" ".join(run) for run in runs & _grams(rendered[plan_file]))
    assert not leaked, leaked[:20]


def test_the_customer_copy_shows_what_is_declared_for_the_customer(rendered: dict[Path, list[str]]) -> None:
    # The other side of the allow-list: the shown fields do reach the customer (the account, a shared goal, the team).
    corpus = re.sub(r"\s+", " ", "\n".join(rendered[PLANS[0]])).casefold()
    for text in (
        "brenner werke ag",
        "erstellt für brenner werke ag",
        "in brenners lieferantenbewertung",
        "jana schmidt",
        "vertraulich",
    ):
        assert text in corpus, text
    assert "nur für den internen gebrauch" not in corpus


def test_every_field_declares_who_sees_it() -> None:
    undeclared = [path for path, (_, seen) in declarations().items() if seen is None]
    assert not undeclared, f"declare seen=CUSTOMER or seen=INTERNAL in about(...) for: {undeclared}"


def test_a_field_without_a_declaration_is_internal() -> None:
    from pydantic import create_model

    from kamdoc.standard.model import Part, about, seen_by

    model = create_model("Extra", __base__=Part, secret=(str, about("Added by someone who forgot to say who sees it.")))
    assert seen_by(model.model_fields["secret"]) is None
    assert is_internal("cover.no_such_field")
