"""Finding a region's workbooks, and naming the dealership each belongs to."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kactl.config import Config
from kactl.errors import InputError, UsageError
from kactl.rollup.discover import discover, find_files, is_workbook_name
from tests.rollup.conftest import TOML_DEALER, Region


def test_folders_are_searched_recursively_skipping_what_is_not_a_workbook(region: Region) -> None:
    found = {f.path.relative_to(region.root).as_posix() for f in find_files([region.root])}
    assert found == {"west.xlsx", "east/东区.xlsx", "east/走访准备表-甲公司.xlsx",
                     "east/sub/south.xlsx", "broken/broken.xlsx"}


@pytest.mark.parametrize(("name", "read"), [
    ("大用户工作簿.xlsx", True), ("old.XLS", True), ("book.ods", True), ("macro.xlsm", True),
    ("~$大用户工作簿.xlsx", False), (".~lock.book.xlsx#", False), (".book.tmp-1a2b.xlsx", False),
    ("book.bak-20080601-120000.xlsx", False), ("kactl-report-2008-05.xlsx", False),
    ("notes.csv", False), ("report.html", False),
])
def test_file_names_that_are_read(name: str, read: bool) -> None:
    assert is_workbook_name(name) is read


def test_the_kactl_toml_names_its_dealership_and_hides_the_forms_beside_it(
        region: Region) -> None:
    dealers, refused = discover([region.root], Config())
    assert refused == []
    by_name = {d.name: d for d in dealers}
    assert set(by_name) == {TOML_DEALER, "west", "south", "broken"}
    east = by_name[TOML_DEALER]
    assert east.paths == (region.workbooks[TOML_DEALER],)
    assert east.config.dealer == TOML_DEALER
    assert east.config.path == region.root / "east" / "kactl.toml"
    assert by_name["west"].config.path is None  # the run's config, named by the file stem


def test_a_file_named_on_the_command_line_is_read_even_beside_a_kactl_toml(
        region: Region) -> None:
    form = region.root / "east" / "走访准备表-甲公司.xlsx"
    dealers, _ = discover([form], Config())
    assert [d.name for d in dealers] == ["走访准备表-甲公司"]


def test_a_dealership_of_several_workbooks_is_scored_once_over_all_of_them(
        tmp_path: Path, region: Region) -> None:
    for name in ("a.xlsx", "b.xlsx"):
        shutil.copy(region.workbooks["west"], tmp_path / name)
    (tmp_path / "kactl.toml").write_text('workbooks = ["a.xlsx", "b.xlsx"]\n', encoding="utf-8")
    dealers, _ = discover([tmp_path], Config())
    assert len(dealers) == 1
    assert [p.name for p in dealers[0].paths] == ["a.xlsx", "b.xlsx"]
    assert dealers[0].name == "a"  # no dealer in the kactl.toml: the first workbook's stem


def test_dealerships_of_the_same_name_are_told_apart_by_their_file(
        tmp_path: Path, region: Region) -> None:
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        shutil.copy(region.workbooks["west"], tmp_path / folder / "大用户工作簿.xlsx")
    names = [d.name for d in discover([tmp_path], Config())[0]]
    assert names == [f"大用户工作簿（{tmp_path / 'one' / '大用户工作簿.xlsx'}）",
                     f"大用户工作簿（{tmp_path / 'two' / '大用户工作簿.xlsx'}）"]


def test_a_broken_kactl_toml_refuses_its_folder_only(tmp_path: Path, region: Region) -> None:
    (tmp_path / "bad").mkdir()
    shutil.copy(region.workbooks["west"], tmp_path / "bad" / "x.xlsx")
    (tmp_path / "bad" / "kactl.toml").write_text("dealer = [\n", encoding="utf-8")
    shutil.copy(region.workbooks["west"], tmp_path / "good.xlsx")
    dealers, refused = discover([tmp_path], Config())
    assert [d.name for d in dealers] == ["good"]
    assert [r.file for r in refused] == [str(tmp_path / "bad" / "x.xlsx")]
    assert "kactl.toml" in refused[0].error


def test_the_same_file_twice_is_one_dealership(region: Region) -> None:
    west = region.workbooks["west"]
    assert len(discover([west, region.root / "west.xlsx"], Config())[0]) == 1


def test_the_output_being_written_is_not_read(region: Region) -> None:
    found = find_files([region.root], skip=[region.root / "west.xlsx"])
    assert region.root / "west.xlsx" not in {f.path for f in found}


def test_a_missing_path_and_an_empty_folder_stop_the_run(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        discover([tmp_path / "nowhere"], Config())
    with pytest.raises(UsageError):
        discover([tmp_path], Config())
