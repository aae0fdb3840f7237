"""`kactl init`: a new, empty dealership workbook with every sheet kactl reads, and a kactl.toml.

The sheets and their headers come from the sheet schemas (kactl.schema), so what `init` writes
is exactly what the reader recognises; dropdowns read their lists from a hidden vocabulary
sheet, so a dealership extends a list in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kactl.config import CONFIG_NAME, Config
from kactl.errors import OutputError
from kactl.schema import ARCHIVE, SHEETS, VOCABULARIES, Field, Kind, SheetSchema

WORKBOOK_NAME = "大用户工作簿.xlsx"
VOCAB_SHEET = "词表"
DATA_ROWS = 5000  # how far down dropdowns reach
FONT = "宋体"

_FORMATS = {Kind.DATE: "yyyy-mm-dd", Kind.MONTH_DATE: "yyyy-mm-dd", Kind.MONEY: "#,##0.00",
            Kind.COUNT: "0", Kind.QUANTITY: "0"}
_WIDTHS = {Kind.NAME: 30, Kind.PREP_NUMBER: 40, Kind.RECORD_NUMBER: 34, Kind.DATE: 12,
           Kind.MONTH_DATE: 12, Kind.PHONE: 16, Kind.PEOPLE: 14}


@dataclass(frozen=True)
class Created:
    workbook: Path
    config: Path


def init(directory: Path, config: Config | None = None) -> Created:
    """Write a new workbook and kactl.toml into `directory`; OutputError if either exists."""
    config = config or Config()
    book_path, toml_path = directory / WORKBOOK_NAME, directory / CONFIG_NAME
    existing = [p for p in (book_path, toml_path) if p.exists()]
    if existing:
        names = "、".join(p.name for p in existing)
        raise OutputError(f"{names} 已存在，kactl init 不会覆盖任何文件",
                          f"{names} exists already; kactl init overwrites nothing",
                          file=directory)
    directory.mkdir(parents=True, exist_ok=True)
    _save(new_workbook(config), book_path)
    _write_text(toml_path, config_text(WORKBOOK_NAME))
    return Created(book_path, toml_path)


def new_workbook(config: Config) -> Any:
    """Return the empty dealership workbook: the eight sheets, and the hidden vocabulary sheet."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.worksheets[0])
    lists = _vocabulary_sheet(book)
    for schema in SHEETS.values():
        ws = book.create_sheet(schema.title)
        if schema is ARCHIVE:
            _archive_sheet(ws, config.models)
        else:
            _log_sheet(ws, schema)
        _dropdowns(ws, schema, lists)
    book.move_sheet(VOCAB_SHEET, offset=len(book.sheetnames) - 1)
    return book


def _vocabulary_sheet(book: Any) -> dict[str, str]:
    """Write one column per vocabulary; return each vocabulary's list range."""
    from openpyxl.utils import get_column_letter

    ws = book.create_sheet(VOCAB_SHEET)
    ws.sheet_state = "hidden"
    ranges: dict[str, str] = {}
    for c, vocab in enumerate(VOCABULARIES.values(), 1):
        # "…选项", not the bare label, so the reader never takes this sheet for one of its own.
        ws.cell(row=1, column=c, value=f"{vocab.label}选项")
        for r, value in enumerate(vocab.values, 2):
            ws.cell(row=r, column=c, value=value)
        letter = get_column_letter(c)
        ranges[vocab.key] = f"'{VOCAB_SHEET}'!${letter}$2:${letter}${len(vocab.values) + 1}"
        ws.column_dimensions[letter].width = 16
    return ranges


def _header_cell(ws: Any, row: int, col: int, text: str) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    cell = ws.cell(row=row, column=col, value=text)
    cell.font = Font(name=FONT, size=10, bold=True)
    cell.fill = PatternFill("solid", fgColor="DCE6F1")
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    thin = Side(style="thin")
    cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)


def _archive_sheet(ws: Any, models: tuple[str, ...]) -> None:
    """Write the archive's title, 维护日期 row and two-row header, 需求车型 over the models."""
    ws["A1"] = ARCHIVE.title
    ws["A2"] = "维护日期："
    ws["B2"].number_format = _FORMATS[Kind.DATE]
    col = 1
    for f in ARCHIVE.fields:
        if f.key == "demand_total":
            _model_group(ws, col, models)
            col += len(models)
        _header_cell(ws, 3, col, f.header)
        _header_cell(ws, 4, col, "")
        ws.merge_cells(start_row=3, start_column=col, end_row=4, end_column=col)
        _column_style(ws, col, f)
        col += 1
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=col - 1)
    ws.freeze_panes = "C5"


