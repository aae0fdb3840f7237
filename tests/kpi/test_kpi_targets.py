"""Targets: annual figures spread over months (evenly or by a seasonal profile) after month
overrides; quarter, year-to-date and week targets; rates never summed; attainment and the
weighted composite score."""

from __future__ import annotations

import pytest

from kactl.config import Config
from kactl.kpi.scorecard import attainment
from kactl.kpi.targets import spread
from kactl.workbook import Workbook
from tests.kpi.kpibook import book, card, customer, kpi, scope

ARCHIVE = [customer("甲公司", "张伟"), customer("乙公司", "刘洋")]
DELIVERIES = [{"date": "2008-05-10", "customer": "甲公司", "model": "捷达", "quantity": 15,
               "consultant": "张伟"},
              {"date": "2008-05-28", "customer": "乙公司", "model": "捷达", "quantity": 5,
               "consultant": "刘洋"}]
RECORDS = [{"number": f"r{i}", "customer": "甲公司", "date": f"2008-05-0{i}", "visitors": "张伟"}
           for i in (1, 2, 3)]
SURVEYS = [{"date": "2008-05-02", "customer": "甲公司", "score": 81}]


def _target(kpi_name: str, scope_word: str, subject: str, annual: object,
            **more: object) -> dict[str, object]:
    return {"year": 2008, "kpi": kpi_name, "scope": scope_word, "subject": subject,
            "annual": annual, **more}


def _book(*targets: dict[str, object]) -> Workbook:
    return book(archive=ARCHIVE, deliveries=DELIVERIES, visit_record=RECORDS,
                satisfaction=SURVEYS, targets=list(targets))


def test_an_annual_figure_is_spread_evenly_over_the_months() -> None:
    result = card(_book(_target("new_volume", "全店", "", 120)), month="2008-05")
    assert kpi(result, "new_volume") == {"actual": 20, "target": 10.0, "attainment": 2.0,
                                         "weight": 1.0}


def test_a_month_override_leaves_the_rest_of_the_year_to_share_the_remainder() -> None:
    row = _target("新增大用户销量", "全店", "", 120, m05=30)  # the Chinese name works too
    assert kpi(card(_book(row), month="2008-05"), "new_volume")["target"] == 30.0
    assert kpi(card(_book(row), month="2008-06"), "new_volume")["target"] == round(90 / 11, 4)
    assert kpi(card(_book(row), quarter="2008Q2"), "new_volume")["target"] == round(
        30 + 2 * 90 / 11, 4)
    assert kpi(card(_book(row), month="2008-05", ytd=True), "new_volume")["target"] == round(
        30 + 4 * 90 / 11, 4)
    assert kpi(card(_book(row), year="2008"), "new_volume")["target"] == 120.0


def test_a_seasonal_profile_weights_the_months_that_are_not_given() -> None:
    assert spread(180, [None] * 12, (1,) * 6 + (2,) * 6)[0] == (10.0,) * 6 + (20.0,) * 6
    months, over = spread(180, [None] * 4 + [40.0] + [None] * 7, (1,) * 6 + (2,) * 6)
    assert months[4] == 40 and months[0] == pytest.approx(140 / 17)
    assert months[6] == pytest.approx(280 / 17) and not over
    config = Config(seasonal=(1,) * 6 + (2,) * 6)
    result = card(_book(_target("new_volume", "全店", "", 180)), config, month="2008-05")
    assert kpi(result, "new_volume")["target"] == 10.0


def test_months_above_the_annual_figure_leave_zero_for_the_rest_and_are_noted() -> None:
    months, over = spread(100, [60.0, 60.0] + [None] * 10, None)
    assert months[2:] == (0.0,) * 10 and over
    result = card(_book(_target("new_volume", "全店", "", 100, m01=60, m02=60)), month="2008-05")
    assert kpi(result, "new_volume")["target"] == 0.0
    assert any("超过年度目标" in n for n in result["notes"])


def test_a_weeks_target_is_each_days_share_of_its_months_target() -> None:
    row = _target("new_volume", "全店", "", 120, m05=31)  # 1 a day in May
    result = card(_book(row), week="2008-W22")  # 26 May .. 1 June: six days in May, one in June
    assert kpi(result, "new_volume")["target"] == round(6 * 1 + 89 / 11 / 30, 4)


