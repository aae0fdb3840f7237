"""The columns the report needs beyond the KPIs': grades, lead channels, follow-ups, approvals.

The KPI library's frames carry what the KPIs count. The report also lists customers by name and
grade, follow-ups and planned visits with their approval state; those columns are read here,
with the KPI library's own column helpers and the same rules for rows it cannot use (a date that
does not parse or a blank customer leaves the row out), so the report's breakdowns add up to
the scorecard's figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kactl import normalise as norm
from kactl.config import Config
from kactl.kpi.columns import days, vocab_column
from kactl.kpi.scorecard import Prepared
from kactl.workbook import Table, Workbook


@dataclass(frozen=True)
class Logs:
    """The report's own view of the workbook; None where the workbook lacks the sheet."""

    archive: pd.DataFrame | None  # the KPI archive + name, grade, channel
    visits: pd.DataFrame | None  # number, customer, name, day, people, follow_up, mode
    preps: pd.DataFrame | None  # number, customer, name, day, people, budget, author, reviews
    deliveries: pd.DataFrame | None  # day, customer, model, quantity, consultant, outlet
    names: dict[str, str]  # customer key → the name as first written

    def name(self, customer: str) -> str:
        return self.names.get(customer, customer)


def read(book: Workbook, prepared: Prepared) -> Logs:
    """Return the report's columns of a workbook whose KPI frames are already prepared."""
    config = prepared.config
    names = _names(book)
    archive = _archive(book, prepared, config)
    visits = _concat(book, "visit_record", _visit_columns)
    preps = _concat(book, "visit_prep", lambda t: _prep_columns(t, config))
    deliveries = _concat(book, "deliveries", _delivery_columns)
    return Logs(archive, visits, preps, deliveries, names)


def _concat(book: Workbook, kind: str,
            columns: Callable[[Table], dict[str, Any]]) -> pd.DataFrame | None:
    tables = book.all(kind)
    if not tables:
        return None
    frame = pd.concat([pd.DataFrame(columns(t)) for t in tables], ignore_index=True)
    usable = (frame["day"].to_numpy() >= 0) & (frame["customer"].to_numpy() != "")
    kept: pd.DataFrame = frame[usable].reset_index(drop=True)
    return kept


def _names(book: Workbook) -> dict[str, str]:
    """Return each customer's name as first written, the archive's spelling before the logs'."""
    names: dict[str, str] = {}
    for kind in ("archive", "deliveries", "visit_record", "visit_prep", "service"):
        for t in book.all(kind):
            for key, text in zip(t.names("customer"), t.text("customer"), strict=True):
                if key:
                    names.setdefault(key, text)
    return names


def _archive(book: Workbook, prepared: Prepared, config: Config) -> pd.DataFrame | None:
    """Return the KPI library's archive with each customer's grade and lead channel added."""
    base = prepared.context.frames.archive
    if base is None:
        return None
    extra = pd.concat([pd.DataFrame({
        "customer": t.names("customer"),
        "grade": vocab_column(t, "grade", config, "grade"),
        "channel": vocab_column(t, "lead_channel", config, "lead_channel"),
    }) for t in book.all("archive")], ignore_index=True)
    # The first row of a customer listed twice is the customer, as in the KPI frames.
    extra = extra.drop_duplicates("customer").fillna("")
    return base.merge(extra, on="customer", how="left").fillna({"grade": "", "channel": ""})


def _visit_columns(t: Table) -> dict[str, Any]:
    return {
        "number": t.text("number"), "customer": t.names("customer"), "day": days(t.dates("date")),
        "people": t.people("visitors"), "follow_up": days(t.dates("follow_up")),
        "mode": t.text("follow_up_mode"),
    }


def _delivery_columns(t: Table) -> dict[str, Any]:
    return {
        "day": days(t.dates("date")), "customer": t.names("customer"), "model": t.text("model"),
        "quantity": _floats(t), "consultant": t.names("consultant"), "outlet": t.text("outlet"),
    }


def _floats(t: Table, key: str = "quantity") -> np.ndarray:
    return np.asarray([v if isinstance(v, float) else np.nan for v in t.numbers(key)])


def _prep_columns(t: Table, config: Config) -> dict[str, Any]:
    budget = _floats(t, "total")
    return {
        "number": t.text("number"), "customer": t.names("customer"), "day": days(t.dates("date")),
        "people": t.people("visitors"), "budget": budget, "author": t.names("author"),
        "manager_review": t.text("manager_review"), "gm_review": t.text("gm_review"),
        "score": vocab_column(t, "score", config, "form_score"),
    }


def records(frame: pd.DataFrame | None) -> list[dict[str, Any]]:
    """Return a frame's rows as plain dicts, the form the report's tables are filled from."""
    if frame is None:
        return []
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def day_of(ordinal: Any) -> dt.date | None:
    """Return a day ordinal of the frames as a date; None for a blank or unreadable date."""
    if isinstance(ordinal, int | float | np.integer | np.floating) and ordinal >= 1:
        return dt.date.fromordinal(int(ordinal))
    return None  # NO_DAY, BAD_DAY, or NaN where a lookup found nothing


def people_text(people: tuple[str, ...]) -> str:
    return "、".join(norm.text(p) for p in people)
