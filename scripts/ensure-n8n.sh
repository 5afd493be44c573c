#!/usr/bin/env bash
# Installs one n8n CLI version (N8N_VERSION, default 2.41.1) into its own cache folder outside the
# repository and prints its bin path. Each version is installed once and kept:
#   ${REAMAZE_CACHE_DIR:-~/.cache/n8n-nodes-reamaze}/n8n-<version>
# A plain `npm i n8n` fails here: an install script of a transitive dependency downloads from the
# internet, so install with --ignore-scripts and rebuild only the native module n8n needs at run
# time (sqlite3).
set -euo pipefail
N8N_VERSION="${N8N_VERSION:-2.41.1}"
CACHE_ROOT="${REAMAZE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-reamaze}"
N8N_DIR="$CACHE_ROOT/n8n-$N8N_VERSION"
here="$(cd "$(dirname "$0")" && pwd)"
case "$N8N_VERSION" in
  *[!0-9.]* | "") echo "[n8n] N8N_VERSION must be an exact version such as 2.41.1, not \"$N8N_VERSION\"" >&2; exit 2 ;;
esac
# One installer per version at a time (CI starts the installs early, in the background, and the
# e2e steps then wait here for them); a lock left by a process that died is taken over.
lock="$N8N_DIR.lock"
take_lock() {
  mkdir -p "$CACHE_ROOT"
  while ! mkdir "$lock" 2>/dev/null; do
    holder="$(cat "$lock/pid" 2>/dev/null || true)"
    if [ -n "$holder" ] && ! kill -0 "$holder" 2>/dev/null; then rm -rf "$lock"; continue; fi
    if [ -z "${waiting:-}" ]; then echo "[n8n] waiting for another process installing n8n@$N8N_VERSION (pid ${holder:-?})" >&2; waiting=1; fi
    sleep 2
  done
  echo $$ > "$lock/pid"
  have_lock=1
  trap 'rm -rf "$lock"' EXIT
}
if [ ! -f "$N8N_DIR/.complete" ]; then take_lock; fi
if [ ! -f "$N8N_DIR/.complete" ]; then
  echo "[n8n] installing n8n@$N8N_VERSION into $N8N_DIR (first run only, a few minutes)" >&2
  started=$(date +%s)
  # Built beside the final folder and renamed at the end, so an interrupted install never leaves a
  # half-filled folder marked complete.
  work="$N8N_DIR.partial.$$"
  rm -rf "$work"; mkdir -p "$work"
  trap 'rm -rf "$work" "$lock"' EXIT
  # n8n 1.x's n8n-nodes-base takes xlsx as a tarball from cdn.sheetjs.com, which only the npm
  # registry stands in for here: use the registry's xlsx (read only by the Spreadsheet File node,
  # which no test runs). 2.x no longer depends on it, so the override changes nothing there.
  cat > "$work/package.json" <<'JSON'
{ "name": "n8n-cache", "private": true, "overrides": { "xlsx": "0.18.5" } }
JSON
  "$here/node24.sh" npm install --prefix "$work" --ignore-scripts --no-audit --no-fund --loglevel=error "n8n@$N8N_VERSION" >&2
  # Run from an npm script of this repository, npm exports npm_config_ignore_scripts=true (.npmrc),
  # which would turn the rebuild into a silent no-op: say explicitly that its build script must run.
  (cd "$work" && npm_config_ignore_scripts=false "$here/node24.sh" npm rebuild sqlite3 --ignore-scripts=false --loglevel=error >&2)
  if [ ! -f "$work/node_modules/sqlite3/build/Release/node_sqlite3.node" ]; then
    echo "[n8n] sqlite3 did not build; n8n cannot open its database" >&2
    exit 1
  fi
  touch "$work/.complete"
  rm -rf "$N8N_DIR"
  mv "$work" "$N8N_DIR"
  echo "[n8n] n8n@$N8N_VERSION installed in $(( $(date +%s) - started ))s" >&2
fi
if [ -n "${have_lock:-}" ]; then trap - EXIT; rm -rf "$lock"; fi
echo "$N8N_DIR/node_modules/.bin/n8n"
