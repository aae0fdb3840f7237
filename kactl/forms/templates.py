"""The two form templates: drawn like the handbook's forms, or a dealership's own restyled copy.

A template is drawn row by row from label and value segments; then the label map finds each
field in the drawn sheet (the same way it will when filling or reading), and the dropdowns,
number formats and the total formula go where it found them. So the drawing and the label map
cannot drift apart: a field the drawing forgot fails `build()`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kactl.errors import InputError
from kactl.forms.labels import CHANNEL_LABEL, VISIT_PREP, VISIT_RECORD, FormSpec
from kactl.forms.locate import Layout, grid_of_worksheet, locate
from kactl.schema import BUDGET_ITEMS, VOCABULARIES, Kind

if TYPE_CHECKING:
    from kactl.config import Config

FONT = "宋体"  # SimSun: the font Chinese office forms are printed in
TITLE_FONT = "黑体"
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
MONEY_FORMAT = "#,##0.00"
WIDTHS = (17, 13, 14, 13, 14, 12, 14)  # A..G; with fit-to-page they print on one A4 page


@dataclass(frozen=True)
class Seg:
    """One segment of a drawn row: a label (text) or a value cell (None), `span` columns wide."""

    text: str | None = None
    span: int = 1
    down: int = 1  # rows it covers, for a row label beside two rows
    role: str = "label"  # label, head or title


def L(text: str, span: int = 1, down: int = 1) -> Seg:  # short: the rows read like the form
    return Seg(text, span, down)


def V(span: int = 1) -> Seg:
    return Seg(None, span)


def H(text: str, span: int = 1) -> Seg:
    return Seg(text, span, role="head")


def _profile(labels: tuple[str, ...], value: int, channel: int) -> list[list[Seg]]:
    return [[L(label), V(value), V(channel)] for label in labels]


def _block(label: str, heads: tuple[str, ...]) -> list[list[Seg]]:
    """Return a two-row block: a row label beside a row of sub-labels over their values."""
    return [[L(label, down=2), *(L(h) for h in heads)], [V() for _ in heads]]


PREP_ROWS: list[list[Seg]] = [
    [Seg("用户走访准备表", 7, role="title")],
    [L("计划走访人员："), V(3), L("计划走访时间："), V(2)],
    [H("项目名称"), H("走访前信息准备内容", 4), H(CHANNEL_LABEL, 2)],
    *_profile(("用户名称", "大用户统称", "用户地址", "用户网站地址", "用户性质", "所处行业分类",
               "该行业在当地状况", "用户在行业内地位"), 4, 2),
    [L("用户规模"), L("去年产值"), V(), L("员工数量"), V(), V(2)],
    *_profile(("用户效益", "用户员工收入", "用户用车概况", "员工购车概况"), 4, 2),
    *([L(label), V(6)] for label in ("走访方向", "走访对象", "走访对象预约情况")),
    [L("走访对象信息"), L("姓名"), V(), L("联系电话"), V(), V(2)],
    [L("走访方式"), V(6)],
    [L("走访预期效果"), V(6)],
    [L("走访物品准备", down=2), L("走访车辆", 2), L("车模"), L("小精品"), L("宣传资料"), L("其他")],
    [V(2), V(), V(), V(), V()],
    *_block("走访预算",
            ("汽油费", "走访补贴", "礼品招待费", "资料费", "路桥停车及其他", "预算合计")),
    [L("制表人"), V(2), L("制表日期"), V(3)],
    [L("大用户经理审核"), V(2), L("总经理审核"), V(3)],
    [L("确认走访时间"), V(2), L("确认走访人员"), V(3)],
    [L("确认走访预算"), V(2), L("走访准备表评分"), V(3)],
    [L("走访准备表编号"), V(6)],
]


def _pair(label: str, first: str, second: str) -> list[Seg]:
    return [L(label), L(first), V(), L(second), V(3)]


def _met(label: str) -> list[Seg]:
    return [L(label), L("姓名"), V(), L("职务"), V(), L("电话"), V()]


RECORD_ROWS: list[list[Seg]] = [
    [Seg("用户走访记录表", 7, role="title")],
    [L("走访人员："), V(3), L("走访时间："), V(2)],
    [H("走访项目"), H("走访记录", 5), H(CHANNEL_LABEL)],
    [L("用户名称"), V(3), L("总机"), V(), V()],
    *_profile(("大用户统称", "用户地址"), 5, 1),
    [L("用户网站地址"), V(3), L("邮编"), V(), V()],
    *_profile(("用户机构性质", "用户行业分类", "主要职能/主营业务"), 5, 1),
    [L("本区域内分支机构数量"), V(3), L("员工人数"), V(), V()],
    [L("上一年产值"), V(3), L("员工平均收入"), V(), V()],
    _met("本次走访会谈人员1"),
    _met("本次走访会谈人员2"),
    _pair("公务用车概况（领导用车）", "配备情况及数量", "竞品车型及采购时间"),
    _pair("公务用车概况（其它公务用车）", "配备情况及数量", "轿车车型及采购时间"),
    [L("员工购车概况", down=2), L("员工购车比例及主要用途"), V(),
     L("员工购车主要价位及4个主要车型"), V(3)],
    [L("员工居住分布情况"), V(), L("购买一汽-大众车情况"), V(3)],
    [L("大众品牌各车型在该用户处的知名度、品牌形象情况", 2), V(),
     L("已购大众品牌车用户对车辆使用及售后服务满意度情况"), V(3)],
    _pair("用户潜在购车意向及购车决策方式", "公务用车", "员工购车"),
    _pair("后续跟踪设想方案", "回访时间安排", "回访方式"),
    _pair("本次走访发现的需总结改进的方面", "走访准备", "走访会谈"),
    *_block("实际走访费用",
            ("汽油费", "走访补贴", "礼品费", "资料费", "路桥停车及其他", "费用合计")),
    [L("制表人"), V(2), L("制表日期"), V(3)],
    [L("预算审批费用"), V(2), L("走访记录表评分"), V(3)],
    [L("走访准备表编号"), V(6)],
    [L("走访记录表编号"), V(6)],
]

DRAWINGS: dict[str, list[list[Seg]]] = {"visit_prep": PREP_ROWS, "visit_record": RECORD_ROWS}
# Rows whose values are sentences, drawn taller so a handwritten or typed answer fits.
_TALL = frozenset({"fleet", "staff_cars", "expected_effect", "staff_share", "staff_prices",
                   "staff_homes", "staff_fawvw", "brand_awareness", "owner_satisfaction",
                   "intent_official", "intent_staff", "improve_prep", "improve_meeting",
                   "business", "leader_models", "other_models"})


# --- drawing ---------------------------------------------------------------------------


def build(spec: FormSpec) -> Any:
    """Return a new openpyxl workbook holding the form `spec` drawn like the handbook's."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.worksheets[0]
    ws.title = spec.log.title
    last_row = _draw(ws, DRAWINGS[spec.key])
    layout = locate(grid_of_worksheet(ws), spec)
    missing = [f.label for f in layout.missing()]
    if missing:  # a programming error: the drawing and the label map disagree
        raise AssertionError(f"{spec.title} drawing lacks {missing}")
    _format_values(ws, layout)
    _add_dropdowns(ws, layout)
    _add_total(ws, layout)
    _page_setup(ws, last_row)
    return book


