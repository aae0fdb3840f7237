"""`kactl new-visit-prep` and `kactl new-visit-record` as a user meets them."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from kactl.cli.app import app
from kactl.config import Config
from kactl.forms.labels import VISIT_PREP, VISIT_RECORD
from kactl.forms.new import new_visit_prep
from kactl.forms.read import read_form
from tests.conftest import REPO
from tests.forms.forms_helpers import (
    CUSTOMER,
    SHORT,
    VISITORS,
    dealer_workbook,
    fill_by_label,
    read_by_label,
    restyled_template,
)

runner = CliRunner()
PREP_NUMBER = f"{SHORT}-20080702-走访准备表-06-李娜-张伟"
RECORD_NUMBER = f"{SHORT}-20080702-走访记录表-06"


def run(cwd: Path, *args: str) -> Any:
    old = Path.cwd()
    os.chdir(cwd)  # default file names are written to the working folder
    try:
        return runner.invoke(app, list(args))
    finally:
        os.chdir(old)


def make_prep(tmp_path: Path, *extra: str) -> tuple[Path, Any]:
    book = dealer_workbook(tmp_path)
    args = ["new-visit-prep", "-w", str(book), "--customer", SHORT, "--date", "2008-07-02"]
    for name in VISITORS:
        args += ["--visitor", name]
    return book, run(tmp_path, *args, *extra)


def test_prep_form_is_prefilled_from_the_archive(tmp_path: Path) -> None:
    _, result = make_prep(tmp_path)
    assert result.exit_code == 0, result.output
    path = tmp_path / f"{PREP_NUMBER}.xlsx"
    assert path.is_file()
    assert PREP_NUMBER in result.stdout
    form = read_form(path, Config())
    assert form.spec is VISIT_PREP
    assert form.number == PREP_NUMBER
    assert form.text("customer") == CUSTOMER  # found by its short name, written in full
    assert form.text("short_name") == SHORT
    assert (form.text("nature"), form.text("industry")) == ("地方私企", "驾校")
    assert form.text("contact_name") == "杨慧敏"
    assert form.text("visitors") == "李娜、张伟"
    assert form.values["date"] == dt.date(2008, 7, 2)
    assert form.channels["customer"] == "大客户档案表"


def test_prep_form_carries_what_the_latest_record_form_knew(tmp_path: Path) -> None:
    """The previous record's own form, under its default name, gives address, size, fleet."""
    book = dealer_workbook(tmp_path)
    first = new_visit_prep([book], Config(), SHORT, dt.date(2008, 7, 2), VISITORS,
                           tmp_path / "first.xlsx")
    record = run(tmp_path, "new-visit-record", "--from", str(first.path))
    assert record.exit_code == 0, record.output
    record_path = tmp_path / f"{RECORD_NUMBER}.xlsx"
    fill_by_label(record_path, {"address": "北湖区学府路 8 号", "headcount": "120人",
                                "leader_cars": "2 台", "leader_models": "帕萨特 2006 年"})
    run(tmp_path, "collect", str(record_path), "-w", str(book))

    again = new_visit_prep([book], Config(), SHORT, dt.date(2008, 8, 1), VISITORS,
                           tmp_path / "second.xlsx")
    form = read_form(again.path, Config())
    assert form.text("address") == "北湖区学府路 8 号"
    assert form.text("headcount") == "120人"
    assert form.values["fleet"] == "领导用车：2 台，帕萨特 2006 年"
    assert form.channels["fleet"] == f"走访记录表 {RECORD_NUMBER}"


def test_unknown_customer_exits_2_with_the_nearest_names(tmp_path: Path) -> None:
    book = dealer_workbook(tmp_path)
    result = run(tmp_path, "new-visit-prep", "-w", str(book), "--customer", "瀚海驾驶员学校",
                 "--date", "2008-07-02", "--visitor", "李娜")
    assert result.exit_code == 2
    assert "没有客户“瀚海驾驶员学校”" in result.stderr
    assert CUSTOMER in result.stderr
    assert list(tmp_path.glob("*走访准备表*")) == []


def test_a_visitor_not_in_staff_is_a_warning(tmp_path: Path) -> None:
    book = dealer_workbook(tmp_path)
    result = run(tmp_path, "new-visit-prep", "-w", str(book), "--customer", SHORT,
                 "--date", "2008-07-02", "--visitor", "李娜", "--visitor", "张三")
    assert result.exit_code == 0
    assert "警告：走访人员“张三”不在“人员”表中，是否为“张伟”？" in result.stderr
    assert (tmp_path / f"{SHORT}-20080702-走访准备表-06-李娜-张三.xlsx").is_file()


