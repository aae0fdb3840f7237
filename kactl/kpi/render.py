"""The scorecard as people and spreadsheets see it: a rich table, and flat rows for CSV.

Scopes are rows and KPIs columns; each cell shows the actual and, where there is a target, the
attainment, coloured green when met, yellow when close and red below that.
"""

from __future__ import annotations

from typing import Any

from kactl import lang
from kactl.kpi.scopes import SCOPE_WORD
from kactl.schema import KPIS

MET, CLOSE = 1.0, 0.8  # attainment thresholds of the colours
# Rates that are shares, shown as percentages; satisfaction is a rate too, but a 0-100 score.
SHARES = frozenset(code for code, info in KPIS.items() if info.rate) - {"satisfaction"}
_SCOPE_EN = {"dealer": "dealer", "group": "group", "pair": "pair", "consultant": "consultant",
             "outlet": "outlet"}


def kpi_label(code: str) -> str:
    return lang.pick(KPIS[code].name, KPIS[code].name_en)


def scope_label(kind: str) -> str:
    return lang.pick(SCOPE_WORD[kind], _SCOPE_EN[kind])


def kpi_codes(card: dict[str, Any]) -> list[str]:
    """Return the KPI codes any scope of the card has, in the order of SPEC §5."""
    present = {code for scope in card["scopes"] for code in scope["kpis"]}
    return [code for code in KPIS if code in present]


def shown(code: str, value: float | int | None) -> str:
    """Return an actual or target as text: rates as percentages, satisfaction as a score."""
    if value is None:
        return "—"
    if code in SHARES:
        return f"{value:.1%}"
    return f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"


def colour(attainment: float) -> str:
    return "green" if attainment >= MET else "yellow" if attainment >= CLOSE else "red"


def _cell(code: str, kpi: dict[str, Any] | None) -> str:
    if kpi is None:
        return ""
    text = shown(code, kpi["actual"])
    attainment = kpi["attainment"]
    if attainment is not None:
        text += f"\n[{colour(attainment)}]{attainment:.0%}[/]"
    return text


def print_card(card: dict[str, Any]) -> None:
    """Print the scorecard as tables on the terminal (as many as its width needs), then notes."""
    from rich.markup import escape

    from kactl.render import console

    out = console()
    codes = kpi_codes(card)
    # A terminal rarely fits thirteen KPIs: split them so that no column is squeezed unreadable.
    per_table = max(1, (out.width - _FIXED_WIDTH) // _KPI_WIDTH)
    chunks = [codes[i:i + per_table] for i in range(0, len(codes), per_table)] or [[]]
    for index, chunk in enumerate(chunks):
        out.print(_table(card, chunk, first=index == 0))
    for note in card["notes"]:
        out.print(f"· {escape(note)}")


_FIXED_WIDTH = 42  # the scope, name and score columns with their borders and padding
_KPI_WIDTH = 13


def _table(card: dict[str, Any], codes: list[str], *, first: bool) -> Any:
    from rich.markup import escape
    from rich.table import Table

    period = card["period"]
    title = (f"{lang.pick('大用户 KPI 记分卡', 'Key-account scorecard')} {period['label']} "
             f"({period['start']} – {period['end']})") if first else None
    table = Table(title=title, title_justify="left", show_lines=True)
    table.add_column(lang.pick("范围", "scope"))
    table.add_column(lang.pick("名称", "name"), max_width=16, overflow="fold")
    table.add_column(lang.pick("综合得分", "score"), justify="right")
    for code in codes:
        table.add_column(kpi_label(code), justify="right", min_width=_KPI_WIDTH - 3,
                         overflow="fold")
    for scope in card["scopes"]:
        score = scope["score"]
        table.add_row(scope_label(scope["scope"]), escape(scope["name"]),
                      "—" if score is None else f"[{colour(score)}]{score:.0%}[/]",
                      *(_cell(code, scope["kpis"].get(code)) for code in codes))
    return table


def flat(card: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    """Return a header and one row per scope: scope, name, each KPI's four fields, score.

    The header uses KPI codes, so scripts reading the CSV do not depend on the language.
    """
    codes = kpi_codes(card)
    models = list(dict.fromkeys(m for s in card["scopes"]
                                for m in s["kpis"].get("pipeline", {}).get("models", {})))
    header = ["scope", "name"]
    for code in codes:
        header += [f"{code}.{field}" for field in ("actual", "target", "attainment", "weight")]
        if code == "pipeline":
            header += [f"pipeline.models.{m}" for m in models]
    header.append("score")
    rows = [_flat_row(scope, codes, models) for scope in card["scopes"]]
    return header, rows


def _flat_row(scope: dict[str, Any], codes: list[str], models: list[str]) -> list[Any]:
    row: list[Any] = [scope["scope"], scope["name"]]
    for code in codes:
        kpi = scope["kpis"].get(code, {})
        row += [kpi.get(field) for field in ("actual", "target", "attainment", "weight")]
        if code == "pipeline":
            row += [kpi.get("models", {}).get(m) for m in models]
    row.append(scope["score"])
    return row
