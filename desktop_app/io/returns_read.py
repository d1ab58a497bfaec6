"""Opening a returned workbook: the same safety checks as the workbook import
(io/readers.py: not a zip bomb, no DTD, not an .xls), then the hidden signature.

A file without the signature, with a tampered one, or made by a template version this
program does not know is refused here with one reason; the sheets' cells come back for
the collector to check cell by cell.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.domain.parsing import MAX_YEAR, MIN_YEAR
from desktop_app.domain.periods import Quarter
from desktop_app.i18n import register, t
from desktop_app.io import returns_sheets as R
from desktop_app.io.readers import FileRefused, inspect_workbook, read_sheets

R_BAD_QUARTER_TEXT = "the signature names quarter “{quarter}”, which is not a quarter from 2000Q1 to 2100Q4; send the unit a new workbook"  # noqa: E501

register(
    {
        "no signature: not a return workbook made by “returns make” (or its hidden signature sheet was removed); send the unit a new workbook": "无签名:不是由“生成季度报送表”制作的工作簿(或其隐藏签名表已被删除);请重新发给单位一份报送表",  # noqa: E501
        "the signature was tampered with (it no longer matches its contents); send the unit a new workbook": "签名已被改动(与内容不符);请重新发给单位一份报送表",  # noqa: E501
        "made with template version {found}, which this program does not know (it reads version {known}); update the program or send a new workbook": "报送表模板版本为 {found},本程序无法识别(支持版本 {known});请升级程序或重新发送报送表",  # noqa: E501
        R_BAD_QUARTER_TEXT: "签名中的季度“{quarter}”不是 2000Q1 至 2100Q4 之间的季度;请重新发给单位一份报送表",  # noqa: E501
        "missing sheet “{sheet}”; sheets must not be renamed or deleted": "缺少工作表“{sheet}”;请勿重命名或删除工作表",  # noqa: E501
    }
)


@dataclass(frozen=True)
class ReturnFile:
    path: Path
    sha256: str
    signature: R.Signature
    sheets: dict[str, list[list[Any]]]  # sheet id (milestones, indicators, progress) → cells


class ReturnRefused(Exception):
    """The file is refused as a whole; the message is the one-line reason (no file name)."""


def _signature(rows: list[list[Any]]) -> R.Signature:
    values: dict[str, str] = {}
    payload = []
    for row in rows:
        if len(row) < 2:
            continue
        label, value = R.canon(row[0]), R.canon(row[1]) if row[1] is not None else ""
        if label == "payload":
            payload.append(str(row[1]))
        elif label:
            values[label] = value
    values.setdefault("token", "")  # workbooks made before collect became three-way
    if values.get("magic") != R.MAGIC:
        raise ReturnRefused(t(R_NO_SIGNATURE))
    version = values.get("template_version", "")
    if not version.isdigit() or int(version) not in R.KNOWN_VERSIONS:
        raise ReturnRefused(
            t(R_UNKNOWN_VERSION, found=version or "?", known=", ".join(map(str, R.KNOWN_VERSIONS)))
        )
    try:
        data = json.loads("".join(payload))
        sig = R.Signature(
            project_no=int(data["project_no"]),
            quarter=str(data["quarter"]),
            version=int(data["version"]),
            lang=str(data["lang"]),
            milestones=tuple(str(c) for c in data["milestones"]),
            indicators=tuple(str(c) for c in data["indicators"]),
            cells=_cells(data["cells"]),
            token=str(data.get("token", "")),
        )
    except (ValueError, KeyError, TypeError, AttributeError, OverflowError) as exc:
        raise ReturnRefused(t(R_TAMPERED)) from exc
    expected = {
        "template_version": str(sig.version),
        "project_no": str(sig.project_no),
        "quarter": sig.quarter,
        "keys_sha256": R.keys_hash(list(sig.milestones), list(sig.indicators)),
        "digest": sig.digest(),
        "token": sig.token,
    }
    if (
        any(values.get(k) != v for k, v in expected.items())
        or data.get("keys_sha256") != expected["keys_sha256"]
        or sig.lang not in ("zh", "en")
    ):
        raise ReturnRefused(t(R_TAMPERED))
    if not valid_quarter(sig.quarter):
        raise ReturnRefused(t(R_BAD_QUARTER, quarter=sig.quarter[:20]))
    return sig


def _cells(raw: Any) -> dict[str, list[list[Any]]]:
    """The locked-cell copy, shaped as the maker writes it ([row, column, text] per known
    sheet); anything else — a forger's consistent but odd payload — is a `ValueError`."""
    if not isinstance(raw, dict):
        raise ValueError("cells")
    out: dict[str, list[list[Any]]] = {}
    for sid, entries in raw.items():
        if sid not in SHEET_TITLES or not isinstance(entries, list):
            raise ValueError("cells")
        for e in entries:
            ok = isinstance(e, list) and len(e) == 3 and isinstance(e[2], str)
            if not ok or any(type(x) is not int or not 0 <= x < 1_048_576 for x in e[:2]):
                raise ValueError("cells")
        out[sid] = entries
    return out


def valid_quarter(text: str) -> bool:
    """`YYYYQn` with a year the program keeps (2000–2100): a re-signed `2026Q5` or `0000Q1`
    is refused as bad input, never left to fail later."""
    try:
        q = Quarter.parse(text)
    except ValueError:
        return False
    return MIN_YEAR <= q.year <= MAX_YEAR


R_NO_SIGNATURE = "no signature: not a return workbook made by “returns make” (or its hidden signature sheet was removed); send the unit a new workbook"  # noqa: E501
R_TAMPERED = "the signature was tampered with (it no longer matches its contents); send the unit a new workbook"  # noqa: E501
R_BAD_QUARTER = R_BAD_QUARTER_TEXT
R_UNKNOWN_VERSION = "made with template version {found}, which this program does not know (it reads version {known}); update the program or send a new workbook"  # noqa: E501

SHEET_TITLES = {"milestones": R.MILESTONES, "indicators": R.INDICATORS, "progress": R.PROGRESS}


def read_return(path: Path) -> ReturnFile:
    """The signature and cells of a returned workbook, or `ReturnRefused` with the reason."""
    try:
        info = inspect_workbook(path)
        if R.SIGNATURE_SHEET not in info.sheets:
            raise ReturnRefused(t(R_NO_SIGNATURE))
        sig = _signature(read_sheets(path, [R.SIGNATURE_SHEET])[R.SIGNATURE_SHEET])
        titles = {sid: R.title(pair, sig.lang) for sid, pair in SHEET_TITLES.items()}
        for title in titles.values():
            if title not in info.sheets:
                raise ReturnRefused(
                    t("missing sheet “{sheet}”; sheets must not be renamed or deleted", sheet=title)
                )
        cells = read_sheets(path, list(titles.values()))
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except FileRefused as exc:
        # The reader's reasons start with the file name; the collector adds its own.
        text = str(exc)
        if text.startswith(str(path)):
            text = text[len(str(path)) :].lstrip(":：　 ")
        raise ReturnRefused(text) from exc
    return ReturnFile(path, digest, sig, {sid: cells[title] for sid, title in titles.items()})
