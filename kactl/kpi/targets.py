"""Targets from the 指标 sheet: month figures after overrides and spreading, period targets,
attainment and weights.

A row gives a KPI's annual figure for one scope. Its month columns, where filled, give those
months' figures; the remaining months share what the annual figure leaves, evenly or by the
configured seasonal profile. Additive KPIs sum months into quarters, years to date and (by each
day's share of its month) weeks. Rate KPIs are never summed: their target is the month's figure
for a period inside one month, else the annual figure, as given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from kactl import normalise as norm
from kactl.config import Config
from kactl.kpi.columns import canonical
from kactl.kpi.notes import VALIDATE_HINT, Note
from kactl.kpi.periods import Period, month_bounds
from kactl.kpi.scopes import TARGET_SCOPE
from kactl.schema import KPIS
from kactl.workbook import Table

MONTH_KEYS = tuple(f"m{m:02d}" for m in range(1, 13))
TargetKey = tuple[int, str, str, str]  # (year, KPI code, scope kind, subject)


@dataclass(frozen=True)
class Target:
    """One row of the 指标 sheet, with its twelve month figures worked out."""

    year: int
    code: str
    kind: str
    subject: str
    annual: float | None
    months: tuple[float | None, ...]  # after overrides and spreading
    weight: float | None


@dataclass
class Targets:
    """Every target of a workbook, keyed by year, KPI, scope kind and subject."""

    rows: dict[TargetKey, Target] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)

    def get(self, year: int, code: str, kind: str, subject: str) -> Target | None:
        return self.rows.get((year, code, kind, "" if kind == "dealer" else subject))

    def for_period(self, code: str, kind: str, subject: str, period: Period) -> float | None:
        """Return the KPI's target for the scope over the period; None if it has none."""
        if KPIS[code].rate:
            return self._rate(code, kind, subject, period)
        total = 0.0
        # Limitation: a period reaching into a year the sheet has no row for (2009-W01 starts on
        # 29 December 2008) has no target, rather than a partial one.
        for year, month in period.months():
            target = self.get(year, code, kind, subject)
            figure = target.months[month - 1] if target else None
            if figure is None:
                return None
            share = period.days_in(year, month) / month_bounds(year, month)[1].day
            total += figure * share
        return total

    def _rate(self, code: str, kind: str, subject: str, period: Period) -> float | None:
        target = self.get(period.end.year, code, kind, subject)
        if target is None:
            return None
        if (period.start.year, period.start.month) == (period.end.year, period.end.month):
            return target.months[period.end.month - 1]
        return target.annual

    def weight(self, code: str, kind: str, subject: str, period: Period) -> float | None:
        target = self.get(period.end.year, code, kind, subject)
        return target.weight if target else None


def spread(annual: float | None, given: list[float | None],
           seasonal: tuple[float, ...] | None) -> tuple[tuple[float | None, ...], bool]:
    """Return the twelve month figures: given ones kept, the rest sharing what annual leaves.

    The second value tells whether the given months exceed the annual figure (the rest get 0).
    """
    free = [i for i, m in enumerate(given) if m is None]
    if annual is None or not free:
        return tuple(given), False
    left = annual - sum(m for m in given if m is not None)
    shares = [seasonal[i] if seasonal else 1.0 for i in free]
    if not sum(shares):
        shares = [1.0] * len(free)  # the profile gives these months nothing: share evenly
    months = list(given)
    for i, share in zip(free, shares, strict=True):
        months[i] = max(left, 0.0) * share / sum(shares)
    return tuple(months), left < 0


def _kpi_codes() -> dict[str, str]:
    """Return what the 指标 column may say (code, Chinese or English name) → KPI code."""
    codes: dict[str, str] = {}
    for info in KPIS.values():
        for word in (info.code, info.name, info.name_en):
            codes[norm.name_key(word).lower()] = info.code
    return codes


