#!/usr/bin/env bash
# Debian packages the app and its tests need: Qt's X11 platform (the xcb plugin and every
# xcb library it links, so the window opens on a Linux desktop, not only offscreen),
# EGL/GL, fonts config, poppler-utils (pdftotext/pdffonts/pdftoppm look at the brief),
# Xvfb and xauth (CI starts the real window under xvfb-run), PostgreSQL for its tests.
set -euo pipefail
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
  poppler-utils xvfb xauth libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0 \
  libxkbcommon0 libxkbcommon-x11-0 libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 \
  libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render0 \
  libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 \
  libxcb-xinerama0 libxcb-xinput0 libxcb-xkb1 \
  postgresql postgresql-client >/dev/null