def _model_group(ws: Any, col: int, models: tuple[str, ...]) -> None:
    from openpyxl.utils import get_column_letter

    assert ARCHIVE.model_group is not None
    _header_cell(ws, 3, col, ARCHIVE.model_group)
    for i, model in enumerate(models):
        _header_cell(ws, 4, col + i, model)
        if i:
            _header_cell(ws, 3, col + i, "")
        letter = get_column_letter(col + i)
        ws.column_dimensions[letter].width = 7
        ws.column_dimensions[letter].number_format = _FORMATS[Kind.COUNT]
    ws.merge_cells(start_row=3, start_column=col, end_row=3, end_column=col + len(models) - 1)


def _log_sheet(ws: Any, schema: SheetSchema) -> None:
    for col, f in enumerate(schema.fields, 1):
        _header_cell(ws, 1, col, f.header)
        _column_style(ws, col, f)
    ws.freeze_panes = "B2" if schema.key in ("visit_prep", "visit_record") else "A2"


def _column_style(ws: Any, col: int, f: Field) -> None:
    """Give a column its width and, for new cells typed into it, its number format."""
    from openpyxl.utils import get_column_letter

    dim = ws.column_dimensions[get_column_letter(col)]
    dim.width = max(_WIDTHS.get(f.kind, 12), min(2 * len(f.header) + 2, 24))
    if f.kind in _FORMATS:
        dim.number_format = _FORMATS[f.kind]


def _dropdowns(ws: Any, schema: SheetSchema, lists: dict[str, str]) -> None:
    """Give each vocabulary column a dropdown from the vocabulary sheet."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    header_row, first = (3, 5) if schema is ARCHIVE else (1, 2)
    by_header = {f.header: f for f in schema.fields}
    for cell in ws[header_row]:
        f = by_header.get(str(cell.value or ""))
        if f is None or f.vocab is None:
            continue
        letter = get_column_letter(cell.column)
        # Aliases are accepted by kactl, so a typed value is warned about, not refused.
        dv = DataValidation(type="list", formula1=lists[f.vocab], allow_blank=True,
                            errorStyle="warning", showErrorMessage=True,
                            errorTitle="不在规定选项中", error="请从下拉列表中选择")
        dv.add(f"{letter}{first}:{letter}{DATA_ROWS}")
        ws.add_data_validation(dv)


def _save(book: Any, path: Path) -> None:
    from kactl.io.write import atomic_output

    with atomic_output(path) as tmp:
        book.save(tmp)


def _write_text(path: Path, text: str) -> None:
    from kactl.io.write import atomic_output

    with atomic_output(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def config_text(workbook_name: str) -> str:
    """Return a commented kactl.toml naming the workbook; every other setting at its default."""
    return f'''# kactl 的配置文件。以 # 开头的行是说明或未启用的设置：去掉 # 即可启用。
# kactl's settings. Lines starting with # are comments or settings left at their defaults.

# 工作簿（可以有多个），相对于本文件所在的文件夹。
workbooks = ["{workbook_name}"]

# 经销商名称，用于报表标题。
# dealer = "某某一汽-大众汽车销售服务有限公司"

# 2008 年手册之后新增的车型，排在捷达、宝来、速腾、迈腾之后（档案表“需求车型”下各占一列）。
# models = ["高尔夫"]

# 本店自己的走访表模板所在文件夹（走访准备表.xlsx、走访记录表.xlsx）。可先运行
#   python -m kactl.forms.build_templates 模板
# 生成一份，再按本店习惯调整样式或位置：kactl 按标签文字找栏目，不按单元格位置。
# templates_dir = "模板"

# 固定“今天”，便于复核历史数据。
# today = 2008-06-30

# 本店的别名：左边是常写的词，右边是手册的规定选项。
# [aliases.industry]
# "银行业" = "金融"

# 客户级别对应的购车期限（月），以及允许的误差。
# [grades]
# slack_months = 1
# [grades.months]
# "A级客户" = 1
# "B级客户" = 3
# "C级客户" = 6

# 指标：走访报告及时的天数、得分封顶、各指标权重。
# [kpi]
# timeliness_days = 2
# cap = 1.2
# [kpi.weights]
# new_volume = 0.2
'''