@dataclass(frozen=True)
class _Words:
    """How the 指标 sheet's words are read: KPI names, 范围 words and group names."""

    codes: dict[str, str]
    scope: Callable[[str], str | None]
    group: Callable[[str], str | None]
    seasonal: tuple[float, ...] | None

    def subject(self, kind: str, value: str) -> str:
        if kind == "dealer":
            return ""
        if kind == "group":
            return self.group(value) or value
        return norm.name_key(value) if kind == "consultant" else value


def _cells(t: Table) -> Iterator[dict[str, Any]]:
    """Yield each row of a 指标 sheet as field key → normalised value."""
    numeric = ["year", "annual", "weight", *MONTH_KEYS]
    columns: dict[str, list[Any]] = {k: t.numbers(k) for k in numeric}
    columns |= {k: t.text(k) for k in ("kpi", "scope", "subject")}
    for i in range(len(t)):
        yield {k: v[i] for k, v in columns.items()}


def _target(cells: dict[str, Any], words: _Words) -> tuple[Target | None, bool]:
    """Return the row's target (None if it cannot be read) and whether months overshoot."""
    numeric = [cells[k] for k in ("year", "annual", "weight", *MONTH_KEYS)]
    code = words.codes.get(norm.name_key(cells["kpi"]).lower())
    kind = TARGET_SCOPE.get(words.scope(cells["scope"]) or "")
    year = cells["year"]
    if code is None or kind is None or not isinstance(year, float) or not year.is_integer() or (
        any(isinstance(v, norm.Bad) for v in numeric)
    ):
        return None, False
    given = [cells[k] for k in MONTH_KEYS]
    rate = KPIS[code].rate
    # A rate's blank month takes the annual figure as given; an additive KPI's shares the rest.
    months, over = ((tuple(cells["annual"] if m is None else m for m in given), False) if rate
                    else spread(cells["annual"], given, words.seasonal))
    return Target(int(year), code, kind, words.subject(kind, cells["subject"]), cells["annual"],
                  months, cells["weight"]), over


def read(tables: list[Table], config: Config) -> Targets:
    """Return the targets of the workbook's 指标 sheets; rows it cannot read are noted."""
    words = _Words(_kpi_codes(), canonical(config, "target_scope"), canonical(config, "group"),
                   config.seasonal)
    targets = Targets()
    unread = over = 0
    for t in tables:
        # A 指标 sheet has a few hundred rows at most, so reading it row by row is cheap.
        for cells in _cells(t):
            target, overshoots = _target(cells, words)
            if target is None:
                unread += 1
                continue
            targets.rows.setdefault((target.year, target.code, target.kind, target.subject),
                                    target)
            over += overshoots
    targets.notes += _notes(unread, over)
    return targets


def _notes(unread: int, over: int) -> list[Note]:
    hint_zh, hint_en = VALIDATE_HINT
    notes = []
    if unread:
        notes.append(Note(
            f"“指标”有 {unread} 行无法识别（年度、指标、范围或数字不对），未使用；{hint_zh}",
            f"{unread} row(s) of 指标 cannot be read (年度, 指标, 范围 or a number), so they are "
            f"not used; {hint_en}",
        ))
    if over:
        notes.append(Note(
            f"“指标”有 {over} 行的月度目标之和超过年度目标，其余月份目标按 0 计",
            f"{over} row(s) of 指标 have month figures above the annual one; the other months "
            "get 0",
        ))
    return notes


def unmatched(targets: Targets, names: dict[str, list[str]]) -> list[Note]:
    """Return a note on target rows whose 对象 is no scope of the workbook (they go unused)."""
    known = {kind: set(found) for kind, found in names.items()}
    stray = sorted({t.subject for t in targets.rows.values()
                    if t.kind != "dealer" and t.subject not in known.get(t.kind, set())})
    if not stray:
        return []
    shown = "、".join(stray[:5]) + ("…" if len(stray) > 5 else "")
    return [Note(f"“指标”中的对象不在人员表或成交记录的二级网点中，其目标未使用：{shown}",
                 f"指标 names subjects that are no group, pair, consultant or outlet of the "
                 f"workbook, so their targets are not used: {shown}")]
