"""The scorecard as an Excel workbook: the table, attainment coloured by conditional formatting,
a native bar chart of attainment per consultant, and the notes on a sheet of their own."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kactl import lang
from kactl.kpi.render import CLOSE, MET, SHARES, kpi_codes, kpi_label, scope_label

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

HEADER_ROW = 2  # KPI names, each over its three columns
FIRST_ROW = 4  # the first scope's row, under the 实际/目标/达成率 row
FIELDS = ("actual", "target", "attainment")
PERCENT = "0.0%"


def workbook(card: dict[str, Any]) -> Workbook:
    """Return the scorecard as an openpyxl workbook."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.worksheets[0]
    ws.title = lang.pick("记分卡", "scorecard")
    codes = kpi_codes(card)
    _headers(ws, card, codes)
    for offset, scope in enumerate(card["scopes"]):
        _scope_row(ws, FIRST_ROW + offset, scope, codes)
    last = FIRST_ROW + len(card["scopes"]) - 1
    _colour(ws, codes, last)
    _chart(ws, card, codes)
    _notes(book, card["notes"])
    ws.freeze_panes = f"C{FIRST_ROW}"
    ws.column_dimensions["B"].width = 20
    return book


def _first_column(index: int) -> int:
    """Return the sheet column of the index-th KPI's actual: three columns a KPI, after the
    scope and the name."""
    return 3 + 3 * index


def _attainment_column(index: int) -> int:
    return _first_column(index) + 2


def _score_column(codes: list[str]) -> int:
    return _first_column(len(codes))


def _headers(ws: Worksheet, card: dict[str, Any], codes: list[str]) -> None:
    from openpyxl.styles import Alignment, Font

    period = card["period"]
    ws.cell(1, 1, f"{lang.pick('大用户 KPI 记分卡', 'Key-account scorecard')} {period['label']} "
                  f"({period['start']} – {period['end']})").font = Font(bold=True, size=13)
    ws.cell(HEADER_ROW, 1, lang.pick("范围", "scope"))
    ws.cell(HEADER_ROW, 2, lang.pick("名称", "name"))
    words = (lang.pick("实际", "actual"), lang.pick("目标", "target"),
             lang.pick("达成率", "attainment"))
    for i, code in enumerate(codes):
        column = _first_column(i)
        ws.cell(HEADER_ROW, column, kpi_label(code))
        ws.merge_cells(start_row=HEADER_ROW, start_column=column, end_row=HEADER_ROW,
                       end_column=column + 2)
        for j, word in enumerate(words):
            ws.cell(HEADER_ROW + 1, column + j, word)
    ws.cell(HEADER_ROW, _score_column(codes), lang.pick("综合得分", "score"))
    for row in ws.iter_rows(min_row=HEADER_ROW, max_row=HEADER_ROW + 1):
        for cell in row:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", wrap_text=True)


def _scope_row(ws: Worksheet, row: int, scope: dict[str, Any], codes: list[str]) -> None:
    from kactl.io.write import set_text

    ws.cell(row, 1, scope_label(scope["scope"]))
    set_text(ws.cell(row, 2), scope["name"])  # a name is text, never a formula
    for i, code in enumerate(codes):
        kpi = scope["kpis"].get(code, {})
        for j, field in enumerate(FIELDS):
            cell = ws.cell(row, _first_column(i) + j, kpi.get(field))
            if field == "attainment" or code in SHARES:
                cell.number_format = PERCENT
            elif field == "target":
                cell.number_format = "#,##0.0"
    score = ws.cell(row, _score_column(codes), scope["score"])
    score.number_format = PERCENT


def _colour(ws: Worksheet, codes: list[str], last: int) -> None:
    """Colour attainment and score cells: green when met, yellow when close, red below; a blank
    cell (no target) stays white."""
    from openpyxl.formatting.rule import Rule
    from openpyxl.styles import PatternFill
    from openpyxl.styles.differential import DifferentialStyle
    from openpyxl.utils import get_column_letter

    columns = [_attainment_column(i) for i in range(len(codes))] + [_score_column(codes)]
    tests = ((f">={MET}", "C6EFCE"),  # green: met
             (f">={CLOSE}", "FFEB9C"),  # yellow: close (the rule above stops at the first match)
             (f"<{CLOSE}", "FFC7CE"))  # red: below
    for column in columns:
        letter = get_column_letter(column)
        area = f"{letter}{FIRST_ROW}:{letter}{max(last, FIRST_ROW)}"
        cell = f"{letter}{FIRST_ROW}"  # relative: Excel shifts it down the range
        for test, colour in tests:
            fill = PatternFill("solid", start_color=colour, end_color=colour)
            ws.conditional_formatting.add(area, Rule(
                type="expression", formula=[f"AND(ISNUMBER({cell}),{cell}{test})"],
                stopIfTrue=True, dxf=DifferentialStyle(fill=fill)))


def _chart(ws: Worksheet, card: dict[str, Any], codes: list[str]) -> None:
    """Add a clustered bar chart: for each consultant, the attainment of each targeted KPI."""
    from openpyxl.chart import BarChart, Reference

    rows = [FIRST_ROW + i for i, s in enumerate(card["scopes"]) if s["scope"] == "consultant"]
    if not rows:
        return
    first, last = rows[0], rows[-1]  # scopes come grouped by kind, so consultants are adjacent
    targeted = [i for i, code in enumerate(codes)
                if any(s["kpis"].get(code, {}).get("attainment") is not None
                       for s in card["scopes"] if s["scope"] == "consultant")]
    chart = BarChart()
    chart.type = "col"
    chart.title = lang.pick("顾问达成率", "Attainment per consultant")
    chart.y_axis.number_format = PERCENT
    chart.y_axis.title = lang.pick("达成率", "attainment")
    for column, label in ([(_attainment_column(i), kpi_label(codes[i])) for i in targeted]
                          + [(_score_column(codes), lang.pick("综合得分", "score"))]):
        chart.add_data(Reference(ws, min_col=column, min_row=first, max_row=last))
        chart.series[-1].tx = _series_title(label)
    chart.set_categories(Reference(ws, min_col=2, min_row=first, max_row=last))
    chart.width, chart.height = 24, 12
    ws.add_chart(chart, ws.cell(last + 3, 2).coordinate)


def _series_title(label: str) -> Any:
    from openpyxl.chart.series import SeriesLabel

    return SeriesLabel(v=label)


def _notes(book: Workbook, notes: list[str]) -> None:
    if not notes:
        return
    from kactl.io.write import set_text

    ws = book.create_sheet(lang.pick("说明", "notes"))
    for row, note in enumerate(notes, 1):
        set_text(ws.cell(row, 1), note)
    ws.column_dimensions["A"].width = 120
