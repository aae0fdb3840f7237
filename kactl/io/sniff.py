"""Which workbook format a file holds, judged by its content, not its name.

Everything that is not a readable workbook ends here in an InputError that says what the file
is instead (a folder, an empty file, a CSV, a web page, a Word document, an encrypted file...).
"""

from __future__ import annotations

import codecs
import stat
import zipfile
import zlib
from pathlib import Path

from kactl.errors import InputError
from kactl.io._cfb import MAGIC as OLE_MAGIC
from kactl.io._cfb import CfbError, open_compound

# What zipfile raises on a damaged archive: bad structure, bad deflate data, an unknown method
# or version, names that are not UTF-8, offsets out of range (ValueError).
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error,
              NotImplementedError, ValueError)

_HEAD = 64 * 1024
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_SMALL_PART = 1024 * 1024  # bound for reading [Content_Types].xml, mimetype, manifest

# Content types of the main part, which name the package kind even where parts are elsewhere.
_MAIN_TYPES = (
    (b"spreadsheetml.sheet.main+xml", "xlsx"),
    (b"spreadsheetml.template.main+xml", "xlsx"),
    (b"ms-excel.sheet.macroEnabled.main+xml", "xlsm"),
    (b"ms-excel.template.macroEnabled.main+xml", "xlsm"),
    (b"ms-excel.sheet.binary.macroEnabled.main", "xlsb"),
)


def encrypted(path: Path) -> InputError:
    """Return the error for a password-protected workbook, whichever layer noticed it."""
    return InputError(
        "文件已加密（设有密码），kactl 无法读取；请在 Excel 中取消密码后另存",
        "the workbook is encrypted (password-protected); remove the password in Excel and "
        "save a copy",
        file=path,
    )


def damaged(path: Path, zh_detail: str, en_detail: str) -> InputError:
    """Return the error for a file whose container is broken."""
    return InputError(
        f"文件已损坏或不完整（{zh_detail}），可能是下载或复制未完成；请重新获取原文件",
        f"the file is damaged or incomplete ({en_detail}), perhaps an unfinished download or "
        "copy; get the original file again",
        file=path,
    )


def detect_format(path: Path) -> str:
    """Return 'xlsx', 'xlsm', 'xls', 'ods' or 'xlsb'; InputError for anything else."""
    head = _read_head(path)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_format(path)
    if head.startswith(OLE_MAGIC):
        return _ole_format(path)
    raise _not_a_workbook(path, head)


