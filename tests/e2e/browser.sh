#!/usr/bin/env bash
# The dashboard in a real browser: runs tests/browser/run.js (playwright-core driving Debian's
# chromium) against the agmon binary. Skips (exit 0, with the reason) only when chromium, node
# or tests/browser/node_modules/playwright-core is missing; scripts/test installs all three.
# Usage: browser.sh AGMON_BINARY SOURCE_DIR
set -uo pipefail
agmon=$1; src=$2
dir="$src/tests/browser"
chromium=${AGMON_CHROMIUM:-/usr/bin/chromium}
skip() { echo "SKIP: browser test not run: $*" >&2; exit 0; }
[[ -x "$chromium" ]] || skip "no chromium at $chromium (apt-get install chromium, or run scripts/test)"
command -v node > /dev/null || skip "no node (apt-get install nodejs npm, or run scripts/test)"
[[ -d "$dir/node_modules/playwright-core" ]] || skip "no $dir/node_modules/playwright-core (cd tests/browser && npm install)"
cd "$dir" && exec timeout 150 node run.js "$agmon"
