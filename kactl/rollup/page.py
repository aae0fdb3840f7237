"""The roll-up as the sections of a region report, in the report's own model (kactl.report.model),
so that its templates and charts lay it out the way `kactl report` lays out a dealership's."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from kactl import lang
from kactl.report.model import Cell, Chart, Column, Figure, Fmt, Section, Series, Table, Value
from kactl.report.source import kpi_fmt, kpi_name
from kactl.rollup import cards
from kactl.rollup.cards import Summary, by_score, kpis_met

# The composite score's histogram: 10-point bins, open at both ends (the cap is 120%).
SCORE_BINS = (0.6, 0.7, 0.8, 0.9, 1.0, 1.1)


@dataclass
class Page:
    """What the page template shows: its title, period, counts and sections."""

    title: str
    period: dict[str, str]
    language: str
    dealers: int
    failed: int
    sections: list[Section]


def page(result: dict[str, Any]) -> Page:
    """Return the roll-up as a page of sections."""
    period, region = result["period"], result["region"]
    dealers = by_score(result["dealers"])
    sections = [region_section(region), ranking_section(dealers), kpi_section(dealers),
                quality_section(dealers, result["failed"])]
    title = lang.pick(f"区域大用户 KPI 汇总 {period['label']}",
                      f"Region key-account roll-up {period['label']}")
    return Page(title, period, lang.current(), region["dealers"], region["failed"], sections)


def region_section(region: dict[str, Any]) -> Section:
    errors, warnings = region["validation"]["errors"], region["validation"]["warnings"]
    section = Section(
        "region", lang.pick("区域汇总", "Region"), lang.pick("区域汇总", "Region"),
        lang.pick("数量与金额为各经销商之和；比率按各经销商的分子、分母合计计算"
                  "（如满意度 = 全部得分之和 ÷ 全部答卷数），不是各经销商比率的平均",
                  "Counts and amounts are the dealerships' sums; rates are pooled from their "
                  "numerators and denominators (satisfaction = all scores ÷ all answers), not "
                  "the mean of the dealerships' rates"),
        figures=[Figure(lang.pick("计入汇总的经销商", "Dealerships in the totals"),
                        region["dealers"]),
                 Figure(lang.pick("未能处理的工作簿", "Workbooks not scored"), region["failed"]),
                 Figure(lang.pick("综合得分中位数", "Median composite score"),
                        region["score"]["median"], Fmt.PERCENT),
                 Figure(lang.pick("数据错误", "Data errors"), errors,
                        detail=lang.pick(f"警告 {warnings}", f"warnings {warnings}"))],
    )
    section.blocks += [region_table(region), _spread_chart(region)]
    return section


def region_table(region: dict[str, Any]) -> Table:
    """Return one row per KPI: pooled actual, target, attainment and the spread."""
    rows: list[list[Value | Cell]] = []
    for code, kpi in region["kpis"].items():
        spread = kpi["distribution"]
        rows.append([kpi_name(code), Cell(kpi["actual"], kpi_fmt(code)),
                     Cell(kpi["target"], kpi_fmt(code)), kpi["attainment"], kpi["dealers"],
                     spread["under_80"], spread["80_to_100"], spread["100_and_over"],
                     spread["min"], spread["median"], spread["max"]])
    columns = [Column(lang.pick("指标", "KPI")),
               Column(lang.pick("区域实际", "Region actual"), Fmt.NUMBER),
               Column(lang.pick("区域目标", "Region target"), Fmt.NUMBER),
               Column(lang.pick("达成率", "Attainment"), Fmt.PERCENT),
               Column(lang.pick("经销商数", "Dealerships"), Fmt.INT),
               Column(lang.pick("低于 80%", "Below 80%"), Fmt.INT),
               Column("80%–100%", Fmt.INT),
               Column(lang.pick("达到 100%", "100% or more"), Fmt.INT),
               Column(lang.pick("最低达成率", "Lowest"), Fmt.PERCENT),
               Column(lang.pick("中位达成率", "Median"), Fmt.PERCENT),
               Column(lang.pick("最高达成率", "Highest"), Fmt.PERCENT)]
    return Table(lang.pick("各指标区域合计与达成率分布", "Region figures and spread of attainment"),
                 columns, rows, note=lang.pick(
                     "区域目标仅在每家有该指标的经销商都设了目标时给出",
                     "A region target is shown only when every dealership with the figure has "
                     "a target"))


def _spread_chart(region: dict[str, Any]) -> Chart:
    targeted = [(c, k["distribution"]) for c, k in region["kpis"].items()
                if k["distribution"]["none"] < region["dealers"]]
    bands = (("under_80", lang.pick("低于 80%", "below 80%")), ("80_to_100", "80%–100%"),
             ("100_and_over", lang.pick("达到 100%", "100% or more")))
    return Chart("grouped", lang.pick("各指标经销商达成率分布（家数）",
                                      "Dealerships by attainment band, per KPI"),
                 [kpi_name(c) for c, _ in targeted],
                 [Series(label, [float(d[key]) for _, d in targeted]) for key, label in bands],
                 Fmt.INT)


def ranking_section(dealers: list[Summary]) -> Section:
    rows: list[list[Value | Cell]] = [
        [d["ranks"]["score"], d["dealer"], cards.score(d), kpis_met(d),
         d["validation"]["errors"], d["validation"]["warnings"]] for d in dealers]
    columns = [Column(lang.pick("排名", "Rank"), Fmt.INT),
               Column(lang.pick("经销商", "Dealership")),
               Column(lang.pick("综合得分", "Score"), Fmt.PERCENT),
               Column(lang.pick("达标指标/有目标指标", "KPIs met / targeted")),
               Column(lang.pick("数据错误", "Errors"), Fmt.INT),
               Column(lang.pick("数据警告", "Warnings"), Fmt.INT)]
    section = Section("ranking", lang.pick("经销商排名", "Ranking"),
                      lang.pick("经销商排名", "Ranking"),
                      lang.pick("按综合得分排列；得分相同者名次相同",
                                "By composite score; equal scores share a rank"))
    section.blocks += [Table(lang.pick("综合得分排名", "Composite score"), columns, rows,
                             empty=lang.pick("没有经销商", "no dealership")),
                       score_histogram(dealers)]
    return section


def score_histogram(dealers: list[Summary]) -> Chart:
    scores = [s for s in map(cards.score, dealers) if s is not None]
    edges = [0.0, *SCORE_BINS, float("inf")]
    counts = [float(sum(low <= s < high for s in scores))
              for low, high in pairwise(edges)]
    labels = [f"<{SCORE_BINS[0]:.0%}",
              *(f"{a:.0%}–{b:.0%}" for a, b in pairwise(SCORE_BINS)),
              f"≥{SCORE_BINS[-1]:.0%}"]
    return Chart("bar", lang.pick("综合得分分布（家数）", "Dealerships by composite score"),
                 labels, [Series(lang.pick("经销商", "dealerships"), counts)], Fmt.INT)


def kpi_section(dealers: list[Summary]) -> Section:
    section = Section("kpis", lang.pick("各指标明细", "KPIs by dealership"),
                      lang.pick("各指标明细", "KPIs"),
                      lang.pick("每家经销商的实际值与达成率，及各指标的第一名与最后一名（越低越好的"
                                "指标以低者为先）",
                                "Each dealership's actuals and attainment, and each KPI's first "
                                "and last (lowest first where lower is better)"))
    codes = cards.codes(dealers)
    section.blocks += [leaders(dealers, codes), matrix(dealers, codes, "actual"),
                       matrix(dealers, codes, "attainment")]
    return section


def leaders(dealers: list[Summary], codes: list[str]) -> Table:
    rows: list[list[Value | Cell]] = []
    for code in codes:
        ranked = [(d["ranks"].get(code), d) for d in dealers if d["ranks"].get(code) is not None]
        last = max((r for r, _ in ranked), default=None)
        rows.append([kpi_name(code),
                     "、".join(d["dealer"] for r, d in ranked if r == 1),
                     "、".join(d["dealer"] for r, d in ranked if r == last and last != 1)])
    columns = [Column(lang.pick("指标", "KPI")), Column(lang.pick("第一名", "First")),
               Column(lang.pick("最后一名", "Last"))]
    return Table(lang.pick("各指标第一名与最后一名", "First and last per KPI"), columns, rows)


def matrix(dealers: list[Summary], codes: list[str], key: str) -> Table:
    """Return dealerships down, KPIs across: each one's actual (or attainment)."""
    rows: list[list[Value | Cell]] = []
    for d in dealers:
        rows.append([d["dealer"], *(Cell(cards.figure(d, code, key),
                                         Fmt.PERCENT if key == "attainment" else kpi_fmt(code))
                                    for code in codes)])
    columns = [Column(lang.pick("经销商", "Dealership")),
               *(Column(kpi_name(code), Fmt.NUMBER) for code in codes)]
    title = (lang.pick("各经销商实际值", "Actuals") if key == "actual"
             else lang.pick("各经销商达成率", "Attainment"))
    return Table(title, columns, rows, empty=lang.pick("没有经销商", "no dealership"))


