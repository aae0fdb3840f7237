"""The one declaration of the handbook's two forms: each field's key, label text and kind.

kactl finds a field by its label, never by a fixed cell: the value is the first cell right of
the label (after the label's merged range), or the cell under it where labels head a block
(the budget and cost rows, the items to bring). A label may also be looked for only beside a
row label (`within`), for the handbook's rows that repeat sub-labels such as 姓名 and 电话.

Keys are the sheet schema's (kactl.schema) wherever the form's log has that column, so a form
value lands in the log column of the same key; the other fields live on the form alone and
carry their own kind, so they are checked like any column. A field with `channel` has a
信息获得渠道 cell: where the information in that row came from.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from kactl import formnumber
from kactl.schema import SHEETS, Field, Kind, SheetSchema

CHANNEL_LABEL = "信息获得渠道"


class Place(StrEnum):
    """Where a field's value cell is, seen from its label."""

    RIGHT = "right"  # the first cell right of the label, after the label's merged range
    BELOW = "below"  # the cell under the label: the label heads a block of values


@dataclass(frozen=True)
class FormField:
    """One field of a form: how to find its value cell and how its value is read."""

    key: str
    labels: tuple[str, ...]  # any of them marks the field; the first is the template's
    field: Field
    within: str | None = None  # look for the label only right of this row label
    place: Place = Place.RIGHT
    channel: bool = False

    @property
    def label(self) -> str:
        return self.labels[0]


@dataclass(frozen=True)
class FormSpec:
    """One of the handbook's forms: its title, number kind and fields."""

    key: str  # the key of the log sheet it is gathered into
    title: str
    form: str  # formnumber.PREP or formnumber.RECORD
    fields: tuple[FormField, ...]

    @property
    def log(self) -> SheetSchema:
        return SHEETS[self.key]

    def field(self, key: str) -> FormField:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(f"{self.key} form has no field {key!r}")

    def has(self, key: str) -> bool:
        return any(f.key == key for f in self.fields)

    @property
    def log_keys(self) -> tuple[str, ...]:
        """Return the keys of the fields that have a column in the form's log."""
        columns = {f.key for f in self.log.fields}
        return tuple(f.key for f in self.fields if f.key in columns)


def _spec(log_key: str, title: str, form: str, fields: list[FormField]) -> FormSpec:
    """Return a FormSpec whose fields take the log's column definition where it has one."""
    log = SHEETS[log_key]
    columns = {f.key for f in log.fields}
    resolved = tuple(
        replace(f, field=log.field(f.key)) if f.key in columns else f for f in fields
    )
    return FormSpec(log_key, title, form, resolved)


def _f(key: str, *labels: str, kind: Kind | str = Kind.TEXT, within: str | None = None,
       below: bool = False, channel: bool = False) -> FormField:
    """Return a field; `kind` is a Kind, or a vocabulary's key for a dropdown field."""
    if isinstance(kind, Kind):
        field = Field(key, labels[0], kind)
    else:
        field = Field(key, labels[0], Kind.VOCAB, vocab=kind)
    place = Place.BELOW if below else Place.RIGHT
    return FormField(key, labels, field, within, place, channel)


_D, _M, _PH, _PE = Kind.DATE, Kind.MONEY, Kind.PHONE, Kind.PEOPLE

VISIT_PREP = _spec("visit_prep", "用户走访准备表", formnumber.PREP, [
    _f("visitors", "计划走访人员"),
    _f("date", "计划走访时间"),
    _f("customer", "用户名称", channel=True),
    _f("short_name", "大用户统称", channel=True),
    _f("address", "用户地址", channel=True),
    _f("website", "用户网站地址", channel=True),
    _f("nature", "用户性质", "用户机构性质", kind="nature", channel=True),
    _f("industry", "所处行业分类", "用户行业分类", "行业分类", kind="industry", channel=True),
    _f("industry_stage", "该行业在当地状况", kind="industry_stage", channel=True),
    _f("market_position", "用户在行业内地位", kind="market_position", channel=True),
    _f("output_value", "去年产值", "上一年产值", within="用户规模", channel=True),
    _f("headcount", "员工数量", "员工人数", within="用户规模"),
    _f("business_trend", "用户效益", kind="business_trend", channel=True),
    _f("staff_income", "用户员工收入", kind="staff_income", channel=True),
    _f("fleet", "用户用车概况", channel=True),
    _f("staff_cars", "员工购车概况", channel=True),
    _f("visit_aim", "走访方向"),
    _f("visit_target", "走访对象"),
    _f("appointment", "走访对象预约情况"),
    _f("contact_name", "姓名", within="走访对象信息", channel=True),
    _f("contact_phone", "联系电话", "电话", kind=_PH, within="走访对象信息"),
    _f("visit_mode", "走访方式"),
    _f("expected_effect", "走访预期效果"),
    _f("item_car", "走访车辆", within="走访物品准备", below=True),
    _f("item_models", "车模", within="走访物品准备", below=True),
    _f("item_accessories", "小精品", within="走访物品准备", below=True),
    _f("item_brochures", "宣传资料", within="走访物品准备", below=True),
    _f("item_other", "其他", within="走访物品准备", below=True),
    _f("fuel", "汽油费", kind=_M, below=True),
    _f("allowance", "走访补贴", kind=_M, below=True),
    _f("gifts", "礼品招待费", "礼品费", kind=_M, below=True),
    _f("materials", "资料费", kind=_M, below=True),
    _f("tolls", "路桥停车及其他", kind=_M, below=True),
    _f("total", "预算合计", kind=_M, below=True),
    _f("author", "制表人"),
    _f("authored", "制表日期"),
    _f("manager_review", "大用户经理审核"),
    _f("gm_review", "总经理审核"),
    _f("confirmed_date", "确认走访时间", kind=_D),
    _f("confirmed_visitors", "确认走访人员", kind=_PE),
    _f("confirmed_budget", "确认走访预算", kind=_M),
    _f("score", "走访准备表评分", "评分"),
    _f("number", "走访准备表编号", "走访表编号"),
])

