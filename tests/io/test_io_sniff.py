"""detect_format: the format by content, and a clear refusal for everything that is not one."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest
from io_helpers import CORPUS, xlsx_with

from kactl.errors import InputError
from kactl.io.read import open_workbook
from kactl.io.sniff import detect_format


def refusal(path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        detect_format(path)
    assert caught.value.file == str(path)
    return caught.value


def assert_says(error: InputError, zh: str, en: str) -> None:
    assert zh in error.zh, error.zh
    assert en in error.en, error.en


def test_missing_path(tmp_path: Path) -> None:
    assert_says(refusal(tmp_path / "nope.xlsx"), "不存在", "does not exist")


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "archive.xlsx"
    folder.mkdir()
    assert_says(refusal(folder), "文件夹", "folder")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX-only")
def test_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.xlsx"
    os.mkfifo(pipe)
    assert_says(refusal(pipe), "不是普通文件", "not a regular file")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="file permissions do not bind root (or on this OS)")
def test_unreadable(tmp_path: Path) -> None:
    path = xlsx_with(tmp_path, "locked.xlsx", {"A1": 1})
    path.chmod(0)
    assert_says(refusal(path), "权限", "permission")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert_says(refusal(path), "0 字节", "empty (0 bytes)")


def test_random_bytes(tmp_path: Path) -> None:
    path = tmp_path / "noise.xlsx"
    path.write_bytes(os.urandom(5000))
    assert_says(refusal(path), "无法识别", "unrecognised file format")


def test_truncated_zip(tmp_path: Path) -> None:
    whole = xlsx_with(tmp_path, "whole.xlsx", {"A1": "客户"}).read_bytes()
    path = tmp_path / "half.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    assert_says(refusal(path), "已损坏或不完整", "damaged or incomplete")


@pytest.mark.parametrize("name", ["export.xlsx", "export.xls"])
@pytest.mark.parametrize("content", [
    "大客户名称,行业\n中国移动,通信\n".encode("gb18030"),
    "大客户名称\t行业\n中国移动\t通信\n".encode(),
    "\ufeff名称,数量\n捷达,3\n".encode(),
    "名称,数量\n".encode("utf-16"),
])
def test_text_and_csv(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert_says(refusal(path), "文本/CSV", "text/CSV file, not a workbook; open it in Excel and "
                "save as .xlsx")


def test_html_saved_as_xls(tmp_path: Path) -> None:
    path = tmp_path / "report.xls"
    path.write_text("<html><body><table><tr><td>捷达</td></tr></table></body></html>", "utf-8")
    assert_says(refusal(path), "网页（HTML）", "web page (HTML)")


def test_spreadsheetml_2003_saved_as_xls(tmp_path: Path) -> None:
    path = tmp_path / "report.xls"
    path.write_text('<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook '
                    'xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>', "utf-8")
    assert_says(refusal(path), "Excel 2003 XML", "Excel 2003 XML spreadsheet")


def test_word_document(tmp_path: Path) -> None:
    path = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", '<Types><Override ContentType="application/vnd.'
                         'openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                         "</Types>")
        package.writestr("word/document.xml", "<document/>")
    assert_says(refusal(path), "Word 文档", "a Word document")


def test_plain_zip(tmp_path: Path) -> None:
    path = tmp_path / "bundle.xlsx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("readme.txt", "hello")
    assert_says(refusal(path), "ZIP 压缩包", "ZIP archive")


def test_opendocument_text(tmp_path: Path) -> None:
    path = tmp_path / "letter.ods"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    assert_says(refusal(path), "不是表格", "not a spreadsheet")


def test_ole_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    # An encrypted .xlsx is an OLE2 file; renaming its streams makes it some other OLE2 file.
    source = CORPUS / "calamine__pass_protected.xlsx"
    if not source.exists():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    data = source.read_bytes()
    for name in ("EncryptionInfo", "EncryptedPackage"):
        data = data.replace(name.encode("utf-16-le"), name.upper().encode("utf-16-le"))
    path = tmp_path / "memo.xls"
    path.write_bytes(data)
    assert_says(refusal(path), "不是 Excel 工作簿", "not an Excel workbook")


@pytest.mark.parametrize("name", [
    "calamine__pass_protected.xlsx", "calamine__pass_protected.xlsb",
    "calamine__pass_protected.ods", "calamine__issue_385.xls", "pycalamine__password.xls",
])
def test_password_protected(name: str) -> None:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    with pytest.raises(InputError) as caught:
        open_workbook(path)
    assert_says(caught.value, "已加密", "encrypted (password-protected)")


def test_corrupt_ole_chain() -> None:
    path = CORPUS / "calamine__OOM_alloc3.xls"
    if not path.exists():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    assert_says(refusal(path), "已损坏", "damaged")


@pytest.mark.parametrize(("name", "fmt"), [
    ("calamine__date_1904.xlsx", "xlsx"), ("calamine__vba.xlsm", "xlsm"),
    ("calamine__date.xls", "xls"), ("calamine__date.ods", "ods"),
    ("calamine__date_1904.xlsb", "xlsb"), ("calamine__minimal_package.xlsx", "xlsx"),
    ("calamine__strict_iso_paths.xlsx", "xlsx"),
])
def test_formats_by_content_not_name(tmp_path: Path, name: str, fmt: str) -> None:
    source = CORPUS / name
    if not source.exists():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    misnamed = tmp_path / "workbook.dat"
    shutil.copyfile(source, misnamed)
    assert detect_format(source) == fmt
    assert detect_format(misnamed) == fmt
