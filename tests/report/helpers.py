"""Helpers the report's tests share: the sample's periods and reading report tables."""

from __future__ import annotations

from typing import Any

from kactl.kpi.periods import parse_period
from kactl.report.model import Section, Table

MAY = parse_period(month="2008-05")
WEEK = parse_period(week="2008-W21")


def table(section: Section, title_start: str) -> Table:
    """Return the section's table titled so, else the one whose title starts so."""
    found = [t for t in section.tables if t.title == title_start] or [
        t for t in section.tables if t.title.startswith(title_start)]
    assert len(found) == 1, [t.title for t in section.tables]
    return found[0]


def column(t: Table, label: str) -> list[Any]:
    """Return a table's column of values by its label, Cells unwrapped."""
    index = [c.label for c in t.columns].index(label)
    return [getattr(row[index], "value", row[index]) for row in t.rows]


def row(t: Table, first: str) -> dict[str, Any]:
    """Return the row whose first entry is `first`, as label -> value."""
    for line in t.rows:
        if line[0] == first:
            return {c.label: getattr(v, "value", v) for c, v in zip(t.columns, line, strict=True)}
    raise KeyError(first)