VISIT_RECORD = _spec("visit_record", "用户走访记录表", formnumber.RECORD, [
    _f("visitors", "走访人员"),
    _f("date", "走访时间"),
    _f("customer", "用户名称", channel=True),
    _f("switchboard", "总机"),
    _f("short_name", "大用户统称", channel=True),
    _f("address", "用户地址", channel=True),
    _f("website", "用户网站地址", channel=True),
    _f("postcode", "邮编"),
    _f("nature", "用户机构性质", "用户性质", kind="nature", channel=True),
    _f("industry", "用户行业分类", "所处行业分类", "行业分类", kind="industry", channel=True),
    _f("business", "主要职能/主营业务", "主营业务", channel=True),
    _f("branches", "本区域内分支机构数量", channel=True),
    _f("headcount", "员工人数", "员工数量"),
    _f("output_value", "上一年产值", "去年产值", channel=True),
    _f("average_income", "员工平均收入"),
    _f("met1_name", "姓名", within="本次走访会谈人员1"),
    _f("met1_title", "职务", within="本次走访会谈人员1"),
    _f("met1_phone", "电话", "联系电话", kind=_PH, within="本次走访会谈人员1"),
    _f("met2_name", "姓名", within="本次走访会谈人员2"),
    _f("met2_title", "职务", within="本次走访会谈人员2"),
    _f("met2_phone", "电话", "联系电话", kind=_PH, within="本次走访会谈人员2"),
    _f("leader_cars", "配备情况及数量", within="公务用车概况(领导用车)"),
    _f("leader_models", "竞品车型及采购时间", within="公务用车概况(领导用车)"),
    _f("other_cars", "配备情况及数量", within="公务用车概况(其它公务用车)"),
    _f("other_models", "轿车车型及采购时间", within="公务用车概况(其它公务用车)"),
    _f("staff_share", "员工购车比例及主要用途"),
    _f("staff_prices", "员工购车主要价位及4个主要车型"),
    _f("staff_homes", "员工居住分布情况"),
    _f("staff_fawvw", "购买一汽-大众车情况"),
    _f("brand_awareness", "大众品牌各车型在该用户处的知名度、品牌形象情况"),
    _f("owner_satisfaction", "已购大众品牌车用户对车辆使用及售后服务满意度情况"),
    _f("intent_official", "公务用车", within="用户潜在购车意向及购车决策方式"),
    _f("intent_staff", "员工购车", within="用户潜在购车意向及购车决策方式"),
    _f("follow_up", "回访时间安排", "回访时间", within="后续跟踪设想方案"),
    _f("follow_up_mode", "回访方式", within="后续跟踪设想方案"),
    _f("improve_prep", "走访准备", within="本次走访发现的需总结改进的方面"),
    _f("improve_meeting", "走访会谈", within="本次走访发现的需总结改进的方面"),
    _f("fuel", "汽油费", kind=_M, below=True),
    _f("allowance", "走访补贴", kind=_M, below=True),
    _f("gifts", "礼品费", "礼品招待费", kind=_M, below=True),
    _f("materials", "资料费", kind=_M, below=True),
    _f("tolls", "路桥停车及其他", kind=_M, below=True),
    _f("total", "费用合计", "实际费用合计", kind=_M, below=True),
    _f("author", "制表人"),
    _f("authored", "制表日期"),
    _f("approved_budget", "预算审批费用"),
    _f("score", "走访记录表评分", "评分"),
    _f("prep_number", "走访准备表编号"),
    _f("number", "走访记录表编号"),
])

FORMS: dict[str, FormSpec] = {spec.key: spec for spec in (VISIT_PREP, VISIT_RECORD)}

# Row labels that head a group of fields but hold no value themselves; the template draws them.
GROUP_LABELS = {
    "visit_prep": ("项目名称", "走访前信息准备内容", "用户规模", "走访对象信息", "走访物品准备",
                   "走访预算"),
    "visit_record": ("走访项目", "走访记录", "本次走访会谈人员1", "本次走访会谈人员2",
                     "公务用车概况(领导用车)", "公务用车概况(其它公务用车)", "员工购车概况",
                     "用户潜在购车意向及购车决策方式", "后续跟踪设想方案",
                     "本次走访发现的需总结改进的方面", "实际走访费用"),
}
