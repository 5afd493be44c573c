#!/usr/bin/env bash
# `npm run release -- <version> [--dry-run]`: cuts a release that .github/workflows/release.yml
# publishes to npm with provenance. Publishing itself happens only there (n8n requires packages to
# be published from CI with provenance), so this script never runs `npm publish`.
#
#   1. checks: on branch main, the working tree clean, no tag v<version> yet, and CHANGELOG.md has a
#      "## [<version>] - YYYY-MM-DD" section (write it, and commit it, first);
#   2. runs the whole test suite (`npm test`);
#   3. sets package.json's version (`npm version`, which commits and tags v<version>), or only tags
#      when package.json already carries that version (the first release, 1.0.0);
#   4. pushes the commit and the tag; the tag starts the release workflow.
#
# --dry-run does the checks of step 1 and prints the rest without running it.
# Not `n8n-node release` (the starter's): it runs release-it and auto-changelog fetched through npx,
# which rewrites CHANGELOG.md in its own format; this project keeps a hand-written Keep a Changelog.
set -euo pipefail
cd "$(dirname "$0")/.."

version=""
dry_run=0
for arg in "$@"; do
  case "$arg" in
    --dry-run) dry_run=1 ;;
    -*) echo "release: unknown option $arg" >&2; exit 2 ;;
    *) version="$arg" ;;
  esac
done
fail() { echo "release: $*" >&2; exit 1; }
[ -n "$version" ] || fail "usage: npm run release -- <version> [--dry-run]   (e.g. 1.0.1)"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] || fail "\"$version\" is not a version like 1.2.3 or 1.3.0-beta.1"
tag="v$version"
current="$(node -p 'require("./package.json").version')"

branch="$(git rev-parse --abbrev-ref HEAD)"
[ "$branch" = main ] || fail "releases are cut from main, this is $branch"
[ -z "$(git status --porcelain)" ] || fail "the working tree has uncommitted changes (git status); commit CHANGELOG.md and everything else first"
! git rev-parse -q --verify "refs/tags/$tag" >/dev/null || fail "tag $tag already exists"
heading="$(grep -E "^## \[$(printf '%s' "$version" | sed 's/\./\\./g')\] - [0-9]{4}-[0-9]{2}-[0-9]{2}$" CHANGELOG.md || true)"
[ -n "$heading" ] || fail "CHANGELOG.md has no \"## [$version] - YYYY-MM-DD\" section"
node -e '
const [cur, next] = process.argv.slice(1).map((v) => v.split(/[.-]/).slice(0, 3).map(Number));
for (let i = 0; i < 3; i++) { if (next[i] !== cur[i]) process.exit(next[i] > cur[i] ? 0 : 1); }
' "$current" "$version" || [ "$current" = "$version" ] || fail "$version is lower than package.json's $current"

echo "release: $tag ($heading), package.json $current"
if [ "$current" = "$version" ]; then bump="git tag -a $tag -m \"Release $version\""; else bump="npm version $version -m \"Release %s\""; fi
if [ "$dry_run" = 1 ]; then
  echo "release: checks passed; would run: npm test; $bump; git push --follow-tags origin main"
  exit 0
fi

npm test
if [ "$current" = "$version" ]; then
  git tag -a "$tag" -m "Release $version"
else
  # Commits package.json and package-lock.json and tags v<version> (npm's tag prefix is "v").
  npm version "$version" -m "Release %s"
fi
git push --follow-tags origin main
echo "release: pushed $tag; the Release workflow builds, tests and publishes it to npm with provenance"
