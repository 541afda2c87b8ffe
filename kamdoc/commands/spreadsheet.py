"""The export's sheets written for controllers: an Excel workbook (XlsxWriter: typed cells, number formats, frozen
headers, filters, widths; the same bytes for the same input) or CSV files (UTF-8 with a BOM, one per sheet)."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from typing import Any

from kamdoc import __version__
from kamdoc.analyse.export import Cell, Sheet
from kamdoc.pipeline.export import Export

_FORMATS = {
    "en": {"number": "#,##0.##", "amount": "#,##0", "percent": "0.0%", "date": "yyyy-mm-dd", "int": "0"},
    # German separators whatever the viewer's Excel is set to (the locale tag), dates as Germans write them.
    "de": {
        "number": "[$-407]#,##0.##",
        "amount": "[$-407]#,##0",
        "percent": "[$-407]0.0%",
        "date": "dd.mm.yyyy",
        "int": "0",
    },
}
MOST_WIDTH = 60
"""The widest a column is set, in characters (a long text wraps in its cell instead)."""


def xlsx_bytes(export: Export) -> bytes:
    """The workbook: a sheet per table and one naming the revision, the day and kamdoc's version."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "remove_timezone": True})
    # Its properties dated by the export's day, not the clock: the same revision makes the same bytes.
    made = datetime(export.day.year, export.day.month, export.day.day)
    book.set_properties({"title": "kamdoc export", "creator": f"kamdoc {__version__}", "created": made})
    formats = {kind: book.add_format({"num_format": code}) for kind, code in _FORMATS[export.language].items()}
    header = book.add_format({"bold": True, "bottom": 1})
    for sheet in export.sheets:
        _sheet(book, sheet, formats, header)
    _about(book, export, header, formats["date"])
    book.close()
    return out.getvalue()


def _sheet(book: Any, sheet: Sheet, formats: dict[str, Any], header: Any) -> None:
    page = book.add_worksheet(sheet.name)
    for c, (name, _) in enumerate(sheet.columns):
        page.write_string(0, c, name, header)
    for r, row in enumerate(sheet.rows, 1):
        for c, (value, (_, kind)) in enumerate(zip(row, sheet.columns)):
            _write(page, r, c, value, kind, formats)
    page.freeze_panes(1, 0)
    page.autofilter(0, 0, max(1, len(sheet.rows)), len(sheet.columns) - 1)
    for c, (name, kind) in enumerate(sheet.columns):
        widest = max([len(name), *(len(_shown(row[c])) for row in sheet.rows)])
        page.set_column(c, c, min(MOST_WIDTH, widest + 2))


def _write(page: Any, r: int, c: int, value: Cell, kind: str, formats: dict[str, Any]) -> None:
    """A cell as its type: a number as a number (never text that looks like one), a day as a date, text as text."""
    if value is None or value == "":
        page.write_blank(r, c, None)
    elif isinstance(value, bool):
        page.write_boolean(r, c, value)
    elif isinstance(value, date):
        page.write_datetime(r, c, datetime(value.year, value.month, value.day), formats["date"])
    elif isinstance(value, int | float):
        page.write_number(r, c, float(value), formats.get(kind, formats["number"]))
    else:
        page.write_string(r, c, value)  # never a formula: a plan's text is data, even when it starts with "="


def _shown(value: Cell) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}"
    return "" if value is None else str(value)


def _about(book: Any, export: Export, header: Any, day: Any) -> None:
    page = book.add_worksheet("about")
    page.write_string(0, 0, "what", header)
    page.write_string(0, 1, "value", header)
    page.write_string(1, 0, "revision")
    page.write_string(1, 1, export.revision or "working tree")
    page.write_string(2, 0, "date")
    page.write_datetime(2, 1, datetime(export.day.year, export.day.month, export.day.day), day)
    page.write_string(3, 0, "kamdoc")
    page.write_string(3, 1, __version__)
    page.set_column(0, 0, 12)
    page.set_column(1, 1, 44)


def csv_files(export: Export) -> dict[str, bytes]:
    """One CSV file per sheet (and about.csv), by file name: UTF-8 with a BOM, so that Excel reads the umlauts."""
    files = {f"{sheet.name}.csv": _csv([name for name, _ in sheet.columns], sheet.rows) for sheet in export.sheets}
    about: list[tuple[Cell, ...]] = [
        ("revision", export.revision or "working tree"),
        ("date", export.day),
        ("kamdoc", __version__),
    ]
    files["about.csv"] = _csv(["what", "value"], about)
    return files


def _csv(columns: list[str], rows: list[tuple[Cell, ...]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_cell(value: Cell) -> str:
    """A value in CSV: numbers with a point, days as YYYY-MM-DD; a text Excel would run as a formula kept as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value) if value != int(value) else str(int(value))
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
