#!/usr/bin/env bash
# Installs the real n8n CLI (pinned) into a cache folder outside the repository and prints its bin path.
# A plain `npm i n8n` fails here: an install script of a transitive dependency downloads from the internet,
# so install with --ignore-scripts and rebuild only the native module n8n needs at run time (sqlite3).
set -euo pipefail
N8N_VERSION="${N8N_VERSION:-2.41.1}"
CACHE_ROOT="${REAMAZE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-reamaze}"
N8N_DIR="$CACHE_ROOT/n8n-$N8N_VERSION"
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -f "$N8N_DIR/.complete" ]; then
  echo "[n8n] installing n8n@$N8N_VERSION into $N8N_DIR (first run only, a few minutes)" >&2
  rm -rf "$N8N_DIR"; mkdir -p "$N8N_DIR"
  echo '{"name":"n8n-cache","private":true}' > "$N8N_DIR/package.json"
  "$here/node24.sh" npm install --prefix "$N8N_DIR" --ignore-scripts --no-audit --no-fund --loglevel=error "n8n@$N8N_VERSION" >&2
  # Run from an npm script of this repository, npm exports npm_config_ignore_scripts=true (.npmrc),
  # which would turn the rebuild into a silent no-op: say explicitly that its build script must run.
  (cd "$N8N_DIR" && npm_config_ignore_scripts=false "$here/node24.sh" npm rebuild sqlite3 --ignore-scripts=false --loglevel=error >&2)
  if [ ! -f "$N8N_DIR/node_modules/sqlite3/build/Release/node_sqlite3.node" ]; then
    echo "[n8n] sqlite3 did not build; n8n cannot open its database" >&2
    exit 1
  fi
  touch "$N8N_DIR/.complete"
fi
echo "$N8N_DIR/node_modules/.bin/n8n"
