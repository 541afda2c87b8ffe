"""`kamdoc schema`: the standard as a JSON Schema for editors, or as a Markdown reference for people."""

from __future__ import annotations

import errno
import sys
from pathlib import Path

import click

from kamdoc.errors import KamdocError


def write_schema(output: Path | None, markdown: bool = False, language: str = "en") -> None:
    """Print the JSON Schema (or the Markdown reference), or write it to `output` (completely or not at all)."""
    from kamdoc.pipeline.render import output_error, write_atomically
    from kamdoc.standard.reference import standard_markdown
    from kamdoc.standard.schema import schema_text

    text = standard_markdown() if markdown else schema_text(language)
    if output is None:
        print_text(text)
        return
    try:
        write_atomically(output, text.encode("utf-8"))
    except OSError as exc:
        raise output_error(output, exc) from None
    click.echo(f"wrote {output}", err=True)


def print_text(text: str) -> None:
    """Write `text` to standard output and flush it; a full disk or a closed stream is one message, a closed pipe is Click's to end."""
    stream = sys.stdout
    if stream is None:  # started with standard output closed (`>&-`): Python has no stream to write to
        raise KamdocError("cannot write to standard output: it is closed; give -o FILE")
    try:
        stream.write(text)
        stream.flush()
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            raise  # the reader stopped early (`| head`): Click ends quietly with 1, as a pipe's writer should
        raise KamdocError(f"cannot write to standard output: {exc.strerror or exc}; give -o FILE") from None
