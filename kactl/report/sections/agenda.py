"""The weekly meeting's agenda: the week's visits and deliveries against the month's pace, the
visits planned for the coming week with their approval state, and the follow-ups falling due."""

from __future__ import annotations

import datetime as dt

from kactl import lang
from kactl.report.logs import day_of, people_text, records
from kactl.report.model import Cell, Column, Fmt, Section, Table, Value
from kactl.report.sections.followups import (
    archive_lookup,
    follow_up_table,
    follow_ups,
    grade_owner,
)
from kactl.report.source import Source, dealer, kpi_name, kpi_value

# The counts a week moves; rates and the pipeline are read on the monthly report.
PACED = ("visits", "accounts_visited", "new_volume", "new_accounts", "projects")


def build(src: Source) -> Section:
    start = src.period.end + dt.timedelta(days=1)
    end = start + dt.timedelta(days=6)
    section = Section(
        "agenda", lang.pick("周例会议程", "Weekly meeting"), lang.pick("周例会", "Weekly"),
        lang.pick(f"本周 {src.period.start} – {src.period.end}；下周 {start} – {end}",
                  f"This week {src.period.start} – {src.period.end}; next week {start} – {end}"),
    )
    section.blocks += [
        pace_table(src),
        week_visits(src),
        week_deliveries(src),
        planned_visits(src, start, end),
        follow_up_table(src, follow_ups(src, start, end, as_of=src.period.end),
                        lang.pick("下周到期的回访", "Follow-ups due next week"),
                        lang.pick("下周没有到期的回访", "No follow-up falls due next week")),
    ]
    return section


def pace_table(src: Source) -> Table:
    """Return the week's figures, and the month so far against its target pro rata."""
    week, so_far = dealer(src.card), dealer(src.pace or src.card)
    month = dealer(src.months[-1][1]) if src.months else so_far
    rows: list[list[Value | Cell]] = []
    for code in PACED:
        done, due = kpi_value(so_far, code), kpi_value(so_far, code, "target")
        rows.append([kpi_name(code), kpi_value(week, code), kpi_value(week, code, "target"),
                     done, due, kpi_value(so_far, code, "attainment"),
                     kpi_value(month, code, "target")])
    columns = [Column(lang.pick("指标", "KPI")), Column(lang.pick("本周", "This week"), Fmt.NUMBER),
               Column(lang.pick("本周目标", "Week target"), Fmt.NUMBER),
               Column(lang.pick("本月累计", "Month so far"), Fmt.NUMBER),
               Column(lang.pick("按进度应达", "Pace target"), Fmt.NUMBER),
               Column(lang.pick("进度达成率", "Against pace"), Fmt.PERCENT),
               Column(lang.pick("本月目标", "Month target"), Fmt.NUMBER)]
    return Table(lang.pick("本周与本月进度", "This week and the month's pace"), columns, rows,
                 note=lang.pick("按进度应达 = 本月目标 × 本月已过天数 ÷ 本月天数。",
                                "Pace target = the month's target × days gone ÷ days in month."))


def week_visits(src: Source) -> Table:
    visits = src.logs.visits
    chosen = visits[visits["day"].map(src.in_period)] if visits is not None else None
    rows: list[list[Value | Cell]] = []
    if chosen is not None:
        rows = [[day_of(v["day"]), src.logs.name(v["customer"]), people_text(v["people"]),
                 day_of(v["follow_up"]), v["mode"], v["number"]]
                for v in records(chosen.sort_values(["day", "customer"], kind="stable"))]
    columns = [Column(lang.pick("走访时间", "Visited"), Fmt.DATE),
               Column(lang.pick("客户", "Customer")), Column(lang.pick("走访人员", "Visitors")),
               Column(lang.pick("回访时间", "Follow-up"), Fmt.DATE),
               Column(lang.pick("回访方式", "How")),
               Column(lang.pick("走访记录表编号", "Record number"))]
    return Table(lang.pick("本周走访", "Visits this week"), columns, rows,
                 empty=lang.pick("本周没有走访记录", "No visit was recorded this week"))


def week_deliveries(src: Source) -> Table:
    sold = src.logs.deliveries
    chosen = sold[sold["day"].map(src.in_period)] if sold is not None else None
    rows: list[list[Value | Cell]] = []
    if chosen is not None:
        rows = [[day_of(d["day"]), src.logs.name(d["customer"]), d["model"], d["quantity"],
                 d["consultant"], d["outlet"]]
                for d in records(chosen.sort_values(["day", "customer"], kind="stable"))]
    columns = [Column(lang.pick("成交日期", "Date"), Fmt.DATE),
               Column(lang.pick("客户", "Customer")), Column(lang.pick("车型", "Model")),
               Column(lang.pick("数量", "Quantity"), Fmt.INT),
               Column(lang.pick("销售顾问", "Consultant")),
               Column(lang.pick("二级网点", "Outlet"))]
    return Table(lang.pick("本周成交", "Deliveries this week"), columns, rows,
                 empty=lang.pick("本周没有成交", "Nothing was delivered this week"))


def planned_visits(src: Source, start: dt.date, end: dt.date) -> Table:
    """Return the preparation forms whose 计划走访时间 falls in the coming week."""
    preps = src.logs.preps
    lookup = archive_lookup(src)
    rows: list[list[Value | Cell]] = []
    if preps is not None:
        day = preps["day"]
        chosen = preps[(day >= start.toordinal()) & (day <= end.toordinal())]
        for p in records(chosen.sort_values(["day", "customer"], kind="stable")):
            grade, _ = grade_owner(lookup, p["customer"])
            rows.append([day_of(p["day"]), src.logs.name(p["customer"]), grade,
                         people_text(p["people"]), p["budget"], _review(p["manager_review"]),
                         _review(p["gm_review"]), p["number"]])
    columns = [Column(lang.pick("计划走访时间", "Planned"), Fmt.DATE),
               Column(lang.pick("客户", "Customer")), Column(lang.pick("级别", "Grade")),
               Column(lang.pick("计划走访人员", "Visitors")),
               Column(lang.pick("预算合计", "Budget"), Fmt.MONEY),
               Column(lang.pick("大用户经理审核", "Manager review")),
               Column(lang.pick("总经理审核", "GM review")),
               Column(lang.pick("走访准备表编号", "Form number"))]
    return Table(lang.pick("下周计划走访", "Visits planned for next week"), columns, rows,
                 empty=lang.pick("下周没有计划走访（没有计划走访时间在下周的准备表）",
                                 "No visit is planned for next week (no preparation form)"))


def _review(text: str) -> str:
    """Return a review cell as the agenda shows it: who approved, or that it is still due."""
    return text or lang.pick("待审核", "pending")
