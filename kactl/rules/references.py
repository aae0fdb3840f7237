"""Checks across sheets: customers in the archive, record numbers, form numbers, targets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from kactl import formnumber
from kactl import normalise as norm
from kactl.config import Config
from kactl.findings import Finding
from kactl.rules.cells import as_date, finding_at, nearest, resolve
from kactl.rules.context import Context, Customer
from kactl.schema import KPIS, industry_code
from kactl.workbook import Table

_KPI_NAMES = {info.name: code for code, info in KPIS.items()}


def customer_findings(table: Table, ctx: Context) -> Iterator[Finding]:
    """Yield a finding for every 用户名称 of a log that is not a customer of the archive."""
    col = table.columns.get("customer")
    if col is None or not ctx.has_archive or table.schema.key == "archive":
        return
    known = ctx.customers
    names = [c.name for c in known.values()]
    verdicts: dict[str, str | None] = {}
    for i, key in enumerate(table.names()):
        if not key or key in known:
            continue
        if key not in verdicts:
            verdicts[key] = nearest(key, names)
        yield finding_at(table, col, i, "unknown-customer", suggestion=verdicts[key])


def record_number_findings(table: Table, ctx: Context) -> Iterator[Finding]:
    """Yield a finding where the archive names a visit record that 走访记录表 does not hold."""
    col = table.columns.get("record_number")
    if col is None or not ctx.has_records:
        return
    for i, number in enumerate(table.names("record_number")):
        if number and number not in ctx.record_numbers:
            yield finding_at(table, col, i, "unknown-record")


def form_number_findings(table: Table, ctx: Context) -> Iterator[Finding]:
    """Yield findings where a form number does not parse or disagrees with its row."""
    col = table.columns.get("number")
    if col is None:
        return
    form = formnumber.PREP if table.schema.key == "visit_prep" else formnumber.RECORD
    dates, customers = table.dates("date"), table.names()
    visitors = table.people("visitors")
    for i, text in enumerate(table.text("number")):
        if not text:
            continue
        parsed = formnumber.parse(text)
        if parsed is None or parsed.form != form:
            pattern = formnumber.PATTERNS[form]
            yield finding_at(table, col, i, "number-format", pattern=pattern)
            continue
        expected = _expected_parts(
            form, as_date(dates[i]), ctx.customers.get(customers[i]), visitors[i]
        )
        for part, part_en, got in _parts(parsed):
            want = expected.get(part_en)
            if want is not None and got != want:
                yield finding_at(
                    table,
                    col,
                    i,
                    "number-mismatch",
                    part=part,
                    part_en=part_en,
                    got=got,
                    expected=want,
                )


def _parts(parsed: formnumber.FormNumber) -> list[tuple[str, str, str]]:
    parts = [
        ("走访日期", "date", f"{parsed.date.year:04d}{parsed.date.month:02d}{parsed.date.day:02d}"),
        ("行业编号", "industry code", parsed.industry_code),
        ("大用户统称", "short name", parsed.short_name),
    ]
    if parsed.form == formnumber.PREP:
        parts.append(("走访人员", "visitors", "-".join(parsed.visitors)))
    return parts


def _expected_parts(
    form: str, date: dt.date | None, customer: Customer | None, visitors: tuple[str, ...]
) -> dict[str, str]:
    want: dict[str, str] = {}
    if date is not None:
        want["date"] = f"{date.year:04d}{date.month:02d}{date.day:02d}"
    if customer is not None:
        want["short name"] = norm.text(customer.short_name)
        if customer.industry:
            want["industry code"] = industry_code(customer.industry)
    if form == formnumber.PREP and visitors:
        want["visitors"] = "-".join(visitors)
    return want


def target_findings(table: Table, ctx: Context, config: Config) -> Iterator[Finding]:
    """Yield findings for targets whose KPI is unknown or whose subject does not exist."""
    kpi_col, subject_col = table.columns.get("kpi"), table.columns.get("subject")
    scopes = config.vocabulary("target_scope")
    known = {"小组": ctx.groups, "工作小组": ctx.pairs, "顾问": ctx.staff}
    for i, (kpi, scope_text, subject) in enumerate(
        zip(table.text("kpi"), table.text("scope"), table.text("subject"), strict=True)
    ):
        if kpi_col is not None and kpi and kpi_code(kpi) is None:
            options = [*KPIS, *_KPI_NAMES]
            yield finding_at(table, kpi_col, i, "unknown-kpi", suggestion=nearest(kpi, options))
        scope = resolve(scopes, scope_text) if scope_text else None
        names = known.get(scope or "")
        if subject_col is not None and subject and names and subject not in names:
            yield finding_at(
                table,
                subject_col,
                i,
                "unknown-subject",
                scope=scope,
                suggestion=nearest(subject, sorted(names)),
            )


def kpi_code(text: str) -> str | None:
    """Return the KPI code a 指标 cell names, by code or by Chinese name."""
    if text in KPIS:
        return text
    return _KPI_NAMES.get(text) or (text.lower() if text.lower() in KPIS else None)
