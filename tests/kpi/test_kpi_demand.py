"""projects and pipeline: archive rows opened in the period with demand, and demand expected
in the period, in total and per model."""

from __future__ import annotations

from kactl.workbook import Workbook
from tests.kpi.kpibook import actual, book, card, customer, kpi

ARCHIVE = [
    customer("甲公司", "张伟", created="2008-05-01", demand_total=3, expected_date="2008-05-20",
             **{"model:捷达": 2, "model:宝来": 1}),
    # 需求数量合计 blank: the models' sum (2) is the demand; a month-only expected date.
    customer("乙公司", "李娜", created="2008-05-31", expected_date="2008年5月",
             **{"model:速腾": 2}),
    customer("丙公司", "刘洋", created="2008-05-15", demand_total=0, expected_date="2008-06-10"),
    customer("丁公司", "赵敏", created="2008-04-30", demand_total=5, expected_date="2008-05-31",
             **{"model:迈腾": 5}),
    customer("戊公司", "", created="2008-05-10", demand_total=1, expected_date="明年"),
]


def _book() -> Workbook:
    return book(archive=ARCHIVE)


def test_projects_are_archive_rows_opened_in_the_period_with_demand() -> None:
    result = card(_book(), month="2008-05")
    assert actual(result, "projects") == 3  # 甲, 乙, 戊; 丙 has no demand, 丁 is April's
    assert [actual(result, "projects", "consultant", n)
            for n in ("张伟", "李娜", "刘洋", "赵敏")] == [1, 1, 0, 0]
    assert actual(result, "projects", "group", "行业用户组") == 2


def test_pipeline_is_the_demand_expected_in_the_period_in_total_and_per_model() -> None:
    result = card(_book(), month="2008-05")
    pipeline = kpi(result, "pipeline")
    assert pipeline["actual"] == 10
    assert pipeline["models"] == {"捷达": 2, "宝来": 1, "速腾": 2, "迈腾": 5}
    assert actual(result, "pipeline", "consultant", "张伟") == 3
    assert kpi(result, "pipeline", "group", "社会用户组")["models"]["迈腾"] == 5
    assert any("预计购车日期" in n and "1 行" in n for n in result["notes"])


def test_without_the_archive_both_are_null() -> None:
    result = card(book(deliveries=[{"date": "2008-05-01", "customer": "甲公司",
                                    "model": "捷达", "quantity": 1}]), month="2008-05")
    assert actual(result, "projects") is None
    assert actual(result, "pipeline", "consultant", "张伟") is None
    assert actual(result, "new_volume") == 1
