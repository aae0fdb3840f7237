"""The workbook's logs as normalised pandas frames, built once and shared by every period.

Each frame holds one row per usable sheet row: dates as ordinals (`day`, so a period is a range
of integers), customers by their match key, people by name, amounts as floats. Rows a KPI cannot
use are left out here, once, and counted in `notes`; a twelve-month run therefore reads and
normalises the workbook a single time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

import numpy as np
import pandas as pd

from kactl import normalise as norm
from kactl.config import Config
from kactl.kpi.columns import days, floats, unreadable, visit_cost, vocab_column
from kactl.kpi.notes import VALIDATE_HINT, Note, missing_column, rows_left_out
from kactl.schema import SHEETS
from kactl.workbook import Table, Workbook

# Which KPIs lose a row of a sheet whose required cells cannot be read: named in the notes.
AFFECTED = {
    "deliveries": "new_volume, new_accounts, churn_rate",
    "service": "service_entries, service_revenue, churn_rate",
    "satisfaction": "satisfaction",
    "visit_record": "accounts_visited, visits, record_timeliness, budget_variance",
    "visit_prep": "prep_quality",
}
_NOT_A_DATE = ("无法识别为日期，未计入", "is not a date, so they are left out")
_NO_DATE = ("为空或无法识别为日期，未计入", "is blank or not a date, so they are left out")
_BLANK = ("为空，未计入", "is blank, so they are left out")


@dataclass
class Frames:
    """Every log of one workbook, normalised; None where the workbook has no such sheet."""

    config: Config
    deliveries: pd.DataFrame | None = None  # day, customer, quantity, consultant, outlet
    service: pd.DataFrame | None = None  # day, customer, revenue
    satisfaction: pd.DataFrame | None = None  # day, customer, score
    visits: pd.DataFrame | None = None  # day, customer, author, authored, cost, approved
    visitors: pd.DataFrame | None = None  # fact (index into visits), person
    preps: pd.DataFrame | None = None  # day, customer, author, good
    archive: pd.DataFrame | None = None  # customer, owner, created, expected, demand, models…
    staff: pd.DataFrame | None = None  # name, role, group, pair
    models: tuple[str, ...] = ()
    columns: dict[str, frozenset[str]] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    targets: list[Table] = field(default_factory=list)

    def has(self, kind: str, key: str) -> bool:
        """Tell whether some sheet of this kind has the column."""
        return key in self.columns.get(kind, frozenset())

    def owners(self) -> pd.Series:
        """Return customer → 负责销售顾问 from the archive ('' where none is named)."""
        if self.archive is None:
            return pd.Series(dtype=object)
        return self.archive.set_index("customer")["owner"]

    def missing(self, kind: str, key: str) -> Note | None:
        """Return the note for a column that no sheet of this kind has, else None."""
        if self.has(kind, key):
            return None
        return missing_column(SHEETS[kind].title, SHEETS[kind].field(key).header)


def build(book: Workbook, config: Config | None = None) -> Frames:
    """Return the normalised frames of a loaded workbook."""
    builder = _Builder(book, config or Config())
    for kind in SHEETS:
        if book.all(kind):
            builder.frames.columns[kind] = frozenset(k for t in book.all(kind) for k in t.columns)
    builder.frames.targets = book.all("targets")
    for read in (_staff, _archive, _deliveries, _service, _satisfaction, _visits, _preps):
        read(builder)
    _note_unknown_customers(builder)
    return builder.frames


class _Builder:
    """Builds the frames of one workbook, collecting notes about the rows it leaves out."""

    def __init__(self, book: Workbook, config: Config) -> None:
        self.book = book
        self.config = config
        self.frames = Frames(config=config, models=_models(book, config))

    def tables(self, kind: str) -> list[Table]:
        return self.book.all(kind)

    def concat(self, kind: str, build: Callable[[Table], dict[str, Any]]) -> pd.DataFrame:
        parts = [pd.DataFrame(build(t)) for t in self.tables(kind)]
        return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]

    def note(self, kind: str, key: str, count: int, what: tuple[str, str], kpis: str) -> None:
        if count:
            base = rows_left_out(SHEETS[kind].title, SHEETS[kind].field(key).header, count, *what)
            self.frames.notes.append(Note(f"{base.zh}（涉及 {kpis}）", f"{base.en} ({kpis})"))

    def dated_mask(self, kind: str, frame: pd.DataFrame) -> np.ndarray:
        """Return the mask of rows whose required date parses and whose customer is named."""
        bad = frame["day"].to_numpy() < 0
        blank = frame["customer"].to_numpy() == ""
        self.note(kind, "date", int(bad.sum()), _NO_DATE, AFFECTED[kind])
        self.note(kind, "customer", int((blank & ~bad).sum()), _BLANK, AFFECTED[kind])
        kept: np.ndarray = ~bad & ~blank
        return kept

    def dated(self, kind: str, frame: pd.DataFrame) -> pd.DataFrame:
        """Return the rows whose required date parses and whose customer is named."""
        kept: pd.DataFrame = frame.loc[self.dated_mask(kind, frame)].reset_index(drop=True)
        return kept


def _models(book: Workbook, config: Config) -> tuple[str, ...]:
    seen = dict.fromkeys(m for t in book.all("archive") for m in t.models)
    return (*(m for m in config.models if m in seen), *(m for m in seen if m not in config.models))


# --- one reader per sheet kind -------------------------------------------------------------


def _staff(b: _Builder) -> None:
    if not b.tables("staff"):
        return
    frame = b.concat("staff", lambda t: {
        "name": t.names("name"), "role": vocab_column(t, "role", b.config, "role"),
        "group": vocab_column(t, "group", b.config, "group"), "pair": t.text("pair"),
    })
    frame = frame[frame["name"] != ""].drop_duplicates("name")
    b.frames.staff = frame.fillna("").reset_index(drop=True)


def _archive_columns(t: Table, models: tuple[str, ...]) -> dict[str, Any]:
    demand = floats(t.numbers("demand_total"))
    per_model = {m: floats(t.numbers(m, model=True)) if m in t.models else np.zeros(len(t))
                 for m in models}
    summed = np.nansum(np.vstack([np.zeros(len(t)), *per_model.values()]), axis=0)
    # 需求数量合计 where it is filled, else the sum of the per-model columns.
    demand = np.where(np.isnan(demand), summed, demand)
    return {"customer": t.names("customer"), "owner": t.names("owner"),
            "created": days(t.dates("created")), "expected": days(t.dates("expected_date")),
            "demand": demand, **{m: np.nan_to_num(v) for m, v in per_model.items()}}


def _archive(b: _Builder) -> None:
    if not b.tables("archive"):
        return
    frame = b.concat("archive", lambda t: _archive_columns(t, b.frames.models))
    for key, column, kpi in (("created", "created", "projects"),
                             ("expected_date", "expected", "pipeline")):
        b.note("archive", key, int((frame[column] == -2).sum()), _NOT_A_DATE, kpi)
    frame = frame[frame["customer"] != ""]
    # A customer listed twice is an error at the later row; the first row is the customer.
    b.frames.archive = frame.drop_duplicates("customer").reset_index(drop=True)


def _deliveries(b: _Builder) -> None:
    if not b.tables("deliveries"):
        return

    def columns(t: Table) -> dict[str, Any]:
        return {"day": days(t.dates("date")), "customer": t.names("customer"),
                "quantity": floats(t.numbers("quantity")), "consultant": t.names("consultant"),
                "outlet": t.text("outlet")}

    frame = b.dated("deliveries", b.concat("deliveries", columns))
    unread = frame["quantity"].isna()
    b.note("deliveries", "quantity", int(unread.sum()),
           ("不是数字，按 0 计", "is not a number, so they count 0"), "new_volume")
    frame["quantity"] = frame["quantity"].fillna(0.0)
    b.frames.deliveries = frame


def _service(b: _Builder) -> None:
    if not b.tables("service"):
        return

    def columns(t: Table) -> dict[str, Any]:
        numbers = t.numbers("revenue")
        return {"day": days(t.dates("date")), "customer": t.names("customer"),
                "revenue": floats(numbers), "bad": unreadable(numbers)}

    frame = b.dated("service", b.concat("service", columns))
    b.note("service", "revenue", int(frame["bad"].sum()),
           ("不是数字，按 0 计", "is not a number, so they count 0"), "service_revenue")
    frame["revenue"] = frame["revenue"].fillna(0.0)
    b.frames.service = frame.drop(columns="bad")


def _satisfaction(b: _Builder) -> None:
    if not b.tables("satisfaction"):
        return
    frame = b.dated("satisfaction", b.concat("satisfaction", lambda t: {
        "day": days(t.dates("date")), "customer": t.names("customer"),
        "score": floats(t.numbers("score")),
    }))
    unread = frame["score"].isna()
    b.note("satisfaction", "score", int(unread.sum()),
           ("为空或不是数字，未计入", "is blank or not a number, so they are left out"),
           "satisfaction")
    b.frames.satisfaction = frame[~unread].reset_index(drop=True)


def _visits(b: _Builder) -> None:
    if not b.tables("visit_record"):
        return
    frame = b.concat("visit_record", lambda t: {
        "day": days(t.dates("date")), "customer": t.names("customer"),
        "author": t.names("author"), "authored": days(t.dates("authored")),
        "cost": visit_cost(t), "approved": floats(t.numbers("approved_budget")),
    })
    people = [p for t in b.tables("visit_record") for p in t.people("visitors")]
    kept = b.dated_mask("visit_record", frame)
    b.frames.visits = frame[kept].reset_index(drop=True)
    # One (visit, person) pair per visitor: a pair's visit is attributed to each of the two.
    counts = np.fromiter(map(len, people), dtype=np.int64, count=len(people))
    rows = np.repeat(np.arange(len(people)), counts)
    persons = np.fromiter(chain.from_iterable(people), dtype=object, count=int(counts.sum()))
    position = np.cumsum(kept) - 1  # a kept row's position among the kept rows
    keep = kept[rows]
    b.frames.visitors = pd.DataFrame({"fact": position[rows[keep]], "person": persons[keep]})


def _preps(b: _Builder) -> None:
    if not b.tables("visit_prep"):
        return
    frame = b.dated("visit_prep", b.concat("visit_prep", lambda t: {
        "day": days(t.dates("date")), "customer": t.names("customer"),
        "author": t.names("author"), "good": _good(vocab_column(t, "score", b.config,
                                                                "form_score")),
    }))
    good = frame["good"].to_numpy()
    b.note("visit_prep", "score", int((good == _NOT_A_SCORE).sum()),
           ("不是好、中或差，未计入", "is not 好, 中 or 差, so they are left out"), "prep_quality")
    b.frames.preps = frame[good >= 0].reset_index(drop=True)


_UNSCORED, _NOT_A_SCORE = -1.0, -2.0
# A preparation form passes when scored 好 or 中.
_PASSES = {"好": 1.0, "中": 1.0, "差": 0.0, "": _UNSCORED}


def _good(scores: list[str | None]) -> np.ndarray:
    """Return 1.0 for a passing score, 0.0 for 差, and markers for blank and unknown scores."""
    return np.asarray(norm.map_unique(scores, lambda s: _PASSES.get(s or "", _NOT_A_SCORE)
                                      if s is not None else _NOT_A_SCORE), dtype=np.float64)


def _note_unknown_customers(b: _Builder) -> None:
    """Note rows naming customers the archive lacks: KPIs attributed through it skip them."""
    archive = b.frames.archive
    if archive is None:
        return
    known = pd.Index(archive["customer"])
    hint_zh, hint_en = VALIDATE_HINT
    for kind, frame in (("deliveries", b.frames.deliveries), ("service", b.frames.service),
                        ("satisfaction", b.frames.satisfaction),
                        ("visit_record", b.frames.visits), ("visit_prep", b.frames.preps)):
        if frame is None:
            continue
        # Each distinct customer is looked up once.
        codes, customers = pd.factorize(frame["customer"])
        count = int((known.get_indexer(customers) < 0)[codes].sum())
        if count:
            title = SHEETS[kind].title
            b.frames.notes.append(Note(
                f"“{title}”有 {count} 行的客户不在大客户档案表中，按负责销售顾问归属的指标只把它们"
                f"计入全店；{hint_zh}",
                f"{count} row(s) of {title} name a customer not in the archive; KPIs attributed "
                f"by the archive's consultant count them for the dealership only; {hint_en}",
            ))
