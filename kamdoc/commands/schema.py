"""`kamdoc schema`: the standard as a JSON Schema for editors, or as a Markdown reference for people."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kamdoc.errors import KamdocError


def write_schema(output: Path | None, markdown: bool = False, language: str = "en") -> None:
    """Print the JSON Schema (or the Markdown reference), or write it to `output` (completely or not at all)."""
    from kamdoc.standard.schema import schema_text
    from kamdoc.standard.reference import standard_markdown

    text = standard_markdown() if markdown else schema_text(language)
    if output is None:
        sys.stdout.write(text)
        return
    tmp = output.with_name(f".{output.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, output)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise KamdocError(f"cannot write {output}: {exc.strerror}") from None
    click.echo(f"wrote {output}", err=True)
