"""The roll-up as an Excel workbook: dealerships ranked, the region's KPIs, failures and notes.

Every cell holds a computed value, never a formula, and text is written as text, so a dealer
or consultant named `=…` stays a name. Attainment cells are filled green, yellow or red by
the value they hold (a fill, not conditional formatting, for the same reason).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kactl import lang
from kactl.io.write import set_text
from kactl.kpi.render import CLOSE, MET, SHARES, kpi_label
from kactl.rollup import cards
from kactl.rollup.cards import Summary, by_score

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

PERCENT = "0.0%"
NUMBER = "#,##0.##"
FILLS = ((MET, "C6EFCE"), (CLOSE, "FFEB9C"), (float("-inf"), "FFC7CE"))  # green, yellow, red
DEALER_FIELDS = (("actual", ("实际", "actual")), ("target", ("目标", "target")),
                 ("attainment", ("达成率", "attainment")), ("rank", ("排名", "rank")))
FIXED = (("排名", "rank"), ("经销商", "dealership"), ("文件", "file"), ("综合得分", "score"),
         ("错误", "errors"), ("警告", "warnings"))


def workbook(result: dict[str, Any]) -> Workbook:
    """Return the roll-up as an openpyxl workbook."""
    from openpyxl import Workbook

    book = Workbook()
    _dealers(book.worksheets[0], result)
    _region(book.create_sheet(lang.pick("区域汇总", "region")), result["region"])
    _rows(book.create_sheet(lang.pick("未能处理", "not scored")),
          [lang.pick("经销商", "dealership"), lang.pick("文件", "file"),
           lang.pick("原因", "reason")],
          [[f["dealer"], f["file"], f["error"]] for f in result["failed"]])
    _rows(book.create_sheet(lang.pick("说明", "notes")),
          [lang.pick("经销商", "dealership"), lang.pick("说明", "note")],
          [[d["dealer"], note] for d in result["dealers"] for note in d["notes"]])
    return book


def _put(ws: Worksheet, row: int, column: int, value: Any, number_format: str = "") -> Any:
    cell = ws.cell(row, column)
    set_text(cell, value)
    if number_format and isinstance(value, int | float):
        cell.number_format = number_format
    return cell


def _fill(cell: Any, value: float | None) -> None:
    from openpyxl.styles import PatternFill

    if value is None:
        return
    colour = next(c for threshold, c in FILLS if value >= threshold)
    cell.fill = PatternFill("solid", start_color=colour, end_color=colour)


def _bold_rows(ws: Worksheet, rows: int) -> None:
    from openpyxl.styles import Alignment, Font

    for row in ws.iter_rows(min_row=1, max_row=rows):
        for cell in row:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", wrap_text=True)


def _dealers(ws: Worksheet, result: dict[str, Any]) -> None:
    """The dealerships, best score first: two header rows (KPI over actual, target, attainment
    and rank), then a row each."""
    ws.title = lang.pick("经销商", "dealerships")
    codes = cards.codes(result["dealers"])
    for column, words in enumerate(FIXED, 1):
        _put(ws, 1, column, lang.pick(*words))
        ws.merge_cells(start_row=1, start_column=column, end_row=2, end_column=column)
    for i, code in enumerate(codes):
        first = len(FIXED) + 1 + i * len(DEALER_FIELDS)
        _put(ws, 1, first, kpi_label(code))
        ws.merge_cells(start_row=1, start_column=first, end_row=1,
                       end_column=first + len(DEALER_FIELDS) - 1)
        for j, (_, words) in enumerate(DEALER_FIELDS):
            _put(ws, 2, first + j, lang.pick(*words))
    for row, summary in enumerate(by_score(result["dealers"]), 3):
        _dealer_row(ws, row, summary, codes)
    _bold_rows(ws, 2)
    ws.freeze_panes = "C3"
    ws.column_dimensions["B"].width = 28
    ws.column_dimensions["C"].width = 28


def _dealer_row(ws: Worksheet, row: int, summary: Summary, codes: list[str]) -> None:
    ranks, validation = summary["ranks"], summary["validation"]
    fixed = [ranks["score"], summary["dealer"], summary["file"], cards.score(summary),
             validation["errors"], validation["warnings"]]
    for column, value in enumerate(fixed, 1):
        _put(ws, row, column, value, PERCENT if column == 4 else "")
    _fill(ws.cell(row, 4), cards.score(summary))
    for i, code in enumerate(codes):
        first = len(FIXED) + 1 + i * len(DEALER_FIELDS)
        for j, (key, _) in enumerate(DEALER_FIELDS):
            value = ranks.get(code) if key == "rank" else cards.figure(summary, code, key)
            cell = _put(ws, row, first + j, value, _number_format(code, key))
            if key == "attainment":
                _fill(cell, value)


def _number_format(code: str, key: str) -> str:
    if key == "rank":
        return ""
    return PERCENT if key == "attainment" or code in SHARES else NUMBER


REGION_HEADER = (("指标", "KPI"), ("代码", "code"), ("区域实际", "region actual"),
                 ("区域目标", "region target"), ("达成率", "attainment"),
                 ("经销商数", "dealerships"), ("有目标", "with a target"),
                 ("分子", "numerator"), ("分母", "denominator"), ("低于 80%", "below 80%"),
                 ("80%–100%", "80%–100%"), ("达到 100%", "100% or more"),
                 ("无达成率", "no attainment"), ("最低", "min"), ("中位", "median"),
                 ("最高", "max"))


def _region(ws: Worksheet, region: dict[str, Any]) -> None:
    """One row per KPI: the pooled figure, its parts, and the spread of attainment."""
    for column, words in enumerate(REGION_HEADER, 1):
        _put(ws, 1, column, lang.pick(*words))
    for row, (code, kpi) in enumerate(region["kpis"].items(), 2):
        spread = kpi["distribution"]
        figure_format = PERCENT if code in SHARES else NUMBER
        values = [(kpi_label(code), ""), (code, ""), (kpi["actual"], figure_format),
                  (kpi["target"], figure_format), (kpi["attainment"], PERCENT),
                  (kpi["dealers"], ""), (kpi["targeted"], ""),
                  (kpi.get("numerator"), NUMBER), (kpi.get("denominator"), NUMBER),
                  *((spread[k], "") for k in ("under_80", "80_to_100", "100_and_over", "none")),
                  *((spread[k], PERCENT) for k in ("min", "median", "max"))]
        for column, (value, number_format) in enumerate(values, 1):
            _put(ws, row, column, value, number_format)
        _fill(ws.cell(row, 5), kpi["attainment"])
    _bold_rows(ws, 1)
    ws.freeze_panes = "C2"
    ws.column_dimensions["A"].width = 20


def _rows(ws: Worksheet, header: list[str], rows: list[list[Any]]) -> None:
    for row, values in enumerate([header, *rows], 1):
        for column, value in enumerate(values, 1):
            _put(ws, row, column, value)
    _bold_rows(ws, 1)
    for letter in ("A", "B", "C"):
        ws.column_dimensions[letter].width = 30
