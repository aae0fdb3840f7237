"""Making the handbook's forms: a prep form from the workbook, a record form from its prep."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kactl import formnumber, lang, workbook
from kactl.config import Config
from kactl.errors import UsageError
from kactl.forms import prefill
from kactl.forms.fill import Draft, fill, save
from kactl.forms.labels import VISIT_PREP
from kactl.forms.read import read_form
from kactl.forms.templates import open_template, template_path


@dataclass(frozen=True)
class NewForm:
    """A form written: where, its number, and warnings for the user (in the language in force)."""

    path: Path
    number: str
    warnings: list[str] = field(default_factory=list)


def default_name(number: str) -> Path:
    """Return a form's default file name: its number made safe as a file name, plus .xlsx."""
    return Path(formnumber.safe_file_name(number) + ".xlsx")


def new_visit_prep(workbooks: Iterable[Path], config: Config, customer: str, date: dt.date,
                   visitors: Iterable[str], out: Path | None = None, *,
                   force: bool = False) -> NewForm:
    """Write a visit preparation form for `customer`, prefilled from the workbook."""
    people = _visitors(visitors)
    paths = [Path(p) for p in workbooks]
    book = workbook.load(paths, config)
    search = [(out.parent if out else Path.cwd()), Path.cwd(), *(p.parent for p in paths)]
    prep = prefill.prep_draft(book, config, customer, date, people, search)
    return _write(prep.draft, prep.number, config, out, force, prep.warnings)


def new_visit_record(prep_path: Path, config: Config, out: Path | None = None, *,
                     force: bool = False) -> NewForm:
    """Write a visit record form carrying over what the prep form in `prep_path` knows."""
    prep = read_form(prep_path, config)
    if prep.spec is not VISIT_PREP:
        raise UsageError("--from 需要一份走访准备表，这是走访记录表",
                         "--from needs a visit preparation form; this is a visit record",
                         file=prep_path)
    draft, number = prefill.record_draft(prep, config)
    return _write(draft, number, config, out, force, [])


def _visitors(names: Iterable[str]) -> tuple[str, ...]:
    """Return the visitors as given; UsageError for none, more than two, or one name twice."""
    people = tuple(n.strip() for n in names if n.strip())
    if not 1 <= len(people) <= 2:
        raise UsageError("请用 --visitor 给出一到两名走访人员（表单按两人一组设计）",
                         "give one or two visitors with --visitor (forms are for a pair)")
    if len(set(people)) != len(people):
        raise UsageError(f"走访人员“{people[0]}”重复了", f"visitor {people[0]!r} is given twice")
    return people


def _write(draft: Draft, number: str, config: Config, out: Path | None, force: bool,
           warnings: list[str]) -> NewForm:
    book = open_template(config, draft.spec)
    unplaced = fill(book, draft, template_path(config, draft.spec))
    for label in unplaced:
        warnings.append(lang.pick(f"模板中没有“{label}”，该项未填写",
                                  f"the template has no {label} label; that value was left out"))
    path = save(book, out or default_name(number), force=force)
    return NewForm(path, number, warnings)