def _read_head(path: Path) -> bytes:
    """Return the file's first bytes, refusing what is not a readable, non-empty regular file."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError("文件不存在", "the file does not exist", file=path) from None
    except OSError as exc:
        raise _unreadable(path, exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(
            "这是一个文件夹，不是工作簿文件", "this is a folder, not a workbook file", file=path
        )
    if not stat.S_ISREG(info.st_mode):
        # A FIFO or a device would block or never end; only regular files are read.
        raise InputError(
            "这不是普通文件（可能是设备或管道），不是工作簿",
            "this is not a regular file (a device or a pipe), not a workbook",
            file=path,
        )
    if info.st_size == 0:
        raise InputError(
            "文件是空的（0 字节），不是工作簿；可能是下载或复制未完成",
            "the file is empty (0 bytes), not a workbook; perhaps an unfinished download or copy",
            file=path,
        )
    try:
        with path.open("rb") as handle:
            return handle.read(_HEAD)
    except OSError as exc:
        raise _unreadable(path, exc) from None


def _unreadable(path: Path, exc: OSError) -> InputError:
    if isinstance(exc, PermissionError):
        return InputError(
            "没有读取该文件的权限", "permission denied: kactl may not read this file", file=path
        )
    return InputError(
        f"无法读取文件（{exc.strerror or exc}）", f"cannot read the file ({exc.strerror or exc})",
        file=path,
    )


def _zip_format(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
            if "mimetype" in names:
                return _opendocument_format(path, package)
            content_types = _small_part(package, "[Content_Types].xml", names)
    except ZIP_ERRORS:
        raise damaged(path, "ZIP 结构无效", "invalid ZIP structure") from None
    except OSError as exc:
        raise _unreadable(path, exc) from None
    return _ooxml_format(path, names, content_types)


def _small_part(package: zipfile.ZipFile, name: str, names: set[str]) -> bytes:
    """Return up to 1 MB of a member (a hostile member cannot make this inflate more)."""
    if name not in names:
        return b""
    if package.getinfo(name).flag_bits & 1:
        return b""  # zip-encrypted: the guard refuses the file as encrypted
    with package.open(name) as member:
        return member.read(_SMALL_PART)


def _ooxml_format(path: Path, names: set[str], content_types: bytes) -> str:
    for marker, fmt in _MAIN_TYPES:
        if marker in content_types:
            return "xlsm" if fmt == "xlsx" and "xl/vbaProject.bin" in names else fmt
    if "xl/workbook.xml" in names:
        return "xlsm" if "xl/vbaProject.bin" in names else "xlsx"
    if "xl/workbook.bin" in names:
        return "xlsb"
    if "word/document.xml" in names or b"wordprocessingml" in content_types:
        raise _other_document(path, "Word 文档", "a Word document")
    if any(n.startswith("ppt/") for n in names) or b"presentationml" in content_types:
        raise _other_document(path, "PowerPoint 演示文稿", "a PowerPoint presentation")
    raise InputError(
        "这是一个 ZIP 压缩包，不是工作簿；如果工作簿在里面，请先解压",
        "this is a ZIP archive, not a workbook; if the workbook is inside it, extract it first",
        file=path,
    )


def _opendocument_format(path: Path, package: zipfile.ZipFile) -> str:
    names = set(package.namelist())
    mime = _small_part(package, "mimetype", names).strip()
    if mime != _ODS_MIME:
        kind = mime.decode("ascii", "replace") or "unknown"
        raise _other_document(path, f"OpenDocument 文件（{kind}），不是表格", f"an OpenDocument "
                              f"file ({kind}) but not a spreadsheet")
    # ODF encrypts parts inside an ordinary zip; the manifest says so per part.
    if b"encryption-data" in _small_part(package, "META-INF/manifest.xml", names):
        raise encrypted(path)
    return "ods"


def _other_document(path: Path, zh_kind: str, en_kind: str) -> InputError:
    return InputError(
        f"这是{zh_kind}，不是工作簿", f"this is {en_kind}, not a workbook", file=path
    )


def _ole_format(path: Path) -> str:
    try:
        with open_compound(path) as compound:
            names = set(compound.stream_names())
    except CfbError:
        raise damaged(path, "OLE 复合文档结构无效", "invalid OLE compound-document structure") \
            from None
    except OSError as exc:
        raise _unreadable(path, exc) from None
    # Encrypted .xlsx/.xlsm/.xlsb are an OLE2 file holding the encrypted zip.
    if {"EncryptionInfo", "EncryptedPackage"} & names:
        raise encrypted(path)
    if {"Workbook", "Book"} & names:
        return "xls"
    raise InputError(
        "这是旧版 Office 文件，但不是 Excel 工作簿（例如 Word 的 .doc）",
        "this is an old-style Office file but not an Excel workbook (e.g. a Word .doc)",
        file=path,
    )


def _not_a_workbook(path: Path, head: bytes) -> InputError:
    """Say what a non-container file is: a web page, XML, text/CSV, or unrecognised bytes."""
    text = _as_text(head)
    if text is not None:
        lowered = text.lstrip().lower()
        if lowered.startswith(("<!doctype html", "<html", "mime-version:")) or "<table" in lowered:
            return InputError(
                "这是网页（HTML）文件，只是名字像工作簿，不是真正的工作簿；"
                "请在 Excel 中打开并另存为 .xlsx",
                "this is a web page (HTML) saved with a workbook's name, not a real workbook; "
                "open it in Excel and save as .xlsx",
                file=path,
            )
        if "urn:schemas-microsoft-com:office:spreadsheet" in lowered:
            return InputError(
                "这是 Excel 2003 XML 表格，kactl 无法读取；请在 Excel 中打开并另存为 .xlsx",
                "this is an Excel 2003 XML spreadsheet, which kactl cannot read; open it in "
                "Excel and save as .xlsx",
                file=path,
            )
        return InputError(
            "这是文本/CSV 文件，不是工作簿；请在 Excel 中打开并另存为 .xlsx",
            "this is a text/CSV file, not a workbook; open it in Excel and save as .xlsx",
            file=path,
        )
    return InputError(
        "无法识别的文件格式：不是 .xlsx/.xlsm/.xls/.ods 工作簿（文件可能已损坏）",
        "unrecognised file format: not an .xlsx/.xlsm/.xls/.ods workbook (the file may be "
        "damaged)",
        file=path,
    )


def _as_text(head: bytes) -> str | None:
    """Return the head decoded if it reads as text (UTF-8/16 or GB18030), else None."""
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return _decoded(head[len(bom) :], encoding)
    if b"\x00" in head:
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        text = _decoded(head, encoding)
        if text is not None:
            return text
    return None


def _decoded(data: bytes, encoding: str) -> str | None:
    # The head may cut a multi-byte character at its end: decode incrementally, not finally.
    try:
        text = codecs.getincrementaldecoder(encoding)().decode(data, final=False)
    except UnicodeDecodeError:
        return None
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\r\n\f")
    return text if controls <= len(text) // 100 else None
