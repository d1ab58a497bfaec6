"""Run every benchmark script in `benchmarks/` and print one table of their results.

    python benchmarks/run_all.py [--smoke] [--runs N] [--only NAME ...] [--write-doc]

Each script prints result lines (see `harness.result_line` / `harness.metric_line`); every
such line becomes a row: name, value, floor (or target), ratio, peak RSS. `--write-doc`
also writes the table with this machine's description to `docs/benchmarks.md`.
Benchmarks never fail on time: a script that crashes is listed as failed and the exit
status is 1; slow numbers are only numbers.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
#: The order of the table; any other script found is appended after these.
ORDER = ("startup", "timeline", "brief", "excel", "portfolio_load", "latency", "bundle_startup")
#: Modules here that are not benchmarks.
NOT_BENCHMARKS = {"harness", "floors", "scale_data", "run_all"}

RESULT = re.compile(
    r"^(?P<name>[^:\n]+): (?P<value>[\d.]+) s vs floor (?P<floor>[\d.]+) s = ratio "
    r"(?P<ratio>[\d.]+|nan)(?: \(peak RSS (?P<rss>\d+) MB, floor (?P<floor_rss>\d+) MB\))?"
    r"(?P<rest>.*)$"
)
METRIC = re.compile(
    r"^(?P<name>[^:\n]+): (?P<value>[\d.]+) (?P<unit>\w+) \(target <= (?P<target>[\d.]+) \w+\)"
)


@dataclass(frozen=True)
class Row:
    script: str
    name: str
    value: str
    floor: str
    ratio: str
    rss: str
    note: str = ""


def scripts() -> list[str]:
    found = {
        p.stem
        for p in BENCH_DIR.glob("*.py")
        if p.stem not in NOT_BENCHMARKS and not p.stem.startswith(("_", "test"))
    }
    return [n for n in ORDER if n in found] + sorted(found - set(ORDER))


def parse(script: str, output: str) -> list[Row]:
    rows: list[Row] = []
    for line in output.splitlines():
        if m := RESULT.match(line.strip()):
            rss = f"{m['rss']} / {m['floor_rss']}" if m["rss"] else ""
            rows.append(
                Row(
                    script,
                    m["name"],
                    f"{m['value']} s",
                    f"{m['floor']} s",
                    m["ratio"],
                    rss,
                    m["rest"].strip("; ").strip(),
                )
            )
        elif m := METRIC.match(line.strip()):
            ratio = float(m["value"]) / float(m["target"])
            rows.append(
                Row(
                    script,
                    m["name"],
                    f"{m['value']} {m['unit']}",
                    f"target {m['target']} {m['unit']}",
                    f"{ratio:.2f}",
                    "",
                )
            )
    return rows


def run(script: str, extra: list[str], timeout: float) -> tuple[list[Row], float, str]:
    """Rows, seconds taken and, when it failed, the reason (the tail of stderr)."""
    started = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, str(BENCH_DIR / f"{script}.py"), *extra],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
    except subprocess.TimeoutExpired:
        return [], time.perf_counter() - started, f"timed out after {timeout:.0f} s"
    took = time.perf_counter() - started
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        return parse(script, proc.stdout), took, f"exit {proc.returncode}: " + " | ".join(tail)
    rows = parse(script, proc.stdout)
    if not rows:
        last = proc.stdout.strip().splitlines()[-1:] or ["no output"]
        return [], took, "no result line: " + last[0]
    return rows, took, ""


def machine() -> list[str]:
    def first(path: str, key: str) -> str:
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(key):
                    return line.split(":", 1)[1].strip() if ":" in line else line.split("=", 1)[1]
        except OSError:
            pass
        return "?"

    mem_kb = first("/proc/meminfo", "MemTotal").split()[0]
    ram = f"{int(mem_kb) / 1024 / 1024:.1f} GiB" if mem_kb.isdigit() else "?"
    os_name = first("/etc/os-release", "PRETTY_NAME").strip('"')
    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    versions = []
    for dist in ("PySide6-Essentials", "SQLAlchemy", "reportlab", "pandas", "pyinstaller"):
        try:
            from importlib.metadata import version

            versions.append(f"{dist} {version(dist)}")
        except Exception:
            continue
    return [
        f"- CPUs (nproc): {os.cpu_count()}",
        f"- CPU model: {first('/proc/cpuinfo', 'model name')}",
        f"- RAM: {ram}",
        f"- OS: {os_name} (kernel {platform.release()})",
        f"- Python: {platform.python_version()} ({platform.python_implementation()})",
        f"- Libraries: {', '.join(versions)}",
        f"- Load average when the run started (1/5/15 min): {load}",
    ]


HEADER = ("benchmark", "value", "floor / target", "ratio", "peak RSS MB (subject / floor)")


def table(rows: list[Row], failures: list[tuple[str, str]]) -> list[str]:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for r in rows:
        name = f"{r.name} ({r.note})" if r.note else r.name
        lines.append(f"| {name} | {r.value} | {r.floor} | {r.ratio} | {r.rss} |")
    for script, reason in failures:
        lines.append(f"| {script} | failed: {reason} | | | |")
    return lines


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--smoke", action="store_true", help="pass --smoke to every script")
    p.add_argument("--runs", type=int, help="pass --runs N to every script")
    p.add_argument("--only", nargs="+", metavar="NAME", help="run only these scripts")
    p.add_argument("--timeout", type=float, default=3600, help="seconds per script")
    p.add_argument("--write-doc", action="store_true", help="write docs/benchmarks.md")
    args = p.parse_args()
    extra = (["--smoke"] if args.smoke else []) + (["--runs", str(args.runs)] if args.runs else [])
    about_machine = machine()  # the load average before we add to it
    started = time.strftime("%Y-%m-%d %H:%M %Z")
    rows: list[Row] = []
    failures: list[tuple[str, str]] = []
    for script in args.only or scripts():
        print(f"running {script} ...", file=sys.stderr, flush=True)
        got, took, reason = run(script, extra, args.timeout)
        rows += got
        print(f"  {script}: {len(got)} result(s) in {took:.0f} s {reason}", file=sys.stderr)
        if reason:
            failures.append((script, reason))
    lines = table(rows, failures)
    print("\n".join(lines))
    if args.write_doc:
        write_doc(lines, about_machine, started, args)
    return 1 if failures else 0


def write_doc(
    lines: list[str], about_machine: list[str], started: str, args: argparse.Namespace
) -> None:
    doc = ROOT / "docs" / "benchmarks.md"
    text = doc.read_text(encoding="utf-8") if doc.exists() else ""
    marker_start, marker_end = "<!-- run_all:start -->", "<!-- run_all:end -->"
    mode = "smoke" if args.smoke else f"runs {args.runs or 'default'}"
    block = "\n".join(
        [
            marker_start,
            f"Run {started} ({mode}), `python benchmarks/run_all.py --write-doc`.",
            "",
            *about_machine,
            "",
            *lines,
            marker_end,
        ]
    )
    if marker_start in text and marker_end in text:
        head, rest = text.split(marker_start, 1)
        text = head + block + rest.split(marker_end, 1)[1]
    else:
        text = (text or "# Benchmarks\n\n") + block + "\n"
    doc.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
