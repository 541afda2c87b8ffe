"""Plan text for a pull-request comment: shown literally, never as markup, a mention or a reference."""

from __future__ import annotations

import re

_JOINER = "\u2060"
"""WORD JOINER: invisible, and it stops "@name" being a mention and "#12" a reference."""
_PUNCTUATION = re.compile(r"([\\`*_\[\]|~])")
"""The Markdown punctuation that makes markup inside a line (emphasis, code, links and images, table cells, strikethrough):
escaped with a backslash. What only counts at a line's start (#, -, 1.) cannot: every line starts with the comment's own text."""
_MENTION = re.compile(r"([@#])(?=[\w-])")
_SPACES = re.compile(r"\s+")


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _neutral(text: str) -> str:
    """No mentions (@octocat, @org/team) and no references (#12, GH-12 keeps its # away from the digits)."""
    return _MENTION.sub(lambda m: m.group(1) + _JOINER, text)


def inline(text: str) -> str:
    """Plan text inside Markdown (a table cell, a list item): one line, HTML and Markdown escaped."""
    line = _SPACES.sub(" ", text).strip()
    return _neutral(_PUNCTUATION.sub(r"\\\1", _html(line)))


def in_html(text: str) -> str:
    """Plan text inside an HTML element of the comment (a <summary>): one line, HTML escaped; Markdown is not read there."""
    return _neutral(_html(_SPACES.sub(" ", text).strip()))
