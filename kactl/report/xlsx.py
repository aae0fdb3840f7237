"""The report's XLSX companion: one sheet per section, native Excel charts, fixed bytes.

Every figure is written as a value (never a formula that would rely on a cached result), so any
reader, LibreOffice and pandas included, sees the numbers. The file is post-processed so that
the same report gives the same bytes: fixed document dates and zip member timestamps.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kactl import lang
from kactl.charts.svg import text_width
from kactl.io.write import set_text
from kactl.report.formatting import EXCEL_FORMATS, clean, unwrap
from kactl.report.model import Chart, Fmt, Report, Section, Table, Value

_TITLE = Font(bold=True, size=14)
_BOLD = Font(bold=True)
_MUTED = Font(italic=True, color="666666")
_HEADER_FILL = PatternFill("solid", fgColor="E8EEF6")
_TOTAL_FILL = PatternFill("solid", fgColor="F3F3F3")
_WRAP = Alignment(wrap_text=True, vertical="top")

# Chart sizes in cm; a default row is about 0.53 cm high and a default column 1.7 cm wide.
_CHART_SIZE = {False: (16, 8), True: (11, 6)}
_CHART_ROWS = {False: 16, True: 13}
_CHART_COLUMNS = {False: 10, True: 7}


def render(report: Report, written: dt.datetime) -> bytes:
    """Return the report as XLSX bytes; `written` is the document date stored in the file."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    _cover(book.create_sheet(lang.pick("说明", "About")), report)
    for section in report.sections:
        _section(book.create_sheet(section.sheet), section)
    book.properties.creator = "kactl"
    book.properties.title = report.title
    book.properties.created = written
    buffer = io.BytesIO()
    book.save(buffer)
    return fixed_zip(buffer.getvalue(), written)


# --- cells ---------------------------------------------------------------------------------


def put(ws: Worksheet, row: int, col: int, value: Value, fmt: Fmt = Fmt.TEXT) -> Any:
    """Write one value; text is always text, even when it starts with '=' (no formula)."""
    cell = ws.cell(row=row, column=col)
    value = clean(value)
    if isinstance(value, str):
        set_text(cell, ILLEGAL_CHARACTERS_RE.sub("", value))
    elif value is not None:
        cell.value = value
        if fmt is Fmt.NUMBER and isinstance(value, int | float) and float(value).is_integer():
            fmt = Fmt.INT  # as on the page: 62 vehicles, not 62.00
        if fmt in EXCEL_FORMATS:
            cell.number_format = EXCEL_FORMATS[fmt]
    return cell


def _cover(ws: Worksheet, report: Report) -> None:
    put(ws, 1, 1, report.title).font = _TITLE
    lines = [
        (lang.pick("经销商", "Dealership"), report.dealer),
        (lang.pick("期间", "Period"),
         f"{report.period.label}（{report.period.start} – {report.period.end}）"),
        (lang.pick("数据截至", "Figures as of"), report.as_of.isoformat()),
        (lang.pick("工作簿", "Workbooks"), "、".join(report.sources)),
    ]
    if report.stamp:
        lines.append((lang.pick("生成时间", "Generated"), report.stamp))
    for i, (key, value) in enumerate(lines, start=3):
        put(ws, i, 1, key).font = _BOLD
        put(ws, i, 2, value)
    row = len(lines) + 4
    put(ws, row, 1, lang.pick("工作表", "Sheets")).font = _BOLD
    for i, section in enumerate(report.sections, start=row + 1):
        put(ws, i, 1, section.sheet)
        put(ws, i, 2, section.intro)
    _widths(ws)


# --- sections ------------------------------------------------------------------------------


def _section(ws: Worksheet, section: Section) -> None:
    put(ws, 1, 1, section.title).font = _TITLE
    row = 2
    if section.intro:
        put(ws, row, 1, section.intro).font = _MUTED
        row += 1
    row = _figures(ws, section, row + 1)
    for table in section.tables:
        row = _table(ws, table, row) + 1
    for note in section.notes:
        put(ws, row, 1, note).font = _MUTED
        row += 1
    width = max((len(t.columns) for t in section.tables), default=2)
    _widths(ws)
    _charts(ws, [c for c in section.charts if not c.empty], width + 2)


def _figures(ws: Worksheet, section: Section, row: int) -> int:
    for figure in section.figures:
        put(ws, row, 1, figure.label).font = _BOLD
        put(ws, row, 2, figure.value, figure.fmt)
        put(ws, row, 3, figure.detail)
        row += 1
    return row + 1 if section.figures else row


