#!/usr/bin/env bash
# Installs Debian's Chromium for the UI tests (test/ui) when /usr/bin/chromium is missing.
# playwright-core drives it through executablePath; never `npx playwright install` (it downloads a
# browser build from the internet). Needs root (or sudo) and the Debian package mirror.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  echo "$CHROMIUM"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "[chromium] $CHROMIUM is missing and this is not root: install the 'chromium' package (apt-get install -y chromium)" >&2
    exit 1
  fi
fi
echo "[chromium] installing Debian's chromium package (first run only)" >&2
$SUDO apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation >&2
if [ ! -x "$CHROMIUM" ]; then
  echo "[chromium] apt-get finished but $CHROMIUM does not exist" >&2
  exit 1
fi
echo "$CHROMIUM"
