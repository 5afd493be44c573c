#!/usr/bin/env bash
# The whole test run (what `npm test` and CI run): build, lint, types, unit + engine tests,
# the real n8n end-to-end tests and the editor UI test, then one summary line over all suites.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp/results
rm -f .tmp/results/*.json
status=0
step() {
	local name="$1"; shift
	echo
	echo "=== $name: $*"
	local t0=$(date +%s)
	if "$@"; then echo "=== $name: ok ($(( $(date +%s) - t0 ))s)"; else echo "=== $name: FAILED ($(( $(date +%s) - t0 ))s)"; status=1; fi
}
vitest_json() { echo "--reporter=default --reporter=json --outputFile.json=.tmp/results/$1.json"; }

step build npm run --silent build
# The e2e and UI suites pack what was just built instead of building again.
export REAMAZE_SKIP_BUILD=1
step lint npm run --silent lint
step typecheck npm run --silent typecheck
step unit npx vitest run $(vitest_json unit)
if [ "${REAMAZE_SKIP_E2E:-}" != "1" ]; then
	step e2e npx vitest run --config vitest.e2e.config.mts test/e2e $(vitest_json e2e)
	step ui npx vitest run --config vitest.e2e.config.mts test/ui $(vitest_json ui)
fi

node -e '
const fs = require("fs");
let passed = 0, failed = 0, skipped = 0;
for (const f of fs.readdirSync(".tmp/results")) {
	const r = JSON.parse(fs.readFileSync(".tmp/results/" + f, "utf8"));
	console.log(`${f.replace(".json", "")}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
	passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + r.numTodoTests;
}
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
'
[ "$status" = 0 ] || echo "some steps FAILED (see === lines above)"
exit $status