def _draw(ws: Any, rows: list[list[Seg]]) -> int:
    """Draw the rows from A1; return the last row drawn."""
    from openpyxl.utils import get_column_letter

    covered: set[tuple[int, int]] = set()
    for i, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for r, segments in enumerate(rows, 1):
        c = 1
        for seg in segments:
            while (r, c) in covered:
                c += 1
            _put(ws, r, c, seg)
            covered.update((r + dr, c + dc) for dr in range(seg.down) for dc in range(seg.span))
            c += seg.span
        ws.row_dimensions[r].height = _height(segments)
    return len(rows)


def _put(ws: Any, row: int, col: int, seg: Seg) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    last_row, last_col = row + seg.down - 1, col + seg.span - 1
    if (last_row, last_col) != (row, col):
        ws.merge_cells(start_row=row, start_column=col, end_row=last_row, end_column=last_col)
    cell = ws.cell(row=row, column=col)
    cell.value = seg.text
    thin = Side(style="thin")
    centred = seg.role != "label" or seg.text is not None
    for r in range(row, last_row + 1):
        for c in range(col, last_col + 1):
            target = ws.cell(row=r, column=c)
            if seg.role != "title":
                target.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            target.alignment = Alignment(horizontal="center" if centred else "left",
                                         vertical="center", wrap_text=True)
    if seg.role == "title":
        cell.font = Font(name=TITLE_FONT, size=16, bold=True)
        return
    cell.font = Font(name=FONT, size=10, bold=seg.role == "head")
    if seg.text is not None:
        cell.fill = PatternFill("solid", fgColor="DCE6F1" if seg.role == "head" else "F2F2F2")


