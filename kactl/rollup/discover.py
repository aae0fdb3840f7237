"""Which workbooks a roll-up reads, and which dealership each of them belongs to.

A PATH is a workbook file, read whatever its name, or a folder searched recursively for
.xlsx, .xlsm, .xls and .ods files. In folders, what is not a dealership's workbook is skipped:
Excel's and WPS's lock files (`~$…`), hidden files and folders (LibreOffice's `.~lock…#`,
kactl's own temporary files), kactl's backups (`NAME.bak-…`), kactl's outputs (`kactl-…`,
such as `kactl-report-2008-05.xlsx`, or a roll-up named so), and, in a folder with a
kactl.toml, every spreadsheet its `workbooks` does not list (visit forms, exports).

A dealership is named by the kactl.toml in its workbook's folder when that file's `workbooks`
lists the workbook: by its `dealer` (else the workbook's file stem), and it is scored with that
config over every workbook the file lists, exactly as `kactl scorecard` run in that folder
would score it. Any other workbook is a dealership of its own, named by its file stem and
scored with the run's config. Two dealerships of the same name get their file in brackets.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from kactl.config import CONFIG_NAME, Config, load
from kactl.errors import InputError, KactlError, UsageError

SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods"})
_OWN_OUTPUT = "kactl-"
_BACKUP = ".bak-"


@dataclass(frozen=True)
class Dealership:
    """One dealership to score: its name, its workbooks and the config it is scored with."""

    name: str
    paths: tuple[Path, ...]
    config: Config

    @property
    def file(self) -> str:
        return str(self.paths[0])


@dataclass(frozen=True)
class Refused:
    """A workbook that cannot be scored before it is even opened (its kactl.toml is bad)."""

    dealer: str
    file: str
    error: str


def discover(paths: Sequence[Path], config: Config,
             skip: Iterable[Path] = ()) -> tuple[list[Dealership], list[Refused]]:
    """Return the dealerships found under the PATHs, in file order, and those refused."""
    files = find_files(paths, skip)
    if not files:
        raise UsageError("所给路径中没有找到工作簿（.xlsx、.xlsm、.xls、.ods）",
                         "no workbook (.xlsx, .xlsm, .xls, .ods) was found in the paths given",
                         file=", ".join(str(p) for p in paths))
    dealers, refused = group(files, config)
    return distinct_names(dealers), refused


@dataclass(frozen=True)
class Found:
    """A workbook file, and whether it was named on the command line or found in a folder."""

    path: Path
    named: bool


def find_files(paths: Sequence[Path], skip: Iterable[Path] = ()) -> list[Found]:
    """Return every workbook file named or found under the PATHs, each once, sorted."""
    skipped = {p.resolve() for p in skip}
    found: dict[Path, Found] = {}  # by resolved path; each keeps the path as the user wrote it
    for path in paths:
        if path.is_dir():
            candidates = [Found(p, named=False) for p in _walk(path)]
        elif path.is_file():
            candidates = [Found(path, named=True)]
        else:
            raise InputError("文件或文件夹不存在", "no such file or folder", file=path)
        for candidate in candidates:
            key = candidate.path.resolve()
            if key not in skipped and not (key in found and found[key].named):
                found[key] = candidate
    return sorted(found.values(), key=lambda f: str(f.path))


def _walk(top: Path) -> Iterator[Path]:
    for folder, subfolders, names in os.walk(top):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(names):
            if is_workbook_name(name):
                yield Path(folder, name)


def is_workbook_name(name: str) -> bool:
    """Tell whether a file found in a folder may be a dealership's workbook, by its name."""
    if name.startswith(("~$", ".", _OWN_OUTPUT)) or _BACKUP in name:
        return False
    return Path(name).suffix.lower() in SUFFIXES


def group(files: Sequence[Found], config: Config) -> tuple[list[Dealership], list[Refused]]:
    """Return one dealership per kactl.toml that lists found workbooks, and one per other
    workbook; a workbook whose folder's kactl.toml cannot be read is refused."""
    configs: dict[Path, Config | KactlError | None] = {}
    dealers: dict[frozenset[Path], Dealership] = {}
    refused: list[Refused] = []
    for found in files:
        file, folder = found.path, found.path.parent
        if folder not in configs:
            configs[folder] = _folder_config(folder)
        own = configs[folder]
        if isinstance(own, KactlError):
            refused.append(Refused(file.stem, str(file), own.text()))
            continue
        listed = own is not None and _lists(own, file)
        if own is not None and not listed and not found.named:
            continue  # a form or an export beside the dealership's own workbooks
        dealer = _dealership(file, own if listed else None, config)
        dealers.setdefault(frozenset(p.resolve() for p in dealer.paths), dealer)
    return sorted(dealers.values(), key=lambda d: d.file), refused


def _lists(own: Config, file: Path) -> bool:
    return any(p.resolve() == file.resolve() for p in own.workbooks)


def _folder_config(folder: Path) -> Config | KactlError | None:
    path = folder / CONFIG_NAME
    if not path.is_file():
        return None
    try:
        return load(path)
    except KactlError as exc:
        return exc


def _dealership(file: Path, own: Config | None, config: Config) -> Dealership:
    """Return the dealership of a workbook: its kactl.toml's (`own`, which lists it), else
    one of its own scored with the run's config."""
    if own is None:
        return Dealership(file.stem, (file,), replace(config, dealer=file.stem))
    # The dealership's own settings (models, aliases, weights, timeliness) score it, over all
    # its workbooks; the file found comes first, so that it names the dealership in the output.
    others = tuple(p for p in own.workbooks if p.resolve() != file.resolve())
    name = own.dealer or file.stem
    return Dealership(name, (file, *others), replace(own, dealer=name))


def distinct_names(dealers: list[Dealership]) -> list[Dealership]:
    """Return the dealerships with every shared name followed by the dealership's file."""
    counts = Counter(d.name for d in dealers)
    out = []
    for d in dealers:
        if counts[d.name] > 1:
            name = f"{d.name}（{d.file}）"
            d = replace(d, name=name, config=replace(d.config, dealer=name))
        out.append(d)
    return out
