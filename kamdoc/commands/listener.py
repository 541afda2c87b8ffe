"""The terminal as the pipeline's listener: results on standard output, the rest on standard error, a bar on a TTY."""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager

import click

from kamdoc.pipeline.listener import Bar, Silent


class Terminal:
    """Prints what the pipeline says, the way a command-line tool does."""

    def __init__(self) -> None:
        self.interactive = sys.stderr.isatty()

    def out(self, text: str) -> None:
        click.echo(text)

    def err(self, text: str) -> None:
        click.echo(text, err=True)

    def bar(self, length: int, label: str) -> AbstractContextManager[Bar]:
        if not self.interactive:
            return Silent().bar(length, label)
        return click.progressbar(length=length, label=label, file=sys.stderr, show_eta=True, show_pos=True)
