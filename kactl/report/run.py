"""Make a report and write its files: everything rendered in memory first, then written under
the output folder's lock, each file atomically, so a failed run leaves nothing half-written."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kactl.config import Config
from kactl.errors import OutputError, UsageError
from kactl.io.write import atomic_output
from kactl.kpi.periods import Period
from kactl.kpi.scorecard import read_workbook
from kactl.report import build, html, xlsx
from kactl.report.lock import OutputLock
from kactl.report.model import Report
from kactl.report.periods import output_name

log = logging.getLogger(__name__)

FORMATS = ("html", "xlsx")


@dataclass(frozen=True)
class Outcome:
    """What a run wrote, and the KPIs it could not compute (for --strict)."""

    report: Report
    paths: list[Path]

    @property
    def missing(self) -> list[str]:
        return self.report.missing


def formats(text: str | Sequence[str]) -> tuple[str, ...]:
    """Return the formats named by --format (html,xlsx), in a fixed order."""
    words = text.split(",") if isinstance(text, str) else list(text)
    chosen = {w.strip().lower() for w in words if w.strip()}
    unknown = sorted(chosen - set(FORMATS))
    if unknown or not chosen:
        raise UsageError(f"--format 的值“{'、'.join(unknown)}”无法识别，可用：html,xlsx",
                         f"--format {','.join(unknown)!r} is not understood; use html,xlsx")
    return tuple(f for f in FORMATS if f in chosen)


def document_time(period: Period, stamp: dt.datetime | None) -> dt.datetime:
    """Return the date stored inside the files: the run's with --stamp, else a fixed one."""
    return stamp or dt.datetime.combine(period.end, dt.time())


def render(report: Report, config: Config, chosen: Sequence[str],
           written: dt.datetime) -> dict[str, bytes]:
    """Return each chosen format's file content."""
    out: dict[str, bytes] = {}
    if "html" in chosen:
        out["html"] = html.render(report, config).encode("utf-8")
    if "xlsx" in chosen:
        out["xlsx"] = xlsx.render(report, written)
    return out


def run(paths: Sequence[Path], config: Config, period: Period, out_dir: Path, *,
        chosen: Sequence[str] = FORMATS, stamp: dt.datetime | None = None) -> Outcome:
    """Make the report of a period from the workbooks and write it into `out_dir`."""
    book = read_workbook(list(paths), config)
    shown = f"{stamp:%Y-%m-%d %H:%M}" if stamp else None
    report = build.build(book, config, period, sources=list(paths), stamp=shown)
    contents = render(report, config, chosen, document_time(period, stamp))
    return Outcome(report, write(contents, period, out_dir))


def write(contents: dict[str, bytes], period: Period, out_dir: Path) -> list[Path]:
    """Write the files under the folder's lock; each replaces its old copy in one rename."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"无法创建输出文件夹（{exc.strerror}）",
                          f"cannot create the output folder ({exc.strerror})",
                          file=out_dir) from None
    written = []
    # Limitation: each file is replaced on its own, not both as one transaction; if the second
    # cannot be replaced (open in Excel on Windows) the run fails with the first already new.
    with OutputLock(out_dir):
        for suffix, data in contents.items():
            target = out_dir / output_name(period, suffix)
            with atomic_output(target, overwrite=True) as temp:
                temp.write_bytes(data)
            written.append(target)
            log.info("wrote %s (%d bytes)", target, len(data))
    return written
