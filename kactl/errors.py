"""Failures that stop a command, each with its exit code (SPEC §7) and a bilingual message.

Data problems are findings (kactl.findings), not exceptions; these are for what stops the run.
"""

from __future__ import annotations

from pathlib import Path

from kactl import lang

EXIT_OK = 0
EXIT_DATA = 1
EXIT_FAILURE = 2


class KactlError(Exception):
    """A failure that stops the command; `exit_code` is what the CLI returns."""

    exit_code = EXIT_FAILURE

    def __init__(self, zh: str, en: str, *, file: Path | str | None = None) -> None:
        self.zh = zh
        self.en = en
        self.file = str(file) if file is not None else None
        super().__init__(self.text("en"))

    def text(self, language: str | None = None) -> str:
        """Return the one-line message, prefixed with the file it is about."""
        body = lang.pick(self.zh, self.en, language)
        return f"{self.file}: {body}" if self.file else body


class UsageError(KactlError):
    """Bad arguments or configuration."""


class InputError(KactlError):
    """A file that is missing, unreadable, encrypted, too big or not a workbook."""


class MissingSheetError(KactlError):
    """A sheet the command needs is absent from the workbook."""


class OutputError(KactlError):
    """An output that cannot be written: exists already, locked, or not writable."""
