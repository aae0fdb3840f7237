"""Normalisation of cell values: the one place dates, numbers, people and phones are read."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kactl import normalise as norm


@pytest.mark.parametrize(
    "raw",
    [
        "2008-05-20",
        "2008/5/20",
        "2008.5.20",
        "2008年5月20日",
        " 2008 年 5 月 20 日 ",
        "２００８-０５-２０",
        "2008-05-20 10:30",
        39588,
        39588.0,
        "39588",
        dt.date(2008, 5, 20),
        dt.datetime(2008, 5, 20, 9, 0),
        20080520,
        "20080520",
    ],
)
def test_every_date_form_reads_as_the_same_day(raw: object) -> None:
    assert norm.parse_date(raw) == dt.date(2008, 5, 20)


def test_1904_serials_use_their_epoch() -> None:
    assert norm.parse_date(38126, date1904=True) == dt.date(2008, 5, 20)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("2008-02-30", "date-invalid"),
        ("下周", "date"),
        ("208-05-20", "date"),
        ("2800-05-20", "date-range"),
        (True, "date"),
        ("2008年5月", "date"),
    ],
)
def test_bad_dates_say_why(raw: object, reason: str) -> None:
    result = norm.parse_date(raw)
    assert isinstance(result, norm.Bad) and result.reason == reason


def test_a_month_alone_is_a_date_only_where_allowed() -> None:
    assert norm.parse_date("2008年5月", month_ok=True) == dt.date(2008, 5, 1)
    assert norm.parse_date("2008-05", month_ok=True) == dt.date(2008, 5, 1)


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        ("1,200", 1200.0),
        ("1200元", 1200.0),
        ("¥1,200.50", 1200.5),
        ("１２００", 1200.0),
        (" 3台 ", 3.0),
        ("1.5万元", 15000.0),
        ("20%", 0.2),
        (7, 7.0),
        ("-5", -5.0),
    ],
)
def test_numbers_stored_as_text_read_as_numbers(raw: object, number: float) -> None:
    assert norm.parse_number(raw) == pytest.approx(number)


@pytest.mark.parametrize("raw", ["abc", "1,2,3元x", True, "nan", "inf"])
def test_non_numbers_are_bad(raw: object) -> None:
    assert isinstance(norm.parse_number(raw), norm.Bad)


def test_blank_is_none_not_zero() -> None:
    assert norm.parse_number("") is None and norm.parse_date("") is None


def test_phone_typed_as_number_keeps_its_digits() -> None:
    assert norm.text(15578886984.0) == "15578886984"
    assert norm.phone_ok(15578886984.0)


@pytest.mark.parametrize(
    ("raw", "ok"),
    [
        ("138 0013 8000", True),
        ("0571-88886666", True),
        ("(010)12345678", True),
        ("88886666", True),
        ("+86 13800138000", True),
        ("12800138000", False),
        ("1380013800", False),
        ("电话待补", False),
        ("13800138000/0571-88886666", True),
    ],
)
def test_phones(raw: str, ok: bool) -> None:
    assert norm.phone_ok(raw) is ok


@pytest.mark.parametrize(
    ("raw", "people"),
    [
        ("张伟、李娜", ("张伟", "李娜")),
        ("张伟,李娜", ("张伟", "李娜")),
        ("张伟，李娜", ("张伟", "李娜")),
        ("张伟/李娜", ("张伟", "李娜")),
        ("张伟 李娜", ("张伟", "李娜")),
        ("张伟", ("张伟",)),
        ("", ()),
    ],
)
def test_people_lists_split_on_every_separator(raw: str, people: tuple[str, ...]) -> None:
    assert norm.split_people(raw) == people


def test_headers_fold_width_space_and_remarks() -> None:
    assert norm.header_key("大客户级别\n(客户分级 标准见批注)") == "大客户级别"
    assert norm.header_key("需求 数量 合计") == "需求数量合计"
    assert norm.header_key("用户名称：") == "用户名称"


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_any_date_round_trips_through_every_text_form(day: dt.date) -> None:
    for text in (
        day.isoformat(),
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}年{day.month}月{day.day}日",
        f"{day.year}.{day.month}.{day.day}",
    ):
        assert norm.parse_date(text) == day
    serial = (day - dt.date(1899, 12, 30)).days
    assert norm.parse_date(float(serial)) == day


@given(st.decimals(min_value=0, max_value=10**9, places=2))
def test_money_with_thousands_separators_round_trips(amount: object) -> None:
    value = float(str(amount))
    assert norm.parse_number(f"{value:,.2f}元") == pytest.approx(value)


@given(st.lists(st.sampled_from(["a", "b", 1, 1.5, ""]), max_size=50))
def test_map_unique_equals_map(values: list[object]) -> None:
    assert norm.map_unique(values, repr) == [repr(v) for v in values]
