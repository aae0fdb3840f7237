"""Fixtures for the report's tests: the sample dealership's workbook, loaded and reported once."""

from __future__ import annotations

import pytest

from kactl import lang
from kactl.config import Config
from kactl.kpi.periods import Period
from kactl.report import build
from kactl.report.model import Report
from kactl.workbook import Workbook, load
from tests.conftest import SAMPLE
from tests.report.helpers import MAY, WEEK


@pytest.fixture(scope="session")
def sample_book() -> Workbook:
    return load([SAMPLE], Config())


def _build(book: Workbook, period: Period) -> Report:
    lang.set_current("zh")
    try:
        return build.build(book, Config(), period, sources=[SAMPLE])
    finally:
        lang.set_current(None)


@pytest.fixture(scope="session")
def may_report(sample_book: Workbook) -> Report:
    return _build(sample_book, MAY)


@pytest.fixture(scope="session")
def week_report(sample_book: Workbook) -> Report:
    return _build(sample_book, WEEK)
