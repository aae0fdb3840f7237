"""The HTML page: escaped data, self-contained, CJK fonts, A4 print, template overrides."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kactl import lang
from kactl.config import Config
from kactl.report import build, html
from kactl.report.model import Report
from kactl.workbook import Workbook, load
from tests import minibook
from tests.report.helpers import MAY

HOSTILE = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Return the 2008-05 page of a workbook whose customer is named like a script tag."""
    path = tmp_path_factory.mktemp("hostile") / "hostile.xlsx"
    minibook.write(path, {("大客户档案表", "B5"): HOSTILE, ("走访记录表", "C2"): HOSTILE,
                          ("走访准备表", "B2"): HOSTILE, ("成交记录", "B2"): HOSTILE,
                          ("满意度", "B2"): HOSTILE})
    report = build.build(load([path], Config()), Config(), MAY, sources=[path])
    return html.render(report, Config())


def test_customer_names_are_escaped(hostile_page: str) -> None:
    assert HOSTILE not in hostile_page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile_page
    # No script at all: the page needs none, so any <script is a leak.
    assert "<script" not in hostile_page.lower()


def test_page_is_self_contained(may_page: str) -> None:
    lowered = may_page.lower()
    assert "<script" not in lowered and "<link" not in lowered and "<img" not in lowered
    assert "@import" not in lowered and "url(" not in lowered
    # The only address is SVG's namespace name, which is never fetched.
    addresses = set(re.findall(r"https?://[^\s\"'<>]+", may_page))
    assert addresses == {"http://www.w3.org/2000/svg"}
    assert may_page.count("<svg") >= 10


def test_fonts_and_print_stylesheet(may_page: str) -> None:
    for font in ('"Microsoft YaHei"', '"PingFang SC"', '"Noto Sans CJK SC"', '"Source Han Sans SC"',
                 '"WenQuanYi Micro Hei"', "SimSun", "sans-serif"):
        assert font in may_page
    assert re.search(r"@page\s*\{\s*size:\s*A4", may_page)
    assert "@media print" in may_page


def test_page_carries_the_figures(may_page: str, may_report: Report) -> None:
    dealer = may_report.section("scorecard").figures[0]
    assert f"{dealer.value * 100:.1f}%" in may_page
    for section in may_report.sections:
        assert f'id="{section.key}"' in may_page and section.title in may_page
    assert "<html lang=\"zh-CN\">" in may_page


def test_english_page(sample_book: Workbook) -> None:
    lang.set_current("en")
    report = build.build(sample_book, Config(), MAY)
    page = html.render(report, Config())
    assert report.title == "Key accounts: monthly report 2008-05"
    assert "<html lang=\"en\">" in page and "Lead channels" in page and "记分卡" not in page


def test_templates_can_be_overridden(tmp_path: Path, may_report: Report) -> None:
    folder = tmp_path / "report"
    folder.mkdir()
    (folder / "report.css").write_text("body { color: #123456; }", encoding="utf-8")
    page = html.render(may_report, Config(templates_dir=tmp_path))
    assert "#123456" in page and "@page" not in page
    assert "记分卡" in page  # the page template itself still comes from kactl


def test_a_template_typo_fails_loudly(tmp_path: Path, may_report: Report) -> None:
    import jinja2

    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "report.html.j2").write_text("{{ report.no_such_thing }}", "utf-8")
    with pytest.raises(jinja2.UndefinedError):
        html.render(may_report, Config(templates_dir=tmp_path))


@pytest.fixture(scope="module")
def may_page(may_report: Report) -> str:
    return html.render(may_report, Config())
