"""Keep the Chinese translation of the Qt interface up to date.

    python scripts/i18n.py update           # lupdate: collect tr() strings into the .ts
    python scripts/i18n.py fill FILE.json   # fill unfinished entries from {english: 中文}
    python scripts/i18n.py compile          # lrelease: .ts → .qm (fill runs it too)
    python scripts/i18n.py missing          # list sources that still have no translation

English is the source language; `resources/translations/key_projects_zh_CN.ts` holds
the Chinese, and the committed `.qm` is what the app loads.
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "key_projects_zh_CN.ts"
QM = TS.with_suffix(".qm")


def ui_sources() -> list[Path]:
    return sorted((ROOT / "desktop_app" / "ui").rglob("*.py"))


def update(ts: Path = TS) -> None:
    ts.parent.mkdir(parents=True, exist_ok=True)
    files = [str(p) for p in ui_sources()]
    subprocess.run(
        [
            "pyside6-lupdate",
            *files,
            "-no-obsolete",
            "-source-language",
            "en",
            "-target-language",
            "zh_CN",
            "-ts",
            str(ts),
        ],
        check=True,
        capture_output=True,
    )


def compile_qm(ts: Path = TS, qm: Path = QM) -> None:
    subprocess.run(["pyside6-lrelease", str(ts), "-qm", str(qm)], check=True, capture_output=True)


def unfinished(ts: Path = TS) -> list[tuple[str, str]]:
    """(context, source) of every message without a finished translation."""
    out = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name", "")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if (
                tr is None
                or tr.get("type") in ("unfinished", "vanished", "obsolete")
                or not (tr.text or "").strip()
            ):
                if tr is not None and tr.get("type") in ("vanished", "obsolete"):
                    continue
                out.append((name, msg.findtext("source", "")))
    return out


def fill(mapping: dict[str, str], ts: Path = TS) -> int:
    tree = ET.parse(ts)
    count = 0
    for msg in tree.getroot().iter("message"):
        tr = msg.find("translation")
        source = msg.findtext("source", "")
        if tr is not None and tr.get("type") == "unfinished" and source in mapping:
            tr.text = mapping[source]
            del tr.attrib["type"]
            count += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    compile_qm(ts)
    return count


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    cmd = argv[0]
    if cmd == "update":
        update()
        print(f"{TS.name}: {len(unfinished())} unfinished")
    elif cmd == "fill":
        mapping = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        print(f"filled {fill(mapping)}; {len(unfinished())} unfinished")
    elif cmd == "compile":
        compile_qm()
    elif cmd == "missing":
        for ctx, source in unfinished():
            print(f"{ctx}\t{source}")
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
