"""The XLSX companion: a sheet per section, native charts, values not formulas, fixed bytes, and
a file LibreOffice opens."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from kactl.config import Config
from kactl.io.write import set_text
from kactl.report import build, xlsx
from kactl.report.model import Report
from kactl.workbook import load
from tests import minibook
from tests.conftest import require_tool
from tests.report.helpers import MAY

WRITTEN = dt.datetime(2008, 5, 31)


@pytest.fixture(scope="module")
def may_xlsx(may_report: Report) -> bytes:
    return xlsx.render(may_report, WRITTEN)


def _book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_one_sheet_per_section(may_xlsx: bytes, may_report: Report) -> None:
    names = _book(may_xlsx).sheetnames
    assert names == ["说明", *(s.sheet for s in may_report.sections)]


def test_native_charts_for_the_scorecard_and_trend(may_xlsx: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(may_xlsx)) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        kinds = {n: z.read(n) for n in charts}
        sheet_of = {n: z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/_rels/")}
    assert any(b"<barChart>" in body for body in kinds.values())
    assert any(b"<lineChart>" in body for body in kinds.values())
    # The scorecard (sheet2) and trend (sheet3) sheets each hold a drawing with charts.
    assert "xl/worksheets/_rels/sheet2.xml.rels" in sheet_of
    assert "xl/worksheets/_rels/sheet3.xml.rels" in sheet_of


def test_values_not_formulas(may_xlsx: bytes, may_report: Report) -> None:
    book = _book(may_xlsx)
    for ws in book.worksheets:
        for line in ws.iter_rows():
            assert all(c.data_type != "f" for c in line), ws.title
    ws = book["记分卡"]
    wanted = may_report.section("scorecard").figures[1].value  # new_volume
    found = [c.value for line in ws.iter_rows() for c in line if c.value == wanted]
    assert found


def test_formula_like_text_stays_text(tmp_path: Path) -> None:
    path = minibook.write(tmp_path / "f.xlsx")
    source = openpyxl.load_workbook(path)
    for sheet, ref in (("大客户档案表", "B5"), ("走访记录表", "C2"), ("成交记录", "B2")):
        set_text(source[sheet][ref], "=1+2")  # a customer whose name starts with '='
    source.save(path)
    report = build.build(load([path], Config()), Config(), MAY)
    book = _book(xlsx.render(report, WRITTEN))
    cells = [c for ws in book.worksheets for line in ws.iter_rows() for c in line
             if c.value == "=1+2"]
    assert cells and all(c.data_type == "s" for c in cells)


def test_same_report_same_bytes(may_report: Report, may_xlsx: bytes) -> None:
    assert xlsx.render(may_report, WRITTEN) == may_xlsx
    with zipfile.ZipFile(io.BytesIO(may_xlsx)) as z:
        assert {i.date_time for i in z.infolist()} == {(2008, 5, 31, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert core.count("2008-05-31T00:00:00Z") == 2  # created and modified


def test_stamped_file_records_its_time(may_report: Report) -> None:
    stamped = xlsx.render(may_report, dt.datetime(2024, 3, 1, 9, 30))
    props = _book(stamped).properties
    assert props.modified == dt.datetime(2024, 3, 1, 9, 30)


@pytest.mark.libreoffice
def test_libreoffice_opens_it(tmp_path: Path, may_xlsx: bytes) -> None:
    soffice = require_tool("soffice")
    source = tmp_path / "kactl-report-2008-05.xlsx"
    source.write_bytes(may_xlsx)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=False, capture_output=True, timeout=180,
    )
    # soffice exits 0 even when it could not read the file: only the PDF tells.
    pdf = tmp_path / "kactl-report-2008-05.pdf"
    assert pdf.exists() and pdf.stat().st_size > 10_000
    assert pdf.read_bytes()[:5] == b"%PDF-"
