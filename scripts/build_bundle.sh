#!/usr/bin/env bash
# Build the one-folder bundle: dist/key-projects/key-projects (Linux).
#   bash scripts/build_bundle.sh            # install the build extra, then build
#   SKIP_INSTALL=1 bash scripts/build_bundle.sh
# Then check it:  QT_QPA_PLATFORM=offscreen dist/key-projects/key-projects --selftest
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
if [ -z "${SKIP_INSTALL:-}" ]; then
  # Editable, like the README's commands: the checkout stays the code that runs.
  "$PY" -m pip install -q -e ".[build]"
fi
start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN build.spec
end=$(date +%s)
size_mb=$(du -sm dist/key-projects | cut -f1)
echo "bundle: dist/key-projects (${size_mb} MB on disk), built in $((end - start)) s"
