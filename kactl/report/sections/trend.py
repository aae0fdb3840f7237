"""The year so far, month by month: the same KPIs and composite score as the scorecard, from the
scorecard library run once per month on the one loaded workbook."""

from __future__ import annotations

from kactl import lang
from kactl.report.model import Cell, Chart, Column, Fmt, Section, Series, Table, Value
from kactl.report.source import Card, Source, dealer, kpi_fmt, kpi_name, kpi_value, month_word
from kactl.report.source import scopes as scopes_of
from kactl.schema import KPIS


def build(src: Source) -> Section:
    months = [month_word(p) for p, _ in src.months]
    cards = [card for _, card in src.months]
    year = src.period.end.year
    section = Section(
        "trend", lang.pick(f"{year} 年逐月趋势", f"{year} month by month"),
        lang.pick("趋势", "Trend"),
        lang.pick(f"{year} 年 1 月至本期各月的指标；虚线为目标",
                  f"Each month of {year} so far; dashed lines are targets"),
    )
    section.blocks += [
        _score_chart(months, cards),
        table(months, cards, "actual"),
        table(months, cards, "target"),
        *(_kpi_chart(code, months, cards) for code in KPIS),
    ]
    return section


def table(months: list[str], cards: list[Card], key: str) -> Table:
    """Return KPIs down, months across, with the composite score first."""
    rows: list[list[Value | Cell]] = []
    if key == "actual":
        rows.append([lang.pick("综合得分", "Composite score"),
                     *(Cell(dealer(c)["score"], Fmt.PERCENT) for c in cards)])
    for code in KPIS:
        fmt = kpi_fmt(code)
        rows.append([kpi_name(code), *(Cell(kpi_value(dealer(c), code, key), fmt) for c in cards)])
    columns = [Column(lang.pick("指标", "KPI")), *(Column(m, Fmt.NUMBER) for m in months)]
    title = (lang.pick("全店逐月实际", "Dealership actuals by month") if key == "actual"
             else lang.pick("全店逐月目标", "Dealership targets by month"))
    return Table(title, columns, rows)


def _score_chart(months: list[str], cards: list[Card]) -> Chart:
    series = [Series(lang.pick("全店", "dealership"), [dealer(c)["score"] for c in cards])]
    groups = [s["name"] for s in scopes_of(cards[-1], "group")] if cards else []
    for name in groups:
        values = [next((s["score"] for s in scopes_of(c, "group") if s["name"] == name), None)
                  for c in cards]
        series.append(Series(name, values))
    return Chart("line", lang.pick("综合得分逐月", "Composite score by month"), months, series,
                 Fmt.PERCENT)


def _kpi_chart(code: str, months: list[str], cards: list[Card]) -> Chart:
    fmt = Fmt.PERCENT if kpi_fmt(code) is Fmt.PERCENT else Fmt.NUMBER
    series = [Series(lang.pick("实际", "actual"),
                     [kpi_value(dealer(c), code) for c in cards])]
    targets = [kpi_value(dealer(c), code, "target") for c in cards]
    if any(t is not None for t in targets):
        series.append(Series(lang.pick("目标", "target"), targets, dashed=True))
    return Chart("line", kpi_name(code), months, series, fmt, small=True)
