"""Opening a workbook someone sent us, refusing what is not a plain .xlsx, cheaply.

Checks run on bytes and the zip directory before any cell is read: the wrong format
(.xls, .csv, a renamed file), an empty or password-protected file, XML with a DTD
(entity expansion), merged cells, and sheets over the row limit — a million rows are
refused after reading the sheet's dimension, not after loading them.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from desktop_app.i18n import register, t
from desktop_app.io.sheets import MAX_ROWS

register(
    {
        "{file}: no such file": "{file}:文件不存在",
        "{file}: the file is empty": "{file}:文件为空",
        "{file}: an old Excel 97–2003 workbook (.xls); save it as .xlsx and import that": "{file}:这是旧版 Excel 97–2003 工作簿(.xls),请另存为 .xlsx 后再导入",  # noqa: E501
        "{file}: a CSV file cannot be imported; import the .xlsx workbook": "{file}:不能导入 CSV 文件,请导入 .xlsx 工作簿",  # noqa: E501
        "{file}: the workbook is password-protected; remove the password and try again": "{file}:工作簿设有密码,请取消密码后再导入",  # noqa: E501
        "{file}: not an Excel workbook (.xlsx)": "{file}:不是 Excel 工作簿(.xlsx)",
        "{file}: the workbook is damaged ({reason})": "{file}:工作簿已损坏({reason})",
        "{file}: the workbook contains an XML DTD, which is not allowed": "{file}:工作簿包含 XML DTD,不允许导入",  # noqa: E501
        "{file}: the workbook is too large to import": "{file}:工作簿过大,无法导入",
        "merged cells ({ref}); unmerge them": "存在合并单元格({ref}),请取消合并",
        "{n} rows; at most {limit} rows per sheet": "共 {n} 行,每个工作表最多 {limit} 行",
    }
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
#: A sheet's XML beyond this many bytes uncompressed is refused (zip bombs).
MAX_PART_BYTES = 1 << 30
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"')
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z0-9:]+)"')


class FileRefused(Exception):
    """The whole file is unusable (one reason, no sheet or row)."""


@dataclass(frozen=True)
class SheetProblem:
    sheet: str
    reason: str


@dataclass(frozen=True)
class WorkbookInfo:
    path: Path
    sheets: dict[str, str]  # sheet title → zip member of its XML
    problems: tuple[SheetProblem, ...]


def _sniff(path: Path) -> None:
    name = str(path)
    if not path.is_file():
        raise FileRefused(t("{file}: no such file", file=name))
    suffix = path.suffix.lower()
    with path.open("rb") as fh:
        head = fh.read(8)
    if not head:
        raise FileRefused(t("{file}: the file is empty", file=name))
    if head.startswith(OLE_MAGIC):
        data = path.read_bytes()
        if "EncryptionInfo".encode("utf-16-le") in data or b"EncryptedPackage" in data:
            raise FileRefused(
                t(
                    "{file}: the workbook is password-protected; remove the password and try again",
                    file=name,
                )
            )
        raise FileRefused(
            t(
                "{file}: an old Excel 97–2003 workbook (.xls); save it as .xlsx and import that",
                file=name,
            )
        )
    if suffix == ".xls":
        raise FileRefused(
            t(
                "{file}: an old Excel 97–2003 workbook (.xls); save it as .xlsx and import that",
                file=name,
            )
        )
    if suffix in (".csv", ".txt"):
        raise FileRefused(
            t("{file}: a CSV file cannot be imported; import the .xlsx workbook", file=name)
        )
    if not head.startswith(ZIP_MAGIC):
        raise FileRefused(t("{file}: not an Excel workbook (.xlsx)", file=name))


def _no_dtd(zf: zipfile.ZipFile, name: str, member: zipfile.ZipInfo) -> None:
    with zf.open(member) as fh:
        head = fh.read(4096)
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise FileRefused(
            t("{file}: the workbook contains an XML DTD, which is not allowed", file=name)
        )


def _sheet_parts(zf: zipfile.ZipFile, name: str) -> dict[str, str]:
    """Sheet title → XML member, from workbook.xml and its relationships (defused XML)."""
    from defusedxml import ElementTree

    try:
        wb = ElementTree.fromstring(zf.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except KeyError as exc:
        raise FileRefused(t("{file}: not an Excel workbook (.xlsx)", file=name)) from exc
    except Exception as exc:
        raise FileRefused(
            t("{file}: the workbook is damaged ({reason})", file=name, reason=type(exc).__name__)
        ) from exc
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_NS_PKG}Relationship")}
    out: dict[str, str] = {}
    for sheet in wb.iter(f"{_NS_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_NS_REL}id"), "")
        member = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        out[sheet.get("name", "")] = member
    return out


def _count_rows(data: bytes) -> int:
    """`<row` elements in a stretch of sheet XML (bytes.count: C speed, no regex)."""
    return data.count(b"<row ") + data.count(b"<row>") + data.count(b":row ")


def _scan_sheet(zf: zipfile.ZipFile, member: str) -> tuple[int, str | None]:
    """(data rows, first merged range) streamed from the sheet XML, stopping at the limit."""
    rows = 0
    merged: str | None = None
    tail = b""  # the last bytes of the previous chunk: a tag split across chunks is seen once
    with zf.open(member) as fh:
        first = True
        while True:
            chunk = fh.read(1 << 20)
            if not chunk:
                break
            data = tail + chunk
            if first:
                first = False
                dim = _DIMENSION.search(data[:4096])
                if dim and dim.group(1) and int(dim.group(1)) - 1 > MAX_ROWS:
                    return int(dim.group(1)) - 1, None
            # A 4-byte tail cannot hold a whole 5-byte tag, so no tag is counted twice.
            rows += _count_rows(data) - _count_rows(tail)
            if merged is None and b"mergeCell " in data and (m := _MERGE.search(data)):
                merged = m.group(1).decode()
            if rows - 1 > MAX_ROWS:
                return rows - 1, merged
            tail = data[-64:]
    return max(rows - 1, 0), merged


def inspect_workbook(path: str | Path, wanted: set[str] | None = None) -> WorkbookInfo:
    """Refuse an unusable file (`FileRefused`); list sheet-level problems of the wanted sheets."""
    path = Path(path)
    name = str(path)
    _sniff(path)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise FileRefused(t("{file}: not an Excel workbook (.xlsx)", file=name)) from exc
    with zf:
        try:
            return _inspect(zf, path, name, wanted)
        except RuntimeError as exc:  # zipfile: "File … is encrypted, password required"
            if "encrypted" not in str(exc):
                raise
            raise FileRefused(
                t(
                    "{file}: the workbook is password-protected; remove the password and try again",
                    file=name,
                )
            ) from exc
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:  # a bad CRC, a cut
            raise FileRefused(
                t("{file}: the workbook is damaged ({reason})", file=name, reason=str(exc)[:120])
            ) from exc


def _inspect(zf: zipfile.ZipFile, path: Path, name: str, wanted: set[str] | None) -> WorkbookInfo:
    """The checks of `inspect_workbook` on an open zip (its errors mapped by the caller)."""
    members = {i.filename: i for i in zf.infolist()}
    if "xl/workbook.xml" not in members:
        raise FileRefused(t("{file}: not an Excel workbook (.xlsx)", file=name))
    for member in members.values():
        if member.filename.endswith((".xml", ".rels")):
            if member.file_size > MAX_PART_BYTES:
                raise FileRefused(t("{file}: the workbook is too large to import", file=name))
            _no_dtd(zf, name, member)
    sheets = _sheet_parts(zf, name)
    problems: list[SheetProblem] = []
    for title, part in sheets.items():
        if wanted is not None and title not in wanted:
            continue
        if part not in members:
            raise FileRefused(
                t("{file}: the workbook is damaged ({reason})", file=name, reason=part)
            )
        rows, merged = _scan_sheet(zf, part)
        if rows > MAX_ROWS:
            problems.append(
                SheetProblem(
                    title, t("{n} rows; at most {limit} rows per sheet", n=rows, limit=MAX_ROWS)
                )
            )
        if merged:
            problems.append(
                SheetProblem(title, t("merged cells ({ref}); unmerge them", ref=merged))
            )
    return WorkbookInfo(path, sheets, tuple(problems))


def read_sheets(path: Path, titles: list[str]) -> dict[str, list[list[Any]]]:
    """The cells of the named sheets as Python values (python-calamine, the fastest reader).

    pandas' `engine="calamine"` calls the same library and then builds a DataFrame we
    would only take apart again; reading it directly keeps the validation budget.
    """
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
        return {
            title: wb.get_sheet_by_name(title).to_python(skip_empty_area=False) for title in titles
        }
    except Exception as exc:
        raise FileRefused(
            t("{file}: the workbook is damaged ({reason})", file=str(path), reason=str(exc)[:120])
        ) from exc
