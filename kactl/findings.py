"""What `kactl validate` reports: the catalogue of finding codes and the Finding record.

Each code has a severity, a title and a message template in Chinese and English. The README's
table of codes is tested against this catalogue, so a new rule starts here.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from kactl import lang


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    title_zh: str
    title_en: str
    zh: str
    en: str


E, W = Severity.ERROR, Severity.WARNING

CATALOGUE: dict[str, Code] = {
    c.code: c
    for c in (
        Code(
            "no-sheets",
            E,
            "没有可识别的工作表",
            "no recognisable sheet",
            "没有找到任何 kactl 认识的工作表（表头需含如“大客户名称”“走访记录表编号”等列）",
            "no sheet kactl knows was found (a header row with e.g. 大客户名称 or 走访记录表编号)",
        ),
        Code(
            "missing-sheet",
            W,
            "缺少工作表",
            "sheet missing",
            "工作簿中没有“{title}”工作表",
            "the workbook has no {title} sheet",
        ),
        Code(
            "missing-column",
            E,
            "缺少必填列",
            "required column missing",
            "看起来是“{title}”，但缺少必填列：{missing}；已有的列：{present}",
            "looks like {title} but lacks required column(s): {missing}; it has: {present}",
        ),
        Code(
            "duplicate-column",
            W,
            "重复的列",
            "duplicate column",
            "“{header}”列出现了两次，kactl 只读第一列（{first}列）",
            "column {header} appears twice; kactl reads only the first (column {first})",
        ),
        Code(
            "required",
            E,
            "必填项为空",
            "required value missing",
            "“{header}”为必填项，不能为空",
            "{header} is required but empty",
        ),
        Code(
            "vocabulary",
            E,
            "不在规定选项中",
            "not an allowed value",
            "“{value}”不是“{header}”的规定选项{hint}",
            "{value!r} is not an allowed {header}{hint}",
        ),
        Code(
            "vocabulary-ambiguous",
            E,
            "含义不明确",
            "ambiguous value",
            "“{value}”含义不明确，请从以下选项中选一个：{options}",
            "{value!r} is ambiguous; choose one of: {options}",
        ),
        Code(
            "date",
            E,
            "不是日期",
            "not a date",
            "“{header}”的值“{value}”不是日期（可写作 2008-05-20、2008/5/20 或 2008年5月20日）",
            "{header} {value!r} is not a date (write 2008-05-20, 2008/5/20 or 2008年5月20日)",
        ),
        Code(
            "date-invalid",
            E,
            "日期不存在",
            "no such date",
            "“{header}”的日期“{value}”不存在",
            "{header} {value!r} is not a real calendar date",
        ),
        Code(
            "date-range",
            E,
            "日期超出范围",
            "date out of range",
            "“{header}”的日期“{value}”不在 1950–2100 年之间，多半是输入错误",
            "{header} {value!r} is outside 1950-2100, most likely a typing mistake",
        ),
        Code(
            "number",
            E,
            "不是数字",
            "not a number",
            "“{header}”的值“{value}”不是数字",
            "{header} {value!r} is not a number",
        ),
        Code(
            "negative",
            E,
            "不能为负数",
            "negative value",
            "“{header}”不能为负数（{value}）",
            "{header} cannot be negative ({value})",
        ),
        Code(
            "not-whole",
            E,
            "应为整数",
            "not a whole number",
            "“{header}”应为整数（{value}）",
            "{header} must be a whole number ({value})",
        ),
        Code(
            "quantity-min",
            E,
            "数量至少为 1",
            "quantity below 1",
            "“{header}”至少为 1（{value}）",
            "{header} must be at least 1 ({value})",
        ),
        Code(
            "score-range",
            E,
            "得分超出 0–100",
            "score outside 0-100",
            "“{header}”应在 0 到 100 之间（{value}）",
            "{header} must be between 0 and 100 ({value})",
        ),
        Code(
            "phone",
            E,
            "电话号码格式不对",
            "bad phone number",
            "“{value}”不是有效的手机号（11 位，1 开头）或固话（区号+7–8 位）",
            "{value!r} is not a mainland mobile (11 digits from 1) or landline (area code + 7-8)",
        ),
        Code(
            "total-mismatch",
            E,
            "合计不等于各项之和",
            "total is not the sum of its parts",
            "“{header}”为 {value}，但{parts}之和为 {expected}",
            "{header} is {value} but the sum of {parts} is {expected}",
        ),
        Code(
            "duplicate-customer",
            E,
            "客户重复",
            "duplicate customer",
            "客户“{value}”已在第 {first} 行出现",
            "customer {value!r} already appears in row {first}",
        ),
        Code(
            "duplicate-number",
            E,
            "表单编号重复",
            "duplicate form number",
            "编号“{value}”已在第 {first} 行出现，引用将指向第 {first} 行",
            "number {value!r} already appears in row {first}; references resolve to row {first}",
        ),
        Code(
            "number-format",
            E,
            "表单编号格式不对",
            "form number does not parse",
            "编号“{value}”不符合格式“{pattern}”",
            "number {value!r} does not match {pattern}",
        ),
        Code(
            "number-mismatch",
            E,
            "表单编号与本行不符",
            "form number disagrees with its row",
            "编号“{value}”中的{part}为“{got}”，但本行应为“{expected}”",
            "in number {value!r} the {part_en} is {got!r}, but this row says {expected!r}",
        ),
        Code(
            "same-person-twice",
            E,
            "同一人填了两次",
            "same person twice",
            "“{header}”中“{value}”出现了两次",
            "{header} names {value!r} twice",
        ),
        Code(
            "too-many-people",
            W,
            "人员超过两人",
            "more than two people",
            "“{header}”有 {count} 人，表单按两人一组设计",
            "{header} names {count} people; forms hold two",
        ),
        Code(
            "unknown-person",
            E,
            "人员表中没有此人",
            "person not in staff",
            "“{value}”不在“人员”表中{hint}",
            "{value!r} is not in the staff sheet (人员){hint}",
        ),
        Code(
            "unknown-model",
            W,
            "未知车型",
            "unknown model",
            "车型“{value}”不在车型表中（可在 kactl.toml 的 models 中添加）{hint}",
            "model {value!r} is not in the model list (add it to models in kactl.toml){hint}",
        ),
        Code(
            "unknown-customer",
            E,
            "档案中没有此客户",
            "customer not in archive",
            "客户“{value}”不在大客户档案表中{hint}",
            "customer {value!r} is not in the archive{hint}",
        ),
        Code(
            "unknown-record",
            E,
            "走访记录表中没有此编号",
            "record number not found",
            "走访记录表中没有编号“{value}”",
            "no visit record has number {value!r}",
        ),
        Code(
            "unknown-kpi",
            E,
            "未知指标",
            "unknown KPI",
            "指标“{value}”不是 kactl 认识的指标{hint}",
            "{value!r} is not a KPI kactl knows{hint}",
        ),
        Code(
            "unknown-subject",
            W,
            "未知对象",
            "unknown target subject",
            "“{scope}”中没有“{value}”",
            "there is no {scope} named {value!r}",
        ),
        Code(
            "grade-date",
            W,
            "级别与预计购车日期不符",
            "grade disagrees with expected date",
            "{grade}应在 {window} 内购车，但预计购车日期为 {value}（自 {since} 起）",
            "{grade} means purchase within {window_en}, but the expected date is {value} "
            "(counted from {since})",
        ),
    )
}

_HINT = {"zh": "，是否为“{s}”？", "en": "; did you mean {s!r}?"}


@dataclass(frozen=True)
class Finding:
    """One problem found, at a cell (or a whole sheet or file when cell is None)."""

    code: str
    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    field: str | None = None
    value: Any = None
    suggestion: str | None = None
    params: dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def severity(self) -> Severity:
        return CATALOGUE[self.code].severity

    @property
    def cell(self) -> str | None:
        return f"{self.column}{self.row}" if self.column and self.row else None

    def message(self, language: str | None = None) -> str:
        """Return the finding's message in the language in force."""
        entry = CATALOGUE[self.code]
        language = language or lang.current()
        hint = _HINT[language].format(s=self.suggestion) if self.suggestion else ""
        params = {"value": "" if self.value is None else self.value, "hint": hint, **self.params}
        template = entry.en if language == "en" else entry.zh
        return template.format(**params)

    def to_dict(self, language: str | None = None) -> dict[str, Any]:
        """Return the finding as SPEC §7's JSON object."""
        value = self.value
        if value is not None and not isinstance(value, str | int | float | bool):
            value = str(value)
        return {
            "file": self.file, "sheet": self.sheet, "cell": self.cell, "row": self.row,
            "column": self.column, "field": self.field, "code": self.code,
            "severity": str(self.severity), "message": self.message(language),
            "value": value, "suggestion": self.suggestion,
        }  # fmt: skip


def catalogue_markdown() -> str:
    """Return the README's table of finding codes (a test holds the README to it)."""
    lines = ["| code | severity | 问题 | meaning |", "| --- | --- | --- | --- |"]
    for c in CATALOGUE.values():
        lines.append(f"| `{c.code}` | {c.severity} | {c.title_zh} | {c.title_en} |")
    return "\n".join(lines)
