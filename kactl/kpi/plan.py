"""Planning targets: next year's 指标 sheet from this year's actuals, and the month-by-scope
table of targets the scorecard will use after overrides and spreading."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kactl import lang
from kactl.config import Config
from kactl.errors import MissingSheetError, UsageError
from kactl.kpi import targets as kpi_targets
from kactl.kpi.periods import parse_period, year_months
from kactl.kpi.scopes import KINDS, SCOPE_WORD
from kactl.kpi.scorecard import Prepared, card, figure
from kactl.schema import KPIS, TARGETS


@dataclass(frozen=True)
class PlanRow:
    """One KPI's targets for one scope over a year: twelve months and the whole year."""

    code: str
    kind: str
    subject: str
    months: tuple[float | None, ...]
    year: float | None


@dataclass
class Plan:
    """The targets in force for a year, and what reading the 指标 sheet noted."""

    year: int
    rows: list[PlanRow]
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the plan as JSON: one object per KPI and scope with its months and year."""
        return {"year": self.year, "targets": [
            {"kpi": r.code, "scope": r.kind, "name": r.subject, "months": list(r.months),
             "year": r.year} for r in self.rows], "notes": self.notes}

    def table(self) -> tuple[list[str], list[list[Any]]]:
        """Return the plan as a header and rows: KPI, scope, name, 1月…12月, year."""
        header = [lang.pick("指标", "KPI"), lang.pick("范围", "scope"), lang.pick("对象", "name"),
                  *(lang.pick(f"{m}月", f"M{m:02d}") for m in range(1, 13)),
                  lang.pick("全年", "year")]
        return header, [[lang.pick(KPIS[r.code].name, r.code), SCOPE_WORD[r.kind], r.subject,
                         *(_round(m) for m in r.months), _round(r.year)] for r in self.rows]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def plan(targets: kpi_targets.Targets, year: int) -> Plan:
    """Return the targets in force for each month of the year, per KPI and scope."""
    whole = parse_period(year=year)
    rows = [PlanRow(t.code, t.kind, t.subject, t.months,
                    targets.for_period(t.code, t.kind, t.subject, whole))
            for t in targets.rows.values() if t.year == year]
    codes, kinds = list(KPIS), list(KINDS)
    rows.sort(key=lambda r: (codes.index(r.code), kinds.index(r.kind), r.subject))
    return Plan(year, rows, [n.text() for n in targets.notes])


def plan_for_workbook(paths: Sequence[Path], config: Config, year: int) -> Plan:
    """Return the plan of the workbooks' 指标 sheets; MissingSheetError when they have none."""
    from kactl.workbook import load

    book = load(paths, config)
    if not book.all("targets"):
        raise MissingSheetError("工作簿中没有“指标”工作表", "the workbook has no 指标 sheet",
                                file=", ".join(str(p) for p in paths))
    return plan(kpi_targets.read(book.all("targets"), config), year)


def parse_growth(text: str | None) -> float:
    """Return a growth rate from "10%" or "0.1"; 0 when not given."""
    if text is None or not text.strip():
        return 0.0
    value = text.strip()
    try:
        rate = float(value[:-1]) / 100 if value.endswith("%") else float(value)
    except ValueError:
        raise UsageError(f"--growth 的值“{text}”无法识别，应写作 10% 或 0.1",
                         f"--growth {text!r} is not understood; write 10% or 0.1") from None
    if rate <= -1:
        raise UsageError("--growth 应大于 -100%", "--growth must be above -100%")
    return rate


def base(prepared: Prepared, year: int, growth: float) -> tuple[list[str], list[list[Any]]]:
    """Return the 指标 sheet for the next year: this year's actuals per KPI, scope and month.

    Additive KPIs are multiplied by 1 + growth and their annual figure is the sum of the months;
    rates are copied as they were (a growth rate says nothing about a churn or a share).
    """
    months = [card(prepared, p) for p in year_months(year)]
    whole = card(prepared, parse_period(year=year))
    header = [f.header for f in TARGETS.fields]
    rows = []
    for index, scope in enumerate(whole["scopes"]):
        for code, kpi in scope["kpis"].items():
            figures = [m["scopes"][index]["kpis"][code]["actual"] for m in months]
            rows.append(_base_row(year + 1, code, scope, figures, kpi["actual"], growth,
                                  prepared.config.weights.get(code)))
    return header, rows


def _base_row(year: int, code: str, scope: dict[str, Any], figures: list[Any],
              annual: Any, growth: float, weight: float | None) -> list[Any]:
    if not KPIS[code].rate:
        figures = [None if f is None else round(f * (1 + growth), 2) for f in figures]
        annual = round(sum(f for f in figures if f is not None), 2)
    name = "" if scope["scope"] == "dealer" else scope["name"]
    return [year, KPIS[code].name, SCOPE_WORD[scope["scope"]], name, figure(code, annual),
            *figures, weight]
