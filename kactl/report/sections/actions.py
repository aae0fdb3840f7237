"""What to do next: follow-ups overdue, customers not visited for 30, 60 and 90 days, customers
who churned in the period, and new projects against the handbook's two a month.

Every list is drawn up as of the period's last day, so a re-run gives the same report.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kactl import lang
from kactl.kpi.customers import churn_windows
from kactl.report.logs import day_of, records
from kactl.report.model import Cell, Chart, Column, Figure, Fmt, Section, Series, Table, Value
from kactl.report.sections.followups import (
    archive_lookup,
    follow_up_table,
    follow_ups,
    grade_owner,
)
from kactl.report.sections.neglect import unvisited_blocks
from kactl.report.source import Source, dealer, kpi_value, month_word, within

# The handbook asks the key-account manager for two key-account projects every month.
PROJECTS_PER_MONTH = 2
LISTED_DAYS = 90  # overdue follow-ups listed by name


def build(src: Source) -> Section:
    section = Section(
        "actions", lang.pick("下一步工作", "What to do next"), lang.pick("待办", "Actions"),
        lang.pick(f"截至 {src.as_of}：逾期回访、久未走访的客户、本期流失的客户、新项目",
                  f"As of {src.as_of}: overdue follow-ups, customers not visited for long, "
                  "customers lost in the period, new projects"),
    )
    overdue, older = overdue_table(src)
    churned, base = churn_list(src)
    section.figures = [
        Figure(lang.pick("逾期回访", "Overdue follow-ups"), len(overdue.rows),
               detail=lang.pick(f"近 {LISTED_DAYS} 天到期；更早的 {older} 个",
                                f"due in the last {LISTED_DAYS} days; {older} older")),
        Figure(lang.pick("本期流失客户", "Customers lost"), len(churned),
               detail=lang.pick(f"基数 {base} 家", f"of a base of {base}")),
        Figure(lang.pick("本期新项目", "New projects"), kpi_value(dealer(src.card), "projects"),
               detail=lang.pick(f"手册要求每月 {PROJECTS_PER_MONTH} 个",
                                f"the handbook asks {PROJECTS_PER_MONTH} a month")),
    ]
    section.blocks += [overdue, *unvisited_blocks(src), churn_table(src, churned),
                       projects_table(src), _projects_chart(src), project_list(src)]
    return section


def overdue_table(src: Source) -> tuple[Table, int]:
    """Return the follow-ups due in the last 90 days with no visit since, newest first, and how
    many more are older.

    Older ones are no longer reminders: those customers show among the ones not visited for
    90 days, so the list keeps to what can still be caught up.
    """
    recent = src.as_of - dt.timedelta(days=LISTED_DAYS - 1)
    overdue = follow_ups(src, recent, src.as_of)
    older = len(follow_ups(src, None, recent - dt.timedelta(days=1), as_of=src.as_of))
    table = follow_up_table(
        src, overdue.iloc[::-1],
        lang.pick(f"逾期未回访（近 {LISTED_DAYS} 天到期）",
                  f"Follow-ups overdue with no visit since (due in the last {LISTED_DAYS} days)"),
        lang.pick("没有逾期的回访", "No follow-up is overdue"), as_of=src.as_of)
    table.note = lang.pick(
        f"最近到期的在前。另有 {older} 个回访逾期超过 {LISTED_DAYS} 天，见久未走访的客户。",
        f"Most recently due first. {older} more are overdue by over {LISTED_DAYS} days; "
        "see the customers not visited lately.")
    return table, older


# --- churn ---------------------------------------------------------------------------------


def _activity(src: Source) -> pd.DataFrame:
    """Return every delivery and service entry as (day, customer, what)."""
    parts = []
    for frame, what in ((src.frames.deliveries, lang.pick("成交", "delivery")),
                        (src.frames.service, lang.pick("进场", "service"))):
        if frame is not None:
            parts.append(frame[["day", "customer"]].assign(what=what))
    if not parts:
        return pd.DataFrame(columns=["day", "customer", "what"])
    return pd.concat(parts, ignore_index=True)


def churn_list(src: Source) -> tuple[pd.DataFrame, int]:
    """Return the customers churned in the period (the churn KPI's numerator), and its base.

    The windows are the KPI library's: active in the 12 months before the period, and not in
    the 12 months ending with it.
    """
    activity = _activity(src)
    base_window, recent_window = churn_windows(src.period)
    base = within(activity, base_window)
    recent = set(within(activity, recent_window)["customer"])
    lost = base[~base["customer"].isin(recent)]
    last = lost.sort_values("day", kind="stable").drop_duplicates("customer", keep="last")
    return last.sort_values(["day", "customer"], kind="stable"), base["customer"].nunique()


def churn_table(src: Source, churned: pd.DataFrame) -> Table:
    lookup = archive_lookup(src)
    rows: list[list[Value | Cell]] = [
        [src.logs.name(r["customer"]), *grade_owner(lookup, r["customer"]), day_of(r["day"]),
         r["what"]]
        for r in records(churned)
    ]
    columns = [Column(lang.pick("客户", "Customer")), Column(lang.pick("级别", "Grade")),
               Column(lang.pick("负责顾问", "Owner")),
               Column(lang.pick("最后一次成交或进场", "Last delivery or service"), Fmt.DATE),
               Column(lang.pick("类型", "Kind"))]
    return Table(lang.pick("本期流失的客户", "Customers lost in the period"), columns, rows,
                 note=lang.pick("流失：前 12 个月有成交或进场，截至本期末的 12 个月内都没有。",
                                "Lost: bought or came in for service in the 12 months before "
                                "the period, and not in the 12 months up to its end."),
                 empty=lang.pick("本期没有流失的客户", "No customer was lost in the period"))


# --- projects ------------------------------------------------------------------------------


def projects_table(src: Source) -> Table:
    """Return each month's new projects (the projects KPI) against the two asked for."""
    rows: list[list[Value | Cell]] = []
    for period, card in src.months:
        count = kpi_value(dealer(card), "projects")
        gap = None if count is None else count - PROJECTS_PER_MONTH
        rows.append([period.label, count, PROJECTS_PER_MONTH, gap])
    columns = [Column(lang.pick("月份", "Month")), Column(lang.pick("新项目", "Projects"), Fmt.INT),
               Column(lang.pick("手册要求", "Asked"), Fmt.INT),
               Column(lang.pick("差额", "Difference"), Fmt.INT)]
    return Table(lang.pick("每月新项目与手册要求", "New projects a month against the two asked"),
                 columns, rows, note=lang.pick(
                     "新项目：建档日期在该月、需求数量合计大于 0 的档案行。",
                     "A project: an archive row opened in the month with some demand."))


def _projects_chart(src: Source) -> Chart:
    values = [kpi_value(dealer(card), "projects") for _, card in src.months]
    return Chart("bar", lang.pick("每月新项目", "New projects a month"),
                 [month_word(p) for p, _ in src.months],
                 [Series(lang.pick("新项目", "projects"), values)], Fmt.INT,
                 reference=float(PROJECTS_PER_MONTH))


def project_list(src: Source) -> Table:
    """Return the projects opened in the period, one archive row each."""
    archive = src.logs.archive
    rows: list[list[Value | Cell]] = []
    if archive is not None:
        opened = within(archive, src.period, "created")
        opened = opened[opened["demand"] > 0].sort_values(["created", "customer"], kind="stable")
        rows = [[day_of(r["created"]), src.logs.name(r["customer"]), r["grade"], r["owner"],
                 r["demand"], day_of(r["expected"]), r["channel"]]
                for r in records(opened)]
    columns = [Column(lang.pick("建档日期", "Opened"), Fmt.DATE),
               Column(lang.pick("客户", "Customer")), Column(lang.pick("级别", "Grade")),
               Column(lang.pick("负责顾问", "Owner")),
               Column(lang.pick("需求台数", "Demand"), Fmt.INT),
               Column(lang.pick("预计购车日期", "Expected"), Fmt.DATE),
               Column(lang.pick("信息获取渠道", "Channel"))]
    return Table(lang.pick("本期新项目", "Projects opened in the period"), columns, rows,
                 empty=lang.pick("本期没有新项目", "No project was opened in the period"))
