"""The benchmark scripts still run (one tiny `--smoke` run each). No timing is asserted:
benchmarks measure, CI never fails on a slow number."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
sys.path.insert(0, str(BENCH))

import run_all  # noqa: E402

SCRIPTS = run_all.scripts()


def _smoke(script: str, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("KEY_PROJECTS_DB", None)
    return subprocess.run(
        [sys.executable, str(BENCH / f"{script}.py"), "--smoke", *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )


def test_the_suite_has_the_scripts_the_issues_ask_for() -> None:
    assert {"startup", "bundle_startup"} <= set(SCRIPTS)


@pytest.mark.parametrize("script", SCRIPTS)
def test_script_runs_in_smoke_mode(script: str) -> None:
    proc = _smoke(script)
    assert proc.returncode == 0, proc.stderr[-3000:]
    if script == "bundle_startup" and "no bundle at" in proc.stdout:
        return  # the suite does not build bundles; .ci/run builds one and self-tests it
    assert run_all.parse(script, proc.stdout), proc.stdout[-2000:]


def test_run_all_parses_result_and_metric_lines() -> None:
    out = (
        "runs: 5 each\n"
        "startup: 1.234 s vs floor 1.000 s = ratio 1.23 (peak RSS 131 MB, floor 90 MB)\n"
        "timeline: 0.500 s vs floor 0.250 s = ratio 2.00 (peak RSS 200 MB, floor 150 MB)"
        "; scroll repaint 3.10 ms median\n"
        "bundle size on disk: 200.0 MB (target <= 250 MB)\n"
    )
    rows = run_all.parse("x", out)
    assert [(r.name, r.value, r.floor, r.ratio, r.rss) for r in rows] == [
        ("startup", "1.234 s", "1.000 s", "1.23", "131 / 90"),
        ("timeline", "0.500 s", "0.250 s", "2.00", "200 / 150"),
        ("bundle size on disk", "200.0 MB", "target 250 MB", "0.80", ""),
    ]
    assert rows[1].note == "scroll repaint 3.10 ms median"
    table = run_all.table(rows, [("brief", "exit 1: boom")])
    assert table[2].startswith("| startup | 1.234 s | 1.000 s | 1.23 | 131 / 90 |")
    assert table[-1] == "| brief | failed: exit 1: boom | | | |"
