#!/usr/bin/env bash
# Adds up the test counts in the logs `make test` wrote and prints them; the last line is
# `total: N passed, M failed`, the line CI reads.
set -euo pipefail
logs=${1:-target/test-logs}

# cargo test (native and wasm-bindgen-test): "test result: ok. 35 passed; 0 failed; ..."
cargo_counts() {
  grep -hoE 'test result: [a-zA-Z]+\. [0-9]+ passed; [0-9]+ failed' "$1" \
    | awk '{p += $4; f += $6} END {printf "%d %d\n", p, f}'
}
# node --test: "ℹ pass 7" / "ℹ fail 0"
node_counts() {
  awk '/^ℹ pass /{p = $3} /^ℹ fail /{f = $3} END {printf "%d %d\n", p, f}' "$1"
}

# node --test's spec reporter, one suite per engine: "▶ firefox", then "  ✔ …" / "  ✖ …"
engine_counts() {
  awk -v engine="$2" '/^▶ /{current = $2} current == engine && /^  ✔ /{p++} current == engine && /^  ✖ /{f++}
    END {printf "%d %d\n", p, f}' "$1"
}

read -r native_pass native_fail < <(cargo_counts "$logs/native.log")
read -r browser_pass browser_fail < <(cargo_counts "$logs/browser.log")
read -r firefox_unit_pass firefox_unit_fail < <(cargo_counts "$logs/browser-firefox.log")
read -r e2e_pass e2e_fail < <(node_counts "$logs/e2e.log")
engines_line=''
engines_pass=0
engines_fail=0
for engine in chromium firefox webkit; do
  read -r pass fail < <(engine_counts "$logs/engines.log" "$engine")
  engines_line+="${engines_line:+; }${engine} ${pass} passed, ${fail} failed"
  engines_pass=$((engines_pass + pass))
  engines_fail=$((engines_fail + fail))
done
# A suite that failed before its tests ran (a driver that did not start) counts as a failure.
read -r engines_node_pass engines_node_fail < <(node_counts "$logs/engines.log")
if [ "$engines_node_fail" -gt "$engines_fail" ]; then engines_fail=$engines_node_fail; fi
total_line=$(grep -E '^total ' "$logs/size.log" || echo 'total (no size report)')
first_load=$(grep -E '^first load ' "$logs/budgets.log" || echo 'first load (no budget report)')
wasm_js=$(grep -E '^wasm \+ js ' "$logs/budgets.log" || echo 'wasm + js (no budget report)')

echo
echo "native tests (cargo test):            ${native_pass} passed, ${native_fail} failed"
echo "browser tests (wasm-bindgen-test):    Chromium ${browser_pass} passed, ${browser_fail} failed; Firefox ${firefox_unit_pass} passed, ${firefox_unit_fail} failed"
echo "end-to-end tests (Chromium, dist/):   ${e2e_pass} passed, ${e2e_fail} failed"
echo "engines (WebDriver, dist/):           ${engines_line}"
echo "checks: cargo fmt, clippy (native, wasm32), snapshot up to date, trunk build --release"
echo "dist/ ${total_line#total }  (raw, gzip, brotli)"
echo "budget: ${first_load}"
echo "budget: ${wasm_js}"
pass=$((native_pass + browser_pass + firefox_unit_pass + e2e_pass + engines_pass))
fail=$((native_fail + browser_fail + firefox_unit_fail + e2e_fail + engines_fail))
echo "total: ${pass} passed, ${fail} failed"
