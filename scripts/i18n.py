"""Keep the Chinese translation of the Qt interface up to date.

    python scripts/i18n.py update           # lupdate: collect tr() strings into the .ts
    python scripts/i18n.py fill FILE.json   # fill unfinished entries from {english: 中文}
    python scripts/i18n.py compile          # lrelease: .ts → .qm (fill runs it too)
    python scripts/i18n.py missing          # list sources that still have no translation

English is the source language. The app's messages live in two documented places, one
per kind of text, and `missing` checks both:
- the window (`desktop_app/ui`, `tr()`): `resources/translations/key_projects_zh_CN.ts`,
  compiled to the committed `.qm` the window loads;
- everything outside the window (command line, reports, service messages, `t()`): the
  `{english: 中文}` pairs each module registers next to the code that says them
  (`desktop_app.i18n.register`), so a message and its Chinese are read together.
"""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
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


def catalogue_missing() -> list[tuple[str, str]]:
    """(file:line, text) of every literal `t("…")` outside the window without Chinese."""
    sys.path.insert(0, str(ROOT))
    import desktop_app
    from desktop_app.i18n import has_translation

    for mod in pkgutil.walk_packages(desktop_app.__path__, "desktop_app."):
        if ".ui" in mod.name or mod.name.endswith("__main__") or ".migrations" in mod.name:
            continue
        importlib.import_module(mod.name)  # each module registers its own pairs
    out = []
    for path in sorted((ROOT / "desktop_app").rglob("*.py")):
        if "ui" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "t"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
                and not has_translation(node.args[0].value)
            ):
                rel = path.relative_to(ROOT).as_posix()
                out.append((f"{rel}:{node.lineno}", node.args[0].value))
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
        for ctx, source in [*unfinished(), *catalogue_missing()]:
            print(f"{ctx}\t{source}")
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
