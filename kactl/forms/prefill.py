"""What a new form knows before anyone writes on it: the archive, the last visit, the prep form.

A visit preparation form starts from the customer's archive row (name, short name, nature,
industry, contact), then what the latest visit record holds: its log row, and its own form where
the file is found under its default name (the record number made a file name), which knows the
address, website, size, fleet and the people met. A visit record starts from its prep form.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kactl import formnumber, lang
from kactl import normalise as norm
from kactl.config import Config
from kactl.errors import InputError, MissingSheetError, UsageError
from kactl.forms.fill import Draft
from kactl.forms.labels import VISIT_PREP, VISIT_RECORD
from kactl.forms.read import FilledForm, read_form
from kactl.schema import industry_code
from kactl.workbook import Table, Workbook

ARCHIVE_SOURCE = "大客户档案表"

# A prep field filled from the same or another field of the customer's latest record form.
RECORD_TO_PREP = {
    "address": "address", "website": "website", "nature": "nature", "industry": "industry",
    "output_value": "output_value", "headcount": "headcount",
    "met1_name": "contact_name", "met1_phone": "contact_phone",
}  # fmt: skip
# Prep fields that sum up several record fields, each part under its own heading.
SUMMARIES = {
    "fleet": (("领导用车", ("leader_cars", "leader_models")),
              ("其它公务用车", ("other_cars", "other_models"))),
    "staff_cars": (("购车比例及用途", ("staff_share",)), ("价位及车型", ("staff_prices",)),
                   ("居住分布", ("staff_homes",)), ("已购一汽-大众", ("staff_fawvw",))),
}
# A record field filled from the prep form: the same key, unless named here.
PREP_TO_RECORD = {
    "customer": "customer", "short_name": "short_name", "address": "address",
    "website": "website", "nature": "nature", "industry": "industry",
    "output_value": "output_value", "headcount": "headcount",
    "contact_name": "met1_name", "contact_phone": "met1_phone", "number": "prep_number",
}  # fmt: skip


@dataclass
class PrepDraft:
    """A prep form's values, and the warnings met while gathering them."""

    draft: Draft
    number: str
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Row:
    """One data row of a table: the archive's customer, or a visit record."""

    table: Table
    index: int

    def text(self, key: str) -> str:
        return self.table.text(key)[self.index]


def prep_draft(book: Workbook, config: Config, customer: str, date: dt.date,
               visitors: tuple[str, ...], search: Iterable[Path] = ()) -> PrepDraft:
    """Return the values of a new visit preparation form for `customer`."""
    row = find_customer(book, customer)
    values, channels = _from_archive(row, config)
    latest = _latest_record(book, norm.name_key(values["customer"]))
    if latest is not None:
        values.setdefault("nature", latest.text("nature"))
        values.setdefault("industry", latest.text("industry"))
        _carry_record_form(latest.text("number"), search, config, values, channels)
    industry = _canonical(config, "industry", values.get("industry", ""))
    if industry is None:
        raise UsageError(
            f"客户“{values['customer']}”在档案中没有规定的行业分类，无法生成走访表编号",
            f"customer {values['customer']!r} has no valid industry in the archive, so the "
            "form number cannot be built",
        )
    number = formnumber.build(values["short_name"], date, formnumber.PREP,
                              industry_code(industry), visitors)
    values |= {"number": number, "visitors": "、".join(visitors), "date": date,
               "author": visitors[0], "authored": config.clock()}
    warnings = _staff_warnings(book, visitors)
    return PrepDraft(Draft(VISIT_PREP, values, channels), number, warnings)


def find_customer(book: Workbook, name: str) -> Row:
    """Return the archive row of a customer by name or short name; UsageError with the nearest."""
    tables = book.all("archive")
    if not tables:
        raise MissingSheetError("工作簿中没有大客户档案表", "the workbook has no customer archive "
                                "(大客户档案表)", file=book.files[0] if book.files else None)
    key = norm.name_key(name)
    for column in ("customer", "short_name"):
        for table in tables:
            keys = table.names(column)
            if key in keys:
                return Row(table, keys.index(key))
    names = [n for table in tables for n in table.text("customer") if n]
    near = difflib.get_close_matches(norm.text(name), names, n=3, cutoff=0.3)
    hint_zh = "；最接近的：" + "、".join(near) if near else ""
    hint_en = "; nearest: " + ", ".join(near) if near else ""
    raise UsageError(f"大客户档案表中没有客户“{name}”{hint_zh}",
                     f"no customer {name!r} in the archive{hint_en}")


def _from_archive(row: Row, config: Config) -> tuple[dict[str, Any], dict[str, Any]]:
    name = row.text("customer")
    values: dict[str, Any] = {"customer": name, "short_name": row.text("short_name") or name}
    for key in ("nature", "industry"):
        if row.text(key):
            values[key] = _canonical(config, key, row.text(key)) or row.text(key)
    if row.text("contact"):
        values["contact_name"] = row.text("contact")
    if row.text("phone"):
        values["contact_phone"] = row.text("phone")
    channels = {key: ARCHIVE_SOURCE for key in values if VISIT_PREP.field(key).channel}
    return values, channels


