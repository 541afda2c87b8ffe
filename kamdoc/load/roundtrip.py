"""A plan's YAML edited in place: ruamel.yaml's round trip keeps its comments, key order, quoting and flow style, so
that a tool's edit reads in `git diff` as a person's would."""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.util import load_yaml_guess_indent

WIDTH = 4096
"""Lines are never re-wrapped: a long text stays on the line it was written on."""


def _yaml(text: str) -> tuple[YAML, Any]:
    """A round-trip YAML set to the file's own indentation, and the file's data."""
    _, indent, dash = load_yaml_guess_indent(text)
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    yaml.indent(mapping=dash or 2, sequence=indent or 4, offset=dash or 2)
    return yaml, yaml.load(text)


def load_for_edit(text: str) -> tuple[YAML, Any]:
    """The plan's data, ready to edit, and the YAML that writes it back alike. Only for a plan that has validated
    (kamdoc's own loader has checked its size, depth and aliases)."""
    return _yaml(text)


def dumped(yaml: YAML, data: Any) -> str:
    """The edited data as YAML text, in the file's layout."""
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()
