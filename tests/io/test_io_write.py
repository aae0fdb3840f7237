"""atomic_output, backup_copy, excel_lock_path, set_text, csv_safe."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kactl.errors import OutputError
from kactl.io.write import atomic_output, backup_copy, csv_safe, excel_lock_path, set_text


def test_atomic_output_refuses_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(OutputError) as caught, atomic_output(target):
        pass
    assert "--force" in caught.value.zh and "--force" in caught.value.en
    assert "已存在" in caught.value.zh and "exists" in caught.value.en
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["report.xlsx"]


def test_atomic_output_replaces_in_one_rename(tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old")
    with atomic_output(target, overwrite=True) as temp:
        assert temp.parent == tmp_path and temp.suffix == ".xlsx" and temp != target
        assert target.read_bytes() == b"old"  # untouched until the block succeeds
        temp.write_bytes(b"new")
    assert target.read_bytes() == b"new"
    assert os.listdir(tmp_path) == ["report.xlsx"]


def test_atomic_output_writes_a_new_file_with_openpyxl(tmp_path: Path) -> None:
    target = tmp_path / "new.xlsx"
    with atomic_output(target) as temp:
        book = openpyxl.Workbook()
        book.active["A1"] = "ok"
        book.save(temp)
    assert openpyxl.load_workbook(target).active["A1"].value == "ok"
    assert os.listdir(tmp_path) == ["new.xlsx"]


def test_atomic_output_leaves_nothing_on_an_exception(tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_output(target, overwrite=True) as temp:
        temp.write_bytes(b"half")
        raise RuntimeError("boom")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["report.xlsx"]


def test_atomic_output_into_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError), atomic_output(tmp_path / "no" / "such.xlsx"):
        pass


def test_backup_copy_never_overwrites(tmp_path: Path) -> None:
    source = tmp_path / "archive.xlsx"
    source.write_bytes(b"v1")
    first = backup_copy(source)
    second = backup_copy(source)
    assert first != second
    assert first.name.startswith("archive.bak-") and first.suffix == ".xlsx"
    assert len(first.name) == len("archive.bak-YYYYmmdd-HHMMSS.xlsx")
    assert first.read_bytes() == second.read_bytes() == b"v1"


def test_excel_lock_path(tmp_path: Path) -> None:
    book = tmp_path / "archive.xlsx"
    book.write_bytes(b"")
    assert excel_lock_path(book) is None
    lock = tmp_path / "~$archive.xlsx"
    lock.write_bytes(b"")
    assert excel_lock_path(book) == lock


def test_set_text_keeps_a_leading_equals_sign_as_text(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    set_text(sheet["A1"], "=1+1")
    set_text(sheet["A2"], '=HYPERLINK("http://example.com")')
    set_text(sheet["A3"], 42)
    set_text(sheet["A4"], None)
    path = tmp_path / "text.xlsx"
    book.save(path)
    reloaded = openpyxl.load_workbook(path).active
    assert reloaded["A1"].value == "=1+1" and reloaded["A1"].data_type == "s"
    assert reloaded["A2"].data_type == "s"
    assert reloaded["A3"].value == 42
    assert reloaded["A4"].value is None


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+86 138", "'+86 138"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("中国移动", "中国移动"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_csv_safe(value: str, safe: str) -> None:
    assert csv_safe(value) == safe


@given(st.text())
def test_csv_safe_only_ever_prefixes(value: str) -> None:
    safe = csv_safe(value)
    assert safe in (value, "'" + value)
    assert not safe.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_set_text_drops_control_characters_openpyxl_refuses(tmp_path: Path) -> None:
    import openpyxl

    from kactl.io.write import set_text

    book = openpyxl.Workbook()
    set_text(book.active["A1"], "东海\x07电力\x1b")
    book.save(tmp_path / "x.xlsx")
    assert openpyxl.load_workbook(tmp_path / "x.xlsx").active["A1"].value == "东海电力"
