"""Lead channels (信息获取渠道): for each of the handbook's six, the customers gained, visited and
delivered in the period.

A customer's channel is the archive's; customers the archive lacks, or whose channel is blank or
not one of the six, get a row of their own, so that the column totals are the dealership's
figures (distinct customers visited = accounts_visited, vehicles = new_volume).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from kactl import lang
from kactl.report.model import Cell, Chart, Column, Fmt, Section, Series, Table, Value
from kactl.report.source import Source, within
from kactl.schema import VOCABULARIES

CHANNELS = VOCABULARIES["lead_channel"].values
UNKNOWN = ""  # blank, or a value that is not one of the six
OUTSIDE = "\x00outside"  # a customer the archive does not list
_COLUMNS = ("gained", "visited", "delivered", "vehicles", "archived")


def build(src: Source) -> Section:
    section = Section(
        "channels", lang.pick("信息获取渠道", "Lead channels"), lang.pick("渠道", "Channels"),
        lang.pick("按大客户档案表的“信息获取渠道”：本期新建档、走访和成交的客户",
                  "By the archive's lead channel: customers gained, visited and delivered "
                  "in the period"),
    )
    grid = counts(src)
    section.blocks += [_table(grid), _chart(grid)]
    section.notes.append(lang.pick(
        "新建档：建档日期在本期内的档案行；走访、成交：本期有走访记录或成交记录的不同客户。",
        "Gained: archive rows whose 建档日期 is in the period; visited and delivered: distinct "
        "customers with a visit record or a delivery in the period."))
    return section


def _channel_of(src: Source) -> dict[str, str]:
    archive = src.logs.archive
    if archive is None:
        return {}
    return dict(zip(archive["customer"], archive["channel"], strict=True))


def _by_channel(customers: pd.Series, channel_of: dict[str, str]) -> pd.Series:
    return pd.Series([channel_of.get(c, OUTSIDE) for c in customers], index=customers.index,
                     dtype=object)


def counts(src: Source) -> pd.DataFrame:
    """Return one row per channel key: gained, visited, delivered, vehicles, archived."""
    channel_of = _channel_of(src)
    frames = src.frames
    grid = pd.DataFrame(index=pd.Index([*CHANNELS, UNKNOWN, OUTSIDE], name="channel"))
    if src.logs.archive is not None:
        archive = src.logs.archive
        grid["archived"] = archive.groupby("channel").size()
        grid["gained"] = within(archive, src.period, "created").groupby("channel").size()
    if frames.visits is not None:
        visits = within(frames.visits, src.period)
        keyed = visits.assign(channel=_by_channel(visits["customer"], channel_of))
        grid["visited"] = keyed.groupby("channel")["customer"].nunique()
    if frames.deliveries is not None:
        sold = within(frames.deliveries, src.period)
        keyed = sold.assign(channel=_by_channel(sold["customer"], channel_of))
        grid["delivered"] = keyed.groupby("channel")["customer"].nunique()
        grid["vehicles"] = keyed.groupby("channel")["quantity"].sum()
    for column in _COLUMNS:
        # A column whose sheet is missing stays empty ("—"), not zero.
        grid[column] = grid[column].fillna(0.0) if column in grid else float("nan")
    return grid


def _label(key: str) -> str:
    if key == UNKNOWN:
        return lang.pick("未填或不明", "blank or unknown")
    if key == OUTSIDE:
        return lang.pick("不在档案中", "not in the archive")
    return key


def _table(grid: pd.DataFrame) -> Table:
    rows: list[list[Value | Cell]] = []
    for key, line in grid.iterrows():
        if key in CHANNELS or line.fillna(0.0).sum() > 0:
            rows.append([_label(str(key)), *(_count(line[c]) for c in _COLUMNS)])
    rows.append([lang.pick("合计", "Total"),
                 *(_count(grid[c].sum(min_count=1)) for c in _COLUMNS)])
    columns = [Column(lang.pick("渠道", "Channel")),
               Column(lang.pick("本期新建档", "Gained"), Fmt.INT),
               Column(lang.pick("本期走访客户", "Visited"), Fmt.INT),
               Column(lang.pick("本期成交客户", "Delivered"), Fmt.INT),
               Column(lang.pick("本期成交台数", "Vehicles"), Fmt.INT),
               Column(lang.pick("档案客户总数", "In archive"), Fmt.INT)]
    return Table(lang.pick("各渠道客户", "Customers by channel"), columns, rows, total=True)


def _count(value: Any) -> float | None:
    return None if pd.isna(value) else float(value)


def _chart(grid: pd.DataFrame) -> Chart:
    names = {"gained": lang.pick("新建档", "gained"), "visited": lang.pick("走访", "visited"),
             "delivered": lang.pick("成交", "delivered")}
    series = [Series(name, [_count(grid.at[c, key]) for c in CHANNELS])
              for key, name in names.items()]
    return Chart("grouped", lang.pick("各渠道本期客户数", "Customers by channel this period"),
                 list(CHANNELS), series, Fmt.INT)
