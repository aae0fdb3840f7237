"""Visits and forms: accounts_visited, visits (pairs counted once each), prep_quality,
record_timeliness and budget_variance (by 制表人)."""

from __future__ import annotations

from kactl.config import Config
from kactl.workbook import Workbook
from tests.kpi.kpibook import actual, book, card, customer, notes_about

ARCHIVE = [customer("甲公司", "张伟"), customer("乙公司", "李娜"), customer("丙公司", "刘洋")]


def _record(day: str, name: str, people: str, author: str, authored: str,
            **money: object) -> dict[str, object]:
    return {"number": f"{name}-{day}", "customer": name, "date": day, "visitors": people,
            "author": author, "authored": authored, **money}


RECORDS = [
    _record("2008-05-05", "甲公司", "张伟、李娜", "张伟", "2008-05-06", total=500,
            approved_budget=400),  # a pair's visit, written the next day
    _record("2008-05-10", "乙公司", "张伟", "张伟", "2008-05-13", fuel=100, allowance=50,
            approved_budget=200),  # three days late; its cost is the sum of the items
    _record("2008-05-12", "乙公司", "李娜", "李娜", "", total=100,
            approved_budget=0),  # never dated: late; no budget approved
    _record("2008-05-31", "丙公司", "刘洋/赵敏", "刘洋", "2008-05-30", total=300,
            approved_budget=300),  # dated before the visit: timely
    _record("2008-06-01", "甲公司", "张伟", "张伟", "2008-06-01", total=50),  # June
    _record("2008-05-20", "丙公司", "刘洋", "赵敏", "2008-05-22", total=80),  # two days: timely
]


def _book(**more: object) -> Workbook:
    return book(archive=ARCHIVE, visit_record=RECORDS, **more)  # type: ignore[arg-type]


def test_a_pairs_visit_counts_once_for_the_dealer_and_once_for_each_person() -> None:
    result = card(_book(), month="2008-05")
    assert actual(result, "visits") == 5
    assert [actual(result, "visits", "consultant", n)
            for n in ("张伟", "李娜", "刘洋", "赵敏")] == [2, 2, 2, 1]
    assert actual(result, "visits", "pair", "行业一组") == 3  # the pair's joint visit once
    assert actual(result, "visits", "group", "社会用户组") == 2


def test_a_customer_two_members_of_a_group_visited_counts_once() -> None:
    result = card(_book(), month="2008-05")
    assert actual(result, "accounts_visited") == 3
    assert actual(result, "accounts_visited", "consultant", "张伟") == 2
    assert actual(result, "accounts_visited", "consultant", "李娜") == 2
    assert actual(result, "accounts_visited", "group", "行业用户组") == 2  # 甲 and 乙, not 4
    assert actual(result, "accounts_visited", "pair", "社会一组") == 1


def test_record_timeliness_by_author() -> None:
    result = card(_book(), month="2008-05")
    assert actual(result, "record_timeliness") == 0.6  # 3 of 5
    assert actual(result, "record_timeliness", "consultant", "张伟") == 0.5
    assert actual(result, "record_timeliness", "consultant", "李娜") == 0.0
    assert actual(result, "record_timeliness", "consultant", "赵敏") == 1.0
    assert actual(result, "record_timeliness", "group", "行业用户组") == 0.3333


def test_record_timeliness_follows_the_configured_days() -> None:
    result = card(_book(), Config(timeliness_days=3), month="2008-05")
    assert actual(result, "record_timeliness") == 0.8


def test_budget_variance_over_records_with_an_approved_budget() -> None:
    result = card(_book(), month="2008-05")
    assert actual(result, "budget_variance") == round((500 + 150 + 300) / 900 - 1, 4)
    assert actual(result, "budget_variance", "consultant", "张伟") == round(650 / 600 - 1, 4)
    assert actual(result, "budget_variance", "consultant", "刘洋") == 0.0
    assert actual(result, "budget_variance", "consultant", "李娜") is None


def test_budget_variance_without_budgets_in_the_period_is_null_with_a_note() -> None:
    result = card(_book(), month="2008-06")
    assert actual(result, "budget_variance") is None
    assert any("预算审批费用" in n for n in notes_about(result, "budget_variance"))


def test_budget_variance_without_the_column_is_null_with_a_note() -> None:
    records = [{k: v for k, v in r.items() if k != "approved_budget"} for r in RECORDS]
    result = card(book(archive=ARCHIVE, visit_record=records), month="2008-05")
    assert actual(result, "budget_variance") is None
    assert notes_about(result, "budget_variance") == [
        "budget_variance：“走访记录表”工作表没有“预算审批费用”列"]
    assert actual(result, "visits") == 5


PREPS = [
    {"number": "p1", "customer": "甲公司", "date": "2008-05-03", "visitors": "张伟",
     "author": "张伟", "score": "好"},
    {"number": "p2", "customer": "乙公司", "date": "2008-05-04", "visitors": "张伟",
     "author": "张伟", "score": "差"},
    {"number": "p3", "customer": "乙公司", "date": "2008-05-05", "visitors": "李娜",
     "author": "李娜", "score": "良"},  # an alias of 中
    {"number": "p4", "customer": "丙公司", "date": "2008-05-06", "visitors": "刘洋",
     "author": "刘洋", "score": ""},  # not scored yet: left out
    {"number": "p5", "customer": "丙公司", "date": "2008-05-07", "visitors": "刘洋",
     "author": "刘洋", "score": "优秀"},  # not a score: left out and noted
    {"number": "p6", "customer": "甲公司", "date": "2008-06-01", "visitors": "张伟",
     "author": "张伟", "score": "好"},
]


def test_prep_quality_is_the_share_of_scored_forms_rated_good_or_middling() -> None:
    result = card(book(archive=ARCHIVE, visit_prep=PREPS), month="2008-05")
    assert actual(result, "prep_quality") == 0.6667
    assert actual(result, "prep_quality", "consultant", "张伟") == 0.5
    assert actual(result, "prep_quality", "consultant", "李娜") == 1.0
    assert actual(result, "prep_quality", "consultant", "刘洋") is None
    assert actual(result, "prep_quality", "group", "行业用户组") == 0.6667
    assert any("走访准备表评分" in n and "1 行" in n for n in result["notes"])
