"""A theme from a pull request runs no code, reads nothing outside its folder and cannot hang the render."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import PLANS, kamdoc, within

from kamdoc.render import sandbox

PLAN = PLANS / "halvorsen-logistics"

ESCAPES = {
    "cycler-globals": "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}",
    "joiner-globals": "{{ joiner.__init__.__globals__.os.system('touch PWNED') }}",
    "lipsum-globals": "{{ lipsum.__globals__['os'].popen('touch PWNED') }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "format-string": "{{ '{0.__class__.__init__.__globals__}'.format(cycler) }}",
    "context": "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.popen('touch PWNED') }}",
    "helper-globals": "{{ indent.__globals__['os'].popen('touch PWNED') }}",
    "mutate-deck": "{{ slides.append(1) }}{{ colours.update({'a': 'b'}) }}",
}


def _theme(tmp_path: Path, deck_html: str) -> Path:
    theme = tmp_path / "theme"
    theme.mkdir(exist_ok=True)
    (theme / "deck.html.j2").write_text(deck_html, encoding="utf-8")
    return theme


def _render(tmp_path: Path, theme: Path) -> tuple[int, str]:
    run = kamdoc("render", PLAN, "--to", "pdf", "--theme", theme, "--out", tmp_path / "out")
    assert "Traceback" not in run.out + run.err
    return run.code, run.err


@pytest.mark.parametrize("name", sorted(ESCAPES))
def test_known_escapes_run_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.chdir(tmp_path)
    code, err = _render(
        tmp_path,
        _theme(
            tmp_path, '{% extends "default/deck.html.j2" %}{% block extra_style %}' + ESCAPES[name] + "{% endblock %}"
        ),
    )
    assert code == 1
    assert "the theme's PDF templates cannot be used" in err
    assert not (tmp_path / "PWNED").exists()
    assert not (tmp_path / "out").exists()


def test_a_link_out_of_the_theme_folder_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("token=ghp_very_secret\n")
    theme = _theme(
        tmp_path, '{% extends "default/deck.html.j2" %}{% block extra_style %}{% include "stolen.css" %}{% endblock %}'
    )
    os.symlink(secret, theme / "stolen.css")
    code, err = _render(tmp_path, theme)
    assert code == 1 and "stolen.css" in err and "ghp_very_secret" not in err
    assert not (tmp_path / "out").exists()


def test_a_path_out_of_the_theme_folder_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "secret.css").write_text("body { }\n")
    code, err = _render(tmp_path, _theme(tmp_path, '{% include "../secret.css" %}'))
    assert code == 1 and "cannot be used" in err


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("{{ 'a' * 1000000000 }}", "longer than 100,000 items"),
        ("{{ 10 ** 100000000 }}", "power above 64"),
        ("{% for i in range(1000000) %}{% endfor %}", "range of more than 100,000 numbers"),
        ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", "ran for more than 1 s"),
        ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "calls itself without end"),
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{{ 'x' * 90000 }}{% endfor %}{% endfor %}",
            "wrote more than 64 MB",
        ),
        ("{{ 1 / 0 }}", "ZeroDivisionError"),
    ],
    ids=["multiply", "power", "long-range", "nested-loops", "recursion", "output", "division"],
)
def test_templates_that_would_hang_or_blow_up_stop_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, expected: str
) -> None:
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 1.0)
    code, err = within(
        lambda: _render(tmp_path, _theme(tmp_path, body))
    )  # the sandbox's own 1 s limit ends it; this guards a hang
    assert code == 1 and expected in err, err


def test_an_oversized_template_is_refused(tmp_path: Path) -> None:
    code, err = _render(tmp_path, _theme(tmp_path, "<!-- " + "x" * 300_000 + " -->"))
    assert code == 1 and "larger than 256 KB" in err


def test_the_sandbox_checks_each_kind_of_attribute_once_per_theme(monkeypatch: pytest.MonkeyPatch) -> None:
    # Writing a deck's HTML looks up some 27,000 attributes; Jinja2's check of each depends only on the object's type
    # and the name, so it is asked once per pair, and an unsafe name stays refused after safe ones of the same type.
    from datetime import date, datetime

    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from kamdoc.outline.plan_deck import build_outline
    from kamdoc.render.pdf import Fetcher, deck_html
    from kamdoc.render.sandbox import environment, shared_environment
    from kamdoc.theme.settings import DEFAULT_DIR, load_theme
    from kamdoc.validate.plan import validate_file

    asked: list[str] = []
    check = ImmutableSandboxedEnvironment.is_safe_attribute

    def counted(self, obj, attr, value):  # type: ignore[no-untyped-def]
        asked.append(attr)
        return check(self, obj, attr, value)

    monkeypatch.setattr(ImmutableSandboxedEnvironment, "is_safe_attribute", counted)
    shared_environment.cache_clear()
    result = validate_file(PLANS / "brenner-werke" / "plan.yaml", date(2026, 12, 7))
    assert result.plan is not None and result.doc is not None
    theme = load_theme()
    html = deck_html(build_outline(result.plan, result.doc, theme), theme, datetime(2026, 12, 7), Fetcher())
    assert html.count('<section class="slide') > 30 and 20 < len(asked) < 300
    env = environment((DEFAULT_DIR,), DEFAULT_DIR)
    assert env.from_string("{{ x.real }}").render(x=3) == "3"
    with pytest.raises(SecurityError):
        env.from_string("{{ x.__class__ }}").render(x=3)
    shared_environment.cache_clear()
