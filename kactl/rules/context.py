"""What the cross-sheet checks look things up in: the archive's customers and the staff list."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from kactl import normalise as norm
from kactl.config import Config
from kactl.rules.cells import resolve
from kactl.workbook import Workbook


class Customer(NamedTuple):  # a tuple: one is made per archive row, 100,000 in a big archive
    name: str
    short_name: str
    industry: str | None  # canonical, when the archive's value is one
    nature: str | None


@dataclass
class Context:
    customers: dict[str, Customer] = field(default_factory=dict)  # by name_key
    has_archive: bool = False
    staff: set[str] = field(default_factory=set)
    has_staff: bool = False
    groups: set[str] = field(default_factory=set)
    pairs: set[str] = field(default_factory=set)
    record_numbers: set[str] = field(default_factory=set)
    has_records: bool = False


def build_context(book: Workbook, config: Config) -> Context:
    """Return the customers, staff and record numbers of the whole workbook."""
    ctx = Context()
    industries = config.vocabulary("industry")
    natures = config.vocabulary("nature")
    for table in book.all("archive"):
        ctx.has_archive = True
        names, shorts = table.text("customer"), table.text("short_name")
        inds = norm.map_unique(table.text("industry"), lambda v: resolve(industries, v))
        nats = norm.map_unique(table.text("nature"), lambda v: resolve(natures, v))
        for key, name, short, ind, nat in zip(
            table.names(), names, shorts, inds, nats, strict=True
        ):
            if key and key not in ctx.customers:
                ctx.customers[key] = Customer(name, short or name, ind, nat)
    for table in book.all("staff"):
        ctx.has_staff = True
        ctx.staff.update(n for n in table.text("name") if n)
        ctx.groups.update(g for g in table.text("group") if g)
        ctx.pairs.update(p for p in table.text("pair") if p)
    for table in book.all("visit_record"):
        ctx.has_records = True
        ctx.record_numbers.update(norm.name_key(n) for n in table.text("number") if n)
    return ctx
