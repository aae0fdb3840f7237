"""Fixtures for the roll-up's tests: a small region of generated dealerships, made once.

The region's folder holds three dealerships of different seeds, one of them named by its
kactl.toml and one in a subfolder, a broken file posing as a workbook, and things a search
must skip: a lock file, a backup, a kactl report and a visit form beside a kactl.toml.
"""

from __future__ import annotations

import importlib
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO

CUSTOMERS = 60
SEEDS = {"east": 11, "west": 22, "south": 33}
TOML_DEALER = "东海市一汽-大众东区店"


@dataclass(frozen=True)
class Region:
    """The generated region: its folder, and each dealership's workbook."""

    root: Path
    workbooks: dict[str, Path]  # dealership name → workbook
    broken: Path


def generate(path: Path, seed: int) -> Path:
    """Write a small valid dealership workbook."""
    sys.path.insert(0, str(REPO / "sample_workbooks"))
    try:
        generator = importlib.import_module("generate")
    finally:
        sys.path.pop(0)
    path.parent.mkdir(parents=True, exist_ok=True)
    generator.build_workbook(path, customers=CUSTOMERS, seed=seed)
    return path


@pytest.fixture(scope="session")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The three dealerships' workbooks, generated once per session."""
    folder = tmp_path_factory.mktemp("generated")
    return {name: generate(folder / f"{name}.xlsx", seed) for name, seed in SEEDS.items()}


@pytest.fixture(scope="session")
def region(tmp_path_factory: pytest.TempPathFactory, workbooks: dict[str, Path]) -> Region:
    """The region's folder (read only: copy it to change it)."""
    root = tmp_path_factory.mktemp("region")
    east = root / "east" / "东区.xlsx"
    west = root / "west.xlsx"
    south = root / "east" / "sub" / "south.xlsx"
    for name, target in (("east", east), ("west", west), ("south", south)):
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(workbooks[name], target)
    (root / "east" / "kactl.toml").write_text(
        f'dealer = "{TOML_DEALER}"\nworkbooks = ["东区.xlsx"]\n', encoding="utf-8"
    )
    broken = root / "broken" / "broken.xlsx"
    broken.parent.mkdir()
    broken.write_bytes(random.Random(6).randbytes(4096))  # random bytes posing as a workbook
    # What a search must skip.
    shutil.copy(workbooks["west"], root / "~$west.xlsx")
    shutil.copy(workbooks["west"], root / "west.bak-20080601-120000.xlsx")
    shutil.copy(workbooks["west"], root / "kactl-report-2008-05.xlsx")
    shutil.copy(workbooks["west"], root / "east" / "走访准备表-甲公司.xlsx")  # unlisted: a form
    (root / ".hidden").mkdir()
    shutil.copy(workbooks["west"], root / ".hidden" / "copy.xlsx")
    return Region(root, {TOML_DEALER: east, "west": west, "south": south}, broken)
