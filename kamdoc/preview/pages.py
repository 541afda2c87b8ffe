"""The preview's pages and the parts of them that change on a save, from its own templates (sandboxed and escaped like the deck's)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from kamdoc.preview.words import word, words
from kamdoc.preview.workspace import AUDIENCES, Row, View

if TYPE_CHECKING:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

TEMPLATES = Path(__file__).parent / "templates"


@cache
def _env() -> ImmutableSandboxedEnvironment:
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = ImmutableSandboxedEnvironment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined)
    env.globals["word"] = word
    return env


def _render(name: str, **values: Any) -> str:
    return _env().get_template(name).render(**values)


def _style(css: str) -> str:
    """The deck's stylesheet made safe to sit in a <style> element: nothing in it can close the element."""
    return css.replace("</", "<\\/")


def _data(value: object) -> str:
    """JSON for a <script type="application/json"> element: `<` written as an escape, so no text ends the element."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")


def view_data(view: View) -> dict[str, Any]:
    """What the page's script gets after a save: the slides, the deck's style and the problems, as HTML made here."""
    return {
        "version": view.version,
        "title": view.title,
        "count": view.count,
        "style": _style(view.style),
        "slides": view.slides or _render("empty.html.j2", words=words(view.language)),
        "errors": view.errors,
        "warnings": view.warnings,
        "errorsText": word("errors", view.language, view.errors),
        "warningsText": word("warnings", view.language, view.warnings),
        "problems": _render("problems.html.j2", view=view, words=words(view.language)),
    }


def deck_page(view: View, prefix: str, with_plans: bool) -> str:
    """The page of one deck: the bar (audience, slide number, warnings), the slide strip, the slide, and the problems."""
    data = view_data(view)
    return _render(
        "deck.html.j2",
        view=view,
        data=data,
        prefix=prefix,
        audiences=AUDIENCES,
        words=words(view.language),
        with_plans=with_plans,
        script_data=_data(
            {
                "api": f"{prefix}/api/deck/{quote(view.slug)}",
                "events": f"{prefix}/events",
                "audience": view.audience,
                "words": words(view.language),
            }
        ),
    )


def plans_page(rows: list[Row], prefix: str, language: str, version: int, problem: str = "") -> str:
    """The start page: every plan with its health and a link to its deck."""
    return _render(
        "plans.html.j2",
        rows=rows,
        prefix=prefix,
        words=words(language),
        language=language,
        version=version,
        problem=problem,
        script_data=_data({"api": f"{prefix}/api/plans", "events": f"{prefix}/events"}),
    )


def plans_rows(rows: list[Row], prefix: str, language: str, problem: str = "") -> str:
    """The start page's table body, made again after a save."""
    return _render("rows.html.j2", rows=rows, prefix=prefix, words=words(language), problem=problem)


def not_found(slug: str, prefix: str, language: str) -> str:
    return _render("missing.html.j2", slug=slug, prefix=prefix, words=words(language), language=language)
