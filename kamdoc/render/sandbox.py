"""Theme templates from strangers: a sandboxed, autoescaped Jinja2 environment whose work and reads are bounded.

A theme may sit in the plans repository, so a pull request can change it. Its templates get no
Python internals (Jinja2's immutable sandbox), read only files inside their own theme folders
(no link leads out), and stop with a message when they loop, multiply or write too much.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kamdoc.errors import KamdocError
from kamdoc.limits import MAX_THEME_OUTPUT_CHARS as MAX_OUTPUT_CHARS
from kamdoc.limits import MAX_THEME_SECONDS as MAX_SECONDS
from kamdoc.limits import MAX_THEME_SEQUENCE as MAX_SEQUENCE
from kamdoc.limits import MAX_THEME_TEMPLATE_BYTES as MAX_TEMPLATE_BYTES

SAFE_ANSWERS = 4096
"""How many (type, attribute name) answers of the sandbox one environment remembers; more are asked each time."""

if TYPE_CHECKING:  # Jinja is imported only when a PDF is made
    from jinja2.sandbox import ImmutableSandboxedEnvironment


class TemplateLimit(KamdocError):
    """A theme template did more work than any deck needs."""


class _Budget:
    """The deadline shared by everything one render does."""

    def __init__(self) -> None:
        self.restart()

    def restart(self) -> None:
        """A new render begins: it gets the whole time again."""
        self.deadline = time.monotonic() + MAX_SECONDS

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateLimit(
                f"the theme's PDF templates ran for more than {MAX_SECONDS:g} s; a template loops too much"
            )


def environment(
    folders: tuple[Path, ...], default_dir: Path, budget: _Budget | None = None
) -> ImmutableSandboxedEnvironment:
    """The sandbox: `folders` searched in order, and `default/NAME` always kamdoc's own `default_dir`."""
    from jinja2 import ChoiceLoader, PrefixLoader, StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    limits = budget or _Budget()
    answers: dict[tuple[type, str], bool] = {}

    class Sandbox(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            limits.check()
            if operator == "**" and isinstance(right, int | float) and abs(right) > 64:
                raise TemplateLimit("a theme template raises a number to a power above 64")
            if operator == "*" and _sequence_product(left, right) > MAX_SEQUENCE:
                raise TemplateLimit(f"a theme template makes a text or list longer than {MAX_SEQUENCE:,} items")
            return super().call_binop(context, operator, left, right)

        def call(self, context: Any, obj: Any, *args: Any, **kwargs: Any) -> Any:
            limits.check()
            return super().call(context, obj, *args, **kwargs)

        def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
            # Jinja2's answer depends only on the object's type and the name (its checks are isinstance and the
            # name's spelling), and a deck asks some 27,000 times: half of writing its HTML. Remembered, within a bound.
            key = (type(obj), attr)
            known = answers.get(key)
            if known is None:
                known = super().is_safe_attribute(obj, attr, value)
                if len(answers) < SAFE_ANSWERS:
                    answers[key] = known
            return known

    env = Sandbox(
        # A theme's own file wins; "default/deck.html.j2" always names kamdoc's, so that a theme's
        # deck.html.j2 can extend it and override only the blocks it needs.
        loader=ChoiceLoader([_InsideLoader(folders), PrefixLoader({"default": _InsideLoader((default_dir,))})]),
        autoescape=True,  # plan text is data: <script> in a plan is shown, never run
        undefined=StrictUndefined,
        trim_blocks=False,
    )
    env.globals["range"] = _bounded_range(limits)
    env.budget = limits  # type: ignore[attr-defined]  # restarted by each render
    return env


@lru_cache(maxsize=8)
def shared_environment(folders: tuple[Path, ...], default_dir: Path) -> ImmutableSandboxedEnvironment:
    """One sandbox per theme for the whole process: its templates are compiled once, and again only when a file changes.

    Jinja2 checks each template file's time stamp when it is used, so an edited theme is seen at the next render
    (the live preview renders many times over).
    """
    return environment(folders, default_dir)


def _sequence_product(left: Any, right: Any) -> int:
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, str | list | tuple) and isinstance(count, int):
            return len(sequence) * count
    return 0


def _bounded_range(budget: _Budget) -> Callable[..., Iterator[int]]:
    def bounded(*args: int) -> Iterator[int]:
        numbers = range(*args)
        if len(numbers) > MAX_SEQUENCE:
            raise TemplateLimit(f"a theme template loops over a range of more than {MAX_SEQUENCE:,} numbers")
        for index, number in enumerate(numbers):
            if index % 1024 == 0:
                budget.check()  # nested loops multiply: the deadline catches them
            yield number

    return bounded


def _InsideLoader(folders: tuple[Path, ...]) -> Any:  # noqa: N802 - a class made on first use, so Jinja2 loads lazily
    from jinja2 import FileSystemLoader, TemplateNotFound

    class InsideLoader(FileSystemLoader):
        """Finds templates in the folders, refusing any that a link takes outside its folder, and oversized ones."""

        def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
            source, filename, uptodate = super().get_source(environment, template)
            real = Path(os.path.realpath(filename))
            if not any(real.is_relative_to(Path(os.path.realpath(folder))) for folder in self.searchpath):
                raise TemplateNotFound(template, f"{template} leads outside the theme folder")
            if len(source.encode("utf-8")) > MAX_TEMPLATE_BYTES:
                raise KamdocError(f"the theme's {template} is larger than {MAX_TEMPLATE_BYTES // 1024} KB")
            return source, filename, uptodate

    return InsideLoader([str(folder) for folder in folders])


def render(env: ImmutableSandboxedEnvironment, name: str, **values: Any) -> str:
    """A template rendered within the output bound: stopped as soon as it writes more than any deck needs."""
    budget = getattr(env, "budget", None)
    if isinstance(budget, _Budget):
        budget.restart()
    template = env.get_template(name)
    parts: list[str] = []
    written = 0
    for chunk in template.generate(**values):
        written += len(chunk)
        if written > MAX_OUTPUT_CHARS:
            raise TemplateLimit(
                f"the theme's PDF templates wrote more than {MAX_OUTPUT_CHARS // (1024 * 1024)} MB for one deck"
            )
        parts.append(chunk)
    return "".join(parts)
