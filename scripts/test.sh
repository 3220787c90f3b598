#!/usr/bin/env bash
# Sets up everything the tests need on a fresh Debian machine and runs the whole suite.
# System packages: Chromium and CJK fonts (browser tests), LibreOffice and poppler (rendering
# .docx to PDF and PNG), PostgreSQL (several app instances on one database).
set -euo pipefail
cd "$(dirname "$0")/.."
DEBS="chromium fonts-wqy-microhei libreoffice-writer-nogui poppler-utils postgresql"
missing=$(for p in $DEBS; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
if [ -n "$missing" ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi
bash scripts/setup.sh test
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
