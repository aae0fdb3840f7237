"""Generate the key-account workbook of a fictional dealership, for the docs, tests and benchmarks.

    python sample_workbooks/generate.py                     # sample-dealer.xlsx and .xls
    python sample_workbooks/generate.py --large N OUT.xlsx  # an N-customer benchmark file

Everything comes from one `random.Random(seed)` and nothing from the clock, so a run gives
the same workbook (byte for byte for the .xlsx). The data obey SPEC's rules, so the sample
validates with no error, while its cells vary the way real dealership files do: dates as date
cells or as text in four spellings, money now and then as text ("1,200", "860元"), phones as
text or numbers, people lists with several separators.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

HERE = Path(__file__).resolve().parent
SAMPLE_XLSX = HERE / "sample-dealer.xlsx"
SAMPLE_XLS = HERE / "sample-dealer.xls"

DEALER = "东海市一汽-大众华东汽车销售服务有限公司"
MAINTENANCE_DATE = dt.date(2008, 6, 30)
FIRST_MONTH = dt.date(2007, 1, 1)
MONTHS = 18  # 2007-01 .. 2008-06
STORY_MONTH = 16  # month index of 2008-05, the month the README's scorecard shows
MAINTENANCE_TEXT = "维护日期：2008年6月30日"  # how the archive's second row states it
FIXED_TIME = dt.datetime(2008, 6, 30, 18, 0, 0)

# --- vocabularies (SPEC §2), in the handbook's order

INDUSTRIES = (
    "政府", "军警", "电力", "租赁", "交通", "驾校", "金融", "保险",
    "制造", "建筑", "能源", "物流", "通信", "IT", "文教卫生",
)  # fmt: skip
TRADE_INDUSTRIES = frozenset({"政府", "军警", "驾校", "租赁", "交通"})
MODELS = ("捷达", "宝来", "速腾", "迈腾")
PURPOSES = ("员工购车项目", "领导用车", "公务用车", "企业车改", "员工团购")
CHANNELS = ("展厅获取", "名录获取", "介绍获取", "活动获取", "协作获取", "随机获取")
VISIT_AIMS = ("公务购车", "车改购车", "员工购车")
APPOINTMENTS = ("预约确认", "预约未确认", "未预约")
VISIT_MODES = ("单独会谈", "公众会谈", "午餐会谈", "礼节性拜访", "生日拜访", "赠送礼物")
SCORES = ("好", "中", "差")
OUTLETS = ("东海市临江二级网点", "东海市滨海二级网点", "东海市青溪二级网点")

# How many of every hundred customers are in each industry; 行业用户 industries come first.
INDUSTRY_WEIGHTS = {
    "政府": 13, "军警": 8, "租赁": 8, "交通": 7, "驾校": 7, "电力": 4, "金融": 7, "保险": 4,
    "制造": 12, "建筑": 5, "能源": 4, "物流": 7, "通信": 4, "IT": 4, "文教卫生": 6,
}  # fmt: skip
NATURES = {
    "政府": ("政府",), "军警": ("军警",), "电力": ("央企", "国企集团"),
    "租赁": ("地方私企", "私企集团"), "交通": ("地方国企", "国企集团"),
    "驾校": ("地方私企", "地方国企"), "金融": ("国企集团", "地方国企"),
    "保险": ("国企集团", "私企集团"), "制造": ("私企集团", "地方私企", "国企集团"),
    "建筑": ("地方国企", "私企集团"), "能源": ("央企", "国企集团"),
    "物流": ("私企集团", "地方私企"), "通信": ("央企",), "IT": ("地方私企", "私企集团"),
    "文教卫生": ("政府", "地方国企"),
}  # fmt: skip

# --- the archive's names: places, public bodies, company brands

CITIES = (
    ("东海市", "东海"), ("临江区", "临江"), ("北湖区", "北湖"),
    ("滨海县", "滨海"), ("青溪县", "青溪"), ("南山县", "南山"),
)  # fmt: skip
# Public bodies: "{c}" is the place, "{s}" its short form.
BODIES = {
    "政府": (
        ("{c}财政局", "{s}财政"),
        ("{c}国土资源局", "{s}国土"),
        ("{c}建设局", "{s}建设局"),
        ("{c}环境保护局", "{s}环保"),
        ("{c}民政局", "{s}民政"),
        ("{c}水利局", "{s}水利"),
        ("{c}农业局", "{s}农业"),
        ("{c}工商行政管理局", "{s}工商"),
        ("{c}地方税务局", "{s}地税"),
        ("{c}国家税务局", "{s}国税"),
        ("{c}质量技术监督局", "{s}质监"),
        ("{c}规划局", "{s}规划"),
        ("{c}人民政府办公室", "{s}政府办"),
        ("{c}发展和改革局", "{s}发改"),
        ("{c}审计局", "{s}审计"),
        ("{c}林业局", "{s}林业"),
        ("{c}人民检察院", "{s}检察院"),
        ("{c}人民法院", "{s}法院"),
    ),
    "军警": (
        ("{c}公安局", "{s}公安"),
        ("{c}公安局交通警察大队", "{s}交警"),
        ("{c}公安消防大队", "{s}消防"),
        ("武警{s}中队", "{s}武警"),
        ("{c}看守所", "{s}看守所"),
        ("{c}边防派出所", "{s}边防"),
        ("{c}人民武装部", "{s}武装部"),
    ),
    "文教卫生": (
        ("{c}第一人民医院", "{s}一院"),
        ("{c}中医院", "{s}中医院"),
        ("{c}第二中学", "{s}二中"),
        ("{c}职业技术学校", "{s}职校"),
        ("{c}广播电视台", "{s}电视台"),
        ("{c}妇幼保健院", "{s}妇保"),
        ("{c}疾病预防控制中心", "{s}疾控"),
        ("{c}实验小学", "{s}实小"),
        ("{c}图书馆", "{s}图书馆"),
    ),
}
BRANDS = (
    "瑞通", "信泰", "宏达", "恒远", "金海", "华信", "东升", "天宇", "新瑞", "博远", "盛和",
    "立信", "嘉禾", "鼎泰", "汇通", "隆盛", "万通", "永康", "同舟", "海安", "中瑞", "德润",
    "广源", "润泽", "安顺", "捷安", "易行", "通达", "顺达", "明远", "科达", "宏图", "星海",
    "蓝湾", "金桥", "瀚海", "联丰", "华晟", "远帆", "新锐",
)  # fmt: skip
# Company name endings per industry, with the word the short name keeps.
COMPANY_ENDINGS = {
    "电力": (("热电有限公司", "热电"), ("电力工程有限公司", "电力"), ("发电有限公司", "发电")),
    "租赁": (("汽车租赁有限公司", "租赁"), ("汽车服务有限公司", "租车")),
    "交通": (("公交有限公司", "公交"), ("出租汽车有限公司", "出租"), ("客运有限公司", "客运")),
    "驾校": (("驾驶员培训学校", "驾校"), ("机动车驾驶培训有限公司", "驾培")),
    "金融": (("农村合作银行", "银行"), ("城市信用社", "信用社"), ("证券营业部", "证券")),
    "保险": (("财产保险有限公司", "财险"), ("人寿保险有限公司", "寿险")),
    "制造": (
        ("机械有限公司", "机械"), ("电子股份有限公司", "电子"), ("纺织集团有限公司", "纺织"),
        ("汽车零部件有限公司", "汽配"), ("化工有限公司", "化工"), ("电器有限公司", "电器"),
    ),
    "建筑": (("建设集团有限公司", "建设"), ("建筑工程有限公司", "建工"), ("路桥有限公司", "路桥")),
    "能源": (("石油销售有限公司", "石油"), ("燃气有限公司", "燃气"), ("能源有限公司", "能源")),
    "物流": (("物流有限公司", "物流"), ("货运有限公司", "货运"), ("快递有限公司", "快递")),
    "通信": (("通信有限公司", "通信"), ("移动通信分公司", "移动"), ("网络通信有限公司", "网通")),
    "IT": (("信息技术有限公司", "信息"), ("软件有限公司", "软件"), ("网络科技有限公司", "网络")),
}  # fmt: skip

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
GIVEN_NAMES = (
    "建华", "国强", "志明", "秀英", "丽娟", "海涛", "红梅", "晓东", "春生", "文斌", "立新",
    "玉兰", "永刚", "金凤", "德明", "宏伟", "晓燕", "建军", "桂芳", "振华", "雪梅", "国平",
    "晓明", "俊杰", "婷婷", "卫东", "海燕", "明亮", "少华", "长青", "晓峰", "爱民", "慧敏",
)  # fmt: skip
PUBLIC_TITLES = ("办公室主任", "车管科科长", "副局长", "行政科科长", "后勤服务中心主任")
COMPANY_TITLES = ("行政部经理", "办公室主任", "采购部经理", "总经理助理", "工会主席", "车队队长")
COMPETITORS = ("上海大众", "上海通用别克", "广州本田", "一汽丰田", "东风日产", "北京现代")
KEY_POINTS = (
    "价格优惠幅度", "政府采购招标", "付款方式", "交车周期", "售后服务保障", "领导最终决策",
    "车型配置", "员工贷款方案", "旧车置换补贴",
)  # fmt: skip
FOLLOW_UPS = ("电话回访", "上门拜访", "邀请到店试驾", "短信问候", "邀请参加车主活动")


# --- staff (人员)


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    group: str = ""
    pair: str = ""


GM = Person("王建国", "总经理")
MANAGER = Person("陈志强", "大用户经理")
CONSULTANTS = (
    Person("张伟", "大用户销售顾问", "行业用户组", "行业一组"),
    Person("李娜", "大用户销售顾问", "行业用户组", "行业一组"),
    Person("刘洋", "大用户销售顾问", "行业用户组", "行业二组"),
    Person("赵敏", "大用户销售顾问", "行业用户组", "行业二组"),
    Person("孙磊", "大用户销售顾问", "社会用户组", "社会一组"),
    Person("周静", "大用户销售顾问", "社会用户组", "社会一组"),
)
STAFF = (GM, MANAGER, *CONSULTANTS)


def partner_of(person: Person) -> Person:
    """Return the other consultant of the person's pair (工作小组)."""
    return next(p for p in CONSULTANTS if p.pair == person.pair and p != person)


