"""The archive's demand: key-account projects opened and the pipeline of vehicles wanted.

Both are attributed to the archive row's own 负责销售顾问. A row's demand is its 需求数量合计,
or the sum of its per-model columns where that cell is blank.
"""

from __future__ import annotations

from kactl.kpi.definition import Context, Definition, by_column, no_sheet, within
from kactl.kpi.measures import Measure, Selection, Source
from kactl.kpi.notes import Note
from kactl.kpi.periods import Period
from kactl.schema import ARCHIVE


def _archive(ctx: Context, date: str, projects: bool) -> Source | Note:
    archive = ctx.frames.archive
    if archive is None:
        return no_sheet("archive")
    gap = ctx.frames.missing("archive", date)
    if gap is not None:
        return gap
    if not (ctx.frames.has("archive", "demand_total") or ctx.frames.models):
        return Note(f"“{ARCHIVE.title}”工作表既没有“需求数量合计”列，也没有需求车型列",
                    f"the {ARCHIVE.title} sheet has neither 需求数量合计 nor per-model columns")
    rows = archive[archive["demand"].to_numpy() > 0] if projects else archive
    return by_column(ctx, "archive", rows, "owner", "owner")


def projects(ctx: Context, period: Period) -> Selection | Note:
    """Select the archive rows opened (建档日期) in the period with some demand."""
    return within(ctx.once("projects", lambda: _archive(ctx, "created", True)), period,
                  "created")


def pipeline(ctx: Context, period: Period) -> Selection | Note:
    """Select the archive rows expecting to buy (预计购车日期) in the period."""
    return within(ctx.once("pipeline", lambda: _archive(ctx, "expected_date", False)), period,
                  "expected")


def definitions(models: tuple[str, ...]) -> tuple[Definition, ...]:
    """Return the archive's KPIs; the pipeline is also broken down by the workbook's models."""
    return (
        Definition("projects", projects, Measure("count")),
        Definition("pipeline", pipeline, Measure("sum", "demand"), breakdown=models),
    )
