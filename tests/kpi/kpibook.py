"""Small dealership workbooks for the KPI tests, described as rows of field keys.

`book(...)` builds the tables in memory (fast enough for hypothesis); `write(...)` writes the
same rows to a real .xlsx with the schema's Chinese headers, for the loader and the CLI.
Archive rows may carry per-model demand as keys "model:捷达".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kactl.config import Config
from kactl.kpi.periods import parse_period
from kactl.kpi.scorecard import compute
from kactl.schema import SHEETS
from kactl.workbook import Column, Table, Workbook

Rows = list[dict[str, Any]]

# Two groups of two pairs' worth of people: 张伟 and 李娜 are one pair in the trade group,
# 刘洋 and 赵敏 one in the corporate group; 王总 is the general manager (not scored).
STAFF: Rows = [
    {"name": "王总", "role": "总经理"},
    {"name": "张伟", "role": "大用户销售顾问", "group": "行业用户组", "pair": "行业一组"},
    {"name": "李娜", "role": "大用户销售顾问", "group": "行业用户组", "pair": "行业一组"},
    {"name": "刘洋", "role": "大用户销售顾问", "group": "社会用户组", "pair": "社会一组"},
    {"name": "赵敏", "role": "大用户销售顾问", "group": "社会用户组", "pair": "社会一组"},
]


def customer(name: str, owner: str, **more: Any) -> dict[str, Any]:
    """Return an archive row (industry 电力 unless given)."""
    return {"grade": "A级客户", "customer": name, "industry": "电力", "owner": owner, **more}


def _headers(kind: str, rows: Rows) -> list[str]:
    keys = list(dict.fromkeys(k for row in rows for k in row))
    required = [f.key for f in SHEETS[kind].required]
    return list(dict.fromkeys([*required, *keys]))


def table(kind: str, rows: Rows, file: str = "book.xlsx") -> Table:
    """Return a Table of the given kind holding the rows, as the loader would."""
    schema = SHEETS[kind]
    columns: dict[str, Column] = {}
    models: dict[str, Column] = {}
    for index, key in enumerate(_headers(kind, rows)):
        values = [row.get(key, "") for row in rows]
        if key.startswith("model:"):
            model = key.removeprefix("model:")
            models[model] = Column(model, index, model, values)
        else:
            field = schema.field(key)
            columns[key] = Column(key, index, field.header, values, field)
    return Table(file=file, sheet=schema.title, schema=schema, header_row=1,
                 rows=list(range(2, len(rows) + 2)), columns=columns, models=models)


def book(**sheets: Rows | None) -> Workbook:
    """Return a workbook with a table per given sheet kind; staff defaults to STAFF."""
    sheets.setdefault("staff", STAFF)
    workbook = Workbook(files=["book.xlsx"])
    for kind, rows in sheets.items():
        if rows is not None:
            workbook.tables[kind] = [table(kind, rows)]
    return workbook


def write(path: Path, **sheets: Rows | None) -> Path:
    """Write the sheets to a real workbook with the schema's headers; staff defaults to STAFF.

    Text is written as text, so a value such as "=1+2" stays a string rather than a formula.
    """
    import openpyxl

    from kactl.io.write import set_text

    sheets.setdefault("staff", STAFF)
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.worksheets[0])
    for kind, rows in sheets.items():
        if rows is None:
            continue
        keys = _headers(kind, rows)
        header = [k.removeprefix("model:") if k.startswith("model:")
                  else SHEETS[kind].field(k).header for k in keys]
        ws = workbook.create_sheet(SHEETS[kind].title)
        for r, values in enumerate([header, *([row.get(k, "") for k in keys] for row in rows)]):
            for c, value in enumerate(values):
                set_text(ws.cell(r + 1, c + 1), None if value == "" else value)
    workbook.save(path)
    return path


def card(workbook: Workbook, config: Config | None = None, by: str | None = None,
         **period: Any) -> dict[str, Any]:
    """Return the scorecard of the period (month=…, quarter=…, week=…, year=…, ytd=…)."""
    return compute(workbook, config or Config(), parse_period(**period), by)


def actual(result: dict[str, Any], code: str, scope: str = "dealer",
           name: str | None = None) -> Any:
    """Return one KPI's actual for a scope (the dealership when no name is given)."""
    return kpi(result, code, scope, name)["actual"]


def kpi(result: dict[str, Any], code: str, scope: str = "dealer",
        name: str | None = None) -> dict[str, Any]:
    for s in result["scopes"]:
        if s["scope"] == scope and (name is None or s["name"] == name):
            return dict(s["kpis"][code])
    raise KeyError((scope, name))


def scope(result: dict[str, Any], kind: str, name: str | None = None) -> dict[str, Any]:
    for s in result["scopes"]:
        if s["scope"] == kind and (name is None or s["name"] == name):
            return dict(s)
    raise KeyError((kind, name))


def notes_about(result: dict[str, Any], code: str) -> list[str]:
    return [n for n in result["notes"] if n.startswith(f"{code}：") or n.startswith(f"{code}:")]