# --- sheets and their canonical headers (SPEC §4)

ARCHIVE = "大客户档案表"
PREPS = "走访准备表"
RECORDS = "走访记录表"
DELIVERIES = "成交记录"
SERVICES = "售后进场"
SURVEYS = "满意度"
PEOPLE = "人员"
TARGETS = "指标"

MONTH_COLUMNS = tuple(f"{m}月" for m in range(1, 13))
HEADERS: dict[str, tuple[str, ...]] = {
    ARCHIVE: (
        "大客户级别", "大客户名称", "大用户统称", "大客户采购行业分类", "用户性质", "用户类别",
        "走访记录表编号", "已建立关系联系人", "职务", "联系电话", *MODELS, "需求数量合计",
        "购车用途", "预计购车日期", "主要竞争品牌", "目前成交关键点", "负责销售顾问",
        "信息获取渠道", "建档日期",
    ),
    PREPS: (
        "走访准备表编号", "用户名称", "计划走访时间", "计划走访人员", "走访方向", "走访对象",
        "走访对象预约情况", "走访方式", "汽油费", "走访补贴", "礼品招待费", "资料费",
        "路桥停车及其他", "预算合计", "制表人", "制表日期", "大用户经理审核", "总经理审核",
        "走访准备表评分",
    ),
    RECORDS: (
        "走访记录表编号", "走访准备表编号", "用户名称", "走访时间", "走访人员", "用户机构性质",
        "用户行业分类", "公务用车购车意向", "员工购车意向", "回访时间", "回访方式", "汽油费",
        "走访补贴", "礼品费", "资料费", "路桥停车及其他", "费用合计", "预算审批费用", "制表人",
        "制表日期", "走访记录表评分",
    ),
    DELIVERIES: ("成交日期", "用户名称", "车型", "数量", "销售顾问", "购车用途", "二级网点"),
    SERVICES: ("进场日期", "用户名称", "车牌号", "产值"),
    SURVEYS: ("调查日期", "用户名称", "满意度得分"),
    PEOPLE: ("姓名", "角色", "小组", "工作小组"),
    TARGETS: ("年度", "指标", "范围", "对象", "年度目标", *MONTH_COLUMNS, "权重"),
}  # fmt: skip
PREP_BUDGET = ("汽油费", "走访补贴", "礼品招待费", "资料费", "路桥停车及其他")
RECORD_COSTS = ("汽油费", "走访补贴", "礼品费", "资料费", "路桥停车及其他")

# Header text as the sheets show it (line breaks and remarks as in the handbook's archive);
# the reader strips white space and parenthesised remarks, so these still match.
ARCHIVE_DISPLAY = {
    "大客户级别": "大客户级别\n(客户分级标准见批注)",
    "大客户采购行业分类": "大客户采购\n行业分类",
    "走访记录表编号": "走访记录表编号\n(填写走访记录表编号)",
    "已建立关系联系人": "已建立关\n系联系人",
    "需求数量合计": "需求\n数量\n合计",
    "预计购车日期": "预计购车\n日期",
    "主要竞争品牌": "主要竞争\n品牌",
    "目前成交关键点": "目前成交关\n键点",
}
LOG_DISPLAY = {
    "路桥停车及其他": "路桥停车\n及其他",
    "预算审批费用": "预算审批\n费用",
    "满意度得分": "满意度得分\n(0-100)",
}
TITLES = {
    ARCHIVE: "大客户档案表",
    PREPS: f"{DEALER}  用户走访准备表登记",
    RECORDS: f"{DEALER}  用户走访记录表登记",
    DELIVERIES: f"{DEALER}  大用户成交记录",
    SERVICES: f"{DEALER}  大用户售后进场记录",
    SURVEYS: f"{DEALER}  大用户满意度调查",
    PEOPLE: f"{DEALER}  大用户部人员",
    TARGETS: f"{DEALER}  2008年大用户工作指标",
}
GRADE_NOTE = (
    "客户分级标准：\n0级客户：已下订单或已交车\nA级客户：预计1个月内购车\n"
    "B级客户：预计3个月内购车\nC级客户：预计6个月内购车\nD级客户：6个月以上或未定"
)
DATE_COLUMNS = frozenset(
    {"预计购车日期", "建档日期", "计划走访时间", "制表日期", "走访时间", "回访时间", "成交日期"}
    | {"进场日期", "调查日期"}
)
MONEY_COLUMNS = frozenset({*PREP_BUDGET, *RECORD_COSTS, "预算合计", "费用合计", "预算审批费用"})
PEOPLE_COLUMNS = frozenset({"计划走访人员", "走访人员"})

Row = dict[str, Any]


# --- calendar helpers


def month_start(index: int) -> dt.date:
    """Return the first day of month `index`, counted from 2007-01 (0)."""
    year, month = divmod(FIRST_MONTH.month - 1 + index, 12)
    return dt.date(FIRST_MONTH.year + year, month + 1, 1)


def month_end(index: int) -> dt.date:
    return month_start(index + 1) - dt.timedelta(days=1)


def month_of(day: dt.date) -> int:
    return (day.year - FIRST_MONTH.year) * 12 + day.month - FIRST_MONTH.month


def day_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange(max((last - first).days, 0) + 1))


def workday_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    """Return a random Monday-to-Friday day in [first, last] (any day if the span has none)."""
    day = day_between(rng, first, last)
    for _ in range(6):
        if day.weekday() < 5:
            return day
        day = day_between(rng, first, last)
    return day


def spread(total: int, weights: Sequence[float], minimum: int = 0) -> list[int]:
    """Split `total` into whole parts proportional to `weights` (largest remainder first)."""
    base = [minimum] * len(weights)
    rest = max(total - minimum * len(weights), 0)
    shares = [rest * w / sum(weights) for w in weights]
    parts = [b + int(s) for b, s in zip(base, shares, strict=True)]
    order = sorted(range(len(weights)), key=lambda i: int(shares[i]) - shares[i])
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


