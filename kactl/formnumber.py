"""The handbook's form numbers, built and parsed.

Visit preparation: 大用户统称-走访日期-走访准备表-行业编号-走访人员1-走访人员2
Visit record:      大用户统称-走访日期-走访记录表-行业编号
走访日期 is written YYYYMMDD; 行业编号 is the industry's two-digit position (政府 = 01).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

PREP = "走访准备表"
RECORD = "走访记录表"
PATTERNS = {
    PREP: "大用户统称-走访日期-走访准备表-行业编号-走访人员1-走访人员2",
    RECORD: "大用户统称-走访日期-走访记录表-行业编号",
}

_NUMBER = re.compile(
    rf"(?P<short>.+?)-(?P<date>\d{{8}})-(?P<form>{PREP}|{RECORD})-(?P<code>\d{{2}})(?:-(?P<people>.+))?"
)


@dataclass(frozen=True)
class FormNumber:
    short_name: str
    date: dt.date
    form: str
    industry_code: str
    visitors: tuple[str, ...] = ()

    def __str__(self) -> str:
        parts = [self.short_name, self.date.strftime("%Y%m%d"), self.form, self.industry_code]
        if self.form == PREP:
            parts.extend(self.visitors)
        return "-".join(parts)


def build(
    short_name: str, date: dt.date, form: str, industry_code: str, visitors: tuple[str, ...] = ()
) -> str:
    """Return the number of a form; visitors count only on a preparation form."""
    return str(FormNumber(short_name, date, form, industry_code, visitors))


def parse(number: str) -> FormNumber | None:
    """Return the parts of a form number, or None when it does not follow the pattern."""
    m = _NUMBER.fullmatch(number.strip())
    if not m:
        return None
    digits = m["date"]
    try:
        date = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None
    people = tuple(p for p in (m["people"] or "").split("-") if p)
    if m["form"] == RECORD and people:
        return None
    return FormNumber(m["short"], date, m["form"], m["code"], people)


def safe_file_name(number: str) -> str:
    """Return a form number made safe as a file name on Windows and Linux."""
    cleaned = re.sub(r'[<>:"/\\|?*\x00-\x1f]', "_", number).strip(" .")
    return cleaned or "form"
