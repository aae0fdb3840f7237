"""The scorecard as a whole: SPEC §7's shape, many periods from one reading, the sample
workbook against the figures its generator works out, and gaps."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

from kactl.config import Config
from kactl.errors import MissingSheetError, UsageError
from kactl.kpi.periods import parse_period, year_months
from kactl.kpi.scorecard import compute, compute_many, gaps, read_workbook
from kactl.schema import KPIS
from kactl.workbook import load
from tests.conftest import REPO, SAMPLE, write_workbook
from tests.kpi import kpibook
from tests.kpi.kpibook import actual, book, card, customer

DELIVERIES = [{"date": f"2008-{m:02d}-15", "customer": "甲公司", "model": "捷达", "quantity": m,
               "consultant": "张伟"} for m in range(1, 13)]


def test_the_scorecard_has_spec_sevens_shape() -> None:
    result = card(book(archive=[customer("甲公司", "张伟")], deliveries=DELIVERIES),
                  month="2008-05")
    assert set(result) == {"period", "scopes", "notes"}
    assert result["period"] == {"label": "2008-05", "start": "2008-05-01", "end": "2008-05-31"}
    assert [(s["scope"], s["name"]) for s in result["scopes"]] == [
        ("dealer", "全店"), ("group", "行业用户组"), ("group", "社会用户组"),
        ("pair", "行业一组"), ("pair", "社会一组"), ("consultant", "张伟"),
        ("consultant", "李娜"), ("consultant", "刘洋"), ("consultant", "赵敏")]
    dealer = result["scopes"][0]
    assert list(dealer["kpis"]) == list(KPIS)
    assert set(dealer) == {"scope", "name", "kpis", "score"}
    assert all(set(k) >= {"actual", "target", "attainment", "weight"}
               for k in dealer["kpis"].values())


def test_by_picks_the_scope_kinds_and_the_dealer_is_named_by_the_config() -> None:
    workbook = book(deliveries=DELIVERIES)
    result = card(workbook, Config(dealer="东海大众"), by="dealer,consultant", month="2008-05")
    assert [s["scope"] for s in result["scopes"]] == ["dealer"] + ["consultant"] * 4
    assert result["scopes"][0]["name"] == "东海大众"
    with pytest.raises(UsageError):
        card(workbook, by="dealer,team", month="2008-05")


def test_twelve_months_from_one_reading_equal_twelve_single_scorecards() -> None:
    workbook = book(archive=[customer("甲公司", "张伟")], deliveries=DELIVERIES)
    many = compute_many(workbook, Config(), year_months(2008))
    assert [actual(c, "new_volume") for c in many] == list(range(1, 13))
    assert many == [compute(workbook, Config(), p) for p in year_months(2008)]


def test_gaps_list_every_kpi_that_could_not_be_computed() -> None:
    result = card(book(deliveries=DELIVERIES), by="dealer", month="2008-05")
    missing = {code for _, _, code in gaps(result)}
    assert "new_volume" not in missing
    assert {"visits", "satisfaction", "service_entries", "projects"} <= missing


def test_the_real_loader_gives_what_the_in_memory_tables_give(tmp_path: Path) -> None:
    archive = customer("甲公司", "张伟", created="2008-05-02", demand_total=2,
                       **{"model:捷达": 2})
    record = {"number": "r1", "customer": "甲公司", "date": "2008-05-03",
              "visitors": "张伟 李娜", "author": "张伟", "authored": "2008-05-04"}
    sheets = {"archive": [archive], "deliveries": DELIVERIES, "visit_record": [record]}
    path = kpibook.write(tmp_path / "book.xlsx", **sheets)
    from_file = compute(load([path], Config()), Config(), parse_period(month="2008-05"))
    assert from_file == card(book(**sheets), month="2008-05")


def test_a_workbook_without_any_kpi_sheet_cannot_be_scored(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "staff.xlsx", {"人员": [["姓名", "角色"], ["张伟", "顾问"]]})
    with pytest.raises(MissingSheetError):
        read_workbook([path], Config())


@pytest.mark.skipif(not SAMPLE.exists(), reason="the sample workbook is generated separately")
def test_the_sample_workbook_matches_the_generators_own_figures() -> None:
    sys.path.insert(0, str(REPO / "sample_workbooks"))
    try:
        generate = importlib.import_module("generate")
    finally:
        sys.path.pop(0)
    story = generate.story(generate.make_dataset(2008, 150, 300, 225, 420, 120))
    result = compute(load([SAMPLE], Config()), Config(), parse_period(month=story["month"]))
    assert actual(result, "new_volume") == story["new_volume"]
    assert actual(result, "new_accounts") == story["new_accounts"]
    assert actual(result, "visits") == story["visits"]
    assert actual(result, "accounts_visited") == story["accounts_visited"]
    assert actual(result, "churn_rate") == round(story["churned"] / story["churn_base"], 4)
    assert actual(result, "projects") == story["projects"]
    assert actual(result, "service_entries") == story["service_entries"]
    assert round(actual(result, "satisfaction"), 1) == story["satisfaction"]
    outlets = [s for s in result["scopes"] if s["scope"] == "outlet"]
    assert sum(s["kpis"]["new_volume"]["actual"] for s in outlets) == story["outlet_volume"]