def _table(ws: Worksheet, table: Table, row: int) -> int:
    """Write a table from `row`; return the row after it."""
    put(ws, row, 1, table.title).font = _BOLD
    row += 1
    for c, column in enumerate(table.columns, start=1):
        cell = put(ws, row, c, column.label)
        cell.font, cell.fill, cell.alignment = _BOLD, _HEADER_FILL, _WRAP
    for i, values in enumerate(table.rows):
        row += 1
        last = table.total and i == len(table.rows) - 1
        for c, (column, entry) in enumerate(zip(table.columns, values, strict=True), start=1):
            cell = put(ws, row, c, *unwrap(entry, column.fmt))
            if last:
                cell.font, cell.fill = _BOLD, _TOTAL_FILL
    if not table.rows and table.empty:
        row += 1
        put(ws, row, 1, table.empty).font = _MUTED
    if table.note:
        row += 1
        put(ws, row, 1, table.note).font = _MUTED
    return row + 1


def _widths(ws: Worksheet) -> None:
    """Size each column to its longest short value (long notes may overflow to the right)."""
    widest: dict[int, float] = {}
    for line in ws.iter_rows():
        for cell in line:
            if cell.value is None or cell.font.size == _TITLE.size:
                continue
            width = text_width(str(cell.value), 1.0) * 1.9 + 2
            if width <= 40:
                widest[cell.column] = max(widest.get(cell.column, 8.0), width)
    for col, width in sorted(widest.items()):
        ws.column_dimensions[get_column_letter(col)].width = round(width, 1)


# --- charts --------------------------------------------------------------------------------


def _charts(ws: Worksheet, charts: list[Chart], anchor_col: int) -> None:
    """Place native charts right of the tables, their data in a block further right."""
    data_col = anchor_col + 2 * _CHART_COLUMNS[True] + 1
    data_row, chart_row, slot = 1, 1, 0
    put(ws, data_row, data_col, lang.pick("图表数据", "Chart data")).font = _BOLD
    data_row += 2
    for chart in charts:
        first = data_row
        data_row = _chart_data(ws, chart, data_row, data_col)
        native = _native(ws, chart, first, data_col)
        col = anchor_col + (slot * _CHART_COLUMNS[True] if chart.small else 0)
        ws.add_chart(native, f"{get_column_letter(col)}{chart_row}")
        if chart.small and slot == 0:
            slot = 1
            continue
        slot = 0
        chart_row += _CHART_ROWS[chart.small]


def _chart_data(ws: Worksheet, chart: Chart, row: int, col: int) -> int:
    """Write a chart's categories and series as a small table; return the row after a gap."""
    put(ws, row, col, chart.title).font = _BOLD
    for j, series in enumerate(chart.series, start=1):
        put(ws, row, col + j, series.name).font = _BOLD
    for i, category in enumerate(chart.categories, start=1):
        put(ws, row + i, col, category)
        for j, series in enumerate(chart.series, start=1):
            put(ws, row + i, col + j, series.values[i - 1], chart.fmt)
    return row + len(chart.categories) + 2


def _native(ws: Worksheet, chart: Chart, row: int, col: int) -> BarChart | LineChart:
    native: BarChart | LineChart = LineChart() if chart.kind == "line" else BarChart()
    if isinstance(native, BarChart):
        native.type, native.grouping = "col", "clustered"
    native.title = chart.title
    native.width, native.height = _CHART_SIZE[chart.small]
    last = row + len(chart.categories)
    data = Reference(ws, min_col=col + 1, max_col=col + len(chart.series), min_row=row,
                     max_row=last)
    native.add_data(data, titles_from_data=True)
    native.set_categories(Reference(ws, min_col=col, min_row=row + 1, max_row=last))
    for series, spec in zip(native.series, chart.series, strict=True):
        if isinstance(native, LineChart):
            series.smooth = False
            if spec.dashed:
                series.graphicalProperties.line.dashStyle = "dash"
    if chart.fmt is Fmt.PERCENT:
        native.y_axis.number_format = "0%"
    # Without these, recent Excel versions hide both axes of an openpyxl chart.
    native.x_axis.delete = False
    native.y_axis.delete = False
    if len(chart.series) == 1:
        native.legend = None
    return native


# --- fixed bytes ---------------------------------------------------------------------------

_CORE_DATE = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def fixed_zip(data: bytes, written: dt.datetime) -> bytes:
    """Return the zip rewritten with one fixed date for every member and document property."""
    stamp = written.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
    when = max(written, dt.datetime(1980, 1, 1)).timetuple()[:6]  # zip dates start in 1980
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _CORE_DATE.sub(lambda m: m[1] + stamp + m[3], body)
            member = zipfile.ZipInfo(info.filename, date_time=when)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.create_system = 3  # the same on Windows as elsewhere
            member.external_attr = 0o644 << 16
            dst.writestr(member, body)
    return out.getvalue()
