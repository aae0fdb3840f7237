"""A generated form as LibreOffice sees it: one printable page, and the same total as kactl's."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import openpyxl

from kactl.config import Config
from kactl.forms.labels import VISIT_PREP
from kactl.forms.new import new_visit_prep
from kactl.forms.read import read_form
from tests.conftest import require_tool
from tests.forms.forms_helpers import (
    CUSTOMER,
    SHORT,
    VISITORS,
    dealer_workbook,
    fill_by_label,
    layout_of,
    soffice_convert,
)


def make_form(tmp_path: Path) -> Path:
    book = dealer_workbook(tmp_path)
    made = new_visit_prep([book], Config(), SHORT, dt.date(2008, 7, 2), VISITORS,
                          tmp_path / "form.xlsx")
    return made.path


def test_the_form_prints_on_one_page_with_its_name_and_number(tmp_path: Path) -> None:
    pdftotext = require_tool("pdftotext")
    form = make_form(tmp_path)
    pdf = soffice_convert(form, tmp_path, "pdf")
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True,
                          text=True, encoding="utf-8", check=True, timeout=60).stdout
    flat = "".join(text.split())
    assert CUSTOMER in flat
    assert read_form(form, Config()).number in flat
    assert text.count("\f") <= 1, "the form does not fit on one page"


def test_libreoffice_recalculates_the_same_total_as_kactl(tmp_path: Path) -> None:
    form = make_form(tmp_path)
    fill_by_label(form, {"fuel": 120.5, "allowance": 80, "gifts": 300, "materials": 30,
                         "tolls": 19.25})
    ours = read_form(form, Config()).total()  # the formula has no saved value: kactl sums
    assert ours == 549.75

    recalculated = soffice_convert(form, tmp_path / "lo", "xlsx")
    book = openpyxl.load_workbook(recalculated, data_only=True)
    ws = book.worksheets[0]
    assert ws.cell(*layout_of(ws, VISIT_PREP).cells["total"]).value == ours
    assert read_form(recalculated, Config()).values["total"] == ours  # as kactl reads it back