def test_rate_targets_are_the_months_or_the_annual_figure_never_summed() -> None:
    row = _target("satisfaction", "全店", "", 85, m05=90)
    assert kpi(card(_book(row), month="2008-05"), "satisfaction")["target"] == 90.0
    assert kpi(card(_book(row), month="2008-06"), "satisfaction")["target"] == 85.0
    assert kpi(card(_book(row), quarter="2008Q2"), "satisfaction")["target"] == 85.0
    assert kpi(card(_book(row), week="2008-W20"), "satisfaction")["target"] == 90.0
    assert kpi(card(_book(row), month="2008-05"), "satisfaction")["attainment"] == 0.9


def test_a_kpi_without_a_target_shows_its_actual_only() -> None:
    result = card(_book(_target("new_volume", "全店", "", 120)), month="2008-05")
    assert kpi(result, "visits") == {"actual": 3, "target": None, "attainment": None,
                                     "weight": None}


def test_attainment_is_inverted_for_lower_is_better_kpis() -> None:
    assert attainment("new_volume", 11, 10, 1.2) == pytest.approx(1.1)
    assert attainment("churn_rate", 0.5, 0.25, 1.2) == 0.5
    assert attainment("churn_rate", 0.0, 0.25, 1.2) == 1.2  # nothing churned: the cap
    assert attainment("budget_variance", 0.08, 0.05, 1.2) == pytest.approx(0.97)
    assert attainment("budget_variance", -0.1, 0.05, 1.2) == pytest.approx(1.15)
    assert attainment("new_volume", 0, 0, 1.2) == 1.0
    assert attainment("new_volume", None, 10, 1.2) is None


def test_the_score_weighs_capped_attainments_by_the_targets_weights() -> None:
    result = card(_book(_target("new_volume", "顾问", "张伟", 120, weight=2),
                        _target("visits", "销售顾问", "张伟", 60, m05=5, weight=1)),
                  month="2008-05")
    zhang = scope(result, "consultant", "张伟")
    assert zhang["kpis"]["new_volume"]["attainment"] == 1.5
    assert zhang["kpis"]["visits"]["attainment"] == 0.6
    assert zhang["score"] == round((2 * 1.2 + 1 * 0.6) / 3, 4)
    assert scope(result, "consultant", "刘洋")["score"] is None


def test_weights_come_from_the_config_when_the_sheet_has_none_else_are_equal() -> None:
    rows = (_target("new_volume", "顾问", "张伟", 120), _target("visits", "顾问", "张伟", 60))
    config = Config(weights={"new_volume": 3.0, "visits": 1.0})
    weighted = scope(card(_book(*rows), config, month="2008-05"), "consultant", "张伟")
    assert weighted["kpis"]["visits"]["weight"] == 1.0
    assert weighted["score"] == round((3 * 1.2 + 1 * 0.6) / 4, 4)
    equal = scope(card(_book(*rows), month="2008-05"), "consultant", "张伟")
    assert equal["kpis"]["new_volume"]["weight"] == 0.5
    assert equal["score"] == round((1.2 + 0.6) / 2, 4)


def test_group_targets_accept_the_groups_alias_and_other_years_are_ignored() -> None:
    rows = (_target("new_volume", "小组", "行业用户", 240),
            {**_target("new_volume", "全店", "", 999), "year": 2007})
    result = card(_book(*rows), month="2008-05")
    assert kpi(result, "new_volume", "group", "行业用户组")["target"] == 20.0
    assert kpi(result, "new_volume")["target"] is None


def test_rows_that_cannot_be_read_are_left_out_and_noted() -> None:
    rows = (_target("sales", "全店", "", 1), _target("new_volume", "公司", "", 1),
            _target("new_volume", "全店", "", "很多"))
    result = card(_book(*rows), month="2008-05")
    assert kpi(result, "new_volume")["target"] is None
    assert any("“指标”有 3 行无法识别" in n for n in result["notes"])


def test_targets_for_someone_not_in_the_staff_sheet_are_noted() -> None:
    result = card(_book(_target("new_volume", "顾问", "钱多多", 120)), month="2008-05")
    assert any("钱多多" in n for n in result["notes"])
