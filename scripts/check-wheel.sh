#!/usr/bin/env bash
# Build the wheel, install it (not editable) into a fresh virtual environment, and run the
# installed program from outside the checkout: `key-projects init` + `check` on a new
# database and `--selftest`. Fails when the font, seed, translations or guides were left
# out of the wheel (they live in resources/ and docs/, outside the package).
#   KP_VENV_FLAGS=--system-site-packages bash scripts/check-wheel.sh   # reuse installed deps
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$PY" -m pip wheel . --no-deps -q -w "$work/dist"
wheel="$(ls "$work"/dist/key_projects-*.whl)"
# shellcheck disable=SC2086  # KP_VENV_FLAGS is a list of flags
"$PY" -m venv ${KP_VENV_FLAGS:-} "$work/venv"
"$work/venv/bin/python" -m pip install -q "$wheel"
cd "$work"  # away from the checkout: nothing may come from its resources/ or docs/
export KEY_PROJECTS_DATA_DIR="$work/data" KEY_PROJECTS_CONFIG_DIR="$work/config"
unset KEY_PROJECTS_DB PYTHONPATH
"$work/venv/bin/python" - "$work/venv" <<'PY'
import sys
from pathlib import Path

import desktop_app
from desktop_app.resources import docs_root, resources_root

venv = Path(sys.argv[1]).resolve()
for name, path in (("package", Path(desktop_app.__file__)), ("resources", resources_root()),
                   ("docs", docs_root())):
    if venv not in path.resolve().parents:
        sys.exit(f"check-wheel: the {name} came from {path}, not from the installed wheel")
print(f"check-wheel: installed package and resources under {venv}")
PY
"$work/venv/bin/key-projects" init --db "$work/new.sqlite"
"$work/venv/bin/key-projects" check --db "$work/new.sqlite"
QT_QPA_PLATFORM=offscreen "$work/venv/bin/key-projects" --selftest
