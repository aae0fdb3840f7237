"""Fixtures for the report's tests: the sample dealership's workbook, loaded and reported once."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from kactl import lang
from kactl.config import Config
from kactl.kpi.periods import Period
from kactl.report import build
from kactl.report.model import Report
from kactl.workbook import Workbook, load
from tests.conftest import SAMPLE
from tests.report.helpers import MAY, WEEK


@pytest.fixture(autouse=True)
def _fresh_state() -> Iterator[None]:
    """Undo what a CLI run leaves behind: the language set by --lang, a --log-file handler."""
    yield
    lang.set_current(None)
    root = logging.getLogger("kactl")
    for handler in root.handlers:
        handler.close()
    root.handlers.clear()
    root.setLevel(logging.WARNING)


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
