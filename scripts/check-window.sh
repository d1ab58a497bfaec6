#!/usr/bin/env bash
# Start the app once on a real X display (Xvfb, Qt's xcb platform) with a fresh default
# database, and check the window was shown. Fails if the xcb plugin cannot load (a missing
# libxcb-* library aborts Qt), if the app exits non-zero, or if no window was reported.
# Usage: scripts/check-window.sh [command...]   (default: key-projects)
set -euo pipefail
if [ "$#" -eq 0 ]; then set -- key-projects; fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
status=0
KEY_PROJECTS_DATA_DIR="$tmp/data" KEY_PROJECTS_CONFIG_DIR="$tmp/config" \
  KEY_PROJECTS_EXIT_AFTER_SHOW=1 QT_QPA_PLATFORM=xcb QT_DEBUG_PLUGINS=1 \
  timeout 180 xvfb-run -a "$@" >"$tmp/out" 2>"$tmp/err" </dev/null || status=$?
if [ "$status" -ne 0 ] || ! grep -q "^KEY_PROJECTS_WINDOW platform=xcb visible=1 " "$tmp/out"; then
  echo "check-window: the window did not appear under xcb (exit $status)" >&2
  grep -iE "xcb|could not|cannot|error" "$tmp/err" | tail -20 >&2 || true
  tail -20 "$tmp/out" >&2 || true
  exit 1
fi
if [ ! -f "$tmp/data/key-projects.sqlite" ]; then
  echo "check-window: no default database was created in $tmp/data" >&2
  exit 1
fi
grep "^KEY_PROJECTS_WINDOW" "$tmp/out"
