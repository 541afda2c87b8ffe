"""A stacked column chart's totals as a series of its own: summed in the chart's workbook, labelled above each column."""

from __future__ import annotations

from typing import Any

from pptx.chart.chart import Chart
from pptx.chart.data import ChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from xlsxwriter.utility import xl_rowcol_to_cell

_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


class _SummingWriter(CategoryWorkbookWriter):
    """Writes the last series as formulas over the others: edit a product's number and its year's total follows."""

    def _write_series(self, workbook: Any, worksheet: Any) -> None:
        super()._write_series(workbook, worksheet)
        data = self._chart_data
        first = data.categories.depth
        last = first + len(data) - 1
        total = list(data)[-1]
        number_format = workbook.add_format({"num_format": total.number_format})
        for row, cached in enumerate(total.values, start=1):
            cells = f"{xl_rowcol_to_cell(row, first)}:{xl_rowcol_to_cell(row, last - 1)}"
            worksheet.write_formula(row, last, f"=SUM({cells})", number_format, cached)


class SummedData(ChartData):
    """Chart data whose last series is the sum of the others, as a formula in the chart's embedded workbook."""

    @property
    def _workbook_writer(self) -> _SummingWriter:
        return _SummingWriter(self)


def label_totals(chart: Chart, format_code: str, size: float, colour: str) -> None:
    """Turn the chart's last series into its totals: drawn as labels above each column only (a line series with no
    line and no markers, on the columns' axes), and left out of the legend."""
    plot_area = chart._chartSpace.chart.plotArea  # noqa: SLF001 - python-pptx has no combined charts
    bars = plot_area.find(qn("c:barChart"))
    total = bars.findall(qn("c:ser"))[-1]
    bars.remove(total)
    for child in total.findall(qn("c:invertIfNegative")) + total.findall(qn("c:spPr")):
        total.remove(child)  # a column's settings, not a line's
    style = parse_xml(f'<c:spPr xmlns:c="{_C}" xmlns:a="{_A}"><a:ln><a:noFill/></a:ln></c:spPr>')
    marker = parse_xml(f'<c:marker xmlns:c="{_C}"><c:symbol val="none"/></c:marker>')
    labels = parse_xml(
        f'<c:dLbls xmlns:c="{_C}" xmlns:a="{_A}"><c:numFmt formatCode="{_escaped(format_code)}" sourceLinked="0"/>'
        "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
        f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{round(size * 100)}" b="1">'
        f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></a:defRPr></a:pPr><a:endParaRPr lang="de-DE"/></a:p></c:txPr>'
        '<c:dLblPos val="t"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
        '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
    )
    name = total.find(qn("c:tx"))
    anchor = name if name is not None else total.find(qn("c:order"))
    anchor.addnext(style)
    style.addnext(marker)
    marker.addnext(labels)
    total.append(parse_xml(f'<c:smooth xmlns:c="{_C}" val="0"/>'))
    line = parse_xml(f'<c:lineChart xmlns:c="{_C}"><c:grouping val="standard"/><c:varyColors val="0"/></c:lineChart>')
    line.append(total)
    line.append(parse_xml(f'<c:marker xmlns:c="{_C}" val="1"/>'))
    for axis in bars.findall(qn("c:axId")):  # on the columns' own axes: a label stands on its column's top
        line.append(parse_xml(f'<c:axId xmlns:c="{_C}" val="{axis.get("val")}"/>'))
    bars.addnext(line)
    legend = chart._chartSpace.chart.find(qn("c:legend"))  # noqa: SLF001
    if legend is not None:
        index = total.find(qn("c:idx")).get("val")
        entry = parse_xml(f'<c:legendEntry xmlns:c="{_C}"><c:idx val="{index}"/><c:delete val="1"/></c:legendEntry>')
        legend.find(qn("c:legendPos")).addnext(entry)


def _escaped(code: str) -> str:
    """A number format code as an XML attribute value."""
    return code.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
