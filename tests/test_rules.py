"""Each rule of `kactl validate`, triggered by breaking one cell of a valid small workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kactl.config import Config
from kactl.validation import validate
from tests import minibook


def findings(
    tmp_path: Path, edits: dict[tuple[str, str], Any] | None = None
) -> list[dict[str, Any]]:
    path = minibook.write(tmp_path / "book.xlsx", edits)
    report = validate([path], Config())
    return [
        f
        for f in report.to_dict("en")["findings"]
        if f["severity"] == "error" or f["code"] != "missing-sheet"
    ]


def test_the_valid_workbook_has_no_finding(tmp_path: Path) -> None:
    assert findings(tmp_path) == []


@pytest.mark.parametrize(
    ("sheet", "cell", "value", "code", "suggestion"),
    [
        ("大客户档案表", "D5", "金触", "vocabulary", None),
        ("大客户档案表", "E5", "国企", "vocabulary-ambiguous", None),
        ("大客户档案表", "B6", "", "required", None),
        ("大客户档案表", "I5", "1380013800", "phone", None),
        ("大客户档案表", "N5", 4, "total-mismatch", None),
        ("大客户档案表", "J6", -1, "negative", None),
        ("大客户档案表", "P5", "2008-02-30", "date-invalid", None),
        ("大客户档案表", "P5", "2009-12-01", "grade-date", None),
        ("大客户档案表", "R5", "张三", "unknown-person", None),
        ("大客户档案表", "F5", "东电-20080101-走访记录表-03", "unknown-record", None),
        ("大客户档案表", "B6", "东海电力公司", "duplicate-customer", None),
        ("大客户档案表", "O5", "公务车", "vocabulary", "公务用车"),
        ("走访准备表", "N2", 800, "total-mismatch", None),
        ("走访准备表", "A2", "东电-20080512-准备-03", "number-format", None),
        ("走访准备表", "A2", "东电-20080513-走访准备表-03-张伟-李娜", "number-mismatch", None),
        ("走访准备表", "D2", "张伟、张伟", "same-person-twice", None),
        ("走访准备表", "Q2", "优秀", "vocabulary", None),
        ("走访记录表", "A3", "东电-20080512-走访记录表-03", "duplicate-number", None),
        ("走访记录表", "A3", "海驾-20080520-走访记录表-05", "number-mismatch", None),
        ("走访记录表", "C3", "海滨架校", "unknown-customer", "海滨驾校"),
        ("走访记录表", "D3", "下周二", "date", None),
        ("走访记录表", "O2", "七百", "number", None),
        ("成交记录", "D2", 0, "quantity-min", None),
        ("成交记录", "D2", 1.5, "not-whole", None),
        ("满意度", "C2", 120, "score-range", None),
        ("成交记录", "C2", "迈藤", "unknown-model", "迈腾"),
        ("指标", "B2", "new_volumn", "unknown-kpi", "new_volume"),
    ],
)
def test_a_broken_cell_is_reported_at_that_cell(
    tmp_path: Path, sheet: str, cell: str, value: Any, code: str, suggestion: str | None
) -> None:
    found = findings(tmp_path, {(sheet, cell): value})
    at_cell = [f for f in found if f["sheet"] == sheet and f["cell"] == cell]
    hits = [f for f in at_cell if f["code"] == code]
    assert hits, found
    if suggestion:
        assert hits[0]["suggestion"] == suggestion


def test_aliases_are_accepted_silently(tmp_path: Path) -> None:
    edits = {("大客户档案表", "A5"): "A级", ("大客户档案表", "A6"): "c"}
    assert findings(tmp_path, edits) == []


def test_a_sheet_missing_a_required_column_names_the_columns_it_has(tmp_path: Path) -> None:
    found = findings(tmp_path, {("成交记录", "C1"): "型号"})
    sheet_level = [f for f in found if f["code"] == "missing-column"]
    assert len(sheet_level) == 1
    assert "车型" in sheet_level[0]["message"] and "成交日期" in sheet_level[0]["message"]


def test_config_models_extend_the_model_list(tmp_path: Path) -> None:
    path = minibook.write(tmp_path / "book.xlsx", {("成交记录", "C2"): "CC"})
    assert any(f.code == "unknown-model" for f in validate([path], Config()).findings)
    config = Config(models=("捷达", "宝来", "速腾", "迈腾", "CC"))
    assert not any(f.code == "unknown-model" for f in validate([path], config).findings)


def test_config_aliases_extend_a_vocabulary(tmp_path: Path) -> None:
    path = minibook.write(tmp_path / "book.xlsx", {("大客户档案表", "D5"): "供电"})
    config = Config(aliases={"industry": {"供电": "电力"}})
    assert validate([path], config).errors == 0
