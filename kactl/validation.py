"""`kactl validate` as a library call: the report of findings that --format json prints."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kactl import rules, workbook
from kactl.config import Config
from kactl.errors import EXIT_DATA, EXIT_OK
from kactl.findings import Finding, Severity


@dataclass
class ValidationReport:
    """The findings of one or more workbook files, with the counts of SPEC §7's summary."""

    files: int = 0
    rows: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity is Severity.WARNING for f in self.findings)

    @property
    def exit_code(self) -> int:
        return EXIT_DATA if self.errors else EXIT_OK

    def to_dict(self, language: str | None = None) -> dict[str, Any]:
        """Return the report as SPEC §7's JSON object."""
        return {
            "summary": {
                "files": self.files,
                "rows": self.rows,
                "errors": self.errors,
                "warnings": self.warnings,
            },
            "findings": [f.to_dict(language) for f in self.findings],
        }


def _order(f: Finding) -> tuple[str, str, int, int, str]:
    col = f.column or ""
    return (f.file, f.sheet or "", f.row or 0, len(col), col)


def validate_book(book: workbook.Workbook, config: Config) -> list[Finding]:
    """Return the findings of an already loaded workbook, sorted by file, sheet and cell."""
    return sorted(rules.check(book, config), key=_order)


def validate(
    paths: Iterable[Path], config: Config | None = None, *, together: bool = False
) -> ValidationReport:
    """Return the findings of each workbook file (or of all of them as one dealership)."""
    config = config or Config()
    paths = [Path(p) for p in paths]
    groups = [paths] if together else [[p] for p in paths]
    report = ValidationReport()
    for group in groups:
        book = workbook.load(group, config)
        report.files += len(group)
        report.rows += book.rows_read
        report.findings.extend(validate_book(book, config))
    return report
