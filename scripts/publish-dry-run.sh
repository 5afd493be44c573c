#!/usr/bin/env bash
# Runs the release workflow's publish command (.github/workflows/release.yml, read from the file so
# the two cannot drift) with --dry-run, and so prints the tarball's contents as npm would upload them.
#
# What a dry run proves and what it cannot: npm packs the package, checks the manifest and the
# access flag, and asks the registry whether this version already exists, but it returns before
# the publish request, and so before provenance is generated. Outside GitHub Actions (or GitLab CI
# with a Sigstore token) a real `--provenance` publish is refused ("Automatic provenance generation
# not supported for provider: null"), and inside GitHub Actions it needs `id-token: write`: that
# part is checked statically by test/package.test.ts (trigger, permissions, command, token).
set -euo pipefail
cd "$(dirname "$0")/.."
command="$(node scripts/release-workflow.ts publish-command)"
name="$(node -p 'require("./package.json").name')"
version="$(node -p 'require("./package.json").version')"
if [ ! -f dist/nodes/Reamaze/Reamaze.node.js ]; then
  echo "[publish-dry-run] dist/ is missing: run npm run build first" >&2
  exit 1
fi
extra=()
# After a release, main carries the published version until the next bump; npm refuses to publish
# over it even in a dry run, so the dry run then skips that one registry check (--force).
if published="$(npm view "$name@$version" version 2>/dev/null)" && [ "$published" = "$version" ]; then
  echo "[publish-dry-run] $name@$version is already on the registry: dry run with --force (skips only that check)"
  extra+=(--force)
fi
echo "[publish-dry-run] $command --dry-run ${extra[*]+"${extra[*]}"}"
# shellcheck disable=SC2086 # the command is words from the workflow file
$command --dry-run ${extra[@]+"${extra[@]}"} 2>&1