@pytest.mark.parametrize(("args", "message"), [
    (["--date", "2008/07/02", "--visitor", "李娜"], "--date 应写作 YYYY-MM-DD"),
    (["--date", "2008-07-02", "--visitor", "李娜", "--visitor", "李娜"], "重复"),
    (["--date", "2008-07-02", "--visitor", "a", "--visitor", "b", "--visitor", "c"], "一到两名"),
])  # fmt: skip
def test_bad_arguments_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    book = dealer_workbook(tmp_path)
    result = run(tmp_path, "new-visit-prep", "-w", str(book), "--customer", SHORT, *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_an_existing_output_is_kept_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "prep.xlsx"
    out.write_bytes(b"mine")
    _, result = make_prep(tmp_path, "-o", str(out))
    assert result.exit_code == 2
    assert "已存在" in result.stderr and out.read_bytes() == b"mine"
    _, forced = make_prep(tmp_path, "-o", str(out), "--force")
    assert forced.exit_code == 0
    assert read_form(out, Config()).number == PREP_NUMBER


def test_record_form_carries_over_the_prep_form(tmp_path: Path) -> None:
    make_prep(tmp_path)
    prep = tmp_path / f"{PREP_NUMBER}.xlsx"
    fill_by_label(prep, {"address": "学府路 8 号", "fuel": 100, "allowance": 50, "gifts": 0,
                         "materials": 20, "tolls": 30, "contact_phone": "13800138000"})
    result = run(tmp_path, "new-visit-record", "--from", str(prep))
    assert result.exit_code == 0, result.output
    form = read_form(tmp_path / f"{RECORD_NUMBER}.xlsx", Config())
    assert form.spec is VISIT_RECORD
    assert form.number == RECORD_NUMBER
    assert form.text("prep_number") == PREP_NUMBER
    assert form.text("address") == "学府路 8 号"
    assert form.text("met1_name") == "杨慧敏"
    assert form.text("met1_phone") == "13800138000"
    assert form.text("visitors") == "李娜、张伟"
    assert form.values["approved_budget"] == 200  # the prep's total, its formula never computed


def test_record_form_prefers_the_confirmed_date_and_people(tmp_path: Path) -> None:
    make_prep(tmp_path)
    prep = tmp_path / f"{PREP_NUMBER}.xlsx"
    fill_by_label(prep, {"confirmed_date": dt.datetime(2008, 7, 3), "confirmed_visitors": "李娜",
                         "confirmed_budget": 150})
    result = run(tmp_path, "new-visit-record", "--from", str(prep), "-o", "r.xlsx")
    assert result.exit_code == 0, result.output
    form = read_form(tmp_path / "r.xlsx", Config())
    assert form.number == f"{SHORT}-20080703-走访记录表-06"
    assert form.text("visitors") == "李娜"
    assert form.values["approved_budget"] == 150


def test_record_from_a_record_form_exits_2(tmp_path: Path) -> None:
    make_prep(tmp_path)
    run(tmp_path, "new-visit-record", "--from", f"{PREP_NUMBER}.xlsx")
    result = run(tmp_path, "new-visit-record", "--from", f"{RECORD_NUMBER}.xlsx", "-o", "x.xlsx")
    assert result.exit_code == 2
    assert "需要一份走访准备表" in result.stderr


def test_formula_like_customer_text_is_written_as_text(tmp_path: Path) -> None:
    make_prep(tmp_path)
    prep = tmp_path / f"{PREP_NUMBER}.xlsx"
    fill_by_label(prep, {})
    book = openpyxl.load_workbook(prep)
    from tests.forms.forms_helpers import layout_of

    ws = book.worksheets[0]
    cell = ws.cell(*layout_of(ws, VISIT_PREP).cells["address"])
    cell.value, cell.data_type = "=HYPERLINK(\"http://x\")", "s"
    book.save(prep)
    run(tmp_path, "new-visit-record", "--from", str(prep))
    written = openpyxl.load_workbook(tmp_path / f"{RECORD_NUMBER}.xlsx").worksheets[0]
    address = written.cell(*layout_of(written, VISIT_RECORD).cells["address"])
    assert address.value == "=HYPERLINK(\"http://x\")" and address.data_type == "s"


def test_a_dealership_template_is_used_wherever_it_puts_things(tmp_path: Path) -> None:
    templates = tmp_path / "模板"
    restyled_template(VISIT_PREP, templates / "走访准备表.xlsx")
    restyled_template(VISIT_RECORD, templates / "走访记录表.xlsx")
    book = dealer_workbook(tmp_path)
    config = Config(templates_dir=templates)
    made = new_visit_prep([book], config, SHORT, dt.date(2008, 7, 2), VISITORS,
                          tmp_path / "p.xlsx")
    ws = openpyxl.load_workbook(made.path).worksheets[0]
    assert ws.title == "本店走访准备表"
    assert read_by_label(made.path, "number") == PREP_NUMBER
    assert read_form(made.path, config).text("customer") == CUSTOMER


def test_a_missing_dealership_template_exits_2(tmp_path: Path) -> None:
    (tmp_path / "kactl.toml").write_text('templates_dir = "nowhere"\n', encoding="utf-8")
    _, result = make_prep(tmp_path)
    assert result.exit_code == 2
    assert "找不到模板“走访准备表.xlsx”" in result.stderr


def test_real_subprocess_run(tmp_path: Path) -> None:
    book = dealer_workbook(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(REPO), "KACTL_LANG": "en"}
    done = subprocess.run(
        [sys.executable, "-m", "kactl", "new-visit-prep", "-w", str(book), "--customer", SHORT,
         "--date", "2008-07-02", "--visitor", "李娜", "--visitor", "张伟"],
        cwd=tmp_path, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("wrote ")
    assert (tmp_path / f"{PREP_NUMBER}.xlsx").is_file()
    missing = subprocess.run(
        [sys.executable, "-m", "kactl", "new-visit-record", "--from", "nope.xlsx"],
        cwd=tmp_path, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip
    assert missing.returncode == 2
    assert "Traceback" not in missing.stderr
