"""Property: the dealership's additive KPIs are the sums over consultants plus what no
consultant is attributed, and a group's single-person KPIs are the sums over its members."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.kpi.kpibook import STAFF, actual, book, card

CONSULTANTS = ["张伟", "李娜", "刘洋", "赵敏"]
PEOPLE = [*CONSULTANTS, "", "外人", "王总"]  # blank, unknown and the (unscored) GM
CUSTOMERS = ["甲公司", "乙公司", "丙公司", "丁公司", "戊公司"]
MAY = (dt.date(2008, 5, 1), dt.date(2008, 5, 31))

days = st.dates(dt.date(2008, 3, 1), dt.date(2008, 7, 31))
deliveries = st.lists(st.fixed_dictionaries({
    "date": days, "customer": st.sampled_from(CUSTOMERS), "model": st.just("捷达"),
    "quantity": st.one_of(st.integers(1, 5), st.just("x")),
    "consultant": st.sampled_from(PEOPLE), "outlet": st.sampled_from(["", "甲网点"]),
}), max_size=25)
service = st.lists(st.fixed_dictionaries({
    "date": days, "customer": st.sampled_from(CUSTOMERS),
    "revenue": st.integers(0, 5000),
}), max_size=25)
archive = st.lists(st.fixed_dictionaries({
    "grade": st.just("A级客户"), "customer": st.sampled_from(CUSTOMERS[:4]),
    "industry": st.just("电力"), "owner": st.sampled_from(PEOPLE),
    "created": days, "expected_date": days, "demand_total": st.integers(0, 4),
}), max_size=6)


def _in_may(day: dt.date) -> bool:
    return MAY[0] <= day <= MAY[1]


def _owners(rows: list[dict[str, Any]]) -> dict[str, str]:
    owners: dict[str, str] = {}
    for row in rows:
        owners.setdefault(row["customer"], row["owner"])
    return owners


def _expected_unattributed(lines: list[dict[str, Any]], entries: list[dict[str, Any]],
                           customers: list[dict[str, Any]]) -> dict[str, float]:
    """Work out, independently of kactl, what no consultant is attributed in May."""
    owners = _owners(customers)
    first: dict[str, dict[str, Any]] = {}
    for line in sorted(lines, key=lambda r: r["date"]):
        first.setdefault(line["customer"], line)
    stray_entries = [e for e in entries
                     if _in_may(e["date"]) and owners.get(e["customer"]) not in CONSULTANTS]
    unique = {c["customer"]: c for c in reversed(customers)}.values()
    return {
        "new_volume": sum(q for r in lines if _in_may(r["date"])
                          and r["consultant"] not in CONSULTANTS
                          for q in [r["quantity"] if isinstance(r["quantity"], int) else 0]),
        "new_accounts": sum(1 for r in first.values()
                            if _in_may(r["date"]) and r["consultant"] not in CONSULTANTS),
        "service_entries": len(stray_entries),
        "service_revenue": sum(e["revenue"] for e in stray_entries),
        "projects": sum(1 for c in unique if _in_may(c["created"]) and c["demand_total"] > 0
                        and c["owner"] not in CONSULTANTS),
        "pipeline": sum(c["demand_total"] for c in unique if _in_may(c["expected_date"])
                        and c["owner"] not in CONSULTANTS),
    }


@settings(max_examples=60, deadline=None)
@given(deliveries, service, archive)
def test_the_dealers_additive_kpis_are_the_consultants_plus_the_unattributed(
        lines: list[dict[str, Any]], entries: list[dict[str, Any]],
        customers: list[dict[str, Any]]) -> None:
    result = card(book(archive=customers or None, deliveries=lines or None,
                       service=entries or None, staff=STAFF), month="2008-05")
    stray = _expected_unattributed(lines, entries, customers)
    for code, unattributed in stray.items():
        dealer = actual(result, code)
        if dealer is None:
            continue  # the sheet it needs was not generated
        per_person = [actual(result, code, "consultant", n) for n in CONSULTANTS]
        if None in per_person:
            continue  # attribution needs the archive, which this example lacks
        assert dealer == sum(per_person) + unattributed, code
        for group, members in (("行业用户组", CONSULTANTS[:2]), ("社会用户组", CONSULTANTS[2:])):
            assert actual(result, code, "group", group) == sum(
                actual(result, code, "consultant", n) for n in members), (code, group)


visit_records = st.lists(st.fixed_dictionaries({
    "date": days, "customer": st.sampled_from(CUSTOMERS),
    "visitors": st.lists(st.sampled_from(CONSULTANTS), min_size=1, max_size=2,
                         unique=True).map("、".join),
}), max_size=25)


@settings(max_examples=60, deadline=None)
@given(visit_records)
def test_a_groups_visits_are_a_union_never_more_than_its_members_sum(
        records: list[dict[str, Any]]) -> None:
    rows = [{**r, "number": f"n{i}"} for i, r in enumerate(records)]
    result = card(book(visit_record=rows or None), month="2008-05")
    if not rows:
        return
    may = [r for r in rows if _in_may(r["date"])]
    assert actual(result, "visits") == len(may)
    assert actual(result, "accounts_visited") == len({r["customer"] for r in may})
    for group, members in (("行业用户组", CONSULTANTS[:2]), ("社会用户组", CONSULTANTS[2:])):
        mine = [r for r in may if set(r["visitors"].split("、")) & set(members)]
        assert actual(result, "visits", "group", group) == len(mine)
        assert actual(result, "accounts_visited", "group", group) == len(
            {r["customer"] for r in mine})
        assert actual(result, "visits", "group", group) <= sum(
            actual(result, "visits", "consultant", n) for n in members)
