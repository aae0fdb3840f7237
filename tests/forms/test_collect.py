"""`kactl collect`: the round trip on the sample, and nothing lost along the way."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from kactl.cli.app import app
from kactl.collect import Status, collect
from kactl.config import Config
from kactl.forms.new import new_visit_prep, new_visit_record
from kactl.validation import validate
from tests.conftest import SAMPLE_XLS
from tests.forms.forms_helpers import (
    CUSTOMER,
    SHORT,
    VISITORS,
    archive_record_number,
    dealer_workbook,
    fill_by_label,
    log_length,
    log_row,
    next_log_row,
)

runner = CliRunner()
PREP_NUMBER = f"{SHORT}-20080702-走访准备表-06-李娜-张伟"
RECORD_NUMBER = f"{SHORT}-20080702-走访记录表-06"

PREP_VALUES: dict[str, Any] = {
    "visit_aim": "公务购车", "visit_target": "决策人", "appointment": "预约确认",
    "visit_mode": "午餐会谈", "fuel": 120, "allowance": 80, "gifts": 450.5, "materials": 30,
    "tolls": 40, "manager_review": "陈志强", "gm_review": "王建国", "score": "好",
    "address": "=北湖区学府路 8 号",  # text that looks like a formula stays text
}  # fmt: skip
RECORD_VALUES: dict[str, Any] = {
    "nature": "地方私企", "intent_official": "计划下半年采购捷达 4 台",
    "intent_staff": "暂无明显意向", "follow_up": dt.datetime(2008, 7, 16),
    "follow_up_mode": "电话回访",
    "fuel": 100, "allowance": 80, "gifts": 400, "materials": 30, "tolls": 35,
    "authored": dt.datetime(2008, 7, 3), "score": "中", "met1_title": "校长",
}  # fmt: skip


def cli(*args: str) -> Any:
    return runner.invoke(app, list(args))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def filled_forms(tmp_path: Path, book: Path) -> tuple[Path, Path]:
    """Make a prep form, fill it by label, make its record form, fill that: as a consultant."""
    prep = new_visit_prep([book], Config(), SHORT, dt.date(2008, 7, 2), VISITORS,
                          tmp_path / "prep.xlsx").path
    fill_by_label(prep, PREP_VALUES)
    record = new_visit_record(prep, Config(), tmp_path / "record.xlsx").path
    fill_by_label(record, RECORD_VALUES)
    return prep, record


def test_round_trip_on_the_sample(tmp_path: Path) -> None:
    book = dealer_workbook(tmp_path)
    prep, record = filled_forms(tmp_path, book)
    row_number = next_log_row(book, "visit_prep")
    result = cli("collect", str(prep), str(record), "-w", str(book))
    assert result.exit_code == 0, result.output
    assert f"已收集 prep.xlsx → 走访准备表 第 {row_number} 行" in result.stdout

    row = log_row(book, "visit_prep", PREP_NUMBER)
    assert row["customer"] == CUSTOMER and row["visitors"] == "李娜、张伟"
    assert row["date"] == dt.date(2008, 7, 2)
    assert [row[k] for k in ("fuel", "allowance", "gifts", "materials", "tolls")] == [
        120, 80, 450.5, 30, 40]
    assert row["total"] == 720.5
    assert (row["visit_mode"], row["score"], row["gm_review"]) == ("午餐会谈", "好", "王建国")

    logged = log_row(book, "visit_record", RECORD_NUMBER)
    assert logged["prep_number"] == PREP_NUMBER
    assert (logged["nature"], logged["industry"]) == ("地方私企", "驾校")
    assert logged["follow_up"] == dt.date(2008, 7, 16)
    assert logged["total"] == 645 and logged["approved_budget"] == 720.5
    assert logged["intent_official"] == "计划下半年采购捷达 4 台"

    assert archive_record_number(book, CUSTOMER) == RECORD_NUMBER
    errors = [f for f in validate([book], Config()).findings if f.severity == "error"]
    assert errors == []


def test_collecting_twice_changes_nothing(tmp_path: Path) -> None:
    book = dealer_workbook(tmp_path)
    prep, record = filled_forms(tmp_path, book)
    row_number = next_log_row(book, "visit_prep")
    cli("collect", str(prep), str(record), "-w", str(book))
    before, backups = digest(book), set(tmp_path.glob("dealer.bak-*"))
    result = cli("collect", str(prep), str(record), "-w", str(book))
    assert result.exit_code == 0
    assert f"跳过 prep.xlsx：编号“{PREP_NUMBER}”已在走访准备表第 {row_number} 行" in result.stdout
    assert "工作簿未改动" in result.stdout
    assert digest(book) == before and set(tmp_path.glob("dealer.bak-*")) == backups


def test_update_replaces_the_row(tmp_path: Path) -> None:
    book = dealer_workbook(tmp_path)
    prep, _ = filled_forms(tmp_path, book)
    row_number = next_log_row(book, "visit_prep")
    cli("collect", str(prep), "-w", str(book))
    rows = log_length(book, "visit_prep")
    fill_by_label(prep, {"score": "差", "gifts": 0})
    result = cli("collect", str(prep), "-w", str(book), "--update")
    assert result.exit_code == 0, result.output
    assert f"已替换 prep.xlsx → 走访准备表 第 {row_number} 行" in result.stdout
    assert log_length(book, "visit_prep") == rows
    row = log_row(book, "visit_prep", PREP_NUMBER)
    assert (row["score"], row["gifts"], row["total"]) == ("差", 0, 270)


def test_a_form_with_errors_is_not_collected(tmp_path: Path) -> None:
    book = dealer_workbook(tmp_path)
    prep, record = filled_forms(tmp_path, book)
    fill_by_label(prep, {"visit_mode": "电话拜访", "total": 99})
    result = cli("collect", str(prep), str(record), "-w", str(book))
    assert result.exit_code == 1
    out = result.stdout
    assert "未收集 prep.xlsx：2 个错误" in out
    assert "prep.xlsx!B21 [错误] “电话拜访”不是“走访方式”的规定选项" in out
    assert "prep.xlsx!G26 [错误] “预算合计”为 99" in out
    assert "已收集 record.xlsx → 走访记录表" in out  # the good form still goes in
    with pytest.raises(AssertionError):
        log_row(book, "visit_prep", PREP_NUMBER)


def test_untouched_rows_and_sheets_keep_values_formats_and_formulas(tmp_path: Path) -> None:
    book = dealer_workbook(tmp_path)
    wb = openpyxl.load_workbook(book)
    wb["指标"]["S3"] = "=SUM(F3:Q3)"
    wb["成交记录"]["A3"].number_format = "yyyy/m/d"
    wb.save(book)
    prep, _ = filled_forms(tmp_path, book)
    row = next_log_row(book, "visit_prep")
    assert cli("collect", str(prep), "-w", str(book)).exit_code == 0
    after = openpyxl.load_workbook(book)
    assert after["指标"]["S3"].value == "=SUM(F3:Q3)"
    assert after["成交记录"]["A3"].number_format == "yyyy/m/d"
    original = openpyxl.load_workbook(next(tmp_path.glob("dealer.bak-*.xlsx")))
    for sheet in ("人员", "售后进场", "满意度"):
        assert [[c.value for c in r] for r in after[sheet].iter_rows()] == [
            [c.value for c in r] for r in original[sheet].iter_rows()]
    logged = after["走访准备表"]
    assert logged.cell(row=row, column=2).value == CUSTOMER
    new, above = logged.cell(row=row, column=2), logged.cell(row=row - 1, column=2)
    assert (new.font.name, new.font.sz, new.alignment.horizontal) == (
        above.font.name, above.font.sz, above.alignment.horizontal)  # styled like the row above


def chart_workbook(tmp_path: Path) -> Path:
    from openpyxl.chart import BarChart, Reference

    book = dealer_workbook(tmp_path)
    wb = openpyxl.load_workbook(book)
    ws = wb["成交记录"]
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=4, min_row=2, max_row=20), titles_from_data=True)
    ws.add_chart(chart, "J2")
    wb.save(book)
    return book


def test_a_workbook_with_a_chart_is_not_rewritten_in_place(tmp_path: Path) -> None:
    book = chart_workbook(tmp_path)
    prep, _ = filled_forms(tmp_path, book)
    before = digest(book)
    result = cli("collect", str(prep), "-w", str(book))
    assert result.exit_code == 2
    assert "图表" in result.stderr and "-o" in result.stderr
    assert digest(book) == before and not list(tmp_path.glob("dealer.bak-*"))

    out = tmp_path / "out.xlsx"
    done = cli("collect", str(prep), "-w", str(book), "-o", str(out))
    assert done.exit_code == 0, done.output
    assert digest(book) == before
    assert log_row(out, "visit_prep", PREP_NUMBER)["customer"] == CUSTOMER


def test_an_xls_workbook_needs_an_xlsx_output(tmp_path: Path) -> None:
    book = tmp_path / "dealer.xls"
    shutil.copy(SAMPLE_XLS, book)
    prep, _ = filled_forms(tmp_path, book)
    refused = cli("collect", str(prep), "-w", str(book))
    assert refused.exit_code == 2 and "-o" in refused.stderr
    out = tmp_path / "dealer-new.xlsx"
    assert cli("collect", str(prep), "-w", str(book), "-o", str(out)).exit_code == 0
    assert log_row(out, "visit_prep", PREP_NUMBER)["visitors"] == "李娜、张伟"
    assert cli("collect", str(prep), "-w", str(book), "-o", str(out)).exit_code == 2  # exists


def test_a_workbook_open_in_excel_is_refused(tmp_path: Path) -> None:
    book = dealer_workbook(tmp_path)
    prep, _ = filled_forms(tmp_path, book)
    lock = tmp_path / "~$dealer.xlsx"
    lock.write_bytes(b"owner")
    result = cli("collect", str(prep), "-w", str(book))
    assert result.exit_code == 2
    assert "正在 Excel/WPS 中打开" in result.stderr
    os.remove(lock)


def test_a_file_that_is_not_a_form_stops_before_anything_is_written(tmp_path: Path) -> None:
    book = dealer_workbook(tmp_path)
    prep, _ = filled_forms(tmp_path, book)
    other = tmp_path / "other.xlsx"
    shutil.copy(book, other)
    before = digest(book)
    result = cli("--lang", "en", "collect", str(prep), str(other), "-w", str(book))
    assert result.exit_code == 2
    assert "not a visit form" in result.stderr
    assert digest(book) == before


def test_library_call_reports_each_form(tmp_path: Path) -> None:
    book = dealer_workbook(tmp_path)
    prep, record = filled_forms(tmp_path, book)
    report = collect([prep, record, prep], book, Config())
    assert [r.status for r in report.forms] == [Status.COLLECTED, Status.COLLECTED,
                                                Status.REPEATED]
    assert report.backup is not None and report.backup.is_file()
    assert [(u.customer, u.number) for u in report.archive] == [(CUSTOMER, RECORD_NUMBER)]
    assert report.exit_code == 0


def test_round_trip_into_a_new_workbook_from_init(tmp_path: Path) -> None:
    from kactl.init import init

    created = init(tmp_path / "店")
    wb = openpyxl.load_workbook(created.workbook)
    wb["大客户档案表"].append(["A级客户", CUSTOMER, SHORT, "驾校", "地方私企"])
    for name in VISITORS:
        wb["人员"].append([name, "大用户销售顾问", "行业用户组", "行业一组"])
    wb.save(created.workbook)
    prep, record = filled_forms(tmp_path, created.workbook)
    result = cli("collect", str(prep), str(record), "-w", str(created.workbook))
    assert result.exit_code == 0, result.output
    assert "走访准备表 第 2 行" in result.stdout
    assert log_row(created.workbook, "visit_record", RECORD_NUMBER)["total"] == 645
    errors = [f for f in validate([created.workbook], Config()).findings
              if f.severity == "error"]
    assert errors == []
