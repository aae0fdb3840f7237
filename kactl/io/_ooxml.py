"""Finding one's way in an OOXML package: the workbook part, its sheets' parts and names.

Parts are located through the relationships, not by fixed paths, because packages exist with
the workbook at the root (minimal packages) or with strict-ISO relationship types. Package XML
is parsed with defusedxml, so it cannot expand entities even before the guard has looked.
"""

from __future__ import annotations

import posixpath
import zipfile
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeTree
from defusedxml import DefusedXmlException

from kactl.io._biff import xlsb_workbook
from kactl.io.sniff import ZIP_ERRORS

_PACKAGE_XML = 16 * 1024 * 1024  # workbook.xml and .rels are small; a larger one is not parsed


def local_name(tag: str) -> str:
    """Return a tag or attribute name without its {namespace}."""
    return tag.rsplit("}", 1)[-1]


def read_part(package: zipfile.ZipFile, name: str) -> bytes | None:
    """Return a small part's bytes, or None if it is absent, too large or unreadable."""
    try:
        info = package.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _PACKAGE_XML or info.flag_bits & 1:
        return None
    try:
        with package.open(info) as member:
            return member.read(_PACKAGE_XML)
    except (*ZIP_ERRORS, OSError):
        return None  # the guard's own pass over every member reports the damage


def parse_part(package: zipfile.ZipFile, name: str) -> Element | None:
    """Return a small XML part's root element, or None where it is absent or not clean XML."""
    data = read_part(package, name)
    if data is None:
        return None
    try:
        root: Element = SafeTree.fromstring(data)
    except (ParseError, DefusedXmlException, ValueError):
        return None
    return root


def workbook_part(package: zipfile.ZipFile) -> str | None:
    """Return the name of the workbook part (the package's officeDocument)."""
    for target, rel_type in _relationships(package, "").values():
        if rel_type.endswith("/officeDocument"):
            return target
    names = set(package.namelist())
    return next((n for n in ("xl/workbook.xml", "xl/workbook.bin") if n in names), None)


def _relationships(package: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Return {id: (target part, type)} of a part's relationships ('' for the package's)."""
    folder, base = posixpath.split(part)
    root = parse_part(package, posixpath.join(folder, "_rels", f"{base}.rels"))
    found: dict[str, tuple[str, str]] = {}
    for rel in root.iter() if root is not None else ():
        target = rel.get("Target")
        if local_name(rel.tag) != "Relationship" or not target or rel.get("TargetMode"):
            continue
        if target.startswith("/"):
            resolved = target.lstrip("/")
        else:
            resolved = posixpath.normpath(posixpath.join(folder, target))
        found[rel.get("Id", "")] = (resolved, rel.get("Type", ""))
    return found


def sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Return {part name: sheet name} for the workbook's sheets ({} where it cannot tell)."""
    book = workbook_part(package)
    if book is None:
        return {}
    rels = _relationships(package, book)
    if book.endswith(".bin"):
        data = read_part(package, book)
        listed = xlsb_workbook(data)[0] if data else []
    else:
        listed = _xml_sheets(parse_part(package, book))
    return {rels[rel_id][0]: name for rel_id, name in listed if rel_id in rels}


def _xml_sheets(root: Element | None) -> list[tuple[str, str]]:
    sheets = []
    for sheet in root.iter() if root is not None else ():
        if local_name(sheet.tag) != "sheet":
            continue
        rel_id = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), "")
        sheets.append((rel_id, sheet.get("name", "")))
    return sheets


def date1904(package: zipfile.ZipFile) -> bool:
    """Return the workbook's 1904 date-system flag (`<workbookPr date1904="1">`)."""
    book = workbook_part(package)
    if book is None:
        return False
    if book.endswith(".bin"):
        data = read_part(package, book)
        return xlsb_workbook(data)[1] if data else False
    root = parse_part(package, book)
    # Only the workbook's own workbookPr counts: an x15:workbookPr inside extLst is another
    # element, and taking it for the first would reset the flag (calamine issue #706).
    for child in root if root is not None else ():
        if local_name(child.tag) == "workbookPr":
            return child.get("date1904", "").strip().lower() in ("1", "true")
    return False
