"""churn_rate, satisfaction, service_entries and service_revenue, all attributed by the
archive's 负责销售顾问 of the customer."""

from __future__ import annotations

from kactl.workbook import Workbook
from tests.kpi.kpibook import Rows, actual, book, card, customer, notes_about

ARCHIVE = [customer("甲公司", "张伟"), customer("乙公司", "李娜"), customer("丙公司", "刘洋"),
           customer("丁公司", "赵敏"), customer("己公司", "张伟")]


def _delivery(day: str, name: str) -> dict[str, object]:
    return {"date": day, "customer": name, "model": "捷达", "quantity": 1}


def _service(day: str, name: str, revenue: object = 100) -> dict[str, object]:
    return {"date": day, "customer": name, "revenue": revenue}


# For 2008-05 the base is 2007-05..2008-04 and the activity window 2007-06..2008-05.
CHURN_DELIVERIES = [
    _delivery("2007-05-10", "甲公司"),  # in the base only: churned
    _delivery("2008-03-01", "丙公司"),  # in both: kept
    _delivery("2007-05-01", "戊公司"),  # not in the archive, base only: churned (dealer)
]
CHURN_SERVICE = [
    _service("2007-05-20", "乙公司"), _service("2008-05-15", "乙公司"),  # kept
    _service("2007-04-30", "丁公司"),  # before the base: not counted
    _service("2008-05-20", "己公司"),  # first seen in the period: not in the base
]


def _churn_book(**sheets: object) -> Workbook:
    given = {"archive": ARCHIVE, "deliveries": CHURN_DELIVERIES, "service": CHURN_SERVICE}
    return book(**(given | sheets))  # type: ignore[arg-type]


def test_churn_is_the_share_of_the_base_without_activity_in_the_last_twelve_months() -> None:
    result = card(_churn_book(), month="2008-05")
    assert actual(result, "churn_rate") == 0.5  # 甲 and 戊 of 甲, 乙, 丙, 戊
    assert actual(result, "churn_rate", "consultant", "张伟") == 1.0
    assert actual(result, "churn_rate", "consultant", "李娜") == 0.0
    assert actual(result, "churn_rate", "group", "行业用户组") == 0.5
    assert actual(result, "churn_rate", "group", "社会用户组") == 0.0
    assert actual(result, "churn_rate", "consultant", "赵敏") is None  # 丁 is not in the base


def test_churn_with_an_empty_base_is_null_with_a_note() -> None:
    result = card(_churn_book(), month="2007-01")
    assert actual(result, "churn_rate") is None
    assert any("基数为空" in n and "2006-01" in n for n in notes_about(result, "churn_rate"))


def test_churn_without_service_entries_counts_deliveries_only_and_says_so() -> None:
    result = card(_churn_book(service=None), month="2008-05")
    assert actual(result, "churn_rate") == round(2 / 3, 4)  # 甲, 丙, 戊; 甲 and 戊 churned
    assert "churn_rate：没有“售后进场”工作表，维修进场不算作活动" in result["notes"]


def test_churn_without_deliveries_or_service_is_null() -> None:
    result = card(book(archive=ARCHIVE), month="2008-05")
    assert actual(result, "churn_rate") is None
    assert notes_about(result, "churn_rate")


SURVEYS: Rows = [
    {"date": "2008-05-02", "customer": "甲公司", "score": 90},
    {"date": "2008-05-20", "customer": "乙公司", "score": 80},
    {"date": "2008-05-21", "customer": "乙公司", "score": "70"},
    {"date": "2008-05-30", "customer": "戊公司", "score": 50},  # not in the archive
    {"date": "2008-05-25", "customer": "丙公司", "score": "很好"},  # not a number
    {"date": "2008-06-01", "customer": "甲公司", "score": 10},
]


def test_satisfaction_is_the_mean_score_of_the_periods_answers() -> None:
    result = card(book(archive=ARCHIVE, satisfaction=SURVEYS), month="2008-05")
    assert actual(result, "satisfaction") == 72.5
    assert actual(result, "satisfaction", "consultant", "张伟") == 90
    assert actual(result, "satisfaction", "consultant", "李娜") == 75
    assert actual(result, "satisfaction", "group", "行业用户组") == 80  # a mean, not a sum
    assert actual(result, "satisfaction", "consultant", "刘洋") is None
    assert any("满意度得分" in n and "1 行" in n for n in result["notes"])
    assert any("不在大客户档案表中" in n for n in result["notes"])


def test_satisfaction_without_answers_is_null_with_a_note() -> None:
    result = card(book(archive=ARCHIVE, satisfaction=SURVEYS), month="2008-07")
    assert actual(result, "satisfaction") is None
    assert "satisfaction：本期没有数据" in result["notes"]


SERVICE = [
    _service("2008-05-03", "甲公司", "1,200元"),
    _service("2008-05-04", "乙公司", 800),
    _service("2008-05-05", "戊公司", 500),  # not in the archive: the dealer's only
    _service("2008-05-31", "乙公司", "免费"),  # not a number: counts 0
    _service("2008-06-01", "甲公司", 999),
]


def test_service_entries_and_revenue_by_the_customers_consultant() -> None:
    result = card(book(archive=ARCHIVE, service=SERVICE), month="2008-05")
    assert actual(result, "service_entries") == 4
    assert actual(result, "service_revenue") == 2500
    assert actual(result, "service_entries", "consultant", "李娜") == 2
    assert actual(result, "service_revenue", "consultant", "张伟") == 1200
    assert actual(result, "service_revenue", "group", "行业用户组") == 2000
    assert actual(result, "service_entries", "consultant", "刘洋") == 0
    assert any("产值" in n and "按 0 计" in n for n in result["notes"])


def test_without_the_archive_service_is_the_dealers_only() -> None:
    result = card(book(service=SERVICE), month="2008-05")
    assert actual(result, "service_entries") == 4
    assert actual(result, "service_entries", "consultant", "张伟") is None
    assert any("大客户档案表" in n for n in notes_about(result, "service_entries"))


def test_without_a_revenue_column_service_revenue_is_null() -> None:
    rows = [{k: v for k, v in r.items() if k != "revenue"} for r in SERVICE]
    result = card(book(archive=ARCHIVE, service=rows), month="2008-05")
    assert actual(result, "service_entries") == 4
    assert actual(result, "service_revenue") is None
    assert notes_about(result, "service_revenue") == [
        "service_revenue：“售后进场”工作表没有“产值”列"]
