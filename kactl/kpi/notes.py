"""The scorecard's notes: why a KPI is missing, and which rows were left out of it.

A note is kept in both languages and rendered in the one in force when the scorecard is built,
so a library caller and the CLI see the same text.
"""

from __future__ import annotations

from dataclasses import dataclass

from kactl import lang

VALIDATE_HINT = ("用 kactl validate 查看这些行", "run kactl validate to see them")


@dataclass(frozen=True)
class Note:
    """One line of the scorecard's notes, in Chinese and English."""

    zh: str
    en: str

    def text(self, language: str | None = None) -> str:
        return lang.pick(self.zh, self.en, language)

    def prefixed(self, code: str) -> Note:
        """Return the note with a KPI code in front, the way the notes list names a KPI."""
        return Note(f"{code}：{self.zh}", f"{code}: {self.en}")


def missing_sheet(title: str, title_en: str) -> Note:
    return Note(f"没有“{title}”工作表", f"no {title} sheet ({title_en})")


def missing_column(title: str, header: str) -> Note:
    return Note(f"“{title}”工作表没有“{header}”列", f"the {title} sheet has no {header} column")


def rows_left_out(title: str, header: str, count: int, what_zh: str, what_en: str) -> Note:
    """Return the note for rows of a sheet that a KPI could not use, pointing at validate."""
    hint_zh, hint_en = VALIDATE_HINT
    return Note(
        f"“{title}”有 {count} 行的“{header}”{what_zh}；{hint_zh}",
        f"{count} row(s) of {title} have a {header} that {what_en}; {hint_en}",
    )


def unattributed(reason: Note) -> Note:
    """Return the note for a KPI that only the dealership's figure can be given for."""
    return Note(f"{reason.zh}，无法按小组、工作小组或顾问归属，只给出全店数",
                f"{reason.en}, so it cannot be attributed to groups, pairs or consultants; "
                "only the dealership's figure is given")
