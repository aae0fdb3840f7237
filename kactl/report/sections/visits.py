"""Visit work: visits per consultant, preparation scores, report timeliness, budget against
actual cost, and visit cost per delivered vehicle.

Rates and counts that are KPIs come from the scorecard; the sums beside them (budget, cost,
scores 好/中/差) are added here from the same rows, attributed the same way (to 制表人).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from kactl import lang
from kactl.report.model import Cell, Chart, Column, Figure, Fmt, Section, Series, Table, Value
from kactl.report.source import Source, dealer, kpi_name, kpi_value, scopes, within

SCORES = ("好", "中", "差")


def build(src: Source) -> Section:
    section = Section(
        "visits", lang.pick("走访工作", "Visit work"), lang.pick("走访", "Visits"),
        lang.pick("走访次数、准备表评分、报告及时率、预算与实际费用、单车走访费用",
                  "Visits, preparation scores, report timeliness, budget against cost, "
                  "visit cost per vehicle delivered"),
    )
    rows = _rows(src)
    total = rows[-1] if rows else {}
    section.figures = [
        Figure(kpi_name("visits"), total.get("visits")),
        Figure(kpi_name("prep_quality"), total.get("prep_quality"), Fmt.PERCENT),
        Figure(kpi_name("record_timeliness"), total.get("record_timeliness"), Fmt.PERCENT),
        Figure(kpi_name("budget_variance"), total.get("budget_variance"), Fmt.PERCENT),
        Figure(lang.pick("单车走访费用（元）", "Visit cost per vehicle (yuan)"),
               total.get("per_vehicle"), Fmt.MONEY),
    ]
    section.blocks += [_table(rows), _visits_chart(rows[:-1])]
    section.notes.append(lang.pick(
        "走访次数按走访人员归属（两人同行各计一次）；准备表、及时率和费用按制表人归属。"
        "单车走访费用 = 本期走访记录的费用合计 ÷ 本期成交台数。",
        "Visits count for each visitor (a pair's visit once for each); forms, timeliness and "
        "costs go to the form's author. Cost per vehicle = the period's visit costs ÷ vehicles "
        "delivered in the period."))
    return section


def _sums(src: Source) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """Return the period's visit costs and preparation scores, per author."""
    visits = src.frames.visits
    costs = None
    if visits is not None:
        rows = within(visits, src.period)
        budgeted = rows["approved"].to_numpy() > 0
        costs = rows.assign(budgeted_cost=rows["cost"].where(budgeted, 0.0),
                            approved=rows["approved"].where(budgeted, 0.0))
    preps = src.logs.preps
    scored = None
    if preps is not None:
        scored = preps[preps["day"].map(src.in_period) & preps["score"].isin(SCORES)]
    return costs, scored


def _rows(src: Source) -> list[dict[str, Any]]:
    """Return one dict per consultant, then the dealership's."""
    costs, scored = _sums(src)
    rows = [_row(s, s["name"], costs, scored) for s in scopes(src.card, "consultant")]
    rows.append(_row(dealer(src.card), None, costs, scored))
    return rows


def _mine(frame: pd.DataFrame, author: str | None) -> pd.DataFrame:
    """Return the rows a consultant wrote (制表人); every row for the dealership (None)."""
    return frame if author is None else frame[frame["author"] == author]


def _row(scope: dict[str, Any], author: str | None, costs: pd.DataFrame | None,
         scored: pd.DataFrame | None) -> dict[str, Any]:
    row: dict[str, Any] = {"name": scope["name"]}
    for code in ("visits", "accounts_visited", "prep_quality", "record_timeliness",
                 "budget_variance", "new_volume"):
        row[code] = kpi_value(scope, code)
    if scored is not None:
        mine = _mine(scored, author)["score"]
        row |= {score: float((mine == score).sum()) for score in SCORES}
    if costs is not None:
        spent = _mine(costs, author)
        row |= {"approved": float(spent["approved"].sum()),
                "budgeted_cost": float(spent["budgeted_cost"].sum()),
                "cost": float(spent["cost"].sum())}
        vehicles = row["new_volume"]
        row["per_vehicle"] = row["cost"] / vehicles if vehicles else None
    return row


_COLUMNS = (
    ("name", ("顾问", "Consultant"), Fmt.TEXT),
    ("visits", ("走访次数", "Visits"), Fmt.INT),
    ("accounts_visited", ("走访单位数", "Accounts"), Fmt.INT),
    ("好", ("准备表：好", "Prep: good"), Fmt.INT),
    ("中", ("中", "fair"), Fmt.INT),
    ("差", ("差", "poor"), Fmt.INT),
    ("prep_quality", ("准备合格率", "Prep quality"), Fmt.PERCENT),
    ("record_timeliness", ("报告及时率", "Timeliness"), Fmt.PERCENT),
    ("approved", ("预算审批费用", "Approved budget"), Fmt.MONEY),
    ("budgeted_cost", ("对应实际费用", "Its actual cost"), Fmt.MONEY),
    ("budget_variance", ("费用偏差", "Variance"), Fmt.PERCENT),
    ("cost", ("走访费用合计", "All visit costs"), Fmt.MONEY),
    ("new_volume", ("成交台数", "Vehicles"), Fmt.INT),
    ("per_vehicle", ("单车走访费用", "Cost per vehicle"), Fmt.MONEY),
)


def _table(rows: list[dict[str, Any]]) -> Table:
    columns = [Column(lang.pick(*words), fmt) for _, words, fmt in _COLUMNS]
    grid: list[list[Value | Cell]] = [[row.get(key) for key, _, _ in _COLUMNS] for row in rows]
    return Table(lang.pick("各顾问走访工作", "Visit work by consultant"), columns, grid,
                 total=True)


def _visits_chart(rows: list[dict[str, Any]]) -> Chart:
    series = [Series(kpi_name(code), [row.get(code) for row in rows])
              for code in ("visits", "accounts_visited")]
    title = lang.pick("各顾问走访次数与单位数", "Visits and accounts by consultant")
    return Chart("grouped", title, [row["name"] for row in rows], series, Fmt.INT)
