"""The committed sample workbooks: all eight sheets, the documented counts, and SPEC's rules.

The checks read the files with python_calamine and nothing of kactl, so they hold the sample
to the spec independently of the code that will read it.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from python_calamine import CalamineWorkbook

SAMPLES = Path(__file__).resolve().parents[1] / "sample_workbooks"
XLSX = SAMPLES / "sample-dealer.xlsx"
XLS = SAMPLES / "sample-dealer.xls"
MAINTENANCE_DATE = dt.date(2008, 6, 30)

MODELS = ("捷达", "宝来", "速腾", "迈腾")
HEADERS = {
    "大客户档案表": (
        "大客户级别", "大客户名称", "大用户统称", "大客户采购行业分类", "用户性质", "用户类别",
        "走访记录表编号", "已建立关系联系人", "职务", "联系电话", *MODELS, "需求数量合计",
        "购车用途", "预计购车日期", "主要竞争品牌", "目前成交关键点", "负责销售顾问",
        "信息获取渠道", "建档日期",
    ),
    "走访准备表": (
        "走访准备表编号", "用户名称", "计划走访时间", "计划走访人员", "走访方向", "走访对象",
        "走访对象预约情况", "走访方式", "汽油费", "走访补贴", "礼品招待费", "资料费",
        "路桥停车及其他", "预算合计", "制表人", "制表日期", "大用户经理审核", "总经理审核",
        "走访准备表评分",
    ),
    "走访记录表": (
        "走访记录表编号", "走访准备表编号", "用户名称", "走访时间", "走访人员", "用户机构性质",
        "用户行业分类", "公务用车购车意向", "员工购车意向", "回访时间", "回访方式", "汽油费",
        "走访补贴", "礼品费", "资料费", "路桥停车及其他", "费用合计", "预算审批费用", "制表人",
        "制表日期", "走访记录表评分",
    ),
    "成交记录": ("成交日期", "用户名称", "车型", "数量", "销售顾问", "购车用途", "二级网点"),
    "售后进场": ("进场日期", "用户名称", "车牌号", "产值"),
    "满意度": ("调查日期", "用户名称", "满意度得分"),
    "人员": ("姓名", "角色", "小组", "工作小组"),
    "指标": ("年度", "指标", "范围", "对象", "年度目标", *(f"{m}月" for m in range(1, 13)), "权重"),
}  # fmt: skip
INDUSTRIES = (
    "政府", "军警", "电力", "租赁", "交通", "驾校", "金融", "保险",
    "制造", "建筑", "能源", "物流", "通信", "IT", "文教卫生",
)  # fmt: skip
VOCABULARY = {
    "用户性质": {"政府", "军警", "央企", "国企集团", "地方国企", "私企集团", "地方私企"},
    "大客户采购行业分类": set(INDUSTRIES),
    "大客户级别": {"0级客户", "A级客户", "B级客户", "C级客户", "D级客户"},
    "购车用途": {"员工购车项目", "领导用车", "公务用车", "企业车改", "员工团购"},
    "信息获取渠道": {"展厅获取", "名录获取", "介绍获取", "活动获取", "协作获取", "随机获取"},
    "走访方向": {"公务购车", "车改购车", "员工购车"},
    "走访对象": {"决策人", "领导", "关系人", "老客户"},
    "走访对象预约情况": {"预约确认", "预约未确认", "未预约"},
    "走访方式": {"单独会谈", "公众会谈", "午餐会谈", "礼节性拜访", "生日拜访", "赠送礼物"},
    "走访准备表评分": {"好", "中", "差"},
    "走访记录表评分": {"好", "中", "差"},
    "车型": set(MODELS),
}
KPIS = {
    "new_volume": "新增大用户销量", "new_accounts": "新增大用户单位数",
    "accounts_visited": "走访大用户单位数", "visits": "走访次数",
    "churn_rate": "大用户客户流失率", "satisfaction": "大用户客户满意度",
    "service_entries": "大用户维修进场台次", "service_revenue": "产值",
    "projects": "大用户工作项目", "prep_quality": "走访准备合格率",
    "record_timeliness": "走访报告及时率", "budget_variance": "走访费用偏差",
}  # fmt: skip
TRADE_INDUSTRIES = {"政府", "军警", "驾校", "租赁", "交通"}
PHONE = re.compile(r"1[3-9]\d{9}|0\d{2,3}\d{7,8}|\d{7,8}")

Table = list[dict[str, Any]]  # data rows by canonical header, each with "_row": its sheet row


# --- reading cells the way SPEC §4 allows them to be written


def header_text(value: Any) -> str:
    """Return header text as SPEC compares it: NFKC, no parenthesised remark, no white space."""
    text = unicodedata.normalize("NFKC", str(value))
    return re.sub(r"\s+", "", re.sub(r"\([^)]*\)", "", text))


def as_date(value: Any, month_only: bool = False) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float):
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    text = str(value).strip()
    if found := re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text):
        return dt.date(*map(int, found.groups()))
    if month_only and (found := re.fullmatch(r"(\d{4})年(\d{1,2})月", text)):
        return dt.date(int(found[1]), int(found[2]), 1)
    return None


def as_number(value: Any) -> float | None:
    if value in ("", None):
        return None
    if isinstance(value, int | float):
        return float(value)
    return float(str(value).replace(",", "").removesuffix("元"))


def people(value: Any) -> list[str]:
    return [name for name in re.split(r"[、,，/\s]+", str(value).strip()) if name]


def add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    return dt.date(day.year + year, month + 1, min(day.day, 28))


# --- the workbook as tables


def read_table(rows: list[list[Any]], sheet: str) -> tuple[list[str], Table]:
    """Return (headers, data rows): the header row is the first holding the canonical headers."""
    wanted = set(HEADERS[sheet]) - set(MODELS)
    found = [i for i, row in enumerate(rows[:10]) if wanted <= {header_text(v) for v in row}]
    assert found, f"{sheet}: no header row in the first ten rows"
    headers = [header_text(v) for v in rows[found[0]]]
    first = found[0] + 1
    below = [header_text(v) for v in rows[first]] if first < len(rows) else []
    if set(MODELS) <= set(below):  # the archive's two-row header: 需求车型 over the models
        headers = [b if b in MODELS else h for h, b in zip(headers, below, strict=True)]
        first += 1
    table = [
        {"_row": n + 1, **dict(zip(headers, row, strict=True))}
        for n, row in enumerate(rows[first:], start=first)
        if any(v not in ("", None) for v in row)
    ]
    return headers, table


class Book:
    def __init__(self, path: Path) -> None:
        workbook = CalamineWorkbook.from_path(str(path))
        self.path = path
        self.sheet_names = list(workbook.sheet_names)
        self.raw = {n: workbook.get_sheet_by_name(n).to_python() for n in self.sheet_names}
        self.headers: dict[str, list[str]] = {}
        self.tables: dict[str, Table] = {}
        for name in HEADERS:
            self.headers[name], self.tables[name] = read_table(self.raw[name], name)

    def __getitem__(self, sheet: str) -> Table:
        return self.tables[sheet]


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kactl_sample_generate", SAMPLES / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    return load_generator()


@pytest.fixture(scope="module")
def xlsx() -> Book:
    return Book(XLSX)


@pytest.fixture(scope="module")
def xls() -> Book:
    return Book(XLS)


@pytest.fixture(scope="module")
def large(generator: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Book:
    path = tmp_path_factory.mktemp("large") / "large.xlsx"
    generator.build_workbook(path, customers=400, large=True)
    return Book(path)


@pytest.fixture(params=["xlsx", "xls", "large"])
def book(request: pytest.FixtureRequest) -> Book:
    chosen: Book = request.getfixturevalue(request.param)
    return chosen


# --- every book: the sample in both formats and a small large-mode file


def test_eight_sheets_with_canonical_headers(book: Book) -> None:
    assert book.sheet_names == list(HEADERS)
    for sheet, headers in HEADERS.items():
        assert [h for h in book.headers[sheet] if h] == list(headers), sheet


def test_vocabularies_are_canonical(book: Book) -> None:
    sheets = ("大客户档案表", "走访准备表", "走访记录表", "成交记录")
    for sheet in sheets:
        for row in book[sheet]:
            for column, allowed in VOCABULARY.items():
                value = row.get(column, "")
                assert value == "" or value in allowed, (sheet, row["_row"], column, value)
    for row in book["走访记录表"]:
        assert row["用户机构性质"] in VOCABULARY["用户性质"]
        assert row["用户行业分类"] in INDUSTRIES


def test_archive_rows_are_consistent(book: Book) -> None:
    names = [r["大客户名称"] for r in book["大客户档案表"]]
    assert len(names) == len(set(names)), "a customer is archived twice"
    consultants = {r["姓名"] for r in book["人员"] if r["角色"] == "大用户销售顾问"}
    for row in book["大客户档案表"]:
        where = row["_row"]
        assert row["大用户统称"] and "-" not in row["大用户统称"], where
        demand = [as_number(row[m]) or 0 for m in MODELS]
        assert (as_number(row["需求数量合计"]) or 0) == sum(demand), where
        assert PHONE.fullmatch(re.sub(r"[\s()\-]", "", str(row["联系电话"]).removesuffix(".0")))
        group = "行业用户" if row["大客户采购行业分类"] in TRADE_INDUSTRIES else "社会用户"
        assert row["用户类别"] == group, where
        assert row["负责销售顾问"] in consultants, where
        assert as_date(row["建档日期"]) is not None, where


def test_grades_agree_with_expected_purchase(book: Book) -> None:
    limits = {"A级客户": 1, "B级客户": 3, "C级客户": 6}
    for row in book["大客户档案表"]:
        grade, expected = row["大客户级别"], as_date(row["预计购车日期"], month_only=True)
        if grade == "0级客户":
            continue
        if grade == "D级客户":
            assert expected is None or expected > add_months(MAINTENANCE_DATE, 6), row["_row"]
            continue
        assert expected and MAINTENANCE_DATE < expected <= add_months(
            MAINTENANCE_DATE, limits[grade]
        )
        lower = {"A级客户": 0, "B级客户": 1, "C级客户": 3}[grade]
        assert expected > add_months(MAINTENANCE_DATE, lower), row["_row"]


def test_every_log_names_an_archived_customer(book: Book) -> None:
    archived = {r["大客户名称"] for r in book["大客户档案表"]}
    for sheet in ("走访准备表", "走访记录表", "成交记录", "售后进场", "满意度"):
        missing = {r["用户名称"] for r in book[sheet]} - archived
        assert not missing, (sheet, sorted(missing)[:3])


def test_every_person_is_on_the_staff_sheet(book: Book) -> None:
    staff = {r["姓名"] for r in book["人员"]}
    fields = {
        "走访准备表": ("计划走访人员", "制表人"),
        "走访记录表": ("走访人员", "制表人"),
        "成交记录": ("销售顾问",),
        "大客户档案表": ("负责销售顾问",),
    }
    for sheet, columns in fields.items():
        for row in book[sheet]:
            for column in columns:
                names = people(row[column])
                assert names and set(names) <= staff, (sheet, row["_row"], column, names)
                assert len(names) == len(set(names)), (sheet, row["_row"])


def test_form_numbers_follow_the_handbook(book: Book) -> None:
    archive = {r["大客户名称"]: r for r in book["大客户档案表"]}
    preps = {r["走访准备表编号"]: r for r in book["走访准备表"]}
    assert len(preps) == len(book["走访准备表"]), "two preparations share a number"
    for number, row in preps.items():
        customer = archive[row["用户名称"]]
        code = INDUSTRIES.index(customer["大客户采购行业分类"]) + 1
        day = as_date(row["计划走访时间"])
        assert day, row["_row"]
        visitors = "-".join(people(row["计划走访人员"]))
        assert number == f"{customer['大用户统称']}-{day:%Y%m%d}-走访准备表-{code:02d}-{visitors}"
    records = [r["走访记录表编号"] for r in book["走访记录表"]]
    assert len(records) == len(set(records)), "two visit records share a number"
    for row in book["走访记录表"]:
        customer = archive[row["用户名称"]]
        code = INDUSTRIES.index(customer["大客户采购行业分类"]) + 1
        day = as_date(row["走访时间"])
        assert day, row["_row"]
        assert (
            row["走访记录表编号"] == f"{customer['大用户统称']}-{day:%Y%m%d}-走访记录表-{code:02d}"
        )
        assert row["用户机构性质"] == customer["用户性质"], row["_row"]
        assert row["用户行业分类"] == customer["大客户采购行业分类"], row["_row"]
        if row["走访准备表编号"]:
            assert preps[row["走访准备表编号"]]["用户名称"] == row["用户名称"], row["_row"]


def test_archive_points_at_the_latest_visit_record(book: Book) -> None:
    latest: dict[str, tuple[dt.date, str]] = {}
    for row in book["走访记录表"]:
        day = as_date(row["走访时间"])
        assert day
        if row["用户名称"] not in latest or day > latest[row["用户名称"]][0]:
            latest[row["用户名称"]] = (day, row["走访记录表编号"])
    for row in book["大客户档案表"]:
        expected = latest.get(row["大客户名称"], (None, ""))[1]
        assert row["走访记录表编号"] == expected, row["_row"]


def test_money_totals_add_up(book: Book) -> None:
    budget = ("汽油费", "走访补贴", "礼品招待费", "资料费", "路桥停车及其他")
    for row in book["走访准备表"]:
        items = [as_number(row[c]) or 0 for c in budget]
        assert min(items) >= 0 and as_number(row["预算合计"]) == sum(items), row["_row"]
    costs = ("汽油费", "走访补贴", "礼品费", "资料费", "路桥停车及其他")
    for row in book["走访记录表"]:
        items = [as_number(row[c]) or 0 for c in costs]
        assert min(items) >= 0 and as_number(row["费用合计"]) == sum(items), row["_row"]
        assert (as_number(row["预算审批费用"]) or 0) > 0, row["_row"]
    for row in book["售后进场"]:
        assert (as_number(row["产值"]) or 0) > 0, row["_row"]


def test_counts_scores_and_dates_are_valid(book: Book) -> None:
    for row in book["成交记录"]:
        quantity = as_number(row["数量"])
        assert quantity and quantity >= 1 and quantity.is_integer(), row["_row"]
        assert dt.date(2007, 1, 1) <= (as_date(row["成交日期"]) or dt.date.min) <= MAINTENANCE_DATE
    for row in book["满意度"]:
        assert 0 <= (as_number(row["满意度得分"]) or -1) <= 100, row["_row"]
    for row in book["售后进场"]:
        assert as_date(row["进场日期"]), row["_row"]
    lags = []
    for row in book["走访记录表"]:
        visited, written = as_date(row["走访时间"]), as_date(row["制表日期"])
        assert visited and written and written >= visited, row["_row"]
        lags.append((written - visited).days)
    assert sum(lag <= 2 for lag in lags) >= 0.85 * len(lags), "most reports are on time"


def test_staff_and_targets(book: Book) -> None:
    staff = book["人员"]
    assert Counter(r["角色"] for r in staff) == {"总经理": 1, "大用户经理": 1, "大用户销售顾问": 6}
    pairs = defaultdict(list)
    for row in staff:
        if row["角色"] == "大用户销售顾问":
            pairs[(row["小组"], row["工作小组"])].append(row["姓名"])
    assert {g for g, _ in pairs} == {"行业用户组", "社会用户组"}
    assert all(len(names) == 2 for names in pairs.values()) and len(pairs) == 3
    objects = {
        "小组": {g for g, _ in pairs},
        "工作小组": {p for _, p in pairs},
        "顾问": {n for names in pairs.values() for n in names},
        "二级网点": {r["二级网点"] for r in book["成交记录"] if r["二级网点"]},
    }
    targets = book["指标"]
    assert {r["指标"] for r in targets if r["范围"] == "全店"} >= set(KPIS.values())
    for row in targets:
        assert as_number(row["年度"]) == 2008 and (as_number(row["年度目标"]) or 0) > 0
        assert row["指标"] in KPIS or row["指标"] in KPIS.values(), row["_row"]
        if row["范围"] == "全店":
            assert row["对象"] == "", row["_row"]
        else:
            assert row["对象"] in objects[row["范围"]], row["_row"]
        assert (as_number(row["权重"]) or 0) > 0, row["_row"]


# --- the sample itself


def in_month(value: Any, year: int = 2008, month: int = 5) -> bool:
    day = as_date(value)
    return day is not None and (day.year, day.month) == (year, month)


def test_sample_counts(xlsx: Book) -> None:
    assert len(xlsx["大客户档案表"]) == 150
    assert len(xlsx["走访记录表"]) == 300
    linked = [r for r in xlsx["走访记录表"] if r["走访准备表编号"]]
    assert len(linked) >= 0.8 * 300 and len(xlsx["走访准备表"]) >= len(linked)
    assert len(xlsx["成交记录"]) == 225
    assert len(xlsx["售后进场"]) == 420
    assert len(xlsx["满意度"]) == 120
    months = {(d.year, d.month) for r in xlsx["成交记录"] if (d := as_date(r["成交日期"]))}
    visited = {(d.year, d.month) for r in xlsx["走访记录表"] if (d := as_date(r["走访时间"]))}
    every = {(2007 + m // 12, m % 12 + 1) for m in range(18)}
    assert months == every and visited == every


def test_sample_tells_the_story_of_may_2008(xlsx: Book) -> None:
    deliveries = xlsx["成交记录"]
    assert sum(as_number(r["数量"]) or 0 for r in deliveries if in_month(r["成交日期"])) > 0
    assert any(r["二级网点"] for r in deliveries if in_month(r["成交日期"]))
    assert sum(in_month(r["走访时间"]) for r in xlsx["走访记录表"]) >= 15
    first: dict[str, dt.date] = {}
    activity: defaultdict[str, set[dt.date]] = defaultdict(set)
    for row in deliveries:
        day = as_date(row["成交日期"])
        assert day
        first[row["用户名称"]] = min(first.get(row["用户名称"], day), day)
        activity[row["用户名称"]].add(day)
    for row in xlsx["售后进场"]:
        activity[row["用户名称"]].add(as_date(row["进场日期"]) or dt.date.min)
    assert sum(in_month(day) for day in first.values()) >= 2, "new accounts in 2008-05"
    base = {
        n
        for n, days in activity.items()
        if any(dt.date(2007, 5, 1) <= d < dt.date(2008, 5, 1) for d in days)
    }
    kept = {
        n
        for n, days in activity.items()
        if any(dt.date(2007, 6, 1) <= d <= dt.date(2008, 5, 31) for d in days)
    }
    assert base - kept, "some customers churned by 2008-05"
    projects = [
        r for r in xlsx["大客户档案表"] if in_month(r["建档日期"]) and as_number(r["需求数量合计"])
    ]
    assert len(projects) >= 2, "the manager's two projects a month"


def test_sample_cells_vary_like_real_files(xlsx: Book) -> None:
    dates = [r["走访时间"] for r in xlsx["走访记录表"]] + [r["成交日期"] for r in xlsx["成交记录"]]
    assert any(isinstance(d, dt.date) for d in dates) and any(isinstance(d, str) for d in dates)
    texts = {str(d) for d in dates if isinstance(d, str)}
    for pattern in (r"\d{4}-\d\d-\d\d", r"\d{4}/\d+/\d+", r"\d{4}年\d+月\d+日", r"\d{4}\.\d+\.\d+"):
        assert any(re.fullmatch(pattern, t) for t in texts), pattern
    money = [r[c] for r in xlsx["走访记录表"] for c in ("汽油费", "礼品费", "费用合计")]
    assert any(isinstance(m, str) and m.endswith("元") for m in money)
    phones = [r["联系电话"] for r in xlsx["大客户档案表"]]
    assert any(isinstance(p, float | int) for p in phones) and any(
        isinstance(p, str) for p in phones
    )
    separators = "".join(str(r["走访人员"]) for r in xlsx["走访记录表"])
    assert "、" in separators and "/" in separators


def test_sample_archive_layout(xlsx: Book) -> None:
    rows = xlsx.raw["大客户档案表"]
    assert rows[0][0] == "大客户档案表"
    assert rows[1][0] == "维护日期：2008年6月30日"
    assert header_text(rows[2][0]) == "大客户级别" and "\n" in str(rows[2][0])
    models = rows[3].index("捷达")
    assert header_text(rows[2][models]) == "需求车型" and rows[3][models : models + 4] == list(
        MODELS
    )
    for sheet in list(HEADERS)[1:]:
        assert xlsx.headers[sheet] == [header_text(v) for v in xlsx.raw[sheet][1]], sheet


def test_xls_copy_holds_the_same_values(xlsx: Book, xls: Book) -> None:
    def plain(value: Any) -> Any:
        if isinstance(value, dt.datetime) and value.time() == dt.time():
            return value.date()
        return float(value) if isinstance(value, int | float) else value

    for sheet in HEADERS:
        ours = [[plain(v) for v in row] for row in xlsx.raw[sheet]]
        theirs = [[plain(v) for v in row] for row in xls.raw[sheet]]
        assert ours == theirs, sheet


def test_generator_reproduces_the_committed_sample(generator: ModuleType, tmp_path: Path) -> None:
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    build: Callable[..., dict[str, int]] = generator.build_workbook
    assert build(first)["大客户档案表"] == 150
    build(second)
    assert first.read_bytes() == second.read_bytes(), "the generator must not depend on the clock"
    # Values, not bytes: another openpyxl may serialise the same cells differently.
    assert generator.compare_workbooks(first, XLSX) == [], "run python sample_workbooks/generate.py"


def test_large_mode_is_plain(large: Book) -> None:
    assert large.raw["大客户档案表"][0][0] == "维护日期：2008年6月30日"
    assert [header_text(v) for v in large.raw["大客户档案表"][1]] == list(HEADERS["大客户档案表"])
    for sheet in list(HEADERS)[1:]:
        assert [header_text(v) for v in large.raw[sheet][0]] == list(HEADERS[sheet]), sheet
    assert len(large["大客户档案表"]) == 400
