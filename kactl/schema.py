"""The one declaration of the handbook's vocabularies and of the workbook's sheet schemas.

Every other module (rules, forms, KPIs, templates, `kactl init`) reads them from here, so adding
a vocabulary value, an alias or a column is a change to this file alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

# --- vocabularies (SPEC §2; the handbook's words, in the handbook's order) -----------------


@dataclass(frozen=True)
class Vocabulary:
    """A closed list of canonical values, with accepted aliases and known-ambiguous words."""

    key: str
    label: str
    values: tuple[str, ...]
    aliases: dict[str, str] = field(default_factory=dict)
    ambiguous: frozenset[str] = frozenset()


INDUSTRIES = (
    "政府", "军警", "电力", "租赁", "交通", "驾校", "金融", "保险",
    "制造", "建筑", "能源", "物流", "通信", "IT", "文教卫生",
)  # fmt: skip

_GRADE_ALIASES = {
    f"{g}{suffix}": f"{g}级客户"
    for g in ("A", "B", "C", "D", "0")
    for suffix in ("", "级", "类", "级客户", "类客户", "客户")
}
# The letter O is often typed for the digit 0.
_GRADE_ALIASES |= {"O级客户": "0级客户", "O级": "0级客户", "O": "0级客户"}

VOCABULARIES: dict[str, Vocabulary] = {
    v.key: v
    for v in (
        Vocabulary(
            "nature",
            "用户性质",
            ("政府", "军警", "央企", "国企集团", "地方国企", "私企集团", "地方私企"),
            aliases={"中央企业": "央企", "国有企业集团": "国企集团", "民企集团": "私企集团"},
            # 国企 could be 国企集团 or 地方国企: report it, never guess.
            ambiguous=frozenset({"国企", "私企", "企业"}),
        ),
        Vocabulary(
            "industry",
            "行业分类",
            INDUSTRIES,
            aliases={
                "公安": "军警",
                "部队": "军警",
                "银行": "金融",
                "电信": "通信",
                "移动通信": "通信",
                "学校": "文教卫生",
                "医院": "文教卫生",
                "教育": "文教卫生",
                "汽车租赁": "租赁",
                "运输": "交通",
            },
        ),
        Vocabulary("industry_stage", "该行业在当地状况", ("新生型", "成长型", "成熟型", "衰退型")),
        Vocabulary("market_position", "用户在行业内地位", ("垄断", "领先", "中游", "落后")),
        Vocabulary(
            "business_trend",
            "用户效益",
            ("迅速增长", "持续增长", "保持稳定", "偶然下降", "持续下降"),
        ),
        Vocabulary(
            "staff_income", "用户员工收入", ("远高于当地", "高于当地", "相当于平均", "低于平均")
        ),
        Vocabulary("visit_aim", "走访方向", ("公务购车", "车改购车", "员工购车")),
        Vocabulary("visit_target", "走访对象", ("决策人", "领导", "关系人", "老客户")),
        Vocabulary("appointment", "走访对象预约情况", ("预约确认", "预约未确认", "未预约")),
        Vocabulary(
            "visit_mode",
            "走访方式",
            ("单独会谈", "公众会谈", "午餐会谈", "礼节性拜访", "生日拜访", "赠送礼物"),
        ),
        Vocabulary(
            "form_score",
            "评分",
            ("好", "中", "差"),
            aliases={"良": "中", "优": "好", "合格": "中", "不合格": "差"},
        ),
        Vocabulary(
            "grade",
            "大客户级别",
            ("0级客户", "A级客户", "B级客户", "C级客户", "D级客户"),
            aliases=_GRADE_ALIASES,
        ),
        Vocabulary(
            "purpose", "购车用途", ("员工购车项目", "领导用车", "公务用车", "企业车改", "员工团购")
        ),
        Vocabulary(
            "lead_channel",
            "信息获取渠道",
            ("展厅获取", "名录获取", "介绍获取", "活动获取", "协作获取", "随机获取"),
            aliases={
                "展厅": "展厅获取",
                "名录": "名录获取",
                "介绍": "介绍获取",
                "活动": "活动获取",
                "协作": "协作获取",
                "随机": "随机获取",
            },
        ),
        Vocabulary(
            "role",
            "角色",
            ("总经理", "大用户经理", "大用户销售顾问"),
            aliases={"销售顾问": "大用户销售顾问", "顾问": "大用户销售顾问", "经理": "大用户经理"},
        ),
        Vocabulary(
            "group",
            "小组",
            ("行业用户组", "社会用户组"),
            aliases={
                "行业用户": "行业用户组",
                "社会用户": "社会用户组",
                "行业组": "行业用户组",
                "社会组": "社会用户组",
            },
        ),
        Vocabulary(
            "customer_group",
            "用户类别",
            ("行业用户", "社会用户"),
            aliases={"行业用户组": "行业用户", "社会用户组": "社会用户"},
        ),
        Vocabulary(
            "target_scope",
            "范围",
            ("全店", "小组", "工作小组", "顾问", "二级网点"),
            aliases={
                "经销商": "全店",
                "本店": "全店",
                "销售顾问": "顾问",
                "大用户销售顾问": "顾问",
                "网点": "二级网点",
            },
        ),
    )
}

# The 2008 model range; a dealership adds its own in kactl.toml (`models`).
MODELS: tuple[str, ...] = ("捷达", "宝来", "速腾", "迈腾")

# Which 用户类别 a customer belongs to when no column says: the handbook's 行业用户 are
# government procurement, police, driving schools, rental and transport.
TRADE_INDUSTRIES = frozenset({"政府", "军警", "驾校", "租赁", "交通"})


def industry_code(industry: str) -> str:
    """Return the two-digit 行业编号 of a canonical industry: 政府 = 01 … 文教卫生 = 15."""
    return f"{INDUSTRIES.index(industry) + 1:02d}"


def customer_group(industry: str) -> str:
    """Return 行业用户 or 社会用户 for a canonical industry."""
    return "行业用户" if industry in TRADE_INDUSTRIES else "社会用户"


# --- sheet schemas (SPEC §4) -------------------------------------------------------------


class Kind(StrEnum):
    """How a column's cells are read and checked."""

    TEXT = "text"
    NAME = "name"  # a customer name: matched across sheets after normalisation
    DATE = "date"
    MONTH_DATE = "month_date"  # a date, or a month alone (its first day)
    COUNT = "count"  # a whole number >= 0
    QUANTITY = "quantity"  # a whole number >= 1
    MONEY = "money"  # a number >= 0, yuan
    SCORE100 = "score100"  # 0..100
    WEIGHT = "weight"  # a number >= 0
    PHONE = "phone"
    PERSON = "person"  # one name of 人员
    PEOPLE = "people"  # one or two names of 人员
    VOCAB = "vocab"
    PREP_NUMBER = "prep_number"
    RECORD_NUMBER = "record_number"


