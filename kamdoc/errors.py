"""Errors for people: each carries its exit code (1 for bad input, 2 for a wrong command line)."""

from __future__ import annotations

import click


class KamdocError(click.ClickException):
    """A user's input cannot be used: one clear message, exit code 1."""

    exit_code = 1


class CommandLineError(click.UsageError):
    """The command line is wrong: message with usage, exit code 2."""

    exit_code = 2


class CallerError(click.ClickException):
    """What the command line names cannot be used (a revision, a repository): one message without usage, exit code 2."""

    exit_code = 2
