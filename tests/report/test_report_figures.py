"""The sample's 2008-05 report: every section's figures against the scorecard's JSON."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kactl.config import Config
from kactl.kpi.periods import month_period
from kactl.kpi.scorecard import compute
from kactl.report.model import Report
from kactl.schema import KPIS
from kactl.validation import validate_book
from kactl.workbook import Workbook
from tests.report.helpers import MAY, column, row, table


@pytest.fixture(scope="module")
def card(sample_book: Workbook) -> dict[str, Any]:
    """Return the scorecard JSON as `kactl scorecard --format json` would print it."""
    return compute(sample_book, Config(), MAY)


def _dealer(card: dict[str, Any]) -> dict[str, Any]:
    return next(s for s in card["scopes"] if s["scope"] == "dealer")


def test_sections_of_a_monthly_report(may_report: Report) -> None:
    keys = [s.key for s in may_report.sections]
    assert keys == ["scorecard", "trend", "channels", "pipeline", "visits", "actions", "quality"]
    assert may_report.title == "大用户部月报 2008-05"
    assert may_report.as_of == dt.date(2008, 5, 31)


def test_dealer_scorecard_is_the_scorecards(may_report: Report, card: dict[str, Any]) -> None:
    dealer = _dealer(card)
    t = may_report.section("scorecard").tables[0]
    for code, info in KPIS.items():
        line = row(t, info.name)
        kpi = dealer["kpis"][code]
        assert (line["实际"], line["目标"], line["达成率"], line["权重"]) == (
            kpi["actual"], kpi["target"], kpi["attainment"], kpi["weight"]), code
    assert row(t, "综合得分")["实际"] == dealer["score"]


def test_every_group_and_consultant_scored(may_report: Report, card: dict[str, Any]) -> None:
    scores = table(may_report.section("scorecard"), "综合得分")
    expected = [(s["name"], s["score"]) for s in card["scopes"]
                if s["scope"] in ("dealer", "group", "consultant")]
    assert list(zip(column(scores, "名称"), column(scores, "综合得分"), strict=True)) == expected
    actuals = table(may_report.section("scorecard"), "各范围实际值")
    for scope in card["scopes"]:
        if scope["scope"] in ("group", "consultant"):
            got = column(actuals, scope["name"])
            assert got == [scope["kpis"][code]["actual"] for code in KPIS], scope["name"]


def test_trend_is_one_scorecard_per_month(may_report: Report, sample_book: Workbook) -> None:
    t = table(may_report.section("trend"), "全店逐月实际")
    assert [c.label for c in t.columns] == ["指标", "1月", "2月", "3月", "4月", "5月"]
    for month in (1, 3, 5):
        dealer = _dealer(compute(sample_book, Config(), month_period(2008, month)))
        got = column(t, f"{month}月")
        assert got[0] == dealer["score"]
        assert got[1:] == [dealer["kpis"][code]["actual"] for code in KPIS]
    charts = may_report.section("trend").charts
    assert len([c for c in charts if c.small]) == len(KPIS)


def test_channels_add_up_to_the_dealerships_figures(may_report: Report,
                                                    card: dict[str, Any]) -> None:
    t = table(may_report.section("channels"), "各渠道客户")
    total = row(t, "合计")
    dealer = _dealer(card)["kpis"]
    assert total["本期成交台数"] == dealer["new_volume"]["actual"]
    # Channels partition customers, so distinct customers add up.
    assert total["本期走访客户"] == dealer["accounts_visited"]["actual"]
    assert column(t, "渠道")[:6] == ["展厅获取", "名录获取", "介绍获取", "活动获取", "协作获取",
                                   "随机获取"]
    assert total["本期新建档"] >= dealer["projects"]["actual"]


def test_pipeline_month_is_the_pipeline_kpi(may_report: Report, card: dict[str, Any]) -> None:
    pipeline = _dealer(card)["kpis"]["pipeline"]
    by_month = table(may_report.section("pipeline"), "按预计购车月份")
    line = row(by_month, "2008-05")
    assert line["需求合计"] == pipeline["actual"]
    assert {m: line[m] for m in pipeline["models"]} == pipeline["models"]
    by_grade = table(may_report.section("pipeline"), "按客户级别")
    assert row(by_grade, "合计")["需求合计"] == row(by_month, "合计")["需求合计"]
    crossed = table(may_report.section("pipeline"), "按预计购车月份和级别")
    assert row(crossed, "2008-05")["需求合计"] == pipeline["actual"]
    assert row(crossed, "合计")["A级客户"] == row(by_grade, "A级客户")["需求合计"]


def test_visit_work_against_the_kpis(may_report: Report, card: dict[str, Any]) -> None:
    t = table(may_report.section("visits"), "各顾问走访工作")
    dealer = _dealer(card)["kpis"]
    total = row(t, "全店")
    assert total["走访次数"] == dealer["visits"]["actual"]
    assert total["准备合格率"] == dealer["prep_quality"]["actual"]
    assert total["报告及时率"] == dealer["record_timeliness"]["actual"]
    variance = total["对应实际费用"] / total["预算审批费用"] - 1
    assert variance == pytest.approx(dealer["budget_variance"]["actual"], abs=1e-4)
    assert total["单车走访费用"] == pytest.approx(total["走访费用合计"] / total["成交台数"])
    scored = total["准备表：好"] + total["中"] + total["差"]
    assert (total["准备表：好"] + total["中"]) / scored == pytest.approx(
        dealer["prep_quality"]["actual"], abs=1e-4)


def test_actions_against_the_kpis(may_report: Report, card: dict[str, Any]) -> None:
    section = may_report.section("actions")
    dealer = _dealer(card)["kpis"]
    lost = table(section, "本期流失的客户")
    base = int(section.figures[1].detail.split()[1])
    assert len(lost.rows) / base == pytest.approx(dealer["churn_rate"]["actual"], abs=1e-4)
    assert len(table(section, "本期新项目").rows) == dealer["projects"]["actual"]
    projects = table(section, "每月新项目")
    assert row(projects, "2008-05")["新项目"] == dealer["projects"]["actual"]
    assert set(column(projects, "手册要求")) == {2}
    overdue = table(section, "逾期未回访")
    days = column(overdue, "逾期天数")
    assert days == sorted(days) and all(0 <= d < 90 for d in days)
    quiet = table(section, "久未走访的客户")
    line = row(quiet, "合计")
    assert line["30 天以上未走访"] >= line["60 天以上未走访"] >= line["90 天以上未走访"]


def test_data_quality_counts_validate(may_report: Report, sample_book: Workbook) -> None:
    findings = validate_book(sample_book, Config())
    section = may_report.section("quality")
    errors = sum(f.severity == "error" for f in findings)
    assert section.figures[0].value == errors
    assert section.figures[1].value == len(findings) - errors
    assert section.figures[2].value == sample_book.rows_read
    by_code = table(section, "按工作表和问题代码")
    assert sum(column(by_code, "数量")) == len(findings)


def test_missing_lists_the_scorecards_gaps(may_report: Report, card: dict[str, Any]) -> None:
    gaps = [(s["name"], code) for s in card["scopes"] if s["scope"] != "pair"
            for code, k in s["kpis"].items() if k["actual"] is None]
    assert len(may_report.missing) == len(gaps)
