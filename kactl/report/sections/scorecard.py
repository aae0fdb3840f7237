"""The scorecard of the period: the dealership's KPIs against targets, and every group's,
consultant's and outlet's, with the composite score. Every figure is the scorecard library's."""

from __future__ import annotations

from typing import Any

from kactl import lang
from kactl.report.formatting import show
from kactl.report.model import Cell, Chart, Column, Figure, Fmt, Section, Series, Table, Value
from kactl.report.source import (
    Card,
    Source,
    dealer,
    kpi_fmt,
    kpi_name,
    kpi_value,
    scope_word,
    scopes,
)
from kactl.schema import KPIS

# The counts a manager looks at first, shown beside each scope's score.
HEADLINE = ("new_volume", "new_accounts", "accounts_visited", "visits")
PEOPLE = ("group", "consultant")


def build(src: Source) -> Section:
    card = src.card
    top = dealer(card)
    section = Section(
        "scorecard", lang.pick("记分卡", "Scorecard"), lang.pick("记分卡", "Scorecard"),
        lang.pick(f"{src.period.label} 各项指标的实际、目标与达成率；综合得分为按权重的达成率均值"
                  "（单项封顶）",
                  f"Actuals, targets and attainment for {src.period.label}; the composite "
                  "score is the weighted mean attainment (each capped)"),
        figures=_figures(top),
    )
    section.blocks += [dealer_table(top), _attainment_chart(top), score_table(card),
                       _score_chart(card), matrix(card, "actual"), matrix(card, "attainment")]
    outlets = outlet_table(card)
    if outlets.rows:
        section.blocks.append(outlets)
    section.notes = list(card["notes"])
    return section


def _figures(top: dict[str, Any]) -> list[Figure]:
    figures = [Figure(lang.pick("综合得分", "Composite score"), top["score"], Fmt.PERCENT)]
    for code in HEADLINE:
        target = kpi_value(top, code, "target")
        shown = show(target, Fmt.NUMBER)
        detail = lang.pick(f"目标 {shown}", f"target {shown}") if target is not None else ""
        figures.append(Figure(kpi_name(code), kpi_value(top, code), Fmt.NUMBER, detail))
    return figures


def dealer_table(top: dict[str, Any]) -> Table:
    """Return the dealership's KPIs one per row: actual, target, attainment and weight."""
    rows: list[list[Value | Cell]] = []
    for code in KPIS:
        kpi = top["kpis"].get(code, {})
        fmt = kpi_fmt(code)
        better = lang.pick("越低越好", "lower is better") if KPIS[code].lower_is_better else ""
        rows.append([kpi_name(code), Cell(kpi.get("actual"), fmt), Cell(kpi.get("target"), fmt),
                     kpi.get("attainment"), kpi.get("weight"), better])
    rows.append([lang.pick("综合得分", "Composite score"), Cell(top["score"], Fmt.PERCENT),
                 None, None, None, ""])
    columns = [Column(lang.pick("指标", "KPI")), Column(lang.pick("实际", "Actual"), Fmt.NUMBER),
               Column(lang.pick("目标", "Target"), Fmt.NUMBER),
               Column(lang.pick("达成率", "Attainment"), Fmt.PERCENT),
               Column(lang.pick("权重", "Weight"), Fmt.NUMBER), Column(lang.pick("说明", "Note"))]
    word = scope_word("dealer")
    title = word if top["name"] == word else f"{word}：{top['name']}"
    return Table(title, columns, rows, total=True)


def _attainment_chart(top: dict[str, Any]) -> Chart:
    codes = [c for c in KPIS if kpi_value(top, c, "attainment") is not None]
    values = [kpi_value(top, c, "attainment") for c in codes]
    return Chart("bar", lang.pick("全店各指标达成率", "Dealership attainment by KPI"),
                 [kpi_name(c) for c in codes],
                 [Series(lang.pick("达成率", "attainment"), values)], Fmt.PERCENT, reference=1.0)


def score_table(card: Card) -> Table:
    """Return one row per scope: its composite score and headline counts."""
    rows: list[list[Value | Cell]] = []
    for kind in ("dealer", *PEOPLE):
        for scope in scopes(card, kind):
            rows.append([scope_word(kind), scope["name"], scope["score"],
                         *(kpi_value(scope, code) for code in HEADLINE)])
    columns = [Column(lang.pick("范围", "Scope")), Column(lang.pick("名称", "Name")),
               Column(lang.pick("综合得分", "Score"), Fmt.PERCENT),
               *(Column(kpi_name(code), Fmt.NUMBER) for code in HEADLINE)]
    return Table(lang.pick("综合得分：全店、小组与顾问", "Scores: dealership, groups, consultants"),
                 columns, rows)


def _score_chart(card: Card) -> Chart:
    chosen = [s for kind in PEOPLE for s in scopes(card, kind)]
    return Chart("bar", lang.pick("小组与顾问综合得分", "Composite score by group and consultant"),
                 [s["name"] for s in chosen],
                 [Series(lang.pick("综合得分", "score"), [s["score"] for s in chosen])],
                 Fmt.PERCENT, reference=1.0)


def matrix(card: Card, key: str) -> Table:
    """Return KPIs down, scopes across: every scope's actual (or attainment) side by side."""
    chosen = [s for kind in ("dealer", *PEOPLE) for s in scopes(card, kind)]
    rows: list[list[Value | Cell]] = []
    for code in KPIS:
        fmt = Fmt.PERCENT if key == "attainment" else kpi_fmt(code)
        rows.append([kpi_name(code), *(Cell(kpi_value(s, code, key), fmt) for s in chosen)])
    columns = [Column(lang.pick("指标", "KPI")),
               *(Column(s["name"], Fmt.NUMBER) for s in chosen)]
    title = (lang.pick("各范围实际值", "Actuals by scope") if key == "actual"
             else lang.pick("各范围达成率", "Attainment by scope"))
    return Table(title, columns, rows)


def outlet_table(card: Card) -> Table:
    """Return the secondary outlets' deliveries: the KPIs an outlet carries."""
    codes = ("new_volume", "new_accounts")
    rows: list[list[Value | Cell]] = []
    for scope in scopes(card, "outlet"):
        row: list[Value | Cell] = [scope["name"]]
        for code in codes:
            row += [kpi_value(scope, code), kpi_value(scope, code, "target"),
                    kpi_value(scope, code, "attainment")]
        rows.append(row)
    columns = [Column(lang.pick("二级网点", "Outlet"))]
    for code in codes:
        columns += [Column(kpi_name(code), Fmt.NUMBER),
                    Column(lang.pick("目标", "target"), Fmt.NUMBER),
                    Column(lang.pick("达成率", "attainment"), Fmt.PERCENT)]
    return Table(lang.pick("二级网点", "Secondary outlets"), columns, rows)
