"""Shared machinery for the benchmark scripts: timed child processes, medians, the last line.

Every benchmark runs its subject and its floor as fresh processes, alternating, and
reports the medians. Peak memory is the child's own `ru_maxrss` (from `os.wait4`), so
two runs never mix their numbers. Each script ends with one line that `run_all.py` parses:

    <name>: <value s> vs floor <floor s> = ratio <r> (peak RSS <app MB> MB, floor <floor MB> MB)
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Printed by the app (`ui/app.py`) and the floors once their window has painted its first
#: frame (on the next turn of the event loop): a child that
#: prints it is timed from spawn to that moment, else from spawn to exit.
SHOWN = re.compile(r"^KEY_PROJECTS_SHOWN_AT ([0-9.]+)$", re.M)
BENCH_DIR = ROOT / "benchmarks"


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss_mb: float


@dataclass(frozen=True)
class Summary:
    seconds: float  # median
    peak_rss_mb: float  # largest seen over the runs

    @staticmethod
    def of(runs: Sequence[Run]) -> Summary:
        return Summary(statistics.median(r.seconds for r in runs), max(r.peak_rss_mb for r in runs))


def base_env(**extra: str) -> dict[str, str]:
    """The environment of a benchmark child: offscreen Qt, no stray database override, and
    bytecode caching on (as for an installed app or the bundle: without it every start
    recompiles the app's ~100 modules)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **extra}
    env.pop("KEY_PROJECTS_DB", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def timed_run(
    cmd: Sequence[str], *, env: dict[str, str], cwd: Path | None = None, timeout: float = 120
) -> Run:
    """Wall time from spawn to exit (or to the SHOWN line) and the child's peak RSS; a
    failing child is an error."""
    with tempfile.TemporaryFile() as out_f, tempfile.TemporaryFile() as err_f:
        start_wall = time.time()
        start = time.perf_counter()
        proc = subprocess.Popen(list(cmd), env=env, cwd=cwd, stdout=out_f, stderr=err_f)
        # os.wait4 reports this child's own peak RSS (getrusage(CHILDREN) would mix runs).
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                proc.wait()
                raise RuntimeError(f"timed out after {timeout} s: {' '.join(cmd)}")
            time.sleep(0.001)
        elapsed = time.perf_counter() - start
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        out_f.seek(0)
        out = out_f.read().decode(errors="replace")
        if code != 0:
            err_f.seek(0)
            err = err_f.read().decode(errors="replace")
            raise RuntimeError(f"exit {code}: {' '.join(cmd)}\n{out[-2000:]}\n{err[-4000:]}")
    shown = SHOWN.search(out)
    if shown:  # the window's moment, not the teardown after it
        elapsed = float(shown.group(1)) - start_wall
    return Run(elapsed, usage.ru_maxrss / 1024.0)  # Linux: kilobytes


def alternate(
    subject: Sequence[str],
    floor: Sequence[str],
    *,
    runs: int,
    env: dict[str, str],
    warmup: bool = True,
) -> tuple[Summary, Summary]:
    """Run subject and floor alternately `runs` times each (after one unmeasured warm-up
    of each, so the page cache is equally warm for both); medians and peak RSS."""
    if warmup:
        timed_run(subject, env=env)
        timed_run(floor, env=env)
    subject_runs: list[Run] = []
    floor_runs: list[Run] = []
    for _ in range(runs):
        subject_runs.append(timed_run(subject, env=env))
        floor_runs.append(timed_run(floor, env=env))
    return Summary.of(subject_runs), Summary.of(floor_runs)


def result_line(name: str, subject: Summary, floor: Summary) -> str:
    ratio = subject.seconds / floor.seconds if floor.seconds else float("nan")
    return (
        f"{name}: {subject.seconds:.3f} s vs floor {floor.seconds:.3f} s = ratio {ratio:.2f}"
        f" (peak RSS {subject.peak_rss_mb:.0f} MB, floor {floor.peak_rss_mb:.0f} MB)"
    )


def metric_line(name: str, value: float, unit: str, target: float) -> str:
    """A measured size or time against a fixed target (no floor): run_all shows value/target."""
    return f"{name}: {value:.1f} {unit} (target <= {target:g} {unit})"


def make_demo_db(folder: Path) -> Path:
    """A fresh demo database (the 13 projects with sample data) in `folder`."""
    path = folder / "demo.sqlite"
    subprocess.run(
        [sys.executable, "-m", "desktop_app", "init", "--demo", "--db", str(path)],
        check=True,
        capture_output=True,
        env=base_env(),
        cwd=ROOT,
    )
    return path


def parser(description: str, default_runs: int = 7) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--runs", type=int, default=default_runs, help="measured runs of each")
    p.add_argument("--smoke", action="store_true", help="one run, small sizes: does it run?")
    return p


class TempDir:
    """A temp folder removed on exit (kept when KEEP_BENCH_TMP is set, for a look)."""

    def __enter__(self) -> Path:
        self.path = Path(tempfile.mkdtemp(prefix="kp-bench-"))
        return self.path

    def __exit__(self, *exc: object) -> None:
        if not os.environ.get("KEEP_BENCH_TMP"):
            shutil.rmtree(self.path, ignore_errors=True)
