#!/usr/bin/env bash
# Debian packages the app and its tests need: Qt's X11/EGL libraries (Qt runs offscreen
# in tests), poppler-utils (pdftotext/pdffonts/pdftoppm look at the brief), Xvfb.
set -euo pipefail
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
  poppler-utils xvfb libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 \
  libdbus-1-3 libglib2.0-0 libxcb-cursor0 \
  postgresql postgresql-client >/dev/null
