#!/usr/bin/env bash
# The whole test run (what `npm test` and CI run): build, lint (n8n's rules, then the verification
# scan's way on the packed tarball), types, unit + engine tests, the publish dry run, the real n8n
# end-to-end tests on every supported n8n line (2.x and the oldest supported 1.x) and the editor UI
# test, then one summary line over all suites.
# Nothing here installs system packages: the UI test uses a Chromium/Chrome already on the machine
# (scripts/find-browser.ts) and is reported as skipped when there is none, except under CI=true,
# where a missing browser fails the run (.ci/run installs one first).
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp/results
rm -f .tmp/results/*.json .tmp/results/*.note
status=0
step() {
	local name="$1"; shift
	echo
	echo "=== $name: $*"
	local t0=$(date +%s)
	if "$@"; then echo "=== $name: ok ($(( $(date +%s) - t0 ))s)"; else echo "=== $name: FAILED ($(( $(date +%s) - t0 ))s)"; status=1; fi
}
vitest_json() { echo "--reporter=default --reporter=json --outputFile.json=.tmp/results/$1.json"; }
# A suite that did not run gets a line of its own in the summary.
note() { echo "$2" > ".tmp/results/$1.note"; }

# The oldest n8n this package supports (README "Compatibility"; scripts/n8n-env.ts).
N8N_OLDEST="$(node -e 'console.log(require("./package.json").engines.n8n.replace(/^>=/, ""))')"

step build npm run --silent build
# The e2e, UI and scan-lint steps pack what was just built instead of building again.
export REAMAZE_SKIP_BUILD=1
step lint npm run --silent lint
step lint-scan npm run --silent lint:scan
step typecheck npm run --silent typecheck
step unit npx vitest run $(vitest_json unit)
step publish-dry-run bash scripts/publish-dry-run.sh
if [ "${REAMAZE_SKIP_E2E:-}" != "1" ]; then
	# The n8n CLIs first, outside the test runner's hook timeouts: minutes each on a cold cache (or
	# waiting here for the installs .ci/run started in the background), nothing when cached.
	step n8n-cli bash -c 'bash scripts/ensure-n8n.sh >/dev/null && N8N_VERSION="$0" bash scripts/ensure-n8n.sh >/dev/null' "$N8N_OLDEST"
	step e2e npx vitest run --config vitest.e2e.config.mts test/e2e $(vitest_json e2e)
	step "e2e-n8n-$N8N_OLDEST" env N8N_VERSION="$N8N_OLDEST" npx vitest run --config vitest.e2e.config.mts test/e2e $(vitest_json "e2e-n8n-$N8N_OLDEST")
	if browser="$(node scripts/find-browser.ts 2>/dev/null)"; then
		echo; echo "=== ui: browser $browser"
		step ui npx vitest run --config vitest.e2e.config.mts test/ui $(vitest_json ui)
	elif [ "${CI:-}" = "true" ]; then
		echo; echo "=== ui: FAILED — no Chromium/Chrome found, and CI must run the UI test (.ci/run installs Debian's chromium)"
		note ui "ui: FAILED — no Chromium/Chrome found (CI=true)"
		status=1
	else
		echo; echo "=== ui: skipped — no Chromium/Chrome found; set CHROMIUM_PATH"
		note ui "ui: skipped — no Chromium/Chrome found; set CHROMIUM_PATH (or install chromium / Google Chrome)"
	fi
else
	note e2e "e2e, ui: skipped (REAMAZE_SKIP_E2E=1)"
fi

node -e '
const fs = require("fs");
let passed = 0, failed = 0, skipped = 0;
for (const f of fs.readdirSync(".tmp/results").sort()) {
	if (f.endsWith(".note")) { console.log(fs.readFileSync(".tmp/results/" + f, "utf8").trim()); continue; }
	const r = JSON.parse(fs.readFileSync(".tmp/results/" + f, "utf8"));
	// A failed hook (beforeAll) leaves its tests "skipped": they did not run, so they count as failed.
	const notRun = !r.success && r.numFailedTests === 0 ? r.numPendingTests + r.numTodoTests : 0;
	const suiteFailed = !r.success ? "; " + r.numFailedTestSuites + " suite(s) failed" + (notRun ? " before their tests could run" : "") : "";
	const f1 = r.numFailedTests + notRun, s1 = r.numPendingTests + r.numTodoTests - notRun;
	console.log(`${f.replace(".json", "")}: ${r.numPassedTests} passed, ${f1} failed, ${s1} skipped${suiteFailed}`);
	passed += r.numPassedTests; failed += f1; skipped += s1;
}
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
'
[ "$status" = 0 ] || echo "some steps FAILED (see === lines above)"
exit $status