def quality_section(dealers: list[Summary], failed: list[dict[str, Any]]) -> Section:
    checked = sorted(dealers, key=lambda d: (-d["validation"]["errors"],
                                             -d["validation"]["warnings"]))
    section = Section("quality", lang.pick("数据质量", "Data quality"),
                      lang.pick("数据质量", "Data quality"),
                      lang.pick("各工作簿的检查结果（详见 kactl validate），以及未能处理的文件",
                                "What the checks found in each workbook (kactl validate shows "
                                "where), and the files that could not be scored"))
    section.blocks += [
        Table(lang.pick("未能处理的工作簿", "Workbooks not scored"),
              [Column(lang.pick("经销商", "Dealership")), Column(lang.pick("文件", "File")),
               Column(lang.pick("原因", "Reason"))],
              [[f["dealer"], f["file"], f["error"]] for f in failed],
              empty=lang.pick("全部工作簿均已处理", "every workbook was scored")),
        Table(lang.pick("数据检查", "Checks"),
              [Column(lang.pick("经销商", "Dealership")), Column(lang.pick("文件", "File")),
               Column(lang.pick("错误", "Errors"), Fmt.INT),
               Column(lang.pick("警告", "Warnings"), Fmt.INT)],
              [[d["dealer"], d["file"], d["validation"]["errors"], d["validation"]["warnings"]]
               for d in checked], empty=lang.pick("没有经销商", "no dealership")),
    ]
    section.notes = [f"{d['dealer']}：{note}" for d in dealers for note in d["notes"]]
    return section
