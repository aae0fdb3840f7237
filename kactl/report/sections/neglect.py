"""Customers not visited for a while: counts by grade for 30, 60 and 90 days, and the list of the
grades closest to buying, where a missed visit costs a deal soonest."""

from __future__ import annotations

import pandas as pd

from kactl import lang
from kactl.report.logs import day_of, records
from kactl.report.model import Block, Cell, Column, Fmt, Table, Value
from kactl.report.source import Source
from kactl.schema import VOCABULARIES

THRESHOLDS = (30, 60, 90)
GRADES = VOCABULARIES["grade"].values
# A and B customers expect to buy within three months: their silence is listed by name.
LISTED_GRADES = ("A级客户", "B级客户")


def quiet_days(src: Source) -> pd.DataFrame:
    """Return the archive's customers (opened by the period's end) with their last visit and
    how many days have passed since it; days is None for a customer never visited."""
    archive = src.logs.archive
    if archive is None:
        return pd.DataFrame(columns=["customer", "grade", "owner", "last", "days", "expected"])
    as_of = src.as_of.toordinal()
    customers = archive[archive["created"] <= as_of]  # a blank 建档日期 (-1) counts as opened
    visits = src.logs.visits
    last = pd.Series(dtype="int64")
    if visits is not None:
        last = visits[visits["day"] <= as_of].groupby("customer")["day"].max()
    seen = customers["customer"].map(last)
    return customers.assign(last=seen, days=as_of - seen)


def unvisited_blocks(src: Source) -> list[Block]:
    quiet = quiet_days(src)
    return [_by_grade(quiet), _listed(src, quiet)]


def _by_grade(quiet: pd.DataFrame) -> Table:
    rows: list[list[Value | Cell]] = []
    grades = quiet["grade"].where(quiet["grade"].isin(GRADES), "")
    for grade in (*GRADES, ""):
        mine = quiet[grades == grade]
        if grade == "" and mine.empty:
            continue
        days = mine["days"]
        rows.append([grade or lang.pick("未填或不明", "blank or unknown"), len(mine),
                     *(int((days >= t).sum()) for t in THRESHOLDS), int(days.isna().sum())])
    rows.append([lang.pick("合计", "Total"), len(quiet),
                 *(int((quiet["days"] >= t).sum()) for t in THRESHOLDS),
                 int(quiet["days"].isna().sum())])
    columns = [Column(lang.pick("级别", "Grade")),
               Column(lang.pick("客户数", "Customers"), Fmt.INT),
               *(Column(lang.pick(f"{t} 天以上未走访", f"not visited {t}+ days"), Fmt.INT)
                 for t in THRESHOLDS),
               Column(lang.pick("从未走访", "never visited"), Fmt.INT)]
    return Table(lang.pick("久未走访的客户（按级别）", "Customers not visited lately, by grade"),
                 columns, rows, total=True)


def _listed(src: Source, quiet: pd.DataFrame) -> Table:
    chosen = quiet[quiet["grade"].isin(LISTED_GRADES)
                   & (quiet["days"].isna() | (quiet["days"] >= THRESHOLDS[0]))]
    order = chosen.assign(rank=chosen["grade"].map(LISTED_GRADES.index),
                          never=chosen["days"].isna())
    order = order.sort_values(["rank", "never", "days", "customer"],
                              ascending=[True, False, False, True], kind="stable")
    never = lang.pick("从未走访", "never")
    rows: list[list[Value | Cell]] = [
        [r["grade"], src.logs.name(r["customer"]), r["owner"], day_of(r["last"]) or never,
         r["days"], r["demand"], day_of(r["expected"])]
        for r in records(order)
    ]
    columns = [Column(lang.pick("级别", "Grade")), Column(lang.pick("客户", "Customer")),
               Column(lang.pick("负责顾问", "Owner")),
               Column(lang.pick("上次走访", "Last visit"), Fmt.DATE),
               Column(lang.pick("未走访天数", "Days since"), Fmt.INT),
               Column(lang.pick("需求台数", "Demand"), Fmt.INT),
               Column(lang.pick("预计购车日期", "Expected"), Fmt.DATE)]
    grades = "、".join(LISTED_GRADES)
    return Table(lang.pick(f"{grades} 中 30 天以上未走访的", f"{grades} not visited for 30+ days"),
                 columns, rows, empty=lang.pick("没有", "None"))
