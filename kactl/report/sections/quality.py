"""Data quality: what `kactl validate` finds in the workbook, counted by sheet and code, so the
reader sees whether the figures above stand on clean data."""

from __future__ import annotations

from collections import Counter

from kactl import lang
from kactl.findings import CATALOGUE, Finding, Severity
from kactl.report.model import Cell, Column, Figure, Fmt, Section, Table, Value
from kactl.report.source import Source
from kactl.validation import validate_book


def build(src: Source) -> Section:
    findings = validate_book(src.book, src.config)
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = len(findings) - errors
    section = Section(
        "quality", lang.pick("数据质量", "Data quality"), lang.pick("数据质量", "Data quality"),
        _verdict(errors, warnings),
        figures=[Figure(lang.pick("错误", "Errors"), errors),
                 Figure(lang.pick("警告", "Warnings"), warnings),
                 Figure(lang.pick("检查的数据行", "Rows checked"), src.book.rows_read)],
    )
    section.blocks += [_by_sheet(findings), _by_code(findings)]
    return section


def _verdict(errors: int, warnings: int) -> str:
    if errors:
        return lang.pick(f"工作簿有 {errors} 个错误：相关行未计入或按 0 计，上面的数字可能偏低。"
                         "运行 kactl validate 查看并改正。",
                         f"The workbook has {errors} error(s): the rows concerned are left out "
                         "or count 0, so figures above may be low. Run kactl validate to fix them.")
    if warnings:
        return lang.pick("工作簿没有错误，只有警告；上面的数字完整。",
                         "The workbook has no errors, only warnings; the figures are complete.")
    return lang.pick("工作簿没有错误和警告。", "The workbook has no errors and no warnings.")


def _sheet(f: Finding) -> str:
    return f.sheet or lang.pick("（整个文件）", "(whole file)")


def _by_sheet(findings: list[Finding]) -> Table:
    counts: Counter[tuple[str, Severity]] = Counter((_sheet(f), f.severity) for f in findings)
    sheets = sorted({sheet for sheet, _ in counts})
    rows: list[list[Value | Cell]] = [
        [s, counts[s, Severity.ERROR], counts[s, Severity.WARNING]] for s in sheets
    ]
    columns = [Column(lang.pick("工作表", "Sheet")), Column(lang.pick("错误", "Errors"), Fmt.INT),
               Column(lang.pick("警告", "Warnings"), Fmt.INT)]
    return Table(lang.pick("按工作表", "By sheet"), columns, rows,
                 empty=lang.pick("没有发现问题", "Nothing found"))


def _by_code(findings: list[Finding]) -> Table:
    counts = Counter((_sheet(f), f.code) for f in findings)
    ordered = sorted(counts.items(), key=lambda item: (item[0][0], -item[1], item[0][1]))
    rows: list[list[Value | Cell]] = []
    for (sheet, code), count in ordered:
        entry = CATALOGUE[code]
        severity = lang.pick("错误", "error") if entry.severity is Severity.ERROR else lang.pick(
            "警告", "warning")
        rows.append([sheet, code, lang.pick(entry.title_zh, entry.title_en), severity, count])
    columns = [Column(lang.pick("工作表", "Sheet")), Column(lang.pick("代码", "Code")),
               Column(lang.pick("问题", "Problem")), Column(lang.pick("级别", "Severity")),
               Column(lang.pick("数量", "Count"), Fmt.INT)]
    return Table(lang.pick("按工作表和问题代码", "By sheet and finding code"), columns, rows,
                 empty=lang.pick("没有发现问题", "Nothing found"))