@dataclass(frozen=True)
class Field:
    """One column of a sheet: its key, canonical header, aliases and how it is read."""

    key: str
    header: str
    kind: Kind = Kind.TEXT
    required: bool = False
    vocab: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.header, *self.aliases)


def _f(
    key: str,
    header: str,
    kind: Kind = Kind.TEXT,
    *aliases: str,
    required: bool = False,
    vocab: str | None = None,
) -> Field:
    if vocab is not None:
        kind = Kind.VOCAB
    return Field(key, header, kind, required, vocab, aliases)


@dataclass(frozen=True)
class SheetSchema:
    """One kind of sheet: its canonical title and columns."""

    key: str
    title: str
    title_en: str
    fields: tuple[Field, ...]
    # The header above one column per model (the archive's two-row 需求车型 header).
    model_group: str | None = None

    def field(self, key: str) -> Field:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(f"{self.key} has no field {key!r}")

    @property
    def required(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.required)


_BUDGET = (
    _f("fuel", "汽油费", Kind.MONEY),
    _f("allowance", "走访补贴", Kind.MONEY),
    _f("gifts", "礼品招待费", Kind.MONEY, "礼品费"),
    _f("materials", "资料费", Kind.MONEY),
    _f("tolls", "路桥停车及其他", Kind.MONEY, "路桥停车费及其他", "路桥停车"),
)
BUDGET_ITEMS = tuple(f.key for f in _BUDGET)