def _height(segments: list[Seg]) -> float:
    """Return a row height that shows its longest label, wrapped, in full."""
    if segments and segments[0].role == "title":
        return 32.0
    lines = 1
    for seg in segments:
        if seg.text:
            width = sum(WIDTHS[:seg.span])  # a close enough estimate of the segment's width
            lines = max(lines, math.ceil(len(seg.text) * 2.1 / width) // seg.down)
    return max(21.0, 14.0 * lines + 6)


def _format_values(ws: Any, layout: Layout) -> None:
    """Give date and money value cells their formats, and rows of sentences more height."""
    for f in layout.spec.fields:
        row, col = layout.cells[f.key]
        cell = ws.cell(row=row, column=col)
        if f.field.kind is Kind.DATE:
            cell.number_format = DATE_FORMAT
        elif f.field.kind is Kind.MONEY:
            cell.number_format = MONEY_FORMAT
        if f.key in _TALL:
            ws.row_dimensions[row].height = max(ws.row_dimensions[row].height or 0, 40.0)


def _add_dropdowns(ws: Any, layout: Layout) -> None:
    """Give every vocabulary field a dropdown of its handbook list, and channel cells theirs."""
    from openpyxl.worksheet.datavalidation import DataValidation

    for f in layout.spec.fields:
        if f.field.vocab is None:
            continue
        values = VOCABULARIES[f.field.vocab].values
        dv = DataValidation(type="list", formula1=_list_formula(values), allow_blank=True,
                            showErrorMessage=True, errorStyle="stop", errorTitle="不在规定选项中",
                            error="请从下拉列表中选择：" + "、".join(values))
        dv.add(_ref(layout.cells[f.key]))
        ws.add_data_validation(dv)
    if layout.channels:
        # Where information came from is often a lead channel, but may be anything: no error.
        channels = DataValidation(type="list", allow_blank=True, showErrorMessage=False,
                                  formula1=_list_formula(VOCABULARIES["lead_channel"].values))
        for cell in layout.channels.values():
            channels.add(_ref(cell))
        ws.add_data_validation(channels)


def _list_formula(values: tuple[str, ...]) -> str:
    return '"' + ",".join(values) + '"'


def _ref(cell: tuple[int, int]) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(cell[1])}{cell[0]}"


def _add_total(ws: Any, layout: Layout) -> None:
    """Make the total cell the sum of the five budget or cost items, wherever they are."""
    # Limitation: Excel's SUM skips an amount typed as text ("300元"), which kactl reads as a
    # number; such a form's saved total then disagrees with its items, and collect reports it
    # (total-mismatch) instead of guessing which one is right.
    parts = ",".join(_ref(layout.cells[key]) for key in BUDGET_ITEMS)
    row, col = layout.cells["total"]
    ws.cell(row=row, column=col).value = f"=SUM({parts})"


def _page_setup(ws: Any, last_row: int) -> None:
    ws.print_area = f"A1:G{last_row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6


# --- loading ---------------------------------------------------------------------------

FILE_NAMES = {spec.key: f"{spec.log.title}.xlsx" for spec in (VISIT_PREP, VISIT_RECORD)}


def template_path(config: Config, spec: FormSpec) -> Path | None:
    """Return the dealership's own template for `spec` (templates_dir), or None for kactl's."""
    if config.templates_dir is None:
        return None
    return config.templates_dir / FILE_NAMES[spec.key]


def open_template(config: Config, spec: FormSpec) -> Any:
    """Return the template workbook to fill: the dealership's copy, else a freshly drawn one."""
    path = template_path(config, spec)
    if path is None:
        return build(spec)
    if not path.is_file():
        raise InputError(
            f"找不到模板“{path.name}”（kactl.toml 的 templates_dir 指向 {path.parent}）；"
            "可运行 python -m kactl.forms.build_templates 生成",
            f"template {path.name} not found (templates_dir in kactl.toml is {path.parent}); "
            "python -m kactl.forms.build_templates writes one",
            file=path,
        )
    import openpyxl

    try:
        return openpyxl.load_workbook(path)
    # openpyxl fails in many ways on a damaged or foreign file, with no common base class.
    except Exception as exc:
        raise InputError(f"模板无法打开：{exc}", f"cannot open the template: {exc}",
                         file=path) from None
