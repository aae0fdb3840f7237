"""A workbook with only some of the sheets still gives a whole report, with "—" for the rest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kactl.config import Config
from kactl.report import build, html, xlsx
from kactl.workbook import load
from tests import minibook
from tests.conftest import write_workbook
from tests.report.helpers import MAY, WEEK, row, table


@pytest.mark.parametrize("sheets", [("成交记录",), ("大客户档案表",), ("走访记录表",),
                                    ("走访准备表",), ("售后进场", "人员")])
def test_report_of_a_partial_workbook(tmp_path: Path, sheets: tuple[str, ...]) -> None:
    data = {name: rows for name, rows in minibook.sheets().items() if name in sheets}
    path = write_workbook(tmp_path / "part.xlsx", data)
    book = load([path], Config())
    for period in (MAY, WEEK):
        report = build.build(book, Config(), period)
        page = html.render(report, Config())
        assert "nan" not in page.lower().replace("nanjing", "")
        assert xlsx.render(report, dt.datetime(2008, 6, 1))[:2] == b"PK"
        assert report.missing  # some KPI needs a sheet that is not there


def test_a_missing_sheet_shows_no_figure_not_zero(tmp_path: Path) -> None:
    data = {name: rows for name, rows in minibook.sheets().items() if name != "成交记录"}
    report = build.build(load([write_workbook(tmp_path / "w.xlsx", data)], Config()), Config(),
                         MAY)
    total = row(table(report.section("channels"), "各渠道客户"), "合计")
    assert total["本期成交台数"] is None and total["本期走访客户"] == 2
