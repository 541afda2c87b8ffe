"""Errors for people: each carries its exit code (1 for bad input, 2 for a wrong command line)."""

from __future__ import annotations

import re
from typing import IO, Any

import click

_LOCATED = re.compile(r"(?:(?!: )[^\n])*?\.\w+(?::\d+){0,2}: error: ")
"""A message that begins at its place, as a compiler's does (`kamdoc.yaml:7:5: error: …`, `fonts/x.ttf: error: …`): it
says "error" itself."""


class KamdocError(click.ClickException):
    """A user's input cannot be used: one clear message, exit code 1."""

    exit_code = 1

    def show(self, file: IO[Any] | None = None) -> None:
        """The message on standard error; one that begins at its place is shown as it is, without Click's "Error: "
        before it (editors and CI jump to `file:line:col: error:` only at the start of a line)."""
        if _LOCATED.match(self.message):
            click.echo(self.message, file=file, err=True, color=self.show_color)
        else:
            super().show(file)


class CommandLineError(click.UsageError):
    """The command line is wrong: message with usage, exit code 2."""

    exit_code = 2


class CallerError(click.ClickException):
    """What the command line names cannot be used (a revision, a repository): one message without usage, exit code 2."""

    exit_code = 2
