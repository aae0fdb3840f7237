"""new_volume and new_accounts: delivery lines in the period, and customers whose first
delivery in the whole sheet falls in it; by 销售顾问 and by 二级网点."""

from __future__ import annotations

from kactl.workbook import Workbook
from tests.kpi.kpibook import actual, book, card, customer, notes_about

ARCHIVE = [customer("甲公司", "张伟"), customer("乙公司", "李娜"), customer("丙公司", "刘洋"),
           customer("丁公司", "赵敏")]
OUTLET = "临江二级网点"


def _line(day: str, name: str, quantity: object, consultant: str = "",
          outlet: str = "") -> dict[str, object]:
    return {"date": day, "customer": name, "model": "捷达", "quantity": quantity,
            "consultant": consultant, "outlet": outlet}


DELIVERIES = [
    _line("2008-04-30", "甲公司", 1, "张伟"),  # 甲's first delivery: April
    _line("2008-05-01", "乙公司", 2, "李娜"),  # 乙's first: the period's first day
    _line("2008-05-31", "丙公司", 3, "刘洋"),  # 丙's first: the period's last day
    _line("2008-05-15", "甲公司", 4, "张伟"),  # not new: 甲 bought in April
    _line("2008-06-01", "丁公司", 5, "赵敏"),  # June
    _line("2008-05-20", "戊公司", 1, outlet=OUTLET),  # an outlet's sale, not in the archive
    _line("2008-05-31", "丙公司", 1, "赵敏"),  # same day as 丙's first, later in the sheet
]


def _book() -> Workbook:
    return book(archive=ARCHIVE, deliveries=DELIVERIES)


def test_new_volume_sums_the_periods_lines_per_scope() -> None:
    result = card(_book(), month="2008-05")
    assert actual(result, "new_volume") == 2 + 3 + 4 + 1 + 1
    assert [actual(result, "new_volume", "consultant", n)
            for n in ("张伟", "李娜", "刘洋", "赵敏")] == [4, 2, 3, 1]
    assert actual(result, "new_volume", "group", "行业用户组") == 6
    assert actual(result, "new_volume", "pair", "社会一组") == 4
    assert actual(result, "new_volume", "outlet", OUTLET) == 1


def test_first_deliveries_on_the_first_and_last_day_are_new_accounts() -> None:
    result = card(_book(), month="2008-05")
    assert actual(result, "new_accounts") == 3  # 乙, 丙 and the outlet's 戊
    assert actual(result, "new_accounts", "consultant", "李娜") == 1
    assert actual(result, "new_accounts", "consultant", "张伟") == 0  # 甲 is April's
    assert actual(result, "new_accounts", "outlet", OUTLET) == 1


def test_a_new_account_belongs_to_the_first_line_of_its_first_day() -> None:
    result = card(_book(), month="2008-05")
    assert actual(result, "new_accounts", "consultant", "刘洋") == 1
    assert actual(result, "new_accounts", "consultant", "赵敏") == 0
    assert actual(result, "new_accounts", "group", "社会用户组") == 1


def test_new_accounts_of_the_neighbouring_months_and_the_quarter() -> None:
    assert actual(card(_book(), month="2008-04"), "new_accounts") == 1
    assert actual(card(_book(), month="2008-06"), "new_accounts") == 1
    assert actual(card(_book(), quarter="2008Q2"), "new_accounts") == 5
    assert actual(card(_book(), month="2008-07"), "new_accounts") == 0


def test_outlets_carry_only_their_deliveries_kpis() -> None:
    result = card(_book(), month="2008-05")
    outlet = next(s for s in result["scopes"] if s["scope"] == "outlet")
    assert set(outlet["kpis"]) == {"new_volume", "new_accounts"}


def test_a_non_numeric_quantity_counts_zero_and_is_noted() -> None:
    lines = [*DELIVERIES, _line("2008-05-10", "甲公司", "两台", "张伟")]
    result = card(book(archive=ARCHIVE, deliveries=lines), month="2008-05")
    assert actual(result, "new_volume") == 11
    assert any("1 行" in n and "数量" in n and "kactl validate" in n for n in result["notes"])


def test_a_date_that_does_not_parse_is_left_out_and_noted_in_english() -> None:
    from kactl import lang

    lines = [*DELIVERIES, _line("2008-05-32", "甲公司", 7, "张伟")]
    lang.set_current("en")
    try:
        result = card(book(archive=ARCHIVE, deliveries=lines), month="2008-05")
    finally:
        lang.set_current(None)
    assert actual(result, "new_volume") == 11
    assert any(n.startswith("1 row(s) of 成交记录") and "kactl validate" in n
               for n in result["notes"])


def test_without_a_consultant_column_only_the_dealer_and_outlets_are_computed() -> None:
    lines = [{k: v for k, v in line.items() if k != "consultant"} for line in DELIVERIES]
    result = card(book(archive=ARCHIVE, deliveries=lines), month="2008-05")
    assert actual(result, "new_volume") == 11
    assert actual(result, "new_volume", "outlet", OUTLET) == 1
    assert actual(result, "new_volume", "consultant", "张伟") is None
    assert any("销售顾问" in n for n in notes_about(result, "new_volume"))


def test_without_a_deliveries_sheet_both_are_null_with_a_note() -> None:
    result = card(book(archive=ARCHIVE), month="2008-05")
    assert actual(result, "new_volume") is None
    assert actual(result, "new_accounts", "consultant", "张伟") is None
    assert notes_about(result, "new_volume") == ["new_volume：没有“成交记录”工作表"]


def test_a_week_spanning_two_months_counts_the_days_of_both() -> None:
    result = card(_book(), week="2008-W22")  # Monday 26 May to Sunday 1 June
    assert actual(result, "new_volume") == 3 + 1 + 5  # 31 May's two lines and 1 June's
    assert actual(result, "new_accounts") == 2  # 丙 on 31 May, 丁 on 1 June
