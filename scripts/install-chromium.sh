#!/usr/bin/env bash
# CI only (.ci/run): makes sure the editor UI test has a browser, installing Debian's chromium
# package when scripts/find-browser.ts finds none. `npm test` never calls this: on a contributor's
# machine the UI test uses a Chromium/Chrome that is already there, or is reported as skipped.
# Needs apt-get and root (or sudo). Never `npx playwright install` (it downloads a browser build
# from outside the npm registry). Prints the browser's path.
set -euo pipefail
cd "$(dirname "$0")/.."
if found="$(bash scripts/node24.sh node scripts/find-browser.ts 2>/dev/null)"; then
  echo "$found"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "[chromium] no Chromium/Chrome found and no apt-get to install Debian's chromium: install a browser and set CHROMIUM_PATH" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "[chromium] installing Debian's chromium needs root or sudo (apt-get install -y chromium); or set CHROMIUM_PATH" >&2
    exit 1
  fi
fi
echo "[chromium] installing Debian's chromium package" >&2
$SUDO apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation >&2
if ! found="$(bash scripts/node24.sh node scripts/find-browser.ts)"; then
  echo "[chromium] apt-get finished but no browser is found" >&2
  exit 1
fi
echo "$found"
