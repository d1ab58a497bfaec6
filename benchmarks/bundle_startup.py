"""Issue 9's bundle benchmark: the frozen bundle's start-up against the source run, and its size.

Subject: `dist/key-projects/key-projects --db <demo copy>`; floor: `python -m desktop_app`
on the same database, both with `KEY_PROJECTS_EXIT_AFTER_SHOW=1`, alternating, medians.
Targets: start-up ratio <= 1.2; the folder <= 250 MB on disk and <= 100 MB zipped.
Build the bundle first (`bash scripts/build_bundle.sh`) or pass `--build`. Without a
bundle, `--smoke` says so and exits 0 (the test suite does not build bundles).
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from harness import ROOT, TempDir, alternate, make_demo_db, metric_line, parser, result_line
from startup import app_command, startup_env

DEFAULT_BUNDLE = ROOT / "dist" / "key-projects"
EXE = "key-projects.exe" if sys.platform == "win32" else "key-projects"
MB = 1024 * 1024


def folder_size(folder: Path) -> int:
    """Bytes of the regular files (symlinks counted once, as the zip stores them)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def zipped_size(folder: Path, tmp: Path) -> int:
    """The folder as officers would get it: one deflate-compressed .zip."""
    target = tmp / f"{folder.name}.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for path in sorted(folder.rglob("*")):
            name = str(path.relative_to(folder.parent))
            if path.is_symlink():  # stored as a link (as `zip -y` does), not a second copy
                info = zipfile.ZipInfo(name)
                info.external_attr = 0o120777 << 16
                zf.writestr(info, os.readlink(path))
            elif path.is_file():
                zf.write(path, name)
    return target.stat().st_size


def main() -> int:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--bundle", type=Path, default=DEFAULT_BUNDLE, help="the built bundle folder")
    p.add_argument("--build", action="store_true", help="build the bundle first")
    args = p.parse_args()
    if args.build:
        subprocess.run(
            ["bash", str(ROOT / "scripts" / "build_bundle.sh")],
            check=True,
            cwd=ROOT,
            env={**os.environ, "SKIP_INSTALL": "1"},
        )
    exe = args.bundle / EXE
    if not exe.is_file():
        print(f"no bundle at {exe}: build it with `bash scripts/build_bundle.sh` (or --build)")
        return 0 if args.smoke else 2
    runs = 1 if args.smoke else max(args.runs, 5)
    with TempDir() as tmp:
        db = make_demo_db(tmp)
        env = startup_env(tmp)
        frozen, source = alternate(
            [str(exe), "--db", str(db)], app_command(db), runs=runs, env=env, warmup=not args.smoke
        )
        on_disk = folder_size(args.bundle) / MB
        zipped = zipped_size(args.bundle, tmp) / MB if not args.smoke else float("nan")
    print(f"runs: {runs} each, alternating, median; bundle {args.bundle}")
    print(metric_line("bundle size on disk", on_disk, "MB", 250))
    if not args.smoke:
        print(metric_line("bundle size zipped", zipped, "MB", 100))
    print(result_line("bundle_startup", frozen, source))
    return 0


if __name__ == "__main__":
    sys.exit(main())