# --- the customers


@dataclass
class Customer:
    name: str
    short: str
    industry: str
    nature: str
    owner: Person
    kind: str  # prospect | buyer | churned | new (first delivery in the story month) | project
    models: tuple[str, ...]
    purpose: str
    first_month: int = -1  # month of the first delivery; -1: never delivered
    last_month: int = MONTHS - 1  # churned customers: month of their last delivery or service
    created: dt.date = FIRST_MONTH
    first_delivery: dt.date | None = None
    last_delivery: dt.date | None = None
    latest_record: str = ""
    vehicles: list[tuple[str, dt.date]] = field(default_factory=list)

    @property
    def group(self) -> str:
        return "行业用户" if self.industry in TRADE_INDUSTRIES else "社会用户"

    @property
    def code(self) -> str:
        """Return the two-digit industry code of the form numbers (政府 = 01 … 文教卫生 = 15)."""
        return f"{INDUSTRIES.index(self.industry) + 1:02d}"


class _Names:
    """Hands out customer names and short names, each once."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.names: Counter[str] = Counter()
        self.shorts: Counter[str] = Counter()

    def take(self, industry: str) -> tuple[str, str]:
        for _ in range(4):
            name, short = self._draw(industry)
            if not self.names[name]:
                break
        self.names[name] += 1
        if self.names[name] > 1:  # the pool ran out: a branch of a body already in the archive
            name = f"{name}第{self.names[name]}分支机构"
        self.shorts[short] += 1
        if self.shorts[short] > 1:
            short = f"{short}{self.shorts[short]}"
        return name, short

    def _draw(self, industry: str) -> tuple[str, str]:
        rng = self.rng
        city, city_short = rng.choice(CITIES) if rng.random() < 0.5 else CITIES[0]
        if industry in BODIES:
            full, short = rng.choice(BODIES[industry])
            return full.format(c=city, s=city_short), short.format(c=city, s=city_short)
        ending, word = rng.choice(COMPANY_ENDINGS[industry])
        brand = rng.choice(BRANDS)
        return f"{city}{brand}{ending}", f"{brand}{word}"


def make_customers(rng: random.Random, count: int, deliveries: int) -> list[Customer]:
    """Return the archive's customers, each with a role in the data's story.

    There are as many buyers as the delivery lines allow: each buyer's first deal is a line.
    """
    industries = [
        ind
        for ind, n in zip(
            INDUSTRY_WEIGHTS, spread(count, list(INDUSTRY_WEIGHTS.values())), strict=True
        )
        for _ in range(n)
    ]
    rng.shuffle(industries)
    kinds = _customer_kinds(count, deliveries)
    rng.shuffle(kinds)
    names = _Names(rng)
    customers = [
        _new_customer(rng, names, ind, kind) for ind, kind in zip(industries, kinds, strict=True)
    ]
    _schedule(rng, customers)
    return customers


def _customer_kinds(count: int, deliveries: int) -> list[str]:
    churned = max(3, count * 7 // 100)
    new = max(2, count * 27 // 1000)
    projects = max(2, count * 2 // 100)
    buyers = min(count * 45 // 100, deliveries * 3 // 10)
    prospects = count - churned - new - projects - buyers
    return (
        ["churned"] * churned + ["new"] * new + ["project"] * projects
        + ["buyer"] * buyers + ["prospect"] * prospects
    )  # fmt: skip


def _new_customer(rng: random.Random, names: _Names, industry: str, kind: str) -> Customer:
    name, short = names.take(industry)
    group = "行业用户组" if industry in TRADE_INDUSTRIES else "社会用户组"
    owner = rng.choice([p for p in CONSULTANTS if p.group == group])
    public = industry in ("政府", "军警")
    purposes = ("公务用车", "领导用车") if public else PURPOSES
    return Customer(
        name=name,
        short=short,
        industry=industry,
        nature=rng.choice(NATURES[industry]),
        owner=owner,
        kind=kind,
        models=tuple(rng.sample(MODELS, rng.choice((1, 2, 2, 3)))),
        purpose=rng.choice(purposes),
    )


def _schedule(rng: random.Random, customers: list[Customer]) -> None:
    """Set each customer's first (and for churned ones last) active month and archive date."""
    buyer_months = [m for m in range(MONTHS) if m != STORY_MONTH]
    churned = [c for c in customers if c.kind == "churned"]
    for i, c in enumerate(churned):
        # A third leave after 2007-05, so they count as churned in the 2008-05 scorecard.
        c.last_month = 4 if i < max(1, len(churned) // 3) else rng.randrange(6)
        c.first_month = rng.randrange(c.last_month + 1)
        c.created = day_between(
            rng, dt.date(2006, 3, 1), month_start(c.first_month) - dt.timedelta(15)
        )
    for i, c in enumerate(c for c in customers if c.kind == "buyer"):
        # The first ones cover every month, so each month has a buyer to repeat business.
        c.first_month = buyer_months[i] if i < len(buyer_months) else rng.choice(buyer_months)
        lead = dt.timedelta(days=rng.randint(15, 420))
        c.created = max(month_start(c.first_month) - lead, dt.date(2005, 6, 1))
    for c in customers:
        if c.kind == "new":
            c.first_month = STORY_MONTH
            c.created = day_between(rng, dt.date(2007, 9, 1), dt.date(2008, 3, 31))
        elif c.kind == "project":  # archived in the story month with demand: a 大用户工作项目
            c.created = day_between(
                rng, month_start(STORY_MONTH), month_end(STORY_MONTH) - dt.timedelta(8)
            )
        elif c.kind == "prospect":
            c.created = day_between(rng, dt.date(2006, 1, 4), MAINTENANCE_DATE - dt.timedelta(5))


# --- deliveries, service entries and surveys


def plate(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    tail = "".join(rng.choice("0123456789" + letters[:6]) for _ in range(4))
    return f"浙{rng.choice('HJK')}{rng.choice('0123456789')}{tail}"


def make_deliveries(rng: random.Random, customers: list[Customer], total: int) -> list[Row]:
    """Return delivery lines: every buyer's first deal, churned customers' last, then repeats."""
    lines = [_first_delivery(rng, c) for c in customers if c.first_month >= 0]
    for c in customers:
        if c.kind == "churned" and c.last_month > c.first_month and rng.random() < 0.5:
            lines.append(_delivery(rng, c, _day_in_month(rng, c, c.last_month)))
    regulars = sorted(
        (c for c in customers if c.kind in ("buyer", "new")), key=lambda c: c.first_month
    )
    firsts = [c.first_month for c in regulars]
    weights = [1.0 + 0.4 * (m >= 12) for m in range(MONTHS)]
    for month, count in enumerate(spread(max(total - len(lines), 0), weights, minimum=2)):
        eligible = bisect.bisect_right(firsts, month)
        for _ in range(count if eligible else 0):
            c = regulars[rng.randrange(eligible)]
            lines.append(_delivery(rng, c, _day_in_month(rng, c, month)))
    _ensure_outlet(rng, lines)
    lines.sort(key=lambda r: r["成交日期"])
    return lines


def _day_in_month(rng: random.Random, c: Customer, month: int) -> dt.date:
    first = max(month_start(month), c.created + dt.timedelta(days=1))
    if c.first_delivery and month == c.first_month:
        first = max(first, c.first_delivery)
    return day_between(rng, first, month_end(month))


def _first_delivery(rng: random.Random, c: Customer) -> Row:
    # A new customer's first deal comes mid-May, after the visits that won it.
    start = month_start(c.first_month) + dt.timedelta(days=14 if c.kind == "new" else 0)
    day = day_between(rng, max(start, c.created + dt.timedelta(days=1)), month_end(c.first_month))
    c.first_delivery = day
    return _delivery(rng, c, day, quantity=rng.randint(3, 12) if c.kind == "new" else None)


def _delivery(rng: random.Random, c: Customer, day: dt.date, quantity: int | None = None) -> Row:
    quantity = (
        quantity
        or rng.choices((1, 2, 3, 4, 5, 6, 8, 10, 15, 20), (20, 20, 15, 12, 10, 8, 6, 4, 3, 2))[0]
    )
    c.last_delivery = max(c.last_delivery or day, day)
    c.vehicles.extend((plate(rng), day) for _ in range(min(quantity, 6)))
    return {
        "成交日期": day,
        "用户名称": c.name,
        "车型": rng.choice(c.models),
        "数量": quantity,
        "销售顾问": (c.owner if rng.random() < 0.85 else partner_of(c.owner)).name,
        "购车用途": c.purpose if rng.random() < 0.8 else rng.choice(PURPOSES),
        "二级网点": rng.choice(OUTLETS) if rng.random() < 0.06 else None,
    }


def _ensure_outlet(rng: random.Random, lines: list[Row]) -> None:
    """Make sure the story month has a secondary outlet's sale, as the scorecard shows one."""
    story = [r for r in lines if month_of(r["成交日期"]) == STORY_MONTH]
    if story and not any(r["二级网点"] for r in story):
        rng.choice(story)["二级网点"] = OUTLETS[0]


def make_services(rng: random.Random, customers: list[Customer], total: int) -> list[Row]:
    """Return service-bay entries of delivered vehicles; churned customers stop when they left."""
    entries: list[Row] = []
    for c in customers:
        if c.kind == "churned" and c.last_month > c.first_month and c.vehicles:
            day = day_between(rng, month_start(c.last_month), month_end(c.last_month))
            entries.append(_service(rng, c, rng.choice(c.vehicles)[0], day))
    fleet = [(c, p, d) for c in customers if c.kind in ("buyer", "new") for p, d in c.vehicles]
    for _ in range(total * 3):
        if len(entries) >= total or not fleet:
            break
        c, car, delivered = rng.choice(fleet)
        day = delivered + dt.timedelta(days=rng.randint(20, 540))
        if day <= MAINTENANCE_DATE:
            entries.append(_service(rng, c, car, day))
    entries.sort(key=lambda r: r["进场日期"])
    return entries


def _service(rng: random.Random, c: Customer, car: str, day: dt.date) -> Row:
    kind = rng.random()
    if kind < 0.7:
        revenue: float = rng.randrange(180, 900, 10)
    elif kind < 0.95:
        revenue = rng.randrange(900, 6000, 10) + rng.choice((0, 0, 0.5))
    else:
        revenue = rng.randrange(6000, 20000, 100)
    return {"进场日期": day, "用户名称": c.name, "车牌号": car, "产值": revenue}


def make_surveys(rng: random.Random, customers: list[Customer], total: int) -> list[Row]:
    """Return satisfaction answers, each a few days after a delivery."""
    fleet = [(c, d) for c in customers for _, d in c.vehicles]
    answers: list[Row] = []
    for _ in range(total * 3):
        if len(answers) >= total or not fleet:
            break
        c, delivered = rng.choice(fleet)
        day = delivered + dt.timedelta(days=rng.randint(3, 25))
        if day > MAINTENANCE_DATE:
            continue
        score: float = rng.choice(
            (rng.randint(80, 100), rng.randint(70, 100), rng.randint(55, 100))
        )
        if rng.random() < 0.05:
            score += 0.5 if score < 100 else 0
        answers.append({"调查日期": day, "用户名称": c.name, "满意度得分": score})
    answers.sort(key=lambda r: r["调查日期"])
    return answers


# --- visits: preparation forms and records


@dataclass
class Visit:
    customer: Customer
    day: dt.date
    visitors: tuple[Person, ...]


def make_visits(rng: random.Random, customers: list[Customer], total: int) -> list[Visit]:
    """Return the visits made, by date: each customer at most once a day, after it was archived."""
    taken: set[tuple[str, dt.date]] = set()
    visits = _story_visits(rng, customers, taken)
    weights = [1.0 if m < 12 else 1.6 + 0.3 * (m == STORY_MONTH) for m in range(MONTHS)]
    wanted = spread(total, weights, minimum=1)
    for v in visits:  # the story's visits are part of their month's share
        wanted[month_of(v.day)] -= 1
    by_created = sorted(customers, key=lambda c: c.created)
    created = [c.created for c in by_created]
    pools = [by_created[: bisect.bisect_right(created, month_end(m))] for m in range(MONTHS)]
    for _ in range(total * 10):
        if len(visits) >= total:
            break
        # Fill the months in order; once all have their share, any 2008 month takes the rest.
        month = next((m for m in range(MONTHS) if wanted[m] > 0 and pools[m]), None)
        month = rng.randrange(12, MONTHS) if month is None else month
        visit = _random_visit(rng, pools[month], month, taken)
        if visit:
            visits.append(visit)
            wanted[month] -= 1
    visits.sort(key=lambda v: (v.day, v.customer.name))
    return visits


def _story_visits(
    rng: random.Random, customers: list[Customer], taken: set[tuple[str, dt.date]]
) -> list[Visit]:
    """Visits that won the story month's new customers and opened its projects."""
    visits = []
    for c in customers:
        if c.kind == "new" and c.first_delivery:
            opened = max(dt.date(2008, 3, 3), c.created + dt.timedelta(days=1))
            for first, last in (
                (opened, dt.date(2008, 4, 25)),
                (month_start(STORY_MONTH), c.first_delivery),
            ):
                visits.append(_visit_on(rng, c, workday_between(rng, first, last), taken))
        elif c.kind == "project":
            day = workday_between(rng, c.created + dt.timedelta(days=1), month_end(STORY_MONTH))
            visits.append(_visit_on(rng, c, day, taken))
    return [v for v in visits if v]


def _random_visit(
    rng: random.Random, pool: Sequence[Customer], month: int, taken: set[tuple[str, dt.date]]
) -> Visit | None:
    c = rng.choice(pool)
    first = max(month_start(month), c.created + dt.timedelta(days=1))
    if (c.kind == "churned" and month > c.last_month + 1) or first > month_end(month):
        return None  # nobody calls on a customer that has gone, or before it is archived
    return _visit_on(rng, c, workday_between(rng, first, month_end(month)), taken)


def _visit_on(
    rng: random.Random, c: Customer, day: dt.date, taken: set[tuple[str, dt.date]]
) -> Visit | None:
    if (c.name, day) in taken:
        return None
    taken.add((c.name, day))
    draw = rng.random()
    if draw < 0.62:
        visitors: tuple[Person, ...] = (c.owner, partner_of(c.owner))
    elif draw < 0.86:
        visitors = (c.owner,)
    elif draw < 0.97:
        visitors = (c.owner, MANAGER)  # the manager joins for the bigger deals
    else:
        visitors = (MANAGER, GM)
    return Visit(c, day, visitors)


def prep_number(c: Customer, day: dt.date, people: Sequence[Person]) -> str:
    names = "-".join(p.name for p in people)
    return f"{c.short}-{day:%Y%m%d}-走访准备表-{c.code}-{names}"


def record_number(c: Customer, day: dt.date) -> str:
    return f"{c.short}-{day:%Y%m%d}-走访记录表-{c.code}"


def make_forms(
    rng: random.Random, visits: list[Visit], customers: list[Customer]
) -> tuple[list[Row], list[Row]]:
    """Return (preparation rows, record rows): most visits were prepared on a form."""
    preps: list[Row] = []
    records: list[Row] = []
    planned: set[tuple[str, dt.date]] = set()
    for v in visits:
        prep = _prep(rng, v, planned) if rng.random() < 0.9 else None
        if prep:
            preps.append(prep)
        records.append(_record(rng, v, prep))
        v.customer.latest_record = records[-1]["走访记录表编号"]
    preps.extend(_future_preps(rng, customers, planned))
    preps.sort(key=lambda r: (r["计划走访时间"], r["走访准备表编号"]))
    return preps, records


def _prep(
    rng: random.Random, v: Visit, planned: set[tuple[str, dt.date]], scored: bool = True
) -> Row | None:
    c = v.customer
    # One visit in twenty happened a little after the planned day (not so for future plans).
    late = scored and rng.random() < 0.05
    day = v.day - dt.timedelta(days=rng.randint(1, 3)) if late else v.day
    if (c.name, day) in planned:
        day = v.day  # a rescheduled visit keeps its own day when the earlier one is taken
    if (c.name, day) in planned:
        return None
    planned.add((c.name, day))
    people = v.visitors
    if len(people) == 1 and rng.random() < 0.3:
        people = (c.owner, partner_of(c.owner))  # planned as a pair, went alone
    mode = rng.choice(VISIT_MODES)
    budget = _budget(rng, mode)
    bought = c.first_delivery is not None and c.first_delivery < day
    return {
        "走访准备表编号": prep_number(c, day, people),
        "用户名称": c.name,
        "计划走访时间": day,
        "计划走访人员": tuple(p.name for p in people),
        "走访方向": _aim(rng, c),
        "走访对象": "老客户"
        if bought and rng.random() < 0.6
        else rng.choice(("决策人", "领导", "关系人")),
        "走访对象预约情况": rng.choices(APPOINTMENTS, (70, 20, 10))[0],
        "走访方式": mode,
        **budget,
        "预算合计": sum(budget.values()),
        "制表人": people[0].name,
        "制表日期": day - dt.timedelta(days=rng.randint(1, 5)),
        "大用户经理审核": MANAGER.name if scored else None,
        "总经理审核": GM.name
        if scored and (budget["礼品招待费"] >= 500 or rng.random() < 0.3)
        else None,
        "走访准备表评分": rng.choices(SCORES, (55, 35, 10))[0] if scored else None,
    }


def _aim(rng: random.Random, c: Customer) -> str:
    if c.nature in ("政府", "军警"):
        return rng.choices(VISIT_AIMS, (70, 30, 0))[0]
    return rng.choices(VISIT_AIMS, (35, 20, 45))[0]


def _budget(rng: random.Random, mode: str) -> dict[str, int]:
    gifts = (
        rng.randrange(300, 1500, 50)
        if mode in ("午餐会谈", "赠送礼物", "生日拜访")
        else rng.randrange(0, 300, 50)
    )
    return {
        "汽油费": rng.randrange(50, 310, 10),
        "走访补贴": rng.choice((50, 100, 150, 200)),
        "礼品招待费": gifts,
        "资料费": rng.choice((0, 20, 50, 80, 100)),
        "路桥停车及其他": rng.randrange(0, 130, 10),
    }


def _future_preps(
    rng: random.Random, customers: list[Customer], planned: set[tuple[str, dt.date]]
) -> list[Row]:
    """Visits planned for next week: prepared, not yet reviewed or scored."""
    hot = [c for c in customers if c.kind in ("prospect", "project")]
    preps = []
    for _ in range(min(6, len(hot))):
        c = rng.choice(hot)
        day = workday_between(
            rng, MAINTENANCE_DATE + dt.timedelta(days=1), MAINTENANCE_DATE + dt.timedelta(days=10)
        )
        prep = _prep(rng, Visit(c, day, (c.owner, partner_of(c.owner))), planned, scored=False)
        if prep:
            prep["制表日期"] = MAINTENANCE_DATE - dt.timedelta(days=rng.randint(0, 2))
            preps.append(prep)
    return preps


def _record(rng: random.Random, v: Visit, prep: Row | None) -> Row:
    c = v.customer
    approved = prep["预算合计"] if prep else rng.randrange(300, 1500, 50)
    costs = _costs(rng, prep)
    late = rng.random() < 0.08  # a few reports come in late: a KPI, not an error
    return {
        "走访记录表编号": record_number(c, v.day),
        "走访准备表编号": prep["走访准备表编号"] if prep else None,
        "用户名称": c.name,
        "走访时间": v.day,
        "走访人员": tuple(p.name for p in v.visitors),
        "用户机构性质": c.nature,
        "用户行业分类": c.industry,
        "公务用车购车意向": _official_intent(rng, c),
        "员工购车意向": _staff_intent(rng, c),
        "回访时间": v.day + dt.timedelta(days=rng.randint(7, 30)),
        "回访方式": rng.choice(FOLLOW_UPS),
        **costs,
        "费用合计": sum(costs.values()),
        "预算审批费用": approved,
        "制表人": v.visitors[0].name,
        "制表日期": v.day
        + dt.timedelta(days=rng.randint(3, 8) if late else rng.choice((0, 1, 1, 2))),
        "走访记录表评分": rng.choices(SCORES, (50, 40, 10))[0],
    }


def _costs(rng: random.Random, prep: Row | None) -> dict[str, int]:
    budget = {k: prep[k] for k in PREP_BUDGET} if prep else _budget(rng, rng.choice(VISIT_MODES))
    spent = [round(b * rng.uniform(0.7, 1.25) / 10) * 10 for b in budget.values()]
    return dict(zip(RECORD_COSTS, spent, strict=True))


def _official_intent(rng: random.Random, c: Customer) -> str:
    if rng.random() < 0.2:
        return "暂无公务用车更新计划"
    when = rng.choice(("年内", "下季度", "明年上半年", "下半年"))
    how = rng.choice(
        ("需走政府采购程序", "领导班子集体决定", "办公室提方案报领导审批", "与竞品比价后决定")
    )
    return f"计划{when}采购{rng.choice(c.models)}{rng.randint(1, 6)}台，{how}"


def _staff_intent(rng: random.Random, c: Customer) -> str:
    if c.nature in ("政府", "军警") and rng.random() < 0.5:
        return "员工以自行购车为主，可组织团购活动"
    if rng.random() < 0.2:
        return "暂无明显意向"
    models = "、".join(rng.sample(MODELS, 2))
    return f"员工有意向团购约{rng.randint(5, 30)}台，关注{models}"


# --- the archive


def grade_of(rng: random.Random, c: Customer) -> str:
    """Return the customer's grade; 0级 means an order placed or a car delivered."""
    if c.kind == "new":
        return "0级客户"
    if c.kind == "buyer":
        return rng.choices(("0级客户", "A级客户", "B级客户"), (75, 15, 10))[0]
    if c.kind == "churned":
        return rng.choices(("0级客户", "D级客户"), (60, 40))[0]
    if c.kind == "project":
        return rng.choice(("A级客户", "B级客户", "C级客户"))
    return rng.choices(("A级客户", "B级客户", "C级客户", "D级客户"), (15, 25, 30, 30))[0]


def expected_date(rng: random.Random, c: Customer, grade: str) -> dt.date | str | None:
    """Return 预计购车日期, well inside the grade's window counted from the maintenance date."""
    windows = {
        "A级客户": (dt.date(2008, 7, 5), dt.date(2008, 7, 25)),
        "B级客户": (dt.date(2008, 8, 10), dt.date(2008, 9, 20)),
        "C级客户": (dt.date(2008, 10, 15), dt.date(2008, 12, 15)),
        "D级客户": (dt.date(2009, 2, 1), dt.date(2009, 12, 31)),
    }
    if grade == "0级客户":
        day = c.last_delivery or c.first_delivery
        if day and rng.random() < 0.3:
            return f"{day.year}年{day.month}月"  # a month is enough for a deal already done
        return day
    if grade == "D级客户" and rng.random() < 0.3:
        return None  # D also means "not known yet"
    day = day_between(rng, *windows[grade])
    if grade == "D级客户" and rng.random() < 0.4:
        return f"{day.year}年{day.month}月"
    return day


def demand_of(rng: random.Random, c: Customer, grade: str) -> dict[str, int]:
    if (grade == "D级客户" and rng.random() < 0.5) or (grade == "0级客户" and rng.random() < 0.2):
        return {}
    return {m: rng.choice((1, 2, 2, 3, 3, 4, 5, 6, 8, 10)) for m in c.models}


def phone(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return f"1{rng.choice('35789')}{rng.randrange(10**9):09d}"
    number = f"8{rng.randrange(10**7):07d}"
    return rng.choice(
        (f"0576-{number}", f"0576{number}", f"(0576){number}", f"0576-{number[:4]}-{number[4:]}")
    )


def archive_rows(rng: random.Random, customers: list[Customer]) -> list[Row]:
    """Return one archive row per customer, sorted by grade then archive date as dealers keep it."""
    rows = [_archive_row(rng, c) for c in customers]
    rows.sort(key=lambda r: (r["大客户级别"], r["建档日期"]))
    return rows


def _archive_row(rng: random.Random, c: Customer) -> Row:
    grade = grade_of(rng, c)
    demand = demand_of(rng, c, grade)
    public = c.nature in ("政府", "军警") or c.industry == "文教卫生"
    return {
        "大客户级别": grade,
        "大客户名称": c.name,
        "大用户统称": c.short,
        "大客户采购行业分类": c.industry,
        "用户性质": c.nature,
        "用户类别": c.group,
        "走访记录表编号": c.latest_record or None,
        "已建立关系联系人": rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES),
        "职务": rng.choice(PUBLIC_TITLES if public else COMPANY_TITLES),
        "联系电话": phone(rng),
        **{m: demand.get(m) for m in MODELS},
        "需求数量合计": sum(demand.values()) if demand else None,
        "购车用途": c.purpose,
        "预计购车日期": expected_date(rng, c, grade),
        "主要竞争品牌": rng.choice(COMPETITORS),
        "目前成交关键点": rng.choice(KEY_POINTS),
        "负责销售顾问": c.owner.name,
        "信息获取渠道": rng.choices(CHANNELS, (20, 25, 20, 12, 13, 10))[0],
        "建档日期": c.created,
    }


def staff_rows() -> list[Row]:
    return [
        {"姓名": p.name, "角色": p.role, "小组": p.group or None, "工作小组": p.pair or None}
        for p in STAFF
    ]


# --- targets (指标), set from last year's base as the handbook asks

KPI_NAMES = {
    "new_volume": "新增大用户销量",
    "new_accounts": "新增大用户单位数",
    "accounts_visited": "走访大用户单位数",
    "visits": "走访次数",
    "churn_rate": "大用户客户流失率",
    "satisfaction": "大用户客户满意度",
    "service_entries": "大用户维修进场台次",
    "service_revenue": "产值",
    "projects": "大用户工作项目",
    "prep_quality": "走访准备合格率",
    "record_timeliness": "走访报告及时率",
    "budget_variance": "走访费用偏差",
}
DEALER_WEIGHTS = {
    "new_volume": 0.2, "new_accounts": 0.1, "accounts_visited": 0.1, "visits": 0.1,
    "churn_rate": 0.1, "satisfaction": 0.1, "service_entries": 0.05, "service_revenue": 0.05,
    "projects": 0.05, "prep_quality": 0.05, "record_timeliness": 0.05, "budget_variance": 0.05,
}  # fmt: skip


def _target(
    kpi: str,
    scope: str,
    who: str | None,
    annual: float,
    weight: float,
    months: dict[int, float] | None = None,
    name: bool = False,
) -> Row:
    row: Row = {"年度": 2008, "指标": KPI_NAMES[kpi] if name else kpi, "范围": scope, "对象": who}
    row["年度目标"] = annual
    for month, value in (months or {}).items():
        row[f"{month}月"] = value
    row["权重"] = weight
    return row


def target_rows(data: Dataset) -> list[Row]:
    """Return the 2008 targets: some 20 % over 2007, with quieter Spring Festival months."""
    base = Baseline(data, 2007)
    volume = max(round(base.volume() * 1.2 / 10) * 10, 10)
    visits = max(round(base.visits() * 1.6 / 10) * 10, 10)  # 2008 is the year of visiting
    annual = {
        "new_volume": volume,
        "new_accounts": max(round(base.new_accounts() * 1.1), 1),
        "accounts_visited": max(round(base.accounts_visited() * 1.3), 1),
        "visits": visits,
        "churn_rate": 0.08,
        "satisfaction": 90,
        "service_entries": max(round(base.service_entries() * 1.2), 1),
        "service_revenue": max(round(base.revenue() * 1.2 / 1000) * 1000, 1000),
        "projects": 24,  # the manager's two projects a month
        "prep_quality": 0.9,
        "record_timeliness": 0.95,
        "budget_variance": 0.05,
    }
    months: dict[str, dict[int, float]] = {
        "new_volume": _quiet_months(volume),
        "visits": {2: round(visits * 0.05)},
    }
    rows = [
        _target(kpi, "全店", None, annual[kpi], DEALER_WEIGHTS[kpi], months.get(kpi), name=True)
        for kpi in KPI_NAMES
    ]
    return rows + _team_targets(base, volume, visits)


def _quiet_months(annual: float) -> dict[int, float]:
    return {1: round(annual * 0.06), 2: round(annual * 0.04), 12: round(annual * 0.12)}


def _team_targets(base: Baseline, volume: float, visits: float) -> list[Row]:
    rows = []
    shares = base.volume_shares()
    for group in ("行业用户组", "社会用户组"):
        share = sum(shares[p.name] for p in CONSULTANTS if p.group == group)
        rows.append(_target("new_volume", "小组", group, round(volume * share), 0.6, name=True))
        rows.append(_target("visits", "小组", group, round(visits * share), 0.4, name=True))
    for pair in ("行业一组", "行业二组", "社会一组"):
        share = sum(shares[p.name] for p in CONSULTANTS if p.pair == pair)
        rows.append(_target("new_volume", "工作小组", pair, round(volume * share), 0.6))
        members = {p.name for p in CONSULTANTS if p.pair == pair}
        rows.append(
            _target(
                "accounts_visited",
                "工作小组",
                pair,
                max(round(base.accounts_visited(members) * 1.3), 5),
                0.4,
            )
        )
    for p in CONSULTANTS:
        rows.append(_target("new_volume", "顾问", p.name, round(volume * shares[p.name]), 0.5))
        rows.append(
            _target("visits", "顾问", p.name, max(round(base.visits({p.name}) * 1.6), 5), 0.3)
        )
        rows.append(_target("record_timeliness", "顾问", p.name, 0.95, 0.2))
    for outlet in OUTLETS:
        rows.append(
            _target(
                "new_volume",
                "二级网点",
                outlet,
                max(round(base.outlet_volume(outlet) * 1.2), 6),
                1.0,
            )
        )
    return rows


# --- the whole data set


@dataclass
class Dataset:
    customers: list[Customer]
    archive: list[Row]
    preps: list[Row]
    records: list[Row]
    deliveries: list[Row]
    services: list[Row]
    surveys: list[Row]
    targets: list[Row] = field(default_factory=list)

    def sheets(self) -> dict[str, list[Row]]:
        return {
            ARCHIVE: self.archive, PREPS: self.preps, RECORDS: self.records,
            DELIVERIES: self.deliveries, SERVICES: self.services, SURVEYS: self.surveys,
            PEOPLE: staff_rows(), TARGETS: self.targets,
        }  # fmt: skip


def make_dataset(
    seed: int, customers: int, visits: int, deliveries: int, services: int, surveys: int
) -> Dataset:
    """Return the whole, mutually consistent data of one dealership."""
    rng = random.Random(seed)
    people = make_customers(rng, customers, deliveries)
    delivery_rows = make_deliveries(rng, people, deliveries)
    service_rows = make_services(rng, people, services)
    survey_rows = make_surveys(rng, people, surveys)
    preps, records = make_forms(rng, make_visits(rng, people, visits), people)
    archive = archive_rows(rng, people)
    data = Dataset(people, archive, preps, records, delivery_rows, service_rows, survey_rows)
    data.targets = target_rows(data)
    return data


class Baseline:
    """A year's actuals, the base the general manager sets next year's targets from."""

    def __init__(self, data: Dataset, year: int) -> None:
        self.data = data
        self.year = year

    def _in_year(self, rows: Iterable[Row], column: str) -> list[Row]:
        return [r for r in rows if r[column].year == self.year]

    def volume(self) -> int:
        return sum(r["数量"] for r in self._in_year(self.data.deliveries, "成交日期"))

    def volume_shares(self) -> dict[str, float]:
        per_person: Counter[str] = Counter()
        for r in self._in_year(self.data.deliveries, "成交日期"):
            per_person[r["销售顾问"]] += r["数量"]
        total = sum(per_person.values()) or 1
        return {p.name: per_person[p.name] / total for p in CONSULTANTS}

    def outlet_volume(self, outlet: str) -> int:
        return sum(
            r["数量"]
            for r in self._in_year(self.data.deliveries, "成交日期")
            if r["二级网点"] == outlet
        )

    def new_accounts(self) -> int:
        return sum(
            1
            for c in self.data.customers
            if c.first_delivery and c.first_delivery.year == self.year
        )

    def _visits_by(self, people: set[str] | None) -> list[Row]:
        rows = self._in_year(self.data.records, "走访时间")
        return [r for r in rows if people is None or people & set(r["走访人员"])]

    def visits(self, people: set[str] | None = None) -> int:
        return len(self._visits_by(people))

    def accounts_visited(self, people: set[str] | None = None) -> int:
        return len({r["用户名称"] for r in self._visits_by(people)})

    def service_entries(self) -> int:
        return len(self._in_year(self.data.services, "进场日期"))

    def revenue(self) -> float:
        return float(sum(r["产值"] for r in self._in_year(self.data.services, "进场日期")))


def story(data: Dataset, month: int = STORY_MONTH) -> dict[str, Any]:
    """Return the month's headline figures, computed by SPEC §5's definitions."""
    first, last = month_start(month), month_end(month)

    def within(day: dt.date, a: dt.date = first, b: dt.date = last) -> bool:
        return a <= day <= b

    sold = [r for r in data.deliveries if within(r["成交日期"])]
    visited = [r for r in data.records if within(r["走访时间"])]
    activity: defaultdict[str, list[dt.date]] = defaultdict(list)
    for r in data.deliveries:
        activity[r["用户名称"]].append(r["成交日期"])
    for r in data.services:
        activity[r["用户名称"]].append(r["进场日期"])
    base = {
        n
        for n, days in activity.items()
        if any(within(d, month_start(month - 12), first - dt.timedelta(1)) for d in days)
    }
    kept = {
        n
        for n, days in activity.items()
        if any(within(d, month_start(month - 11), last) for d in days)
    }
    scores = [r["满意度得分"] for r in data.surveys if within(r["调查日期"])]
    return {
        "month": f"{first:%Y-%m}",
        "delivery_lines": len(sold),
        "new_volume": sum(r["数量"] for r in sold),
        "outlet_volume": sum(r["数量"] for r in sold if r["二级网点"]),
        "new_accounts": sum(
            1 for c in data.customers if c.first_delivery and within(c.first_delivery)
        ),
        "visits": len(visited),
        "accounts_visited": len({r["用户名称"] for r in visited}),
        "churn_base": len(base),
        "churned": len(base - kept),
        "projects": sum(
            1 for r in data.archive if within(r["建档日期"]) and (r["需求数量合计"] or 0) > 0
        ),
        "service_entries": sum(1 for r in data.services if within(r["进场日期"])),
        "satisfaction": round(sum(scores) / len(scores), 1) if scores else None,
    }


# --- how values land in cells


class CellStyler:
    """Chooses how a value is typed into a cell, the way different clerks type them.

    It has its own random stream, so the data are the same however the cells are written.
    """

    DATE_FORMATS = ("yyyy-mm-dd", "yyyy-mm-dd", "yyyy-mm-dd", 'yyyy"年"m"月"d"日"', "yyyy/m/d")

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed + 1)

    def value(self, column: str, value: Any) -> tuple[Any, str | None]:
        """Return (cell value, number format or None)."""
        if value is None or value == "":
            return None, None
        if isinstance(value, dt.date):
            return self._date(value)
        if isinstance(value, tuple):
            return self._people(value), None
        if column in MONEY_COLUMNS or column == "产值":
            return self._money(value)
        if (
            column == "联系电话"
            and value[:1] == "1"
            and value.isdigit()
            and self.rng.random() < 0.15
        ):
            return int(value), "0"  # a mobile typed as a number (a landline would lose its 0)
        if column in ("数量", "满意度得分", *MODELS) and self.rng.random() < 0.03:
            return str(value), None
        return value, None

    def _date(self, day: dt.date) -> tuple[Any, str | None]:
        draw = self.rng.random()
        if draw < 0.85:
            return day, self.rng.choice(self.DATE_FORMATS)
        spellings = (
            f"{day:%Y-%m-%d}", f"{day.year}/{day.month}/{day.day}",
            f"{day.year}年{day.month}月{day.day}日", f"{day.year}.{day.month}.{day.day}",
        )  # fmt: skip
        return self.rng.choice(spellings), None

    def _people(self, names: tuple[str, ...]) -> str:
        return self.rng.choices(("、", "/", "，", " "), (60, 20, 10, 10))[0].join(names)

    def _money(self, amount: float) -> tuple[Any, str | None]:
        if self.rng.random() < 0.06:
            if amount >= 1000 and self.rng.random() < 0.6:
                return f"{amount:,}", None
            return f"{amount}元", None
        return amount, "#,##0" if float(amount).is_integer() else "#,##0.00"


# --- writing the styled sample

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
WIDTHS = {"大客户名称": 30, "用户名称": 30, "走访准备表编号": 40, "走访记录表编号": 32}


def _header_cell(ws: Worksheet, row: int, column: int, text: str) -> None:
    cell = ws.cell(row=row, column=column, value=text)
    cell.font = Font(bold=True)
    cell.fill = HEADER_FILL
    cell.border = BORDER
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _title(ws: Worksheet, text: str, width: int) -> None:
    ws.cell(row=1, column=1, value=text).font = Font(bold=True, size=14)
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.row_dimensions[1].height = 28


def _body(
    ws: Worksheet, headers: Sequence[str], rows: Iterable[Row], first_row: int, styler: CellStyler
) -> None:
    for r, row in enumerate(rows, start=first_row):
        for c, column in enumerate(headers, start=1):
            value, number_format = styler.value(column, row.get(column))
            cell = ws.cell(row=r, column=c, value=value)
            cell.border = BORDER
            if number_format:
                cell.number_format = number_format
    for c, column in enumerate(headers, start=1):
        width = WIDTHS.get(column, 16 if column in DATE_COLUMNS or "意向" in column else 11)
        ws.column_dimensions[get_column_letter(c)].width = width


def _write_archive(ws: Worksheet, rows: list[Row], styler: CellStyler) -> None:
    """Title row, maintenance-date row, then the two-row header (需求车型 over models)."""
    headers = HEADERS[ARCHIVE]
    _title(ws, TITLES[ARCHIVE], len(headers))
    ws.cell(row=2, column=1, value=MAINTENANCE_TEXT)
    first_model = headers.index(MODELS[0]) + 1
    for c, column in enumerate(headers, start=1):
        if column in MODELS:
            _header_cell(ws, 4, c, column)
            continue
        _header_cell(ws, 3, c, ARCHIVE_DISPLAY.get(column, column))
        _header_cell(ws, 4, c, "")
        ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
    _header_cell(ws, 3, first_model, "需求车型\n(填写需求数量)")
    ws.merge_cells(
        start_row=3, start_column=first_model, end_row=3, end_column=first_model + len(MODELS) - 1
    )
    ws.cell(row=3, column=1).comment = Comment(GRADE_NOTE, MANAGER.name, width=220, height=130)
    ws.row_dimensions[3].height = 45
    _body(ws, headers, rows, 5, styler)
    ws.freeze_panes = "C5"


def _write_log(ws: Worksheet, sheet: str, rows: list[Row], styler: CellStyler) -> None:
    """Title row, then a one-row header."""
    headers = HEADERS[sheet]
    _title(ws, TITLES[sheet], len(headers))
    for c, column in enumerate(headers, start=1):
        _header_cell(ws, 2, c, LOG_DISPLAY.get(column, column))
    ws.row_dimensions[2].height = 32
    _body(ws, headers, rows, 3, styler)
    ws.freeze_panes = "A3"


def _write_styled(path: Path, data: Dataset, seed: int) -> None:
    wb = Workbook()
    styler = CellStyler(seed)
    for i, (sheet, rows) in enumerate(data.sheets().items()):
        ws = wb.active if i == 0 else wb.create_sheet()
        assert ws is not None
        ws.title = sheet
        if sheet == ARCHIVE:
            _write_archive(ws, rows, styler)
        else:
            _write_log(ws, sheet, rows, styler)
    _save(wb, path)


def _write_large(path: Path, data: Dataset, seed: int) -> None:
    """Plain and fast: write-only, no merges or styles, a one-row header on every sheet."""
    wb = Workbook(write_only=True)
    styler = CellStyler(seed)
    for sheet, rows in data.sheets().items():
        ws = wb.create_sheet(sheet)
        headers = HEADERS[sheet]
        if sheet == ARCHIVE:  # grades are counted from this date, so it stays even here
            ws.append([MAINTENANCE_TEXT])
        ws.append(list(headers))
        for row in rows:
            ws.append([styler.value(column, row.get(column))[0] for column in headers])
    _save(wb, path)


class _FixedTimeZip(zipfile.ZipFile):
    """A zip whose members all carry one timestamp, so equal workbooks are equal bytes."""

    def writestr(
        self, zinfo_or_arcname: Any, data: Any, compress_type: Any = None, compresslevel: Any = None
    ) -> None:
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            zinfo_or_arcname = self._member(str(zinfo_or_arcname))
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(
        self,
        filename: Any,
        arcname: Any = None,
        compress_type: Any = None,
        compresslevel: Any = None,
    ) -> None:
        # openpyxl's write-only sheets arrive as temporary files: stream them in.
        with (
            open(filename, "rb") as source,
            self.open(self._member(str(arcname or filename)), "w", force_zip64=True) as target,
        ):
            shutil.copyfileobj(source, target, 1 << 20)

    def _member(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        return info


def _save(wb: Workbook, path: Path) -> None:
    # Workbook.save stamps the clock into docProps/core.xml; ExcelWriter with our zip does not.
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.creator = MANAGER.name
    wb.properties.lastModifiedBy = MANAGER.name
    wb.properties.title = f"{DEALER} 大用户工作簿"
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    with _FixedTimeZip(partial, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    partial.replace(path)


# --- the public entry points


# Visits, delivery lines, service entries and survey answers per customer.
PER_CUSTOMER = {"sample": (2.0, 1.5, 2.8, 0.8), "large": (0.2, 0.4, 0.3, 0.1)}


def log_sizes(customers: int, given: Sequence[int | None], large: bool) -> list[int]:
    """Return (visits, deliveries, services, surveys): those given, else from PER_CUSTOMER."""
    ratios = PER_CUSTOMER["large" if large else "sample"]
    return [
        n if n is not None else round(customers * r) for n, r in zip(given, ratios, strict=True)
    ]


def build_workbook(
    path: str | Path,
    *,
    customers: int = 150,
    visits: int | None = None,
    deliveries: int | None = None,
    services: int | None = None,
    surveys: int | None = None,
    seed: int = 2008,
    large: bool = False,
) -> dict[str, int]:
    """Write the dealership's workbook to `path`; return the data rows per sheet.

    Log sizes not given follow the customer count (PER_CUSTOMER): the sample has 2 visits,
    1.5 delivery lines, 2.8 service entries and 0.8 survey answers per customer; a large
    (benchmark) file has a big archive of mostly prospects and thinner logs, as openpyxl
    writes some 150,000 cells a second. `large=True` writes with openpyxl's write-only mode:
    no title rows, merges or styles, and a one-row header with the models under their names.
    """
    sizes = log_sizes(customers, (visits, deliveries, services, surveys), large)
    data = make_dataset(seed, customers, *sizes)
    (_write_large if large else _write_styled)(Path(path), data, seed)
    return {sheet: len(rows) for sheet, rows in data.sheets().items()}


def convert_to_xls(xlsx: Path, xls: Path, timeout: float = 300) -> None:
    """Write an Excel 97-2003 copy of `xlsx` with LibreOffice, and check it kept every value."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("soffice (LibreOffice) is not installed: cannot make the .xls copy")
    with tempfile.TemporaryDirectory(prefix="kactl-xls-") as tmp:
        profile = Path(tmp, "profile").as_uri()  # a private profile: no lock on the user's
        command = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "xls",
            "--outdir",
            tmp,
            str(xlsx),
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        out = Path(tmp, xlsx.stem + ".xls")
        # soffice exits 0 even when it wrote nothing, so the file itself is the test.
        if not out.is_file() or out.stat().st_size == 0:
            raise RuntimeError(
                f"soffice made no {out.name}: {done.stderr.strip() or done.stdout.strip()}"
            )
        differences = compare_workbooks(xlsx, out)
        if differences:
            raise RuntimeError(
                f"{out.name} differs from {xlsx.name}: " + "; ".join(differences[:5])
            )
        shutil.move(str(out), xls)


def _plain(value: Any) -> Any:
    """Return a cell value in a form both formats give alike (xls has no int, no bare date)."""
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return float(value)
    return value


def compare_workbooks(first: Path, second: Path) -> list[str]:
    """Return the differences between two workbooks' sheet names and cell values."""
    from python_calamine import CalamineWorkbook

    a, b = CalamineWorkbook.from_path(str(first)), CalamineWorkbook.from_path(str(second))
    if a.sheet_names != b.sheet_names:
        return [f"sheets {a.sheet_names} != {b.sheet_names}"]
    differences = []
    for name in a.sheet_names:
        rows_a = [[_plain(v) for v in row] for row in a.get_sheet_by_name(name).to_python()]
        rows_b = [[_plain(v) for v in row] for row in b.get_sheet_by_name(name).to_python()]
        if rows_a != rows_b:
            bad = next(
                (i for i, (x, y) in enumerate(zip(rows_a, rows_b, strict=False)) if x != y), None
            )
            differences.append(
                f"{name}: {len(rows_a)} vs {len(rows_b)} rows, first difference at row {bad}"
            )
    return differences


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the sample key-account workbooks.")
    parser.add_argument(
        "--large", type=int, metavar="N", help="write an N-customer benchmark file instead"
    )
    parser.add_argument("out", nargs="?", type=Path, help="the large file's path (with --large)")
    parser.add_argument("--seed", type=int, default=2008)
    args = parser.parse_args(argv)
    if args.large is not None:
        if args.out is None:
            parser.error("--large N needs the output path, e.g. --large 100000 big.xlsx")
        return _main_large(args.large, args.out, args.seed)
    started = time.perf_counter()
    counts = build_workbook(SAMPLE_XLSX, seed=args.seed)
    try:
        convert_to_xls(SAMPLE_XLSX, SAMPLE_XLS)
    except (RuntimeError, subprocess.TimeoutExpired) as problem:
        print(f"wrote {SAMPLE_XLSX.name}, but not {SAMPLE_XLS.name}: {problem}", file=sys.stderr)
        return 1
    print(
        f"wrote {SAMPLE_XLSX.name} and {SAMPLE_XLS.name} in {time.perf_counter() - started:.1f} s"
    )
    print(", ".join(f"{sheet} {n}" for sheet, n in counts.items()))
    sizes = log_sizes(150, (None,) * 4, large=False)
    print("2008-05:", story(make_dataset(args.seed, 150, *sizes)))
    return 0


def _main_large(customers: int, out: Path, seed: int) -> int:
    started = time.perf_counter()
    counts = build_workbook(out, customers=customers, seed=seed, large=True)
    seconds = time.perf_counter() - started
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB) in {seconds:.1f} s")
    print(", ".join(f"{sheet} {n}" for sheet, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