ARCHIVE = SheetSchema(
    "archive",
    "大客户档案表",
    "customer archive",
    (
        _f("grade", "大客户级别", Kind.VOCAB, "客户级别", "级别", required=True, vocab="grade"),
        _f("customer", "大客户名称", Kind.NAME, "客户名称", "用户名称", "单位名称", required=True),
        _f("short_name", "大用户统称", Kind.TEXT, "大客户统称", "统称", "简称", "客户简称"),
        _f(
            "industry",
            "大客户采购行业分类",
            Kind.VOCAB,
            "所处行业分类",
            "用户行业分类",
            "行业分类",
            "行业",
            required=True,
            vocab="industry",
        ),
        _f("nature", "用户性质", Kind.VOCAB, "用户机构性质", "单位性质", vocab="nature"),
        _f("customer_group", "用户类别", Kind.VOCAB, vocab="customer_group"),
        _f("record_number", "走访记录表编号", Kind.RECORD_NUMBER),
        _f("contact", "已建立关系联系人", Kind.TEXT, "联系人"),
        _f("title", "职务", Kind.TEXT),
        _f("phone", "联系电话", Kind.PHONE, "电话", "手机"),
        _f("demand_total", "需求数量合计", Kind.COUNT, "需求合计", "需求数量"),
        _f("purpose", "购车用途", Kind.VOCAB, vocab="purpose"),
        _f("expected_date", "预计购车日期", Kind.MONTH_DATE, "预计购车时间"),
        _f("competitor", "主要竞争品牌", Kind.TEXT, "竞争品牌"),
        _f("key_point", "目前成交关键点", Kind.TEXT, "成交关键点"),
        _f("owner", "负责销售顾问", Kind.PERSON, "销售顾问", "负责人", "负责顾问"),
        _f(
            "lead_channel",
            "信息获取渠道",
            Kind.VOCAB,
            "信息获得渠道",
            "客户来源",
            vocab="lead_channel",
        ),
        _f("created", "建档日期", Kind.DATE, "建档时间"),
    ),
    model_group="需求车型",
)

VISIT_PREP = SheetSchema(
    "visit_prep",
    "走访准备表",
    "visit preparations",
    (
        _f("number", "走访准备表编号", Kind.PREP_NUMBER, required=True),
        _f("customer", "用户名称", Kind.NAME, "大客户名称", "客户名称", required=True),
        _f("date", "计划走访时间", Kind.DATE, "计划走访日期", required=True),
        _f("visitors", "计划走访人员", Kind.PEOPLE, required=True),
        _f("visit_aim", "走访方向", vocab="visit_aim"),
        _f("visit_target", "走访对象", vocab="visit_target"),
        _f("appointment", "走访对象预约情况", vocab="appointment"),
        _f("visit_mode", "走访方式", vocab="visit_mode"),
        *_BUDGET,
        _f("total", "预算合计", Kind.MONEY),
        _f("author", "制表人", Kind.PERSON),
        _f("authored", "制表日期", Kind.DATE),
        _f("manager_review", "大用户经理审核", Kind.TEXT),
        _f("gm_review", "总经理审核", Kind.TEXT),
        _f("score", "走访准备表评分", Kind.VOCAB, "评分", vocab="form_score"),
    ),
)

VISIT_RECORD = SheetSchema(
    "visit_record",
    "走访记录表",
    "visit records",
    (
        _f("number", "走访记录表编号", Kind.RECORD_NUMBER, required=True),
        _f("prep_number", "走访准备表编号", Kind.PREP_NUMBER),
        _f("customer", "用户名称", Kind.NAME, "大客户名称", "客户名称", required=True),
        _f("date", "走访时间", Kind.DATE, "走访日期", required=True),
        _f("visitors", "走访人员", Kind.PEOPLE, required=True),
        _f("nature", "用户机构性质", Kind.VOCAB, "用户性质", vocab="nature"),
        _f("industry", "用户行业分类", Kind.VOCAB, "所处行业分类", "行业分类", vocab="industry"),
        _f("intent_official", "公务用车购车意向", Kind.TEXT),
        _f("intent_staff", "员工购车意向", Kind.TEXT),
        _f("follow_up", "回访时间", Kind.DATE, "回访时间安排"),
        _f("follow_up_mode", "回访方式", Kind.TEXT),
        *_BUDGET,
        _f("total", "费用合计", Kind.MONEY, "实际费用合计"),
        _f("approved_budget", "预算审批费用", Kind.MONEY),
        _f("author", "制表人", Kind.PERSON),
        _f("authored", "制表日期", Kind.DATE),
        _f("score", "走访记录表评分", Kind.VOCAB, "评分", vocab="form_score"),
    ),
)