def _canonical(config: Config, vocab: str, value: str) -> str | None:
    from kactl.rules.cells import resolve

    return resolve(config.vocabulary(vocab), norm.text(value)) if value else None


def _latest_record(book: Workbook, customer_key: str) -> Row | None:
    """Return the customer's visit record with the latest 走访时间 (the later row on a tie)."""
    best: tuple[dt.date, int, Row] | None = None
    order = 0
    for table in book.all("visit_record"):
        for i, (key, day) in enumerate(zip(table.names(), table.dates("date"), strict=True)):
            order += 1
            if key != customer_key or not isinstance(day, dt.date):
                continue
            if best is None or (day, order) >= best[:2]:
                best = (day, order, Row(table, i))
    return best[2] if best else None


def _carry_record_form(number: str, search: Iterable[Path], config: Config,
                       values: dict[str, Any], channels: dict[str, Any]) -> None:
    """Fill what is still blank from the latest record's own form, if its file is at hand."""
    form = _find_form(number, search, config)
    if form is None:
        return
    source = f"{formnumber.RECORD} {number}"
    for record_key, prep_key in RECORD_TO_PREP.items():
        if form.text(record_key) and not values.get(prep_key):
            values[prep_key] = form.values[record_key]
            if VISIT_PREP.field(prep_key).channel:
                channels[prep_key] = form.channels.get(record_key) or source
    for prep_key, parts in SUMMARIES.items():
        summary = "；".join(
            f"{heading}：{'，'.join(form.text(k) for k in keys if form.text(k))}"
            for heading, keys in parts
            if any(form.text(k) for k in keys)
        )
        if summary:
            values[prep_key] = summary
            channels[prep_key] = source


def _find_form(number: str, search: Iterable[Path], config: Config) -> FilledForm | None:
    if not number:
        return None
    name = formnumber.safe_file_name(number) + ".xlsx"
    for folder in dict.fromkeys(search):
        path = folder / name
        if not path.is_file():
            continue
        try:
            form = read_form(path, config)
        except InputError:  # a damaged old form is no reason to refuse a new one
            continue
        if form.spec is VISIT_RECORD and norm.name_key(form.number) == norm.name_key(number):
            return form
    return None


def _staff_warnings(book: Workbook, visitors: tuple[str, ...]) -> list[str]:
    staff = [n for table in book.all("staff") for n in table.text("name") if n]
    if not staff:
        return []
    out = []
    for name in visitors:
        if name not in staff:
            near = difflib.get_close_matches(name, staff, n=1, cutoff=0.3)
            out.append(lang.pick(
                f"走访人员“{name}”不在“人员”表中" + (f"，是否为“{near[0]}”？" if near else ""),
                f"visitor {name!r} is not in the staff sheet (人员)"
                + (f"; did you mean {near[0]!r}?" if near else ""),
            ))
    return out


# --- a record from its prep form ---------------------------------------------------------


def record_draft(prep: FilledForm, config: Config) -> tuple[Draft, str]:
    """Return the values of a new visit record carried over from a prep form, and its number."""
    values: dict[str, Any] = {
        record_key: prep.values[prep_key]
        for prep_key, record_key in PREP_TO_RECORD.items()
        if prep.text(prep_key)
    }
    channels = {key: prep.channels[key] for key in PREP_TO_RECORD
                if prep.channels.get(key) and VISIT_RECORD.has(key)}
    date = _visit_date(prep)
    visitors = norm.split_people(prep.text("confirmed_visitors") or prep.text("visitors"))
    short_name, code = _number_parts(prep, config)
    number = formnumber.build(short_name, date, formnumber.RECORD, code)
    values |= {"date": date, "visitors": "、".join(visitors), "number": number}
    if visitors:
        values["author"] = visitors[0]
    budget = norm.parse_number(prep.values.get("confirmed_budget", ""))
    approved = budget if isinstance(budget, float) else prep.total()
    if approved is not None:
        values["approved_budget"] = approved
    return Draft(VISIT_RECORD, values, channels), number


def _visit_date(prep: FilledForm) -> dt.date:
    """Return the confirmed visit date, else the planned one; InputError when neither is a date."""
    for key in ("confirmed_date", "date"):
        parsed = norm.parse_date(prep.values.get(key, ""), date1904=prep.date1904)
        if isinstance(parsed, dt.date):
            return parsed
    raise InputError("准备表上没有可用的走访时间（计划走访时间或确认走访时间）",
                     "the prep form has no usable visit date (计划走访时间 or 确认走访时间)",
                     file=prep.file)


def _number_parts(prep: FilledForm, config: Config) -> tuple[str, str]:
    """Return the short name and industry code of the record's number, from the prep form."""
    parsed = formnumber.parse(prep.number)
    short_name = prep.text("short_name") or (parsed.short_name if parsed else "")
    industry = _canonical(config, "industry", prep.text("industry"))
    code = industry_code(industry) if industry else (parsed.industry_code if parsed else "")
    if not short_name or not code:
        raise InputError("准备表上既没有大用户统称和行业分类，也没有可解析的走访准备表编号",
                         "the prep form has neither a short name and industry nor a readable "
                         "number to build the record's number from", file=prep.file)
    return short_name, code
