"""`kamdoc export`: the plans as tidy sheets for controllers, an Excel workbook or CSV files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from kamdoc.commands.programme import _programme_plans
from kamdoc.commands.spreadsheet import csv_files, xlsx_bytes
from kamdoc.errors import KamdocError
from kamdoc.pipeline.export import export_plans
from kamdoc.pipeline.render import write_atomically


def run_export(paths: list[Path], to: str, at: str, out: Path | None, today: date) -> int:
    """Write the export; 1 when plans were left out because they do not validate (the others are written)."""
    plans, programme = _programme_plans(paths, "export")
    made = export_plans(plans if not at else paths, programme, today, at)
    target = out or Path("kamdoc-export.xlsx" if to == "xlsx" else "kamdoc-export")
    try:
        if to == "xlsx":
            write_atomically(target, xlsx_bytes(made))
            written = [target]
        else:
            written = []
            for name, data in csv_files(made).items():
                write_atomically(target / name, data)
                written.append(target / name)
    except OSError as exc:
        raise KamdocError(f"cannot write {target}: {exc.strerror or exc}") from None
    for path in written:
        click.echo(str(path))
    for shown in made.left_out:
        click.echo(f"{shown}: left out, it does not validate (kamdoc validate {shown} says why)", err=True)
    return 1 if made.left_out else 0