DELIVERIES = SheetSchema(
    "deliveries",
    "成交记录",
    "deliveries",
    (
        _f("date", "成交日期", Kind.DATE, "成交时间", "交车日期", required=True),
        _f("customer", "用户名称", Kind.NAME, "大客户名称", "客户名称", required=True),
        _f("model", "车型", Kind.TEXT, required=True),
        _f("quantity", "数量", Kind.QUANTITY, "台数", "成交数量", required=True),
        _f("consultant", "销售顾问", Kind.PERSON, "负责销售顾问"),
        _f("purpose", "购车用途", vocab="purpose"),
        _f("outlet", "二级网点", Kind.TEXT),
    ),
)

SERVICE = SheetSchema(
    "service",
    "售后进场",
    "service entries",
    (
        _f("date", "进场日期", Kind.DATE, "进场时间", required=True),
        _f("customer", "用户名称", Kind.NAME, "大客户名称", "客户名称", required=True),
        _f("plate", "车牌号", Kind.TEXT, "车牌"),
        _f("revenue", "产值", Kind.MONEY, "维修产值"),
    ),
)

SATISFACTION = SheetSchema(
    "satisfaction",
    "满意度",
    "satisfaction",
    (
        _f("date", "调查日期", Kind.DATE, "调查时间", required=True),
        _f("customer", "用户名称", Kind.NAME, "大客户名称", "客户名称", required=True),
        _f("score", "满意度得分", Kind.SCORE100, "满意度", "得分", required=True),
    ),
)

STAFF = SheetSchema(
    "staff",
    "人员",
    "staff",
    (
        _f("name", "姓名", Kind.TEXT, required=True),
        _f("role", "角色", Kind.VOCAB, "岗位", "职位", required=True, vocab="role"),
        _f("group", "小组", Kind.VOCAB, "所属小组", vocab="group"),
        _f("pair", "工作小组", Kind.TEXT),
    ),
)

MONTH_HEADERS = tuple(f"{m}月" for m in range(1, 13))

TARGETS = SheetSchema(
    "targets",
    "指标",
    "targets",
    (
        _f("year", "年度", Kind.COUNT, "年份", required=True),
        _f("kpi", "指标", Kind.TEXT, "指标名称", "KPI", required=True),
        _f("scope", "范围", Kind.VOCAB, required=True, vocab="target_scope"),
        _f("subject", "对象", Kind.TEXT),
        _f("annual", "年度目标", Kind.WEIGHT, "全年目标", required=True),
        *(_f(f"m{i + 1:02d}", h, Kind.WEIGHT) for i, h in enumerate(MONTH_HEADERS)),
        _f("weight", "权重", Kind.WEIGHT),
    ),
)

SHEETS: dict[str, SheetSchema] = {
    s.key: s
    for s in (ARCHIVE, VISIT_PREP, VISIT_RECORD, DELIVERIES, SERVICE, SATISFACTION, STAFF, TARGETS)
}


# --- KPIs (SPEC §5) ----------------------------------------------------------------------


@dataclass(frozen=True)
class KpiInfo:
    code: str
    name: str
    name_en: str
    rate: bool = False  # rates are averaged, never summed
    lower_is_better: bool = False


KPIS: dict[str, KpiInfo] = {
    k.code: k
    for k in (
        KpiInfo("new_volume", "新增大用户销量", "new key-account volume"),
        KpiInfo("new_accounts", "新增大用户单位数", "new key accounts"),
        KpiInfo("accounts_visited", "走访大用户单位数", "accounts visited"),
        KpiInfo("visits", "走访次数", "visits"),
        KpiInfo("churn_rate", "大用户客户流失率", "churn rate", rate=True, lower_is_better=True),
        KpiInfo("satisfaction", "大用户客户满意度", "satisfaction", rate=True),
        KpiInfo("service_entries", "大用户维修进场台次", "service entries"),
        KpiInfo("service_revenue", "产值", "service revenue"),
        KpiInfo("projects", "大用户工作项目", "key-account projects"),
        KpiInfo("prep_quality", "走访准备合格率", "preparation quality", rate=True),
        KpiInfo("record_timeliness", "走访报告及时率", "report timeliness", rate=True),
        KpiInfo(
            "budget_variance", "走访费用偏差", "budget variance", rate=True, lower_is_better=True
        ),
        KpiInfo("pipeline", "需求台数", "pipeline (vehicles)"),
    )
}

ROLES = VOCABULARIES["role"].values
CONSULTANT_ROLE = "大用户销售顾问"
